"""Augmentation: an :class:`~tlstudio.core.config.AugmentSpec` becomes Keras preprocessing layers.

Each switched-on operation is one Keras layer, in a fixed order (geometry first, then light,
then blur and cutout), followed by a clip to 0..255. Each is wrapped in :class:`RandomApply`
(via :func:`layer_classes`), which gives it to each image with the operation's probability. The
layers work on float batches in 0..255, are random only when called with ``training=True``
(identity otherwise, so validation and test images are never changed) and are seeded, so a run
with the same seed sees the same augmented images. :func:`preview` shows what the operations do
to one real picture.

Mixup is not a layer of the augmenter: it mixes pairs of images *and their labels*, so it works
on whole batches, see :func:`mixup_arrays` (cached backbone outputs: mixup in feature space) and
:func:`mixup_layer` (image batches, Keras' ``MixUp``).

``PRESETS`` are augmentation plans for kinds of images, each with the reason for every choice in
plain words; :func:`label_warnings` says when a chosen operation can change what an image shows.
"""

from __future__ import annotations

import functools
import math
import re
import threading
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Sequence

import numpy as np

from tlstudio.core.config import AugmentSpec
from tlstudio.core.data.imageio import resize_array
from tlstudio.core.errors import ConfigError

if TYPE_CHECKING:
    import keras

VALUE_RANGE = (0.0, 255.0)
# Augmentation computes in float32 whatever the run's precision policy: some Keras image layers
# (Gaussian blur) cannot run in float16, and pixels need no half precision to be cheap.
DTYPE = "float32"
# Cut-out patches are filled with mid grey: neither a colour nor an edge the model could learn.
CUTOUT_FILL = 127.5


@functools.cache
def layer_classes() -> tuple[type, ...]:
    """``(ClipToRange, Augmenter, RandomApply, Flip, RandomCropResize)``: tlstudio's Keras classes,
    defined on first use so that importing this module does not import Keras, and registered so
    saved configs and models load again."""
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

    return ClipToRange, Augmenter, RandomApply, Flip, RandomCropResize


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
    import keras

    _, _, random_apply, flip, crop_resize = layer_classes()
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
    clip_to_range, augmenter = layer_classes()[:2]
    layers = build_layers(spec, seed=seed)
    layers.append(clip_to_range(*VALUE_RANGE, name="clip", dtype=DTYPE))
    return augmenter(layers, name="augmentation")


# ----------------------------------------------------------------------------- mixup


def mixup_arrays(x: np.ndarray, y: np.ndarray, alpha: float, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    """Mixup of one batch: each row is blended with a randomly chosen row of the same batch,
    ``w * a + (1 - w) * b`` with ``w ~ Beta(alpha, alpha)`` per row, for the inputs ``x`` (images
    or cached backbone outputs: the latter is mixup in feature space) and the one-hot labels
    ``y`` alike, so every label row still sums to 1. ``alpha`` 0 returns the batch unchanged."""
    if alpha <= 0 or len(x) < 2:
        return x, y
    weight = rng.beta(alpha, alpha, size=len(x)).astype("float32")
    partner = rng.permutation(len(x))
    wx = weight.reshape((-1,) + (1,) * (x.ndim - 1))
    wy = weight.reshape((-1,) + (1,) * (y.ndim - 1))
    return (wx * x + (1.0 - wx) * x[partner]).astype("float32"), (wy * y + (1.0 - wy) * y[partner]).astype("float32")


def mixup_layer(spec: AugmentSpec, *, seed: int | None = None) -> "keras.layers.Layer | None":
    """Keras' ``MixUp`` for batches of images with one-hot labels (call it with
    ``{"images": x, "labels": y}``), or None when ``spec.mixup`` is 0."""
    if spec.mixup <= 0:
        return None
    import keras

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


# ----------------------------------------------------------------------------- presets


@dataclass(frozen=True)
class Preset:
    """An augmentation plan for one kind of image: the spec, a title, and why each choice was
    made (plain sentences shown beside the controls and printed by the CLI)."""

    key: str
    title: str
    spec: AugmentSpec
    reasons: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        return {"key": self.key, "title": self.title, "spec": self.spec.to_dict(), "reasons": list(self.reasons)}


_DEG = 1 / 360  # rotation is a fraction of a full turn

PRESETS: dict[str, Preset] = {
    "none": Preset("none", "No augmentation", AugmentSpec(), (
        "Every training image is used as it is. Useful as the baseline that shows what augmentation adds.",
    )),
    "natural": Preset("natural", "Natural photos", AugmentSpec(
        flip_horizontal=True, rotation=10 * _DEG, zoom_in=0.15, zoom_out=0.1, translation=0.1,
        brightness=0.2, contrast=0.2, cutout=0.2, cutout_p=0.25), (
        "Left-right flips are on: a mirrored dog or flower is still a dog or a flower.",
        "Upside-down flips are off: in photos the sky is above and the ground below, and the model "
        "never has to recognise an upside-down scene.",
        "Small rotations (±10°) only: photos are held slightly tilted, rarely more.",
        "Zoom and shift: the same subject is framed closer, further or off-centre from photo to photo.",
        "Brightness and contrast ±20%: light changes with the time of day, the weather and the camera.",
        "Small cut-out patches on a quarter of the images: the subject is often partly hidden, and the "
        "model should not rely on one small part of it.",
    )),
    "chest_xray": Preset("chest_xray", "Chest X-rays", AugmentSpec(
        rotation=5 * _DEG, zoom_in=0.1, zoom_out=0.05, translation=0.05, brightness=0.1, contrast=0.1), (
        "Upside-down flips are off: anatomy has an orientation (the lungs are above the diaphragm), and "
        "an upside-down film never occurs.",
        "Left-right flips are off: the heart lies on the left; a mirrored film looks like dextrocardia, "
        "a different finding, and the side markers would be reversed.",
        "Small rotations (±5°) only: patients are positioned upright against the detector, so only a "
        "slight tilt occurs.",
        "Slight zoom and shift: the patient's distance to and position on the detector vary a little.",
        "Mild brightness and contrast (±10%): exposure differs between machines and patients.",
        "No blur and no cut-out: a small nodule or a fine line can be the whole finding, and blurring "
        "or covering it would change what the image shows.",
    )),
    "dermoscopy": Preset("dermoscopy", "Dermoscopy (skin lesions)", AugmentSpec(
        flip_horizontal=True, flip_vertical=True, rotation=180 * _DEG, zoom_in=0.15, zoom_out=0.05,
        brightness=0.05, contrast=0.05), (
        "All flips and rotations are safe: a lesion seen through the dermatoscope has no up or down "
        "and no left or right.",
        "Slight zoom: the dermatoscope is held at slightly different distances.",
        "Only small brightness and contrast changes (±5%): colour carries meaning (blue-white veil, "
        "regression areas), so colours must stay close to the real ones.",
        "No blur: the sharpness of a lesion's border is a diagnostic sign.",
        "No cut-out: a patch could hide the lesion or the structure that decides its class.",
    )),
    "microscopy": Preset("microscopy", "Microscopy (slides, cells)", AugmentSpec(
        flip_horizontal=True, flip_vertical=True, rotation=180 * _DEG, zoom_in=0.1, zoom_out=0.1,
        translation=0.1, brightness=0.1, contrast=0.15, blur=0.7, blur_p=0.3), (
        "All flips and rotations are safe: a slide has no up or down, cells lie in every direction.",
        "Zoom and shift: cells appear anywhere in the field of view and at slightly different sizes.",
        "Brightness and contrast (±10%, ±15%): staining and illumination differ from slide to slide.",
        "Slight blur on some images: the focus varies across a slide and between slides.",
        "No cut-out: a patch could hide the few cells that decide the class.",
    )),
}


def get_preset(key: str) -> Preset:
    """The preset called ``key``; a ConfigError naming the choices when there is none."""
    try:
        return PRESETS[key]
    except KeyError:
        raise ConfigError(f"Unknown augmentation preset. Choose from: {', '.join(PRESETS)}. "
                          f"Received: preset={key!r}") from None


# ----------------------------------------------------------------------------- warnings

#: Rotations beyond this many degrees can turn an oriented image (an X-ray, a digit) into another.
LARGE_ROTATION_DEGREES = 15.0
_MEDICAL = ("chest_xray", "dermoscopy", "microscopy")
_SIDE_WORDS = re.compile(r"(?<![a-z])(left|right|links|rechts|gauche|droite|izquierda|derecha)(?![a-z])", re.IGNORECASE)
_UPDOWN_WORDS = re.compile(r"(?<![a-z])(up|down|top|bottom|upright|inverted)(?![a-z])", re.IGNORECASE)
_TEXT_WORDS = re.compile(r"(?<![a-z])(text|digit|digits|letter|letters|character|sign|signs|number|numbers)(?![a-z])",
                         re.IGNORECASE)
_LOOKALIKES = (("6", "9"), ("b", "d"), ("p", "q"), ("b", "p"), ("d", "q"), ("m", "w"), ("n", "u"), ("M", "W"))


def _degrees(spec: AugmentSpec) -> float:
    return spec.rotation * 360 if "rotation" in spec.active_operations() else 0.0


def _symbol_classes(class_names: Sequence[str]) -> list[str]:
    """Class names that are a single digit or letter (``"6"``, ``"b"``)."""
    return [n for n in class_names if len(n.strip()) == 1 and n.strip().isalnum()]


def label_warnings(spec: AugmentSpec, domain: str | None = None, class_names: Sequence[str] = ()) -> list[str]:
    """Plain sentences for each chosen operation that can change what an image shows (its label).

    ``domain`` is a preset key (``chest_xray``, ``dermoscopy``, ``microscopy``, ``natural``) or
    None; ``class_names`` are looked at for digits, letters, text and left/right. An empty list
    means nothing chosen is known to change a label.
    """
    active = set(spec.active_operations())
    degrees = _degrees(spec)
    flips = [op for op in ("flip_horizontal", "flip_vertical") if op in active]
    warnings: list[str] = []
    names = [str(n) for n in class_names]

    if domain == "chest_xray":
        if "flip_vertical" in active:
            warnings.append("Upside-down flips on chest X-rays make images that never occur: anatomy has an "
                            "orientation (lungs above the diaphragm). Switch 'Flip upside down' off.")
        if "flip_horizontal" in active:
            warnings.append("Left-right flips on chest X-rays put the heart on the right, which is dextrocardia, "
                            "a different finding. Switch 'Flip left-right' off unless side does not matter.")
        if degrees > LARGE_ROTATION_DEGREES:
            warnings.append(f"Rotations up to ±{degrees:.0f}° on chest X-rays go beyond how patients are "
                            f"positioned; keep them within ±{LARGE_ROTATION_DEGREES:.0f}° (±5° is usual).")
        if "blur" in active and spec.blur >= 1.0:
            warnings.append(f"Blur up to {spec.blur:g} pixels can erase a small nodule or a fine line on an X-ray, "
                            "which may be the finding itself.")
    if domain == "dermoscopy":
        if ("brightness" in active and spec.brightness > 0.1) or ("contrast" in active and spec.contrast > 0.1):
            warnings.append("Strong brightness or contrast changes alter a lesion's colours, and colour carries "
                            "meaning in dermoscopy (e.g. a blue-white veil). Keep both at ±10% or less.")
        if "blur" in active:
            warnings.append("Blur softens a lesion's border, and a sharp or blurred border is a diagnostic sign "
                            "in dermoscopy. Switch blur off.")
    if "cutout" in active and (domain in _MEDICAL or spec.cutout >= 0.3):
        warnings.append(f"Cut-out patches up to {spec.cutout:.0%} of the side can hide the small finding that "
                        "gives an image its class, so the image would then carry a wrong label.")

    sided = [n for n in names if _SIDE_WORDS.search(n)]
    if sided and "flip_horizontal" in active:
        warnings.append(f"The classes {', '.join(repr(n) for n in sided)} name a side: a left-right flip turns "
                        "one side into the other, so the flipped image carries the wrong label.")
    updown = [n for n in names if _UPDOWN_WORDS.search(n)]
    if updown and ("flip_vertical" in active or degrees > 90):
        warnings.append(f"The classes {', '.join(repr(n) for n in updown)} name a direction: upside-down flips "
                        "and large rotations turn one into the other.")
    symbols = _symbol_classes(names)
    textual = [n for n in names if _TEXT_WORDS.search(n)]
    if (len(symbols) >= 2 or textual) and (flips or degrees > LARGE_ROTATION_DEGREES):
        present = {s.strip() for s in symbols}
        pairs = [f"{a} and {b}" for a, b in _LOOKALIKES if a in present and b in present]
        which = f" (here {', '.join(pairs)})" if pairs else ""
        shown = ", ".join(repr(n) for n in (symbols or textual)[:6])
        if not flips:
            what = f"rotations beyond ±{LARGE_ROTATION_DEGREES:.0f}°"
        elif degrees > LARGE_ROTATION_DEGREES:  # whole phrases, so the window can translate them
            what = f"flips and rotations beyond ±{LARGE_ROTATION_DEGREES:.0f}°"
        else:
            what = "flips"
        warnings.append(f"The classes ({shown}) look like digits, letters or text: {what} can turn "
                        f"one into another{which} or into no symbol at all.")
    if domain == "natural" and "flip_vertical" in active and not updown:
        warnings.append("Upside-down flips make photos that rarely occur (the sky below); switch them off unless "
                        "the pictures are taken from above.")
    return warnings


# ----------------------------------------------------------------------------- preview

_PREVIEW_LOCK = threading.Lock()


def augment_image(image: np.ndarray, spec: AugmentSpec, n: int, *, seed: int = 0,
                  size: int | tuple[int, int] | None = None) -> list[np.ndarray]:
    """``n`` augmented uint8 copies of one RGB image (resized to ``size`` first when given),
    exactly as training would change it; the same ``seed`` gives the same copies."""
    if n < 1:
        raise ValueError(f"n must be at least 1. Received: n={n}")
    if image.ndim == 2:
        image = np.stack([image] * 3, axis=-1)
    if image.ndim != 3 or image.shape[2] not in (3, 4):
        raise ValueError(f"image must be an RGB array of shape (height, width, 3). Received: shape={image.shape}")
    resized = resize_array(image[..., :3], size) if size is not None else np.ascontiguousarray(image[..., :3])
    batch = np.repeat(resized[None].astype(np.float32), n, axis=0)
    # One at a time (the app may ask from two threads after two quick clicks): Keras builds
    # layers with process-wide name counters and seed state, not made for concurrent use.
    with _PREVIEW_LOCK:
        augmenter = build_augmenter(spec, seed=seed)
        if augmenter is None:
            return [resized.copy() for _ in range(n)]
        import keras

        out = keras.ops.convert_to_numpy(augmenter(batch, training=True))
    return [np.clip(np.round(v), 0, 255).astype(np.uint8) for v in out]


def preview(image: np.ndarray, spec: AugmentSpec, n: int, *, seed: int = 0, size: int = 160) -> list[np.ndarray]:
    """``n`` randomly augmented ``size x size`` uint8 copies of one RGB image.

    The picture is resized as training resizes it, then augmented as during training. The
    same ``seed`` gives the same variants, so the preview does not flicker when redrawn.
    With no operation switched on, all variants equal the resized picture. (Mixup mixes two
    images, so a preview of one picture does not show it.)
    """
    return augment_image(image, spec, n, seed=seed, size=size)


def augment_batch(augmenter: "keras.Sequential | None", images: np.ndarray) -> np.ndarray:
    """uint8 copies of a batch of images (N, H, W, 3) as ``augmenter`` changes them in training
    (one batch at a time across threads, as :func:`augment_image`)."""
    if augmenter is None:
        return np.asarray(images, dtype=np.uint8).copy()
    import keras

    with _PREVIEW_LOCK:
        out = keras.ops.convert_to_numpy(augmenter(np.asarray(images, dtype=np.float32), training=True))
    return np.clip(np.round(out), 0, 255).astype(np.uint8)


__all__ = ["DTYPE", "VALUE_RANGE", "LARGE_ROTATION_DEGREES", "PRESETS", "Preset", "augment_batch", "augment_image",
           "blur_kernel_size", "build_augmenter", "build_layers", "get_preset", "label_warnings", "layer_classes",
           "mix_image_batches", "mixup_arrays", "mixup_layer", "preview"]
