"""A studio that remembers: two real runs on two datasets are there after a restart with the same
workspace, with the last dataset and the tabs' settings; Compare shows the current dataset's runs
(a choice shows all) with the settings that differ, curves told apart and named on hover, and a
verdict; a run is renamed, given a note and deleted to the trash from the window; the workspace
folder is shown, changed from the File menu and opened again at the next start."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QFileDialog, QInputDialog, QMessageBox

from tests.core.fake_runs import dataset, fake_run, tree_hash, use_test_trash


def _open(window: Any, folder: Path, qtbot: Any, errors: list) -> None:
    state = window.studio.state
    window.dataset.path_edit.setText(str(folder))
    QTest.keyClick(window.dataset.path_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: (state.split is not None and state.data_path == str(folder)) or bool(errors),
                    timeout=60_000)
    assert not errors, errors


def _train(window: Any, qtbot: Any, errors: list) -> Any:
    studio, state = window.studio, window.studio.state
    window.training.start_button.click()
    qtbot.waitUntil(lambda: (not studio.is_running() and len(state.results) == 1) or bool(errors), timeout=120_000)
    assert not errors, errors
    return state.results[0]


def _column(table: Any, header: str) -> int:
    return [table.horizontalHeaderItem(c).text() for c in range(table.columnCount())].index(header)


def _collect_errors(window: Any) -> list:
    errors: list[str] = []
    window.studio.error.connect(lambda report, title: errors.append(f"{title}: {report.message}\n{report.details}"))
    return errors


@pytest.mark.slow
def test_two_runs_on_two_datasets_are_there_after_a_restart(make_window: Any, make_image_folder: Any, settings: Any,
                                                            tmp_path: Path, qtbot: Any) -> None:
    pytest.importorskip("tensorflow")
    from tlstudio.gui.app import start

    flowers = make_image_folder(tmp_path / "flowers", classes=("roses", "tulips"), per_class=12, size=40)
    digits = make_image_folder(tmp_path / "digits", classes=("one", "two", "three"), per_class=10, size=40, seed=1)
    window = make_window()
    studio, state = window.studio, window.studio.state
    errors = _collect_errors(window)
    studio.load_tensorflow()
    _open(window, flowers, qtbot, errors)
    qtbot.waitUntil(lambda: bool(state.backbones) or bool(errors), timeout=120_000)
    # The settings a user picks: a split, the small CNN from scratch at 40 px, 1 epoch, batch 8, a preset.
    window.dataset.test_percent.setValue(25)
    window.dataset.test_percent.editingFinished.emit()
    window.model.choose_backbone("scratch_cnn")
    window.model.mode_buttons["scratch"].click()
    window.model.image_size.setValue(40)
    window.model.image_size.editingFinished.emit()
    window.training.epochs.setValue(1)
    window.training.epochs.editingFinished.emit()
    window.training.batch_size.setValue(8)
    window.training.batch_size.editingFinished.emit()
    window.augment.choose_preset("natural")
    window.augment.flip_h.setChecked(False)  # the preset, then one change of the user's
    qtbot.waitUntil(lambda: not state.augment.flip_horizontal, timeout=5_000)
    assert state.model_config.image_size == 40 and state.split_config.test_fraction == pytest.approx(0.25)

    first = _train(window, qtbot, errors)
    table = window.results.compare.table
    assert table.rowCount() == 1
    table.item(0, 1).setText("flowers, first try")  # as typed into the Name cell
    assert window.results.run_choice.itemText(0).endswith("flowers, first try · From scratch · scratch_cnn")

    _open(window, digits, qtbot, errors)
    qtbot.waitUntil(lambda: state.results == [] and table.rowCount() == 0, timeout=10_000)  # not the flowers' run
    second = _train(window, qtbot, errors)
    assert second.run_dir != first.run_dir
    window.close()
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=10_000)

    # Start again on the same workspace and settings, as the app starts.
    settings.mark_launched()
    again = make_window()
    studio, state = again.studio, again.studio.state
    errors = _collect_errors(again)
    start(again)
    qtbot.waitUntil(lambda: (state.data_path == str(digits) and len(state.results) == 1
                             and state.current_result is not None) or bool(errors), timeout=120_000)
    assert not errors, errors
    assert state.results[0].run_dir == second.run_dir and state.results[0].evaluation is not None
    # the settings, in the state and in the widgets
    assert (state.model_config.backbone, state.model_config.mode, state.model_config.image_size) == (
        "scratch_cnn", "scratch", 40)
    assert (state.train_config.epochs, state.train_config.batch_size) == (1, 8)
    assert state.split_config.test_fraction == pytest.approx(0.25) and again.dataset.test_percent.value() == 25
    assert again.model.image_size.value() == 40 and again.training.epochs.value() == 1
    assert again.augment.preset.currentData() == "natural" and studio.augment.preset == "natural"
    assert not state.augment.flip_horizontal and not again.augment.flip_h.isChecked()
    # the run's results: summary, confusion matrix, curves, calibration, mistakes
    results = again.results
    assert "Test accuracy" in results.summary.text() and results.confusion.rowCount() == 3
    assert state.calibration is not None and state.calibration.test_count == len(second.evaluation.misclassified) + \
        round(second.evaluation.accuracy * state.calibration.test_count)
    if second.evaluation.misclassified:
        qtbot.waitUntil(lambda: len(state.gallery) > 0, timeout=60_000)
    # Compare: the digits' run only; the choice shows both, the renamed one among them
    compare = results.compare
    assert compare.table.rowCount() == 1 and compare.table.item(0, _column(compare.table, "Dataset")).text() == "digits"
    assert len(compare.curves[0].getData()[0]) == len(second.history["epoch"])
    compare.show_all.click()
    assert compare.table.rowCount() == 2
    names = {compare.table.item(r, 1).text() for r in range(2)}
    assert "flowers, first try" in names
    assert {compare.table.item(r, _column(compare.table, "Dataset")).text() for r in range(2)} == {"digits", "flowers"}


@pytest.fixture
def saved_runs(tmp_path: Path) -> tuple[Path, Path, list]:
    """A workspace with two runs of 'flowers' (tested on the same images) and one of 'xrays'."""
    ws = tmp_path / "workspace"
    flowers, xrays = dataset(tmp_path / "flowers"), dataset(tmp_path / "xrays")
    runs = [fake_run(ws, flowers, wrong={0}, size=96, name="small"),
            fake_run(ws, xrays, wrong={1}, name="chest"),
            fake_run(ws, flowers, wrong={0, 1, 2, 3, 4, 5, 6}, size=128, epochs=5, name="big")]
    return flowers, xrays, runs


def test_compare_is_scoped_to_the_dataset_and_edits_runs(make_window: Any, saved_runs: Any, settings: Any,
                                                         tmp_path: Path, qtbot: Any, monkeypatch: Any) -> None:
    trash = use_test_trash(monkeypatch, tmp_path / "xdg")
    flowers, xrays, (small, chest, big) = saved_runs
    before = tree_hash(flowers)
    window = make_window()
    state, compare = window.studio.state, window.results.compare
    errors = _collect_errors(window)
    state.set_data_path(str(flowers))
    qtbot.waitUntil(lambda: len(state.results) == 2, timeout=10_000)
    table = compare.table
    # the runs of flowers, newest first, with date, name, dataset, size and the settings that differ
    assert [table.item(r, 1).text() for r in range(2)] == ["big", "small"]
    assert [window.results.run_choice.itemText(i).split(" · ")[1] for i in range(2)] == ["big", "small"]
    assert table.item(0, _column(table, "Image size")).text() == "128 px"
    assert table.item(0, _column(table, "Epochs")).text() == "5" and table.item(1, _column(table, "Epochs")).text() == "2"
    assert table.item(0, _column(table, "Date")).text() != "" and table.item(0, _column(table, "Dataset")).text() == "flowers"
    assert "<b>small</b> did best: 90.0%" in compare.verdict_text.text()
    assert "larger than chance (McNemar's test, p = 0.031)" in compare.verdict_text.text()
    # curves told apart by colour and line style; hovering a point names the run
    pens = [c.opts["pen"] for c in compare.curves]
    assert pens[0].color() != pens[1].color() and pens[0].style() != pens[1].style()
    assert compare.curves[0].scatter.opts["hoverable"]
    assert compare.curves[1].scatter.opts["tip"](x=2.0, y=0.75, data=None).startswith("2. small")

    compare.show_all.click()  # every dataset's runs; remembered
    assert table.rowCount() == 3 and settings.compare_all
    assert "<b>small</b> did best" in compare.verdict_text.text()  # the verdict stays within one dataset
    compare.show_all.click()
    assert table.rowCount() == 2 and not settings.compare_all

    table.item(1, 1).setText("96 px")  # rename in the table
    assert table.item(1, 1).text() == "96 px" and window.results.run_choice.itemText(1).split(" · ")[1] == "96 px"
    table.selectRow(1)
    monkeypatch.setattr(QInputDialog, "getMultiLineText", lambda *a, **k: ("enough for flowers", True))
    compare.note_button.click()
    assert "enough for flowers" in table.item(1, 1).toolTip()
    from tlstudio.core.outputs.catalog import read_entry

    assert (read_entry(small.path).name, read_entry(small.path).note) == ("96 px", "enough for flowers")

    table.selectRow(0)

    asked: list[str] = []

    def answer() -> None:
        boxes = [w for w in QApplication.topLevelWidgets()
                 if isinstance(w, QMessageBox) and w.isVisible() and "Delete the run" in w.text()]
        if not boxes:
            QTimer.singleShot(50, answer)
            return
        asked.append(boxes[0].text())
        next(b for b in boxes[0].buttons() if b.text().replace("&", "") == "Move to trash").click()

    QTimer.singleShot(100, answer)
    compare.delete_button.click()
    qtbot.waitUntil(lambda: table.rowCount() == 1 and not big.path.exists(), timeout=10_000)
    assert "big" in asked[0] and "image folder is not touched" in asked[0]
    assert (trash / big.id).is_dir() and len(state.results) == 1
    assert tree_hash(flowers) == before and chest.path.exists()
    assert not errors, errors


def test_the_workspace_folder_is_shown_changed_and_opened_again(make_window: Any, saved_runs: Any, settings: Any,
                                                                tmp_path: Path, qtbot: Any, monkeypatch: Any) -> None:
    from tlstudio.gui.app import create_window

    flowers, _, _ = saved_runs
    other = tmp_path / "other workspace"
    window = make_window()
    assert str(tmp_path / "workspace") in window.workspace_text.text()
    window.studio.state.set_data_path(str(flowers))
    qtbot.waitUntil(lambda: len(window.studio.state.results) == 2, timeout=10_000)
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: str(other))
    window.workspace_action.trigger()
    assert window.studio.workspace == other and (other / "runs").is_dir()
    assert str(other) in window.workspace_text.text() and settings.workspace == str(other)
    qtbot.waitUntil(lambda: window.studio.state.results == [], timeout=10_000)  # the new workspace has no runs

    monkeypatch.delenv("TLSTUDIO_WORKSPACE", raising=False)
    again = create_window(None, settings)  # the next start
    qtbot.addWidget(again, before_close_func=lambda w: w.studio.shutdown())
    assert again.studio.workspace == other
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: str(flowers / "cats"))
    errors = _collect_errors(window)
    window.workspace_action.trigger()  # inside the image folder: refused in plain words
    assert window.studio.workspace == other and "never writes into the dataset" in errors[0]


def test_the_tabs_settings_come_back_at_the_next_start(make_window: Any, settings: Any, qtbot: Any) -> None:
    from dataclasses import replace

    from tlstudio.core.config import AugmentSpec, ModelConfig, SplitConfig

    window = make_window()
    state = window.studio.state
    state.set_split_config(SplitConfig(val_fraction=0.2, test_fraction=0.3, seed=7, train_per_class=50))
    state.set_model_config(ModelConfig(backbone="mobilenet_v2", mode="finetune", image_size=96))
    state.set_train_config(replace(state.train_config, epochs=12, batch_size=16, learning_rate=3e-4))
    window.augment.choose_preset("chest_xray")
    state.set_augment(AugmentSpec(rotation=0.02, brightness=0.1))
    window.close()
    settings.set_config("train", {"epochs": -3})  # a setting this version cannot use: left out, no error

    again = make_window()
    state = again.studio.state
    assert state.split_config == SplitConfig(val_fraction=0.2, test_fraction=0.3, seed=7, train_per_class=50)
    assert again.dataset.test_percent.value() == 30 and again.dataset.train_cap.value() == 50
    assert (state.model_config.backbone, state.model_config.mode, state.model_config.image_size) == (
        "mobilenet_v2", "finetune", 96)
    assert again.model.image_size.value() == 96 and again.model.mode_buttons["finetune"].isChecked()
    assert state.train_config.epochs == 5  # the damaged one stayed at its default
    assert state.augment == AugmentSpec(rotation=0.02, brightness=0.1)
    assert again.augment.preset.currentData() == "chest_xray" and again.studio.augment.preset == "chest_xray"


def test_settings_change_the_workspace_and_the_language_together(make_window: Any, settings: Any, tmp_path: Path,
                                                                 qtbot: Any) -> None:
    from PySide6.QtWidgets import QDialogButtonBox

    window = make_window()
    other = tmp_path / "settings workspace"
    told: list[str] = []

    def fill() -> None:
        dialog = window.settings_dialog
        assert dialog.workspace_edit.text() == str(window.studio.workspace)  # shows where runs go now
        dialog.workspace_edit.setText(str(other))
        dialog.language_box.setCurrentIndex(dialog.language_box.findData("pt_BR"))
        dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok).click()

    def dismiss() -> None:  # "the new language is used from the next start"
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox):
            told.append(box.text())
            box.accept()
        else:
            QTimer.singleShot(50, dismiss)

    QTimer.singleShot(100, fill)
    QTimer.singleShot(200, dismiss)
    window.settings_action.trigger()
    assert window.studio.workspace == other and (other / "runs").is_dir()
    assert str(other) in window.workspace_text.text() and settings.workspace == str(other)
    assert settings.language == "pt_BR" and window.language_actions["pt_BR"].isChecked()
    assert told and "next start" in told[0]
