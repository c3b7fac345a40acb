"""How good a model is: test metrics with intervals, the confusion matrix, Grad-CAM, calibration, and predictions on new pictures."""
