"""`tlstudio synth ...` end to end, as a user runs it: train a generator, look at a grid, accept a
set, list it, train a classifier with it, and stop a generator with Ctrl-C."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from tests.e2e.cli import tlstudio
from tests.reliability.guards import tree_hash


@pytest.fixture
def images(make_image_folder, tmp_path: Path) -> Path:
    return make_image_folder(tmp_path / "data", classes=("cats", "dogs"), per_class=12, size=32)


@pytest.mark.slow  # several fresh processes, each importing TensorFlow
def test_train_sample_accept_list_and_use_a_synthetic_set(images: Path, tmp_path: Path) -> None:
    ws = tmp_path / "ws"
    before = tree_hash(images)
    result = tlstudio("synth", "train", str(images), "--kind", "vae", "--size", "64", "--epochs", "2",
                      "--batch-size", "8", "--latent-dim", "8", "--name", "tiny", workspace=ws)
    assert result.returncode == 0, result.stderr
    epoch_lines = [line for line in result.stdout.splitlines() if line.startswith("epoch ")]
    assert [line.split(":")[0] for line in epoch_lines] == ["epoch 1/2", "epoch 2/2"]
    assert all("reconstruction" in line and "kl" in line for line in epoch_lines)
    generator = next((ws / "generators").iterdir())
    assert generator.name.endswith("-tiny")

    listed = tlstudio("synth", "generators", "--json", workspace=ws)
    assert [(g["kind"], g["epochs_done"], g["status"]) for g in json.loads(listed.stdout)] == [("vae", 2, "finished")]

    grid = tmp_path / "grid.png"
    result = tlstudio("synth", "sample", str(generator), "--class", "dogs", "--n", "16", "--out", str(grid))
    assert result.returncode == 0, result.stderr
    assert Image.open(grid).size == (8 * 64, 2 * 64)  # 16 images, 8 per row

    # Two epochs on noise: the pictures may not look like their class yet; accepted anyway, with the
    # class consistency printed and stored.
    result = tlstudio("synth", "accept", str(generator), "--n", "30", "--seed", "4", "--name", "first",
                      "--accept-anyway")
    assert result.returncode == 0, result.stderr
    assert "labelled as its class" in result.stderr
    set_dir = Path(result.stdout.strip())
    assert set_dir.parent == ws / "synthetic"  # the generator's own workspace
    assert len(list((set_dir / "cats").glob("synthetic_*.png"))) == 30
    provenance = json.loads((set_dir / "provenance.json").read_text())
    assert provenance["seed"] == 4 and provenance["epoch"] == 2 and provenance["counts"] == {"cats": 30, "dogs": 30}
    shares = provenance["class_consistency"]["per_class"]
    assert set(shares) == {"cats", "dogs"} and all(0.0 <= v <= 1.0 for v in shares.values())
    for name, share in shares.items():
        assert f"{share:.0%}" in next(line for line in result.stderr.splitlines() if line.startswith(name))
    assert provenance["accepted_below_threshold"] is (min(shares.values()) < 0.6)
    assert tree_hash(images) == before

    sets = tlstudio("synth", "sets", workspace=ws)
    assert str(set_dir) in sets.stdout and "cats 30, dogs 30" in sets.stdout

    result = tlstudio("train", str(images), "--backbone", "scratch_cnn", "--mode", "scratch", "--weights", "none",
                      "--image-size", "32", "--epochs", "1", "--batch-size", "8", "--synthetic", str(set_dir),
                      "--synthetic-ratio", "0.5", "--json", workspace=ws)
    assert result.returncode == 0, result.stderr
    run = Path(json.loads(result.stdout)["run_dir"])
    split = json.loads((run / "split.json").read_text())
    assert len(split["synthetic"]) == sum(round(0.5 * sum(1 for r in split["train"] if r["class_name"] == c))
                                          for c in ("cats", "dogs"))
    assert not {r["path"] for r in split["synthetic"]} & {r["path"] for r in split["val"] + split["test"]}

    # The four strategies on one split: the synthetic ones train on the set, none of them tests on it.
    result = tlstudio("strategies", str(images), "--backbone", "scratch_cnn", "--mode", "scratch", "--weights", "none",
                      "--image-size", "32", "--epochs", "1", "--batch-size", "8", "--augment-preset", "natural",
                      "--synthetic", str(set_dir), "--synthetic-ratio", "1", "--json", workspace=ws)
    assert result.returncode == 0, result.stderr
    doc = json.loads(result.stdout)
    assert [(s["strategy"], s["train_synthetic"]) for s in doc["scores"]] == [
        ("none", 0), ("augment", 0), ("synthetic", doc["scores"][0]["train_real"]), ("both", doc["scores"][0]["train_real"])]
    runs = [Path(s["run_dir"]) for s in doc["scores"]]
    tests = [json.loads((r / "split.json").read_text())["test"] for r in runs]
    assert all(t == tests[0] for t in tests) and not any("synthetic_" in r["path"] for r in tests[0])
    assert (Path(doc["folder"]) / "strategies.md").read_text().count("| Augmentation + synthetic |") == 1

    other_split = tlstudio("train", str(images), "--seed", "7", "--backbone", "scratch_cnn", "--mode", "scratch",
                           "--weights", "none", "--epochs", "1", "--synthetic", str(set_dir), workspace=ws)
    assert other_split.returncode == 2
    assert "another split, so it may have seen this run's test images" in other_split.stderr
    assert "Traceback" not in other_split.stderr


@pytest.mark.slow  # several fresh processes, each importing TensorFlow
def test_ctrl_c_stops_the_generator_keeps_its_checkpoint_and_resume_finishes(images: Path, tmp_path: Path) -> None:
    ws = tmp_path / "ws"
    env = dict(os.environ, TF_CPP_MIN_LOG_LEVEL="2", TLSTUDIO_WORKSPACE=str(ws))
    proc = subprocess.Popen([sys.executable, "-m", "tlstudio", "synth", "train", str(images), "--kind", "dcgan",
                             "--size", "64", "--epochs", "500", "--batch-size", "8"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    try:
        for line in proc.stdout:
            if line.startswith("epoch 1/500"):
                proc.send_signal(signal.SIGINT)
                break
        out, err = proc.communicate(timeout=120)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 130, err
    assert "Stopped: the checkpoint of epoch" in out
    generator = next((ws / "generators").iterdir())
    status = json.loads((generator / "status.json").read_text())
    assert status["status"] == "cancelled" and status["epochs_done"] >= 1
    done = status["epochs_done"]

    result = tlstudio("synth", "train", "--resume", str(generator), "--epochs", str(done + 1), workspace=ws)
    assert result.returncode == 0, result.stderr
    assert [line.split(":")[0] for line in result.stdout.splitlines() if line.startswith("epoch ")] == [
        f"epoch {done + 1}/{done + 1}"]
    assert json.loads((generator / "status.json").read_text())["status"] == "finished"


@pytest.mark.slow
def test_quality_prints_the_table_with_lite0_features(images: Path, tmp_path: Path) -> None:
    ws = tmp_path / "ws"
    assert tlstudio("synth", "train", str(images), "--kind", "vae", "--epochs", "1", "--latent-dim", "8",
                    workspace=ws).returncode == 0
    generator = next((ws / "generators").iterdir())
    set_dir = Path(tlstudio("synth", "accept", str(generator), "--n", "8", "--accept-anyway").stdout.strip())
    result = tlstudio("synth", "quality", str(set_dir))
    assert result.returncode == 0, result.stderr
    assert "Fréchet distance" in result.stdout and "50% = indistinguishable" in result.stdout
    assert "class consistency" in result.stdout and "below 60% they do not look like their class" in result.stdout
    quality = json.loads((set_dir / "quality.json").read_text())
    assert set(quality["per_class"]) == {"cats", "dogs"}
    for q in quality["per_class"].values():
        assert q["n_synthetic"] == 8 and q["n_real"] >= 8 and np.isfinite(q["fid"]) and q["fid"] > 0
        assert 0.0 <= q["real_vs_synthetic_accuracy"] <= 1.0
        assert 0.0 <= q["class_consistency"] <= 1.0
