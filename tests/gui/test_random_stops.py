"""Stop pressed at 50 random moments of real runs (checking the images, computing features,
training the head, fine-tuning, testing, saving): after each, the app is ready for the next run,
no training thread is left behind and the run folder is consistent. Then a run to the end.

The moments are drawn, with a fixed seed, from the progress events a complete run shows in the
window: first one moment inside each phase, then the rest anywhere. The feature cache is
emptied before each run so that every run computes its features again.
"""

from __future__ import annotations

import csv
import gc
import json
import random
import shutil
import threading
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("tensorflow")

STOPS = 50
PHASES = ("scan", "features", "head", "finetune", "evaluate", "save")


def _threads() -> set[str]:
    """Live threads that run Python code, other than the job pool's workers (kept for the next
    job). A thread started by Qt (the training QThread) shows up in Python as a "dummy" thread
    that Python never forgets; it counts only while its operating-system thread is alive."""
    alive = {int(p.name) for p in Path("/proc/self/task").iterdir()}
    return {t.name for t in threading.enumerate() if not t.name.startswith("tlstudio-job")
            and (not isinstance(t, threading._DummyThread) or t.native_id in alive)}


def _os_threads() -> int:
    """Operating-system threads of the process, less the job pool's (which grows up to its size).
    Threads of TensorFlow input pipelines end when their pipeline is garbage-collected."""
    gc.collect()
    pool = sum(1 for t in threading.enumerate() if t.name.startswith("tlstudio-job"))
    return len(list(Path("/proc/self/task").iterdir())) - pool


def _check_run_folder(run: Path) -> str:
    """The folder of a stopped or finished run is complete and readable; returns its status."""
    status = json.loads((run / "status.json").read_text())["status"]
    assert status in ("cancelled", "finished"), (run, status)
    for name in ("config.json", "split.json", "classes.json"):
        json.loads((run / name).read_text())
    leftovers = [p.name for p in run.rglob("*") if ".tmp" in p.name]
    assert not leftovers, leftovers
    rows = list(csv.DictReader((run / "history.csv").open())) if (run / "history.csv").exists() else []
    assert [int(r["epoch"]) for r in rows] == list(range(1, len(rows) + 1))
    state_path = run / "checkpoints" / "state.json"
    if state_path.exists():
        assert (run / "checkpoints" / "last.weights.h5").is_file()
        assert len(json.loads(state_path.read_text())["rows"]) == len(rows)
    if status == "finished":
        assert (run / "model.keras").is_file()
        assert json.loads((run / "metrics.json").read_text())["accuracy"] >= 0
    return status


@pytest.mark.slow
def test_stop_at_fifty_random_moments(make_window: Any, make_image_folder: Any, prepare_tiny_run: Any,
                                      tmp_path: Path, qtbot: Any) -> None:
    window = make_window()
    studio, state, tp = window.studio, window.studio.state, window.training
    errors: list[str] = []
    studio.error.connect(lambda report, title: errors.append(f"{title}: {report.message}"))
    folder = make_image_folder(tmp_path / "shapes", classes=("discs", "squares"), per_class=16, size=48)
    prepare_tiny_run(window, folder, qtbot, errors)
    window.model.mode_buttons["finetune"].click()
    tp.epochs.setValue(2)
    tp.epochs.editingFinished.emit()
    cache = tmp_path / "workspace" / "cache" / "features"
    runs_dir = tmp_path / "workspace" / "runs"

    seen: list[str] = []  # the phase of each progress event the window received
    stop_at = {"k": 0}

    def on_event(event: Any) -> None:
        seen.append(event.phase)
        if len(seen) == stop_at["k"]:
            tp.stop_button.click()  # the user's click, on the GUI thread, at this moment

    state.progress_changed.connect(on_event)

    def run_once(k: int) -> tuple[str | None, str]:
        seen.clear()
        stop_at["k"] = k
        shutil.rmtree(cache, ignore_errors=True)
        before = set(runs_dir.iterdir()) if runs_dir.exists() else set()
        outcomes: list[str] = []
        state.run_outcome.connect(lambda status, message: outcomes.append(status))
        assert tp.start_button.isEnabled()
        tp.start_button.click()
        qtbot.waitUntil(lambda: bool(outcomes) and not studio.is_running(), timeout=120_000)
        state.run_outcome.disconnect()
        assert not errors, errors
        assert studio.runs.thread is None  # the training thread has ended
        new = set(runs_dir.iterdir()) - before if runs_dir.exists() else set()
        assert len(new) <= 1, new
        folder_status = _check_run_folder(new.pop()) if new else None
        assert outcomes[0] == (folder_status or "cancelled"), (outcomes, folder_status)
        phase = seen[k - 1] if 0 < k <= len(seen) else "after the end"
        return folder_status, phase

    # A complete run: what the user sees, event by event.
    assert run_once(0)[0] == "finished"
    reference = list(seen)
    assert set(PHASES) <= set(reference), set(reference)
    baseline, os_baseline = _threads(), _os_threads()

    rng = random.Random(2026)
    moments = [rng.choice([i + 1 for i, p in enumerate(reference) if p == phase]) for phase in PHASES]
    moments += [rng.randint(1, len(reference)) for _ in range(STOPS - len(moments))]
    stopped_in: dict[str, int] = {}
    outcomes: dict[str, int] = {}
    for k in moments:
        status, phase = run_once(k)
        stopped_in[phase] = stopped_in.get(phase, 0) + 1
        outcomes[str(status)] = outcomes.get(str(status), 0) + 1
        assert _threads() <= baseline, _threads() - baseline
    print(f"stops by phase {stopped_in}, run folders {outcomes}, threads {os_baseline} -> {_os_threads()}")
    assert _os_threads() <= os_baseline + 2  # no thread piles up run after run
    assert set(PHASES) <= set(stopped_in), stopped_in
    assert outcomes.get("cancelled", 0) >= STOPS // 2, outcomes  # most stops land mid-run

    # Still usable: a run to the end, with its results shown.
    assert run_once(0)[0] == "finished"
    assert state.current_result is not None and state.current_result.status == "finished"
