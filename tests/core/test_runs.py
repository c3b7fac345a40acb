"""The workspace and run folders: atomic writes that never lose the old file, unique run
folders, reading runs back, the comparison table, and never writing into the image folder."""

from __future__ import annotations

import csv
import errno
import json
import os
import sys
from pathlib import Path

import pytest

from tlstudio.core.errors import RunError
from tlstudio.core.outputs import workspace as workspace_module
from tlstudio.core.outputs.runs import RunFolder, comparison_table, format_table, list_runs, load_run
from tlstudio.core.outputs.workspace import atomic_write_bytes, atomic_write_json, atomic_write_text, default_workspace

CONFIG = {"data": "/data/flowers", "name": "", "model": {"backbone": "vgg16", "mode": "transfer"}, "train": {"epochs": 2}}


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith("."))


# ----------------------------------------------------------------------------- workspace


def test_workspace_env_var_wins(monkeypatch, tmp_path):
    monkeypatch.setenv("TLSTUDIO_WORKSPACE", str(tmp_path / "ws"))
    assert default_workspace() == tmp_path / "ws"


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="XDG folders are a Linux convention")
def test_workspace_follows_xdg_data_home_on_linux(monkeypatch, tmp_path):
    monkeypatch.delenv("TLSTUDIO_WORKSPACE", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    assert default_workspace() == tmp_path / "xdg" / "tlstudio"
    monkeypatch.delenv("XDG_DATA_HOME")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert default_workspace() == tmp_path / "home" / ".local" / "share" / "tlstudio"


def test_workspace_on_macos_and_windows(monkeypatch, tmp_path):
    monkeypatch.delenv("TLSTUDIO_WORKSPACE", raising=False)
    monkeypatch.setattr(Path, "home", classmethod(lambda cls: tmp_path))
    monkeypatch.setattr(workspace_module.sys, "platform", "darwin")
    assert default_workspace() == tmp_path / "Library" / "Application Support" / "tlstudio"
    monkeypatch.setattr(workspace_module.sys, "platform", "win32")
    monkeypatch.setenv("LOCALAPPDATA", str(tmp_path / "Local"))
    assert default_workspace() == tmp_path / "Local" / "tlstudio"


# ----------------------------------------------------------------------------- atomic writes


def test_atomic_writes_round_trip_and_leave_no_temporary_files(tmp_path):
    atomic_write_text(tmp_path / "a.txt", "héllo\n")
    atomic_write_bytes(tmp_path / "b.bin", b"\x00\x01")
    atomic_write_json(tmp_path / "sub" / "c.json", {"x": (1, 2), "nan": float("nan"), "p": tmp_path})
    assert (tmp_path / "a.txt").read_text(encoding="utf-8") == "héllo\n"
    assert (tmp_path / "b.bin").read_bytes() == b"\x00\x01"
    assert json.loads((tmp_path / "sub" / "c.json").read_text()) == {"x": [1, 2], "nan": None, "p": str(tmp_path)}
    assert _leftovers(tmp_path) == [] and _leftovers(tmp_path / "sub") == []


def test_failed_replace_keeps_the_old_file_and_removes_the_temporary(tmp_path, monkeypatch):
    target = tmp_path / "metrics.json"
    atomic_write_json(target, {"accuracy": 0.5})

    def broken_replace(src, dst):
        raise OSError(errno.EIO, "Input/output error")

    monkeypatch.setattr(workspace_module.os, "replace", broken_replace)
    with pytest.raises(RunError) as info:
        atomic_write_json(target, {"accuracy": 0.9})
    assert str(target) in str(info.value)
    assert json.loads(target.read_text()) == {"accuracy": 0.5}
    assert _leftovers(tmp_path) == []


def test_disk_full_becomes_a_plain_words_error(tmp_path, monkeypatch):
    target = tmp_path / "history.csv"
    target.write_text("epoch\n1\n")

    def full_disk(fd):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(workspace_module.os, "fsync", full_disk)
    with pytest.raises(RunError) as info:
        atomic_write_text(target, "epoch\n1\n2\n")
    message = str(info.value)
    assert f"Could not save {target} because the disk is full." in message
    assert "Free some space and try again." in message
    assert info.value.path == str(target)
    assert target.read_text() == "epoch\n1\n"
    assert _leftovers(tmp_path) == []


@pytest.mark.skipif(sys.platform == "win32" or os.geteuid() == 0, reason="needs POSIX permissions, not root")
def test_read_only_folder_gives_a_run_error_and_keeps_the_file(tmp_path):
    folder = tmp_path / "locked"
    folder.mkdir()
    target = folder / "config.json"
    target.write_text('{"old": true}')
    folder.chmod(0o555)
    try:
        with pytest.raises(RunError, match="cannot be written to"):
            atomic_write_json(target, {"old": False})
    finally:
        folder.chmod(0o755)
    assert json.loads(target.read_text()) == {"old": True}


def test_atomic_write_keeps_the_permissions_of_the_file_it_replaces(tmp_path):
    target = tmp_path / "shared.json"
    target.write_text("{}")
    target.chmod(0o640)
    atomic_write_json(target, {"a": 1})
    assert target.stat().st_mode & 0o777 == 0o640


# ----------------------------------------------------------------------------- run folders


def test_run_folder_layout_and_unique_names_in_the_same_second(tmp_path):
    ws = tmp_path / "ws"
    first = RunFolder.create(ws, CONFIG, name="Transfer VGG16 (test)")
    second = RunFolder.create(ws, CONFIG, name="Transfer VGG16 (test)")
    third = RunFolder.create(ws, CONFIG, name="Transfer VGG16 (test)")
    names = [first.id, second.id, third.id]
    assert len(set(names)) == 3
    assert all(n.split("-", 2)[2].startswith("transfer-vgg16-test") for n in names)
    assert first.path.parent == ws / "runs"
    assert {p.name for p in ws.iterdir()} == {"runs", "cache", "exports"}
    assert json.loads(first.config_path.read_text()) == CONFIG
    assert json.loads(first.status_path.read_text())["status"] == "created"


def test_history_metrics_status_classes_round_trip(tmp_path):
    run = RunFolder.create(tmp_path / "ws", CONFIG, name="t")
    run.append_history({"phase": "head", "epoch": 1, "loss": 0.9, "accuracy": 0.5})
    run.append_history({"phase": "head", "epoch": 2, "loss": 0.7, "accuracy": 0.625, "val_accuracy": 0.6})
    with run.history_path.open(newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert list(rows[0]) == ["phase", "epoch", "loss", "accuracy", "val_accuracy"]
    assert run.read_history() == {"phase": ["head", "head"], "epoch": [1, 2], "loss": [0.9, 0.7],
                                  "accuracy": [0.5, 0.625], "val_accuracy": [None, 0.6]}

    run.write_status("running", device="CPU")
    running = json.loads(run.status_path.read_text())
    run.write_status("finished", test_accuracy=0.8)
    status = json.loads(run.status_path.read_text())
    assert status["status"] == "finished" and status["test_accuracy"] == 0.8 and status["device"] == "CPU"
    assert status["started"] == running["started"] and "ended" in status and status["name"] == "t"
    with pytest.raises(ValueError, match="Received: status='done'"):
        run.write_status("done")

    run.write_classes(["cats", "dogs"])
    run.write_metrics({"accuracy": 0.8, "accuracy_ci": [0.5, 1.0], "mode": "transfer", "backbone": "vgg16"})
    run.write_split({"train": ["a.jpg"], "val": [], "test": []})
    loaded = load_run(run.path)
    assert loaded.config == CONFIG
    assert loaded.classes == ["cats", "dogs"]
    assert loaded.metrics["accuracy"] == 0.8 and loaded.test_accuracy == 0.8
    assert loaded.history["epoch"] == [1, 2]
    assert loaded.status["status"] == "finished"
    assert set(loaded.paths) >= {"config", "split", "history", "metrics", "status", "classes"}
    assert loaded.model_path is None and loaded.evaluation is None


def test_list_runs_newest_first_with_accuracy(tmp_path):
    ws = tmp_path / "ws"
    old = RunFolder.create(ws, {**CONFIG, "model": {"backbone": "scratch_cnn", "mode": "scratch"}}, name="old")
    old.write_status("finished")
    old.write_metrics({"accuracy": 0.54})
    new = RunFolder.create(ws, CONFIG, name="new")
    new.write_status("cancelled")
    (ws / "runs" / "not-a-run").mkdir()  # no config.json: ignored
    broken = RunFolder.create(ws, CONFIG, name="broken")
    broken.status_path.write_text("{not json")

    listed = list_runs(ws)
    assert [r.id for r in listed] == [broken.id, new.id, old.id]
    by_id = {r.id: r for r in listed}
    assert by_id[old.id].test_accuracy == 0.54 and by_id[old.id].mode == "scratch"
    assert by_id[old.id].backbone == "scratch_cnn" and by_id[old.id].name == "old"
    assert by_id[new.id].status == "cancelled" and by_id[new.id].test_accuracy is None
    assert by_id[broken.id].status == "damaged"
    assert by_id[new.id].to_dict()["path"] == str(new.path)
    assert list_runs(tmp_path / "nowhere") == []


def test_load_run_errors_are_plain_words(tmp_path):
    with pytest.raises(RunError, match="does not exist"):
        load_run(tmp_path / "gone")
    (tmp_path / "empty").mkdir()
    with pytest.raises(RunError, match="config.json is missing"):
        load_run(tmp_path / "empty")
    run = RunFolder.create(tmp_path / "ws", CONFIG, name="x")
    run.metrics_path.write_text('{"accuracy": 0.')
    with pytest.raises(RunError, match="is damaged"):
        load_run(run.path)


def test_workspace_inside_the_image_folder_is_refused(tmp_path):
    data = tmp_path / "flowers"
    (data / "roses").mkdir(parents=True)
    with pytest.raises(RunError, match="inside the image folder"):
        RunFolder.create(data / "tlstudio-runs", CONFIG, name="x", data_root=data)
    with pytest.raises(RunError, match="inside the image folder"):
        RunFolder.create(data, CONFIG, name="x", data_root=data)
    assert sorted(p.name for p in data.iterdir()) == ["roses"]  # nothing was written into the dataset
    beside = RunFolder.create(tmp_path / "ws", CONFIG, name="x", data_root=data)
    assert beside.path.is_dir()
    # A sibling whose name merely starts with the dataset's name is not inside it.
    assert RunFolder.create(tmp_path / "flowers-ws", CONFIG, name="x", data_root=data).path.is_dir()


class _Model:
    """Stands in for a Keras model: save() writes a file, or fails like a full disk."""

    def __init__(self, fail: bool = False) -> None:
        self.fail = fail

    def save(self, path: str) -> None:
        assert path.endswith(".keras")
        if self.fail:
            Path(path).write_bytes(b"half")
            raise OSError(errno.ENOSPC, "No space left on device")
        Path(path).write_bytes(b"model v2")


def test_save_model_replaces_atomically(tmp_path):
    run = RunFolder.create(tmp_path / "ws", CONFIG, name="x")
    run.model_path.write_bytes(b"model v1")
    with pytest.raises(RunError, match="disk is full"):
        run.save_model(_Model(fail=True))
    assert run.model_path.read_bytes() == b"model v1"
    assert _leftovers(run.path) == []
    assert run.save_model(_Model()) == run.model_path
    assert run.model_path.read_bytes() == b"model v2"
    assert _leftovers(run.path) == []


def test_comparison_table_and_its_text(tmp_path):
    ws = tmp_path / "ws"
    made = []
    for mode, backbone, acc, ci, seconds in (("scratch", "scratch_cnn", 0.54, [0.511, 0.57], 41.2),
                                             ("transfer", "vgg16", 0.92, [0.904, 0.936], 95.0)):
        run = RunFolder.create(ws, {**CONFIG, "model": {"backbone": backbone, "mode": mode}}, name=mode)
        for epoch in (1, 2, 3):
            run.append_history({"phase": mode, "epoch": epoch, "accuracy": 0.5})
        run.write_metrics({"accuracy": acc, "accuracy_ci": ci, "balanced_accuracy": acc - 0.01, "mode": mode,
                           "backbone": backbone, "timings": {"total": seconds}})
        run.write_status("finished")
        made.append(run.path)
    stopped = RunFolder.create(ws, CONFIG, name="stopped")
    stopped.write_status("cancelled")
    made.append(stopped.path)

    rows = comparison_table(made)
    assert [(r["mode"], r["backbone"], r["epochs"]) for r in rows] == [
        ("scratch", "scratch_cnn", 3), ("transfer", "vgg16", 3), ("transfer", "vgg16", 0)]
    assert rows[1]["test_accuracy"] == 0.92 and rows[1]["accuracy_ci"] == [0.904, 0.936]
    assert rows[1]["balanced_accuracy"] == pytest.approx(0.91) and rows[1]["train_time_s"] == 95.0
    assert rows[2]["test_accuracy"] is None and rows[2]["status"] == "cancelled"

    text = format_table(rows)
    lines = text.splitlines()
    assert len(lines) == 5
    assert len({len(line) for line in lines}) == 1  # aligned
    assert "test accuracy" in lines[0] and "95% interval" in lines[0]
    assert "54.0%" in lines[2] and "51.1% – 57.0%" in lines[2] and "41 s" in lines[2]
    assert "92.0%" in lines[3] and "transfer (frozen): vgg16" in lines[3]
    assert "cancelled" in lines[4]


def test_unwritable_folder_error_names_the_path(tmp_path, monkeypatch):
    def refused(*args, **kwargs):
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(workspace_module.tempfile, "mkstemp", refused)
    target = tmp_path / "classes.json"
    with pytest.raises(RunError) as info:
        atomic_write_json(target, ["a", "b"])
    assert f"Could not save {target} because the folder cannot be written to." in str(info.value)
    assert not target.exists()
