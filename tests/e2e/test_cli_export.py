"""`tlstudio export` end to end, as a script uses it: a tiny run is trained, exported in every
format with --json, and the files and their check figures are where the JSON says; a bad format
name and a missing run give their exit codes."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

from tests.e2e.cli import tlstudio

HAS_ONNX = all(importlib.util.find_spec(m) for m in ("onnx", "tf2onnx", "onnxruntime"))


@pytest.fixture
def run_dir(make_image_folder, tmp_path) -> Path:
    images = make_image_folder(tmp_path / "data", classes=("cats", "dogs"), per_class=12, size=48)
    result = tlstudio("train", str(images), "--backbone", "scratch_cnn", "--mode", "scratch", "--weights", "none",
                      "--image-size", "40", "--epochs", "1", "--batch-size", "8", "--val", "0.25", "--test", "0.25",
                      "--json", "--workspace", str(tmp_path / "ws"))
    assert result.returncode == 0, result.stderr
    return Path(json.loads(result.stdout)["run_dir"])


@pytest.mark.skipif(not HAS_ONNX, reason="the export extra (tf2onnx, onnx, onnxruntime) is not installed")
def test_export_every_format_prints_the_files_and_their_checks(run_dir, tmp_path):
    out = tmp_path / "export"
    done = tlstudio("export", str(run_dir), "--format", "keras,savedmodel,tflite,tflite_int8,onnx", "--out", str(out),
                    "--json")
    assert done.returncode == 0, done.stderr
    doc = json.loads(done.stdout)
    assert doc["ok"] and doc["folder"] == str(out) and doc["image_size"] == 40
    assert [f["format"] for f in doc["files"]] == ["keras", "savedmodel", "tflite", "tflite_int8", "onnx"]
    for f in doc["files"]:
        assert Path(f["path"]).exists() and Path(f["path"]).parent == out
        v = f["verification"]
        # the 8-bit model is checked on up to 32 images: all 24 of this folder
        assert v["passed"] and v["images"] == (24 if f["format"] == "tflite_int8" else 8)
        assert v["max_abs_diff"] <= v["tolerance"]["max_diff"]
    assert (out / "labels.txt").read_text() == "cats\ndogs\n"
    assert json.loads((out / "verification.json").read_text())["exports"]["onnx"]["passed"]
    assert "[11/11] Export saved in" in done.stderr  # progress on stderr, the JSON alone on stdout

    text = tlstudio("export", str(run_dir), "--format", "keras")
    assert text.returncode == 0, text.stderr
    assert text.stdout.startswith(f"Exported to {run_dir.parent.parent / 'exports'}")
    assert "model.keras        Keras (.keras)" in text.stdout
    assert "check: 8 of 8 answers the same, largest probability difference" in text.stdout


def test_export_refuses_bad_formats_and_missing_runs(run_dir, tmp_path):
    bad = tlstudio("export", str(run_dir), "--format", "keras,pdf")
    assert bad.returncode == 2 and "Received: formats='keras,pdf'" in bad.stderr
    missing = tlstudio("export", str(tmp_path / "nowhere"), "--json")
    assert missing.returncode == 5 and json.loads(missing.stdout)["ok"] is False
    busy = tmp_path / "busy"
    (busy / "x").mkdir(parents=True)
    refused = tlstudio("export", str(run_dir), "--out", str(busy))
    assert refused.returncode == 6 and "already exists and is not empty" in refused.stderr
