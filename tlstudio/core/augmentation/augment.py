"""Augmentation plans: presets with their reasons, label warnings, previews and mixup of arrays.

An :class:`~tlstudio.core.config.AugmentSpec` says which random changes training pictures get;
:mod:`tlstudio.core.augmentation.layers` turns it into Keras layers (imported only where a model
is built, so this module stays light). :func:`preview` shows what the operations do to one real
picture.

Mixup is not a layer of the augmenter: it mixes pairs of images *and their labels*, so it works
on whole batches, see :func:`mixup_arrays` (cached backbone outputs: mixup in feature space) and
``layers.mixup_layer`` (image batches, Keras' ``MixUp``).

``PRESETS`` are augmentation plans for kinds of images, each with the reason for every choice in
plain words; :func:`label_warnings` says when a chosen operation can change what an image shows.
"""

from __future__ import annotations

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
    from tlstudio.core.augmentation.layers import build_augmenter

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
