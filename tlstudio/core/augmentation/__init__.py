"""Augmentation: random changes to training pictures (Keras preprocessing layers), presets, previews and augmented copies."""
