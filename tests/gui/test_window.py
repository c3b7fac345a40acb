"""The window's wiring with a stand-in for core.training.train (fast, no TensorFlow): dataset table,
split settings, Start/Stop, live curves, results tables, closing mid-run."""

from __future__ import annotations

import time
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from tlstudio.core.config import RunConfig


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
class ClassMetrics:
    name: str
    precision: float
    recall: float
    f1: float
    support: int
    recall_ci: tuple[float, float]
    precision_ci: tuple[float, float] = (0.0, 1.0)
    predicted: int = 0


@dataclass(frozen=True)
class Evaluation:
    accuracy: float
    accuracy_ci: tuple[float, float]
    balanced_accuracy: float
    loss: float
    confusion: list
    confusion_normalized: list
    per_class: tuple
    misclassified: tuple
    class_names: tuple


@dataclass(frozen=True)
class Result:
    run_dir: Path | None
    status: str
    config: RunConfig
    class_names: tuple
    history: dict
    evaluation: Any
    timings: dict
    notes: tuple = ()


def fake_train(config: RunConfig, *, workspace: Path, on_event: Any, should_stop: Any) -> Result:
    """Epochs of ten 20 ms batches; the number of epochs comes from the Training panel."""
    epochs = config.train.epochs
    on_event(Event("phase", "head", epochs=epochs, message="Training the head (backbone frozen)"))
    history: dict[str, list] = {"epoch": [], "val_accuracy": []}
    for epoch in range(1, epochs + 1):
        for batch in range(1, 11):
            time.sleep(0.02)
            on_event(Event("batch", "head", epoch, epochs, batch, 10, eta_s=3.0))
            if should_stop():
                return Result(workspace / "run-x", "cancelled", config, ("cats", "dogs"), history, None, {"total": 1.0})
        acc = 0.5 + 0.04 * epoch
        history["epoch"].append(epoch)
        history["val_accuracy"].append(acc)
        on_event(Event("epoch", "head", epoch, epochs,
                       metrics={"loss": 1.0 / epoch, "accuracy": acc, "val_loss": 1.1 / epoch, "val_accuracy": acc}))
    ev = Evaluation(accuracy=0.75, accuracy_ci=(0.6, 0.9), balanced_accuracy=0.74, loss=0.5,
                    confusion=[[4, 1], [1, 2]], confusion_normalized=[[0.8, 0.2], [1 / 3, 2 / 3]],
                    per_class=(ClassMetrics("cats", 0.8, 0.8, 0.8, 5, (0.5, 1.0)),
                               ClassMetrics("dogs", 2 / 3, 2 / 3, 2 / 3, 3, (0.3, 0.9))),
                    misclassified=(), class_names=("cats", "dogs"))
    return Result(workspace / "run-y", "finished", config, ("cats", "dogs"), history, ev, {"total": 2.0})


@pytest.fixture
def window(make_window: Any, make_image_folder: Any, tmp_path: Path, qtbot: Any) -> Any:
    win = make_window(train_fn=fake_train)
    folder = make_image_folder(tmp_path / "pets", classes=("cats", "dogs"), per_class=20, size=40)
    win.dataset.set_folder(str(folder))
    qtbot.waitUntil(lambda: win.studio.state.split is not None, timeout=30_000)
    return win


def test_dataset_table_shows_classes_counts_and_split(window: Any, qtbot: Any) -> None:
    table = window.dataset.classes
    assert table.rowCount() == 2
    assert [table.item(r, 1).text() for r in range(2)] == ["cats", "dogs"]
    assert [table.item(r, 2).text() for r in range(2)] == ["20", "20"]
    assert table.item(0, 0).data(1) is not None  # a thumbnail
    train, val, test = (int(table.item(0, c).text()) for c in (3, 4, 5))
    assert train + val + test == 20 and val == 3 and test == 3
    assert "40 usable images in 2 classes" in window.dataset.summary.text()
    # A bigger test share, typed into the panel, re-splits the images.
    window.dataset.test_percent.setValue(30)
    window.dataset.test_percent.editingFinished.emit()
    qtbot.waitUntil(lambda: table.item(0, 5).text() == "6", timeout=10_000)
    assert window.studio.state.run_config().split.test_fraction == pytest.approx(0.30)
    qtbot.waitUntil(lambda: "No picture appears in two splits" in window.dataset.warnings.text(), timeout=30_000)


def test_a_folder_that_cannot_be_used_gives_a_plain_dialog(make_window: Any, tmp_path: Path, qtbot: Any) -> None:
    win = make_window(train_fn=fake_train)
    reports: list[Any] = []
    win.studio.error.connect(lambda report, title: reports.append((report, title)))
    win.dataset.set_folder(str(tmp_path / "no-such-folder"))
    qtbot.waitUntil(lambda: len(reports) == 1, timeout=10_000)
    report, title = reports[0]
    assert title == "This folder cannot be used"
    assert "no-such-folder" in report.message and report.expected
    qtbot.waitUntil(lambda: win.findChild(QMessageBox, "errorDialog") is not None, timeout=5_000)


def test_start_stop_and_finish_through_the_training_panel(window: Any, qtbot: Any) -> None:
    panel = window.training
    panel.epochs.setValue(50)
    panel.start_button.click()
    assert window.studio.state.train_config.epochs == 50  # the panel produced the config
    qtbot.waitUntil(lambda: len(panel.acc_val.getData()[0] or []) >= 1, timeout=20_000)
    assert not panel.start_button.isEnabled() and panel.stop_button.isEnabled()
    assert panel.progress.maximum() == 10
    panel.stop_button.click()
    qtbot.waitUntil(lambda: not window.studio.is_running(), timeout=10_000)
    assert "cancelled" in panel.outcome.text()
    assert len(panel.acc_val.getData()[0]) < 50
    assert window.studio.state.results == []  # a cancelled run has no test results

    panel.epochs.setValue(2)
    panel.start_button.click()
    qtbot.waitUntil(lambda: not window.studio.is_running() and len(window.studio.state.results) == 1, timeout=20_000)
    assert "75.0%" in panel.outcome.text()
    assert list(panel.loss_train.getData()[0]) == [1, 2]
    results = window.results
    assert window.tabs.currentWidget() is results
    # 8 test images: too few for an interval (below 10, see core.evaluation.metrics.MIN_FOR_INTERVAL)
    assert "75.0%" in results.summary.text() and "(95% interval too few test images to measure)" in results.summary.text()
    assert [[results.confusion.item(i, j).text() for j in range(2)] for i in range(2)] == [["4", "1"], ["1", "2"]]
    assert results.per_class.item(0, 0).text() == "cats"
    table = results.runs_table
    headers = [table.horizontalHeaderItem(c).text() for c in range(table.columnCount())]
    assert table.rowCount() == 1 and table.item(0, headers.index("Test accuracy (95% interval)")).text() == "75.0% (too few test images to measure)"
    assert table.item(0, headers.index("Dataset")).text() == "pets"


def test_a_generator_cannot_start_while_a_model_trains(window: Any, qtbot: Any) -> None:
    errors: list[tuple[str, str]] = []
    window.studio.error.connect(lambda report, title: errors.append((title, report.message)))
    window.training.epochs.setValue(50)
    window.training.start_button.click()
    qtbot.waitUntil(lambda: len(window.training.acc_val.getData()[0] or []) >= 1, timeout=20_000)
    window.synth.start_button.click()
    assert not window.studio.synth.is_training()
    assert errors == [("Cannot train a generator", "A model is training (Training tab).")]
    window.training.stop_button.click()
    qtbot.waitUntil(lambda: not window.studio.is_running(), timeout=10_000)


def test_the_tensorboard_box_puts_logs_into_the_run_config(window: Any) -> None:
    panel = window.training
    assert panel.tensorboard.isEnabled() and not panel.tensorboard.isChecked()
    panel.tensorboard.setChecked(True)
    assert window.studio.state.train_config.tensorboard is True
    panel.tensorboard.setChecked(False)
    assert window.studio.state.train_config.tensorboard is False


def test_the_label_smoothing_box_shows_the_default_and_sets_the_run_config(window: Any, qtbot: Any) -> None:
    panel = window.training
    assert panel.label_smoothing.value() == pytest.approx(0.1)
    panel.label_smoothing.selectAll()
    qtbot.keyClicks(panel.label_smoothing, "0")
    panel.label_smoothing.editingFinished.emit()
    assert window.studio.state.train_config.label_smoothing == 0.0
    assert panel.label_smoothing.text() == "off"


def test_the_learning_rate_schedule_box_shows_the_default_and_sets_the_run_config(window: Any, qtbot: Any) -> None:
    panel = window.training
    assert panel.learning_rate.value() == pytest.approx(0.001)
    assert panel.lr_schedule.currentText() == "Constant"
    panel.lr_schedule.setFocus()
    qtbot.keyClick(panel.lr_schedule, Qt.Key.Key_Down)
    assert panel.lr_schedule.currentText() == "Lowered gradually (cosine)"
    assert window.studio.state.train_config.lr_schedule == "cosine"
    # a configuration set elsewhere (an opened run's, say) shows in the box
    window.studio.run.set_train_config(replace(window.studio.state.train_config, lr_schedule="constant"))
    assert panel.lr_schedule.currentText() == "Constant"


def test_closing_mid_run_asks_stops_and_waits(window: Any, qtbot: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    asked: list[str] = []

    def answer(parent: Any, title: str, text: str, *args: Any) -> QMessageBox.StandardButton:
        asked.append(title)
        return QMessageBox.StandardButton.No if len(asked) == 1 else QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", answer)
    window.training.epochs.setValue(100)
    window.training.start_button.click()
    qtbot.waitUntil(window.studio.is_running, timeout=5_000)
    thread = window.studio.runs.thread
    assert not window.close()  # "No": the window stays and training goes on
    assert window.studio.is_running()
    assert window.close()
    assert asked == ["Stop training?", "Stop training?"]
    assert thread.isFinished() and not window.studio.is_running()
