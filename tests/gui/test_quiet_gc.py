"""What keeps the window responsive: TensorFlow starts loading only after the window's first
paint, and no full garbage collection runs while a run trains (bench/startup.py and
bench/responsiveness.py measure the effect)."""

from __future__ import annotations

import gc
from typing import Any

from PySide6.QtWidgets import QLabel

from tlstudio.gui.app import AfterFirstPaint
from tlstudio.gui.collector import QuietCollector


def test_the_action_waits_for_the_first_paint(qtbot: Any) -> None:
    calls: list[bool] = []
    window = QLabel("tlstudio")
    qtbot.addWidget(window)
    AfterFirstPaint(window, lambda: calls.append(window.isVisible()), fallback_ms=60_000)
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
    AfterFirstPaint(window, lambda: calls.append(1), fallback_ms=50)
    qtbot.waitUntil(lambda: bool(calls), timeout=5_000)
    assert calls == [1]


def test_no_full_collection_while_a_run_trains() -> None:
    from tlstudio.core.training import session

    before = gc.get_threshold()
    collector = QuietCollector()
    collector.set_running(True)
    try:
        assert gc.get_threshold()[:2] == before[:2] and gc.get_threshold()[2] > 1_000_000
        assert session.collect_on_release is True  # the run's own clean-up collects when it ends
        collector.set_running(True)  # told twice: still restores the original afterwards
    finally:
        collector.set_running(False)
    assert gc.get_threshold() == before
