"""Run folders as core.training.train writes them, made in a blink without training: for the
tests of the run list, the comparison and the verdict (core, CLI and GUI)."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import numpy as np

from tlstudio.core.evaluation.metrics import evaluate_predictions
from tlstudio.core.outputs.runs import RunFolder

CLASSES = ("cats", "dogs")


def dataset(root: Path, n: int = 20) -> Path:
    for c in CLASSES:
        (root / c).mkdir(parents=True, exist_ok=True)
        for i in range(n // 2):
            (root / c / f"{i}.png").write_bytes(b"x" * (10 + i))
    return root


def tree_hash(root: Path) -> str:
    h = hashlib.sha256()
    for p in sorted(root.rglob("*")):
        h.update(str(p.relative_to(root)).encode())
        if p.is_file():
            h.update(p.read_bytes())
    return h.hexdigest()


def fake_run(ws: Path, data: Path, *, wrong: set[int], name: str = "", mode: str = "transfer", size: int = 96,
             epochs: int = 2, test: slice = slice(0, 10), status: str = "finished") -> RunFolder:
    """A finished run folder as core.training.train writes it: the test images are the files of
    ``test`` (both classes in turn); ``wrong`` are the indices of those it got wrong."""
    files = sorted(str(p) for p in data.rglob("*.png"))
    records = [{"path": p, "label": CLASSES.index(Path(p).parent.name), "class_name": Path(p).parent.name,
                "width": 8, "height": 8, "size_bytes": os.path.getsize(p)} for p in files]
    tests = records[test]
    config = {"data": str(data), "name": name, "model": {"backbone": "efficientnet_lite0", "mode": mode,
                                                           "image_size": size, "weights": None},
              "train": {"epochs": epochs, "batch_size": 8, "learning_rate": 0.001}, "split": {"seed": 1},
              "augment": {}}
    run = RunFolder.create(ws, config, name=name or f"{mode}-{size}")
    run.write_start({"classes": list(CLASSES), "train": [r for r in records if r not in tests], "val": [],
                     "test": tests}, CLASSES, [])
    y = np.array([r["label"] for r in tests])
    probs = np.eye(2)[np.where([i in wrong for i in range(len(tests))], 1 - y, y)] * 0.8 + 0.1
    evaluation = evaluate_predictions(y, probs, CLASSES, [r["path"] for r in tests], n_boot=50)
    run.append_history({"epoch": 1, "phase": "head", "val_accuracy": 0.5})
    run.append_history({"epoch": 2, "phase": "head", "val_accuracy": 0.75})
    if status == "finished":
        run.write_metrics({**evaluation.to_dict(), "mode": mode, "image_size": size, "timings": {"total": 3.5},
                           "notes": ["a note from training"]})
    run.write_status(status)
    return run




def use_test_trash(monkeypatch, folder: Path) -> Path:
    """Send2Trash's trash folder moved into the test's own folder (it reads XDG_DATA_HOME once,
    when imported); returns the folder the trashed files land in."""
    import send2trash.plat_other as trash

    monkeypatch.setenv("XDG_DATA_HOME", str(folder))
    home = os.path.join(str(folder), "Trash")
    monkeypatch.setattr(trash, "XDG_DATA_HOME", str(folder), raising=False)
    monkeypatch.setattr(trash, "HOMETRASH", home, raising=False)
    monkeypatch.setattr(trash, "HOMETRASH_B", os.fsencode(home), raising=False)
    return Path(home) / "files"
