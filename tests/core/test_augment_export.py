"""Augmented copies go into the workspace (never the image folder), N per image, with a manifest."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from tlstudio.core.augment import get_preset
from tlstudio.core.augment_export import export_augmented
from tlstudio.core.config import AugmentSpec
from tlstudio.core.errors import ConfigError

pytest.importorskip("tensorflow")


def digest(root: Path) -> str:
    h = hashlib.sha256()
    for path in sorted(root.rglob("*")):
        h.update(str(path.relative_to(root)).encode())
        if path.is_file():
            h.update(path.read_bytes())
    return h.hexdigest()


@pytest.fixture
def data(make_image_folder, tmp_path: Path) -> Path:
    return make_image_folder(tmp_path / "xrays", classes=("normal", "pneumonia"), per_class=3, size=40)


def test_export_writes_n_copies_per_image_in_the_workspace_with_a_manifest(data, tmp_path):
    before = digest(data)
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
    assert digest(data) == before  # the image folder is untouched
    # The copies really differ from their sources.
    source = np.asarray(Image.open(entry["source"]).convert("RGB"), dtype=float)
    assert not np.allclose(np.asarray(Image.open(result.folder / entry["file"]), dtype=float), source, atol=1)


def test_export_is_seeded(data, tmp_path):
    spec = AugmentSpec(rotation=0.1, brightness=0.3)
    a = export_augmented(data, spec, 2, out=tmp_path / "a", seed=1)
    b = export_augmented(data, spec, 2, out=tmp_path / "b", seed=1)
    assert digest(a.folder) == digest(b.folder)


def test_export_refuses_a_folder_inside_the_image_folder(data, tmp_path):
    before = digest(data)
    with pytest.raises(ConfigError, match="inside the image folder") as info:
        export_augmented(data, AugmentSpec(rotation=0.1), 2, out=data / "augmented")
    assert "never writes into the images' folder" in info.value.message
    with pytest.raises(ConfigError, match="inside the image folder"):
        export_augmented(data, AugmentSpec(rotation=0.1), 2, workspace=data / "ws")
    assert digest(data) == before


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
