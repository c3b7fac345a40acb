"""Groups of images that belong together (a patient, a lesion): from a CSV file, a file-name pattern, or DICOM tags.

:func:`assign_groups` finds each image's group; :func:`take_groups` moves whole groups out of a
set of images with scikit-learn's ``StratifiedGroupKFold``, so that :func:`~tlstudio.core.data.split.make_split`
never divides a group between splits.
"""

from __future__ import annotations

import csv
import hashlib
import io
import os
import re
import warnings
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Sequence

import numpy as np

from tlstudio.core.config import SplitConfig
from tlstudio.core.data.dicom import is_dicom, is_tag_keyword, read_tags, split_frame
from tlstudio.core.data.records import DatasetScan, GroupSummary, ImageRecord
from tlstudio.core.errors import DatasetError

if TYPE_CHECKING:
    pass


@dataclass(frozen=True)
class ImageGroups:
    """Which group (patient, lesion) each image belongs to, as read by :func:`assign_groups`.

    ``of`` maps an image's path to its group; ``ungrouped`` holds the paths of the images that
    got no group (each is kept on its own, as if it were a separate patient). ``source`` says
    in words where the groups came from; ``notes`` are sentences for the user (CSV rows that
    were skipped, images without a group).
    """

    of: dict[str, str]
    ungrouped: tuple[str, ...]
    source: str
    notes: tuple[str, ...] = ()

    def count(self) -> int:
        """Number of groups, each image without a group counted as one."""
        return len(set(self.of.values())) + len(self.ungrouped)

    def key(self, path: str) -> str:
        """The group of ``path``; an image without a group is a group of its own."""
        group = self.of.get(path)
        return group if group is not None else "\0" + path  # no CSV cell or file name holds a NUL


def assign_groups(scan: DatasetScan, config: SplitConfig) -> ImageGroups | None:
    """Find each image's group from ``config.groups_csv``, ``config.group_pattern``, or else the
    DICOM files' ``config.dicom_group_tag`` (see :func:`groups_from_dicom`).

    None when nothing groups the images. The pattern is searched in each file name (its first
    capture group, or the whole match, is the group). The CSV file needs the columns ``file``
    and ``group`` (a header row; a headerless file of two columns is read as file, group);
    ``file`` is the image's path inside the dataset folder or, when unique, its file name.
    Raises :class:`DatasetError` (naming the CSV file and what to do) when the file is missing,
    unreadable, lacks a column, gives an image two groups, or names no image of the dataset;
    CSV rows naming other files are skipped and reported in ``notes``. Only reads files.
    """
    if config.group_pattern is not None:
        pattern = config.compiled_group_pattern()
        assert pattern is not None
        return _groups_from_pattern(scan, pattern, config.group_pattern)
    if config.groups_csv is not None:
        return _groups_from_csv(scan, config.groups_csv)
    if config.dicom_group_tag:
        return groups_from_dicom(scan, config.dicom_group_tag)
    return frames_by_file(scan)


def frames_by_file(scan: DatasetScan) -> ImageGroups | None:
    """The frames of each multi-frame file as one group (a volume's slices are near copies of each
    other and must not straddle train and test); None when no record is a frame."""
    of = {r.path: _rel(split_frame(r.path)[0], scan.root) for r in scan.records if split_frame(r.path)[1] is not None}
    if not of:
        return None
    ungrouped = tuple(r.path for r in scan.records if r.path not in of)
    return ImageGroups(of=of, ungrouped=ungrouped, source="the multi-frame files (each file's frames together)")


#: The tag that stands in for PatientID in a file that has none (one study is one patient's).
_FALLBACK_TAG = "StudyInstanceUID"
DICOM_GROUP_SOURCE = "the DICOM files"


def pseudonyms(values: Sequence[str], word: str) -> dict[str, str]:
    """``{value: "patient 1", ...}``: names for the groups that say nothing about the value (numbered in
    the order of the values' SHA-256, so the same patients get the same names in every scan)."""
    order = sorted(set(values), key=lambda v: hashlib.sha256(v.encode("utf-8", "surrogateescape")).hexdigest())
    return {value: f"{word} {i}" for i, value in enumerate(order, start=1)}


def group_sentence(summary: GroupSummary) -> str:
    """One line on a group-aware split: where the groups came from, how many, and per split."""
    where = (f"train {summary.per_split.get('train', 0)}, val {summary.per_split.get('val', 0)}, "
             f"test {summary.per_split.get('test', 0)}")
    alone = f", counting {summary.ungrouped} images without a group as one each" if summary.ungrouped else ""
    if summary.from_dicom:
        tag = summary.source.rsplit("(", 1)[-1].rstrip(")")
        if tag == "PatientID":
            return f"Grouped by patient from the DICOM files ({summary.named} patients{alone}; {where})."
        return f"Grouped by the DICOM tag {tag} ({summary.named} groups{alone}; {where})."
    return f"Groups: {summary.groups}{alone} ({where})."


def groups_from_dicom(scan: DatasetScan, tag: str = "PatientID") -> ImageGroups | None:
    """The groups of the DICOM images from their ``tag`` (``PatientID``, or ``StudyInstanceUID`` when a
    file has no PatientID); None when the dataset holds no DICOM file.

    The tag's values never leave this function: groups are named ``patient 1``, ``patient 2``, ...
    (``group 1``, ... for another tag), so ``split.json``, the report and the logs hold no patient ID.
    Only the files' headers are read. Raises :class:`DatasetError` when ``tag`` is not a DICOM tag.
    """
    files = sorted({split_frame(r.path)[0] for r in scan.records})
    dicom = [f for f in files if is_dicom(f)]
    if not dicom:
        return None
    if not is_tag_keyword(tag):
        raise DatasetError(f"'{tag}' is not the keyword of a DICOM tag, so the DICOM files cannot be grouped by it.",
                           hint="Write a tag's keyword as the DICOM standard spells it, e.g. PatientID or "
                                "StudyInstanceUID, or turn grouping by DICOM tag off.", path=scan.root)
    wanted = (tag, _FALLBACK_TAG) if tag == "PatientID" else (tag,)
    value_of: dict[str, str] = {}
    for file in dicom:
        tags = read_tags(file, wanted)
        value = tags.get(tag) or tags.get(_FALLBACK_TAG)
        if value:
            value_of[file] = value
    names = pseudonyms(list(value_of.values()), "patient" if tag == "PatientID" else "group")
    of = {r.path: names[value_of[split_frame(r.path)[0]]] for r in scan.records
          if split_frame(r.path)[0] in value_of}
    frames = frames_by_file(scan)  # the frames of a file without the tag still stay together
    of.update({p: g for p, g in (frames.of.items() if frames else ()) if p not in of})
    ungrouped = tuple(r.path for r in scan.records if r.path not in of)
    source = f"{DICOM_GROUP_SOURCE} ({tag})"
    notes: list[str] = []
    if ungrouped:
        notes.append(_ungrouped_note(ungrouped, len(scan.records), f"{DICOM_GROUP_SOURCE} (no {tag} tag)", scan.root))
    return ImageGroups(of=of, ungrouped=ungrouped, source=source, notes=tuple(notes))


def _rel(path: str, root: str) -> str:
    return os.path.relpath(path, root).replace(os.sep, "/")


def _ungrouped_note(ungrouped: Sequence[str], total: int, where: str, root: str) -> str:
    k = len(ungrouped)
    return (f"{k} of {total} image{'s' if total != 1 else ''} {'have' if k != 1 else 'has'} no group in {where} "
            f"(e.g. {_rel(ungrouped[0], root)}); each of them is kept on its own, as if it were a separate "
            "patient.")


def _groups_from_pattern(scan: DatasetScan, pattern: re.Pattern[str], text: str) -> ImageGroups:
    of: dict[str, str] = {}
    ungrouped: list[str] = []
    for record in scan.records:
        match = pattern.search(os.path.basename(record.path))
        group = (match.group(1) if pattern.groups else match.group(0)) if match else None
        if group:
            of[record.path] = group
        else:
            ungrouped.append(record.path)
    source = f"the file-name pattern {text}"
    notes: list[str] = []
    if ungrouped and not of:
        notes.append(f"The file-name pattern {text} matched none of the {len(ungrouped)} file names (e.g. "
                     f"{os.path.basename(ungrouped[0])}), so every image is its own group and the split is no "
                     "safer than an ordinary one. Check the pattern: the part in parentheses should be the "
                     "patient's or lesion's name.")
    elif ungrouped:
        notes.append(_ungrouped_note(ungrouped, len(scan.records), source, scan.root))
    return ImageGroups(of=of, ungrouped=tuple(ungrouped), source=source, notes=tuple(notes))


_CSV_LAYOUT = ("a header row naming the columns file and group, then one row per image, e.g. 'file,group' "
               "then 'p01_a.jpg,p01'")
_CSV_HINT = f"Save it with {_CSV_LAYOUT}."


def _csv_path(groups_csv: str, root: str) -> Path:
    path = Path(os.path.expanduser(groups_csv))
    return path if path.is_absolute() else Path(root) / path


def _read_csv_text(path: Path) -> str:
    name = path.name
    if not path.exists():
        raise DatasetError(f"The groups file {path} does not exist.",
                           hint="Check the path, or choose the CSV file again (a relative path is looked for "
                                "in the image folder).", path=str(path))
    if path.is_dir():
        raise DatasetError(f"{path} is a folder, not a CSV file of groups.",
                           hint="Choose the CSV file that lists each image with its group.", path=str(path))
    try:
        data = path.read_bytes()
    except PermissionError as exc:
        raise DatasetError(f"tlstudio is not allowed to read the groups file {path}.",
                           hint="Give your user read permission on it, or choose another file.",
                           path=str(path), details=str(exc)) from exc
    except OSError as exc:
        raise DatasetError(f"The groups file {path} could not be read ({exc.strerror or exc}).",
                           hint="Check the disk, then try again.", path=str(path), details=str(exc)) from exc
    for encoding in ("utf-8-sig", "cp1252"):  # Excel writes UTF-8 with a BOM, or Windows' code page
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if "\0" not in text:
            return text
    raise DatasetError(f"The groups file {name} is not a text (CSV) file.",
                       hint=f"Save it as 'CSV UTF-8' from your spreadsheet program, with {_CSV_LAYOUT}.", path=str(path))


def _csv_rows(text: str) -> list[tuple[int, list[str]]]:
    """(line number, cells) of every row that is not blank; comma, semicolon or tab separated."""
    try:
        dialect: Any = csv.Sniffer().sniff(text[:8192], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    reader = csv.reader(io.StringIO(text), dialect)
    rows: list[tuple[int, list[str]]] = []
    for row in reader:
        cells = [cell.strip() for cell in row]
        if any(cells):
            rows.append((reader.line_num, cells))
    return rows


class _FileIndex:
    """Finds an image of the dataset from a path inside the folder, or a unique file name."""

    def __init__(self, records: Sequence[ImageRecord], root: str) -> None:
        self.root = root
        self.paths = {record.path for record in records}
        self.by_rel: dict[str, str] = {}
        self.by_name: dict[str, list[tuple[str, str]]] = {}
        for record in records:
            rel = _rel(record.path, root)
            self.by_rel[rel] = record.path
            self.by_name.setdefault(rel.rsplit("/", 1)[-1], []).append((rel, record.path))

    def find(self, text: str) -> tuple[str | None, list[str]]:
        """(path, []) when found; (None, [candidates...]) when the name is shared; (None, []) else."""
        given = text.replace("\\", "/")
        while given.startswith("./"):
            given = given[2:]
        if os.path.isabs(text) and os.path.normpath(text) in self.paths:
            return os.path.normpath(text), []
        if given in self.by_rel:
            return self.by_rel[given], []
        same_name = self.by_name.get(given.rsplit("/", 1)[-1], [])
        # ``given`` is the end of an image's path (``p01_a.jpg``, ``cats/p01_a.jpg``), or an image's
        # path with leading folders of its own (``data/cats/p01_a.jpg``).
        matches = [(rel, p) for rel, p in same_name if rel.endswith("/" + given) or given.endswith("/" + rel)]
        if len(matches) == 1:
            return matches[0][1], []
        return None, [rel for rel, _ in matches]


def _groups_from_csv(scan: DatasetScan, groups_csv: str) -> ImageGroups:
    """The groups a CSV file gives (``file`` and ``group`` columns, or two columns without a
    header); DatasetError in plain words for an empty or unreadable file, missing columns, an
    image given two groups, or a file that names no image of the folder."""
    path = _csv_path(groups_csv, scan.root)
    rows = _csv_rows(_read_csv_text(path))
    if not rows:
        raise DatasetError(f"The groups file {path.name} is empty.", hint=_CSV_HINT, path=str(path))
    index = _FileIndex(scan.records, scan.root)
    file_col, group_col, rows = _csv_columns(rows, index, path)
    of, not_found, shared = _csv_groups(rows, file_col, group_col, index, scan.root, path)
    if not of:
        example = not_found[0] if not_found else (shared[0][0], shared[0][1]) if shared else None
        detail = f" (e.g. line {example[0]}: {example[1]})" if example else ""
        raise DatasetError(
            f"No image of the dataset got a group from {path.name}: none of its rows names a usable image of "
            f"{scan.root} together with a group{detail}.",
            hint="Check that it belongs to this image folder and that the file column holds paths inside the "
                 "folder (e.g. cats/p01_a.jpg) or file names (p01_a.jpg). " + _CSV_HINT,
            path=str(path))
    notes = _csv_row_notes(path.name, not_found, shared)
    ungrouped = tuple(r.path for r in scan.records if r.path not in of)
    if ungrouped:
        notes.append(_ungrouped_note(ungrouped, len(scan.records), path.name, scan.root))
    return ImageGroups(of=of, ungrouped=ungrouped, source=f"the groups file {path.name}", notes=tuple(notes))


def _csv_columns(rows: list[tuple[int, list[str]]], index: _FileIndex, path: Path
                 ) -> tuple[int, int, list[tuple[int, list[str]]]]:
    """(file column, group column, the image rows): from the header row, or ``file, group`` when
    the first row already names an image."""
    first = rows[0][1]
    header = [cell.lower() for cell in first]
    if "file" in header and "group" in header:
        file_col, group_col = header.index("file"), header.index("group")
        rows = rows[1:]
    elif len(first) == 2 and "file" not in header and "group" not in header and index.find(first[0])[0] is not None:
        file_col, group_col = 0, 1  # no header row: file, group
    else:
        missing = [col for col in ("file", "group") if col not in header]
        shown = ", ".join(first[:6]) + (", ..." if len(first) > 6 else "")
        what = "no column named 'file' or 'group'" if len(missing) == 2 else f"no column named '{missing[0]}'"
        raise DatasetError(
            f"The groups file {path.name} has {what} (its first row is: {shown}).",
            hint=_CSV_HINT, path=str(path))
    if not rows:
        raise DatasetError(f"The groups file {path.name} has a header row but no image rows.", hint=_CSV_HINT,
                           path=str(path))
    return file_col, group_col, rows


def _csv_groups(rows: list[tuple[int, list[str]]], file_col: int, group_col: int, index: _FileIndex, root: str,
                path: Path) -> tuple[dict[str, str], list[tuple[int, str]], list[tuple[int, str, list[str]]]]:
    """The group of each image the rows name, the rows naming no image (line, text), and the rows
    whose bare file name several images share (line, text, candidates)."""
    of: dict[str, str] = {}
    line_of: dict[str, int] = {}
    not_found: list[tuple[int, str]] = []
    shared: list[tuple[int, str, list[str]]] = []
    for line, cells in rows:
        file_text = cells[file_col] if file_col < len(cells) else ""
        group = cells[group_col] if group_col < len(cells) else ""
        if not file_text:
            continue
        found, candidates = index.find(file_text)
        if found is None:
            if candidates:
                shared.append((line, file_text, candidates))
            else:
                not_found.append((line, file_text))
            continue
        if not group:
            continue  # listed without a group: kept on its own, counted by the caller
        if found in of and of[found] != group:
            raise DatasetError(
                f"The groups file {path.name} gives {_rel(found, root)} two groups: '{of[found]}' on line "
                f"{line_of[found]} and '{group}' on line {line}.",
                hint="Keep one row per image (an image belongs to one patient or lesion), then try again.",
                path=str(path))
        of[found] = group
        line_of[found] = line
    return of, not_found, shared


def _csv_row_notes(name: str, not_found: list[tuple[int, str]], shared: list[tuple[int, str, list[str]]]
                   ) -> list[str]:
    """The split's sentences about the CSV rows that were skipped."""
    notes: list[str] = []
    if not_found:
        line, text = not_found[0]
        k = len(not_found)
        rows_text = (f"1 row of {name} names a file that is not a usable image of this folder and was" if k == 1 else
                     f"{k} rows of {name} name files that are not usable images of this folder and were")
        notes.append(f"{rows_text} skipped (e.g. line {line}: {text}). The file may be missing, misspelt, or "
                     "skipped as unreadable.")
    if shared:
        line, text, candidates = shared[0]
        k = len(shared)
        rows_text = (f"1 row of {name} gives only a file name that several images share and was" if k == 1 else
                     f"{k} rows of {name} give only a file name that several images share and were")
        notes.append(f"{rows_text} skipped (e.g. line {line}: "
                     f"{text} is {' and '.join(candidates[:2])}). Write the path inside the image folder "
                     f"instead, e.g. {candidates[0]}.")
    return notes


def take_groups(records: list[ImageRecord], target: float, groups: ImageGroups, seed: int, keep_groups: int
                 ) -> tuple[list[ImageRecord], list[ImageRecord]]:
    """Move whole groups, about ``target`` images, out of ``records``: returns (kept, taken).

    scikit-learn's ``StratifiedGroupKFold`` (seeded) deals the groups into ``k`` folds of
    similar class mix, with ``k`` about ``len(records) / target``; the fold whose size is
    closest to ``target`` is taken (or, for more than half, everything but one fold). At
    least ``keep_groups`` groups stay behind.
    """
    from sklearn.model_selection import StratifiedGroupKFold

    if target <= 0 or not records:
        return records, []
    names = sorted({groups.key(r.path) for r in records})
    code = {g: i for i, g in enumerate(names)}
    group_ids = np.array([code[groups.key(r.path)] for r in records])
    labels = np.array([r.label for r in records])
    n, n_groups = len(records), len(names)
    complement = target > n / 2
    share = (n - target if complement else target) / n
    k = max(2, min(round(1 / share) if share > 0 else n_groups, n_groups))
    if k > n_groups:
        return records, []
    if np.bincount(labels).max() < k:
        labels = np.zeros(n, dtype=np.int64)  # too few images of every class to stratify
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)  # "least populated class": reported in plain words
        folds = [np.asarray(test, dtype=np.int64) for _, test in
                 StratifiedGroupKFold(n_splits=k, shuffle=True, random_state=seed).split(np.zeros(n), labels, group_ids)]
    best: tuple[float, int, np.ndarray] | None = None
    for i, fold in enumerate(folds):
        taken = np.setdiff1d(np.arange(n), fold) if complement else fold
        taken_groups = len(np.unique(group_ids[taken]))
        if taken.size == 0 or n_groups - taken_groups < keep_groups:
            continue
        candidate = (abs(taken.size - target), i, taken)
        if best is None or candidate[:2] < best[:2]:
            best = candidate
    if best is None:
        return records, []
    chosen = set(best[2].tolist())
    kept = [r for i, r in enumerate(records) if i not in chosen]
    taken_records = [r for i, r in enumerate(records) if i in chosen]
    return kept, taken_records
