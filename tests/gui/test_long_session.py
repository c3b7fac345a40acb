"""Twenty real runs back to back in one app session: the memory the process holds grows by less
than 15% from the second run to the twentieth, and no thread is left behind.

Runs alternate between transfer and fine-tuning (EfficientNet-Lite0 with random weights at
64 px on a tiny generated folder), each followed by what the app does after a run: its results,
the confusion matrix and the Grad-CAM gallery of the mistakes.
"""

from __future__ import annotations

import gc
import threading
from pathlib import Path
from typing import Any

import psutil
import pytest

pytest.importorskip("tensorflow")

RUNS = 20


def _python_threads() -> set[str]:
    alive = {int(p.name) for p in Path("/proc/self/task").iterdir()}
    return {t.name for t in threading.enumerate() if not t.name.startswith("tlstudio-job")
            and (not isinstance(t, threading._DummyThread) or t.native_id in alive)}


@pytest.mark.slow
def test_twenty_runs_in_one_session(make_window: Any, make_image_folder: Any, prepare_tiny_run: Any,
                                    tmp_path: Path, qtbot: Any) -> None:
    window = make_window()
    studio, state, tp = window.studio, window.studio.state, window.training
    errors: list[str] = []
    studio.error.connect(lambda report, title: errors.append(f"{title}: {report.message}"))
    folder = make_image_folder(tmp_path / "shapes", classes=("discs", "squares"), per_class=16, size=48)
    prepare_tiny_run(window, folder, qtbot, errors)
    tp.epochs.setValue(2)
    tp.epochs.editingFinished.emit()
    process = psutil.Process()

    rss: list[int] = []
    threads: list[int] = []
    for i in range(RUNS):
        window.model.mode_buttons["finetune" if i % 2 else "transfer"].click()
        done = len(state.results)
        tp.start_button.click()
        qtbot.waitUntil(lambda: (len(state.results) == done + 1 and not studio.is_running()) or bool(errors),
                        timeout=180_000)
        assert not errors, errors
        # What the user looks at next: the gallery of mistakes with their Grad-CAM overlays.
        result = state.results[0]  # newest first
        mistakes = len(result.evaluation.misclassified)
        qtbot.waitUntil(lambda: len(state.gallery) == min(mistakes, 48), timeout=60_000)
        qtbot.wait(200)
        gc.collect()
        rss.append(process.memory_info().rss)
        threads.append(process.num_threads() - sum(t.name.startswith("tlstudio-job") for t in threading.enumerate()))
        if i == 1:
            python_threads = _python_threads()
        elif i > 1:
            assert _python_threads() <= python_threads

    mib = [round(r / 2**20) for r in rss]
    growth = rss[-1] / rss[1] - 1
    print(f"resident memory after each run (MiB): {mib}; growth from run 2 to run {RUNS}: {growth:.1%}; "
          f"threads: {threads}")
    assert growth < 0.15, mib
    assert threads[-1] <= threads[1] + 2, threads
    assert len({r.run_dir for r in state.results}) == RUNS


@pytest.mark.slow
def test_a_scripted_session_ends_without_an_uncaught_exception(make_image_folder: Any, tmp_path: Path,
                                                               qapp: Any) -> None:
    """The short version of scripts/long_session.py: two datasets, backbone and mode switches (one
    while fine-tuning), a run, its results and predictions, a stopped run, the other dataset, the
    language switched, a restart on the same workspace, the runs looked at again."""
    from tests.gui.session import Session, unexpected_errors_in_log

    shapes = make_image_folder(tmp_path / "shapes", classes=("discs", "squares"), per_class=12, size=40)
    more = make_image_folder(tmp_path / "more", classes=("discs", "squares", "stripes"), per_class=8, size=40, seed=1)
    session = Session(tmp_path / "workspace", [shapes, more], image_size=32, epochs=1, timeout_s=120, pictures=1,
                      stop_chance=1.0)
    log = session.run(script=[
        lambda s: s.choose_mode("finetune"),
        lambda s: s.choose_backbone("mobilenet_v2"),  # the switch that raised in _show_plan
        lambda s: s.choose_backbone("scratch_cnn"),  # the smallest network trains fastest
        Session.train, Session.look_at_results, Session.predict, Session.train_and_stop,
        lambda s: s.open_dataset(more), Session.switch_language, Session.restart, Session.look_at_results,
    ])
    print(log.summary(), log.timings)
    assert log.uncaught == [], log.uncaught
    assert unexpected_errors_in_log(tmp_path / "workspace") == []
    assert log.runs_finished == 1 and log.restarts == 1 and "predict" in log.actions
