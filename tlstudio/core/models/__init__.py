"""Networks: the backbone registry and its weights, EfficientNet-Lite0, the classifier (backbone + head, freeze plan), the feature cache and what the hardware offers."""
