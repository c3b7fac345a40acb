"""Augmented copies go into the workspace (never the image folder), N per image, with a manifest."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from tests.reliability.guards import tree_hash
from tlstudio.core.augmentation import export as augment_export
from tlstudio.core.augmentation.augment import get_preset
from tlstudio.core.augmentation.export import export_augmented
from tlstudio.core.config import AugmentSpec
from tlstudio.core.data.scan import scan_dataset
from tlstudio.core.errors import ConfigError

pytest.importorskip("tensorflow")




@pytest.fixture
def data(make_image_folder, tmp_path: Path) -> Path:
    return make_image_folder(tmp_path / "xrays", classes=("normal", "pneumonia"), per_class=3, size=40)


def test_export_writes_n_copies_per_image_in_the_workspace_with_a_manifest(data, tmp_path):
    before = tree_hash(data)
    spec = get_preset("chest_xray").spec
    seen: list[tuple[int, int]] = []
    result = export_augmented(data, spec, 4, workspace=tmp_path / "ws", seed=3, preset="chest_xray",
                              on_progress=lambda d, n: seen.append((d, n)))
    assert result.status == "finished" and result.images == 6 and result.written == 24
    assert result.folder.parent == tmp_path / "ws" / "augmented"
    for cls in ("normal", "pneumonia"):
        pngs = sorted((result.folder / cls).glob("*.png"))
        assert len(pngs) == 12
        assert all(Image.open(p).size == (40, 40) for p in pngs)
    manifest = json.loads(result.manifest.read_text())
    assert manifest["seed"] == 3 and manifest["preset"] == "chest_xray"
    assert AugmentSpec.from_dict(manifest["spec"]) == spec
    assert len(manifest["files"]) == 24
    entry = manifest["files"][0]
    assert Path(entry["source"]).parent.parent == data and (result.folder / entry["file"]).is_file()
    assert seen[-1] == (6, 6)
    assert tree_hash(data) == before  # the image folder is untouched
    # The copies really differ from their sources.
    source = np.asarray(Image.open(entry["source"]).convert("RGB"), dtype=float)
    assert not np.allclose(np.asarray(Image.open(result.folder / entry["file"]), dtype=float), source, atol=1)


def test_export_is_seeded(data, tmp_path):
    spec = AugmentSpec(rotation=0.1, brightness=0.3)
    a = export_augmented(data, spec, 2, out=tmp_path / "a", seed=1)
    b = export_augmented(data, spec, 2, out=tmp_path / "b", seed=1)
    assert tree_hash(a.folder, metadata=False) == tree_hash(b.folder, metadata=False)


def test_export_refuses_a_folder_inside_the_image_folder(data, tmp_path):
    before = tree_hash(data)
    with pytest.raises(ConfigError, match="inside the image folder") as info:
        export_augmented(data, AugmentSpec(rotation=0.1), 2, out=data / "augmented")
    assert "never writes into the images' folder" in info.value.message
    with pytest.raises(ConfigError, match="inside the image folder"):
        export_augmented(data, AugmentSpec(rotation=0.1), 2, workspace=data / "ws")
    assert tree_hash(data) == before


def test_export_refuses_nonsense_and_a_stopped_export_leaves_nothing(data, tmp_path):
    with pytest.raises(ConfigError, match="copies would equal the originals"):
        export_augmented(data, AugmentSpec(mixup=0.2), 2, out=tmp_path / "x")
    with pytest.raises(ConfigError, match="Received: copies=0"):
        export_augmented(data, AugmentSpec(rotation=0.1), 0, out=tmp_path / "x")
    (tmp_path / "full").mkdir()
    (tmp_path / "full" / "mine.txt").write_text("keep")
    with pytest.raises(ConfigError, match="not empty"):
        export_augmented(data, AugmentSpec(rotation=0.1), 1, out=tmp_path / "full")
    calls = iter([False, False, True])
    result = export_augmented(data, AugmentSpec(rotation=0.1), 2, out=tmp_path / "stopped",
                              should_stop=lambda: next(calls, True))
    assert result.status == "cancelled" and result.folder is None
    assert not (tmp_path / "stopped").exists()
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []  # no temporary folder left


def test_same_names_in_train_and_test_or_with_another_extension_all_keep_their_copies(make_image_folder, tmp_path):
    data = make_image_folder(tmp_path / "split", classes=("cat", "dog"), per_class=2, size=40, layout="split")
    shutil.copy(data / "train" / "cat" / "img_0000.jpg", data / "test" / "cat" / "img_0000.jpg")
    Image.open(data / "train" / "dog" / "img_0001.jpg").save(data / "train" / "dog" / "img_0001.png")
    (data / "train" / "dog" / "more").mkdir()
    shutil.copy(data / "train" / "dog" / "img_0000.jpg", data / "train" / "dog" / "more" / "img_0000.jpg")
    result = export_augmented(data, AugmentSpec(rotation=0.2), 3, out=tmp_path / "out", seed=0)
    manifest = json.loads(result.manifest.read_text())
    sources = {p.as_posix() for p in data.rglob("*") if p.suffix in (".jpg", ".png")}
    assert result.images == len(sources) == 11 and result.written == 33
    written = sorted(p.relative_to(result.folder).as_posix() for p in result.folder.rglob("*.png"))
    assert len(written) == 33 == len({e["file"] for e in manifest["files"]})  # nothing overwritten
    assert sorted(e["file"] for e in manifest["files"]) == written
    assert {e["source"] for e in manifest["files"]} == {str(Path(s)) for s in sources}
    # The split is kept: test copies only under test/, training copies only under train/.
    assert manifest["layout"] == "split"
    for entry in manifest["files"]:
        part = Path(entry["source"]).relative_to(data).parts[0]
        assert entry["split"] == part and entry["file"].startswith(f"{part}/{entry['class']}/")
    assert "test/cat/img_0000-aug1.png" in written and "train/cat/img_0000-aug1.png" in written
    assert "train/dog/more/img_0000-aug3.png" in written
    assert sum(f.startswith("train/dog/img_0001-") and f.endswith("-aug1.png") for f in written) == 2
    assert scan_dataset(result.folder).split_counts() == {"train": {"cat": 6, "dog": 12}, "test": {"cat": 9, "dog": 6}}


def test_large_images_are_augmented_a_few_copies_at_a_time(data, tmp_path, monkeypatch):
    import tlstudio.core.augmentation.augment as augment

    spec = AugmentSpec(rotation=0.1, brightness=0.3)
    whole = export_augmented(data, spec, 5, out=tmp_path / "whole", seed=4)
    calls: list[int] = []
    real = augment.augment_batch
    monkeypatch.setattr(augment, "augment_batch", lambda aug, images: calls.append(len(images)) or real(aug, images))
    monkeypatch.setattr(augment_export, "PIXEL_BUDGET", 40 * 40 * 2)  # two 40 x 40 copies per call
    chunked = export_augmented(data, spec, 5, out=tmp_path / "chunked", seed=4)
    assert calls == [2, 2, 1] * 6 and chunked.written == 30
    assert sorted(p.name for p in (chunked.folder / "normal").iterdir()) == \
        sorted(p.name for p in (whole.folder / "normal").iterdir())
    again = export_augmented(data, spec, 5, out=tmp_path / "again", seed=4)
    assert tree_hash(again.folder, metadata=False) == tree_hash(chunked.folder, metadata=False)  # still seeded
