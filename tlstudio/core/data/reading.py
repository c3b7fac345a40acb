"""What the scan says about how pictures were read: high-bit scaling, DICOM windows, frames.

The decisions themselves are made per file while reading (``imageio.grey_scaling``,
``dicom.check_dicom``); here they are counted into the scan summary's sentences, and a
multi-frame DICOM file becomes one record per frame when ``ReadingConfig.dicom_frames == "all"``.
"""

from __future__ import annotations

import os
from collections import Counter
from typing import Mapping

from tlstudio.core.config import ReadingConfig
from tlstudio.core.data.dicom import frame_path
from tlstudio.core.data.records import BadFile, ImageFacts


def expand_frames(path: str, facts: ImageFacts, frames_setting: str) -> list[str]:
    """The record paths of one checked file: every frame of a multi-frame file with ``"all"``, else the file."""
    if frames_setting == "all" and facts.frames > 1:
        return [frame_path(path, k) for k in range(1, facts.frames + 1)]
    return [path]


def _plural(k: int, one: str, many: str) -> str:
    return f"{k:,} {one if k == 1 else many}"


_SCALING_WORDS = {
    "12-bit": "{n} hold{s} 12-bit values in 16 bits (every value under 4,096) and {was} scaled from 0–4,095 "
              "to 0–255 (decided file by file from its own values)",
    "16-bit": "{n} use{s} the full 16-bit range and {was} scaled from 0–65,535 to 0–255",
    "float": "{n} hold{s} decimal values from 0 to 1, multiplied by 255",
    "stretched": "{n} hold{s} values outside 0–255 and {was} stretched between {their} own lowest and highest "
                 "value",
}


def _scaling_sentence(counts: Counter[str]) -> str | None:
    parts = []
    for key, words in _SCALING_WORDS.items():
        k = counts.get(key, 0)
        if k:
            parts.append(words.format(n=_plural(k, "picture", "pictures"), s="s" if k == 1 else "",
                                      was="was" if k == 1 else "were", their="its" if k == 1 else "their"))
    if not parts:
        return None
    return "Pictures of more than 8 bits: " + "; ".join(parts) + "."


def _dicom_sentence(dicom: list[ImageFacts], reading: ReadingConfig) -> str | None:
    if not dicom:
        return None
    stored = sum(1 for f in dicom if f.reading.startswith("DICOM window"))
    robust = sum(1 for f in dicom if f.reading.startswith("DICOM robust"))
    inverted = sum(1 for f in dicom if "MONOCHROME1" in f.reading)
    colour = sum(1 for f in dicom if "colour" in f.reading)
    parts = []
    if stored:
        parts.append(f"{stored:,} with {'its' if stored == 1 else 'their'} own stored window "
                     f"(window {reading.dicom_window})")
    if robust:
        why = "tlstudio's window was chosen" if reading.dicom_window == 0 else "no window is stored"
        parts.append(f"{robust:,} with a robust window (0.5th to 99.5th percentile of the values; {why})")
    if colour:
        parts.append(f"{colour:,} in colour")
    text = (f"{_plural(len(dicom), 'DICOM file was', 'DICOM files were')} read with the Modality LUT, then "
            + ", ".join(parts) + ".")
    if inverted:
        text += f" {_plural(inverted, 'file is', 'files are')} MONOCHROME1 (white means low values) and shown inverted."
    return text


def _frames_sentence(results: Mapping[str, ImageFacts | BadFile], reading: ReadingConfig) -> str | None:
    multi = sorted((path, f.frames) for path, f in results.items() if isinstance(f, ImageFacts) and f.frames > 1)
    if not multi:
        return None
    path, frames = multi[0]
    lead = (f"{_plural(len(multi), 'DICOM file holds', 'DICOM files hold')} several frames (a 3-D volume or a "
            f"cine loop; e.g. {os.path.basename(path)}, {frames} frames).")
    if reading.dicom_frames == "all":
        total = sum(k for _, k in multi)
        return f"{lead} Every frame became an image of its own ({total:,} images), named file#frame=K."
    return (f"{lead} tlstudio used the middle frame of each; choose 'every frame' to use each frame as an "
            "image of its own.")


def reading_summary(results: Mapping[str, ImageFacts | BadFile], reading: ReadingConfig) -> tuple[str, ...]:
    """The scan summary's sentences on how the usable pictures were read (empty for 8-bit pictures only)."""
    usable = [f for f in results.values() if isinstance(f, ImageFacts)]
    dicom = [f for f in usable if f.reading.startswith("DICOM")]
    counts = Counter(f.reading for f in usable if not f.reading.startswith("DICOM"))
    sentences = (_scaling_sentence(counts), _dicom_sentence(dicom, reading), _frames_sentence(results, reading))
    return tuple(s for s in sentences if s)


__all__ = ["expand_frames", "reading_summary"]
