"""What keeps the window responsive: TensorFlow starts loading only after the window's first
paint, and no full garbage collection runs while a run trains (bench/startup.py and
bench/responsiveness.py measure the effect)."""

from __future__ import annotations

import gc
from typing import Any

from PySide6.QtWidgets import QLabel

from tlstudio.gui.app import _AfterFirstPaint
from tlstudio.gui.collector import QuietCollector


def test_the_action_waits_for_the_first_paint(qtbot: Any) -> None:
    calls: list[bool] = []
    window = QLabel("tlstudio")
    qtbot.addWidget(window)
    _AfterFirstPaint(window, lambda: calls.append(window.isVisible()), fallback_ms=60_000)
    qtbot.wait(50)
    assert calls == []  # not shown, not painted: nothing yet
    window.show()
    qtbot.waitUntil(lambda: bool(calls), timeout=5_000)
    qtbot.wait(50)
    assert calls == [True]  # once, with the window on screen


def test_a_window_never_painted_still_gets_the_action(qtbot: Any) -> None:
    calls: list[int] = []
    window = QLabel("tlstudio")
    qtbot.addWidget(window)
    _AfterFirstPaint(window, lambda: calls.append(1), fallback_ms=50)
    qtbot.waitUntil(lambda: bool(calls), timeout=5_000)
    assert calls == [1]


def test_no_full_collection_while_a_run_trains(qtbot: Any, monkeypatch: Any) -> None:
    from tlstudio.core import session
    import tlstudio.gui.collector as collector_module

    monkeypatch.setattr(collector_module, "COLLECT_AFTER_MS", 50)
    handed: list[Any] = []
    before = gc.get_threshold()
    collector = QuietCollector(background=handed.append)
    collector.set_running(True)
    try:
        assert gc.get_threshold()[:2] == before[:2] and gc.get_threshold()[2] > 1_000_000
        assert session.collect_on_release is False  # the run's clean-up leaves the collection to the app
        collector.set_running(True)  # told twice: still restores the original afterwards
    finally:
        collector.set_running(False)
    assert gc.get_threshold() == before and session.collect_on_release is True
    assert handed == []  # not at once: the results are shown first
    qtbot.waitUntil(lambda: handed == [gc.collect], timeout=5_000)


def test_a_run_started_before_the_collection_gets_it_at_once(monkeypatch: Any) -> None:
    import tlstudio.gui.collector as collector_module

    monkeypatch.setattr(collector_module, "COLLECT_AFTER_MS", 60_000)
    handed: list[Any] = []
    collector = QuietCollector(background=handed.append)
    collector.set_running(True)
    collector.set_running(False)
    assert handed == []
    collector.set_running(True)  # the next run, back to back
    assert handed == [gc.collect]
    collector.set_running(False)
