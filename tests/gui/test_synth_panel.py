"""The Synthetic images tab with the real core.synthetic: train a tiny generator (live losses and sample
grid), stop and continue it, review a gallery, accept the checked images, measure a set's quality,
and use the set in a run's settings.

Generators are trained at 16 x 16 (core.config.EXTRA_GENERATOR_SIZES, a size for tests only) on
2 x 8 generated training images: about a second per epoch on a laptop CPU.
"""

from __future__ import annotations

import json
import threading
from dataclasses import replace
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

pytest.importorskip("tensorflow")

from tlstudio.core import config as core_config  # noqa: E402
from tlstudio.core.config import SyntheticConfig  # noqa: E402


@pytest.fixture(autouse=True)
def tiny_generator_size(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(core_config, "EXTRA_GENERATOR_SIZES", {16})


def open_dataset(window: Any, folder: Path, qtbot: Any, errors: list) -> None:
    window.dataset.set_folder(str(folder))
    qtbot.waitUntil(lambda: window.studio.state.split is not None or bool(errors), timeout=60_000)
    assert not errors, errors


def set_generator(panel: Any, *, kind: str, epochs: int, seed: int = 5) -> None:
    """Choose the settings as a user does: pick from the lists, type the numbers."""
    panel.kind.setCurrentIndex(panel.kind.findData(kind))
    panel.kind.activated.emit(panel.kind.currentIndex())
    panel.size.setCurrentIndex(panel.size.findData(16))
    panel.size.activated.emit(panel.size.currentIndex())
    panel.epochs.setValue(epochs)
    panel.epochs.editingFinished.emit()
    panel.seed.setValue(seed)
    panel.seed.editingFinished.emit()


def click_list_item(view: Any, item: Any) -> None:
    rect = view.visualItemRect(item)
    QTest.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, rect.center())


def catch_errors(window: Any) -> list:
    errors: list[str] = []
    window.studio.error.connect(lambda report, title: errors.append(f"{title}: {report.message}\n{report.details}"))
    return errors


def tiny_features() -> Any:
    """A stand-in for EfficientNet-Lite0 in the quality numbers: colour statistics per image."""
    from tlstudio.core.synthetic.quality import FeatureExtractor

    def embed(images: np.ndarray) -> np.ndarray:
        x = images.astype("float64") / 255.0
        return np.concatenate([x.mean(axis=(1, 2)), x.std(axis=(1, 2))], axis=1)

    return FeatureExtractor(name="colour statistics", image_size=16, embed=embed)


def test_train_review_accept_measure_and_use_a_set(make_window: Any, make_image_folder: Any, tmp_path: Path,
                                                   qtbot: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    from PySide6.QtWidgets import QMessageBox

    import tlstudio.core.synthetic.consistency as consistency
    import tlstudio.core.synthetic.quality as synth

    monkeypatch.setattr(synth, "lite0_features", tiny_features)
    monkeypatch.setattr(consistency, "lite0_features", tiny_features)
    window = make_window()
    errors = catch_errors(window)
    studio, panel = window.studio, window.synth
    folder = make_image_folder(tmp_path / "shapes", classes=("discs", "squares"), per_class=12, size=32)
    open_dataset(window, folder, qtbot, errors)
    window.tabs.setCurrentWidget(panel)
    assert window.tabs.tabText(window.tabs.currentIndex()) == "4 · S&ynthetic images"

    # Train a DCGAN for two epochs: the plot gets a point per epoch and loss, the grid a picture.
    set_generator(panel, kind="dcgan", epochs=2)
    assert "compete" in panel.kind_hint.text()  # the one-line explanation of the kind chosen
    config = studio.synth.generator_config()
    assert (config.kind, config.image_size, config.epochs, config.seed) == ("dcgan", 16, 2, 5)
    assert config.data == str(folder) and config.split == studio.state.split_config
    panel.start_button.click()
    assert studio.synth.is_training() and not panel.start_button.isEnabled() and panel.stop_button.isEnabled()
    qtbot.waitUntil(lambda: not studio.synth.is_training(), timeout=120_000)
    assert not errors, errors
    assert set(panel.loss_curves) == {"generator", "discriminator"}
    for curve in panel.loss_curves.values():
        x, y = curve.getData()
        assert list(x) == [1, 2] and np.all(np.isfinite(y))
    assert panel.epoch_label.text() == "epoch 2 of 2"
    pixmap = panel.grid.pixmap()
    assert pixmap is not None and not pixmap.isNull() and pixmap.width() > pixmap.height()  # 2 rows of 8
    assert "Generator trained: 2 epochs" in panel.outcome.text()

    # The workspace's generators: the new one, finished, chosen.
    assert panel.generators.topLevelItemCount() == 1
    row = panel.generators.topLevelItem(0)
    assert [row.text(c) for c in (1, 2, 3)] == ["DCGAN 16", "2 / 2", "finished"]
    generator_dir = Path(row.data(0, Qt.ItemDataRole.UserRole + 1))
    assert (generator_dir / "samples" / "epoch_0002.png").is_file()

    # Gallery: 5 images per class, all checked; reject one of each class by clicking it.
    panel.gallery_button.click()
    gallery = panel.gallery
    assert panel.views.currentWidget() is gallery
    assert "epoch 2" in gallery.generator_label.text()
    gallery.count.setValue(5)
    gallery.seed.setValue(11)
    gallery.generate_button.click()
    qtbot.waitUntil(lambda: len(gallery.strips) == 2 or bool(errors), timeout=60_000)
    assert not errors, errors
    assert [s.images.count() for s in gallery.strips.values()] == [5, 5]
    assert gallery.checked() == {"discs": [0, 1, 2, 3, 4], "squares": [0, 1, 2, 3, 4]}
    click_list_item(gallery.strips["discs"].images, gallery.strips["discs"].item(1))
    click_list_item(gallery.strips["squares"].images, gallery.strips["squares"].item(4))
    assert gallery.checked() == {"discs": [0, 2, 3, 4], "squares": [0, 1, 2, 3]}
    assert gallery.checked_label.text() == "8 of 10 checked"
    assert "4 of 5 kept" in gallery.strips["discs"].title.text()
    # Each class's title says how many of its kept images a classifier trained on the real images
    # labels as that class.
    made = studio.synth.state.gallery
    kept = made.consistency(gallery.checked())
    assert kept is not None and set(kept.per_class) == {"discs", "squares"}
    for name, strip in gallery.strips.items():
        assert f"{kept.per_class[name]:.0%} look like {name}" in strip.title.text()

    # Pictures that do not look like their class are flagged: the gallery asks before accepting.
    questions: list[str] = []
    answers = [QMessageBox.StandardButton.No]

    def answer(parent: Any, title: str, text: str, *args: Any) -> Any:
        questions.append(text)
        return answers[0]

    monkeypatch.setattr(QMessageBox, "question", answer)
    wrong = {"discs": ("squares",) * 5, "squares": ("discs",) * 5}
    studio.synth.state.gallery = replace(made, labels=wrong)
    studio.synth.state.gallery_changed.emit(studio.synth.state.gallery)
    assert "only 0% look like discs (below 60%)" in gallery.strips["discs"].title.text()
    gallery.accept_button.click()
    assert len(questions) == 1 and "discs 0%, squares 0%" in questions[0] and "Accept them anyway?" in questions[0]
    assert gallery.message.text().startswith("Not accepted")
    assert not (Path(studio.workspace) / "synthetic").exists()
    # Back to the gallery as it was made, with the same 8 images checked.
    studio.synth.state.gallery = made
    studio.synth.state.gallery_changed.emit(made)
    click_list_item(gallery.strips["discs"].images, gallery.strips["discs"].item(1))
    click_list_item(gallery.strips["squares"].images, gallery.strips["squares"].item(4))
    assert gallery.checked() == {"discs": [0, 2, 3, 4], "squares": [0, 1, 2, 3]}
    answers[0] = QMessageBox.StandardButton.Yes

    # Accept: exactly the 8 checked images are stored in the workspace, with their provenance.
    gallery.name.setText("keepers")
    gallery.accept_button.click()
    sets = panel.sets
    qtbot.waitUntil(lambda: sets.sets.topLevelItemCount() == 1 or bool(errors), timeout=60_000)
    assert not errors, errors
    set_dir = Path(sets.sets.topLevelItem(0).data(0, Qt.ItemDataRole.UserRole + 1))
    assert set_dir.parent == Path(studio.workspace) / "synthetic" and set_dir.name.endswith("keepers")
    assert len(list((set_dir / "discs").glob("*.png"))) == 4
    assert len(list((set_dir / "squares").glob("*.png"))) == 4
    provenance = json.loads((set_dir / "provenance.json").read_text(encoding="utf-8"))
    assert (provenance["epoch"], provenance["seed"], provenance["kind"]) == (2, 11, "dcgan")
    assert provenance["class_consistency"]["per_class"] == kept.per_class
    assert provenance["accepted_below_threshold"] is kept.flagged and len(questions) == 1 + kept.flagged
    assert not any(folder.rglob("synthetic_*.png"))  # the user's folder is never written to
    shown = sets.sets.topLevelItem(0)
    assert [shown.text(c) for c in range(1, 6)] == ["8", generator_dir.name, "DCGAN", "2", "11"]
    assert "epoch 2 with seed 11" in sets.details.text()
    assert "discs 4, squares 4" in sets.details.text()
    assert f"Look like their class (when accepted): discs {kept.per_class['discs']:.0%}" in sets.details.text()

    # Quality, cancelled while busy: nothing is written.
    panel.views.setCurrentWidget(sets)
    assert sets.quality.rowCount() == 0 and sets.progress_text.text() == "Not measured yet."
    release = threading.Event()

    def held_features() -> Any:
        extractor = tiny_features()
        return replace(extractor, embed=lambda images: (release.wait(30), extractor.embed(images))[1])

    monkeypatch.setattr(synth, "lite0_features", held_features)
    sets.measure_button.click()
    assert sets.busy.isVisible() and sets.cancel_button.isVisible() and not sets.measure_button.isEnabled()
    sets.cancel_button.click()
    assert not sets.busy.isVisible() and sets.measure_button.isEnabled()
    assert sets.progress_text.text() == "Quality measurement cancelled."
    release.set()
    assert studio.pool.wait_for_done(30_000)
    assert not (set_dir / "quality.json").exists() and sets.quality.rowCount() == 0

    # Quality: a row per class with the Fréchet distance and the real-vs-synthetic accuracy.
    monkeypatch.setattr(synth, "lite0_features", tiny_features)
    sets.measure_button.click()
    qtbot.waitUntil(lambda: sets.quality.rowCount() == 2 or bool(errors), timeout=60_000)
    assert not errors, errors
    quality = json.loads((set_dir / "quality.json").read_text(encoding="utf-8"))["per_class"]
    for row, name in enumerate(("discs", "squares")):
        assert sets.quality.item(row, 0).text() == name
        assert sets.quality.item(row, 1).text() == f"{quality[name]['fid']:.1f}"
        assert sets.quality.item(row, 2).text().startswith(f"{quality[name]['real_vs_synthetic_accuracy']:.0%}")
        assert sets.quality.item(row, 4).text() == "4"
        assert sets.quality.item(row, 5).text().startswith(f"{quality[name]['class_consistency']:.0%}")
    assert "50% means a classifier cannot tell them apart" in sets.reading.text()
    assert not sets.busy.isVisible() and sets.measure_button.isEnabled()
    assert "on colour statistics features" in sets.progress_text.text()

    # The run's settings (Training tab): the set and 2 synthetic images per real one.
    box = window.training.synthetic
    assert box.set_choice.count() == 2 and box.set_choice.itemText(0) == "None"
    assert not box.ratio.isEnabled()
    box.set_choice.setCurrentIndex(1)
    box.set_choice.activated.emit(1)
    box.ratio.setValue(2.0)
    box.ratio.editingFinished.emit()
    assert studio.state.run_config().synthetic == SyntheticConfig(set=str(set_dir), ratio=2.0)
    box.set_choice.setCurrentIndex(0)
    box.set_choice.activated.emit(0)
    assert studio.state.run_config().synthetic == SyntheticConfig()


def test_stop_keeps_the_checkpoint_and_continue_trains_on(make_window: Any, make_image_folder: Any,
                                                          tmp_path: Path, qtbot: Any) -> None:
    window = make_window()
    errors = catch_errors(window)
    studio, panel = window.studio, window.synth
    folder = make_image_folder(tmp_path / "shapes", classes=("discs", "squares"), per_class=12, size=32)
    open_dataset(window, folder, qtbot, errors)

    set_generator(panel, kind="vae", epochs=500)
    panel.start_button.click()
    qtbot.waitUntil(lambda: len(studio.synth.state.history) >= 1 or bool(errors), timeout=120_000)
    window.training.start_button.click()  # one training at a time
    assert not studio.is_running()
    assert errors.pop().startswith("Cannot start training: A generator is training (Synthetic images tab).")
    panel.stop_button.click()
    qtbot.waitUntil(lambda: not studio.synth.is_training(), timeout=60_000)
    assert not errors, errors
    done = studio.synth.state.generator.epochs_done
    assert 1 <= done < 500
    assert set(panel.loss_curves) == {"reconstruction", "kl", "total"}
    assert f"Stopped after epoch {done}" in panel.outcome.text()
    row = panel.generators.topLevelItem(0)
    assert row.text(2) == f"{done} / 500" and row.text(3) == "stopped"
    generator_dir = Path(studio.synth.state.generator.path)
    assert json.loads((generator_dir / "status.json").read_text(encoding="utf-8"))["status"] == "cancelled"

    # Choosing it shows its settings; continue from its checkpoint for one more epoch.
    assert panel.epochs.value() == 500 and panel.kind.currentData() == "vae"
    panel.epochs.setValue(done)
    panel.epochs.editingFinished.emit()
    panel.continue_button.click()  # no more epochs than done: nothing to continue
    assert not studio.synth.is_training() and "already trained" in errors.pop()
    panel.epochs.setValue(done + 1)
    panel.epochs.editingFinished.emit()
    panel.continue_button.click()
    qtbot.waitUntil(lambda: not studio.synth.is_training(), timeout=120_000)
    assert not errors, errors
    assert panel.epoch_label.text() == f"epoch {done + 1} of {done + 1}"
    assert list(panel.loss_curves["total"].getData()[0]) == list(range(1, done + 2))  # on from the saved epochs
    assert panel.generators.topLevelItemCount() == 1  # the same generator, trained on
    row = panel.generators.topLevelItem(0)
    assert row.text(2) == f"{done + 1} / {done + 1}" and row.text(3) == "finished"


def test_closing_mid_training_stops_and_waits(make_window: Any, make_image_folder: Any, tmp_path: Path,
                                              qtbot: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    from PySide6.QtWidgets import QMessageBox

    window = make_window()
    errors = catch_errors(window)
    studio, panel = window.studio, window.synth
    folder = make_image_folder(tmp_path / "shapes", classes=("discs", "squares"), per_class=12, size=32)
    open_dataset(window, folder, qtbot, errors)
    set_generator(panel, kind="dcgan", epochs=500)
    panel.start_button.click()
    qtbot.waitUntil(lambda: len(studio.synth.state.history) >= 1 or bool(errors), timeout=120_000)
    asked: list[str] = []

    def answer_yes(parent: Any, title: str, text: str, *args: Any) -> Any:
        asked.append(title)
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", answer_yes)
    thread = studio.synth.trainer.thread
    window.close()
    assert asked == ["Stop training?"]
    assert thread.isFinished() and not studio.synth.is_training()
    status = json.loads(next((Path(studio.workspace) / "generators").glob("*/status.json")).read_text(encoding="utf-8"))
    assert status["status"] == "cancelled" and status["epochs_done"] >= 1


def test_starting_without_a_dataset_says_what_to_do(make_window: Any) -> None:
    window = make_window()
    errors = catch_errors(window)
    window.synth.start_button.click()
    assert not window.studio.synth.is_training()
    assert errors and errors[0].startswith("Cannot train a generator: Choose an image folder first")


def test_a_failed_training_is_explained_and_the_tab_stays_usable(make_window: Any, tmp_path: Path, qtbot: Any) -> None:
    from tlstudio.core.errors import DatasetError

    def failing(config: Any, workspace: Any, **_: Any) -> Any:
        raise DatasetError(f"The image {config.data}/a.png can no longer be read.", hint="Check the image folder.")

    window = make_window()
    errors = catch_errors(window)
    studio, panel = window.studio, window.synth
    studio.state.set_data_path(str(tmp_path))
    studio.synth.train_fn = failing
    panel.start_button.click()
    qtbot.waitUntil(lambda: not studio.synth.is_training() and bool(errors), timeout=10_000)
    assert errors[0].startswith(f"Generator training stopped: The image {tmp_path}/a.png can no longer be read.")
    assert panel.outcome.property("status") == "failed" and "can no longer be read" in panel.outcome.text()
    assert panel.start_button.isEnabled() and not panel.stop_button.isEnabled()


def test_a_class_too_small_to_measure_shows_a_dash_not_a_crash(make_window: Any) -> None:
    """quality.json holds null for a class with fewer than two images on a side (nothing to
    cross-validate): the table says "–" for it and shows the others."""
    window = make_window()
    sets = window.synth.sets
    sets._show_quality({"per_class": {
        "discs": {"fid": None, "real_vs_synthetic_accuracy": None, "n_real": 1, "n_synthetic": 1},
        "squares": {"fid": 12.345, "real_vs_synthetic_accuracy": 0.55, "n_real": 8, "n_synthetic": 8}},
        "measured": "2026-11-25T10:00:00", "feature": "colour statistics"})
    assert sets.quality.rowCount() == 2
    assert [sets.quality.item(0, c).text() for c in range(5)] == ["discs", "–", "–", "1", "1"]
    assert sets.quality.item(1, 1).text() == "12.3"
    assert sets.quality.item(1, 2).text() == "55% — hard to tell apart"
