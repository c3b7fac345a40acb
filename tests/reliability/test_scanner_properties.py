"""Property tests of the folder check (:func:`scan_dataset`) on random folder trees.

Hypothesis builds trees of class folders with random names (accents, CJK, spaces), holding a
random mix of good small images in every supported format, random bytes with an image name,
empty files, images too small to use, other files (notes, CSVs), hidden and system files and
folders, and nested subfolders; sometimes images lie loose next to the class folders. For
every tree the check must:

- refuse only with a ``DatasetError`` (no class folder, one class, a class with no usable
  image — naming it), never with any other exception;
- account for every file exactly once: used (with the label of its class folder), reported as
  a bad file with the right code, counted in the "not images" warning, or ignored silently
  (hidden and system files);
- give the same result twice;
- leave the tree byte for byte unchanged.
"""

from __future__ import annotations

import io
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from PIL import Image

from tests.conftest import draw_class_image
from tests.reliability.guards import tree_hash, watch_writes
from tlstudio.core.data.scan import scan_dataset
from tlstudio.core.errors import DatasetError

# Letters from several scripts, digits, spaces and punctuation people put in folder names.
NAME_CHARS = "abcxyzABCXYZéüßñøçÅ猫犬日本кот 0123456789-_()'&,+"
# Extension -> Pillow format; upper case too, as cameras write them.
IMAGE_FORMATS = {".jpg": "JPEG", ".JPG": "JPEG", ".jpeg": "JPEG", ".png": "PNG", ".PNG": "PNG", ".bmp": "BMP",
                 ".gif": "GIF", ".webp": "WEBP", ".tif": "TIFF", ".tiff": "TIFF"}
OTHER_EXTENSIONS = (".txt", ".csv", ".json", ".md", ".xlsx")
HIDDEN_NAMES = (".DS_Store", "._photo.jpg", ".hidden.png", "Thumbs.db", "desktop.ini", ".~lock.csv")
RESERVED_TOP = {"train", "test", "val", "validation", "__macosx", "$recycle.bin", "system volume information"}
JUNK_PREFIX = b"not an image, whatever its name says\n"

# What the check makes of each kind of file.
USED, BAD, OTHER, IGNORED = "used", "bad", "other", "ignored"
KINDS: dict[str, tuple[str, str | None]] = {
    "good": (USED, None),
    "junk": (BAD, "not_image"),
    "empty": (BAD, "empty"),
    "tiny": (BAD, "too_small"),
    "other": (OTHER, None),
    "hidden": (IGNORED, None),
    "in_hidden_folder": (IGNORED, None),
}

names = st.text(alphabet=NAME_CHARS, min_size=1, max_size=10)


@dataclass(frozen=True)
class Entry:
    kind: str
    folders: tuple[str, ...]  # nested subfolders inside the class folder
    stem: str
    variant: int  # picks the extension, the picture mode and the size
    junk: bytes


def entries(kinds: list[str]) -> st.SearchStrategy[Entry]:
    return st.builds(
        Entry,
        kind=st.sampled_from(kinds),
        folders=st.lists(names, max_size=2).map(tuple),
        stem=names,
        variant=st.integers(0, 1000),
        junk=st.binary(max_size=64),
    )


class_names = names.filter(lambda n: n.lower() not in RESERVED_TOP)
# A usable class: at least one good image, among anything else.
usable_class = st.tuples(st.lists(entries(["good"]), min_size=1, max_size=3),
                         st.lists(entries(sorted(KINDS)), max_size=5)).map(lambda t: t[0] + t[1])
unusable_class = st.lists(entries(sorted(k for k in KINDS if k != "good")), max_size=4)


@st.composite
def trees(draw: st.DrawFn) -> tuple[dict[str, list[Entry]], int]:
    """Class folders (name -> entries) and the number of images lying loose beside them.

    Mostly two to four usable classes; otherwise one of the ways a folder cannot be used."""
    classes = draw(st.dictionaries(class_names, usable_class, min_size=2, max_size=4))
    twist = draw(st.sampled_from(["none", "none", "none", "none", "unusable class", "single class", "no class"]))
    if twist == "unusable class":
        name = draw(class_names.filter(lambda n: n not in classes))
        classes[name] = draw(unusable_class)
    elif twist == "single class":
        classes = dict(list(classes.items())[:1])
    elif twist == "no class":
        classes = {}
    return classes, draw(st.integers(0, 2))


def _image_bytes(fmt: str, side: tuple[int, int], variant: int) -> bytes:
    pixels = draw_class_image(variant % 8, max(side), np.random.default_rng(variant))[: side[1], : side[0]]
    img = Image.fromarray(np.ascontiguousarray(pixels))
    if variant % 3 == 1:
        img = img.convert("L")
    elif variant % 3 == 2 and fmt in ("PNG", "WEBP", "TIFF"):
        img = img.convert("RGBA")
    buffer = io.BytesIO()
    img.save(buffer, fmt)
    return buffer.getvalue()


def _write(root: Path, name: str, index: int, entry: Entry) -> tuple[Path, str, str | None]:
    """Write one entry into class folder ``name``; returns (path, fate, bad-file code)."""
    folder = root / name / Path(*entry.folders) if entry.folders else root / name
    fate, code = KINDS[entry.kind]
    ext = list(IMAGE_FORMATS)[entry.variant % len(IMAGE_FORMATS)]
    file_name = f"{entry.stem}#{index}{ext}"  # '#' keeps file names apart from folder names
    if entry.kind == "good":
        side = (32 + entry.variant % 9, 32 + entry.variant % 7)
        data = _image_bytes(IMAGE_FORMATS[ext], side, entry.variant)
    elif entry.kind == "tiny":
        ext = (".png", ".bmp", ".gif")[entry.variant % 3]
        file_name = f"{entry.stem}#{index}{ext}"
        data = _image_bytes(IMAGE_FORMATS[ext], (1 + entry.variant % 31, 1 + entry.variant % 17), entry.variant)
    elif entry.kind == "junk":
        data = JUNK_PREFIX + entry.junk
    elif entry.kind == "empty":
        data = b""
    elif entry.kind == "other":
        file_name = f"{entry.stem}#{index}{OTHER_EXTENSIONS[entry.variant % len(OTHER_EXTENSIONS)]}"
        data = entry.junk
    elif entry.kind == "hidden":
        file_name = HIDDEN_NAMES[entry.variant % len(HIDDEN_NAMES)]
        folder = root / name  # one of each at most per class folder
        data = JUNK_PREFIX + entry.junk
    else:  # in_hidden_folder: a hidden or system folder full of things that must not count
        hidden = (".cache", "__MACOSX", ".thumbnails")[entry.variant % 3]
        folder = root / name / hidden
        data = JUNK_PREFIX + entry.junk
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / file_name
    path.write_bytes(data)
    return path, fate, code


@dataclass
class Expected:
    classes: tuple[str, ...]
    used: dict[str, str]  # path -> class
    bad: dict[str, str]  # path -> code
    others: set[str]
    loose: int


def build_tree(root: Path, tree: tuple[dict[str, list[Entry]], int]) -> Expected:
    classes, loose = tree
    root.mkdir(parents=True)
    expected = Expected(tuple(sorted(classes)), {}, {}, set(), loose)
    for name, class_entries in classes.items():
        (root / name).mkdir()
        for index, entry in enumerate(class_entries):
            path, fate, code = _write(root, name, index, entry)
            if fate == USED:
                expected.used[str(path)] = name
            elif fate == BAD:
                assert code is not None
                expected.bad[str(path)] = code
            elif fate == OTHER:
                expected.others.add(path.name)
    for i in range(loose):
        (root / f"loose {i}.png").write_bytes(_image_bytes("PNG", (40, 40), i))
    return expected


def expected_refusal(expected: Expected) -> str | None:
    """The words the check's refusal must contain, or None when the tree is usable."""
    if not expected.classes:
        return "has no class folders"
    if len(expected.classes) == 1:
        return f"has only one class folder ({expected.classes[0]})"
    for name in expected.classes:
        if name not in expected.used.values():
            return f"The class '{name}' has no usable image"
    return None


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(tree=trees())
def test_the_check_accounts_for_every_file_refuses_clearly_and_changes_nothing(tree):
    with tempfile.TemporaryDirectory(prefix="tlstudio-scan-") as tmp:
        root = Path(tmp) / "images"
        expected = build_tree(root, tree)
        before = tree_hash(root)
        refusal = expected_refusal(expected)
        event("refused" if refusal else f"usable, {'with' if expected.bad else 'no'} bad files")

        with watch_writes(root) as writes:
            outcomes = []
            for _ in range(2):
                try:
                    outcomes.append(scan_dataset(root))
                except DatasetError as exc:  # anything else fails the test
                    outcomes.append(exc)
        first, second = outcomes

        if refusal is not None:
            assert isinstance(first, DatasetError), f"expected a refusal containing {refusal!r}"
            assert refusal in str(first), str(first)
            assert first.hint and first.path is not None
            assert isinstance(second, DatasetError) and str(second) == str(first)
        else:
            assert not isinstance(first, DatasetError), str(first)
            assert first == second  # the same folder gives the same result
            assert first.classes == expected.classes and first.layout == "flat"
            used = {r.path: r.class_name for r in first.records}
            assert used == expected.used  # every good image, with its class folder's name
            assert all(first.classes[r.label] == r.class_name for r in first.records)
            assert {b.path: b.code for b in first.bad_files} == expected.bad
            assert not used.keys() & {b.path for b in first.bad_files}  # each file once
            for bad in first.bad_files:
                assert f"'{os.path.basename(bad.path)}'" in bad.reason and "remove it" in bad.reason.lower()
            notes = list(first.warnings)
            if expected.others:
                k = len(expected.others)
                start = f"{k} files that are not images were ignored (e.g. " if k != 1 else \
                    "1 file that is not an image was ignored (e.g. "
                note = next(n for n in notes if n.startswith(start))
                assert any(f"(e.g. {name})." in note for name in expected.others), note
                notes.remove(note)
            if expected.loose:
                start = f"{expected.loose} images lie directly in the folder" if expected.loose != 1 else \
                    "1 image lies directly in the folder"
                note = next(n for n in notes if n.startswith(start))
                notes.remove(note)
            assert notes == []  # hidden and system files make no noise
        assert writes == []
        assert tree_hash(root) == before
