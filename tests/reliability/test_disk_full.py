"""A real full disk at each write of a run: the first checkpoint, a later checkpoint, the model,
the metrics, the feature cache, the report and an export.

The workspace lies on a small file system the test makes (a tmpfs mount, which needs root; the
tests are skipped, saying why, where it cannot be made), and the disk is filled for real (a
file allocated to the last free byte) at the moment the write comes. Each time: one plain-words
error naming the file and saying the disk is full (exit status 5), no half-written or temporary
file, the run's status "failed" with the reason, its lock gone. Before, the first checkpoint on
a full disk crashed the process (HDF5, segmentation fault, status left "running").
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any, Callable, Iterator

import pytest

from tests.reliability.killed import REPO
from tlstudio.core.config import HeadConfig, ModelConfig, RunConfig, SplitConfig, TrainConfig
from tlstudio.core.errors import RunError, TlStudioError
from tlstudio.core.outputs.locks import LOCK_FILE
from tlstudio.core.outputs.runs import RunFolder
from tlstudio.core.training.events import TrainEvent
from tlstudio.core.training.train import train

pytest.importorskip("tensorflow")

DISK_SIZE = "24m"


@pytest.fixture
def disk(tmp_path: Path) -> Iterator[Path]:
    """A fresh 24 MiB file system (tmpfs) mounted in ``tmp_path``."""
    mount = tmp_path / "disk"
    mount.mkdir()
    try:
        made = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={DISK_SIZE}", "tmpfs", str(mount)],
                              capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.SubprocessError) as exc:
        pytest.skip(f"a small file system cannot be made here (mount: {exc}); it needs root on Linux")
    if made.returncode != 0:
        pytest.skip(f"a small file system cannot be made here (mount: {made.stderr.strip()}); it needs root on Linux")
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], capture_output=True, timeout=30)


def fill(disk: Path, leave: int = 0) -> None:
    """Allocate every free byte of ``disk`` but ``leave``, as another program filling it would."""
    free = shutil.disk_usage(disk).free - leave
    if free <= 0:
        return
    fd = os.open(disk / f"filler-{len(list(disk.glob('filler-*')))}", os.O_CREAT | os.O_WRONLY, 0o644)
    try:
        os.posix_fallocate(fd, 0, free)
    finally:
        os.close(fd)


@pytest.fixture
def images(make_image_folder, tmp_path: Path) -> Path:
    return make_image_folder(tmp_path / "data", classes=("circle", "square", "stripes"), per_class=8, size=40)


def _scratch(data: Path, epochs: int = 2) -> RunConfig:
    return RunConfig(data=str(data), split=SplitConfig(val_fraction=0.2, test_fraction=0.25, seed=3),
                     model=ModelConfig(backbone="scratch_cnn", mode="scratch", weights=None, image_size=32,
                                       head=HeadConfig(pooling="flatten", dense=(16,), dropout=0.0)),
                     train=TrainConfig(epochs=epochs, batch_size=8, learning_rate=3e-3, patience=epochs, seed=3))


def _when(test: Callable[[TrainEvent], bool], action: Callable[[], None]) -> Callable[[TrainEvent], None]:
    done: list[bool] = []

    def on_event(event: TrainEvent) -> None:
        if not done and test(event):
            done.append(True)
            action()

    return on_event


def _only_run(workspace: Path) -> Path:
    (run,) = (workspace / "runs").iterdir()
    return run


def _leftovers(folder: Path) -> list[str]:
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*")
                  if p.name.startswith(".") or ".tmp" in p.name or "pending" in p.name)


def _assert_failed_cleanly(error: TlStudioError, run: Path, file_words: str) -> dict[str, Any]:
    assert "because the disk is full" in error.message and file_words in error.message, error.message
    assert error.exit_code == 5
    status = json.loads((run / "status.json").read_text())
    assert status["status"] == "failed" and "disk is full" in status["error"]
    assert _leftovers(run) == []  # no temporary file, and the lock is gone
    return status


def test_disk_full_at_the_first_checkpoint(images: Path, disk: Path) -> None:
    workspace = disk / "ws"
    with pytest.raises(RunError) as info:
        train(_scratch(images), workspace=workspace, on_event=_when(lambda e: e.kind == "batch" and e.phase == "scratch",
                                                                    lambda: fill(disk)))
    run = _only_run(workspace)
    _assert_failed_cleanly(info.value, run, "checkpoint")
    assert "No epoch had finished yet" in (info.value.hint or "")
    assert list((run / "checkpoints").iterdir()) == []


def test_disk_full_at_a_later_checkpoint_keeps_the_earlier_one(images: Path, disk: Path) -> None:
    workspace = disk / "ws"
    with pytest.raises(RunError) as info:
        train(_scratch(images, epochs=3), workspace=workspace,
              on_event=_when(lambda e: e.kind == "epoch", lambda: fill(disk)))
    run = _only_run(workspace)
    _assert_failed_cleanly(info.value, run, "checkpoint")
    assert f"tlstudio train --resume {run}" in (info.value.hint or "")
    state = json.loads((run / "checkpoints" / "state.json").read_text())
    assert [row["epoch"] for row in state["rows"]] == [1]
    assert (run / "checkpoints" / "last.weights.h5").stat().st_size > 0


def test_disk_full_while_saving_the_model(images: Path, disk: Path) -> None:
    workspace = disk / "ws"
    with pytest.raises(RunError) as info:
        train(_scratch(images), workspace=workspace,
              on_event=_when(lambda e: e.kind == "phase" and e.phase == "save", lambda: fill(disk)))
    run = _only_run(workspace)
    _assert_failed_cleanly(info.value, run, "model.keras")
    assert not (run / "model.keras").exists()


def test_disk_full_while_writing_the_metrics(images: Path, disk: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    workspace = disk / "ws"
    write_metrics = RunFolder.write_metrics

    def full_first(self: RunFolder, metrics: Any) -> Path:
        fill(disk)
        return write_metrics(self, metrics)

    monkeypatch.setattr(RunFolder, "write_metrics", full_first)
    with pytest.raises(RunError) as info:
        train(_scratch(images), workspace=workspace)
    run = _only_run(workspace)
    _assert_failed_cleanly(info.value, run, "metrics.json")
    assert not (run / "metrics.json").exists() and (run / "model.keras").is_file()


def test_disk_full_while_computing_the_feature_cache(images: Path, disk: Path) -> None:
    workspace = disk / "ws"
    config = _scratch(images).replace(model=ModelConfig(backbone="mobilenet_v2", mode="transfer", weights=None,
                                                        image_size=32, head=HeadConfig(pooling="avg", dense=(8,))))
    with pytest.raises(RunError) as info:
        train(config, workspace=workspace,
              on_event=_when(lambda e: e.kind == "status" and e.message.startswith("Computing features"),
                             lambda: fill(disk)))
    run = _only_run(workspace)
    _assert_failed_cleanly(info.value, run, "feature cache")
    assert _leftovers(workspace / "cache") == []  # no half cache file, no lock


@pytest.fixture
def finished_run(images: Path, disk: Path) -> Path:
    result = train(_scratch(images), workspace=disk / "ws")
    assert result.status == "finished" and result.run_dir is not None
    return result.run_dir


def test_disk_full_while_writing_the_report(finished_run: Path, disk: Path) -> None:
    from tlstudio.core.outputs.report import write_report

    fill(disk, leave=8192)  # the lock and the small list of files fit, the report itself does not
    with pytest.raises(RunError) as info:
        write_report(finished_run, pdf=True)
    assert "because the disk is full" in info.value.message and "report" in info.value.message
    assert info.value.exit_code == 5
    report = finished_run / "report"
    assert not (report / "report.html").exists() and not (report / "report.pdf").exists()
    assert _leftovers(finished_run) == []
    fill(disk)  # not even room for the lock: the message still says what could not be written
    with pytest.raises(RunError, match=f"Could not write into the run folder {finished_run} because the disk is full"):
        write_report(finished_run, pdf=True)


def test_disk_full_while_exporting(finished_run: Path, disk: Path) -> None:
    from tlstudio.core.outputs.export import export_run

    fill(disk)
    with pytest.raises(TlStudioError) as info:
        export_run(finished_run, "keras")
    assert "because the disk is full" in info.value.message and info.value.exit_code == 5
    exports = disk / "ws" / "exports"
    assert not exports.exists() or list(exports.iterdir()) == []


@pytest.mark.slow
def test_cli_on_a_full_disk_exits_5_with_one_message_and_no_crash(images: Path, disk: Path) -> None:
    """The command a user types: before, a segmentation fault (exit 139) after h5py tracebacks."""
    fill(disk, leave=400 * 1024)  # room for the run folder's first files, not for a checkpoint
    done = subprocess.run([sys.executable, "-m", "tlstudio", "train", str(images), "--workspace", str(disk / "ws"),
                           "--backbone", "scratch_cnn", "--mode", "scratch", "--weights", "none", "--image-size", "32",
                           "--epochs", "2", "--batch-size", "8", "--dense", "16", "--pooling", "flatten"],
                          capture_output=True, text=True, timeout=300,
                          env={**os.environ, "PYTHONPATH": str(REPO), "TF_CPP_MIN_LOG_LEVEL": "2"})
    assert done.returncode == 5, done.stderr[-3000:]
    assert done.stderr.count("because the disk is full") == 1, done.stderr[-3000:]
    assert "Traceback" not in done.stderr and "h5py" not in done.stderr
    run = _only_run(disk / "ws")
    status = json.loads((run / "status.json").read_text())
    assert status["status"] == "failed" and "disk is full" in status["error"]
    assert not (run / LOCK_FILE).exists()
