"""scan_dataset, make_split, find_leakage, imbalance_warning, make_tf_dataset, dataset_fingerprint."""

from __future__ import annotations

import io
import json
import os
import shutil
import struct
import zlib
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from tests.reliability.guards import tree_hash
from tlstudio.core.config import SplitConfig
from tlstudio.core.data.imageio import load_image
from tlstudio.core.data.leakage import find_leakage
from tlstudio.core.data.pipeline import make_tf_dataset
from tlstudio.core.data.records import BAD_FILE_CODES, DatasetScan, ScanCancelled, Split, dataset_fingerprint
from tlstudio.core.data.scan import imbalance_warning, scan_dataset
from tlstudio.core.data.split import make_split
from tlstudio.core.errors import DatasetError

CHEST_XRAY = Path(__file__).resolve().parents[3] / "shared" / "data" / "chest_xray"
FLOWERS5 = Path(__file__).resolve().parents[3] / "shared" / "data" / "flowers5"




def noise_jpeg_bytes(size: int = 64, seed: int = 0) -> bytes:
    buffer = io.BytesIO()
    Image.fromarray(np.random.default_rng(seed).integers(0, 255, (size, size, 3), dtype=np.uint8)).save(buffer, "JPEG")
    return buffer.getvalue()


def png_claiming(width: int, height: int) -> bytes:
    """A PNG whose header (IHDR, with a valid CRC) claims ``width`` x ``height`` pixels."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(b"\0" * 16)) + chunk(b"IEND", b"")


@pytest.fixture
def two_classes(make_image_folder, tmp_path) -> Path:
    return make_image_folder(tmp_path / "data", classes=("cats", "dogs"), per_class=6, size=40)


# ----------------------------------------------------------------------------- scanning


def test_flat_folder_classes_counts_labels_and_sorted_order(make_image_folder, tmp_path):
    root = make_image_folder(tmp_path / "data", classes=("zebra", "ant", "moth"), per_class=5, size=40)
    scan = scan_dataset(root)
    assert isinstance(scan, DatasetScan)
    assert scan.layout == "flat" and scan.presplit is None
    assert scan.classes == ("ant", "moth", "zebra")
    assert scan.counts() == {"ant": 5, "moth": 5, "zebra": 5}
    assert [r.path for r in scan.records] == sorted(r.path for r in scan.records)
    for record in scan.records:
        assert Path(record.path).parent.name == record.class_name
        assert scan.classes[record.label] == record.class_name
        assert (record.width, record.height) == (40, 40)
        assert record.size_bytes == Path(record.path).stat().st_size
    assert scan.bad_files == () and scan.warnings == ()
    doc = json.loads(json.dumps(scan.to_dict()))
    assert doc["classes"] == ["ant", "moth", "zebra"] and len(doc["records"]) == 15


def bad_folder(make_image_folder, tmp_path) -> Path:
    root = make_image_folder(tmp_path / "data", classes=("cats", "dogs"), per_class=3, size=40)
    cats = root / "cats"
    full = noise_jpeg_bytes()
    (cats / "cut short.jpg").write_bytes(full[: len(full) // 2])
    (cats / "empty.jpg").write_bytes(b"")
    (cats / "letter.jpg").write_text("Dear colleague, please find attached...")
    Image.new("RGB", (1, 1), "red").save(cats / "dot.png")
    (cats / "huge.png").write_bytes(png_claiming(30000, 30000))
    png = io.BytesIO()
    Image.new("RGB", (40, 40), "blue").save(png, "PNG")
    damaged = bytearray(png.getvalue())
    idat = damaged.index(b"IDAT")
    damaged[idat + 8: idat + 20] = b"\xff" * 12  # scramble the compressed pixels
    (cats / "scrambled.png").write_bytes(bytes(damaged))
    return root


EXPECTED_BAD = {
    "cut short.jpg": ("truncated", "cut short"),
    "empty.jpg": ("empty", "empty"),
    "letter.jpg": ("not_image", "not a picture"),
    "dot.png": ("too_small", "1×1"),
    "huge.png": ("too_large", "900,000,000 pixels"),
    "scrambled.png": ("corrupt", "damaged"),
}


def test_each_kind_of_bad_file_gets_its_code_and_a_message_naming_it(make_image_folder, tmp_path):
    root = bad_folder(make_image_folder, tmp_path)
    scan = scan_dataset(root)
    found = {Path(b.path).name: b for b in scan.bad_files}
    assert set(found) == set(EXPECTED_BAD)
    for name, (code, words) in EXPECTED_BAD.items():
        bad = found[name]
        assert bad.code == code, (name, bad)
        assert code in BAD_FILE_CODES
        assert name in bad.reason and words in bad.reason, bad.reason
        assert Path(bad.path).is_absolute() and Path(bad.path).exists()
    assert scan.counts() == {"cats": 3, "dogs": 3}  # bad files skipped, good ones kept


def test_odd_but_valid_images_are_accepted(make_image_folder, tmp_path):
    root = make_image_folder(tmp_path / "data", classes=("cats", "dogs"), per_class=2, size=40)
    cats = root / "cats"
    Image.new("RGB", (40, 40), "green").save(cats / "png inside.jpg", format="PNG")
    Image.new("CMYK", (40, 40), (0, 255, 255, 0)).save(cats / "print.jpg")
    Image.fromarray(np.full((40, 40), 40000, np.uint16)).save(cats / "deep.png")
    Image.new("L", (40, 40), 128).save(cats / "grey.png")
    pal = Image.new("P", (40, 40), 0)
    pal.save(cats / "pal.png", transparency=0)
    frames = [Image.new("RGB", (40, 40), c) for c in ("red", "blue")]
    frames[0].save(cats / "anim.gif", save_all=True, append_images=frames[1:])
    phone = Image.new("RGB", (64, 40), "white")
    exif = phone.getexif()
    exif[0x0112] = 6
    phone.save(cats / "phone.jpg", exif=exif.tobytes())
    scan = scan_dataset(root)
    assert scan.bad_files == ()
    assert scan.counts() == {"cats": 9, "dogs": 2}
    phone_record = next(r for r in scan.records if r.path.endswith("phone.jpg"))
    assert (phone_record.width, phone_record.height) == (40, 64)  # as displayed


def test_non_ascii_names_spaces_and_nested_folders(make_image_folder, tmp_path):
    root = make_image_folder(tmp_path / "données", classes=("chats noirs", "chiens été"), per_class=3, size=40)
    nested = root / "chats noirs" / "lot 2" / "sous-dossier ü"
    nested.mkdir(parents=True)
    shutil.copy(root / "chats noirs" / "img_0000.jpg", nested / "photo n°1.jpg")
    scan = scan_dataset(root)
    assert scan.classes == ("chats noirs", "chiens été")
    assert scan.counts() == {"chats noirs": 4, "chiens été": 3}
    nested_record = next(r for r in scan.records if "photo n°1" in r.path)
    assert nested_record.class_name == "chats noirs"


def test_symlink_loops_and_links_back_inside_are_not_followed(make_image_folder, tmp_path):
    root = make_image_folder(tmp_path / "data", classes=("cats", "dogs"), per_class=3, size=40)
    os.symlink(root / "cats", root / "cats" / "loop")
    os.symlink(root, root / "dogs" / "up")
    outside = make_image_folder(tmp_path / "elsewhere", classes=("more",), per_class=2, size=40)
    os.symlink(outside / "more", root / "dogs" / "linked")
    scan = scan_dataset(root)
    assert scan.counts() == {"cats": 3, "dogs": 5}  # the outside link is followed once, loops never


def test_hidden_and_system_files_are_ignored_silently(make_image_folder, tmp_path):
    root = make_image_folder(tmp_path / "data", classes=("cats", "dogs"), per_class=3, size=40)
    junk = b"\0\5\0\7junk"
    for name in (".DS_Store", "._img_0000.jpg", "Thumbs.db", "desktop.ini", ".hidden.jpg"):
        (root / "cats" / name).write_bytes(junk)
    (root / ".thumbnails").mkdir()
    (root / ".thumbnails" / "x.jpg").write_bytes(junk)
    (root / "cats" / ".cache").mkdir()
    (root / "cats" / ".cache" / "y.jpg").write_bytes(junk)
    scan = scan_dataset(root)
    assert scan.classes == ("cats", "dogs")
    assert scan.counts() == {"cats": 3, "dogs": 3}
    assert scan.bad_files == () and scan.warnings == ()


def test_other_files_are_counted_in_a_warning(make_image_folder, tmp_path):
    root = make_image_folder(tmp_path / "data", classes=("cats", "dogs"), per_class=3, size=40)
    (root / "cats" / "notes.txt").write_text("x")
    (root / "dogs" / "labels.csv").write_text("x")
    Image.new("RGB", (40, 40)).save(root / "stray.png")
    scan = scan_dataset(root)
    assert scan.counts() == {"cats": 3, "dogs": 3}
    assert "2 files that are not images were ignored (e.g. notes.txt)." in scan.warnings
    assert any("1 image lies directly in the folder" in w and "was ignored" in w and "stray.png" in w
               for w in scan.warnings)


def test_unreadable_file_is_reported_as_permission(make_image_folder, tmp_path):
    root = make_image_folder(tmp_path / "data", classes=("cats", "dogs"), per_class=3, size=40)
    locked = root / "dogs" / "img_0001.jpg"
    os.chmod(locked, 0)
    try:
        if os.access(locked, os.R_OK):
            pytest.skip("file permissions are not enforced for this user (running as root)")
        scan = scan_dataset(root)
    finally:
        os.chmod(locked, 0o644)
    assert [(Path(b.path).name, b.code) for b in scan.bad_files] == [("img_0001.jpg", "permission")]
    assert "img_0001.jpg" in scan.bad_files[0].reason and "permission" in scan.bad_files[0].reason
    assert scan.counts() == {"cats": 3, "dogs": 2}


def test_permission_denied_while_opening_is_reported_even_as_root(make_image_folder, tmp_path, monkeypatch):
    from tlstudio.core.data import files as files_module

    root = make_image_folder(tmp_path / "data", classes=("cats", "dogs"), per_class=3, size=40)
    locked = str(root / "cats" / "img_0002.jpg")

    def guarded_open(path, *args, **kwargs):
        if str(path) == locked:
            raise PermissionError(13, "Permission denied", str(path))
        return open(path, *args, **kwargs)

    monkeypatch.setattr(files_module, "open", guarded_open, raising=False)
    scan = scan_dataset(root)
    assert [(b.path, b.code) for b in scan.bad_files] == [(locked, "permission")]
    assert "img_0002.jpg" in scan.bad_files[0].reason


def test_scan_never_writes_in_the_dataset_folder(make_image_folder, tmp_path):
    root = bad_folder(make_image_folder, tmp_path)
    (root / "cats" / "notes.txt").write_text("x")
    before = tree_hash(root)
    entries_before = sorted(p.name for p in root.rglob("*"))
    scan = scan_dataset(root)
    split = make_split(scan, SplitConfig(val_fraction=0.2, test_fraction=0.2))
    find_leakage(split)
    dataset_fingerprint(scan.records)
    for _ in make_tf_dataset(split.train, 32, 2, 2, shuffle=False, seed=0):
        pass
    assert tree_hash(root) == before
    assert sorted(p.name for p in root.rglob("*")) == entries_before


# ----------------------------------------------------------------------------- fatal problems


def test_missing_folder(tmp_path):
    with pytest.raises(DatasetError, match="does not exist") as info:
        scan_dataset(tmp_path / "nowhere")
    assert info.value.path == str(tmp_path / "nowhere")


def test_a_file_instead_of_a_folder(tmp_path):
    path = tmp_path / "one.jpg"
    path.write_bytes(noise_jpeg_bytes())
    with pytest.raises(DatasetError, match="not a folder"):
        scan_dataset(path)


def test_no_class_folders(tmp_path):
    root = tmp_path / "flat"
    root.mkdir()
    Image.new("RGB", (40, 40)).save(root / "a.png")
    with pytest.raises(DatasetError, match="no class folders") as info:
        scan_dataset(root)
    assert "a.png" in info.value.message and "subfolder" in str(info.value)


def test_a_single_class_is_refused(make_image_folder, tmp_path):
    root = make_image_folder(tmp_path / "data", classes=("only",), per_class=3, size=40)
    with pytest.raises(DatasetError, match="only one class folder \\(only\\)"):
        scan_dataset(root)


def test_a_class_with_no_image_is_named(make_image_folder, tmp_path):
    root = make_image_folder(tmp_path / "data", classes=("cats", "dogs"), per_class=3, size=40)
    (root / "birds").mkdir()
    (root / "birds" / "readme.txt").write_text("to do")
    with pytest.raises(DatasetError, match="'birds' has no usable image") as info:
        scan_dataset(root)
    assert str(root / "birds") in str(info.value)


def test_a_class_whose_images_are_all_bad_is_named(make_image_folder, tmp_path):
    root = make_image_folder(tmp_path / "data", classes=("cats", "dogs"), per_class=3, size=40)
    (root / "birds").mkdir()
    (root / "birds" / "a.jpg").write_bytes(b"")
    with pytest.raises(DatasetError, match="'birds' has no usable image: none of its 1 image files"):
        scan_dataset(root)


# ----------------------------------------------------------------------------- progress and cancel


def test_progress_reaches_the_total(two_classes):
    calls: list[tuple[int, int]] = []
    scan_dataset(two_classes, on_progress=lambda done, total: calls.append((done, total)))
    assert calls[0] == (0, 12) and calls[-1] == (12, 12)
    assert all(a[0] <= b[0] for a, b in zip(calls, calls[1:]))


def test_should_stop_cancels_the_scan(two_classes):
    checked = []

    def stop() -> bool:
        checked.append(1)
        return len(checked) > 3

    with pytest.raises(ScanCancelled):
        scan_dataset(two_classes, should_stop=stop)


# ----------------------------------------------------------------------------- splitting


def test_stratified_split_counts_and_seed(make_image_folder, tmp_path):
    root = make_image_folder(tmp_path / "data", classes=("a", "b", "c"), per_class=20, size=32)
    scan = scan_dataset(root)
    split = make_split(scan, SplitConfig(val_fraction=0.15, test_fraction=0.15, seed=7))
    assert split.counts() == {
        "train": {"a": 14, "b": 14, "c": 14},
        "val": {"a": 3, "b": 3, "c": 3},
        "test": {"a": 3, "b": 3, "c": 3},
    }
    paths = [r.path for part in (split.train, split.val, split.test) for r in part]
    assert sorted(paths) == sorted(r.path for r in scan.records)  # each image exactly once
    again = make_split(scan, SplitConfig(val_fraction=0.15, test_fraction=0.15, seed=7))
    assert again == split
    other = make_split(scan, SplitConfig(val_fraction=0.15, test_fraction=0.15, seed=8))
    assert {r.path for r in other.test} != {r.path for r in split.test}
    assert split.seed == 7 and split.warnings == ()


def test_split_round_trips_through_json(two_classes):
    split = make_split(scan_dataset(two_classes), SplitConfig(val_fraction=0.2, test_fraction=0.2))
    doc = json.loads(json.dumps(split.to_dict()))
    assert doc["classes"] == ["cats", "dogs"]
    assert doc["counts"] == split.counts()
    assert Split.from_dict(doc) == split
    with pytest.raises(DatasetError, match="could not be read"):
        Split.from_dict({"classes": ["a"]})


def test_tiny_classes_keep_an_image_for_training_and_say_what_is_missing(make_image_folder, tmp_path):
    root = make_image_folder(tmp_path / "data", classes=("big",), per_class=20, size=32)
    make_image_folder(root, classes=("one",), per_class=1, size=32, seed=1)
    make_image_folder(root, classes=("two",), per_class=2, size=32, seed=2)
    split = make_split(scan_dataset(root), SplitConfig(val_fraction=0.2, test_fraction=0.2, seed=1))
    assert split.counts() == {
        "train": {"big": 12, "one": 1, "two": 1},
        "val": {"big": 4, "one": 0, "two": 0},
        "test": {"big": 4, "one": 0, "two": 1},
    }
    assert len(split.warnings) == 2
    assert "'one' has only 1 image, so none is left for validation or test" in split.warnings[0]
    assert "'two' has only 2 images, so none is left for validation;" in split.warnings[1]


def test_presplit_layout_keeps_the_test_folder_and_carves_val_from_train(make_image_folder, tmp_path):
    root = make_image_folder(tmp_path / "xray", classes=("NORMAL", "PNEUMONIA"), per_class=10, size=32,
                             layout="split", test_per_class=4)
    (root / "test").rename(root / "Test")  # folder names are matched in any case
    scan = scan_dataset(root)
    assert scan.layout == "split" and scan.classes == ("NORMAL", "PNEUMONIA")
    assert scan.split_counts() == {"train": {"NORMAL": 10, "PNEUMONIA": 10}, "test": {"NORMAL": 4, "PNEUMONIA": 4}}
    assert scan.counts() == {"NORMAL": 14, "PNEUMONIA": 14}
    split = make_split(scan, SplitConfig(val_fraction=0.2, test_fraction=0.5, seed=3))
    assert {r.path for r in split.test} == {r.path for r in scan.presplit["test"]}
    assert all("/Test/" in r.path for r in split.test)
    assert split.counts()["val"] == {"NORMAL": 2, "PNEUMONIA": 2}
    assert split.counts()["train"] == {"NORMAL": 8, "PNEUMONIA": 8}


def test_presplit_layout_with_a_validation_folder_keeps_it(make_image_folder, tmp_path):
    root = make_image_folder(tmp_path / "data", classes=("a", "b"), per_class=6, size=32, layout="split")
    make_image_folder(root / "validation", classes=("a", "b"), per_class=3, size=32, seed=5)
    split = make_split(scan_dataset(root), SplitConfig())
    assert split.counts() == {"train": {"a": 6, "b": 6}, "val": {"a": 3, "b": 3}, "test": {"a": 2, "b": 2}}
    assert all("/validation/" in r.path for r in split.val)


def test_presplit_class_missing_from_test_is_a_warning(make_image_folder, tmp_path):
    root = make_image_folder(tmp_path / "data", classes=("a", "b", "c"), per_class=4, size=32, layout="split")
    shutil.rmtree(root / "test" / "c")
    make_image_folder(root / "test", classes=("stray",), per_class=2, size=32)
    scan = scan_dataset(root)
    assert scan.classes == ("a", "b", "c")
    assert any("no 'c' folder" in w for w in scan.warnings)
    assert any("'stray'" in w and "ignored" in w for w in scan.warnings)
    assert scan.split_counts()["test"] == {"a": 2, "b": 2, "c": 0}


# ----------------------------------------------------------------------------- leakage


def test_leakage_finds_an_exact_copy_and_a_re_encoded_copy_across_splits(make_image_folder, tmp_path):
    root = make_image_folder(tmp_path / "data", classes=("a", "b"), per_class=8, size=64, layout="split")
    split = make_split(scan_dataset(root), SplitConfig())
    assert find_leakage(split) == ()  # distinct generated images are not flagged

    shutil.copy(root / "train" / "a" / "img_0001.jpg", root / "test" / "a" / "copied.jpg")
    original = Image.open(root / "train" / "b" / "img_0002.jpg")
    original.resize((60, 60)).save(root / "test" / "b" / "re-saved.jpg", quality=60)
    split = make_split(scan_dataset(root), SplitConfig())
    pairs = find_leakage(split)
    found = {(Path(p.path_a).name, Path(p.path_b).name): p for p in pairs}
    assert set(found) == {("img_0001.jpg", "copied.jpg"), ("img_0002.jpg", "re-saved.jpg")}
    exact = found[("img_0001.jpg", "copied.jpg")]
    assert exact.exact and exact.distance == 0 and exact.split_b == "test" and "/train/" in exact.path_a
    near = found[("img_0002.jpg", "re-saved.jpg")]
    assert not near.exact and 0 <= near.distance <= 2
    assert pairs[0] == exact  # closest first
    assert json.loads(json.dumps([p.to_dict() for p in pairs]))[0]["exact"] is True


def test_leakage_compares_thousands_of_images_and_finds_the_one_twin(monkeypatch, tmp_path):
    from tlstudio.core.data import leakage as leakage_module
    from tlstudio.core.data.records import ImageRecord

    rng = np.random.default_rng(0)
    n = 3000
    records = [ImageRecord(str(tmp_path / f"{i}.jpg"), i % 2, "ab"[i % 2], 64, 64, 1) for i in range(n)]
    hashes = {r.path: int(h) for r, h in zip(records, rng.integers(0, 2**63, n, dtype=np.int64))}
    twin = records[2999].path
    hashes[twin] = hashes[records[0].path] ^ 0b101  # 2 bits from the first image
    monkeypatch.setattr(leakage_module, "_fingerprint_file", lambda path: (hashes[path], path.encode()))
    split = Split(classes=("a", "b"), train=tuple(records[:2000]), val=tuple(records[2000:2500]),
                  test=tuple(records[2500:]), seed=0)
    pairs = find_leakage(split)
    assert [(Path(p.path_a).name, Path(p.path_b).name, p.distance) for p in pairs] == [("0.jpg", "2999.jpg", 2)]


# ----------------------------------------------------------------------------- imbalance


def test_imbalance_warning_text():
    text = imbalance_warning({"NORMAL": 100, "PNEUMONIA": 390})
    assert text == ("PNEUMONIA has 3.9 times as many images as NORMAL; accuracy alone can mislead — look at each "
                    "class's recall, or turn on class weights.")
    assert imbalance_warning({"a": 100, "b": 149}) is None
    assert imbalance_warning({"a": 100, "b": 150, "c": 120}).startswith("b has 1.5 times as many images as a;")
    assert imbalance_warning({"a": 10}) is None
    assert "no images" in imbalance_warning({"a": 0, "b": 5})


# ----------------------------------------------------------------------------- tf.data


def test_make_tf_dataset_shapes_dtypes_and_labels(make_image_folder, tmp_path):
    import tensorflow as tf

    root = make_image_folder(tmp_path / "data", classes=("a", "b", "c"), per_class=3, size=40)
    records = scan_dataset(root).records
    ds = make_tf_dataset(records, 32, 4, 3, shuffle=False, seed=0)
    batches = list(ds)
    assert [int(x.shape[0]) for x, _ in batches] == [4, 4, 1]
    images = np.concatenate([x.numpy() for x, _ in batches])
    labels = np.concatenate([y.numpy() for _, y in batches])
    assert images.dtype == np.float32 and images.shape == (9, 32, 32, 3)
    assert labels.dtype == np.float32 and labels.shape == (9, 3)
    np.testing.assert_array_equal(labels.argmax(1), [r.label for r in records])
    np.testing.assert_array_equal(images[5], load_image(records[5].path, (32, 32)).astype(np.float32))
    assert 0.0 <= images.min() and images.max() <= 255.0 and images.max() > 1.0

    sparse = make_tf_dataset(records, 32, 4, 3, shuffle=False, seed=0, one_hot=False)
    assert sparse.element_spec[1].dtype == tf.int32
    np.testing.assert_array_equal(np.concatenate([y.numpy() for _, y in sparse]), [r.label for r in records])


def test_make_tf_dataset_shuffles_with_a_seed_and_reshuffles_each_epoch(make_image_folder, tmp_path):
    root = make_image_folder(tmp_path / "data", classes=("a", "b"), per_class=10, size=32)
    records = scan_dataset(root).records

    def order(ds) -> list[float]:
        return [float(v) for x, _ in ds for v in x.numpy().mean(axis=(1, 2, 3))]

    ds = make_tf_dataset(records, 32, 5, 2, shuffle=True, seed=3)
    first, second = order(ds), order(ds)
    assert sorted(first) == sorted(second) and first != second
    assert order(make_tf_dataset(records, 32, 5, 2, shuffle=True, seed=3)) == first
    repeated = make_tf_dataset(records, 32, 5, 2, shuffle=False, seed=0, repeat=True)
    assert len(list(repeated.take(9))) == 9  # 20 images, 4 batches per pass, keeps going


def test_make_tf_dataset_reads_files_lazily(make_image_folder, tmp_path):
    root = make_image_folder(tmp_path / "data", classes=("a", "b"), per_class=2, size=32)
    records = scan_dataset(root).records
    ds = make_tf_dataset(records, 32, 4, 2, shuffle=False, seed=0)
    Image.new("RGB", (32, 32), (255, 255, 255)).save(records[0].path, format="PNG")  # changed after building
    images, _ = next(iter(ds))
    assert float(images[0].numpy().min()) == 255.0  # read now, not when the dataset was built


def test_augmenter_runs_inside_the_tf_data_pipeline(make_image_folder, tmp_path):
    import tensorflow as tf

    from tlstudio.core.augmentation.layers import build_augmenter
    from tlstudio.core.config import AugmentSpec

    root = make_image_folder(tmp_path / "data", classes=("a", "b"), per_class=2, size=32)
    records = scan_dataset(root).records
    augmenter = build_augmenter(AugmentSpec(flip_horizontal=True, rotation=0.1, brightness=0.2), seed=0)
    plain = make_tf_dataset(records, 32, 4, 2, shuffle=False, seed=0)
    augmented = plain.map(lambda x, y: (augmenter(x, training=True), y), num_parallel_calls=tf.data.AUTOTUNE)
    x0, _ = next(iter(plain))
    x1, _ = next(iter(augmented))
    assert x1.shape == x0.shape and not np.allclose(x0.numpy(), x1.numpy())
    assert 0.0 <= float(tf.reduce_min(x1)) and float(tf.reduce_max(x1)) <= 255.0


# ----------------------------------------------------------------------------- fingerprint


def test_fingerprint_is_stable_and_changes_with_the_data(two_classes):
    records = scan_dataset(two_classes).records
    first = dataset_fingerprint(records)
    assert first == dataset_fingerprint(scan_dataset(two_classes).records)
    assert len(first) == 64
    assert dataset_fingerprint(records[:-1]) != first
    path = Path(records[0].path)
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))
    assert dataset_fingerprint(records) != first
    relabelled = (records[0].__class__(**{**records[0].to_dict(), "label": 1}),) + records[1:]
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert dataset_fingerprint(records) == first
    assert dataset_fingerprint(relabelled) != first


def test_fingerprint_survives_moving_the_whole_folder(two_classes, tmp_path):
    before = dataset_fingerprint(scan_dataset(two_classes).records)
    moved = tmp_path / "moved" / "data"
    moved.parent.mkdir()
    two_classes.rename(moved)
    assert dataset_fingerprint(scan_dataset(moved).records) == before


def test_fixture_classes_are_easy_to_tell_apart(make_image_folder, tmp_path):
    """The shared fixture must give classes a model can learn: a nearest-mean-colour rule on
    held-out images is far above chance."""
    root = make_image_folder(tmp_path / "data", classes=("a", "b", "c", "d"), per_class=12, size=48)
    split = make_split(scan_dataset(root), SplitConfig(val_fraction=0.1, test_fraction=0.3, seed=0))

    def features(records):
        return np.array([load_image(r.path).reshape(-1, 3).mean(0) / 255 for r in records]), \
            np.array([r.label for r in records])

    x_train, y_train = features(split.train)
    x_test, y_test = features(split.test)
    assert len(y_test) >= 8
    centroids = np.stack([x_train[y_train == k].mean(0) for k in range(4)])
    predicted = np.argmin(((x_test[:, None] - centroids[None]) ** 2).sum(-1), axis=1)
    assert (predicted == y_test).mean() >= 0.75


# ----------------------------------------------------------------------------- real data


@pytest.mark.slow
@pytest.mark.skipif(not CHEST_XRAY.is_dir(), reason="shared/data/chest_xray is not available")
def test_chest_xray_presplit_scan():
    scan = scan_dataset(CHEST_XRAY)
    assert scan.layout == "split" and scan.classes == ("NORMAL", "PNEUMONIA")
    assert scan.split_counts() == {"train": {"NORMAL": 500, "PNEUMONIA": 500},
                                   "test": {"NORMAL": 234, "PNEUMONIA": 390}}
    assert scan.bad_files == ()
    split = make_split(scan, SplitConfig(val_fraction=0.2, seed=42))
    assert split.counts() == {"train": {"NORMAL": 400, "PNEUMONIA": 400}, "val": {"NORMAL": 100, "PNEUMONIA": 100},
                              "test": {"NORMAL": 234, "PNEUMONIA": 390}}
    assert imbalance_warning(split.counts()["test"]) is not None  # 390 vs 234 = 1.7 times


@pytest.mark.slow
@pytest.mark.skipif(not FLOWERS5.is_dir(), reason="shared/data/flowers5 is not available")
def test_flowers5_scan_split_and_leakage():
    scan = scan_dataset(FLOWERS5)
    split = make_split(scan, SplitConfig(seed=42))
    pairs = find_leakage(split)
    assert scan.counts() == {name: 600 for name in ("daisy", "dandelion", "roses", "sunflowers", "tulips")}
    assert sum(sum(c.values()) for c in split.counts().values()) == 3000
    assert all(p.split_a != p.split_b and p.distance <= 2 for p in pairs)
