"""Writing small DICOM files for tests, the way a scanner or PACS export would hold them.

``write_dicom(path, values, ...)`` stores a 2-D (or, with frames, 3-D) array of stored values as
an uncompressed DICOM image with the tags a test sets (patient, windows, rescale, photometric).
"""

from __future__ import annotations

from pathlib import Path
from typing import Sequence

import numpy as np


def write_dicom(path: Path, values: np.ndarray, *, photometric: str = "MONOCHROME2", bits_stored: int = 12,
                patient_id: str | None = "P0001", patient_name: str | None = "DOE^JANE",
                birth_date: str | None = "19700101", window: Sequence[tuple[float, float]] = (),
                rescale: tuple[float, float] | None = None, study_uid: str | None = None,
                preamble: bool = True, **tags: object) -> Path:
    """Write ``values`` (uint16 for grey, uint8 H x W x 3 for RGB) as a DICOM file at ``path``.

    ``window``: (center, width) pairs stored as Window Center/Width; ``rescale``: (slope,
    intercept). Extra keyword arguments set further tags by keyword.
    """
    import pydicom
    from pydicom.dataset import Dataset, FileMetaDataset
    from pydicom.uid import ExplicitVRLittleEndian, SecondaryCaptureImageStorage, generate_uid

    meta = FileMetaDataset()
    meta.MediaStorageSOPClassUID = SecondaryCaptureImageStorage
    meta.MediaStorageSOPInstanceUID = generate_uid()
    meta.TransferSyntaxUID = ExplicitVRLittleEndian
    ds = Dataset()
    ds.file_meta = meta
    ds.SOPClassUID = SecondaryCaptureImageStorage
    ds.SOPInstanceUID = meta.MediaStorageSOPInstanceUID
    ds.Modality = "CR"
    ds.StudyInstanceUID = study_uid or generate_uid()
    ds.SeriesInstanceUID = generate_uid()
    if patient_id is not None:
        ds.PatientID = patient_id
    if patient_name is not None:
        ds.PatientName = patient_name
    if birth_date is not None:
        ds.PatientBirthDate = birth_date
    arr = np.ascontiguousarray(values)
    if photometric == "RGB":
        ds.set_pixel_data(arr.astype(np.uint8), "RGB", 8)
    else:
        ds.set_pixel_data(arr.astype(np.uint16), photometric, bits_stored)
    if window:
        ds.WindowCenter = [float(c) for c, _ in window] if len(window) > 1 else float(window[0][0])
        ds.WindowWidth = [float(w) for _, w in window] if len(window) > 1 else float(window[0][1])
    if rescale is not None:
        ds.RescaleSlope, ds.RescaleIntercept = rescale
    for keyword, value in tags.items():
        setattr(ds, keyword, value)
    pydicom.dcmwrite(path, ds, enforce_file_format=preamble)
    return Path(path)


def shipped(name: str) -> str:
    """The path of one of the real DICOM files that ship with pydicom (no download needed)."""
    from pydicom.data import get_testdata_file

    found = get_testdata_file(name, download=False)
    assert found is not None, f"pydicom does not ship {name}"
    return str(found)
