"""The features the quality numbers and the class-consistency classifier use: EfficientNet-Lite0
(bundled ImageNet weights, no network needed), average-pooled, at a fixed input size."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Sequence

import numpy as np

from tlstudio.core.synthetic.generators import PathLike


@dataclass(frozen=True)
class FeatureExtractor:
    """Turns images into feature vectors for the quality numbers.

    ``embed`` takes ``uint8`` ``(n, image_size, image_size, 3)`` and returns ``(n, d)`` floats.
    ``image_size=None``: the images are used at the size they have."""

    name: str
    image_size: int | None
    embed: Callable[[np.ndarray], np.ndarray]


#: The input size of the quality measure's features. Fixed, not the backbone's training default
#: (which moved from 256 to 320): a Fréchet distance is only comparable with one measured the same way.
QUALITY_FEATURE_SIZE = 256


def lite0_features(batch_size: int = 32) -> FeatureExtractor:
    """EfficientNet-Lite0 with its bundled ImageNet weights (no network needed), at
    :data:`QUALITY_FEATURE_SIZE`, average-pooled: 1280 numbers per image."""
    import keras

    from tlstudio.core.models.backbones import build_backbone, preprocess_layer

    size = QUALITY_FEATURE_SIZE
    backbone = build_backbone("efficientnet_lite0", image_size=size, weights="imagenet")
    inputs = keras.Input((size, size, 3))
    pooled = keras.layers.GlobalAveragePooling2D()(backbone(preprocess_layer("efficientnet_lite0")(inputs)))
    model = keras.Model(inputs, pooled)

    def embed(images: np.ndarray) -> np.ndarray:
        out = [np.asarray(model.predict_on_batch(images[i : i + batch_size].astype("float32")))
               for i in range(0, len(images), batch_size)]
        return np.concatenate(out).astype("float64") if out else np.zeros((0, 1280))

    return FeatureExtractor(name=f"EfficientNet-Lite0 (ImageNet), average-pooled, {size} px", image_size=size, embed=embed)


def load_many(paths: Sequence[PathLike], size: int | None, via: int) -> np.ndarray:
    """The images at ``via`` pixels (the generator's size), then resized to ``size`` (the feature
    extractor's; None: kept at ``via``)."""
    from tlstudio.core.data.imageio import load_image, resize_array

    side = size or via
    if not paths:
        return np.zeros((0, side, side, 3), np.uint8)
    return np.stack([resize_array(load_image(p, via), side) for p in paths])
