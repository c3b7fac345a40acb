"""A real (tiny) run driven through the widgets: dataset, backbone, a clicked layer, Start,
live curves, Stop mid-way, a finished run, the confusion matrix and the Grad-CAM gallery.

EfficientNet-Lite0 with random weights at 64 px on 2 x 24 generated images: a few seconds
of training on a laptop CPU.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

pytest.importorskip("tensorflow")


def click_item(view: Any, item: Any) -> None:
    """A real left click on a tree or table item, as the user makes it."""
    view.scrollToItem(item)
    rect = view.visualItemRect(item)
    QTest.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, rect.center())


def counts_text(window: Any) -> str:
    return window.model.counts.text()


def test_real_run_through_the_widgets(make_window: Any, make_image_folder: Any, tmp_path: Path, qtbot: Any) -> None:
    window = make_window()
    studio, state = window.studio, window.studio.state
    errors: list[Any] = []
    studio.error.connect(lambda report, title: errors.append(f"{title}: {report.message}\n{report.details}"))
    studio.load_tensorflow()

    # Dataset: typed into the panel, checked in the background.
    folder = make_image_folder(tmp_path / "shapes", classes=("discs", "squares"), per_class=24, size=48)
    window.dataset.path_edit.setText(str(folder))
    QTest.keyClick(window.dataset.path_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: state.split is not None or bool(errors), timeout=60_000)
    assert not errors, errors
    assert window.dataset.classes.rowCount() == 2

    # Model: EfficientNet-Lite0, random weights, 64 px.
    qtbot.waitUntil(lambda: bool(state.backbones) or bool(errors), timeout=120_000)
    assert not errors, errors
    model = window.model
    model.choose_backbone("efficientnet_lite0")
    model.weights.setCurrentIndex(model.weights.findData("random"))
    model.weights.activated.emit(model.weights.currentIndex())
    model.image_size.setValue(64)
    model.image_size.editingFinished.emit()
    model.mode_buttons["transfer"].click()
    qtbot.waitUntil(lambda: bool(state.layers) and state.freeze_plan is not None, timeout=120_000)
    assert state.model_config.backbone == "efficientnet_lite0"
    assert state.model_config.weights is None and state.model_config.image_size == 64
    before = counts_text(window)
    assert "Trainable: 0 parameters" in before  # transfer: the whole backbone is frozen

    # Click a layer about two thirds down: fine-tuning from it; the counts change at once.
    names = [layer.name for layer in state.layers]
    target = names[(2 * len(names)) // 3]
    click_item(model.layers, model.layer_item(target))
    assert state.model_config.cutoff == target and state.model_config.mode == "finetune"
    plan = state.freeze_plan
    assert plan.cutoff == target and plan.trainable_params > 0 and plan.frozen_params > 0
    after = counts_text(window)
    assert after != before
    assert f"{plan.frozen_params:,}" in after and f"{plan.trainable_params:,}" in after
    assert model.layer_item(names[1]).foreground(0).color() != model.layer_item(target).foreground(0).color()

    # Run 1: many epochs, stopped mid-way once the curves have points.
    tp = window.training
    tp.epochs.setValue(40)
    tp.batch_size.setValue(8)
    tp.batch_size.editingFinished.emit()
    tp.start_button.click()
    qtbot.waitUntil(lambda: len(tp.acc_val.getData()[0] or []) >= 1 or bool(errors), timeout=120_000)
    assert not errors, errors
    thread_ended: list[bool] = []
    studio.runs.thread.finished.connect(lambda: thread_ended.append(True))
    tp.stop_button.click()
    qtbot.waitUntil(lambda: not studio.is_running(), timeout=60_000)
    assert thread_ended == [True]
    assert "cancelled" in tp.outcome.text()
    assert 1 <= len(tp.acc_val.getData()[0]) < 40
    assert state.results == []

    # Run 2: transfer for two epochs, to the end.
    model.mode_buttons["transfer"].click()
    tp.epochs.setValue(2)
    tp.epochs.editingFinished.emit()
    tp.start_button.click()
    qtbot.waitUntil(lambda: (not studio.is_running() and len(state.results) == 1) or bool(errors), timeout=180_000)
    assert not errors, errors
    result = state.results[0]
    assert result.status == "finished" and result.config.model.mode == "transfer"
    assert list(tp.acc_val.getData()[0]) == [1, 2]
    log = tp.log.toPlainText().splitlines()
    assert any("Training the head" in line for line in log)
    assert all(a != b for a, b in zip(log, log[1:])), "a message was logged twice"
    assert window.status_text.text() == "Finished."  # the status bar is not left on an old phase

    # Results: the confusion matrix shows the test counts; the gallery shows the mistakes.
    res = window.results
    ev = result.evaluation
    shown = [[int(res.confusion.item(i, j).text()) for j in range(2)] for i in range(2)]
    assert shown == [list(row) for row in ev.confusion]
    assert sum(map(sum, shown)) == len(state.split.test)
    assert f"{ev.accuracy:.1%}" in res.summary.text()
    assert res.per_class.rowCount() == 2
    if ev.misclassified:
        qtbot.waitUntil(lambda: res.gallery.count() == min(len(ev.misclassified), 48), timeout=120_000)
        assert f"{len(ev.misclassified)} of {len(state.split.test)} test images" in res.gallery_title.text()
        assert "Model said" in res.detail_text.text()
        assert any(g.overlay is not None for g in state.gallery)
        i, j = ev.misclassified[0].true_index, ev.misclassified[0].predicted_index
        click_item(res.confusion, res.confusion.item(i, j))
        assert state.gallery_filter == (i, j)
        assert res.gallery.count() == ev.confusion[i][j]
    else:  # a perfect score: the gallery says so
        assert "No mistakes" in res.gallery_message.text()

    # Predict: the finished run's model on one class folder, then the CSV export.
    assert state.predict_model == str(result.run_dir / "model.keras")
    assert str(result.run_dir) in window.predict.model_label.text()
    window.predict.predict([str(folder / "discs")])
    qtbot.waitUntil(lambda: len(state.predictions) == 24 or bool(errors), timeout=120_000)
    assert not errors, errors
    table = window.predict.table
    assert table.rowCount() == 24
    assert {table.item(r, 2).text() for r in range(24)} <= {"discs", "squares"}
    assert "Predicted:" in window.predict.detail_text.text()
    assert window.predict.export.isEnabled()
    csv_path = tmp_path / "predictions.csv"
    studio.predict.export_predictions(str(csv_path))
    qtbot.waitUntil(csv_path.exists, timeout=30_000)
    lines = csv_path.read_text(encoding="utf-8").splitlines()
    assert lines[0] == "path,predicted,best_class,confidence,discs,squares,error"
    assert len(lines) == 25
