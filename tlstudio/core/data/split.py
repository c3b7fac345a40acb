"""Dividing the images into train / validation / test, class by class, with a seed.

:func:`make_split` is stratified; with ``SplitConfig.groups_csv`` or ``SplitConfig.group_pattern``
it is *group-aware* (see :mod:`tlstudio.core.data.groups`): every group lands wholly in one
split, so a model is never tested on a patient it has seen in training.
"""

from __future__ import annotations

import dataclasses
import math
from typing import TYPE_CHECKING, Iterable, Sequence

from tlstudio.core.config import SplitConfig
from tlstudio.core.data.groups import ImageGroups, assign_groups, take_groups
from tlstudio.core.data.records import DatasetScan, ImageRecord, Split
from tlstudio.core.errors import DatasetError

if TYPE_CHECKING:
    pass


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

    Group-aware (``config.groups_csv``, ``config.group_pattern``, or DICOM files grouped by
    ``config.dicom_group_tag``): every group lands wholly in one split, see :func:`_make_group_split`. Without groups the split is exactly as it
    always was.
    """
    groups = assign_groups(scan, config)
    if groups is not None:
        return _make_group_split(scan, config, groups)
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
    return dataclasses.replace(split, warnings=tuple(notes), group_source=groups.source)
