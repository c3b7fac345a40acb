"""``tlstudio(*args)``: the command line run as a user runs it, in a fresh process."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path


def tlstudio(*args: str, workspace: Path | None = None, timeout: int = 600) -> subprocess.CompletedProcess:
    """``python -m tlstudio ARGS`` with its output captured; ``workspace`` sets TLSTUDIO_WORKSPACE."""
    env = dict(os.environ, TF_CPP_MIN_LOG_LEVEL="2")
    if workspace is not None:
        env["TLSTUDIO_WORKSPACE"] = str(workspace)
    return subprocess.run([sys.executable, "-m", "tlstudio", *args], capture_output=True, text=True, env=env,
                          timeout=timeout)
