"""A run whose process is killed mid-training (SIGKILL: no clean-up code runs), for the
resume tests of the core and the app."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]

#: The child trains a tiny scratch CNN and kills itself as soon as epoch ``KILL_AFTER`` is
#: reported (its checkpoint is written just before the report), exactly as a crash, a kill
#: from the task manager or a power cut would leave the run folder.
_CHILD = textwrap.dedent("""
    import os, signal, sys
    from tlstudio.core.config import HeadConfig, ModelConfig, RunConfig, SplitConfig, TrainConfig
    from tlstudio.core.training.train import train

    data, workspace, epochs, kill_after = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
    config = RunConfig(
        data=data, name="killed-run",
        split=SplitConfig(val_fraction=0.2, test_fraction=0.2, seed=3),
        model=ModelConfig(backbone="scratch_cnn", mode="scratch", weights=None, image_size=40,
                          head=HeadConfig(pooling="flatten", dense=(16,), dropout=0.0)),
        train=TrainConfig(epochs=epochs, batch_size=8, learning_rate=3e-3, patience=epochs, seed=3),
    )

    def on_event(event):
        if event.kind == "epoch" and event.epoch == kill_after:
            os.kill(os.getpid(), signal.SIGKILL)

    train(config, workspace=workspace, on_event=on_event)
    sys.exit("the run was not killed")
""")

KILL_AFTER = 2


def make_killed_run(data: Path, workspace: Path, *, epochs: int = 6, kill_after: int = KILL_AFTER) -> Path:
    """Start a tiny run in a separate process, kill it after ``kill_after`` epochs; return
    its run folder."""
    env = {**os.environ, "TF_CPP_MIN_LOG_LEVEL": "2", "PYTHONPATH": str(REPO)}
    child = subprocess.run([sys.executable, "-c", _CHILD, str(data), str(workspace), str(epochs), str(kill_after)],
                           env=env, capture_output=True, text=True, timeout=600)
    assert child.returncode == -9, f"the child was not killed (exit {child.returncode}):\n{child.stderr[-3000:]}"
    runs = list((workspace / "runs").iterdir())
    assert len(runs) == 1, runs
    return runs[0]
