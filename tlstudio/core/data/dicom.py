"""DICOM files: recognising them, checking them, and turning them into the picture a radiologist sees.

pydicom reads the file; compressed pixel data goes through the decoders pydicom finds (pylibjpeg
with its JPEG, JPEG-LS, JPEG 2000 and RLE plug-ins, installed with tlstudio). The stored values
become display values in DICOM's own order: the Modality LUT (Rescale Slope/Intercept), then the
VOI LUT or Window Center/Width (pydicom's ``apply_modality_lut`` and ``apply_voi_lut``), else a
robust window (0.5th to 99.5th percentile); MONOCHROME1 is inverted (white means low values);
palette colour goes through its lookup table and YBR through ``convert_color_space``.

A problem with a file is a :class:`DicomProblem` whose ``code`` and ``reason`` say, in plain
words, what is wrong and what to do (:mod:`tlstudio.core.data.files` turns it into a BadFile).
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np

if TYPE_CHECKING:
    from tlstudio.core.config import ReadingConfig

DICOM_EXTENSIONS: frozenset[str] = frozenset({".dcm", ".dicom", ".dic"})
_PREAMBLE = 128  # a DICOM file opens with 128 bytes of preamble, then "DICM"
_FRAME_SUFFIX = re.compile(r"^(?P<file>.+)#frame=(?P<frame>[1-9][0-9]*)$")
_ROBUST = (0.5, 99.5)  # the percentiles of the robust window

#: Transfer syntaxes pydicom cannot decode itself, and the package that reads them.
_DECODER_PACKAGES = {
    "JPEG": "pylibjpeg-libjpeg",
    "JPEG-LS": "pylibjpeg-libjpeg",
    "JPEG 2000": "pylibjpeg-openjpeg",
    "JPEG XL": "pylibjpeg-libjxl (not yet on PyPI for every system) or GDCM",
    "RLE": "pylibjpeg-rle",
    "HTJ2K": "pylibjpeg-openjpeg",
    "Deflate": "pydicom (zlib)",
}


class DicomProblem(Exception):
    """A DICOM file tlstudio cannot use: ``code`` is a BadFile code, ``reason`` the sentence for the user."""

    def __init__(self, code: str, reason: str) -> None:
        super().__init__(reason)
        self.code = code
        self.reason = reason


@dataclass(frozen=True)
class DicomFacts:
    """What checking a DICOM file found: its size (of one frame), how many frames, how it was read."""

    width: int
    height: int
    frames: int
    reading: str  # e.g. "DICOM window 1", "DICOM robust window", "DICOM colour"


def has_dicom_preamble(path: str) -> bool:
    """True when the file holds ``DICM`` at byte 128 (a DICOM file, whatever its name). Only a
    regular file is opened: a named pipe or a device would block or never end."""
    try:
        if not os.path.isfile(path):
            return False
        with open(path, "rb") as fh:
            fh.seek(_PREAMBLE)
            return fh.read(4) == b"DICM"
    except OSError:
        return False


def is_dicom_name(path: str) -> bool:
    """True when the file name ends in .dcm, .dicom or .dic (any case)."""
    return os.path.splitext(path)[1].lower() in DICOM_EXTENSIONS


def is_dicom(path: str) -> bool:
    """True for a DICOM file: by its name (``.dcm``) or its ``DICM`` preamble."""
    file, _ = split_frame(path)
    return is_dicom_name(file) or has_dicom_preamble(file)


def frame_path(path: str, frame: int) -> str:
    """The path that names one frame (counting from 1) of a multi-frame file: ``ct.dcm#frame=3``."""
    return f"{path}#frame={frame}"


def split_frame(path: str) -> tuple[str, int | None]:
    """(file, frame) of a path from :func:`frame_path`; (path, None) for an ordinary path."""
    match = _FRAME_SUFFIX.match(path)
    if match is None or os.path.exists(path):
        return path, None
    return match.group("file"), int(match.group("frame"))


def _read(path: str, *, pixels: bool = True) -> Any:
    import pydicom
    from pydicom.errors import InvalidDicomError

    name = os.path.basename(path)
    try:
        return pydicom.dcmread(path, stop_before_pixels=not pixels, force=is_dicom_name(path))
    except InvalidDicomError as exc:
        raise DicomProblem("corrupt", f"'{name}' is not a DICOM file pydicom can read ({exc}). Export it again "
                                      "from the scanner or PACS, or remove it.") from exc
    except (EOFError, ValueError, OSError) as exc:
        if isinstance(exc, (PermissionError, FileNotFoundError)):
            raise
        raise _truncated(name) from exc


def _truncated(name: str) -> DicomProblem:
    return DicomProblem("truncated", f"'{name}' is a DICOM file that is cut short (the copy or export may have "
                                     "been interrupted). Copy it again or remove it.")


def frame_count(ds: Any) -> int:
    try:
        return max(1, int(ds.get("NumberOfFrames", 1) or 1))
    except (TypeError, ValueError):
        return 1


def _check_has_pixels(ds: Any, name: str) -> None:
    if "PixelData" in ds or "FloatPixelData" in ds or "DoubleFloatPixelData" in ds:
        return
    modality = str(ds.get("Modality", "") or "")
    what = {"SR": "a structured report (text, no picture)", "PR": "a presentation state (display settings, "
            "no picture)", "KO": "a key-object selection (a list of other images)", "RTPLAN": "a radiotherapy "
            "plan", "RTSTRUCT": "a set of contours", "ECG": "a waveform (an ECG)"}.get(modality, "a DICOM object "
                                                                                        "without a picture")
    raise DicomProblem("no_pixels", f"'{name}' holds no pixel data: it is {what}. Only DICOM images can be "
                                    "used; move it out of the class folder.")


def _decode(ds: Any, frame: int | None, name: str) -> np.ndarray:
    """The stored values of one frame (0-based index), or of the only frame."""
    from pydicom.pixels import pixel_array

    try:
        # as_rgb=False: YBR comes out as stored, and _to_display converts it with convert_color_space
        return np.asarray(pixel_array(ds, index=(frame or 0) if frame_count(ds) > 1 else None, as_rgb=False))
    except (NotImplementedError, RuntimeError) as exc:
        text = str(exc)
        lowered = text.lower()
        if isinstance(exc, NotImplementedError) or "missing dependencies" in lowered or "no pixel data decoders" in lowered:
            raise _unsupported(ds, name) from exc
        detail = text.split("\n", 1)[-1].strip() if "all available plugins" in lowered else text
        if "buffer" in lowered or "too short" in lowered or "end of" in lowered:
            raise _truncated(name) from exc
        raise DicomProblem("corrupt", f"'{name}' holds pixel data that cannot be decoded ({detail}). Export it "
                                      "again from the scanner or PACS, or remove it.") from exc
    except (ValueError, EOFError, IndexError, KeyError, AttributeError) as exc:
        text = str(exc)
        if "PixelData" in text and "missing" in text.lower():
            _check_has_pixels(ds, name)
        if "length" in text.lower() or "buffer" in text.lower() or "expected" in text.lower() or \
                isinstance(exc, EOFError):
            raise _truncated(name) from exc
        raise DicomProblem("corrupt", f"'{name}' has damaged or incomplete image tags ({type(exc).__name__}: "
                                      f"{text}). Export it again or remove it.") from exc


def _unsupported(ds: Any, name: str) -> DicomProblem:
    """The reason for a compression no installed decoder reads, naming the package that would."""
    syntax = ds.file_meta.get("TransferSyntaxUID") if hasattr(ds, "file_meta") else None
    label = getattr(syntax, "name", str(syntax or "an unknown compression"))
    package = next((pkg for key, pkg in sorted(_DECODER_PACKAGES.items(), key=lambda kv: -len(kv[0]))
                    if key.lower() in label.lower()), "a decoder for it (pylibjpeg, GDCM)")
    return DicomProblem("unsupported", f"'{name}' is compressed as {label}, which tlstudio cannot decode here: "
                                       f"install {package} (pip install {package.split()[0]}), or export the "
                                       "file uncompressed.")


def _window(values: np.ndarray, ds: Any, window: int) -> tuple[np.ndarray, str]:
    """Display values in 0..1 of modality-corrected ``values``: the stored window or VOI LUT number
    ``window`` (from 1) when there is one, else the robust window; and which was used."""
    from pydicom.pixels import apply_voi_lut

    stored = 0
    if "VOILUTSequence" in ds:
        stored = len(ds.VOILUTSequence)
    elif "WindowCenter" in ds and "WindowWidth" in ds:
        stored = ds["WindowCenter"].VM
    if window >= 1 and stored >= 1:
        index = min(window, stored) - 1
        shown = np.asarray(apply_voi_lut(values, ds, index=index), dtype=np.float64)
        if "VOILUTSequence" in ds:
            bits = int(ds.VOILUTSequence[index].LUTDescriptor[2])
            low, high = 0.0, float(2 ** bits - 1)
        else:
            ends = np.asarray(apply_voi_lut(np.array([-1e12, 1e12]), ds, index=index), dtype=np.float64)
            low, high = float(ends.min()), float(ends.max())
        used = f"DICOM window {index + 1}" if index + 1 == window else f"DICOM window {index + 1} (the last stored)"
    else:
        shown = values.astype(np.float64)
        low, high = (np.percentile(shown, _ROBUST) if shown.size else (0.0, 0.0))
        used = "DICOM robust window"
    if high <= low:
        return np.zeros(values.shape, dtype=np.float64), used
    return np.clip((shown - low) / (high - low), 0.0, 1.0), used


def _to_display(stored: np.ndarray, ds: Any, window: int) -> tuple[np.ndarray, str]:
    """An ``H x W x 3`` uint8 picture of one frame's stored values, and how it was read."""
    from pydicom.pixels import apply_color_lut, apply_modality_lut, convert_color_space

    photometric = str(ds.get("PhotometricInterpretation", "MONOCHROME2")).upper()
    samples = int(ds.get("SamplesPerPixel", 1) or 1)
    if photometric == "PALETTE COLOR":
        rgb = np.asarray(apply_color_lut(stored, ds))
        return _colour_to_uint8(rgb, ds), "DICOM palette colour"
    if samples == 3 or stored.ndim == 3:
        if photometric.startswith("YBR") and photometric not in ("YBR_ICT", "YBR_RCT"):
            stored = convert_color_space(stored, photometric, "RGB")
        return _colour_to_uint8(stored, ds), "DICOM colour"
    values = np.asarray(apply_modality_lut(stored, ds), dtype=np.float64)
    shown, used = _window(values, ds, window)
    if photometric == "MONOCHROME1":
        shown = 1.0 - shown
        used += ", MONOCHROME1 inverted"
    grey = np.round(shown * 255.0).astype(np.uint8)
    return np.repeat(grey[..., None], 3, axis=2), used


def _colour_to_uint8(rgb: np.ndarray, ds: Any) -> np.ndarray:
    if rgb.dtype == np.uint8:
        return np.ascontiguousarray(rgb)
    bits = int(ds.get("BitsStored", 8) or 8)
    top = float(2 ** bits - 1) if rgb.dtype.kind in "ui" else float(rgb.max() or 1.0)
    return np.round(np.clip(rgb.astype(np.float64) / top, 0.0, 1.0) * 255.0).astype(np.uint8)


def _middle(frames: int) -> int:
    return (frames - 1) // 2


def read_dicom(path: str, reading: "ReadingConfig") -> np.ndarray:
    """One frame of a DICOM file as an ``H x W x 3`` uint8 RGB array, as a radiologist sees it.

    ``path`` may name a frame (:func:`frame_path`); otherwise a multi-frame file gives its middle
    frame. Raises :class:`DicomProblem` in plain words.
    """
    return _display(path, reading)[0]


def _display(path: str, reading: "ReadingConfig") -> tuple[np.ndarray, str, int]:
    file, frame = split_frame(path)
    name = os.path.basename(file)
    ds = _read(file)
    _check_has_pixels(ds, name)
    frames = frame_count(ds)
    if frame is not None and frame > frames:
        raise DicomProblem("unreadable", f"'{name}' has {frames} frame{'s' if frames != 1 else ''}, not a frame "
                                         f"{frame}. Check the folder again.")
    index = (frame - 1) if frame is not None else _middle(frames)
    stored = _decode(ds, index, name)
    if stored.ndim == 3 and int(ds.get("SamplesPerPixel", 1) or 1) == 1:
        stored = stored[index]  # a decoder that gave every frame
    if stored.ndim not in (2, 3):
        raise DicomProblem("unsupported", f"'{name}' holds {stored.ndim}-dimensional pixel data that is not a "
                                          "picture tlstudio can show. Export 2-D images from it.")
    picture, used = _to_display(stored, ds, reading.dicom_window)
    return picture, used, frames


def check_dicom(path: str, reading: "ReadingConfig") -> DicomFacts:
    """Decode one DICOM file (its middle frame, or the frame named) the way training will, and
    say its size, frames and how it was read. Raises :class:`DicomProblem`."""
    picture, used, frames = _display(path, reading)
    height, width = picture.shape[:2]
    return DicomFacts(width=int(width), height=int(height), frames=frames, reading=used)


def read_tags(path: str, keywords: tuple[str, ...]) -> dict[str, str]:
    """The text of the named tags of a DICOM file (headers only; missing or empty tags left out)."""
    import pydicom

    file, _ = split_frame(path)
    try:
        ds = pydicom.dcmread(file, stop_before_pixels=True, force=is_dicom_name(file), specific_tags=list(keywords))
    except Exception:  # noqa: BLE001 - a file that cannot be read has no tags; the scan reports it
        return {}
    found: dict[str, str] = {}
    for keyword in keywords:
        value = ds.get(keyword)
        text = "" if value is None else str(value).strip()
        if text:
            found[keyword] = text
    return found


def is_tag_keyword(keyword: str) -> bool:
    """True when ``keyword`` names a tag of the DICOM dictionary (e.g. PatientID)."""
    from pydicom.datadict import tag_for_keyword

    return tag_for_keyword(keyword) is not None


__all__ = [
    "DICOM_EXTENSIONS",
    "DicomFacts",
    "DicomProblem",
    "check_dicom",
    "frame_count",
    "frame_path",
    "has_dicom_preamble",
    "is_dicom",
    "is_dicom_name",
    "is_tag_keyword",
    "read_dicom",
    "read_tags",
    "split_frame",
]
