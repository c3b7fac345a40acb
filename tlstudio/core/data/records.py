"""What a scan of the image folder finds and how a split divides it: the records every other part uses.

Glossary: a *class* is one kind of picture the model learns to tell apart (a subfolder); a
*split* is one of train (the model learns from it), val (watched during training to stop at
the right time) and test (kept aside to measure the finished model); a *group* is the images
that belong together, usually one patient or one lesion, and must all be in the same split.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING, Any, Callable, Iterable, Literal, NamedTuple, Sequence

from tlstudio.core.data.dicom import split_frame
from tlstudio.core.errors import DatasetError

if TYPE_CHECKING:
    pass


ProgressCallback = Callable[[int, int], None]
StopFlag = Callable[[], bool]

BAD_FILE_CODES: tuple[str, ...] = (
    "empty", "corrupt", "truncated", "not_image", "too_small", "too_large", "permission", "unreadable",
    "no_pixels", "unsupported",
    "special",  # a named pipe, socket or device with a picture's name: never read
)
MIN_SIDE = 32
SPLITS: tuple[str, ...] = ("train", "val", "test")


class ScanCancelled(Exception):
    """Raised by :func:`scan_dataset` when ``should_stop()`` returned True.

    Not an error: the user asked to stop. Callers catch it and report "cancelled".
    """

class ImageFacts(NamedTuple):
    """What checking a usable image found: its size as displayed, its bytes, how its values were
    read (``"8-bit"``, ``"12-bit"``, ``"16-bit"``, ``"float"``, ``"DICOM window 1"``, ...; see
    ``imageio.grey_scaling`` and ``dicom.check_dicom``) and its number of frames (DICOM)."""

    width: int
    height: int
    size_bytes: int
    reading: str = "8-bit"
    frames: int = 1


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


def count_per_class(classes: Sequence[str], records: Iterable[ImageRecord]) -> dict[str, int]:
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
    were ignored or look odd; ``bad_files`` are the skipped images. ``reading`` says, in sentences,
    how pictures of more than 8 bits and DICOM files were read (empty for ordinary pictures).
    """

    root: str
    classes: tuple[str, ...]
    records: tuple[ImageRecord, ...]
    bad_files: tuple[BadFile, ...]
    layout: Literal["flat", "split"]
    presplit: dict[str, tuple[ImageRecord, ...]] | None
    warnings: tuple[str, ...]
    reading: tuple[str, ...] = ()

    def counts(self) -> dict[str, int]:
        """Usable images per class (all splits together), in class order."""
        return count_per_class(self.classes, self.records)

    def split_counts(self) -> dict[str, dict[str, int]] | None:
        """Usable images per class in each folder split, or None for a flat folder."""
        if self.presplit is None:
            return None
        return {name: count_per_class(self.classes, recs) for name, recs in self.presplit.items()}

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
            "reading": list(self.reading),
        }

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
    source: str = ""

    @property
    def from_dicom(self) -> bool:
        """True when the groups are patients read from DICOM files."""
        return self.source.startswith("the DICOM files")

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
            "source": self.source,
        }


@dataclass(frozen=True)
class Split:
    """Which images are used for training, validation and testing.

    ``warnings`` says when a class was too small to appear in every split, and, for a
    group-aware split, what happened to the groups. ``groups`` is None for an ordinary split;
    for a group-aware one it maps each image's path to its group (patient, lesion); images
    missing from it had no group and were each kept on their own. ``left_out`` is None unless
    ``SplitConfig.train_per_class`` capped the training images; then it holds how many training
    images of each class were left out of the run. ``group_source`` says where the groups came
    from (e.g. ``the DICOM files (PatientID)``).
    """

    classes: tuple[str, ...]
    train: tuple[ImageRecord, ...]
    val: tuple[ImageRecord, ...]
    test: tuple[ImageRecord, ...]
    seed: int
    warnings: tuple[str, ...] = ()
    groups: dict[str, str] | None = field(default=None, hash=False)
    left_out: dict[str, int] | None = field(default=None, hash=False)
    group_source: str = ""

    def parts(self) -> dict[str, tuple[ImageRecord, ...]]:
        return {"train": self.train, "val": self.val, "test": self.test}

    def counts(self) -> dict[str, dict[str, int]]:
        """Images per class in each split: ``{"train": {"cats": 70, ...}, "val": ..., "test": ...}``."""
        return {part: count_per_class(self.classes, records) for part, records in self.parts().items()}

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
                            per_split=per_split, straddling=straddling, source=self.group_source)

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
            doc["group_source"] = self.group_source
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
                group_source=str(data.get("group_source", "")),
            )
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            raise DatasetError("The saved list of training, validation and test images could not be read "
                               f"(missing or wrong entry: {exc}).",
                               hint="The run's split.json may be damaged; start a new run instead.",
                               details=repr(exc)) from exc

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
            st = os.stat(split_frame(record.path)[0])  # a frame of a DICOM file: the file's
        except OSError as exc:
            raise DatasetError(f"The image {record.path} is no longer there or cannot be read.",
                               hint="Check the folder again before training.", path=record.path,
                               details=repr(exc)) from exc
        full = os.path.abspath(record.path)
        rel = (full if base is None else os.path.relpath(full, base)).replace(os.sep, "/")
        h.update(f"{rel}\0{st.st_size}\0{st.st_mtime_ns}\0{record.label}\n".encode("utf-8", "surrogateescape"))
    return h.hexdigest()
