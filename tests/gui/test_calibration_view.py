"""The Calibration tab of the Results panel with a real (tiny) run: the ECE figures and the
temperature shown, the threshold spin box and slider changing the coverage text, "Save threshold
with the model" writing calibration.json, and Predict then answering "uncertain".

A from-scratch CNN at 40 px, 2 epochs, on 3 x 15 generated images.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("tensorflow")

from tlstudio.core.evaluation.calibration_files import CALIBRATION_FILE, load_calibration  # noqa: E402
from tlstudio.gui.widgets import percent  # noqa: E402


def test_calibration_tab_shows_ece_sets_and_saves_the_threshold(make_window: Any, make_image_folder: Any,
                                                                 tmp_path: Path, qtbot: Any, tiny_core_run: Any) -> None:
    data = make_image_folder(tmp_path / "shapes", classes=("circle", "square", "stripes"), per_class=15, size=48)
    result = tiny_core_run(data, tmp_path / "workspace")
    assert result.status == "finished"
    cal = load_calibration(result.run_dir)

    window = make_window()
    studio, state = window.studio, window.studio.state
    errors: list[Any] = []
    studio.error.connect(lambda report, title: errors.append(f"{title}: {report.message}\n{report.details}"))
    view = window.results.calibration
    assert "No calibration yet" in view.summary.text() and not view.save_button.isEnabled()

    state.add_results([result])
    studio.results.show_result(result)
    window.results.tabs.setCurrentWidget(view)
    assert window.results.tabs.tabText(window.results.tabs.currentIndex()) == "Calibration"

    # The figures of calibration.json.
    summary = view.summary.text()
    assert f"Temperature {cal.temperature:.2f}" in summary
    assert f"{percent(cal.ece_before)}</b> before" in summary and f"{percent(cal.ece_after)}</b> after" in summary
    assert f"on {cal.test_count} test images" in summary
    assert view.reading.text().startswith("Before scaling the model")
    assert f"{percent(cal.accuracy)} right" in view.reading.text() or f"right {percent(cal.accuracy)}" in view.reading.text()
    xs, ys = view.after_curve.getData()
    assert len(xs) == sum(1 for b in cal.bins_after if b.count) and all(0 <= y <= 1 for y in ys)
    assert len(view.coverage_curve.getData()[0]) == 101
    assert view.threshold.value() == 0.0 and "No threshold saved" in view.saved_text.text()
    assert not view.save_button.isEnabled()  # nothing to save yet

    # The spin box moves the slider and the line, and says what the threshold does.
    point = cal.coverage_at(0.9)
    view.threshold.setValue(0.9)
    assert view.slider.value() == 90 and view.threshold_line.value() == pytest.approx(0.9)
    text = view.coverage_text.text()
    if point.accuracy is None:
        assert "answers none of the 9 test images" in text
    else:
        assert f"answers {percent(point.coverage)} of the images, {percent(point.accuracy)} of them right" in text
        assert f"“uncertain” for {point.uncertain} of the 9 test images" in text
    # And the slider moves the spin box.
    view.slider.setValue(40)
    assert view.threshold.value() == pytest.approx(0.40)
    assert f"answers {percent(cal.coverage_at(0.40).coverage)} of the images" in view.coverage_text.text()

    # Save: the threshold goes into calibration.json (and metrics.json) beside the model.
    view.threshold.setValue(1.0)
    assert view.save_button.isEnabled()
    view.save_button.click()
    assert not errors, errors
    assert json.loads((result.run_dir / CALIBRATION_FILE).read_text())["threshold"] == 1.0
    assert json.loads((result.run_dir / "metrics.json").read_text())["calibration"]["threshold"] == 1.0
    assert state.calibration.threshold == 1.0
    assert "Saved with the model: threshold 1.00" in view.saved_text.text()
    assert not view.save_button.isEnabled()

    # Predict uses the saved threshold: below it the answer is "uncertain", with the best guess.
    studio.predict.set_predict_model(str(result.run_dir / "model.keras"))
    window.predict.predict([str(data / "circle")])
    qtbot.waitUntil(lambda: len(state.predictions) == 15 or bool(errors), timeout=120_000)
    assert not errors, errors
    table = window.predict.table
    uncertain_rows = [r for r, p in enumerate(state.predictions) if p.uncertain]
    assert uncertain_rows, "a threshold of 1.0 leaves no confident answer"
    for row, p in enumerate(state.predictions):
        assert p.uncertain == (p.probabilities[p.best] < 1.0)
        shown = table.item(row, 2).text()
        assert shown == (f"uncertain (best guess: {p.best})" if p.uncertain else p.best)
    assert f"{len(uncertain_rows)} uncertain" in window.predict.message.text()
    table.setCurrentCell(uncertain_rows[0], 1)
    assert "<b>uncertain</b>" in window.predict.detail_text.text()
