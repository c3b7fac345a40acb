"""The run thread and the job pool, with a stand-in for core.training.train (no TensorFlow)."""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

import pytest

from tlstudio.core.config import RunConfig
from tlstudio.core.errors import DatasetError
from tlstudio.gui.workers import JobPool, JobThread, Throttle


@dataclass(frozen=True)
class Event:
    kind: str
    phase: str
    epoch: int = 0
    epochs: int = 0
    batch: int = 0
    batches: int = 0
    metrics: dict = field(default_factory=dict)
    eta_s: float | None = None
    message: str = ""


@dataclass(frozen=True)
class Result:
    run_dir: Path | None
    status: str
    config: Any
    history: dict


def slow_train(config: RunConfig, *, workspace: Path, on_event: Any, should_stop: Any) -> Result:
    """Ten epochs of twenty 5 ms batches, polling should_stop every batch like core.training.train."""
    on_event(Event("phase", "head", epochs=10))
    history: dict[str, list] = {"epoch": []}
    for epoch in range(1, 11):
        for batch in range(1, 21):
            time.sleep(0.005)
            on_event(Event("batch", "head", epoch, 10, batch, 20))
            if should_stop():
                return Result(workspace, "cancelled", config, history)
        history["epoch"].append(epoch)
        on_event(Event("epoch", "head", epoch, 10, metrics={"loss": 1.0 / epoch, "accuracy": 0.1 * epoch}))
    return Result(workspace, "finished", config, history)


def failing_train(config: RunConfig, **_: Any) -> Result:
    raise DatasetError("The folder /data/x has no class folders.", hint="Put each class in its own subfolder.")


CONFIG = RunConfig(data="/data/x")


def start_slow(runs: JobThread, workspace: Path, **handlers: Any) -> None:
    handlers.setdefault("on_done", lambda result: None)
    runs.start(partial(slow_train, CONFIG, workspace=workspace), **handlers)


def test_run_finishes_and_reports_throttled_progress(qtbot: Any, tmp_path: Path) -> None:
    manager = JobThread()
    events: list[Any] = []
    done: list[Any] = []
    manager.progress.connect(events.append)
    with qtbot.waitSignal(manager.finished, timeout=20_000) as finished:
        start_slow(manager, tmp_path, on_done=done.append)
        assert manager.is_running()
    results = [finished.args[0]]
    assert [r.status for r in results] == ["finished"]
    epochs = [e for e in events if e.kind == "epoch"]
    batches = [e for e in events if e.kind == "batch"]
    assert [e.epoch for e in epochs] == list(range(1, 11))
    # 200 batches in about a second: throttling lets through far fewer, but every epoch's last.
    assert 0 < len(batches) < 100
    assert sum(1 for e in batches if e.batch == e.batches) == 10
    qtbot.waitUntil(lambda: not manager.is_running(), timeout=5_000)
    assert done == results  # the run's own handler got its result


def test_stop_ends_the_run_within_a_batch(qtbot: Any, tmp_path: Path) -> None:
    manager = JobThread()
    events: list[Any] = []
    own: list[Any] = []
    manager.progress.connect(events.append)
    start_slow(manager, tmp_path, on_cancelled=own.append)
    qtbot.waitUntil(lambda: any(e.kind == "epoch" for e in events), timeout=10_000)
    with qtbot.waitSignal(manager.cancelled, timeout=5_000) as cancelled:
        manager.stop()
    assert [r.status for r in [cancelled.args[0]]] == ["cancelled"]
    assert len([e for e in events if e.kind == "epoch"]) < 10
    qtbot.waitUntil(lambda: not manager.is_running(), timeout=5_000)
    assert [r.status for r in own] == ["cancelled"]


def test_stop_and_wait_joins_the_thread(qtbot: Any, tmp_path: Path) -> None:
    manager = JobThread()
    start_slow(manager, tmp_path)
    thread = manager.thread
    assert manager.stop_and_wait(10_000)
    assert thread is not None and thread.isFinished()
    assert not manager.is_running()


def test_one_job_at_a_time(qtbot: Any, tmp_path: Path) -> None:
    manager = JobThread()
    start_slow(manager, tmp_path)
    with pytest.raises(RuntimeError, match="already running"):
        start_slow(manager, tmp_path)
    assert manager.stop_and_wait(10_000)


def test_errors_are_emitted_in_plain_words(qtbot: Any, tmp_path: Path) -> None:
    manager = JobThread()
    own: list[Any] = []
    with qtbot.waitSignal(manager.failed, timeout=10_000) as failed:
        manager.start(partial(failing_train, CONFIG, workspace=tmp_path), on_done=lambda r: None, on_failed=own.append)
    report = failed.args[0]
    assert report.expected
    assert report.message == "The folder /data/x has no class folders."
    assert report.hint == "Put each class in its own subfolder."
    assert "Traceback" in report.details
    qtbot.waitUntil(lambda: not manager.is_running(), timeout=5_000)
    assert own == [report]


def test_each_job_reaches_its_own_handler(qtbot: Any) -> None:
    pool = JobPool()
    squares, words = pool.lane(), pool.lane()
    got_square: list[Any] = []
    got_word: list[Any] = []
    squares.start(partial(pow, 7, 2), on_done=got_square.append)
    words.start(partial(str.upper, "tulips"), on_done=got_word.append)
    qtbot.waitUntil(lambda: bool(got_square) and bool(got_word), timeout=5_000)
    assert got_square == [49] and got_word == ["TULIPS"]
    assert not squares.is_busy() and not words.is_busy()


def test_newest_job_of_a_lane_wins(qtbot: Any) -> None:
    pool = JobPool()
    lane = pool.lane()
    release = threading.Event()
    stopped: list[bool] = []

    def slow(value: str, *, should_stop: Any) -> str:
        while not release.is_set():
            if should_stop():
                stopped.append(True)
                return value
            time.sleep(0.01)
        return value

    delivered: list[tuple[str, Any]] = []
    lane.start(partial(slow, "old"), on_done=lambda value: delivered.append(("old handler", value)), cancellable=True)
    lane.start(partial(slow, "new"), on_done=lambda value: delivered.append(("scan", value)), cancellable=True)
    qtbot.waitUntil(lambda: stopped == [True], timeout=5_000)
    release.set()
    qtbot.waitUntil(lambda: len(delivered) > 0, timeout=5_000)
    assert pool.wait_for_done(5_000)
    qtbot.wait(50)
    assert delivered == [("scan", "new")]
    assert stopped == [True]  # the superseded job was asked to stop


def test_job_failure_becomes_a_report(qtbot: Any) -> None:
    pool = JobPool()
    failures: list[Any] = []
    lane = pool.lane(on_failed=failures.append)

    def broken() -> None:
        raise ZeroDivisionError("division by zero")

    lane.start(broken, on_done=lambda value: failures.append(("done", value)))
    qtbot.waitUntil(lambda: bool(failures), timeout=5_000)
    report, = failures
    assert not report.expected
    assert report.message.startswith("Something went wrong")
    assert "ZeroDivisionError" in report.details
    assert not lane.is_busy()


def test_progress_reaches_its_handler_throttled(qtbot: Any) -> None:
    pool = JobPool()
    lane = pool.lane()
    progress: list[tuple[int, int]] = []
    done: list[Any] = []

    def count(*, on_progress: Any) -> str:
        for i in range(1, 201):
            on_progress(i, 200)
            time.sleep(0.002)
        return "counted"

    lane.start(count, on_done=done.append, on_progress=lambda i, n: progress.append((i, n)))
    qtbot.waitUntil(lambda: bool(done), timeout=10_000)
    qtbot.wait(50)
    assert done == ["counted"]
    assert progress and progress[0] == (1, 200) and len(progress) < 50


def test_throttle_lets_the_first_through_then_waits() -> None:
    throttle = Throttle(interval_s=60)
    assert throttle.ready()
    assert not throttle.ready()


def test_cancelled_job_delivers_nothing(qtbot: Any) -> None:
    pool = JobPool()
    lane = pool.lane()
    delivered: list[Any] = []
    lane.on_failed = delivered.append
    lane.start(partial(time.sleep, 0.2), on_done=delivered.append)
    lane.cancel()
    assert pool.wait_for_done(5_000)
    qtbot.wait(50)
    assert delivered == []
    assert not lane.is_busy()
