"""The benchmark suite still runs: ``bench/run_all.py --quick`` prints every figure with a number.

Quick mode measures on a few generated images, so the ratios are noise and the targets are not
checked here; what is checked is that no script has rotted: each one ran, and each figure of the
issue has its row in the summary table with a measured value (the GPU figures say "not measured
(no GPU)" on a machine without one).
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
FIGURES = ("1a", "1b", "1c", "2", "3", "4", "5", "6", "7a", "7b")


@pytest.mark.slow
def test_every_figure_is_printed_with_a_number(tmp_path: Path) -> None:
    out = tmp_path / "figures.json"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "TF_CPP_MIN_LOG_LEVEL": "2"}
    proc = subprocess.run([sys.executable, str(REPO / "bench" / "run_all.py"), "--quick", "--json", str(out)],
                          capture_output=True, text=True, timeout=600, env=env, cwd=REPO)
    assert proc.returncode == 0, proc.stdout[-5000:] + proc.stderr[-5000:]
    summary = proc.stdout[proc.stdout.index("Summary ("):]
    rows = {row["key"]: row for row in json.loads(out.read_text())}
    assert sorted(rows) == sorted(FIGURES)
    for key in FIGURES:
        line = next((l for l in summary.splitlines() if l.startswith(f"{key} ")), None)
        assert line is not None, f"no row for figure {key}:\n{summary}"
        row = rows[key]
        if key.startswith("7") and row["value"] is None:
            assert row["result"] == "not measured (no GPU)" and "not measured (no GPU)" in line
            continue
        assert isinstance(row["value"], (int, float)), row
        assert re.search(r"\s-?[\d.,]+(x| ms)?\s", line), line
        assert row["result"] in ("PASS", "FAIL", "reported"), row
