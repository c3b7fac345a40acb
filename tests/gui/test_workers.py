"""The training thread and the job pool, with a stand-in for core.training.train (no TensorFlow)."""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from tlstudio.core.config import RunConfig
from tlstudio.core.errors import DatasetError
from tlstudio.gui.workers import JobRunner, RunManager


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


def test_run_finishes_and_reports_throttled_progress(qtbot: Any, tmp_path: Path) -> None:
    manager = RunManager(train_fn=slow_train)
    events: list[Any] = []
    manager.progress.connect(events.append)
    with qtbot.waitSignal(manager.finished, timeout=20_000) as finished:
        manager.start(CONFIG, tmp_path)
        assert manager.is_running()
    results = finished.args[0]
    assert [r.status for r in results] == ["finished"]
    epochs = [e for e in events if e.kind == "epoch"]
    batches = [e for e in events if e.kind == "batch"]
    assert [e.epoch for e in epochs] == list(range(1, 11))
    # 200 batches in about a second: throttling lets through far fewer, but every epoch's last.
    assert 0 < len(batches) < 100
    assert sum(1 for e in batches if e.batch == e.batches) == 10
    qtbot.waitUntil(lambda: not manager.is_running(), timeout=5_000)


def test_stop_ends_the_run_within_a_batch(qtbot: Any, tmp_path: Path) -> None:
    manager = RunManager(train_fn=slow_train)
    events: list[Any] = []
    manager.progress.connect(events.append)
    manager.start(CONFIG, tmp_path)
    qtbot.waitUntil(lambda: any(e.kind == "epoch" for e in events), timeout=10_000)
    with qtbot.waitSignal(manager.cancelled, timeout=5_000) as cancelled:
        manager.stop()
    assert [r.status for r in cancelled.args[0]] == ["cancelled"]
    assert len([e for e in events if e.kind == "epoch"]) < 10
    qtbot.waitUntil(lambda: not manager.is_running(), timeout=5_000)


def test_stop_and_wait_joins_the_thread(qtbot: Any, tmp_path: Path) -> None:
    manager = RunManager(train_fn=slow_train)
    manager.start(CONFIG, tmp_path)
    thread = manager.thread
    assert manager.stop_and_wait(10_000)
    assert thread is not None and thread.isFinished()
    assert not manager.is_running()


def test_errors_are_emitted_in_plain_words(qtbot: Any, tmp_path: Path) -> None:
    manager = RunManager(train_fn=failing_train)
    with qtbot.waitSignal(manager.failed, timeout=10_000) as failed:
        manager.start(CONFIG, tmp_path)
    report = failed.args[0]
    assert report.expected
    assert report.message == "The folder /data/x has no class folders."
    assert report.hint == "Put each class in its own subfolder."
    assert "Traceback" in report.details
    qtbot.waitUntil(lambda: not manager.is_running(), timeout=5_000)


def test_newest_job_of_a_kind_wins(qtbot: Any) -> None:
    runner = JobRunner()
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
    runner.done.connect(lambda kind, value: delivered.append((kind, value)))
    runner.submit("scan", slow, "old", cancellable=True)
    runner.submit("scan", slow, "new", cancellable=True)
    qtbot.waitUntil(lambda: stopped == [True], timeout=5_000)
    release.set()
    qtbot.waitUntil(lambda: len(delivered) > 0, timeout=5_000)
    assert runner.wait_for_done(5_000)
    qtbot.wait(50)
    assert delivered == [("scan", "new")]
    assert stopped == [True]  # the superseded job was asked to stop


def test_job_failure_becomes_a_report(qtbot: Any) -> None:
    runner = JobRunner()

    def broken() -> None:
        raise ZeroDivisionError("division by zero")

    with qtbot.waitSignal(runner.failed, timeout=5_000) as failed:
        runner.submit("layers", broken)
    kind, report = failed.args
    assert kind == "layers"
    assert not report.expected
    assert report.message.startswith("Something went wrong")
    assert "ZeroDivisionError" in report.details


@pytest.mark.parametrize("kind", ["preview"])
def test_cancelled_job_delivers_nothing(qtbot: Any, kind: str) -> None:
    runner = JobRunner()
    delivered: list[Any] = []
    runner.done.connect(lambda k, v: delivered.append(v))
    runner.failed.connect(lambda k, v: delivered.append(v))
    runner.submit(kind, time.sleep, 0.2)
    runner.cancel(kind)
    assert runner.wait_for_done(5_000)
    qtbot.wait(50)
    assert delivered == []
    assert not runner.is_busy(kind)
