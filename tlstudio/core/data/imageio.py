"""Reading image files: every format people keep photos in becomes an RGB ``uint8`` array.

Photos arrive as phone JPEGs turned by an EXIF tag, scanner TIFFs in 16 bits, screenshots with
an alpha channel, print files in CMYK, animated GIFs. :func:`load_image` hides all of that so
the rest of tlstudio only ever sees ``H x W x 3`` ``uint8`` RGB. Pillow does the decoding; its
decompression-bomb guard (``Image.MAX_IMAGE_PIXELS``) stays on, and truncated files are errors
(``ImageFile.LOAD_TRUNCATED_IMAGES`` stays ``False``) so a half-copied photo is never used as if
it were whole.

DICOM files (:mod:`tlstudio.core.data.dicom`) and pictures of more than 8 bits are read as the
current :class:`~tlstudio.core.config.ReadingConfig` says (:func:`set_reading`; a run sets its
own, so training, previews, Grad-CAM and predictions all see the same windowing).
"""

from __future__ import annotations

import os
from typing import Union

import numpy as np
from PIL import Image, ImageOps

from tlstudio.core.config import ReadingConfig
from tlstudio.core.data.dicom import DICOM_EXTENSIONS, is_dicom, read_dicom, split_frame
from tlstudio.core.data.opening import check_pixels, check_regular, open_regular

PathLike = Union[str, "os.PathLike[str]"]

#: File names the scan reads as pictures: Pillow's common formats, and DICOM.
IMAGE_EXTENSIONS: frozenset[str] = frozenset({
    ".jpg", ".jpeg", ".jpe", ".jfif", ".png", ".bmp", ".gif", ".webp", ".tif", ".tiff", ".avif", ".jp2", ".j2k",
    ".jpx", ".ico", ".qoi", ".tga", ".ppm", ".pgm", ".pbm",
}) | DICOM_EXTENSIONS
#: Picture formats the scan names and refuses, with the reason (Pillow cannot decode them).
REFUSED_EXTENSIONS: dict[str, str] = {
    ".heic": "HEIC (an iPhone photo format) needs a decoder tlstudio does not include; export it as JPEG",
    ".heif": "HEIF needs a decoder tlstudio does not include; export it as JPEG",
    ".jxl": "JPEG XL needs a decoder tlstudio does not include; export it as PNG or JPEG",
    ".svg": "an SVG is a drawing, not a picture of pixels; export it as PNG",
    ".raw": "camera RAW files differ by make; export them as TIFF or JPEG",
    ".cr2": "camera RAW files differ by make; export them as TIFF or JPEG",
    ".nef": "camera RAW files differ by make; export them as TIFF or JPEG",
    ".dng": "camera RAW files differ by make; export them as TIFF or JPEG",
    ".nii": "a NIfTI volume holds many slices; export the slices as PNG or DICOM",
}
#: 16-bit grey values that all stay under this hold 12-bit data (see ``ReadingConfig.high_bit``).
TWELVE_BIT_LIMIT = 4096
_reading = ReadingConfig()

# EXIF orientations that turn the picture a quarter turn, so width and height swap on display.
_QUARTER_TURNS = frozenset({5, 6, 7, 8})
_EXIF_ORIENTATION = 0x0112
# Resize in two steps (a fast integer reduce, then bilinear) when shrinking by more than this;
# at 3 the result cannot be told apart from a single-step resize (Pillow's documentation).
_REDUCING_GAP = 3.0


def set_reading(reading: ReadingConfig) -> None:
    """Read every picture from now on as ``reading`` says (a run, a prediction or the app's settings)."""
    global _reading
    if not isinstance(reading, ReadingConfig):
        raise TypeError(f"reading must be a ReadingConfig. Received: reading={reading!r}")
    _reading = reading


def current_reading() -> ReadingConfig:
    """The reading settings :func:`load_image` uses when it is given none."""
    return _reading


def is_image_path(path: PathLike) -> bool:
    """True when the file name has one of :data:`IMAGE_EXTENSIONS` (case-insensitive)."""
    return os.path.splitext(os.fspath(path))[1].lower() in IMAGE_EXTENSIONS


def refused_reason(path: PathLike) -> str | None:
    """Why a file with a picture's name is refused (:data:`REFUSED_EXTENSIONS`), or None."""
    return REFUSED_EXTENSIONS.get(os.path.splitext(os.fspath(path))[1].lower())


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


def to_rgb(img: Image.Image, reading: ReadingConfig | None = None) -> Image.Image:
    """Convert any Pillow mode to 8-bit RGB.

    Transparent parts are laid on white (what people see in a viewer), 16-bit and 32-bit
    grey levels are scaled to 0..255 rather than clipped (:func:`grey_scaling`), CMYK goes
    through Pillow's conversion.
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
        values = np.asarray(img)
        scaling = grey_scaling(values, (reading or _reading).high_bit)
        return Image.fromarray(_grey_to_uint8(values, scaling), mode="L").convert("RGB")
    return img.convert("RGB")


def grey_scaling(values: np.ndarray, high_bit: str = "auto") -> str:
    """How one-channel integer or float grey levels become 0..255, in words the scan summary uses.

    ``"12-bit"``: 16-bit data whose values all stay under 4,096, scaled from 0..4,095 (with
    ``high_bit="auto"``); ``"16-bit"``: other 16-bit data (``I;16`` files, or ``I`` holding values
    above 255), scaled from 0..65,535; ``"8-bit"``: values already in 0..255; ``"float"``: floats
    in 0..1, times 255; ``"stretched"``: anything else, between its own minimum and maximum.
    """
    if values.dtype.kind in "ui":
        top = int(values.max()) if values.size else 0
        low = int(values.min()) if values.size else 0
        if values.dtype == np.uint16 or (low >= 0 and 255 < top <= 65535):
            return "12-bit" if high_bit == "auto" and top < TWELVE_BIT_LIMIT else "16-bit"
        return "8-bit" if low >= 0 and top <= 255 else "stretched"
    data = np.nan_to_num(values.astype(np.float64))
    return "float" if data.size and data.min() >= 0.0 and data.max() <= 1.0 else "stretched"


def _grey_to_uint8(values: np.ndarray, scaling: str) -> np.ndarray:
    """Scale grey levels to 0..255 as :func:`grey_scaling` decided."""
    if scaling in ("12-bit", "16-bit"):
        top = (TWELVE_BIT_LIMIT - 1) if scaling == "12-bit" else 65535
        return np.round(np.clip(values.astype(np.float64), 0, top) * (255.0 / top)).astype(np.uint8)
    if scaling == "8-bit":
        return values.astype(np.uint8)
    data = np.nan_to_num(values.astype(np.float64))
    if scaling == "float":
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


def open_rgb(path: PathLike, draft_size: tuple[int, int] | None = None,
             reading: ReadingConfig | None = None) -> Image.Image:
    """Open ``path`` as an upright 8-bit RGB Pillow image (first frame of an animation).

    ``draft_size`` (width, height as displayed) lets a JPEG decode at 1/2, 1/4 or 1/8 scale
    when that still gives at least this many pixels — far quicker for large photos that will
    be shrunk anyway. A DICOM file (by name or preamble) or one of its frames is read by
    :func:`~tlstudio.core.data.dicom.read_dicom`. Raises what Pillow raises (``OSError``,
    ``UnidentifiedImageError``, ``Image.DecompressionBombError``), or a ``DicomProblem``.
    """
    text = os.fspath(path)
    extension = os.path.splitext(split_frame(text)[0])[1].lower()
    if extension in DICOM_EXTENSIONS or (extension not in IMAGE_EXTENSIONS and is_dicom(text)):
        check_regular(split_frame(text)[0])  # files only, never a pipe
        picture = read_dicom(text, reading or _reading)
        check_pixels((picture.shape[1], picture.shape[0]), path)
        return Image.fromarray(picture, mode="RGB")
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
        return to_rgb(upright if upright is not None else img, reading)


def load_image(path: PathLike, size: int | tuple[int, int] | None = None,
               reading: ReadingConfig | None = None) -> np.ndarray:
    """Read one image file as an ``H x W x 3`` ``uint8`` RGB array.

    EXIF orientation is applied; grey, palette, RGBA (on white), CMYK and 16-bit images become
    RGB; a GIF gives its first frame. ``size`` resizes: an int gives a square, a tuple is
    ``(height, width)``. Shrinking uses JPEG draft decoding and Pillow's antialiased bilinear
    filter with a reducing gap, which is fast and indistinguishable from a slow filter at the
    sizes networks use. ``reading`` (default: :func:`current_reading`) says how DICOM files and
    16-bit pictures are windowed and scaled.
    """
    target = _target(size)
    img = open_rgb(path, draft_size=target, reading=reading)
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
    "REFUSED_EXTENSIONS",
    "TWELVE_BIT_LIMIT",
    "current_reading",
    "grey_scaling",
    "refused_reason",
    "set_reading",
    "displayed_size",
    "exif_orientation",
    "is_image_path",
    "load_image",
    "open_rgb",
    "resize_array",
    "thumbnail",
    "to_rgb",
]
