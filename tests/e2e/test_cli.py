"""End to end through the command line, as a script would use it: exit codes and JSON on stdout."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from tests.e2e.cli import tlstudio
from tests.reliability.guards import tree_hash

SHARED = Path(__file__).resolve().parents[2].parent / "shared" / "data"




@pytest.fixture
def images(make_image_folder, tmp_path):
    root = make_image_folder(tmp_path / "data", classes=("cats", "dogs"), per_class=12, size=48)
    (root / "dogs" / "broken.jpg").write_bytes(b"")
    (root / "cats" / ".DS_Store").write_bytes(b"junk")
    return root


def test_check_reports_classes_counts_and_bad_files_as_json(images):
    result = tlstudio("check", str(images), "--json")
    assert result.returncode == 0, result.stderr
    doc = json.loads(result.stdout)
    assert doc["classes"] == ["cats", "dogs"]
    assert doc["counts"] == {"cats": 12, "dogs": 12}
    assert [Path(b["path"]).name for b in doc["bad_files"]] == ["broken.jpg"]
    assert doc["bad_files"][0]["code"] == "empty"
    assert sum(sum(c.values()) for c in doc["split"].values()) == 24


def test_check_in_words_names_the_one_skipped_file_in_the_singular(images):
    result = tlstudio("check", str(images), "--no-leakage")
    assert result.returncode == 0, result.stderr
    assert "\n1 file was skipped:\n" in result.stdout
    assert "broken.jpg" in result.stdout and "is empty (0 bytes)" in result.stdout


def test_check_of_a_missing_folder_exits_3_with_a_plain_message(tmp_path):
    result = tlstudio("check", str(tmp_path / "nowhere"))
    assert result.returncode == 3
    assert "nowhere" in result.stderr
    assert "Traceback" not in result.stderr


def test_bad_setting_exits_2_and_says_what_was_received(images, tmp_path):
    result = tlstudio("train", str(images), "--epochs", "0", "--workspace", str(tmp_path / "ws"))
    assert result.returncode == 2
    assert "Received: epochs=0" in result.stderr


def test_layers_of_vgg16_as_json():
    result = tlstudio("layers", "vgg16", "--json")
    assert result.returncode == 0, result.stderr
    doc = json.loads(result.stdout)
    layers = doc["layers"]
    assert len(layers) == 19
    assert {l["block"] for l in layers} == {"input", "block1", "block2", "block3", "block4", "block5"}
    assert sum(l["params"] for l in layers) == 14_714_688
    plan = doc["freeze_plan"]
    assert plan["frozen_params"] + plan["trainable_params"] == 14_714_688


def test_train_then_predict_to_csv(images, tmp_path):
    digest = tree_hash(images)
    ws = tmp_path / "ws"
    result = tlstudio("train", str(images), "--backbone", "scratch_cnn", "--mode", "scratch", "--weights", "none",
                      "--image-size", "40", "--epochs", "2", "--batch-size", "8", "--tensorboard", "--label-smoothing", "0.2",
                      "--lr-schedule", "cosine",
                      "--json", "--workspace", str(ws))
    assert result.returncode == 0, result.stderr
    doc = json.loads(result.stdout)
    assert doc["status"] == "finished" and doc["classes"] == ["cats", "dogs"]
    assert len(list((Path(doc["run_dir"]) / "tensorboard" / "scratch" / "validation").glob("events.out.tfevents.*"))) == 1
    assert 0.0 <= doc["test_accuracy"] <= 1.0
    per_class = doc["evaluation"]["per_class"]
    assert [c["name"] for c in per_class] == ["cats", "dogs"]
    run_dir = Path(doc["run_dir"])
    assert run_dir.is_relative_to(ws)
    saved = json.loads((run_dir / "config.json").read_text())["train"]
    assert (saved["label_smoothing"], saved["lr_schedule"]) == (0.2, "cosine")

    out = tmp_path / "predictions.csv"
    result = tlstudio("predict", str(run_dir), str(images / "cats"), "-o", str(out))
    assert result.returncode == 0, result.stderr
    rows = list(csv.DictReader(out.open()))
    assert len(rows) == 12
    assert {r["predicted"] for r in rows} <= {"cats", "dogs"}
    assert {"path", "predicted", "confidence", "cats", "dogs"} <= set(rows[0])

    listed = json.loads(tlstudio("runs", "--json", "--workspace", str(ws)).stdout)
    assert [Path(r["path"]).name for r in listed["runs"]] == [run_dir.name]
    assert tree_hash(images) == digest  # the dataset folder was never written to


@pytest.mark.slow
def test_chest_xray_run_reports_per_class_recall_with_intervals(tmp_path):
    data = SHARED / "chest_xray"
    if not data.exists():
        pytest.skip("../shared/data/chest_xray is not present")
    result = tlstudio("train", str(data), "--backbone", "efficientnet_lite0", "--mode", "transfer", "--epochs", "5",
                      "--class-weights", "--workspace", str(tmp_path / "ws"), timeout=1200)
    assert result.returncode == 0, result.stderr[-3000:]
    out = result.stdout
    assert "NORMAL" in out and "PNEUMONIA" in out and "95% interval" in out
    line = next(l for l in out.splitlines() if l.startswith("Test accuracy"))
    accuracy = float(line.split()[2].rstrip("%")) / 100
    assert accuracy >= 0.75


def test_curve_prints_one_json_document_and_saves_the_curve(images, tmp_path):
    ws = tmp_path / "ws"
    result = tlstudio("curve", str(images), "--backbone", "scratch_cnn", "--weights", "none", "--modes", "scratch",
                      "--sizes", "2,all", "--seeds", "2", "--epochs", "1", "--batch-size", "4", "--json",
                      "--workspace", str(ws))
    assert result.returncode == 0, result.stderr
    doc = json.loads(result.stdout)
    assert doc["ok"] and doc["status"] == "finished"
    assert doc["sizes"][0] == 2 and len(doc["sizes"]) == 2
    assert len(doc["points"]) == 4 and {p["mode"] for p in doc["points"]} == {"scratch"}
    assert doc["readings"]["scratch"].startswith("From scratch: ")
    assert Path(doc["folder"]).parent == ws / "curves" and (Path(doc["folder"]) / "curve.png").is_file()

    text = tlstudio("curve", str(images), "--modes", "scratch", "--sizes", "2", "--seeds", "1", "--epochs", "1",
                    "--workspace", str(ws))
    assert text.returncode == 0, text.stderr
    assert "| images per class | From scratch |" in text.stdout and "(all) |" in text.stdout

    bad = tlstudio("curve", str(images), "--sizes", "2,lots", "--json", "--workspace", str(ws))
    assert bad.returncode != 0
    assert "--sizes takes whole numbers" in json.loads(bad.stdout.splitlines()[0])["message"]


def test_crossval_prints_a_table_or_one_json_document_and_check_suggests_it(images, tmp_path):
    ws = tmp_path / "ws"
    check = tlstudio("check", str(images), "--no-leakage")
    assert check.returncode == 0, check.stderr
    assert "Warning: Some classes have fewer than 30 images: 'cats' (12), 'dogs' (12)" in check.stdout
    assert any("tlstudio crossval" in w for w in json.loads(tlstudio("check", str(images), "--json").stdout)["warnings"])

    result = tlstudio("crossval", str(images), "--backbone", "scratch_cnn", "--weights", "none", "--modes", "scratch",
                      "--folds", "3", "--repeats", "2", "--epochs", "1", "--batch-size", "4", "--json",
                      "--workspace", str(ws))
    assert result.returncode == 0, result.stderr
    doc = json.loads(result.stdout)
    assert doc["ok"] and doc["status"] == "finished" and doc["n_images"] == 24
    assert len(doc["scores"]) == 6 and {(s["repeat"], s["fold"]) for s in doc["scores"]} == {
        (r, f) for r in (1, 2) for f in (1, 2, 3)}
    held_out = [s["n_test"] for s in doc["scores"] if s["repeat"] == 1]
    assert sum(held_out) == 24  # each image held out once per repeat
    acc = next(s for s in doc["summary"] if s["mode"] == "scratch" and s["metric"] == "accuracy")
    assert acc["folds"] == 6 and acc["low"] <= acc["mean"] <= acc["high"]
    assert doc["readings"]["scratch"].startswith("From scratch: accuracy ")
    assert Path(doc["folder"]).parent == ws / "crossval" and (Path(doc["folder"]) / "crossval.csv").is_file()

    text = tlstudio("crossval", str(images), "--backbone", "scratch_cnn", "--weights", "none", "--mode", "scratch",
                    "--folds", "2", "--repeats", "1", "--epochs", "1", "--batch-size", "4", "--workspace", str(ws))
    assert text.returncode == 0, text.stderr
    assert "| recipe | metric | mean ± sd | lowest – highest fold | folds |" in text.stdout
    assert "| From scratch | accuracy |" in text.stdout and "|  | recall of dogs |" in text.stdout
    assert "over 2 folds: a single split could have shown anything from" in text.stdout

    bad = tlstudio("crossval", str(images), "--folds", "13", "--json", "--workspace", str(ws))
    assert bad.returncode == 2
    assert "'cats' has 12, 'dogs' has 12" in json.loads(bad.stdout.splitlines()[0])["message"]


def test_check_of_dicom_files_groups_by_patient_and_says_how_they_were_read(tmp_path):
    from tests.core.test_dicom import patient_folder

    data = patient_folder(tmp_path, patients=10, per_patient=2)
    result = tlstudio("check", str(data), "--no-leakage")
    assert result.returncode == 0, result.stderr
    assert "Grouped by patient from the DICOM files (10 patients; " in result.stdout
    assert "20 DICOM files were read with the Modality LUT" in result.stdout
    assert "MRN" not in result.stdout and "SMITH" not in result.stdout
    off = json.loads(tlstudio("check", str(data), "--no-leakage", "--json", "--dicom-group-tag", "none").stdout)
    assert off["groups"] is None and off["reading"]
    bad = tlstudio("check", str(data), "--no-leakage", "--dicom-window", "-1")
    assert bad.returncode != 0 and "dicom_window must be" in bad.stdout + bad.stderr
