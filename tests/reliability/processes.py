"""Real processes for the lock and signal tests: a `tlstudio train` that holds its run folder
(``holder.py``), and how to talk to it."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

from tests.reliability.killed import REPO

ENV = {**os.environ, "PYTHONPATH": str(REPO), "TF_CPP_MIN_LOG_LEVEL": "2"}


def holder_command(data: Path, workspace: Path) -> list[str]:
    """A tiny `tlstudio train` (3 epochs of the scratch CNN at 32 px) that, after its first saved
    epoch, prints ``READY <run folder>`` and waits for a line on stdin (see ``holder.py``)."""
    return [sys.executable, str(REPO / "tests" / "reliability" / "holder.py"), "train", str(data), "--workspace",
            str(workspace), "--backbone", "scratch_cnn", "--mode", "scratch", "--weights", "none", "--image-size",
            "32", "--epochs", "3", "--batch-size", "8", "--dense", "16", "--pooling", "flatten", "--name", "held"]


def say(process: subprocess.Popen[str]) -> None:
    """One line on the process's stdin: go on."""
    assert process.stdin is not None
    process.stdin.write("\n")
    process.stdin.flush()


def wait_for(stream: Any, words: str) -> str:
    """Read ``stream`` until it holds ``words`` (progress bars use carriage returns, not lines)."""
    seen = ""
    while words not in seen:
        chunk = stream.read(1)
        assert chunk, f"the process ended before saying {words!r}:\n{seen[-3000:]}"
        seen += chunk
    return seen
