"""The Keras layers that change training pictures, and the augmenter built from an AugmentSpec.

Each switched-on operation is one Keras layer, in a fixed order (geometry first, then light,
then blur and cutout), followed by a clip to 0..255. Each is wrapped in :class:`RandomApply`,
which gives it to each image with the operation's probability. The layers work on float batches
in 0..255, are random only when called with ``training=True`` (identity otherwise, so
validation and test images are never changed) and are seeded, so a run with the same seed sees
the same augmented images. tlstudio's own layers are registered Keras serializables
(``tlstudio>RandomApply``, ...), so saved configs and models load again.

This module imports Keras: import it where a model is built, not at the top of a light module.
"""

from __future__ import annotations

import math
from typing import Any

import keras

from tlstudio.core.config import AugmentSpec

VALUE_RANGE = (0.0, 255.0)
# Augmentation computes in float32 whatever the run's precision policy: some Keras image layers
# (Gaussian blur) cannot run in float16, and pixels need no half precision to be cheap.
DTYPE = "float32"
# Cut-out patches are filled with mid grey: neither a colour nor an edge the model could learn.
CUTOUT_FILL = 127.5


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


@keras.saving.register_keras_serializable(package="tlstudio")
class RandomApply(keras.layers.Layer):
    """Apply ``layer`` to each image of a batch with probability ``probability`` (drawn per
    image, seeded); the other images pass through unchanged. Identity unless training.

    The wrapped layer runs on the whole batch and ``keras.ops.where`` keeps its output for
    the chosen images, so it works on every Keras backend and inside ``tf.data``.
    """

    def __init__(self, layer: Any, probability: float = 1.0, seed: int | None = None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        if isinstance(layer, dict):
            layer = keras.saving.deserialize_keras_object(layer)
        self.layer = layer
        self.probability = float(probability)
        self.seed = seed
        self.seed_generator = keras.random.SeedGenerator(seed)

    def build(self, input_shape: Any) -> None:
        if not self.layer.built:
            self.layer.build(input_shape)

    def call(self, inputs: Any, training: bool | None = False) -> Any:
        if not training or self.probability <= 0.0:
            return inputs
        changed = self.layer(inputs, training=True)
        if self.probability >= 1.0:
            return changed
        draw = keras.random.uniform((keras.ops.shape(inputs)[0],), seed=self.seed_generator)
        chosen = keras.ops.reshape(draw < self.probability, (-1, 1, 1, 1))
        return keras.ops.where(chosen, changed, keras.ops.cast(inputs, changed.dtype))

    def compute_output_shape(self, input_shape: Any) -> Any:
        return input_shape

    def get_config(self) -> dict[str, Any]:
        return {**super().get_config(), "layer": keras.saving.serialize_keras_object(self.layer),
                "probability": self.probability, "seed": self.seed}


@keras.saving.register_keras_serializable(package="tlstudio")
class Flip(keras.layers.Layer):
    """Mirror every image, left-right (``horizontal``) or upside down (``vertical``);
    :class:`RandomApply` decides which images."""

    def __init__(self, direction: str = "horizontal", **kwargs: Any) -> None:
        super().__init__(**kwargs)
        if direction not in ("horizontal", "vertical"):
            raise ValueError(f"direction must be 'horizontal' or 'vertical'. Received: direction={direction!r}")
        self.direction = direction

    def call(self, inputs: Any, training: bool | None = False) -> Any:
        return keras.ops.flip(inputs, axis=-2 if self.direction == "horizontal" else -3)

    def compute_output_shape(self, input_shape: Any) -> Any:
        return input_shape

    def get_config(self) -> dict[str, Any]:
        return {**super().get_config(), "direction": self.direction}


@keras.saving.register_keras_serializable(package="tlstudio")
class RandomCropResize(keras.layers.Layer):
    """Crop a random window of ``1 - crop`` of each side (position drawn per image, seeded)
    and resize it back to the input size: the output has the input's shape. Identity unless
    training."""

    def __init__(self, crop: float = 0.1, seed: int | None = None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        if not 0.0 <= float(crop) < 1.0:
            raise ValueError(f"crop must be between 0 and 1. Received: crop={crop!r}")
        self.crop = float(crop)
        self.seed = seed
        self.seed_generator = keras.random.SeedGenerator(seed)
        # affine_transform cannot be compiled by XLA: like Keras' own geometric layers, this
        # layer keeps a model that holds it (the augmented training model) out of XLA.
        self.supports_jit = False

    def call(self, inputs: Any, training: bool | None = False) -> Any:
        if not training or self.crop == 0.0:
            return inputs
        ops = keras.ops
        shape = ops.shape(inputs)
        batch = shape[0]
        height = ops.cast(shape[-3], "float32")
        width = ops.cast(shape[-2], "float32")
        where = keras.random.uniform((batch, 2), seed=self.seed_generator)
        left = where[:, 0] * self.crop * (width - 1.0)
        top = where[:, 1] * self.crop * (height - 1.0)
        scale = ops.full((batch,), 1.0 - self.crop, dtype="float32")
        zero = ops.zeros((batch,), dtype="float32")
        # Output pixel (x, y) is read from input (scale * x + left, scale * y + top).
        transform = ops.stack([scale, zero, left, zero, scale, top, zero, zero], axis=1)
        images = ops.cast(inputs, "float32")
        out = ops.image.affine_transform(images, transform, interpolation="bilinear", fill_mode="reflect")
        return ops.cast(out, inputs.dtype)

    def compute_output_shape(self, input_shape: Any) -> Any:
        return input_shape

    def get_config(self) -> dict[str, Any]:
        return {**super().get_config(), "crop": self.crop, "seed": self.seed}


def blur_kernel_size(sigma: float) -> int:
    """An odd Gaussian kernel wide enough for ``sigma`` (±3 sigma), at least 3."""
    return max(3, 2 * math.ceil(3.0 * sigma) + 1)


def build_layers(spec: AugmentSpec, *, seed: int | None = None) -> list["keras.layers.Layer"]:
    """One seeded Keras layer per operation of ``spec`` that changes images (empty when none
    does), each wrapped in ``RandomApply`` with the operation's probability.

    Conventions (Keras 3): ``RandomZoom`` takes a negative height factor for zooming in and a
    positive one for zooming out, with the width following the height (aspect kept);
    ``RandomBrightness``/``RandomContrast`` factors are fractions; ``RandomGaussianBlur`` picks
    a sigma in ``[0, spec.blur]``; ``RandomErasing`` erases a patch whose sides are between half
    of and the full ``spec.cutout`` fraction of the image side. Blur and erasing are told to
    change every image they get (factor 1..1), so the probability alone decides how many do.
    """
    random_apply, flip, crop_resize = RandomApply, Flip, RandomCropResize
    layers: list[keras.layers.Layer] = []

    def next_seed() -> int | None:
        # Each layer gets its own seeds so that layers do not draw the same random numbers.
        return None if seed is None else seed + 1009 * (len(layers) + 1)

    def add(operation: str, make: Any) -> None:
        if operation not in active:
            return
        inner_seed = next_seed()
        wrapper_seed = None if inner_seed is None else inner_seed + 7
        layers.append(random_apply(make(inner_seed), spec.probability(operation), seed=wrapper_seed, name=operation,
                                   dtype=DTYPE))

    active = spec.active_operations()
    f32 = {"dtype": DTYPE}
    add("flip_horizontal", lambda s: flip("horizontal", name="flip_horizontal_layer", **f32))
    add("flip_vertical", lambda s: flip("vertical", name="flip_vertical_layer", **f32))
    add("rotation", lambda s: keras.layers.RandomRotation(spec.rotation, fill_mode="reflect", seed=s, **f32))
    add("zoom", lambda s: keras.layers.RandomZoom((-spec.zoom_in, spec.zoom_out), fill_mode="reflect", seed=s, **f32))
    add("crop", lambda s: crop_resize(spec.crop, seed=s, **f32))
    add("translation", lambda s: keras.layers.RandomTranslation(spec.translation, spec.translation,
                                                                fill_mode="reflect", seed=s, **f32))
    add("brightness", lambda s: keras.layers.RandomBrightness(spec.brightness, value_range=VALUE_RANGE, seed=s, **f32))
    add("contrast", lambda s: keras.layers.RandomContrast(spec.contrast, value_range=VALUE_RANGE, seed=s, **f32))
    add("blur", lambda s: keras.layers.RandomGaussianBlur(factor=(1.0, 1.0), kernel_size=blur_kernel_size(spec.blur),
                                                          sigma=(0.0, float(spec.blur)), value_range=VALUE_RANGE,
                                                          seed=s, **f32))
    side = float(spec.cutout)
    add("cutout", lambda s: keras.layers.RandomErasing(factor=(1.0, 1.0), scale=((side / 2) ** 2, side**2),
                                                       fill_value=CUTOUT_FILL, value_range=VALUE_RANGE, seed=s, **f32))
    return layers


def build_augmenter(spec: AugmentSpec, *, seed: int | None = None) -> "keras.Sequential | None":
    """A ``keras.Sequential`` applying ``spec`` to float 0..255 image batches, or None when no
    operation of ``spec`` changes images (mixup is applied to batches, see :func:`mixup_layer`).

    Random only when called with ``training=True``; called with ``training=False`` or without
    the argument it passes images through unchanged. Output is clipped to 0..255 and keeps the
    input's shape.
    """
    if not spec.changes_images:
        return None
    layers = build_layers(spec, seed=seed)
    layers.append(ClipToRange(*VALUE_RANGE, name="clip", dtype=DTYPE))
    return Augmenter(layers, name="augmentation")


# ----------------------------------------------------------------------------- mixup of image batches


def mixup_layer(spec: AugmentSpec, *, seed: int | None = None) -> "keras.layers.Layer | None":
    """Keras' ``MixUp`` for batches of images with one-hot labels (call it with
    ``{"images": x, "labels": y}``), or None when ``spec.mixup`` is 0."""
    if spec.mixup <= 0:
        return None
    return keras.layers.MixUp(alpha=float(spec.mixup), seed=seed, dtype=DTYPE)


def mix_image_batches(dataset: Any, spec: AugmentSpec, *, seed: int | None = None) -> Any:
    """``dataset`` (a ``tf.data`` pipeline of image batches and one-hot labels) with mixup
    applied to every batch, unchanged when mixup is off."""
    layer = mixup_layer(spec, seed=seed)
    if layer is None:
        return dataset
    import tensorflow as tf

    def mix(x: Any, y: Any) -> tuple[Any, Any]:
        out = layer({"images": x, "labels": tf.cast(y, "float32")}, training=True)
        return out["images"], out["labels"]

    return dataset.map(mix, num_parallel_calls=tf.data.AUTOTUNE)
