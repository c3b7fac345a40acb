"""`tlstudio augment` and the augmentation and cap options of `tlstudio train`, as a user runs them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PIL import Image

from tests.e2e.cli import tlstudio
from tests.reliability.guards import tree_hash


@pytest.fixture
def xrays(make_image_folder, tmp_path):
    return make_image_folder(tmp_path / "xrays", classes=("normal", "pneumonia"), per_class=8, size=48)


def test_augment_shows_a_presets_reasons_and_warnings_and_writes_copies_to_the_workspace(xrays, tmp_path):
    digest = tree_hash(xrays)
    ws = tmp_path / "ws"
    shown = tlstudio("augment", str(xrays), "--preset", "chest_xray", "--preview", "4", workspace=ws)
    assert shown.returncode == 0, shown.stderr
    assert "anatomy has an orientation" in shown.stdout and "dextrocardia" in shown.stdout
    assert "No chosen operation is known to change what an image shows." in shown.stdout
    sheets = list((ws / "augmented").glob("*-preview.png"))
    assert len(sheets) == 1 and str(sheets[0]) in shown.stdout
    assert Image.open(sheets[0]).size == (4 * 164 + 4, 164 + 4)  # 4 variants of 160 px side by side

    result = tlstudio("augment", str(xrays), "--preset", "chest_xray", "--augment", "flip_vertical", "--copies", "3",
                      "--json", workspace=ws)
    assert result.returncode == 0, result.stderr
    doc = json.loads(result.stdout)
    assert doc["spec"]["flip_vertical"] and doc["spec"]["rotation"] == pytest.approx(5 / 360)
    assert len(doc["warnings"]) == 1 and "Upside-down flips on chest X-rays" in doc["warnings"][0]
    folder = Path(doc["export"]["folder"])
    assert folder.parent == ws / "augmented" and doc["export"]["written"] == 48
    assert len(list(folder.glob("normal/*.png"))) == 24 and len(list(folder.glob("pneumonia/*.png"))) == 24
    manifest = json.loads((folder / "manifest.json").read_text())
    assert manifest["preset"] == "chest_xray" and len(manifest["files"]) == 48
    assert tree_hash(xrays) == digest  # the image folder was never written to


def test_augment_refuses_to_write_into_the_image_folder(xrays):
    digest = tree_hash(xrays)
    result = tlstudio("augment", str(xrays), "--preset", "natural", "--copies", "1", "--out", str(xrays / "more"))
    assert result.returncode == 2
    assert "inside the image folder" in result.stderr and "Traceback" not in result.stderr
    assert tree_hash(xrays) == digest
    unknown = tlstudio("augment", str(xrays), "--preset", "xray")
    assert unknown.returncode == 2 and "chest_xray" in unknown.stderr
    spec_file = xrays.parent / "spec.json"
    spec_file.write_text(json.dumps({"augment": {"rotation": 2}}))
    bad = tlstudio("augment", str(xrays), "--augment-spec", str(spec_file))
    assert bad.returncode == 2 and "spec.json" in bad.stderr and "Received: rotation=2" in bad.stderr
    spec_file.write_text(json.dumps({"augment": {"crop": 0.2, "crop_p": 0.5}}))  # e.g. a run's config.json
    good = tlstudio("augment", str(xrays), "--augment-spec", str(spec_file), "--json")
    assert good.returncode == 0, good.stderr
    assert json.loads(good.stdout)["spec"]["crop_p"] == 0.5


def test_train_with_a_preset_mixup_and_a_cap_records_them_in_the_run(xrays, tmp_path):
    ws = tmp_path / "ws"
    result = tlstudio("train", str(xrays), "--backbone", "scratch_cnn", "--mode", "scratch", "--weights", "none",
                      "--image-size", "40", "--epochs", "1", "--batch-size", "4", "--augment-preset", "chest_xray",
                      "--augment", "crop=0.1,mixup=0.2,rotation_p=0.5,flip_horizontal", "--train-per-class", "3",
                      "--json", "--workspace", str(ws))
    assert result.returncode == 0, result.stderr
    assert "Augmentation warning: Left-right flips on chest X-rays" in result.stderr
    run_dir = Path(json.loads(result.stdout)["run_dir"])
    config = json.loads((run_dir / "config.json").read_text())
    assert config["split"]["train_per_class"] == 3
    augment = config["augment"]
    assert augment["crop"] == 0.1 and augment["mixup"] == 0.2 and augment["rotation_p"] == 0.5
    assert augment["zoom_in"] == 0.1 and augment["flip_horizontal"] and not augment["flip_vertical"]
    split = json.loads((run_dir / "split.json").read_text())
    assert split["counts"]["train"] == {"normal": 3, "pneumonia": 3}
    assert split["left_out"] == {"normal": 3, "pneumonia": 3}


def test_check_shows_the_cap_and_crossval_refuses_it(xrays):
    result = tlstudio("check", str(xrays), "--train-per-class", "2", "--no-leakage", "--json")
    assert result.returncode == 0, result.stderr
    doc = json.loads(result.stdout)
    assert doc["split"]["train"] == {"normal": 2, "pneumonia": 2}
    assert doc["left_out"] == {"normal": 4, "pneumonia": 4}
    assert any("at most 2 images per class" in w for w in doc["warnings"])
    refused = tlstudio("crossval", str(xrays), "--train-per-class", "2", "--weights", "none")
    assert refused.returncode == 2 and "cannot leave training images out" in refused.stderr
