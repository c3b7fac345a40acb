"""The user's image folder: check every file, split it, find leaks, feed it to TensorFlow.

A dataset is a folder with one subfolder per class (``flowers/roses/*.jpg``), or a folder
that is already split (``chest_xray/train/NORMAL``, ``chest_xray/test/NORMAL``, optionally
``val/``). :func:`scan_dataset` opens every image once, in a thread pool, and sorts out the files
that cannot be used (:class:`BadFile`, with a reason in plain words) from those that can
(:class:`ImageRecord`). It never writes anything into the folder.

:func:`make_split` divides the images into train / validation / test, class by class, with a
seed; :func:`find_leakage` warns when the same picture (or a re-saved copy) sits in two of
them; :func:`make_tf_dataset` streams the images to Keras, decoding in parallel.

With ``SplitConfig.groups_csv`` or ``SplitConfig.group_pattern`` the split is *group-aware*:
:func:`assign_groups` finds each image's patient or lesion, and :func:`make_split` keeps every
group wholly in one split (scikit-learn's ``StratifiedGroupKFold``), so a model is never
tested on a patient it has seen in training.

Glossary: a *class* is one kind of picture the model learns to tell apart (a subfolder); a
*split* is one of train (the model learns from it), val (watched during training to stop at
the right time) and test (kept aside to measure the finished model); a *group* is the images
that belong together, usually one patient or one lesion, and must all be in the same split.
"""

from __future__ import annotations

import csv
import dataclasses
import errno
import hashlib
import io
import math
import os
import re
import time
import warnings
from concurrent.futures import Future, ThreadPoolExecutor, as_completed
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Iterable, Literal, Sequence

import numpy as np
from PIL import Image, UnidentifiedImageError

from tlstudio.core.config import SplitConfig
from tlstudio.core.data.imageio import displayed_size, is_image_path, load_image, open_rgb
from tlstudio.core.errors import DatasetError

if TYPE_CHECKING:
    import tensorflow as tf

ProgressCallback = Callable[[int, int], None]
StopFlag = Callable[[], bool]

BAD_FILE_CODES: tuple[str, ...] = (
    "empty", "corrupt", "truncated", "not_image", "too_small", "too_large", "permission", "unreadable",
)
MIN_SIDE = 32
SPLITS: tuple[str, ...] = ("train", "val", "test")
# Folder names (any case) that mark an already split dataset.
_SPLIT_FOLDER_NAMES = {"train": "train", "test": "test", "val": "val", "validation": "val"}
# Files operating systems leave behind; never images, never worth a warning.
_SYSTEM_FILES = frozenset({"thumbs.db", "desktop.ini", "ehthumbs.db", "icon\r"})
_SYSTEM_FOLDERS = frozenset({"__macosx", "$recycle.bin", "system volume information"})
_PROGRESS_INTERVAL_S = 0.05


class ScanCancelled(Exception):
    """Raised by :func:`scan_dataset` when ``should_stop()`` returned True.

    Not an error: the user asked to stop. Callers catch it and report "cancelled".
    """


# ----------------------------------------------------------------------------- records


@dataclass(frozen=True)
class BadFile:
    """A file that looks like an image but cannot be used; ``reason`` says why and what to do."""

    path: str
    code: str
    reason: str

    def to_dict(self) -> dict[str, str]:
        return asdict(self)


@dataclass(frozen=True)
class ImageRecord:
    """One usable image: where it is, its class, and its size as displayed (after EXIF turn)."""

    path: str
    label: int
    class_name: str
    width: int
    height: int
    size_bytes: int

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "ImageRecord":
        return cls(
            path=str(data["path"]),
            label=int(data["label"]),
            class_name=str(data["class_name"]),
            width=int(data["width"]),
            height=int(data["height"]),
            size_bytes=int(data["size_bytes"]),
        )


def _count(classes: Sequence[str], records: Iterable[ImageRecord]) -> dict[str, int]:
    counts = {name: 0 for name in classes}
    for record in records:
        counts[record.class_name] = counts.get(record.class_name, 0) + 1
    return counts


@dataclass(frozen=True)
class DatasetScan:
    """The result of checking a folder.

    ``records`` holds every usable image (all splits together when the folder is already
    split); ``presplit`` maps ``"train"``/``"val"``/``"test"`` to that split's records when
    ``layout == "split"``, else None. ``warnings`` are sentences for the user about things that
    were ignored or look odd; ``bad_files`` are the skipped images.
    """

    root: str
    classes: tuple[str, ...]
    records: tuple[ImageRecord, ...]
    bad_files: tuple[BadFile, ...]
    layout: Literal["flat", "split"]
    presplit: dict[str, tuple[ImageRecord, ...]] | None
    warnings: tuple[str, ...]

    def counts(self) -> dict[str, int]:
        """Usable images per class (all splits together), in class order."""
        return _count(self.classes, self.records)

    def split_counts(self) -> dict[str, dict[str, int]] | None:
        """Usable images per class in each folder split, or None for a flat folder."""
        if self.presplit is None:
            return None
        return {name: _count(self.classes, recs) for name, recs in self.presplit.items()}

    def to_dict(self) -> dict[str, Any]:
        return {
            "root": self.root,
            "layout": self.layout,
            "classes": list(self.classes),
            "counts": self.counts(),
            "records": [r.to_dict() for r in self.records],
            "bad_files": [b.to_dict() for b in self.bad_files],
            "presplit": None if self.presplit is None else {k: [r.path for r in v] for k, v in self.presplit.items()},
            "warnings": list(self.warnings),
        }


# ----------------------------------------------------------------------------- checking files


def _bad(path: str, code: str, reason: str) -> BadFile:
    return BadFile(path=path, code=code, reason=reason)


def _decode_failure(path: str, exc: BaseException) -> BadFile:
    name = os.path.basename(path)
    text = str(exc)
    if isinstance(exc, EOFError) or "truncated" in text.lower():
        return _bad(path, "truncated",
                    f"'{name}' is cut short (the download or copy may have been interrupted). "
                    "Copy it again or remove it.")
    return _bad(path, "corrupt",
                f"'{name}' is damaged and cannot be read as a picture ({type(exc).__name__}: {text}). "
                "Copy it again from the original or remove it.")


def _too_large(path: str, pixels: str) -> BadFile:
    limit = Image.MAX_IMAGE_PIXELS
    return _bad(path, "too_large",
                f"'{os.path.basename(path)}' claims to be {pixels}, more than tlstudio opens safely "
                f"({limit:,} pixels). It may be damaged or malformed. Save a smaller copy or remove it.")


def _is_text(path: str) -> bool:
    """False when the path holds bytes that are not UTF-8 (Python keeps them as lone surrogates,
    which no JSON, CSV or TensorFlow string of a run can hold)."""
    try:
        path.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _shown(name: str) -> str:
    """``name`` as it can be printed: undecodable bytes become the replacement character."""
    return os.fsencode(name).decode("utf-8", "replace")


def check_image_file(path: str) -> tuple[int, int, int] | BadFile:
    """Check that ``path`` is a whole, readable image of a usable size.

    Returns ``(width, height, size_bytes)`` (as displayed, after EXIF rotation) or a
    :class:`BadFile`. The header is read first, so empty, unidentifiable, tiny and huge files
    are rejected without decoding; then the file is verified and decoded (JPEGs at 1/8 scale,
    which still reads every byte) so that truncated and damaged files are caught before
    training rather than in the middle of it.
    """
    name = os.path.basename(path)
    if not _is_text(path):
        return _bad(path, "unreadable",
                    f"'{_shown(name)}' has a name that is not valid text (UTF-8): it may come from an old zip file "
                    "or another computer's character set, and tlstudio could not record it in a run. Rename it (or "
                    "the folder holding it), or remove it.")
    try:
        size_bytes = os.stat(path).st_size
        with open(path, "rb") as fh:
            if size_bytes == 0:
                return _bad(path, "empty", f"'{name}' is empty (0 bytes). Copy it again or remove it.")
            try:
                with Image.open(fh) as img:
                    width, height = img.size
                    limit = Image.MAX_IMAGE_PIXELS
                    if limit is not None and width * height > limit:
                        return _too_large(path, f"{width}×{height} pixels")
                    if min(width, height) < MIN_SIDE:
                        return _bad(path, "too_small",
                                    f"'{name}' is only {width}×{height} pixels; images need at least {MIN_SIDE} "
                                    "pixels on each side. Use a larger version or remove it.")
                    img.verify()
                fh.seek(0)
                with Image.open(fh) as img:
                    width, height = displayed_size(img)  # after verify(), which must come first
                    if img.format in ("JPEG", "MPO"):
                        img.draft("RGB", (1, 1))
                    img.load()
            except UnidentifiedImageError:
                return _bad(path, "not_image",
                            f"'{name}' is not a picture tlstudio can open (it may be another kind of file "
                            "with an image name). Save it as JPEG or PNG, or remove it.")
            except Image.DecompressionBombError as exc:
                claimed = re.search(r"\((\d+) pixels\)", str(exc))
                return _too_large(path, f"{int(claimed.group(1)):,} pixels" if claimed else "an enormous size")
            except MemoryError:
                raise
            except Exception as exc:  # noqa: BLE001 - Pillow's decoders raise many types for bad data
                if isinstance(exc, PermissionError):
                    raise
                return _decode_failure(path, exc)
    except PermissionError:
        return _bad(path, "permission",
                    f"tlstudio is not allowed to read '{name}'. Give your user read permission on it, or remove it.")
    except FileNotFoundError:
        return _bad(path, "unreadable",
                    f"'{name}' could not be found (it may be a broken shortcut, or was moved during the check). "
                    "Replace it or remove it.")
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return _bad(path, "unreadable",
                        f"'{name}' is a shortcut (symbolic link) that leads back to itself, so it holds no picture. "
                        "Remove it, or replace it with the image it should point to.")
        return _bad(path, "unreadable",
                    f"'{name}' could not be read from the disk ({exc.strerror or exc}). "
                    "Check the disk or copy the file again.")
    return width, height, size_bytes


# ----------------------------------------------------------------------------- walking the folder


def _ignored_name(name: str) -> bool:
    """Hidden files, macOS resource forks (``._x``), and files/folders operating systems add."""
    lowered = name.lower()
    return name.startswith(".") or lowered in _SYSTEM_FILES or lowered in _SYSTEM_FOLDERS


def _inside(path: str, root_real: str) -> bool:
    return path == root_real or path.startswith(root_real.rstrip(os.sep) + os.sep)


@dataclass
class _Walk:
    """What walking the folder found, before any file is opened."""

    root_real: str
    visited: set[str] = field(default_factory=set)
    not_images: list[str] = field(default_factory=list)
    unreadable_folders: list[str] = field(default_factory=list)

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
                if is_image_path(name):
                    found.append(full)
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


def _examples(paths: Sequence[str], root: Path) -> str:
    shown = [os.path.relpath(p, root) for p in paths[:3]]
    return ", ".join(shown) + (", ..." if len(paths) > 3 else "")


def scan_dataset(
    root: str | os.PathLike[str],
    *,
    on_progress: ProgressCallback | None = None,
    should_stop: StopFlag | None = None,
) -> DatasetScan:
    """Find the classes under ``root`` and check every image file.

    Layouts: one subfolder per class, or ``train/`` and ``test/`` (and/or ``val/``/
    ``validation/``, any case) each holding the same class subfolders. Images in nested
    folders belong to their class folder. Hidden and system files are ignored silently;
    other non-image files are counted in a warning. Unusable images become ``bad_files`` and
    are skipped.

    ``on_progress(done, total)`` is called from the calling thread (throttled, always with the
    final count); ``should_stop()`` is polled between files and makes the scan raise
    :class:`ScanCancelled`. Raises :class:`DatasetError` when the folder is missing or
    unreadable, has no class folders or fewer than two, or a class has no usable image.
    """
    root_path = Path(os.path.expanduser(os.fspath(root))).absolute()
    _check_root(root_path)
    stop = should_stop or (lambda: False)
    walk = _Walk(root_real=os.path.realpath(root_path))
    notes: list[str] = []

    top = _subfolders(root_path)
    split_folders: dict[str, Path] = {}
    for folder in top:
        part = _SPLIT_FOLDER_NAMES.get(folder.name.lower())
        if part is not None and part not in split_folders:
            split_folders[part] = folder
    is_split = "train" in split_folders and len(split_folders) >= 2

    # (split, class name, folder) for every class folder, train first.
    class_folders: list[tuple[str, str, Path]] = []
    if is_split:
        layout: Literal["flat", "split"] = "split"
        others = [f.name for f in top if f not in split_folders.values()]
        if others:
            notes.append(f"Folders other than train, val and test were ignored: {', '.join(others)}.")
        train_classes = _subfolders(split_folders["train"])
        classes = tuple(f.name for f in train_classes)
        by_lower = {c.lower(): c for c in classes}
        class_folders += [("train", f.name, f) for f in train_classes]
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
            loose = _loose_images(folder)
            if loose:
                k = len(loose)
                notes.append(f"{k} image{'s lie' if k != 1 else ' lies'} directly in {folder.name}/ rather than in a "
                             f"class folder and {'were' if k != 1 else 'was'} ignored (e.g. {loose[0]}).")
    else:
        layout = "flat"
        classes = tuple(f.name for f in top)
        class_folders += [("train", f.name, f) for f in top]
    if not classes:
        raise _no_classes_error(split_folders.get("train", root_path))
    if len(classes) < 2:
        where = split_folders.get("train", root_path)
        raise DatasetError(
            f"The folder {where} has only one class folder ({classes[0]}). A classifier needs at least two "
            "classes to tell apart.",
            hint="Add a folder for each other class, with its images.", path=str(where))
    loose_root = _loose_images(root_path)
    if loose_root:
        k = len(loose_root)
        notes.append(f"{k} image{'s lie' if k != 1 else ' lies'} directly in the folder rather than in a class "
                     f"folder and {'were' if k != 1 else 'was'} ignored (e.g. {loose_root[0]}).")

    files: list[tuple[str, str, str]] = []  # (split, class name, path)
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

    results = _check_all([p for _, _, p in files], on_progress, stop)

    label_of = {name: i for i, name in enumerate(classes)}
    per_split: dict[str, list[ImageRecord]] = {part: [] for part in SPLITS}
    bad_files: list[BadFile] = []
    for part, name, path in files:
        result = results[path]
        if isinstance(result, BadFile):
            bad_files.append(result)
            continue
        width, height, size_bytes = result
        per_split[part].append(ImageRecord(path, label_of[name], name, width, height, size_bytes))

    train_counts = _count(classes, per_split["train"])
    for name, count in train_counts.items():
        if count == 0:
            folder = next(f for part, n, f in class_folders if part == "train" and n == name)
            skipped = sum(1 for part, n, p in files if part == "train" and n == name)
            why = (f"none of its {skipped} image files could be used (see the skipped files)" if skipped
                   else "it holds no image files (.jpg, .png, ...)")
            raise DatasetError(f"The class '{name}' has no usable image: {why}.",
                               hint=f"Add images to {folder}, or remove that folder.", path=str(folder))
    if is_split:
        for part in ("val", "test"):
            if part in split_folders:
                for name, count in _count(classes, per_split[part]).items():
                    if count == 0 and any(p == part and n == name for p, n, _ in class_folders):
                        notes.append(f"The {part} folder of '{name}' has no usable image.")

    all_records = tuple(sorted((r for part in SPLITS for r in per_split[part]), key=lambda r: r.path))
    presplit = None
    if is_split:
        presplit = {part: tuple(sorted(per_split[part], key=lambda r: r.path))
                    for part in SPLITS if part in split_folders}
    return DatasetScan(
        root=str(root_path),
        classes=classes,
        records=all_records,
        bad_files=tuple(sorted(bad_files, key=lambda b: b.path)),
        layout=layout,
        presplit=presplit,
        warnings=tuple(notes),
    )


def _workers() -> int:
    return min(16, (os.cpu_count() or 1) * 2 + 2)


def _check_all(paths: list[str], on_progress: ProgressCallback | None, stop: StopFlag
               ) -> dict[str, tuple[int, int, int] | BadFile]:
    """Run :func:`check_image_file` on every path in a thread pool (Pillow and file reads
    release the GIL), reporting progress and honouring ``stop`` from the calling thread."""
    total = len(paths)
    results: dict[str, tuple[int, int, int] | BadFile] = {}
    if on_progress is not None:
        on_progress(0, total)
    if total == 0:
        return results
    last = time.monotonic()
    executor = ThreadPoolExecutor(max_workers=_workers(), thread_name_prefix="tlstudio-scan")
    try:
        # Oversized pictures are reported as bad files; Pillow's warning about them would only
        # add noise. The filter is set here, on the calling thread, not inside the workers.
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            futures: dict[Future[tuple[int, int, int] | BadFile], str] = {
                executor.submit(check_image_file, p): p for p in paths}
            for done, future in enumerate(as_completed(futures), start=1):
                results[futures[future]] = future.result()
                if stop():
                    raise ScanCancelled()
                now = time.monotonic()
                if on_progress is not None and (done == total or now - last >= _PROGRESS_INTERVAL_S):
                    on_progress(done, total)
                    last = now
    finally:
        executor.shutdown(wait=True, cancel_futures=True)
    return results


# ----------------------------------------------------------------------------- splitting


@dataclass(frozen=True)
class GroupSummary:
    """How the groups (patients, lesions) of a group-aware split fall into train / val / test.

    ``groups`` counts every group, each image without a group as one; ``named`` counts the
    groups the CSV file or pattern gave; ``ungrouped`` is the number of images without a group.
    ``per_split`` is the number of groups in each split; ``straddling`` maps each group found
    in more than one split to those splits (empty when the split is clean). Only a dataset's
    own ``test/`` or ``val/`` folder can cause that: tlstudio never divides a group itself.
    """

    groups: int
    named: int
    ungrouped: int
    per_split: dict[str, int]
    straddling: dict[str, tuple[str, ...]]

    @property
    def clean(self) -> bool:
        """True when no group has images in two splits."""
        return not self.straddling

    def to_dict(self) -> dict[str, Any]:
        return {
            "groups": self.groups,
            "named": self.named,
            "ungrouped": self.ungrouped,
            "per_split": dict(self.per_split),
            "in_two_splits": {g: list(parts) for g, parts in self.straddling.items()},
            "clean": self.clean,
        }


@dataclass(frozen=True)
class Split:
    """Which images are used for training, validation and testing.

    ``warnings`` says when a class was too small to appear in every split, and, for a
    group-aware split, what happened to the groups. ``groups`` is None for an ordinary split;
    for a group-aware one it maps each image's path to its group (patient, lesion); images
    missing from it had no group and were each kept on their own. ``left_out`` is None unless
    ``SplitConfig.train_per_class`` capped the training images; then it holds how many training
    images of each class were left out of the run.
    """

    classes: tuple[str, ...]
    train: tuple[ImageRecord, ...]
    val: tuple[ImageRecord, ...]
    test: tuple[ImageRecord, ...]
    seed: int
    warnings: tuple[str, ...] = ()
    groups: dict[str, str] | None = field(default=None, hash=False)
    left_out: dict[str, int] | None = field(default=None, hash=False)

    def parts(self) -> dict[str, tuple[ImageRecord, ...]]:
        return {"train": self.train, "val": self.val, "test": self.test}

    def counts(self) -> dict[str, dict[str, int]]:
        """Images per class in each split: ``{"train": {"cats": 70, ...}, "val": ..., "test": ...}``."""
        return {part: _count(self.classes, records) for part, records in self.parts().items()}

    def group_summary(self) -> GroupSummary | None:
        """How many groups there are and whether any is in two splits; None when not grouped."""
        if self.groups is None:
            return None
        where: dict[str, set[str]] = {}
        per_split: dict[str, int] = {}
        ungrouped = 0
        for part, records in self.parts().items():
            seen: set[str] = set()
            alone = 0
            for record in records:
                group = self.groups.get(record.path)
                if group is None:
                    alone += 1
                    continue
                seen.add(group)
                where.setdefault(group, set()).add(part)
            per_split[part] = len(seen) + alone
            ungrouped += alone
        straddling = {group: tuple(p for p in SPLITS if p in parts)
                      for group, parts in sorted(where.items()) if len(parts) > 1}
        return GroupSummary(groups=len(where) + ungrouped, named=len(where), ungrouped=ungrouped,
                            per_split=per_split, straddling=straddling)

    def to_dict(self) -> dict[str, Any]:
        """Everything needed to rebuild the split (``split.json`` of a run).

        A group-aware split adds ``groups`` (image path -> group) and ``group_summary``.
        """
        doc: dict[str, Any] = {
            "classes": list(self.classes),
            "seed": self.seed,
            "counts": self.counts(),
            "warnings": list(self.warnings),
            **{part: [r.to_dict() for r in records] for part, records in self.parts().items()},
        }
        summary = self.group_summary()
        if summary is not None:
            doc["groups"] = dict(sorted((self.groups or {}).items()))
            doc["group_summary"] = summary.to_dict()
        if self.left_out is not None:
            doc["left_out"] = dict(self.left_out)
        return doc

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "Split":
        try:
            groups = data.get("groups")
            if groups is not None and not isinstance(groups, dict):
                raise TypeError(f"groups must be a mapping of image paths to groups, not {type(groups).__name__}")
            left_out = data.get("left_out")
            return cls(
                classes=tuple(str(c) for c in data["classes"]),
                train=tuple(ImageRecord.from_dict(r) for r in data["train"]),
                val=tuple(ImageRecord.from_dict(r) for r in data.get("val", ())),
                test=tuple(ImageRecord.from_dict(r) for r in data.get("test", ())),
                seed=int(data.get("seed", 0)),
                warnings=tuple(str(w) for w in data.get("warnings", ())),
                groups=None if groups is None else {str(k): str(v) for k, v in groups.items()},
                left_out=None if left_out is None else {str(k): int(v) for k, v in dict(left_out).items()},
            )
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            raise DatasetError("The saved list of training, validation and test images could not be read "
                               f"(missing or wrong entry: {exc}).",
                               hint="The run's split.json may be damaged; start a new run instead.",
                               details=repr(exc)) from exc


def _round_half_up(x: float) -> int:
    return int(math.floor(x + 0.5))


def allocate(n: int, val_fraction: float, test_fraction: float) -> tuple[int, int]:
    """How many of a class's ``n`` images go to validation and test.

    Each split that is asked for gets at least one image when there are enough; training always
    keeps at least one, and validation gives way before test when a class is tiny.
    """
    n_val = _round_half_up(n * val_fraction)
    n_test = _round_half_up(n * test_fraction)
    if val_fraction > 0:
        n_val = max(n_val, 1)
    if test_fraction > 0:
        n_test = max(n_test, 1)
    while n - n_val - n_test < 1:
        if n_val > 0 and n_val >= n_test:
            n_val -= 1
        else:
            n_test -= 1
    return n_val, n_test


def _take(records: list[ImageRecord], count: int, seed: int) -> tuple[list[ImageRecord], list[ImageRecord]]:
    """Randomly (seeded) move ``count`` records out of ``records``: returns (kept, taken)."""
    from sklearn.model_selection import train_test_split

    if count <= 0:
        return records, []
    kept, taken = train_test_split(records, test_size=count, random_state=seed, shuffle=True)
    return list(kept), list(taken)


def _by_class(records: Iterable[ImageRecord], classes: Sequence[str]) -> dict[str, list[ImageRecord]]:
    groups: dict[str, list[ImageRecord]] = {name: [] for name in classes}
    for record in records:
        groups[record.class_name].append(record)
    return groups


def _split_plan(scan: DatasetScan, config: SplitConfig) -> tuple[dict[str, tuple[ImageRecord, ...]],
                                                                  list[ImageRecord], float, float]:
    """What :func:`make_split` divides: the folder's own parts (``given``), the pool to carve
    from (the ``train/`` folder, or every image), and the validation and test fractions (0 for
    a part the folder already has)."""
    given = scan.presplit or {}
    pool = list(given["train"] if scan.presplit is not None else scan.records)
    val_fraction = config.val_fraction if "val" not in given else 0.0
    test_fraction = config.test_fraction if "test" not in given else 0.0
    return given, pool, val_fraction, test_fraction


def _assemble_split(scan: DatasetScan, config: SplitConfig, given: dict[str, tuple[ImageRecord, ...]],
                    train: list[ImageRecord], val: list[ImageRecord], test: list[ImageRecord], notes: list[str],
                    groups: dict[str, str] | None = None) -> Split:
    """The :class:`Split` of the carved parts: the folder's own ``val/`` and ``test/`` replace
    theirs, every part sorted by path; ``notes`` (with a warning when nothing is kept for
    testing) become its warnings."""
    if "val" in given:
        val = list(given["val"])
    if "test" in given:
        test = list(given["test"])
    if config.test_fraction == 0 and "test" not in given:
        notes.append("No images are kept aside for testing (test fraction 0): a model trained on this split "
                     "cannot be tested, and training refuses to start. Set a test share of 0.15 or more.")

    def ordered(items: list[ImageRecord]) -> tuple[ImageRecord, ...]:
        return tuple(sorted(items, key=lambda r: r.path))

    left_out = None
    if config.train_per_class is not None:
        train, left_out = _cap_per_class(train, scan.classes, config.train_per_class, config.seed)
        notes.append(_cap_note(config.train_per_class, left_out, grouped=groups is not None))
    return Split(classes=scan.classes, train=ordered(train), val=ordered(val), test=ordered(test), seed=config.seed,
                 warnings=tuple(notes), groups=groups, left_out=left_out)


def _cap_per_class(train: list[ImageRecord], classes: Sequence[str], cap: int, seed: int
                   ) -> tuple[list[ImageRecord], dict[str, int]]:
    """At most ``cap`` training images per class, chosen at random (seeded, in path order first
    so the choice does not depend on the order the folder was read in); returns the kept images
    and how many of each class were left out."""
    kept: list[ImageRecord] = []
    left_out: dict[str, int] = {}
    for name, records in _by_class(sorted(train, key=lambda r: r.path), classes).items():
        rest, dropped = _take(records, max(0, len(records) - cap), seed)
        kept += rest
        left_out[name] = len(dropped)
    return kept, left_out


def _cap_note(cap: int, left_out: dict[str, int], *, grouped: bool) -> str:
    """The split's sentence about the training images that the cap left out."""
    total = sum(left_out.values())
    if total == 0:
        return f"Training uses at most {cap} images per class; no class had more, so none was left out."
    per_class = ", ".join(f"{name} {n}" for name, n in left_out.items() if n)
    note = (f"Training uses at most {cap} images per class: {total} training image{'s' if total != 1 else ''} "
            f"{'were' if total != 1 else 'was'} left out and not used ({per_class}). Validation and test are unchanged.")
    if grouped:
        note += " The cap counts images, so a patient's training images may be partly left out."
    return note


def make_split(scan: DatasetScan, config: SplitConfig) -> Split:
    """Divide the images into train / val / test, class by class (stratified), with ``config.seed``.

    Flat folders: ``val_fraction`` and ``test_fraction`` of each class. Already split folders:
    ``test/`` stays the test set and ``val/`` the validation set; a missing one is carved from
    ``train/`` with its fraction (of the train folder). Tiny classes keep at least one image
    for training; when validation or test cannot get one, ``Split.warnings`` says so. Raises
    :class:`DatasetError` when no image at all would be left for testing (every class has a
    single image, or the folder's own ``test/`` holds no usable one): such a run could not be
    measured.

    Group-aware (``config.groups_csv`` or ``config.group_pattern``): every group lands wholly
    in one split, see :func:`_make_group_split`. Without groups the split is exactly as it
    always was.
    """
    if config.grouped:
        return _make_group_split(scan, config, assign_groups(scan, config))
    seed = config.seed
    notes: list[str] = []
    train: list[ImageRecord] = []
    val: list[ImageRecord] = []
    test: list[ImageRecord] = []
    given, pool, val_fraction, test_fraction = _split_plan(scan, config)
    short: list[tuple[str, int, tuple[str, ...]]] = []  # (class, images, the splits it cannot fill)
    for name, records in _by_class(pool, scan.classes).items():
        n_val, n_test = allocate(len(records), val_fraction, test_fraction)
        rest, taken_test = _take(records, n_test, seed)
        rest, taken_val = _take(rest, n_val, seed)
        train += rest
        val += taken_val
        test += taken_test
        wanted = (("validation", val_fraction, n_val), ("test", test_fraction, n_test))
        missing = tuple(part for part, fraction, got in wanted if fraction > 0 and got == 0)
        if missing:
            short.append((name, len(records), missing))
    notes += _short_class_notes(short)
    if test_fraction > 0 and not test:  # only when every class has a single image
        where = "" if scan.presplit is None else " in the train folder"
        raise DatasetError(f"No image is left for testing: every class has only 1 image{where}, and each needs one "
                           "for training and one for testing.",
                           hint="Add images to every class (at least 2 each; dozens for a fair measure), then check "
                                "the folder again.", path=scan.root)
    if "test" in given and not given["test"]:
        raise DatasetError("The folder's own test folder holds no usable image, so the finished model could not be "
                           "tested (see the skipped files).",
                           hint="Put usable images in its class folders, or remove it so that tlstudio keeps some "
                                "training images aside for testing.", path=scan.root)
    return _assemble_split(scan, config, given, train, val, test, notes)


_NAMED_SHORT_CLASSES = 5  # more classes too small for every split than this share one sentence


def _short_class_notes(short: Sequence[tuple[str, int, tuple[str, ...]]]) -> list[str]:
    """Sentences for the classes too small to give validation or test an image: one per class,
    or, for many classes (hundreds of tiny ones), one per kind of shortfall naming a few."""

    def one(name: str, n: int, missing: tuple[str, ...]) -> str:
        return (f"'{name}' has only {n} image{'s' if n != 1 else ''}, so none is left for {' or '.join(missing)}; "
                f"add more images of {name} for a fair measure.")

    if len(short) <= _NAMED_SHORT_CLASSES:
        return [one(*entry) for entry in short]
    by_missing: dict[tuple[str, ...], list[tuple[str, int]]] = {}
    for name, n, missing in short:
        by_missing.setdefault(missing, []).append((name, n))
    notes = []
    for missing, classes in by_missing.items():
        if len(classes) == 1:
            notes.append(one(*classes[0], missing))
            continue
        sizes = sorted({n for _, n in classes})
        how_many = (f"only {sizes[0]} image{'s' if sizes[0] != 1 else ''}" if len(sizes) == 1
                    else f"at most {sizes[-1]} images")
        examples = ", ".join(f"'{name}'" for name, _ in classes[:3]) + (", ..." if len(classes) > 3 else "")
        notes.append(f"{len(classes)} classes have {how_many}, so none is left for {' or '.join(missing)} "
                     f"(e.g. {examples}); add more images of them for a fair measure.")
    return notes


# ----------------------------------------------------------------------------- groups


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
    """Find each image's group from ``config.groups_csv`` or ``config.group_pattern``.

    None when the config groups nothing. The pattern is searched in each file name (its first
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
    return None


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
    path = _csv_path(groups_csv, scan.root)
    name = path.name
    rows = _csv_rows(_read_csv_text(path))
    if not rows:
        raise DatasetError(f"The groups file {name} is empty.", hint=_CSV_HINT, path=str(path))
    index = _FileIndex(scan.records, scan.root)
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
            f"The groups file {name} has {what} (its first row is: {shown}).",
            hint=_CSV_HINT, path=str(path))
    if not rows:
        raise DatasetError(f"The groups file {name} has a header row but no image rows.", hint=_CSV_HINT,
                           path=str(path))

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
            continue  # listed without a group: kept on its own, counted below
        if found in of and of[found] != group:
            raise DatasetError(
                f"The groups file {name} gives {_rel(found, scan.root)} two groups: '{of[found]}' on line "
                f"{line_of[found]} and '{group}' on line {line}.",
                hint="Keep one row per image (an image belongs to one patient or lesion), then try again.",
                path=str(path))
        of[found] = group
        line_of[found] = line
    if not of:
        example = not_found[0] if not_found else (shared[0][0], shared[0][1]) if shared else None
        detail = f" (e.g. line {example[0]}: {example[1]})" if example else ""
        raise DatasetError(
            f"No image of the dataset got a group from {name}: none of its rows names a usable image of "
            f"{scan.root} together with a group{detail}.",
            hint="Check that it belongs to this image folder and that the file column holds paths inside the "
                 "folder (e.g. cats/p01_a.jpg) or file names (p01_a.jpg). " + _CSV_HINT,
            path=str(path))

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
    ungrouped = tuple(r.path for r in scan.records if r.path not in of)
    if ungrouped:
        notes.append(_ungrouped_note(ungrouped, len(scan.records), name, scan.root))
    return ImageGroups(of=of, ungrouped=ungrouped, source=f"the groups file {name}", notes=tuple(notes))


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


def _make_group_split(scan: DatasetScan, config: SplitConfig, groups: ImageGroups | None) -> Split:
    """:func:`make_split` for grouped images: no group is ever divided between splits.

    The test set is carved first, then validation, each as whole groups with a class mix as
    close to the whole as the groups allow (fractions are therefore approximate). A dataset's
    own ``test/`` (or ``val/``) folder is kept as it is; a group found both there and in the
    images tlstudio split is reported in ``warnings`` as leakage.
    """
    assert groups is not None
    seed = config.seed
    notes: list[str] = list(groups.notes)
    given, pool, val_fraction, test_fraction = _split_plan(scan, config)
    pool_groups = {groups.key(r.path) for r in pool}
    needed = 1 + (val_fraction > 0) + (test_fraction > 0)
    if len(pool_groups) < needed:
        parts = " and ".join(["training"] + [p for p, f in (("validation", val_fraction), ("test", test_fraction))
                                             if f > 0])
        where = "The images to split" if scan.presplit is None else "The images of the train folder"
        raise DatasetError(
            f"{where} belong to only {len(pool_groups)} group{'s' if len(pool_groups) != 1 else ''} "
            f"({groups.source}), so they cannot be divided into {parts} without splitting a group.",
            hint=f"Check that the grouping gives one group per patient or lesion; {needed} groups at least are "
                 "needed (in practice many more).",
            path=scan.root)
    n = len(pool)
    train, test = take_groups(pool, test_fraction * n, groups, seed, keep_groups=1 + (val_fraction > 0))
    train, val = take_groups(train, val_fraction * n, groups, seed, keep_groups=1)

    for name, records in _by_class(pool, scan.classes).items():
        got_val = sum(1 for r in val if r.class_name == name)
        got_test = sum(1 for r in test if r.class_name == name)
        missing = [part for part, wanted, got in (("validation", val_fraction, got_val), ("test", test_fraction, got_test))
                   if wanted > 0 and got == 0]
        if missing and records:
            g = len({groups.key(r.path) for r in records})
            notes.append(f"No image of '{name}' went to {' or '.join(missing)}: its {len(records)} "
                         f"image{'s' if len(records) != 1 else ''} come{'s' if len(records) == 1 else ''} from "
                         f"{g} group{'s' if g != 1 else ''}, and a group is never divided between splits. Add "
                         f"images of {name} from more patients or lesions for a fair measure.")
    split = _assemble_split(scan, config, given, train, val, test, notes, groups=dict(groups.of))
    summary = split.group_summary()
    assert summary is not None
    if summary.straddling:
        own = " and ".join(f"{p}/" for p in ("val", "test") if p in given)
        k = len(summary.straddling)
        examples = "; ".join(f"'{g}' ({', '.join(parts)})" for g, parts in list(summary.straddling.items())[:3])
        notes.append(f"{k} group{'s' if k != 1 else ''} (patients or lesions) {'have' if k != 1 else 'has'} images "
                     f"in more than one split because the folder's own {own} folder holds some of "
                     f"{'their' if k != 1 else 'its'} images: {examples}{', ...' if k > 3 else ''}. Test accuracy "
                     "will look better than it is; move all images of each patient or lesion into one folder.")
    return dataclasses.replace(split, warnings=tuple(notes))


# ----------------------------------------------------------------------------- leakage


@dataclass(frozen=True)
class LeakagePair:
    """The same picture (``distance`` 0) or a near copy in two different splits.

    ``distance`` is the number of differing bits of the two 64-bit perceptual hashes;
    ``exact`` is True when the two files have identical bytes.
    """

    path_a: str
    split_a: str
    path_b: str
    split_b: str
    distance: int
    exact: bool = False

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def _fingerprint_file(path: str) -> tuple[int, bytes]:
    """(64-bit perceptual hash, sha1 of the bytes) of one image file."""
    import imagehash

    with open(path, "rb") as fh:
        digest = hashlib.sha1(fh.read(), usedforsecurity=False).digest()
    # 128 px is plenty for a hash computed on a 32x32 grey copy, and lets JPEGs decode at 1/8.
    img = open_rgb(path, draft_size=(128, 128))
    bits = imagehash.phash(img).hash.flatten()
    return int.from_bytes(np.packbits(bits).tobytes(), "big"), digest


def find_leakage(
    split: Split,
    *,
    max_distance: int = 2,
    on_progress: ProgressCallback | None = None,
) -> tuple[LeakagePair, ...]:
    """Pairs of images that appear in two different splits, identical or nearly so.

    A picture in both train and test makes test accuracy look better than it is. Every image
    gets a perceptual hash (robust to re-saving, resizing, small edits) and a sha1; pairs in
    different splits whose hashes differ in at most ``max_distance`` of 64 bits are returned,
    closest first. Hashing runs in a thread pool; the comparison is vectorised with numpy.
    """
    if max_distance < 0:
        raise ValueError(f"max_distance must be >= 0. Received: max_distance={max_distance}")
    entries = [(part, r.path) for part, records in split.parts().items() for r in records]
    total = len(entries)
    hashes = np.zeros(total, dtype=np.uint64)
    digests: list[bytes] = [b""] * total
    with ThreadPoolExecutor(max_workers=_workers(), thread_name_prefix="tlstudio-hash") as executor:
        futures = {executor.submit(_fingerprint_file, path): i for i, (_, path) in enumerate(entries)}
        for done, future in enumerate(as_completed(futures), start=1):
            i = futures[future]
            try:
                value, digest = future.result()
            except (OSError, ValueError, Image.DecompressionBombError) as exc:
                path = entries[i][1]
                raise DatasetError(f"The image {path} could not be read again while looking for duplicates ({exc}).",
                                   hint="It may have been moved or changed since the check; check the folder again.",
                                   path=path, details=repr(exc)) from exc
            hashes[i] = np.uint64(value)
            digests[i] = digest
            if on_progress is not None and (done == total or done % 64 == 0):
                on_progress(done, total)

    index = {part: np.array([i for i, (p, _) in enumerate(entries) if p == part], dtype=np.int64) for part in SPLITS}
    pairs: list[LeakagePair] = []
    for a_pos, part_a in enumerate(SPLITS):
        for part_b in SPLITS[a_pos + 1:]:
            ia, ib = index[part_a], index[part_b]
            if ia.size == 0 or ib.size == 0:
                continue
            hb = hashes[ib]
            for start in range(0, ia.size, 1024):
                rows = ia[start:start + 1024]
                distances = np.bitwise_count(hashes[rows][:, None] ^ hb[None, :])
                for r, c in zip(*np.nonzero(distances <= max_distance)):
                    i, j = int(rows[r]), int(ib[c])
                    pairs.append(LeakagePair(entries[i][1], part_a, entries[j][1], part_b,
                                             int(distances[r, c]), digests[i] == digests[j]))
    pairs.sort(key=lambda p: (p.distance, not p.exact, SPLITS.index(p.split_a), p.path_a, p.path_b))
    return tuple(pairs)


# ----------------------------------------------------------------------------- imbalance


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


# ----------------------------------------------------------------------------- tf.data


def make_tf_dataset(
    records: Sequence[ImageRecord],
    image_size: int,
    batch_size: int,
    num_classes: int,
    *,
    shuffle: bool,
    seed: int,
    one_hot: bool = True,
    repeat: bool = False,
) -> "tf.data.Dataset":
    """A ``tf.data`` pipeline of ``(images, labels)`` batches read from disk as needed.

    Images are ``float32`` in 0..255, shape ``(batch, image_size, image_size, 3)``; labels are
    one-hot ``float32`` ``(batch, num_classes)`` or ``int32`` ``(batch,)``. Only file paths are
    held in memory; decoding runs in parallel (:func:`~tlstudio.core.data.imageio.load_image` in
    ``tf.numpy_function``) and output order is kept deterministic so a seeded run repeats
    exactly. With ``shuffle`` the order changes every epoch (seeded).
    """
    import tensorflow as tf

    if image_size < 1 or batch_size < 1 or num_classes < 1:
        raise ValueError("image_size, batch_size and num_classes must be positive. Received: "
                         f"image_size={image_size}, batch_size={batch_size}, num_classes={num_classes}")
    paths = [r.path for r in records]
    labels = np.array([r.label for r in records], dtype=np.int32)
    ds = tf.data.Dataset.from_tensor_slices((tf.constant(paths, dtype=tf.string), labels))
    if shuffle and paths:
        ds = ds.shuffle(len(paths), seed=seed, reshuffle_each_iteration=True)
    if repeat:
        ds = ds.repeat()

    def read(path: bytes) -> np.ndarray:
        return load_image(path.decode("utf-8", "surrogateescape"), (image_size, image_size)).astype(np.float32)

    def load(path: "tf.Tensor", label: "tf.Tensor") -> tuple["tf.Tensor", "tf.Tensor"]:
        image = tf.numpy_function(read, [path], tf.float32, stateful=False)
        image = tf.ensure_shape(image, (image_size, image_size, 3))
        target = tf.one_hot(label, num_classes, dtype=tf.float32) if one_hot else label
        return image, target

    ds = ds.map(load, num_parallel_calls=tf.data.AUTOTUNE, deterministic=True)
    return ds.batch(batch_size).prefetch(tf.data.AUTOTUNE)


# ----------------------------------------------------------------------------- fingerprint


def dataset_fingerprint(records: Sequence[ImageRecord]) -> str:
    """A sha256 that changes when any image is added, removed, relabelled or modified.

    Covers, in order, each file's path relative to the records' common folder, its size, its
    modification time (ns) and its label, so the same folder gives the same value on every run
    (and after being moved as a whole). Used to key cached features.
    """
    h = hashlib.sha256()
    if not records:
        return h.hexdigest()
    try:
        base: str | None = os.path.commonpath([os.path.dirname(os.path.abspath(r.path)) for r in records])
    except ValueError:  # on different drives (Windows), e.g. synthetic images in a workspace elsewhere
        base = None
    for record in records:
        try:
            st = os.stat(record.path)
        except OSError as exc:
            raise DatasetError(f"The image {record.path} is no longer there or cannot be read.",
                               hint="Check the folder again before training.", path=record.path,
                               details=repr(exc)) from exc
        full = os.path.abspath(record.path)
        rel = (full if base is None else os.path.relpath(full, base)).replace(os.sep, "/")
        h.update(f"{rel}\0{st.st_size}\0{st.st_mtime_ns}\0{record.label}\n".encode("utf-8", "surrogateescape"))
    return h.hexdigest()


__all__ = [
    "BAD_FILE_CODES",
    "BadFile",
    "DatasetScan",
    "GroupSummary",
    "ImageGroups",
    "ImageRecord",
    "LeakagePair",
    "ScanCancelled",
    "Split",
    "assign_groups",
    "check_image_file",
    "dataset_fingerprint",
    "find_leakage",
    "imbalance_warning",
    "make_split",
    "make_tf_dataset",
    "scan_dataset",
]
