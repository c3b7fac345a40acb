"""Reading image files: every format people keep photos in becomes an RGB ``uint8`` array.

Photos arrive as phone JPEGs turned by an EXIF tag, scanner TIFFs in 16 bits, screenshots with
an alpha channel, print files in CMYK, animated GIFs. :func:`load_image` hides all of that so
the rest of tlstudio only ever sees ``H x W x 3`` ``uint8`` RGB. Pillow does the decoding; its
decompression-bomb guard (``Image.MAX_IMAGE_PIXELS``) stays on, and truncated files are errors
(``ImageFile.LOAD_TRUNCATED_IMAGES`` stays ``False``) so a half-copied photo is never used as if
it were whole.
"""

from __future__ import annotations

import os
from typing import Union

import numpy as np
from PIL import Image, ImageOps

from tlstudio.core.data.opening import check_pixels, open_regular

PathLike = Union[str, "os.PathLike[str]"]

IMAGE_EXTENSIONS: frozenset[str] = frozenset({".jpg", ".jpeg", ".png", ".bmp", ".gif", ".webp", ".tif", ".tiff"})

# EXIF orientations that turn the picture a quarter turn, so width and height swap on display.
_QUARTER_TURNS = frozenset({5, 6, 7, 8})
_EXIF_ORIENTATION = 0x0112
# Resize in two steps (a fast integer reduce, then bilinear) when shrinking by more than this;
# at 3 the result cannot be told apart from a single-step resize (Pillow's documentation).
_REDUCING_GAP = 3.0


def is_image_path(path: PathLike) -> bool:
    """True when the file name has one of :data:`IMAGE_EXTENSIONS` (case-insensitive)."""
    return os.path.splitext(os.fspath(path))[1].lower() in IMAGE_EXTENSIONS


def exif_orientation(img: Image.Image) -> int:
    """The EXIF orientation tag (1 = upright) of an opened image; 1 when there is none."""
    try:
        value = img.getexif().get(_EXIF_ORIENTATION, 1)
    except Exception:  # a damaged EXIF block must not stop the picture from loading
        return 1
    return value if isinstance(value, int) and 1 <= value <= 8 else 1


def displayed_size(img: Image.Image) -> tuple[int, int]:
    """(width, height) as the picture is shown, i.e. after its EXIF rotation."""
    width, height = img.size
    if exif_orientation(img) in _QUARTER_TURNS:
        return height, width
    return width, height


def to_rgb(img: Image.Image) -> Image.Image:
    """Convert any Pillow mode to 8-bit RGB.

    Transparent parts are laid on white (what people see in a viewer), 16-bit and 32-bit
    grey levels are scaled to 0..255 rather than clipped, CMYK goes through Pillow's
    conversion.
    """
    mode = img.mode
    if mode == "RGB":
        return img
    if mode == "P" and "transparency" in img.info:
        img = img.convert("RGBA")
        mode = "RGBA"
    elif mode == "PA":
        img = img.convert("RGBA")
        mode = "RGBA"
    if mode in ("RGBA", "LA", "RGBa", "La"):
        rgba = img.convert("RGBA")
        background = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
        return Image.alpha_composite(background, rgba).convert("RGB")
    if mode.startswith("I") or mode == "F":
        return Image.fromarray(_grey_to_uint8(np.asarray(img)), mode="L").convert("RGB")
    return img.convert("RGB")


def _grey_to_uint8(values: np.ndarray) -> np.ndarray:
    """Scale one-channel integer or float grey levels to 0..255.

    16-bit data (``I;16`` files, or ``I`` holding values above 255) is divided by 257 so that
    65535 becomes 255; floats in 0..1 are multiplied by 255; anything else is stretched
    between its own minimum and maximum.
    """
    if values.dtype.kind in "ui":
        top = int(values.max()) if values.size else 0
        low = int(values.min()) if values.size else 0
        sixteen_bit = values.dtype == np.uint16 or (low >= 0 and 255 < top <= 65535)
        if sixteen_bit:
            return np.round(values.astype(np.float64) / 257.0).astype(np.uint8)
        if low >= 0 and top <= 255:
            return values.astype(np.uint8)
        return _stretch(values.astype(np.float64))
    data = np.nan_to_num(values.astype(np.float64))
    if data.size and data.min() >= 0.0 and data.max() <= 1.0:
        return np.round(data * 255.0).astype(np.uint8)
    return _stretch(data)


def _stretch(data: np.ndarray) -> np.ndarray:
    low, high = (float(data.min()), float(data.max())) if data.size else (0.0, 0.0)
    if high <= low:
        return np.zeros(data.shape, dtype=np.uint8)
    return np.round((data - low) * (255.0 / (high - low))).astype(np.uint8)


def _target(size: int | tuple[int, int] | None) -> tuple[int, int] | None:
    """(width, height) for Pillow from tlstudio's ``size`` (an int side or an (h, w) tuple)."""
    if size is None:
        return None
    if isinstance(size, (int, np.integer)):
        height = width = int(size)
    else:
        height, width = (int(s) for s in size)
    if height < 1 or width < 1:
        raise ValueError(f"size must be positive. Received: size={size!r}")
    return width, height


def open_rgb(path: PathLike, draft_size: tuple[int, int] | None = None) -> Image.Image:
    """Open ``path`` as an upright 8-bit RGB Pillow image (first frame of an animation).

    ``draft_size`` (width, height as displayed) lets a JPEG decode at 1/2, 1/4 or 1/8 scale
    when that still gives at least this many pixels — far quicker for large photos that will
    be shrunk anyway. Raises what Pillow raises (``OSError``, ``UnidentifiedImageError``,
    ``Image.DecompressionBombError``).
    """
    with open_regular(path) as fh, Image.open(fh) as img:  # files only, never a pipe; one pixel limit
        check_pixels(img.size, path)
        if getattr(img, "n_frames", 1) > 1:
            img.seek(0)
        if draft_size is not None and img.format in ("JPEG", "MPO"):
            width, height = draft_size
            if exif_orientation(img) in _QUARTER_TURNS:
                width, height = height, width
            img.draft("RGB", (width, height))
        img.load()
        upright = ImageOps.exif_transpose(img)
        return to_rgb(upright if upright is not None else img)


def load_image(path: PathLike, size: int | tuple[int, int] | None = None) -> np.ndarray:
    """Read one image file as an ``H x W x 3`` ``uint8`` RGB array.

    EXIF orientation is applied; grey, palette, RGBA (on white), CMYK and 16-bit images become
    RGB; a GIF gives its first frame. ``size`` resizes: an int gives a square, a tuple is
    ``(height, width)``. Shrinking uses JPEG draft decoding and Pillow's antialiased bilinear
    filter with a reducing gap, which is fast and indistinguishable from a slow filter at the
    sizes networks use.
    """
    target = _target(size)
    img = open_rgb(path, draft_size=target)
    if target is not None and img.size != target:
        img = img.resize(target, Image.Resampling.BILINEAR, reducing_gap=_REDUCING_GAP)
    return np.asarray(img, dtype=np.uint8)


def thumbnail(path: PathLike, max_side: int) -> np.ndarray:
    """A small RGB ``uint8`` copy of an image whose longer side is at most ``max_side``.

    The aspect ratio is kept (tables and galleries show the picture as it is).
    """
    if max_side < 1:
        raise ValueError(f"max_side must be positive. Received: max_side={max_side!r}")
    img = open_rgb(path, draft_size=(max_side, max_side))
    img.thumbnail((max_side, max_side), Image.Resampling.BILINEAR, reducing_gap=_REDUCING_GAP)
    return np.asarray(img, dtype=np.uint8)


def resize_array(image: np.ndarray, size: int | tuple[int, int]) -> np.ndarray:
    """Resize an RGB ``uint8`` array like :func:`load_image` resizes a file."""
    target = _target(size) or image.shape[1::-1]
    img = Image.fromarray(np.ascontiguousarray(image, dtype=np.uint8))
    img = to_rgb(img)
    if img.size != target:
        img = img.resize(target, Image.Resampling.BILINEAR, reducing_gap=_REDUCING_GAP)
    return np.asarray(img, dtype=np.uint8)


__all__ = [
    "IMAGE_EXTENSIONS",
    "displayed_size",
    "exif_orientation",
    "is_image_path",
    "load_image",
    "open_rgb",
    "resize_array",
    "thumbnail",
    "to_rgb",
]
