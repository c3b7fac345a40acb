"""The Strategies view of the Results panel: a real (tiny) comparison of no augmentation against
the Augmentation tab's changes, shown as bars, a table and a reading; strategies lacking what
they add are refused in plain words.

EfficientNet-Lite0 with random weights at 64 px on 2 x 10 generated images.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tlstudio.core.config import AugmentSpec

pytest.importorskip("tensorflow")


def test_no_augmentation_against_augmentation_is_shown_and_read(make_window: Any, make_image_folder: Any,
                                                                 tmp_path: Path, qtbot: Any,
                                                                 prepare_tiny_run: Any) -> None:
    window = make_window()
    studio, state = window.studio, window.studio.state
    errors: list[Any] = []
    studio.error.connect(lambda report, title: errors.append(f"{title}: {report.message}\n{report.details}"))
    folder = make_image_folder(tmp_path / "shapes", classes=("discs", "squares"), per_class=10, size=48)
    prepare_tiny_run(window, folder, qtbot, errors)
    studio.augment.set_augment(AugmentSpec(flip_horizontal=True, rotation=0.05))

    view = window.results.strategies
    window.results.tabs.setCurrentWidget(view)
    assert window.results.tabs.tabText(window.results.tabs.currentIndex()) == "Strategies"
    assert [box.text() for box in view.recipes.values()] == [
        "No augmentation", "Augmentation", "Synthetic images", "Augmentation + synthetic"]
    view.recipes["synthetic"].setChecked(False)
    view.recipes["both"].setChecked(False)
    view.start_button.click()
    assert studio.is_running() and view.stop_button.isEnabled()
    qtbot.waitUntil(lambda: (state.strategies is not None and not studio.is_running()) or bool(errors),
                    timeout=240_000)
    assert not errors, errors

    result = state.strategies
    assert result.status == "finished" and [s.strategy for s in result.scores] == ["none", "augment"]
    assert view.table.rowCount() == 2
    assert [view.table.item(r, 0).text() for r in range(2)] == ["No augmentation", "Augmentation"]
    none, augment = result.scores
    assert view.table.item(1, 2).text() == f"{augment.accuracy:.1%}"
    assert view.table.item(1, view.table.columnCount() - 1).text() == f"{augment.fixed} / {augment.broken}"
    assert view.table.item(0, view.table.columnCount() - 1).text() == ""
    reading = view.reading.text()
    assert f"{augment.accuracy:.1%} against {none.accuracy:.1%} without" in reading
    assert f"fixed {augment.fixed} and broke {augment.broken}" in reading
    assert str(result.folder) in reading and (result.folder / "strategies.png").is_file()
    bars = [i for i in view.plot.getPlotItem().items if i.__class__.__name__ == "BarGraphItem"]
    assert len(bars) == 2
    assert view.start_button.isEnabled() and not view.progress.isVisible()


def test_strategies_lacking_what_they_add_are_refused_in_plain_words(make_window: Any, make_image_folder: Any,
                                                                     tmp_path: Path, qtbot: Any,
                                                                     prepare_tiny_run: Any) -> None:
    window = make_window()
    errors: list[Any] = []
    window.studio.error.connect(lambda report, title: errors.append((title, report.message)))
    folder = make_image_folder(tmp_path / "shapes", classes=("discs", "squares"), per_class=6, size=48)
    prepare_tiny_run(window, folder, qtbot, [])
    view = window.results.strategies
    view.start_button.click()  # all four ticked, no augmentation, no synthetic set
    assert errors[-1][0] == "Cannot compare the strategies"
    assert "need some augmentation switched on" in errors[-1][1]
    window.studio.augment.set_augment(AugmentSpec(flip_horizontal=True))
    view.start_button.click()
    assert "need an accepted synthetic set" in errors[-1][1]
    for box in view.recipes.values():
        box.setChecked(False)
    view.start_button.click()
    assert errors[-1] == ("Cannot compare the strategies", "Tick at least one strategy to compare.")
    assert not window.studio.is_running()


def test_the_reading_says_per_class_whether_synthetic_images_helped(make_window: Any, tmp_path: Path) -> None:
    from tlstudio.core.studies.strategies import ClassEffect, StrategyComparison, StrategyScore

    window = make_window()
    view = window.results.strategies
    none = StrategyScore("none", "r1", 0.55, (0.3, 0.7), 0.55, 0.5, {"a": 0.2, "b": 0.9}, 20, 0)
    synthetic = StrategyScore("synthetic", "r2", 0.85, (0.6, 0.95), 0.85, 0.85, {"a": 1.0, "b": 0.7}, 20, 20,
                              fixed=8, broken=2, p_value=0.11)
    effects = [ClassEffect("a", 10, 0.2, 1.0, 8, 0, 2 * 0.5**8, 0.9), ClassEffect("b", 10, 0.9, 0.7, 0, 2, 0.5, None)]
    comparison = StrategyComparison(data="d", classes=("a", "b"), n_test=20, scores=[none, synthetic], config={},
                                    augment={}, synthetic={}, folder=tmp_path, synthetic_by_class=effects)
    window.studio.state.strategies_changed.emit(comparison)
    reading = view.reading.text()
    assert ("<b>Synthetic images for a</b>: recall 20.0% without, 100.0% with; on its 10 test images they fixed 8 "
            "and broke 0 (p = 0.0078): they helped. Of the set's images of this class, 90% look like a.") in reading
    assert "fixed 0 and broke 2 (p = 0.5): no clear difference: it could be luck" in reading
    assert "Of the set's images of this class, not measured." in reading
