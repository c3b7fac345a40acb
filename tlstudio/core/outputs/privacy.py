"""What tlstudio writes never carries a patient's identity from DICOM tags; file names can be pseudonyms.

tlstudio reads a DICOM file's identifying tags (:data:`IDENTIFYING_TAGS`) for one purpose only:
grouping by patient, where the groups are named ``patient 1``, ``patient 2``, ...
(:func:`tlstudio.core.data.groups.pseudonyms`). No tag value is written into a run, a report, an
export, a model card, a predictions CSV or a log. File names are the user's own: when they hold
a patient's name or ID, :func:`protect_document` says so at the top of the report, and with
``pseudonyms=True`` replaces every file name and the image folder's path by ``image 1.dcm``, ...
(the mapping is never written). :func:`private_values` and :meth:`PrivateValues.found_in` are how
tests (and the report's notice) check a text for the values.
"""

from __future__ import annotations

import dataclasses
import os
import re
from dataclasses import dataclass
from typing import Iterable, Mapping, Sequence

from tlstudio.core.data.dicom import is_dicom, read_tags, split_frame
from tlstudio.core.outputs.report_document import Block, ReportDocument

#: DICOM tags that identify a person (PS3.15 Annex E's basic profile, the ones exports carry most).
IDENTIFYING_TAGS: tuple[str, ...] = (
    "PatientName", "PatientID", "PatientBirthDate", "OtherPatientIDs", "OtherPatientNames", "PatientAddress",
    "PatientTelephoneNumbers", "PatientMotherBirthName", "MedicalRecordLocator", "IssuerOfPatientID",
    "ReferringPhysicianName", "PerformingPhysicianName", "OperatorsName", "AccessionNumber", "InstitutionName",
)
_MIN_LETTERS = 3  # name parts shorter than this ("DE", "J") would match everywhere
_MIN_DIGITS = 4  # numeric IDs shorter than this would match ordinary numbers
_MAX_FILES = 5000  # headers read to find the values (a report of a bigger set samples evenly)


@dataclass(frozen=True)
class PrivateValues:
    """The identifying values found in a set of DICOM files, as the words to look for in a text."""

    words: frozenset[str] = frozenset()

    def found_in(self, text: str) -> list[str]:
        """The values that occur in ``text`` (case-insensitive, as whole words)."""
        if not self.words or not text:
            return []
        lowered = text.lower()
        return sorted(w for w in self.words if w in lowered and re.search(rf"(?<![0-9a-z]){re.escape(w)}(?![0-9a-z])",
                                                                           lowered))


def _words_of(keyword: str, value: str) -> set[str]:
    """The searchable forms of one tag value: a name's parts, a date as written and as YYYY-MM-DD, an ID."""
    found: set[str] = set()
    parts = re.split(r"[\^=\\\s,]+", value) if keyword.endswith("Name") or keyword == "OtherPatientNames" else \
        re.split(r"\\", value)
    for part in (p.strip().lower() for p in parts):
        letters = sum(ch.isalpha() for ch in part)
        digits = sum(ch.isdigit() for ch in part)
        if letters >= _MIN_LETTERS or (letters and len(part) >= _MIN_DIGITS) or digits >= _MIN_DIGITS:
            found.add(part)
    if keyword.endswith("BirthDate") and re.fullmatch(r"\d{8}", value):
        found.add(f"{value[:4]}-{value[4:6]}-{value[6:]}")
    return found


def private_values(paths: Iterable[str]) -> PrivateValues:
    """The identifying values of the DICOM files among ``paths`` (headers only; other files skipped)."""
    files = sorted({split_frame(p)[0] for p in paths})
    if len(files) > _MAX_FILES:
        step = len(files) / _MAX_FILES
        files = [files[int(i * step)] for i in range(_MAX_FILES)]
    words: set[str] = set()
    for file in files:
        if not is_dicom(file):
            continue
        for keyword, value in read_tags(file, IDENTIFYING_TAGS).items():
            words |= _words_of(keyword, value)
    return PrivateValues(frozenset(words))


def split_paths(split: Mapping[str, object]) -> list[str]:
    """Every image path of a run's ``split.json``."""
    paths: list[str] = []
    for part in ("train", "val", "test", "synthetic"):
        rows = split.get(part)
        if isinstance(rows, list):
            paths += [str(r["path"]) for r in rows if isinstance(r, dict) and "path" in r]
    return paths


def file_pseudonyms(paths: Sequence[str]) -> dict[str, str]:
    """``{path: "image 1.dcm", ...}``: one name per file (frames keep their ``#frame=K``), numbered in path order."""
    files = sorted({split_frame(p)[0] for p in paths})
    names = {f: f"image {i}{os.path.splitext(f)[1].lower()}" for i, f in enumerate(files, start=1)}
    out: dict[str, str] = {}
    for path in paths:
        file, frame = split_frame(path)
        out[path] = names[file] + (f"#frame={frame}" if frame is not None else "")
    return out


class _Replacer:
    """Replaces every form a path takes in the report (absolute, inside the folder, the bare name)."""

    def __init__(self, mapping: Mapping[str, str], data: str) -> None:
        forms: dict[str, str] = {}
        for path, name in mapping.items():
            forms[os.path.basename(path)] = name
            if data:
                forms[os.path.relpath(path, data).replace(os.sep, "/")] = name
            forms[path] = name
        if data:
            forms[data] = "(the image folder)"
        keys = sorted((k for k in forms if k), key=len, reverse=True)
        self.forms = forms
        self.pattern = re.compile("|".join(re.escape(k) for k in keys)) if keys else None

    def __call__(self, text: str) -> str:
        if self.pattern is None or not text:
            return text
        return self.pattern.sub(lambda m: self.forms[m.group(0)], text)


def _replace_block(block: Block, replace: _Replacer) -> Block:
    return dataclasses.replace(
        block, text=replace(block.text), caption=replace(block.caption),
        rows=tuple(tuple(replace(cell) for cell in row) for row in block.rows),
        items=tuple((picture, overlay, replace(caption)) for picture, overlay, caption in block.items))


def pseudonymized(doc: ReportDocument, paths: Sequence[str], data: str) -> ReportDocument:
    """``doc`` with every file name and the image folder's path replaced by a pseudonym."""
    replace = _Replacer(file_pseudonyms(paths), data.rstrip("/\\"))
    return dataclasses.replace(
        doc, title=replace(doc.title), subtitle=replace(doc.subtitle),
        blocks=tuple(_replace_block(b, replace) for b in doc.blocks),
        files=tuple((part, name, replace(path)) for part, name, path in doc.files))


def protect_document(doc: ReportDocument, split: Mapping[str, object], data: str, *, pseudonyms: bool,
                     notice: str) -> ReportDocument:
    """The report as it may be shared: with ``pseudonyms`` every file name replaced; otherwise, when
    file names hold a patient's name or ID from the DICOM tags, ``notice`` (its ``{n}`` the number of
    such files) as the report's first paragraph."""
    paths = split_paths(split)
    if pseudonyms:
        return pseudonymized(doc, paths, data)
    values = private_values(paths)
    if not values.words:
        return doc
    named = sum(1 for p in {split_frame(p)[0] for p in paths} if values.found_in(os.path.basename(p)))
    if not named:
        return doc
    return dataclasses.replace(doc, blocks=(Block("p", notice.format(n=named)), *doc.blocks))


__all__ = [
    "IDENTIFYING_TAGS",
    "PrivateValues",
    "file_pseudonyms",
    "private_values",
    "protect_document",
    "pseudonymized",
    "split_paths",
]
