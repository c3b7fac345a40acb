"""Never stale, never silent: what the window shows always belongs to the dataset and the run on
screen, and nothing goes wrong without the user being told.

Each test drives the real widgets with a stand-in for training (``fake_train`` of
``test_window``) or for the short jobs (the layer list, predictions, the gallery), so that none
needs TensorFlow: opening another dataset, the live curves and their counters, the mouse wheel,
controls a setting makes useless, the words and tooltips, Predict, the log and uncaught errors,
and the two tracebacks seen in a walk-through.
"""

from __future__ import annotations

import logging
import threading
import time
from dataclasses import replace
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from PySide6.QtCore import QPoint, QPointF, Qt, QThread, QTimer
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QApplication, QMessageBox, QScrollArea, QSpinBox, QVBoxLayout, QWidget

from tests.gui.test_window import Event, Result, fake_train
from tlstudio.core.errors import ConfigError
from tlstudio.core.models.backbones import BackboneInfo, LayerInfo
from tlstudio.gui import jobs
from tlstudio.gui.state import GalleryItem, PredictionItem


@pytest.fixture
def window(make_window: Any, make_image_folder: Any, tmp_path: Path, qtbot: Any) -> Any:
    win = make_window(train_fn=fake_train)
    open_folder(win, make_image_folder(tmp_path / "pets", classes=("cats", "dogs"), per_class=12, size=32), qtbot)
    return win


def open_folder(window: Any, folder: Path, qtbot: Any) -> None:
    window.dataset.set_folder(str(folder))
    qtbot.waitUntil(lambda: window.studio.state.split is not None
                    and window.studio.state.data_path == str(folder), timeout=30_000)


def train_to_end(window: Any, qtbot: Any, epochs: int = 2) -> Any:
    state, done = window.studio.state, len(window.studio.state.results)
    window.training.epochs.setValue(epochs)
    window.training.start_button.click()
    qtbot.waitUntil(lambda: len(state.results) == done + 1 and not window.studio.is_running(), timeout=30_000)
    return state.results[-1]


def picture(value: int = 90) -> np.ndarray:
    return np.full((24, 24, 3), value, dtype=np.uint8)


# -- opening another dataset ----------------------------------------------------------------------
def test_opening_another_dataset_resets_the_old_ones_preview_errors_counters_and_predictions(
        window: Any, make_image_folder: Any, tmp_path: Path, qtbot: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    studio, state, training = window.studio, window.studio.state, window.training
    pets = Path(state.data_path)
    assert Path(studio.augment.preview_image).is_relative_to(pets)

    # A run whose backbone's weights could not be had: its error stands on the Training tab.
    def no_weights(config: Any, **_: Any) -> Any:
        raise ConfigError("The ImageNet weights of MobileNetV2 could not be downloaded.")

    errors: list[str] = []
    studio.error.connect(lambda report, title: errors.append(report.message))
    studio.run.train_fn = no_weights
    training.start_button.click()
    qtbot.waitUntil(lambda: bool(errors) and not studio.is_running(), timeout=10_000)
    assert "could not be downloaded" in training.outcome.text()
    # Pictures predicted with the old dataset's model, one shown in the detail pane.
    state.set_predictions(("cats", "dogs"), (PredictionItem(str(pets / "cats" / "img_0000.jpg"), "cats",
                                                            {"cats": 0.9, "dogs": 0.1}, image=picture(), best="cats"),))
    assert "img_0000.jpg" in window.predict.detail_text.text()
    assert window.predict.detail_original.pixmap() is not None and not window.predict.detail_original.pixmap().isNull()

    birds = make_image_folder(tmp_path / "birds", classes=("owls", "gulls", "crows"), per_class=10, size=32)
    open_folder(window, birds, qtbot)
    assert Path(studio.augment.preview_image).is_relative_to(birds)  # the new dataset's first image
    assert Path(studio.augment.picture_folder()).is_relative_to(birds)  # where "Choose picture…" opens
    assert str(pets) not in window.augment.image_name.text()
    assert training.outcome.text() == ""  # the old backbone's error is gone
    assert window.predict.table.rowCount() == 0 and window.predict.detail_text.text() == ""
    assert window.predict.detail_original.pixmap() is None or window.predict.detail_original.pixmap().isNull()

    # Finished on the old dataset, nothing training now: closing asks nothing.
    studio.run.train_fn = fake_train
    train_to_end(window, qtbot)
    asked: list[str] = []
    monkeypatch.setattr(QMessageBox, "question", lambda parent, title, text, *a: asked.append(text))
    open_folder(window, pets, qtbot)
    assert window.busy_question() == ""
    window.close()
    assert asked == []


def test_no_epoch_counter_of_a_stopped_run_and_no_batch_count_while_idle(window: Any, qtbot: Any) -> None:
    training, state = window.training, window.studio.state
    assert not training.progress.isTextVisible()  # never "batch 0 of 100" before anything ran
    training.epochs.setValue(50)
    training.start_button.click()
    qtbot.waitUntil(lambda: "epoch 2 of 50" in training.epoch_label.text(), timeout=20_000)
    training.stop_button.click()
    qtbot.waitUntil(lambda: not window.studio.is_running(), timeout=10_000)
    assert training.epoch_label.text() == "" and not training.progress.isTextVisible()

    shown_at_start: list[str] = []
    state.running_changed.connect(lambda running: running and shown_at_start.append(training.epoch_label.text()))
    train_to_end(window, qtbot, epochs=2)
    assert shown_at_start == [""]  # not the stopped run's "epoch 3 of 50" beside the new one


# -- the live curves ------------------------------------------------------------------------------
def two_phase_train(config: Any, *, workspace: Path, on_event: Any, should_stop: Any) -> Result:
    """Three head epochs, then three fine-tuning epochs (each phase counts its own epochs)."""
    history: dict[str, list] = {"epoch": [], "val_accuracy": []}
    for phase in ("head", "finetune"):
        on_event(Event("phase", phase, epochs=3, message=""))
        for epoch in (1, 2, 3):
            on_event(Event("batch", phase, epoch, 3, 1, 2))
            time.sleep(0.01)
            acc = 0.5 + 0.05 * len(history["epoch"])
            history["epoch"].append(len(history["epoch"]) + 1)
            history["val_accuracy"].append(acc)
            on_event(Event("epoch", phase, epoch, 3, metrics={"loss": 1.0, "accuracy": acc, "val_loss": 1.0,
                                                             "val_accuracy": acc}))
    return fake_train(replace(config, train=replace(config.train, epochs=1)), workspace=workspace,
                      on_event=lambda e: None, should_stop=should_stop)


def test_the_epoch_axis_fits_a_two_epoch_run(window: Any, qtbot: Any) -> None:
    train_to_end(window, qtbot, epochs=2)
    for plot in (window.training.loss_plot, window.training.acc_plot):
        low, high = plot.getPlotItem().viewRange()[0]
        assert 0.8 <= low <= 1.0 and 2.0 <= high <= 2.2, (low, high)  # 1 to 2, not 1 to 5


def test_fine_tuning_counts_the_runs_epochs_and_its_line_has_no_label_on_the_curves(window: Any, qtbot: Any) -> None:
    training, state = window.training, window.studio.state
    state.update_model(mode="finetune")
    labels: list[str] = []
    state.progress_changed.connect(lambda e: e.kind == "epoch" and labels.append(training.epoch_label.text()))
    window.studio.run.train_fn = two_phase_train
    train_to_end(window, qtbot, epochs=3)
    assert labels == [f"epoch {i} of 6" for i in range(1, 7)]  # never "epoch 3 of 3" beside 6 points
    assert list(training.acc_val.getData()[0]) == [1, 2, 3, 4, 5, 6]
    assert training.acc_plot.getPlotItem().viewRange()[0][1] < 6.5
    for marker in (training.loss_marker, training.acc_marker):
        assert marker.isVisible() and marker.value() == 3.5
        assert getattr(marker, "label", None) is None  # no text drawn inside the plot, over the curves
    assert training.finetune_note.isVisibleTo(training) and "fine-tuning starts" in training.finetune_note.text()


def test_the_time_left_says_estimating_before_there_is_a_pace(window: Any) -> None:
    state = window.studio.state
    state.set_running(True)
    state.apply_event(Event("batch", "head", 1, 5, 1, 10, eta_s=None))
    assert window.training.eta.text() == "estimating the time left…"
    state.apply_event(Event("batch", "head", 1, 5, 2, 10, eta_s=42.0))
    assert window.training.eta.text() == "about 42 s left"
    state.set_running(False)


def test_the_first_time_left_estimate_is_within_half_again_of_the_truth(monkeypatch: pytest.MonkeyPatch) -> None:
    """The first step of a phase also builds and compiles the network: 4 s, where a step takes
    0.1 s. The first estimate shown must be within a factor of 1.5 of the time really left."""
    from tlstudio.core.training import events

    clock = [100.0]
    monkeypatch.setattr(events.time, "monotonic", lambda: clock[0])
    reporter = events.Reporter(lambda e: None, lambda: False)
    reporter.start_phase("head", "Training the head", epochs=5)
    total, first = 50, None
    for done in range(1, total + 1):
        clock[0] += 4.0 if done == 1 else 0.1
        estimate = reporter.eta(done, total)
        if estimate is not None and first is None:
            first = (estimate, 0.1 * (total - done))
    assert first is not None
    estimate, truth = first
    assert truth / 1.5 <= estimate <= truth * 1.5, first


# -- the mouse wheel ------------------------------------------------------------------------------
def wheel(widget: QWidget, steps: int = -1) -> None:
    """One notch of the wheel over ``widget`` (negative: towards the user, scrolling down)."""
    centre = QPointF(widget.rect().center())
    event = QWheelEvent(centre, QPointF(widget.mapToGlobal(widget.rect().center())), QPoint(0, 0),
                        QPoint(0, 120 * steps), Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier,
                        Qt.ScrollPhase.NoScrollPhase, False)
    QApplication.sendEvent(widget, event)


def test_the_mouse_wheel_scrolls_the_panel_and_never_changes_a_value_the_pointer_passes(window: Any, qtbot: Any) -> None:
    epochs = window.training.epochs
    before = epochs.value()
    wheel(epochs, +1)
    wheel(epochs, -1)
    wheel(window.training.lr_schedule, -1)
    assert epochs.value() == before and window.training.lr_schedule.currentIndex() == 0
    assert epochs.focusPolicy() == Qt.FocusPolicy.StrongFocus  # the wheel does not give it the focus either

    area = QScrollArea()  # a panel taller than its window: the wheel over a spin box scrolls it
    page = QWidget()
    column = QVBoxLayout(page)
    spins = [QSpinBox() for _ in range(30)]
    for spin in spins:
        spin.setValue(5)
        column.addWidget(spin)
    area.setWidget(page)
    area.resize(200, 150)
    qtbot.addWidget(area)
    area.show()
    qtbot.waitExposed(area)
    wheel(spins[1], -1)
    assert spins[1].value() == 5 and area.verticalScrollBar().value() > 0
    spins[1].setFocus()  # chosen on purpose (a click, Tab): then the wheel changes it
    qtbot.waitUntil(spins[1].hasFocus, timeout=2_000)
    wheel(spins[1], +1)
    assert spins[1].value() == 6


# -- controls that do nothing ---------------------------------------------------------------------
def test_a_folder_with_its_own_test_folder_greys_the_test_share(make_window: Any, make_image_folder: Any,
                                                                  tmp_path: Path, qtbot: Any) -> None:
    window = make_window(train_fn=fake_train)
    open_folder(window, make_image_folder(tmp_path / "split", per_class=10, size=32, layout="split"), qtbot)
    test = window.dataset.test_percent
    assert not test.isEnabled() and "test/ folder" in test.toolTip()
    assert window.dataset.val_percent.isEnabled()
    open_folder(window, make_image_folder(tmp_path / "flat", per_class=10, size=32), qtbot)
    assert test.isEnabled() and test.toolTip() == ""


def test_settings_the_mode_ignores_are_greyed_with_the_reason(window: Any) -> None:
    training, model, state = window.training, window.model, window.studio.state
    model.mode_buttons["transfer"].click()
    assert not training.finetune_epochs.isEnabled() and not training.lr_factor.isEnabled()
    assert "Used only when fine-tuning" in training.lr_factor.toolTip()
    model.mode_buttons["finetune"].click()
    assert training.finetune_epochs.isEnabled() and training.lr_factor.isEnabled()
    window.studio.augment.set_augment_preset("none")
    assert not training.augment_views.isEnabled() and "augmentation is off" in training.augment_views.toolTip()
    window.studio.augment.set_augment_preset("natural")
    assert training.augment_views.isEnabled()
    state.update_model(mode="scratch")
    assert not training.augment_views.isEnabled() and not model.weights.isEnabled()
    assert "random weights" in model.weights.toolTip()
    assert training.compare_button.isEnabled()
    state.set_backbones(infos() + [BackboneInfo("scratch_cnn", "Small CNN", 64, 32, 10, True, "A CNN", None)])
    state.update_model(backbone="scratch_cnn")  # nothing to transfer: comparing the three modes cannot work
    assert not training.compare_button.isEnabled() and "pretrained weights" in training.compare_button.toolTip()


# -- words ----------------------------------------------------------------------------------------
def layers_of(prefix: str) -> list[LayerInfo]:
    kinds = ("InputLayer", "Conv2D", "BatchNormalization", "Conv2D", "BatchNormalization", "Activation")
    return [LayerInfo(i, f"{prefix}_block{i}_expand_conv_with_a_long_name" if i else f"{prefix}_input", kind,
                      "(None, 8, 8, 16)", 100 * i, f"block{i // 2}") for i, kind in enumerate(kinds)]


def infos() -> list[BackboneInfo]:
    return [BackboneInfo(key, key, 64, 32, 1000, True, "A test backbone", f"{key}_block3_expand_conv_with_a_long_name")
            for key in ("alpha", "beta")]


@pytest.fixture
def layered(window: Any, monkeypatch: pytest.MonkeyPatch, qtbot: Any) -> Any:
    """The window with two listed backbones whose layer lists come from a stand-in job."""
    monkeypatch.setattr(jobs, "layer_list", lambda backbone, size: (backbone, layers_of(backbone)))
    studio = window.studio
    studio.tf_ready = True
    studio.state.set_backbones(infos())
    window.model.choose_backbone("alpha")
    qtbot.waitUntil(lambda: bool(studio.state.layers) and studio.state.layers[0].name.startswith("alpha"), timeout=5_000)
    return window


def test_switching_backbone_while_fine_tuning_raises_nothing(layered: Any, qtbot: Any) -> None:
    """The traceback seen: ValueError "'stage2_block2_expand_conv' is not in list" in _show_plan
    on every backbone switch in fine-tune mode (the old plan met the new layer list)."""
    model, state = layered.model, layered.studio.state
    model.layers.itemClicked.emit(model.layer_item("alpha_block3_expand_conv_with_a_long_name"), 0)
    assert state.model_config.mode == "finetune"
    model.choose_backbone("beta")
    qtbot.waitUntil(lambda: bool(state.layers) and state.layers[0].name.startswith("beta")
                    and state.freeze_plan is not None, timeout=5_000)
    assert state.freeze_plan.cutoff == "beta_block3_expand_conv_with_a_long_name"
    assert "Fine-tuning from beta_block3" in model.counts.text()


def test_layer_names_keep_a_tooltip_and_batch_normalisation_says_why_it_stays_locked(layered: Any) -> None:
    model = layered.model
    model.mode_buttons["finetune"].click()
    for layer in layered.studio.state.layers:
        item = model.layer_item(layer.name)
        assert item.toolTip(0).startswith(layer.name)  # a name cut in the column is whole on hover
    locked = model.layer_item("alpha_block4_expand_conv_with_a_long_name")  # BatchNormalization after the cutoff
    assert "averages it learnt on ImageNet" in locked.toolTip(0)
    assert "1 batch normalisation layers after the cutoff stay locked" in model.counts.text()


def test_the_head_and_training_settings_are_in_plain_words_with_a_tooltip(window: Any) -> None:
    model, training = window.model, window.training
    window.studio.augment.set_augment_preset("natural")
    window.studio.state.update_model(head=replace(window.studio.state.model_config.head, dense=(256,)))
    assert model.dense_words.text() == "Hidden layer: 256 units."
    assert "hidden layer is a layer of units" in model.dense.toolTip()
    form = training.patience.parentWidget().layout()
    for field, words in ((training.patience, "without a better validation accuracy"),
                         (training.seed, "same seed"), (training.label_smoothing, "Softens"),
                         (training.augment_views, "copies of each training image")):
        label = form.labelForField(field)
        assert "(?)" in label.text() and words in field.toolTip() and label.toolTip() == field.toolTip()


# -- Results: the mistakes ------------------------------------------------------------------------
def with_mistakes(result: Any, classes: tuple[str, ...], n: int) -> Any:
    k = len(classes)
    confusion = [[3 if i == j else (n if (i, j) == (k - 1, 1) else 0) for j in range(k)] for i in range(k)]
    ev = replace(result.evaluation, class_names=classes, misclassified=tuple(range(n)), confusion=confusion,
                 per_class=result.evaluation.per_class[:1] * k)
    return replace(result, evaluation=ev, class_names=classes)


def test_a_sure_mistake_shows_more_than_99_9_and_the_mistakes_sort_by_confidence(window: Any, qtbot: Any) -> None:
    result = train_to_end(window, qtbot)
    state, results = window.studio.state, window.results
    items = tuple(GalleryItem(f"/x/img_{i}.jpg", 0, 1, probs, picture(40 * i)) for i, probs in
                  enumerate(((0.4, 0.6), (0.00002, 0.99998), (0.2, 0.8))))
    state.set_current_result(result)
    state.set_gallery(items)
    texts = [results.gallery.item(i).text().splitlines()[1] for i in range(3)]
    assert texts == ["60.0%", ">99.9%", "80.0%"]
    results.gallery.setCurrentRow(1)
    assert ">99.9%" in results.detail_text.text() and "100.0%" not in results.detail_text.text()
    order = results.gallery_order
    order.setCurrentIndex(order.findData("confident"))
    order.activated.emit(order.currentIndex())
    assert [results.gallery.item(i).data(Qt.ItemDataRole.UserRole + 1).path for i in range(3)] == \
        ["/x/img_1.jpg", "/x/img_2.jpg", "/x/img_0.jpg"]
    order.setCurrentIndex(order.findData("unsure"))
    order.activated.emit(order.currentIndex())
    assert results.gallery.item(0).data(Qt.ItemDataRole.UserRole + 1).path == "/x/img_0.jpg"


def test_no_gallery_of_another_run_arrives_after_a_compare(window: Any, qtbot: Any,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    """The traceback seen: IndexError "tuple index out of range" in _gallery_selected around a
    compare: the Grad-CAM pictures of a run with three classes arrived while a two-class run
    without mistakes was on screen."""
    first = train_to_end(window, qtbot)
    three = with_mistakes(first, ("cats", "dogs", "owls"), 2)
    two = replace(first, run_dir=first.run_dir.parent / "run-z")
    released = threading.Event()

    def slow_gallery(run_dir: str, misclassified: Any) -> tuple:
        released.wait(5)
        return tuple(GalleryItem(f"/x/{i}.jpg", 2, 1, (0.1, 0.2, 0.7), picture()) for i in misclassified)

    monkeypatch.setattr(jobs, "misclassified_gallery", slow_gallery)
    studio = window.studio
    studio.results.show_result(three)
    studio.results.show_result(two)
    released.set()
    qtbot.wait(300)
    studio.pool.wait_for_done()
    qtbot.wait(100)
    assert studio.state.gallery == () and window.results.gallery.count() == 0


# -- Predict --------------------------------------------------------------------------------------
def fake_predictions(model_path: str, paths: list, *, on_progress: Any) -> tuple:
    items = tuple(PredictionItem(p, "cats", {"cats": 0.7 + 0.01 * i, "dogs": 0.3 - 0.01 * i}, image=picture(),
                                 overlay=picture(200), best="cats") for i, p in enumerate(paths))
    return ("cats", "dogs"), items


def test_add_images_adds_to_the_list_and_the_detail_follows_the_selection(window: Any, qtbot: Any,
                                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(jobs, "predict_images", fake_predictions)
    studio, predict = window.studio, window.predict
    studio.predict.set_predict_model("/models/model.keras")
    predict.predict(["/new/a.jpg", "/new/b.jpg"])
    qtbot.waitUntil(lambda: predict.table.rowCount() == 2, timeout=5_000)
    predict.predict(["/new/c.jpg"])  # Add images… again: added, not instead
    qtbot.waitUntil(lambda: predict.table.rowCount() == 3, timeout=5_000)
    assert [predict.table.item(r, 1).text() for r in range(3)] == ["/new/a.jpg", "/new/b.jpg", "/new/c.jpg"]
    assert "c.jpg" in predict.detail_text.text()  # the newest picture, selected and shown
    predict.table.selectRow(0)
    assert "a.jpg" in predict.detail_text.text()
    predict.table.selectRow(1)
    assert "b.jpg" in predict.detail_text.text()
    predict.predict(["/new/a.jpg"])  # predicted again: one line, not two
    qtbot.waitUntil(lambda: "a.jpg" in predict.detail_text.text(), timeout=5_000)
    assert predict.table.rowCount() == 3
    captions = {label.text() for label in predict.findChildren(type(predict.model_label))}
    assert {"The picture", "Where the model looked"} <= captions
    legend = predict.legend
    assert legend.findChild(type(predict.model_label), "heatLegendBar").pixmap().width() > 100
    assert any("blue" in label.text() for label in legend.findChildren(type(predict.model_label)))
    predict.clear_button.click()
    assert predict.table.rowCount() == 0 and predict.detail_text.text() == ""


# -- the log and uncaught errors ------------------------------------------------------------------
def test_help_open_log_shows_the_log_in_a_window(window: Any, qtbot: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    from PySide6.QtGui import QDesktopServices

    opened: list[Any] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url) or False)
    logging.getLogger("tlstudio").warning("A line only the log has")
    for handler in logging.getLogger("tlstudio").handlers:
        handler.flush()
    action = next(a for a in window.findChildren(type(window.language_actions["en"])) if a.text() == "Open &log")
    action.trigger()
    log = window.log_window
    assert log is not None and log.isVisible() and opened == []  # no file viewer needed
    assert "A line only the log has" in log.text.toPlainText()


class Failing(QThread):
    def run(self) -> None:  # noqa: D102
        raise RuntimeError("broken inside a QThread")


@pytest.mark.filterwarnings("ignore::pytest.PytestUnhandledThreadExceptionWarning")  # the thread's own, on purpose
def test_uncaught_exceptions_reach_the_log_and_a_plain_dialog(window: Any, qtbot: Any) -> None:
    from tlstudio.gui.errors import uncaught_errors

    log = Path(window.log_path)
    with qtbot.capture_exceptions() as caught:
        catcher = uncaught_errors(QApplication.instance())  # over the test runner's own hook
        QTimer.singleShot(0, lambda: 1 / 0)
        qtbot.waitUntil(lambda: len(caught) == 1, timeout=5_000)
        thread = Failing()
        thread.start()
        qtbot.waitUntil(thread.isFinished, timeout=5_000)
        qtbot.waitUntil(lambda: len(caught) == 2, timeout=5_000)
        plain = threading.Thread(target=lambda: [][1], name="tlstudio-test-thread")
        plain.start()
        plain.join()
        qtbot.waitUntil(lambda: len(catcher.reports) >= 3, timeout=5_000)
    for handler in logging.getLogger("tlstudio").handlers:
        handler.flush()
    text = log.read_text(encoding="utf-8")
    for words in ("ZeroDivisionError", "broken inside a QThread", "IndexError"):
        assert words in text
    qtbot.waitUntil(lambda: window.findChild(QMessageBox, "errorDialog") is not None, timeout=5_000)
    box = window.findChild(QMessageBox, "errorDialog")
    assert box.text().startswith("Something went wrong inside tlstudio")
    assert "Traceback" not in box.text() and "Traceback" in box.detailedText()
    box.close()


# -- Portuguese -----------------------------------------------------------------------------------
@pytest.fixture
def in_portuguese(qapp: QApplication) -> Any:
    """The compiled Portuguese translation of resources/i18n installed for the test, then removed."""
    from tlstudio.gui import i18n

    translators = i18n.install_translators(qapp, "pt_BR")
    assert i18n.current_language() == "pt_BR", "compile the translations first: python -m tlstudio.gui.i18n"
    yield
    i18n.remove_translators(qapp, translators)


HEAD_KEPT = ("Fine-tuning did not improve validation accuracy (70.0% vs 75.0% with the backbone frozen), so the "
             "head-only weights were kept.")


def test_the_portuguese_window_has_no_english_left_and_writes_numbers_the_brazilian_way(
        in_portuguese: Any, make_window: Any, make_image_folder: Any, tmp_path: Path, qtbot: Any) -> None:
    window = make_window(train_fn=fake_train)
    studio, state = window.studio, window.studio.state
    studio.dataset.set_split_config(replace(state.split_config, train_per_class=5))
    open_folder(window, make_image_folder(tmp_path / "pets", classes=("cats", "dogs"), per_class=20, size=32), qtbot)
    qtbot.waitUntil(lambda: "•" in window.dataset.warnings.text(), timeout=10_000)  # after the duplicate check
    warnings = window.dataset.warnings.text()
    assert "O treino usa no máximo 5 imagens por classe" in warnings and "Training uses" not in warnings
    statuses: list[str] = []
    state.status_changed.connect(statuses.append)
    result = train_to_end(window, qtbot)
    log = window.training.log.toPlainText()
    for english in ("Training", "epoch", "accuracy", "Finished", "loss", "head"):
        assert english not in log, log
        assert not any(english in line for line in statuses), statuses
    assert "75,0%" in window.training.outcome.text() and "perda 1,000, acurácia 54,0%" in log
    results = window.results
    # 8 test images: too few for an interval (core.evaluation.metrics.MIN_FOR_INTERVAL)
    assert "75,0%" in results.summary.text() and "74,0%" in results.summary.text()
    assert "poucas imagens de teste para medir" in results.summary.text()
    table = results.runs_table
    row = [table.item(0, c).text() for c in range(table.columnCount()) if table.item(0, c) is not None]
    assert "75,0% (poucas imagens de teste para medir)" in row, row
    assert window.training.learning_rate.text() == "0,00100"  # the spin boxes too

    studio.results.show_result(replace(result, notes=(HEAD_KEPT,)))  # fine-tuning kept the head-only weights
    assert "por isso foram mantidos os pesos do treino só da cabeça" in results.summary.text()
    assert "70,0% contra 75,0%" in results.summary.text() and "Fine-tuning" not in results.summary.text()

    # 20 test images: the summary and the per-class table show intervals, with no English word
    from tlstudio.core.evaluation.metrics import evaluate_predictions

    y = np.array([0] * 10 + [1] * 10)
    probs = np.eye(2)[np.where(np.arange(20) % 5 == 0, 1 - y, y)]  # 4 of 20 wrong
    studio.results.show_result(replace(result, notes=(), evaluation=evaluate_predictions(
        y, probs, ["cats", "dogs"], [f"{i}.png" for i in range(20)])))
    summary = results.summary.text()
    assert "Acurácia de teste 80,0% (intervalo de 95%: " in summary and " to " not in summary, summary
    assert "(" in results.per_class.item(0, 2).text() and "poucas" not in results.per_class.item(0, 2).text()

    window.tabs.setCurrentWidget(results)  # the headers of both tables fit their columns
    for tab, table in ((0, results.per_class), (1, results.runs_table)):
        results.tabs.setCurrentIndex(tab)
        qtbot.waitUntil(table.isVisible, timeout=2_000)
        header = table.horizontalHeader()
        for column in range(table.columnCount()):
            text = table.horizontalHeaderItem(column).text()
            needed = max(header.fontMetrics().horizontalAdvance(line) for line in text.splitlines())
            assert header.sectionSize(column) >= needed + 6, (text, header.sectionSize(column), needed)
