"""A real (tiny) learning curve drawn from the Results panel: recipes, sizes and seeds chosen in
the widgets, the curve plotted with its table and reading, and Stop keeping the models done.

EfficientNet-Lite0 with random weights at 64 px on 2 x 24 generated images.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("tensorflow")


def test_a_learning_curve_is_drawn_read_and_can_be_stopped(make_window: Any, make_image_folder: Any, tmp_path: Path,
                                                             qtbot: Any, prepare_tiny_run: Any) -> None:
    window = make_window()
    studio, state = window.studio, window.studio.state
    errors: list[Any] = []
    studio.error.connect(lambda report, title: errors.append(f"{title}: {report.message}\n{report.details}"))
    folder = make_image_folder(tmp_path / "shapes", classes=("discs", "squares"), per_class=24, size=48)
    prepare_tiny_run(window, folder, qtbot, errors)

    view = window.results.curve
    window.results.tabs.setCurrentWidget(view)
    view.recipes["finetune"].setChecked(False)
    view.recipes["scratch"].setChecked(False)
    view.sizes.setText("2, 5")
    view.seeds.setValue(2)
    view.start_button.click()
    assert studio.is_running() and not view.start_button.isEnabled() and view.stop_button.isEnabled()
    qtbot.waitUntil(lambda: (state.curve is not None and not studio.is_running()) or bool(errors), timeout=240_000)
    assert not errors, errors

    curve = state.curve
    train_per_class = len(state.split.train) // 2
    assert curve.status == "finished" and curve.sizes == (2, 5, train_per_class)
    assert len(curve.points) == 3 * 2 and {p.mode for p in curve.points} == {"transfer"}
    assert view.table.rowCount() == 3 and view.table.columnCount() == 2
    assert view.table.horizontalHeaderItem(1).text() == "Transfer (frozen backbone)"
    assert view.table.item(2, 0).text() == f"{train_per_class} (all)"
    assert "%" in view.table.item(0, 1).text() and "±" in view.table.item(0, 1).text()
    reading = view.reading.text()
    assert "Transfer (frozen backbone)" in reading
    assert any(word in reading for word in ("still rising", "flat", "lower with more images"))
    assert str(curve.folder) in reading and (curve.folder / "curve.png").is_file()
    data_items = [i for i in view.plot.getPlotItem().listDataItems() if i.name()]
    assert [i.name() for i in data_items] == ["Transfer (frozen backbone)"]
    xs, ys = data_items[0].getData()
    assert len(xs) == 3 and all(0.0 <= y <= 1.0 for y in ys)
    assert view.axis.sizes == [2, 5, train_per_class]
    assert view.start_button.isEnabled() and not view.stop_button.isEnabled() and not view.progress.isVisible()

    # A longer curve, stopped once the first model is done: the models trained so far are shown.
    view.sizes.setText("1, 2, 3, 4, 5, 6")
    view.seeds.setValue(5)
    view.start_button.click()
    qtbot.waitUntil(lambda: view.progress.value() >= 1 or bool(errors), timeout=120_000)
    view.stop_button.click()
    qtbot.waitUntil(lambda: not studio.is_running(), timeout=120_000)
    assert not errors, errors
    stopped = state.curve
    assert stopped is not curve and stopped.status == "cancelled"
    assert 1 <= len(stopped.points) < 7 * 5
    assert "stopped early" in view.reading.text()
    assert view.start_button.isEnabled()


def test_no_recipe_ticked_is_refused_in_plain_words(make_window: Any, make_image_folder: Any, tmp_path: Path,
                                                    qtbot: Any, prepare_tiny_run: Any) -> None:
    window = make_window()
    errors: list[Any] = []
    window.studio.error.connect(lambda report, title: errors.append((title, report.message)))
    view = window.results.curve
    view.start_button.click()  # no dataset yet
    assert errors and "Choose an image folder first" in errors[-1][1]
    folder = make_image_folder(tmp_path / "shapes", classes=("discs", "squares"), per_class=8, size=48)
    prepare_tiny_run(window, folder, qtbot, [])
    for box in view.recipes.values():
        box.setChecked(False)
    view.start_button.click()
    assert errors[-1] == ("Cannot draw the learning curve", "Tick at least one recipe for the learning curve.")
    assert not window.studio.is_running()
