"""A run whose process was killed mid-training is recognised as interrupted, offered for
resuming, and resumes from its last checkpoint to a complete run folder."""

from __future__ import annotations

import csv
import json
import os
import platform
import subprocess
import sys

import pytest

from tests.reliability.killed import KILL_AFTER, REPO, make_killed_run
from tlstudio.core.outputs.runs import INTERRUPTED, RunFolder, interrupted_runs, list_runs, mark_not_resumed
from tlstudio.core.outputs.workspace import process_alive

pytest.importorskip("tensorflow")


@pytest.fixture
def images(make_image_folder, tmp_path):
    return make_image_folder(tmp_path / "data", classes=("circle", "square", "stripes"), per_class=15, size=48)


def test_a_killed_run_is_listed_as_interrupted_and_resumes_to_the_end(images, tmp_path):
    from tlstudio.core.training.train import train

    workspace = tmp_path / "ws"
    run_dir = make_killed_run(images, workspace, epochs=5)

    status = json.loads((run_dir / "status.json").read_text())
    assert status["status"] == "running" and status["pid"] > 0  # the killed process could not say otherwise
    assert process_alive(status) is False
    [summary] = list_runs(workspace)
    assert summary.status == INTERRUPTED
    [offer] = interrupted_runs(workspace)
    assert (offer.path, offer.name, offer.mode, offer.epochs_done, offer.epochs_planned) == (
        str(run_dir), "killed-run", "scratch", KILL_AFTER, 5)

    cli = subprocess.run([sys.executable, "-m", "tlstudio", "runs", "--workspace", str(workspace)],
                         capture_output=True, text=True, env={**os.environ, "PYTHONPATH": str(REPO)}, timeout=120)
    assert cli.returncode == 0, cli.stderr
    assert "interrupted" in cli.stdout and "tlstudio train --resume" in cli.stdout

    result = train(None, workspace=workspace, resume=run_dir)
    assert result.status == "finished" and result.run_dir == run_dir
    rows = list(csv.DictReader((run_dir / "history.csv").open()))
    assert [int(r["epoch"]) for r in rows] == [1, 2, 3, 4, 5]  # the two epochs before the kill are kept
    assert json.loads((run_dir / "status.json").read_text())["status"] == "finished"
    assert (run_dir / "model.keras").is_file() and (run_dir / "metrics.json").is_file()
    assert interrupted_runs(workspace) == [] and list_runs(workspace)[0].status == "finished"


def test_not_resuming_lists_the_run_as_stopped_and_keeps_its_checkpoint(images, tmp_path):
    workspace = tmp_path / "ws"
    run_dir = make_killed_run(images, workspace, epochs=4)
    mark_not_resumed(run_dir)
    assert interrupted_runs(workspace) == []
    assert list_runs(workspace)[0].status == "cancelled"
    assert (run_dir / "checkpoints" / "last.weights.h5").is_file()
    assert "not resumed" in json.loads((run_dir / "status.json").read_text())["reason"]


def test_running_status_of_a_live_process_another_computer_or_a_reused_pid(tmp_path):
    run = RunFolder.create(tmp_path / "ws", {"data": str(tmp_path / "images")}, name="live")
    run.write_status("running")
    status = run.read_status()
    assert (status["pid"], status["host"]) == (os.getpid(), platform.node())
    assert process_alive(status) is True  # this very process: not interrupted
    assert list_runs(tmp_path / "ws")[0].status == "running"

    assert process_alive({**status, "host": status["host"] + "-elsewhere"}) is None  # cannot tell: left alone
    assert process_alive({**status, "process_started": status["process_started"] - 3600}) is False  # pid reused
    assert process_alive({"status": "running"}) is None  # written by an older version
