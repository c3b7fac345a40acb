"""tlstudio: train image classifiers when data is scarce."""

__version__ = "0.1.0"
