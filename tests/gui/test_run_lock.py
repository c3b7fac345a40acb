"""The app's run and a command-line run never write one run folder at once: while `tlstudio
train` holds the run, the app's Resume is refused with a dialog naming that process and
computer; while the app resumes it, `tlstudio train --resume` is refused (exit status 5)."""

from __future__ import annotations

import csv
import json
import platform
import subprocess
import sys
import threading
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QMessageBox

from tests.reliability.processes import ENV, holder_command, say, wait_for
from tlstudio.core.outputs import runs
from tlstudio.core.outputs.locks import LOCK_FILE

pytest.importorskip("tensorflow")


@pytest.mark.slow
def test_the_app_and_the_cli_refuse_each_other_on_one_run_folder(make_window: Any, make_image_folder: Any,
                                                                  tmp_path: Path, qtbot: Any,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    import signal

    data = make_image_folder(tmp_path / "data", classes=("circle", "square"), per_class=10, size=40)
    workspace = tmp_path / "workspace"  # make_window's
    cli = subprocess.Popen(holder_command(data, workspace), env=ENV, text=True, stdin=subprocess.PIPE,
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    window = make_window()
    state = window.studio.state
    outcomes: list[tuple[str, str]] = []
    state.run_outcome.connect(lambda status, message: outcomes.append((status, message)))
    try:
        line = cli.stdout.readline()  # type: ignore[union-attr]
        assert line.startswith("READY "), line
        run_dir = Path(line.split(" ", 1)[1].strip())

        # 1. The command line trains the run: the app's Resume is refused, in a dialog that says who.
        assert window.studio.run.resume_run(str(run_dir))
        qtbot.waitUntil(lambda: bool(outcomes), timeout=60_000)
        assert outcomes[0][0] == "failed"
        holder = f"process {cli.pid} on {platform.node()}"
        assert holder in outcomes[0][1]
        dialog = window.findChild(QMessageBox, "errorDialog")
        assert dialog is not None and holder in dialog.text()
        dialog.close()

        cli.send_signal(signal.SIGTERM)  # stop it there: cancelled after its first epochs, resumable
        wait_for(cli.stderr, "Stopping after the current batch")
        say(cli)
        cli.communicate(timeout=300)
    finally:
        if cli.poll() is None:
            cli.kill()
    assert cli.returncode == 130
    assert json.loads((run_dir / "status.json").read_text())["status"] == "cancelled"

    # 2. The app resumes it and holds it (its worker waits after the first resumed epoch):
    #    the command line's resume is refused, naming this process.
    ready, go = threading.Event(), threading.Event()
    append_history = runs.RunFolder.append_history

    def append_then_wait(self: Any, row: Any) -> Any:
        path = append_history(self, row)
        if not ready.is_set():
            ready.set()
            go.wait(timeout=300)
        return path

    monkeypatch.setattr(runs.RunFolder, "append_history", append_then_wait)
    outcomes.clear()
    assert window.studio.run.resume_run(str(run_dir))
    qtbot.waitUntil(ready.is_set, timeout=120_000)
    refused = subprocess.run([sys.executable, "-m", "tlstudio", "train", "--resume", str(run_dir)], env=ENV,
                             capture_output=True, text=True, timeout=300)
    go.set()
    assert refused.returncode == 5, refused.stderr
    assert f"is being written by process {__import__('os').getpid()} on {platform.node()}" in refused.stderr
    qtbot.waitUntil(lambda: bool(outcomes), timeout=120_000)
    assert outcomes[0][0] == "finished", outcomes
    rows = list(csv.DictReader((run_dir / "history.csv").open()))
    assert [int(r["epoch"]) for r in rows] == [1, 2, 3]  # one row per epoch: no second writer
    assert not (run_dir / LOCK_FILE).exists()
