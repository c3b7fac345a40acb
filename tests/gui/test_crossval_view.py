"""A real (tiny) cross-validation from the Results panel: recipes, folds and repeats chosen in the
widgets, the folds plotted as dots with the table of mean ± sd and the reading, Stop keeping the
folds done, and too many folds refused at once.

EfficientNet-Lite0 with random weights at 64 px on 2 x 9 generated images.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("tensorflow")


def test_a_cross_validation_is_shown_read_and_can_be_stopped(make_window: Any, make_image_folder: Any, tmp_path: Path,
                                                              qtbot: Any, prepare_tiny_run: Any) -> None:
    window = make_window()
    studio, state = window.studio, window.studio.state
    errors: list[Any] = []
    studio.error.connect(lambda report, title: errors.append(f"{title}: {report.message}\n{report.details}"))
    folder = make_image_folder(tmp_path / "shapes", classes=("discs", "squares"), per_class=9, size=48)
    prepare_tiny_run(window, folder, qtbot, errors)

    view = window.results.crossval
    window.results.tabs.setCurrentWidget(view)
    assert window.results.tabs.tabText(window.results.tabs.currentIndex()) == "Cross-validation"
    assert [m for m, box in view.recipes.items() if box.isChecked()] == ["transfer"]
    view.folds.setValue(3)
    view.repeats.setValue(1)
    view.start_button.click()
    assert studio.is_running() and not view.start_button.isEnabled() and view.stop_button.isEnabled()
    qtbot.waitUntil(lambda: (state.crossval is not None and not studio.is_running()) or bool(errors), timeout=240_000)
    assert not errors, errors

    result = state.crossval
    assert result.status == "finished" and len(result.scores) == 3 and result.n_images == 18
    assert {s.fold for s in result.scores} == {1, 2, 3} and all(s.n_test == 6 for s in result.scores)
    assert view.table.rowCount() == 5 and view.table.columnCount() == 3
    assert [view.table.item(r, 0).text() for r in range(5)] == [
        "Accuracy", "Balanced accuracy", "Macro F1", "Recall of discs", "Recall of squares"]
    assert view.table.horizontalHeaderItem(1).text() == "Transfer (frozen backbone): mean ± sd"
    s = result.metric("transfer", "accuracy")
    assert view.table.item(0, 1).text() == f"{s.mean:.1%} ± {s.std * 100:.1f}"
    assert view.table.item(0, 2).text() == f"{s.low:.1%} – {s.high:.1%}"
    reading = view.reading.text()
    assert "Transfer (frozen backbone)" in reading and "over 3 folds" in reading
    assert f"anything from {s.low:.0%} to {s.high:.0%}" in reading
    assert str(result.folder) in reading and (result.folder / "crossval.png").is_file()
    dots = [i for i in view.plot.getPlotItem().items if i.__class__.__name__ == "ScatterPlotItem"]
    assert len(dots) == 1
    assert sorted(dots[0].getData()[1].tolist()) == sorted(x.accuracy for x in result.scores)
    assert view.start_button.isEnabled() and not view.stop_button.isEnabled() and not view.progress.isVisible()

    # A longer one, stopped once the first fold is done: the folds finished so far are shown.
    view.folds.setValue(4)
    view.repeats.setValue(5)
    view.start_button.click()
    qtbot.waitUntil(lambda: view.progress.value() >= 1 or bool(errors), timeout=120_000)
    assert view.progress.text().startswith(f"fold {view.progress.value()} of 20")
    view.stop_button.click()
    qtbot.waitUntil(lambda: not studio.is_running(), timeout=120_000)
    assert not errors, errors
    stopped = state.crossval
    assert stopped is not result and stopped.status == "cancelled"
    assert 1 <= len(stopped.scores) < 20
    assert "Stopped early" in view.reading.text()
    assert view.start_button.isEnabled()


def test_too_many_folds_or_no_recipe_are_refused_in_plain_words(make_window: Any, make_image_folder: Any,
                                                                tmp_path: Path, qtbot: Any,
                                                                prepare_tiny_run: Any) -> None:
    window = make_window()
    errors: list[Any] = []
    window.studio.error.connect(lambda report, title: errors.append((title, report.message)))
    view = window.results.crossval
    view.start_button.click()  # no dataset yet
    assert errors and "Choose an image folder first" in errors[-1][1]
    folder = make_image_folder(tmp_path / "shapes", classes=("discs", "squares"), per_class=6, size=48)
    prepare_tiny_run(window, folder, qtbot, [])
    view.folds.setValue(8)
    view.start_button.click()
    assert errors[-1][0] == "Cannot cross-validate"
    assert "every class needs at least 8 images; 'discs' has 6, 'squares' has 6" in errors[-1][1]
    for box in view.recipes.values():
        box.setChecked(False)
    view.folds.setValue(3)
    view.start_button.click()
    assert errors[-1] == ("Cannot cross-validate", "Tick at least one recipe to cross-validate.")
    assert not window.studio.is_running()
