"""Scanning the user's image folder: one subfolder per class, or already split folders.

A dataset is a folder with one subfolder per class (``flowers/roses/*.jpg``), or a folder
that is already split (``chest_xray/train/NORMAL``, ``chest_xray/test/NORMAL``, optionally
``val/``). :func:`scan_dataset` opens every image once, in a thread pool, and sorts out the files
that cannot be used (:class:`BadFile`, with a reason in plain words) from those that can
(:class:`ImageRecord`). It never writes anything into the folder.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Sequence

from tlstudio.core.config import ReadingConfig
from tlstudio.core.data.dicom import has_dicom_preamble
from tlstudio.core.data.files import check_files
from tlstudio.core.data.imageio import current_reading, is_image_path, refused_reason, set_reading
from tlstudio.core.data.reading import expand_frames, reading_summary
from tlstudio.core.data.records import (
    SPLITS,
    BadFile,
    DatasetScan,
    ImageFacts,
    ImageRecord,
    ProgressCallback,
    ScanCancelled,
    StopFlag,
    count_per_class,
)
from tlstudio.core.errors import DatasetError

if TYPE_CHECKING:
    pass


# Folder names (any case) that mark an already split dataset.
_SPLIT_FOLDER_NAMES = {"train": "train", "training": "train", "test": "test", "testing": "test", "val": "val",
                       "valid": "val", "validation": "val"}
# Files operating systems leave behind; never images, never worth a warning.
_SYSTEM_FILES = frozenset({"thumbs.db", "desktop.ini", "ehthumbs.db", "icon\r"})
_SYSTEM_FOLDERS = frozenset({"__macosx", "$recycle.bin", "system volume information"})


def _ignored_name(name: str) -> bool:
    """Hidden files, macOS resource forks (``._x``), and files/folders operating systems add."""
    lowered = name.lower()
    return name.startswith(".") or lowered in _SYSTEM_FILES or lowered in _SYSTEM_FOLDERS


def _inside(path: str, root_real: str) -> bool:
    return path == root_real or path.startswith(root_real.rstrip(os.sep) + os.sep)


@dataclass
class Walk:
    """What walking the folder found, before any file is opened."""

    root_real: str
    visited: set[str] = field(default_factory=set)
    not_images: list[str] = field(default_factory=list)
    unreadable_folders: list[str] = field(default_factory=list)
    refused: list[BadFile] = field(default_factory=list)

    def images_in(self, folder: Path) -> list[str]:
        """Image files anywhere under ``folder`` (nested folders included), sorted by path.

        Folder shortcuts (symlinks) are followed only when they lead outside the dataset and
        to a folder not seen yet, so a link pointing back up cannot loop forever and no image
        is counted twice.
        """
        found: list[str] = []

        def on_error(exc: OSError) -> None:
            self.unreadable_folders.append(str(exc.filename or folder))

        for dirpath, dirnames, filenames in os.walk(folder, followlinks=True, onerror=on_error):
            real = os.path.realpath(dirpath)
            if real in self.visited:
                dirnames[:] = []
                continue
            self.visited.add(real)
            keep = []
            for name in sorted(dirnames):
                if _ignored_name(name):
                    continue
                full = os.path.join(dirpath, name)
                if os.path.islink(full):
                    target = os.path.realpath(full)
                    if _inside(target, self.root_real) or target in self.visited:
                        continue
                keep.append(name)
            dirnames[:] = keep
            for name in filenames:
                if _ignored_name(name):
                    continue
                full = os.path.join(dirpath, name)
                if is_image_path(name) or has_dicom_preamble(full):  # DICOM files often have no extension
                    found.append(full)
                elif refused_reason(name) is not None:
                    self.refused.append(BadFile(full, "unsupported", f"'{name}' is not read by tlstudio: "
                                                                     f"{refused_reason(name)}."))
                else:
                    self.not_images.append(full)
        return sorted(found)


def _subfolders(folder: Path) -> list[Path]:
    """Visible subfolders of ``folder``, sorted by name."""
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except PermissionError as exc:
        raise DatasetError(f"tlstudio is not allowed to read the folder {folder}.",
                           hint="Give your user read permission on it, or choose another folder.",
                           path=str(folder), details=str(exc)) from exc
    except OSError as exc:
        raise DatasetError(f"The folder {folder} could not be read ({exc.strerror or exc}).",
                           hint="Check that the disk is connected, then try again.",
                           path=str(folder), details=str(exc)) from exc
    return [Path(e.path) for e in entries if not _ignored_name(e.name) and e.is_dir()]


def _loose_images(folder: Path) -> list[str]:
    try:
        return sorted(e.name for e in os.scandir(folder) if e.is_file() and not _ignored_name(e.name)
                      and is_image_path(e.name))
    except OSError:
        return []


def _check_root(root: Path) -> None:
    if not root.exists():
        raise DatasetError(f"The folder {root} does not exist.",
                           hint="Check the path, or choose the folder again.", path=str(root))
    if not root.is_dir():
        raise DatasetError(f"{root} is a file, not a folder.",
                           hint="Choose the folder that holds one subfolder per class.", path=str(root))
    if not os.access(root, os.R_OK | os.X_OK):
        raise DatasetError(f"tlstudio is not allowed to read the folder {root}.",
                           hint="Give your user read permission on it, or choose another folder.", path=str(root))


def _no_classes_error(root: Path) -> DatasetError:
    loose = _loose_images(root)
    found = f" It holds {len(loose)} images directly (e.g. {loose[0]})." if loose else ""
    return DatasetError(
        f"The folder {root} has no class folders.{found}",
        hint="Put the images of each class in their own subfolder (e.g. cats/ and dogs/), then choose the "
             "folder that holds those subfolders.",
        path=str(root),
    )

ClassFolder = tuple[str, str, Path]  # (split, class name, folder)


def scan_dataset(
    root: str | os.PathLike[str],
    *,
    on_progress: ProgressCallback | None = None,
    should_stop: StopFlag | None = None,
    reading: ReadingConfig | None = None,
) -> DatasetScan:
    """Find the classes under ``root`` and check every image file.

    Layouts: one subfolder per class, or ``train/`` (or ``training/``) and ``test/`` (and/or
    ``val/``/``valid/``/``validation/``, any case) each holding the same class subfolders; a flat
    folder whose classes are named like splits is refused (:func:`split_named_classes`). Images in nested
    folders belong to their class folder. Hidden and system files are ignored silently;
    other non-image files are counted in a warning. Unusable images become ``bad_files`` and
    are skipped.

    ``on_progress(done, total)`` is called from the calling thread (throttled, always with the
    final count); ``should_stop()`` is polled between files and makes the scan raise
    :class:`ScanCancelled`. Raises :class:`DatasetError` when the folder is missing or
    unreadable, has no class folders or fewer than two, or a class has no usable image.

    ``reading`` (a run's ``config.reading``) becomes the way pictures are read from now on
    (``imageio.set_reading``: what is checked is what gets trained); None keeps the current one.
    """
    if reading is not None:
        set_reading(reading)
    root_path = Path(os.path.expanduser(os.fspath(root))).absolute()
    _check_root(root_path)
    stop = should_stop or (lambda: False)
    notes: list[str] = []
    split_folders = _split_folders(_subfolders(root_path))
    is_split = "train" in split_folders and len(split_folders) >= 2
    if is_split:
        classes, class_folders = _split_class_folders(root_path, split_folders, notes)
        notes += _split_alias_note(split_folders)
    else:
        split_folders = {}
        classes, class_folders = _flat_class_folders(root_path)
        notes += split_named_classes(classes, root_path)
    _check_class_count(classes, split_folders.get("train", root_path))
    _check_linked_classes(class_folders)
    notes += _case_twins(classes)
    notes += _loose_note(_loose_images(root_path), "the folder")

    walk = Walk(root_real=os.path.realpath(root_path))
    files = _image_files(class_folders, walk, stop, notes)
    results = check_files([p for _, _, p in files], on_progress, stop)
    per_split, bad_files = _sort_results(files, results, classes)
    bad_files += walk.refused
    _check_every_class_usable(classes, per_split["train"], files, class_folders)
    for part in ("val", "test"):
        if part in split_folders:
            for name, count in count_per_class(classes, per_split[part]).items():
                if count == 0 and any(p == part and n == name for p, n, _ in class_folders):
                    notes.append(f"The {part} folder of '{name}' has no usable image.")

    def ordered(records: Sequence[ImageRecord]) -> tuple[ImageRecord, ...]:
        return tuple(sorted(records, key=lambda r: r.path))

    return DatasetScan(
        root=str(root_path),
        classes=classes,
        records=ordered([r for part in SPLITS for r in per_split[part]]),
        bad_files=tuple(sorted(bad_files, key=lambda b: b.path)),
        layout="split" if is_split else "flat",
        presplit={part: ordered(per_split[part]) for part in SPLITS if part in split_folders} if is_split else None,
        warnings=tuple(notes),
        reading=reading_summary(results, current_reading()),
    )


def _split_folders(top: Sequence[Path]) -> dict[str, Path]:
    """The top-level folders whose names (any case) mark a split: ``{"train": ..., "test": ...}``."""
    found: dict[str, Path] = {}
    for folder in top:
        part = _SPLIT_FOLDER_NAMES.get(folder.name.lower())
        if part is not None and part not in found:
            found[part] = folder
    return found


def split_named_classes(classes: Sequence[str], root: Path) -> list[str]:
    """A folder whose classes are named like splits is very likely a split layout: a DatasetError
    ("did you mean train/ and test/?") when two or more are, a warning when one is; [] otherwise."""
    named = [c for c in classes if c.lower() in _SPLIT_FOLDER_NAMES]
    if not named:
        return []
    listed = ", ".join(f"{c}/" for c in named)
    if len(named) >= 2:
        raise DatasetError(
            f"The classes of {root} are named like splits ({listed}), so a model would learn to tell the splits "
            "apart, not your classes. Did you mean train/ and test/?",
            hint="Put the class folders inside a train/ folder (and test/ or val/), e.g. train/cats and test/cats; "
                 "or choose the folder that holds the class folders.", path=str(root))
    return [f"The class {listed} is named like a split folder: did you mean train/ and test/? A split layout needs a "
            "train/ folder beside a test/ or val/ folder, each holding the same class folders."]


def _split_alias_note(split_folders: dict[str, Path]) -> list[str]:
    """A note when split folders have other names than train/, val/, test/ (training/, valid/...)."""
    words = {"train": "training", "val": "validation", "test": "test"}
    renamed = [f"{folder.name}/ as the {words[part]} images" for part, folder in split_folders.items()
               if folder.name.lower() != part]
    return [f"Split folders read by their names: {', '.join(renamed)}."] if renamed else []


def _flat_class_folders(root: Path) -> tuple[tuple[str, ...], list[ClassFolder]]:
    """One class per subfolder of ``root``, all of them training images (the split comes later)."""
    top = _subfolders(root)
    return tuple(f.name for f in top), [("train", f.name, f) for f in top]


def _split_class_folders(root: Path, split_folders: dict[str, Path], notes: list[str]
                         ) -> tuple[tuple[str, ...], list[ClassFolder]]:
    """The classes of an already split folder (those of ``train/``) and every class folder, train
    first; notes for ignored folders, classes missing from val/test, and loose images."""
    others = [f.name for f in _subfolders(root) if f not in split_folders.values()]
    if others:
        notes.append(f"Folders other than train, val and test were ignored: {', '.join(others)}.")
    train_classes = _subfolders(split_folders["train"])
    classes = tuple(f.name for f in train_classes)
    by_lower = {c.lower(): c for c in classes}
    class_folders: list[ClassFolder] = [("train", f.name, f) for f in train_classes]
    for part in ("val", "test"):
        if part not in split_folders:
            continue
        seen: set[str] = set()
        for folder in _subfolders(split_folders[part]):
            name = folder.name if folder.name in classes else by_lower.get(folder.name.lower())
            if name is None:
                notes.append(f"The {split_folders[part].name} folder has a class '{folder.name}' that "
                             f"{split_folders['train'].name} does not have; its images were ignored.")
                continue
            seen.add(name)
            class_folders.append((part, name, folder))
        for name in classes:
            if name not in seen:
                notes.append(f"The {split_folders[part].name} folder has no '{name}' folder, so the {part} "
                             f"results will say nothing about {name}.")
    for folder in split_folders.values():
        notes += _loose_note(_loose_images(folder), f"{folder.name}/")
    return classes, class_folders


def _loose_note(loose: Sequence[str], where: str) -> list[str]:
    """The sentence about images that lie in ``where`` rather than in a class folder (none: [])."""
    if not loose:
        return []
    k = len(loose)
    return [f"{k} image{'s lie' if k != 1 else ' lies'} directly in {where} rather than in a class folder and "
            f"{'were' if k != 1 else 'was'} ignored (e.g. {loose[0]})."]


def _check_class_count(classes: tuple[str, ...], where: Path) -> None:
    """A classifier needs two classes at least: a DatasetError naming the folder otherwise."""
    if not classes:
        raise _no_classes_error(where)
    if len(classes) < 2:
        raise DatasetError(
            f"The folder {where} has only one class folder ({classes[0]}). A classifier needs at least two "
            "classes to tell apart.",
            hint="Add a folder for each other class, with its images.", path=str(where))


def _image_files(class_folders: Sequence[ClassFolder], walk: "Walk", stop: StopFlag, notes: list[str]
                 ) -> list[tuple[str, str, str]]:
    """(split, class name, path) of every image file in the class folders; notes for files that
    are not images and folders that could not be opened."""
    files: list[tuple[str, str, str]] = []
    for part, name, folder in class_folders:
        if stop():
            raise ScanCancelled()
        files += [(part, name, p) for p in walk.images_in(folder)]
    if walk.not_images:
        example = os.path.basename(walk.not_images[0])
        k = len(walk.not_images)
        notes.append(f"{k} file{'s that are not images were' if k != 1 else ' that is not an image was'} "
                     f"ignored (e.g. {example}).")
    if walk.unreadable_folders:
        k = len(walk.unreadable_folders)
        notes.append(f"{k} folder{'s' if k != 1 else ''} could not be opened and {'were' if k != 1 else 'was'} "
                     f"skipped (e.g. {walk.unreadable_folders[0]}). Check {'their' if k != 1 else 'its'} permissions.")
    return files


def _sort_results(files: Sequence[tuple[str, str, str]], results: dict[str, Any], classes: tuple[str, ...]
                  ) -> tuple[dict[str, list[ImageRecord]], list[BadFile]]:
    """The checked files as records per split, and the files that cannot be used."""
    label_of = {name: i for i, name in enumerate(classes)}
    per_split: dict[str, list[ImageRecord]] = {part: [] for part in SPLITS}
    bad_files: list[BadFile] = []
    frames = current_reading().dicom_frames
    for part, name, path in files:
        result: ImageFacts | BadFile = results[path]
        if isinstance(result, BadFile):
            bad_files.append(result)
            continue
        for one in expand_frames(path, result, frames):
            per_split[part].append(ImageRecord(one, label_of[name], name, result.width, result.height,
                                               result.size_bytes))
    return per_split, bad_files


def _check_every_class_usable(classes: tuple[str, ...], train: Sequence[ImageRecord],
                              files: Sequence[tuple[str, str, str]], class_folders: Sequence[ClassFolder]) -> None:
    """A class without one usable training image cannot be learnt: a DatasetError that says why."""
    for name, count in count_per_class(classes, train).items():
        if count == 0:
            folder = next(f for part, n, f in class_folders if part == "train" and n == name)
            skipped = sum(1 for part, n, p in files if part == "train" and n == name)
            why = (f"none of its {skipped} image files could be used (see the skipped files)" if skipped
                   else "it holds no image files (.jpg, .png, ...)")
            raise DatasetError(f"The class '{name}' has no usable image: {why}.",
                               hint=f"Add images to {folder}, or remove that folder.", path=str(folder))


def _check_linked_classes(class_folders: Sequence[ClassFolder]) -> None:
    """Two class folders that are one folder (one is a shortcut to the other) would share their
    images: a DatasetError naming the shortcut, whichever name sorts first."""
    seen: dict[tuple[str, str], tuple[str, Path]] = {}
    for part, name, folder in class_folders:
        key = (part, os.path.realpath(folder))
        if key not in seen:
            seen[key] = (name, folder)
            continue
        other, other_folder = seen[key]
        link, real = (folder, other) if os.path.islink(folder) or not os.path.islink(other_folder) else (other_folder, name)
        raise DatasetError(
            f"The class folder '{link.name}' is a shortcut (symbolic link) to the class folder '{real}', so the two "
            "classes would hold the same images.",
            hint=f"Remove the shortcut {link}, or replace it with a real folder of its own images.", path=str(link))


def _case_twins(classes: Sequence[str]) -> list[str]:
    """A note for class names told apart only by capital letters ("Normal" and "normal"): two
    classes here, one folder on Windows and macOS (whose file systems ignore case)."""
    by_lower: dict[str, list[str]] = {}
    for name in classes:
        by_lower.setdefault(name.casefold(), []).append(name)
    return [f"The classes {' and '.join(repr(n) for n in names)} differ only in capital letters: they are trained as "
            f"{len(names)} different classes, but on Windows and macOS they would be one folder. Rename or merge them "
            "if they are meant to be the same class." for names in by_lower.values() if len(names) > 1]


def imbalance_warning(counts: dict[str, int]) -> str | None:
    """A plain-words warning when the largest class has at least 1.5 times the images of the
    smallest, else None."""
    if len(counts) < 2:
        return None
    largest = max(counts, key=lambda k: counts[k])
    smallest = min(counts, key=lambda k: counts[k])
    if counts[smallest] == 0:
        return (f"{smallest} has no images while {largest} has {counts[largest]}; the model cannot learn "
                f"{smallest}. Add images of {smallest}.")
    ratio = counts[largest] / counts[smallest]
    if ratio < 1.5:
        return None
    return (f"{largest} has {ratio:.1f} times as many images as {smallest}; accuracy alone can mislead — "
            "look at each class's recall, or turn on class weights.")
