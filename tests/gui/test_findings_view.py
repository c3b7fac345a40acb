"""The Results page says what the check found beside the accuracy; the Dataset tab chooses what runs
do with label conflicts; the Check labels tab lists suspects and leaves ticked ones out; the
comparison shows each class's recall without and with class weights.

One tiny from-scratch run (40 px, one epoch) on a training/ + test/ folder holding a picture filed
under two classes and a test class of 3 pictures.
"""

from __future__ import annotations

import shutil
from dataclasses import replace
from pathlib import Path
from typing import Any

import numpy as np
import pytest

pytest.importorskip("tensorflow")

from PySide6.QtCore import Qt  # noqa: E402

from tests.conftest import write_class_images  # noqa: E402


def _folder(root: Path) -> Path:
    rng = np.random.default_rng(5)
    for index, (name, n_test) in enumerate((("melanoma", 6), ("nevus", 3))):
        write_class_images(root / "training" / name, index, 12, 40, rng)
        write_class_images(root / "test" / name, index, n_test, 40, rng, start=100)
    shutil.copy(root / "training" / "melanoma" / "img_0000.jpg", root / "training" / "nevus" / "copy.jpg")
    return root


def test_the_results_page_shows_what_the_check_found(make_window: Any, tmp_path: Path, tiny_core_run: Any) -> None:
    data = _folder(tmp_path / "data")
    result = tiny_core_run(data, tmp_path / "workspace", epochs=1)
    window = make_window()
    state, panel = window.studio.state, window.results
    assert not panel.findings.isVisibleTo(panel)
    state.add_results([result])
    window.studio.results.show_result(result)
    assert panel.findings.isVisibleTo(panel)
    text = panel.findings.text.text()
    assert "The same picture is labelled both melanoma and nevus (1 picture)." in text
    assert "lowers accuracy rather than inflating it" in text
    nevus = next(c for c in result.evaluation.per_class if c.name == "nevus")
    assert (f"nevus: recall {nevus.recall:.0%} is measured on 3 pictures; its 95% interval is "
            f"{nevus.recall_ci[0]:.0%} to {nevus.recall_ci[1]:.0%}.") in text
    assert "Split folders read by their names: training/ as the training images." in text


def test_label_conflicts_are_chosen_in_the_dataset_tab(make_window: Any) -> None:
    window = make_window()
    state, combo = window.studio.state, window.dataset.conflicts
    state.set_split_config(replace(state.split_config, seed=7))
    combo.setCurrentIndex(combo.findData("exclude"))
    combo.activated.emit(combo.currentIndex())
    assert state.split_config.label_conflicts == "exclude" and state.split_config.seed == 7
    state.data_path = "/data"
    assert state.run_config().split.label_conflicts == "exclude"


def test_check_labels_lists_suspects_and_leaves_the_ticked_ones_out(make_window: Any, tmp_path: Path) -> None:
    from tlstudio.core.studies.labels import LabelCheck, Suspect
    from tlstudio.gui.labels_view import LabelCheckShown

    rng = np.random.default_rng(0)
    paths = write_class_images(tmp_path / "data" / "cats", 0, 2, 40, rng)
    window = make_window()
    state, view = window.studio.state, window.results.labels
    state.data_path = str(tmp_path / "data")
    check = LabelCheck(str(tmp_path / "data"), "scratch_cnn", "scratch", ("cats", "dogs"), 5, 40,
                       [Suspect(str(paths[0]), "cats", 0.04, "dogs", 0.93), Suspect(str(paths[1]), "cats", 0.2, "dogs", 0.7)])
    view.show_check(LabelCheckShown(check, tuple(np.zeros((40, 40, 3), np.uint8) for _ in paths)))
    assert view.summary.text() == "2 of 40 pictures look mislabelled (5 folds); least likely given label first."
    assert [view.table.item(0, c).text() for c in range(5)] == ["img_0000.jpg", "cats", "4.0%", "dogs", "93.0%"]
    assert not view.table.item(0, 0).icon().isNull()
    view.table.item(1, 5).setCheckState(Qt.CheckState.Checked)
    view.exclude_button.click()
    assert state.split_config.exclude == ("cats/img_0001.jpg",)
    assert state.run_config().split.exclude == ("cats/img_0001.jpg",)


def test_the_comparison_shows_each_class_recall_with_and_without_class_weights(make_window: Any) -> None:
    from tlstudio.core.config import RunConfig, TrainConfig
    from tlstudio.core.evaluation.metrics import evaluate_predictions
    from tlstudio.core.training.train import RunResult

    y = [0] * 8 + [1] * 4
    without = np.eye(2)[[0] * 8 + [0, 0, 0, 1]]  # melanoma 8/8, nevus 1/4
    with_weights = np.eye(2)[[0] * 6 + [1, 1] + [1, 1, 1, 0]]  # melanoma 6/8, nevus 3/4
    config = RunConfig(data="/data")
    runs = [RunResult(None, "finished", config.replace(train=TrainConfig(class_weights=weighted)), ("melanoma", "nevus"),
                      {}, evaluate_predictions(y, probs, ["melanoma", "nevus"], [f"{i}.jpg" for i in range(12)]), {})
            for weighted, probs in ((False, without), (True, with_weights))]
    window = make_window()
    view = window.results.recall_change
    window.studio.state.add_results(runs)
    assert not view.isHidden()  # on the Compare runs tab
    rows = [[view.table.item(r, c).text() for c in range(4)] for r in range(2)]
    assert rows == [["melanoma", "100.0%", "75.0%", "-25.0"], ["nevus", "25.0%", "75.0%", "+50.0"]]
    assert "Balanced accuracy 62.5% without class weights, 75.0% with them (+12.5 points)" in view.summary.text()


def test_the_dataset_tab_names_a_label_conflict_apart_from_leakage(make_window: Any, tmp_path: Path, qtbot: Any) -> None:
    from PySide6.QtTest import QTest

    data = tmp_path / "flat"
    rng = np.random.default_rng(6)
    for index, name in enumerate(("melanoma", "nevus")):
        write_class_images(data / name, index, 12, 40, rng)
    for k in range(4):  # filed under both classes: some copies land in another split than their twin
        shutil.copy(data / "melanoma" / f"img_{k:04d}.jpg", data / "nevus" / f"copy_{k}.jpg")
    window = make_window()
    state = window.studio.state
    window.dataset.path_edit.setText(str(data))
    QTest.keyClick(window.dataset.path_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: state.leakage is not None, timeout=60_000)
    text = window.dataset.warnings.text()
    assert state.leakage  # with the seeded split some copies sit in another split than their twin
    assert f"{len(state.leakage)} pictures are filed under two classes" in text
    assert "a label conflict, not leakage" in text and "test accuracy will look better than it is" not in text
