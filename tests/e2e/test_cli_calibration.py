"""`tlstudio calibrate` and `tlstudio predict --threshold` end to end, as a script uses them: a
tiny run is trained, its calibration read and a threshold saved; predict then says "uncertain"."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from tests.e2e.cli import tlstudio


@pytest.fixture
def run_dir(make_image_folder, tmp_path) -> Path:
    images = make_image_folder(tmp_path / "data", classes=("cats", "dogs"), per_class=12, size=48)
    result = tlstudio("train", str(images), "--backbone", "scratch_cnn", "--mode", "scratch", "--weights", "none",
                      "--image-size", "40", "--epochs", "2", "--batch-size", "8", "--val", "0.25", "--test", "0.25",
                      "--json", "--workspace", str(tmp_path / "ws"))
    assert result.returncode == 0, result.stderr
    doc = json.loads(result.stdout)
    assert set(doc["calibration"]) == {"temperature", "ece_before", "ece_after", "threshold"}
    assert doc["calibration"]["threshold"] == 0.0
    return Path(doc["run_dir"])


def test_calibrate_reports_and_saves_a_threshold_then_predict_abstains(run_dir, tmp_path):
    saved = json.loads((run_dir / "calibration.json").read_text())

    shown = tlstudio("calibrate", str(run_dir), "--json")
    assert shown.returncode == 0, shown.stderr
    doc = json.loads(shown.stdout)
    assert doc["ok"] and not doc["saved"]
    assert doc["temperature"] == pytest.approx(saved["temperature"]) and doc["ece_before"] == pytest.approx(saved["ece_before"])
    assert doc["table"][0]["threshold"] == 0.0 and doc["table"][0]["coverage"] == 1.0
    assert [p["threshold"] for p in doc["table"]] == [0.0, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95, 0.99]
    assert "test_confidence" not in doc

    text = tlstudio("calibrate", str(run_dir))
    assert text.returncode == 0, text.stderr
    assert f"Temperature {saved['temperature']:.3f}" in text.stdout
    assert f"{saved['ece_before']:.1%} before scaling, {saved['ece_after']:.1%} after" in text.stdout
    assert "| 0.00 (never abstain) | 100.0% (6 of 6) |" in text.stdout

    bad = tlstudio("calibrate", str(run_dir), "--threshold", "1.5")
    assert bad.returncode == 2 and "Received: threshold=1.5" in bad.stderr
    missing = tlstudio("calibrate", str(tmp_path / "nowhere"))
    assert missing.returncode == 5 and "does not exist" in missing.stderr

    set_it = tlstudio("calibrate", str(run_dir), "--threshold", "0.99", "--json")
    assert set_it.returncode == 0, set_it.stderr
    assert json.loads(set_it.stdout)["saved"] is True
    assert json.loads((run_dir / "calibration.json").read_text())["threshold"] == 0.99
    assert json.loads((run_dir / "metrics.json").read_text())["calibration"]["threshold"] == 0.99

    # predict uses the saved threshold...
    images = tmp_path / "data" / "cats"
    out = tmp_path / "predictions.csv"
    predicted = tlstudio("predict", str(run_dir), str(images), "--json", "-o", str(out))
    assert predicted.returncode == 0, predicted.stderr
    doc = json.loads(predicted.stdout)
    assert doc["threshold"] == 0.99 and doc["temperature"] == pytest.approx(saved["temperature"])
    rows = list(csv.DictReader(out.open(newline="", encoding="utf-8")))
    assert len(rows) == len(doc["predictions"]) == 12
    for p, row in zip(doc["predictions"], rows):
        assert p["uncertain"] == (p["confidence"] < 0.99)
        assert p["predicted"] == ("uncertain" if p["uncertain"] else p["best_class"])
        assert row["predicted"] == p["predicted"] and row["best_class"] == p["best_class"] in ("cats", "dogs")
    assert doc["uncertain"] == sum(p["uncertain"] for p in doc["predictions"])

    # ...and --threshold overrides it for one prediction: 1.0 leaves nothing sure, 0 answers everything.
    strict = json.loads(tlstudio("predict", str(run_dir), str(images), "--threshold", "1", "--json").stdout)
    assert strict["threshold"] == 1.0
    assert all(p["predicted"] == "uncertain" for p in strict["predictions"] if p["confidence"] < 1.0)
    assert strict["uncertain"] >= 1
    text = tlstudio("predict", str(run_dir), str(images), "--threshold", "0")
    assert text.returncode == 0, text.stderr
    assert "uncertain" not in text.stdout and text.stdout.count(": cats (") + text.stdout.count(": dogs (") == 12
    assert tlstudio("predict", str(run_dir), str(images), "--threshold", "-1").returncode == 2
