"""The bad-input corpus: every awkward thing people put in an image folder, and what tlstudio
must say about it.

Each :class:`Case` builds one image folder under a given path and states the expected outcome:

``accepted``
    The odd file is used. ``size`` is its (width, height) as displayed (after the EXIF turn)
    and ``pixels`` checks what :func:`tlstudio.core.data.imageio.load_image` gives (RGB, first
    frame, transparency on white...).
``skipped``
    The file is reported in ``DatasetScan.bad_files`` with ``code`` and a reason that names
    it and contains ``words``; every other image is still used.
``refused``
    The whole folder cannot be used: :func:`scan_dataset` (``stage="scan"``) or
    :func:`make_split` (``stage="split"``) raises a ``DatasetError`` containing ``words``.

Per-file cases (``per_file=True``) add one file or link to a small two-class folder (cats and
dogs, :data:`BASE_PER_CLASS` good JPEGs each), or make it read-only, and never clash with each
other, so they can all be put in one folder for a real training run (:func:`build_mixed`).
Folder cases (one class, an empty class, hundreds of classes...) build the whole folder.

Two cases need the test's help because the tests run as root, for whom permissions do not
bite: ``unreadable`` (the file is ``chmod 0``; the test also makes opening it fail with
"Permission denied", as it would for any other user) and ``read_only`` (every folder 0o555 and
file 0o444; the tests prove nothing is written with an audit hook, see ``guards.py``).
"""

from __future__ import annotations

import io
import os
import stat
import struct
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Literal

import numpy as np
from PIL import Image

from tests.conftest import draw_class_image, write_class_images

BASE_CLASSES: tuple[str, ...] = ("cats", "dogs")
BASE_PER_CLASS = 4
IMAGE_SIDE = 40
MANY_CLASSES = 300

Outcome = Literal["accepted", "skipped", "refused"]


@dataclass(frozen=True)
class Case:
    """One kind of bad or odd input and what tlstudio must do with it (see the module docstring)."""

    name: str
    build: Callable[[Path], None]
    outcome: Outcome
    file: str | None = None  # the odd file, relative to the folder ("/" separated)
    code: str | None = None  # bad-file code when skipped
    words: str | None = None  # must appear in the reason (skipped) or the error (refused)
    stage: Literal["scan", "split"] = "scan"  # where a refusal happens
    per_file: bool = True  # one file added to the base folder; False: the case builds the folder
    counts: dict[str, int] | None = None  # usable images per class after the scan
    split_counts: dict[str, int] | None = None  # images in train / val / test
    split_words: str | None = None  # the split's one warning (None: no warning)
    size: tuple[int, int] | None = None  # accepted: (width, height) as displayed
    pixels: Callable[[np.ndarray], None] | None = None  # accepted: checks load_image's array
    unreadable: bool = False
    read_only: bool = False
    note: str = field(default="", compare=False)  # what the case stands for, in a few words


# ----------------------------------------------------------------------------- building blocks


def build_base(root: Path, *, per_class: int = BASE_PER_CLASS, classes: tuple[str, ...] = BASE_CLASSES,
               seed: int = 0) -> None:
    """A small folder every model can learn from: one subfolder of good JPEGs per class."""
    rng = np.random.default_rng(seed)
    for index, name in enumerate(classes):
        write_class_images(root / name, index, per_class, IMAGE_SIDE, rng)


def build_case(case: Case, root: Path) -> Path:
    """Build ``case`` in ``root`` (on top of the base folder for a per-file case)."""
    root.mkdir(parents=True, exist_ok=True)
    if case.per_file:
        build_base(root)
    case.build(root)
    return root


def set_read_only(root: Path) -> None:
    """Every folder 0o555 and file 0o444 under ``root`` (links untouched), deepest first."""
    for dirpath, dirnames, filenames in os.walk(root, topdown=False):
        for name in filenames:
            path = os.path.join(dirpath, name)
            if not os.path.islink(path):
                os.chmod(path, 0o444)
        for name in dirnames:
            path = os.path.join(dirpath, name)
            if not os.path.islink(path):
                os.chmod(path, 0o555)
    os.chmod(root, 0o555)


def set_writable(root: Path) -> None:
    """Undo :func:`set_read_only` (and any ``chmod 0``) so the folder can be deleted."""
    if not root.exists():
        return
    os.chmod(root, 0o755)
    for dirpath, dirnames, filenames in os.walk(root):
        for name in dirnames:
            path = os.path.join(dirpath, name)
            if not os.path.islink(path):
                os.chmod(path, 0o755)
        for name in filenames:
            path = os.path.join(dirpath, name)
            if not os.path.islink(path):
                os.chmod(path, 0o644)


def _image(seed: int, side: int = IMAGE_SIDE) -> Image.Image:
    return Image.fromarray(draw_class_image(0, side, np.random.default_rng(seed)))


def _jpeg_bytes(seed: int, side: int = 64) -> bytes:
    buffer = io.BytesIO()
    _image(seed, side).save(buffer, "JPEG", quality=90)
    return buffer.getvalue()


def png_claiming(width: int, height: int) -> bytes:
    """A 100-byte PNG whose header (IHDR, valid CRC) claims ``width`` x ``height`` RGB pixels."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(b"\0" * 16)) + chunk(b"IEND", b"")


def _writer(rel: str, make: Callable[[Path], None]) -> Callable[[Path], None]:
    def build(root: Path) -> None:
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        make(path)

    return build


# ----------------------------------------------------------------------------- per-file cases


def _truncated(path: Path) -> None:
    data = _jpeg_bytes(1)
    path.write_bytes(data[: len(data) // 2])


def _text(path: Path) -> None:
    path.write_text("Dear colleague,\nplease find the scans attached.\n", encoding="utf-8")


PNG_PIXELS = draw_class_image(0, IMAGE_SIDE, np.random.default_rng(7))


def _png_as_jpg(path: Path) -> None:
    Image.fromarray(PNG_PIXELS).save(path, format="PNG")


def _check_png_pixels(image: np.ndarray) -> None:
    np.testing.assert_array_equal(image, PNG_PIXELS)  # decoded as the PNG it is, losslessly


def _cmyk(path: Path) -> None:
    Image.new("CMYK", (IMAGE_SIDE, IMAGE_SIDE), (0, 255, 255, 0)).save(path, "JPEG", quality=95)  # print red


def _check_red(image: np.ndarray) -> None:
    r, g, b = image.reshape(-1, 3).mean(axis=0)
    assert r > 235 and g < 20 and b < 20, f"expected red, got mean RGB {r:.0f}, {g:.0f}, {b:.0f}"


# 16-bit grey levels in four bands of ten columns; 8 bits keeps the top byte (/257).
DEEP_LEVELS = (0, 257 * 64, 257 * 128, 65535)


def _png16(path: Path) -> None:
    values = np.repeat(np.array(DEEP_LEVELS, dtype=np.uint16), IMAGE_SIDE // 4)[None, :].repeat(IMAGE_SIDE, 0)
    img = Image.fromarray(values)
    assert img.mode == "I;16"
    img.save(path)


def _check_png16(image: np.ndarray) -> None:
    expected = np.repeat(np.array([0, 64, 128, 255], dtype=np.uint8), IMAGE_SIDE // 4)
    for channel in range(3):
        np.testing.assert_array_equal(image[5, :, channel], expected)


GREY = np.tile(np.arange(0, 200, 5, dtype=np.uint8), (IMAGE_SIDE, 1))


def _grey(path: Path) -> None:
    Image.fromarray(GREY, mode="L").save(path)


def _check_grey(image: np.ndarray) -> None:
    for channel in range(3):
        np.testing.assert_array_equal(image[..., channel], GREY)


def _palette(path: Path) -> None:
    img = Image.new("P", (IMAGE_SIDE, IMAGE_SIDE), 0)
    img.putpalette([0, 0, 0, 255, 0, 0] + [0] * (256 * 3 - 6))
    img.paste(1, (0, 0, IMAGE_SIDE // 2, IMAGE_SIDE))  # left half red, right half transparent black
    img.save(path, transparency=0)


def _check_palette(image: np.ndarray) -> None:
    np.testing.assert_array_equal(image[5, 5], [255, 0, 0])
    np.testing.assert_array_equal(image[5, IMAGE_SIDE - 5], [255, 255, 255])  # transparency laid on white


def _animated(path: Path) -> None:
    frames = [Image.new("RGB", (IMAGE_SIDE, IMAGE_SIDE), colour) for colour in ("red", "blue", "lime")]
    frames[0].save(path, save_all=True, append_images=frames[1:], duration=100, loop=0)
    with Image.open(path) as check:
        assert check.n_frames == 3


def _tiny(path: Path) -> None:
    Image.new("RGB", (1, 1), "red").save(path)


def _huge(path: Path) -> None:
    path.write_bytes(png_claiming(30000, 30000))


PHONE_SIZE = (64, 40)  # stored width, height; shown turned a quarter, 40 wide and 64 high


def _exif_rotated(path: Path) -> None:
    img = Image.new("RGB", PHONE_SIZE, "white")
    img.paste((255, 0, 0), (0, 0, 12, 12))  # a red block in the stored top-left corner
    exif = img.getexif()
    exif[0x0112] = 6  # "rotate 90° clockwise to display", as phones write
    img.save(path, "JPEG", quality=95, exif=exif.tobytes())


def _check_exif_rotated(image: np.ndarray) -> None:
    assert image.shape == (64, 40, 3)
    top_right = image[:8, -8:].reshape(-1, 3).mean(axis=0)
    top_left = image[:8, :8].reshape(-1, 3).mean(axis=0)
    assert top_right[0] > 200 and top_right[1] < 60, top_right  # the red corner turned with the photo
    assert top_left.min() > 200, top_left  # white


def _copy_of_good(seed: int) -> Callable[[Path], None]:
    def make(path: Path) -> None:
        _image(seed).save(path, "JPEG", quality=92)

    return make


def _folder_loop(root: Path) -> None:
    os.symlink(".", root / "cats" / "loop")  # cats/loop/loop/loop/... forever


def _fifo(path: Path) -> None:
    os.mkfifo(path)  # opening it for reading would wait for a writer forever


def _socket(path: Path) -> None:
    os.mknod(path, 0o644 | stat.S_IFSOCK)


def _device_link(root: Path) -> None:
    os.symlink("/dev/urandom", root / "dogs" / "random.jpg")  # an endless stream of bytes, size 0


def _bad_checksum(path: Path) -> None:
    buffer = io.BytesIO()
    _image(14).save(buffer, "PNG")
    data = bytearray(buffer.getvalue())
    data[29] ^= 0xFF  # one byte of the header's checksum (IHDR CRC)
    path.write_bytes(bytes(data))


def _self_link(root: Path) -> None:
    os.symlink("itself.jpg", root / "cats" / "itself.jpg")


def _unreadable(path: Path) -> None:
    _image(11).save(path, "JPEG", quality=92)
    os.chmod(path, 0)


def _read_only(root: Path) -> None:
    set_read_only(root)


# A name written by an old Windows zip tool: Latin-1 bytes, not valid UTF-8 ("café 1.jpg").
NON_UTF8_NAME = os.fsdecode(b"caf\xe9 1.jpg")


def _non_utf8(root: Path) -> None:
    _image(13).save(root / "dogs" / NON_UTF8_NAME, "JPEG", quality=92)


_BASE = {name: BASE_PER_CLASS for name in BASE_CLASSES}
_BASE_SPLIT = {"train": 4, "val": 2, "test": 2}  # 4 per class, 15% each, at least one of each
_PLUS_CAT = {"cats": BASE_PER_CLASS + 1, "dogs": BASE_PER_CLASS}
_PLUS_CAT_SPLIT = {"train": 5, "val": 2, "test": 2}


def _accepted(name: str, rel: str, make: Callable[[Path], None], size: tuple[int, int],
              pixels: Callable[[np.ndarray], None] | None = None, note: str = "") -> Case:
    return Case(name, _writer(rel, make), "accepted", file=rel, counts=_PLUS_CAT, split_counts=_PLUS_CAT_SPLIT,
                size=size, pixels=pixels, note=note)


def _skipped(name: str, rel: str, make: Callable[[Path], None] | None, code: str, words: str, *,
             build: Callable[[Path], None] | None = None, unreadable: bool = False, note: str = "") -> Case:
    """A file of the base folder's that is skipped; ``make`` writes it, or ``build`` makes it (a link)."""
    if build is None:
        assert make is not None
        build = _writer(rel, make)
    return Case(name, build, "skipped", file=rel, code=code, words=words, counts=_BASE, split_counts=_BASE_SPLIT,
                unreadable=unreadable, note=note)


PER_FILE_CASES: tuple[Case, ...] = (
    _skipped("truncated_jpeg", "cats/cut short.jpg", _truncated, "truncated",
             "is cut short (the download or copy may have been interrupted)", note="half a JPEG"),
    _skipped("zero_byte_file", "cats/empty.jpg", lambda p: p.write_bytes(b""), "empty", "is empty (0 bytes)"),
    _skipped("text_named_jpg", "cats/letter.jpg", _text, "not_image",
             "is not a picture tlstudio can open (it may be another kind of file with an image name)"),
    _accepted("png_named_jpg", "cats/really a png.jpg", _png_as_jpg, (40, 40), _check_png_pixels,
              note="the content decides, not the name"),
    _accepted("cmyk_jpeg", "cats/print cmyk.jpg", _cmyk, (40, 40), _check_red, note="a print file"),
    _accepted("png_16_bit", "cats/scanner 16bit.png", _png16, (40, 40), _check_png16, note="scaled, not clipped"),
    _accepted("grayscale_png", "cats/grey.png", _grey, (40, 40), _check_grey),
    _accepted("palette_with_transparency", "cats/palette.png", _palette, (40, 40), _check_palette),
    _accepted("animated_gif", "cats/animated.gif", _animated, (40, 40), _check_red, note="first frame (red)"),
    _skipped("one_pixel_image", "cats/dot.png", _tiny, "too_small",
             "is only 1×1 pixels; images need at least 32 pixels on each side"),
    _skipped("header_claims_30000x30000", "cats/huge.png", _huge, "too_large",
             "claims to be 900,000,000 pixels, more than tlstudio opens safely (89,478,485 pixels)",
             note="a decompression bomb: reported from the header, nothing allocated"),
    _accepted("exif_rotated_photo", "cats/phone rotated.jpg", _exif_rotated, (40, 64), _check_exif_rotated),
    _accepted("non_ascii_name", "cats/photo n°1 – été 猫.jpg", _copy_of_good(3), (40, 40)),
    _accepted("space_filled_path", "cats/ my  holiday  photos /  a   b  .jpg", _copy_of_good(4), (40, 40)),
    _accepted("nested_subfolders", "cats/2023/summer visit/deep/nested.jpg", _copy_of_good(5), (40, 40),
              note="belongs to its top class folder"),
    _skipped("non_utf8_name", f"dogs/{NON_UTF8_NAME}", None, "unreadable",
             "has a name that is not valid text (UTF-8)", build=_non_utf8,
             note="Latin-1 bytes in a file name: no run file (JSON, CSV) could record it"),
    Case("symlink_loop", _folder_loop, "accepted", file="cats/loop", counts=_BASE, split_counts=_BASE_SPLIT,
         note="a folder link to itself is not followed; the scan ends"),
    _skipped("symlink_to_itself", "cats/itself.jpg", None, "unreadable",
             "is a shortcut (symbolic link) that leads back to itself", build=_self_link),
    _skipped("unreadable_file", "dogs/locked.jpg", _unreadable, "permission",
             "tlstudio is not allowed to read 'locked.jpg'. Give your user read permission on it",
             unreadable=True),
    _skipped("named_pipe", "cats/pipe.jpg", _fifo, "special",
             "'pipe.jpg' is a named pipe (FIFO), not a picture file, so tlstudio does not read it",
             note="reading it would wait forever: never opened for reading"),
    _skipped("socket_named_png", "dogs/socket.png", _socket, "special",
             "'socket.png' is a socket (a connection between programs), not a picture file"),
    _skipped("link_to_a_device", "dogs/random.jpg", None, "special",
             "'random.jpg' is a shortcut (symbolic link) to a device, /dev/urandom, not a picture file",
             build=_device_link, note="os.stat says 0 bytes; reading it never ends"),
    _skipped("png_with_a_bad_checksum", "cats/bad checksum.png", _bad_checksum, "corrupt",
             "'bad checksum.png' is a damaged picture", note="damaged, not 'not a picture'"),
    Case("read_only_folder", _read_only, "accepted", counts=_BASE, split_counts=_BASE_SPLIT, read_only=True,
         note="read-only for everyone; nothing is written"),
)


# ----------------------------------------------------------------------------- folder cases


def _empty_class(root: Path) -> None:
    build_base(root)
    (root / "birds").mkdir()
    (root / "birds" / "to do.txt").write_text("photos of birds go here", encoding="utf-8")


def _single_class(root: Path) -> None:
    build_base(root, classes=("cats",))


def _one_per_class(root: Path) -> None:
    build_base(root, per_class=1)


def _many_classes(per_class: int) -> Callable[[Path], None]:
    def build(root: Path) -> None:
        rng = np.random.default_rng(0)
        for i in range(MANY_CLASSES):
            write_class_images(root / f"species {i:03d}", i, per_class, 32, rng, ext=".png")

    return build


def _empty_test_folder(root: Path) -> None:
    build_base(root / "train")
    for name in BASE_CLASSES:
        (root / "test" / name).mkdir(parents=True)  # laid out, never filled
    (root / "test" / "dogs" / "to do.txt").write_text("test photos go here", encoding="utf-8")


def _linked_class(root: Path) -> None:
    build_base(root, classes=("zebra", "cats"))
    os.symlink("zebra", root / "aardvark")  # sorts first, and is the shortcut


def _non_ascii_classes(root: Path) -> None:
    build_base(root, classes=("chats noirs", "chiens été 犬"))


FOLDER_CASES: tuple[Case, ...] = (
    Case("class_folder_with_no_images", _empty_class, "refused", per_file=False,
         words="The class 'birds' has no usable image: it holds no image files (.jpg, .png, ...). "
               "Add images to"),
    Case("single_class", _single_class, "refused", per_file=False,
         words="has only one class folder (cats). A classifier needs at least two classes to tell apart. "
               "Add a folder for each other class"),
    Case("one_image_per_class", _one_per_class, "refused", stage="split", per_file=False,
         counts={"cats": 1, "dogs": 1},
         words="No image is left for testing: every class has only 1 image, and each needs one for training "
               "and one for testing. Add images"),
    Case("empty_test_folder", _empty_test_folder, "refused", stage="split", per_file=False, counts=_BASE,
         words="The folder's own test folder holds no usable image, so the finished model could not be tested",
         note="train/ and test/ laid out, test/ never filled"),
    Case("hundreds_of_classes", _many_classes(3), "accepted", per_file=False,
         counts={f"species {i:03d}": 3 for i in range(MANY_CLASSES)},
         split_counts={"train": MANY_CLASSES, "val": MANY_CLASSES, "test": MANY_CLASSES},
         note="300 classes of 3 images: one of each in train, validation and test"),
    Case("hundreds_of_tiny_classes", _many_classes(2), "accepted", per_file=False,
         counts={f"species {i:03d}": 2 for i in range(MANY_CLASSES)},
         split_counts={"train": MANY_CLASSES, "val": 0, "test": MANY_CLASSES},
         split_words="300 classes have only 2 images, so none is left for validation (e.g. 'species 000', "
                     "'species 001', 'species 002', ...); add more images of them for a fair measure.",
         note="one sentence for 300 classes, not 300 sentences"),
    Case("class_folder_linked_to_another", _linked_class, "refused", per_file=False,
         words="The class folder 'aardvark' is a shortcut (symbolic link) to the class folder 'zebra'",
         note="the link is named, not the real folder (zebra) that sorts after it"),
    Case("non_ascii_class_folders", _non_ascii_classes, "accepted", per_file=False,
         counts={"chats noirs": BASE_PER_CLASS, "chiens été 犬": BASE_PER_CLASS}, split_counts=_BASE_SPLIT),
)

CASES: tuple[Case, ...] = PER_FILE_CASES + FOLDER_CASES
assert len({case.name for case in CASES}) == len(CASES)
assert len({case.file for case in PER_FILE_CASES if case.file}) == len([c for c in PER_FILE_CASES if c.file])


def build_mixed(root: Path) -> Path:
    """The base folder with every per-file case added (read-only last), for one training run."""
    build_base(root)
    for case in PER_FILE_CASES:
        if not case.read_only:
            case.build(root)
    return root


def mixed_expectation() -> tuple[dict[str, int], dict[str, tuple[str, str]]]:
    """For :func:`build_mixed`: usable images per class, and each skipped file's (code, words)."""
    counts = dict(_BASE)
    skipped: dict[str, tuple[str, str]] = {}
    for case in PER_FILE_CASES:
        if case.outcome == "skipped":
            assert case.file and case.code and case.words
            skipped[case.file] = (case.code, case.words)
        elif case.outcome == "accepted" and case.counts is not None:
            for name, count in case.counts.items():
                counts[name] += count - _BASE[name]
    return counts, skipped


__all__ = [
    "BASE_CLASSES",
    "BASE_PER_CLASS",
    "CASES",
    "Case",
    "FOLDER_CASES",
    "PER_FILE_CASES",
    "build_case",
    "build_mixed",
    "mixed_expectation",
    "png_claiming",
    "set_read_only",
    "set_writable",
]
