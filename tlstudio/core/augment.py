"""Augmentation: an :class:`~tlstudio.core.config.AugmentSpec` becomes Keras preprocessing layers.

Each switched-on operation is one Keras layer, in a fixed order (geometry first, then light,
then blur and cutout), followed by a clip to 0..255. The layers work on float batches in
0..255, are random only when called with ``training=True`` (identity otherwise, so validation
and test images are never changed) and are seeded, so a run with the same seed sees the same
augmented images. :func:`preview` shows what the operations do to one real picture.
"""

from __future__ import annotations

import functools
import math
import threading
from typing import TYPE_CHECKING, Any

import numpy as np

from tlstudio.core.config import AugmentSpec
from tlstudio.core.imageio import resize_array

if TYPE_CHECKING:
    import keras

VALUE_RANGE = (0.0, 255.0)
# Cut-out patches are filled with mid grey: neither a colour nor an edge the model could learn.
CUTOUT_FILL = 127.5


@functools.cache
def layer_classes() -> tuple[type, type]:
    """``(ClipToRange, Augmenter)``: tlstudio's two Keras classes, defined on first use so that
    importing this module does not import Keras, and registered so saved configs load again."""
    import keras

    @keras.saving.register_keras_serializable(package="tlstudio")
    class ClipToRange(keras.layers.Layer):
        """Clamp pixel values to ``[low, high]`` (interpolation can overshoot slightly)."""

        def __init__(self, low: float = 0.0, high: float = 255.0, **kwargs: Any) -> None:
            super().__init__(**kwargs)
            self.low = float(low)
            self.high = float(high)

        def call(self, inputs: Any) -> Any:
            return keras.ops.clip(inputs, self.low, self.high)

        def compute_output_shape(self, input_shape: Any) -> Any:
            return input_shape

        def get_config(self) -> dict[str, Any]:
            return {**super().get_config(), "low": self.low, "high": self.high}

    @keras.saving.register_keras_serializable(package="tlstudio")
    class Augmenter(keras.Sequential):
        """A Sequential of augmentation layers that is the identity unless called with
        ``training=True``.

        Keras' random image layers default to *training* when called without the argument;
        here the default is inference, so ``augmenter(images)`` never changes images by
        accident (Keras' ``fit`` still passes ``training=True``).
        """

        def call(self, inputs: Any, training: bool | None = False, mask: Any = None) -> Any:
            return super().call(inputs, training=bool(training), mask=mask)

    return ClipToRange, Augmenter


def blur_kernel_size(sigma: float) -> int:
    """An odd Gaussian kernel wide enough for ``sigma`` (±3 sigma), at least 3."""
    return max(3, 2 * math.ceil(3.0 * sigma) + 1)


def build_layers(spec: AugmentSpec, *, seed: int | None = None) -> list["keras.layers.Layer"]:
    """One seeded Keras layer per switched-on operation of ``spec`` (empty when none is on).

    Conventions (Keras 3): ``RandomZoom`` takes a negative height factor for zooming in and a
    positive one for zooming out, with the width following the height (aspect kept);
    ``RandomBrightness``/``RandomContrast`` factors are fractions; ``RandomGaussianBlur`` picks
    a sigma in ``[0, spec.blur]`` and blurs each image with probability about one half;
    ``RandomErasing`` erases, with probability about one half, a patch whose sides are between
    half of and the full ``spec.cutout`` fraction of the image side.
    """
    import keras

    def next_seed() -> int | None:
        # Each layer gets its own seed so that layers do not draw the same random numbers.
        return None if seed is None else seed + 1009 * (len(layers) + 1)

    layers: list[keras.layers.Layer] = []
    flip_mode = {(True, True): "horizontal_and_vertical", (True, False): "horizontal",
                 (False, True): "vertical"}.get((spec.flip_horizontal, spec.flip_vertical))
    if flip_mode is not None:
        layers.append(keras.layers.RandomFlip(flip_mode, seed=next_seed(), name="flip"))
    if spec.rotation > 0:
        layers.append(keras.layers.RandomRotation(spec.rotation, fill_mode="reflect", seed=next_seed(), name="rotation"))
    if spec.zoom_in > 0 or spec.zoom_out > 0:
        layers.append(keras.layers.RandomZoom((-spec.zoom_in, spec.zoom_out), fill_mode="reflect",
                                              seed=next_seed(), name="zoom"))
    if spec.translation > 0:
        layers.append(keras.layers.RandomTranslation(spec.translation, spec.translation, fill_mode="reflect",
                                                     seed=next_seed(), name="translation"))
    if spec.brightness > 0:
        layers.append(keras.layers.RandomBrightness(spec.brightness, value_range=VALUE_RANGE, seed=next_seed(),
                                                    name="brightness"))
    if spec.contrast > 0:
        layers.append(keras.layers.RandomContrast(spec.contrast, value_range=VALUE_RANGE, seed=next_seed(),
                                                  name="contrast"))
    if spec.blur > 0:
        layers.append(keras.layers.RandomGaussianBlur(factor=1.0, kernel_size=blur_kernel_size(spec.blur),
                                                      sigma=(0.0, float(spec.blur)), value_range=VALUE_RANGE,
                                                      seed=next_seed(), name="blur"))
    if spec.cutout > 0:
        side = float(spec.cutout)
        layers.append(keras.layers.RandomErasing(factor=1.0, scale=((side / 2) ** 2, side**2), fill_value=CUTOUT_FILL,
                                                 value_range=VALUE_RANGE, seed=next_seed(), name="cutout"))
    return layers


def build_augmenter(spec: AugmentSpec, *, seed: int | None = None) -> "keras.Sequential | None":
    """A ``keras.Sequential`` applying ``spec`` to float 0..255 image batches, or None when
    ``spec`` switches nothing on.

    Random only when called with ``training=True``; called with ``training=False`` or without
    the argument it passes images through unchanged. Output is clipped to 0..255 and keeps the
    input's shape.
    """
    if spec.is_identity:
        return None
    clip_to_range, augmenter = layer_classes()
    layers = build_layers(spec, seed=seed)
    layers.append(clip_to_range(*VALUE_RANGE, name="clip"))
    return augmenter(layers, name="augmentation")


_PREVIEW_LOCK = threading.Lock()


def preview(image: np.ndarray, spec: AugmentSpec, n: int, *, seed: int = 0, size: int = 160) -> list[np.ndarray]:
    """``n`` randomly augmented ``size x size`` uint8 copies of one RGB image.

    The picture is resized as training resizes it, then augmented as during training. The
    same ``seed`` gives the same variants, so the preview does not flicker when redrawn.
    With no operation switched on, all variants equal the resized picture.
    """
    if n < 1:
        raise ValueError(f"n must be at least 1. Received: n={n}")
    if image.ndim == 2:
        image = np.stack([image] * 3, axis=-1)
    if image.ndim != 3 or image.shape[2] not in (3, 4):
        raise ValueError(f"image must be an RGB array of shape (height, width, 3). Received: shape={image.shape}")
    resized = resize_array(image[..., :3], size)
    batch = np.repeat(resized[None].astype(np.float32), n, axis=0)
    # One preview at a time (the app may ask from two threads after two quick clicks): Keras
    # builds layers with process-wide name counters and seed state, not made for concurrent use.
    with _PREVIEW_LOCK:
        augmenter = build_augmenter(spec, seed=seed)
        if augmenter is None:
            return [resized.copy() for _ in range(n)]
        import keras

        out = keras.ops.convert_to_numpy(augmenter(batch, training=True))
    return [np.clip(np.round(v), 0, 255).astype(np.uint8) for v in out]


__all__ = ["VALUE_RANGE", "blur_kernel_size", "layer_classes", "build_augmenter", "build_layers", "preview"]
