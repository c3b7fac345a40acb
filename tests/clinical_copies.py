"""Clinical copies of a real image folder: the same X-ray pixels as 12-bit DICOM files or 12-bit PNGs.

``dicom_copy`` writes every picture as a 12-bit DICOM file (MONOCHROME2 or MONOCHROME1, with a
Window Center/Width that shows the stored values as they were) with made-up patients, two or
three images each; ``png_copy`` writes 8-bit PNGs, or 16-bit PNGs holding 12-bit values, named
after the same made-up patients (``p0001_a.png``) so a file-name pattern groups them alike.
Used by the slow tests and, on the whole of ``chest_xray``, by the measurements in docs/results.md:

    python -m tests.clinical_copies ../shared/data/chest_xray /tmp/xray  # writes dicom/, png8/, png12/
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Iterator

import numpy as np
from PIL import Image

PATTERN = r"^(p\d{4})_"  # the patient in the PNG copies' file names
PER_PATIENT = (2, 3)  # images per made-up patient, in turn


def made_up_patient(k: int) -> tuple[str, str, str]:
    """(PatientID, PatientName, PatientBirthDate) of made-up patient ``k``."""
    return f"MRN-{900000 + k}", f"FAKENAME^PATIENT{k:04d}", f"19{40 + k % 60:02d}{1 + k % 12:02d}{1 + k % 28:02d}"


def _pictures(src: Path, per_class: dict[str, int] | None) -> Iterator[tuple[str, str, list[Path]]]:
    """(split folder, class, sorted pictures) of ``src`` (``train/NORMAL``...), at most ``per_class[split]`` each."""
    for split in sorted(p for p in src.iterdir() if p.is_dir()):
        for cls in sorted(p for p in split.iterdir() if p.is_dir()):
            files = sorted(p for p in cls.iterdir() if p.suffix.lower() in (".jpeg", ".jpg", ".png"))
            limit = None if per_class is None else per_class.get(split.name)
            yield split.name, cls.name, files[:limit]


def _patients(files: list[Path], first: int) -> Iterator[tuple[int, str, Path]]:
    """(patient number, letter, picture): two or three pictures per patient, numbered from ``first``."""
    k, i, turn = first, 0, 0
    while i < len(files):
        size = PER_PATIENT[turn % len(PER_PATIENT)]
        for j, path in enumerate(files[i:i + size]):
            yield k, "abc"[j], path
        i, k, turn = i + size, k + 1, turn + 1


def twelve_bit(path: Path) -> np.ndarray:
    """The picture's grey levels as 12-bit values (0..255 -> 0..4095)."""
    with Image.open(path) as img:
        grey = np.asarray(img.convert("L"), dtype=np.float64)
    return np.round(grey * 4095.0 / 255.0).astype(np.uint16)


def dicom_copy(src: Path, dst: Path, per_class: dict[str, int] | None = None) -> dict[str, int]:
    """Write ``src``'s pictures as 12-bit DICOM files under ``dst`` (same folders); returns the
    number of made-up patients per split folder. Odd patients are MONOCHROME1 (stored inverted)."""
    from tests.dicom_files import write_dicom

    patients: dict[str, int] = {}
    first = 1
    for split, cls, files in _pictures(src, per_class):
        (dst / split / cls).mkdir(parents=True, exist_ok=True)
        seen = set()
        for k, letter, path in _patients(files, first):
            pid, name, born = made_up_patient(k)
            values = twelve_bit(path)
            mono1 = k % 2 == 1
            write_dicom(dst / split / cls / f"p{k:04d}_{letter}.dcm", 4095 - values if mono1 else values,
                        photometric="MONOCHROME1" if mono1 else "MONOCHROME2", bits_stored=12, patient_id=pid,
                        patient_name=name, birth_date=born, window=[(2048, 4096)],
                        study_uid=f"1.2.826.0.1.3680043.99.{k}")
            seen.add(k)
        patients[split] = patients.get(split, 0) + len(seen)
        first = max(seen, default=first - 1) + 1
    return patients


def png_copy(src: Path, dst: Path, per_class: dict[str, int] | None = None, *, bits: int = 8) -> None:
    """Write ``src``'s pictures as PNGs under ``dst``, named after the same patients as :func:`dicom_copy`:
    8-bit grey, or (``bits=12``) 16-bit PNGs holding the 12-bit values."""
    first = 1
    for split, cls, files in _pictures(src, per_class):
        (dst / split / cls).mkdir(parents=True, exist_ok=True)
        seen = set()
        for k, letter, path in _patients(files, first):
            values = twelve_bit(path)
            pixels = values if bits == 12 else np.round(values * 255.0 / 4095.0).astype(np.uint8)
            Image.fromarray(pixels).save(dst / split / cls / f"p{k:04d}_{letter}.png")
            seen.add(k)
        first = max(seen, default=first - 1) + 1


if __name__ == "__main__":
    source, target = Path(sys.argv[1]), Path(sys.argv[2])
    print("patients:", dicom_copy(source, target / "dicom"))
    png_copy(source, target / "png8", bits=8)
    png_copy(source, target / "png12", bits=12)
    print("written to", target)
