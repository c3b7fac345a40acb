"""Dataset panel: the cap on training images per class makes the split and shows what was left out."""

from __future__ import annotations

from pathlib import Path
from typing import Any


def test_training_images_per_class_caps_the_split_the_run_uses(make_window: Any, make_image_folder: Any,
                                                                 tmp_path: Path, qtbot: Any) -> None:
    window = make_window()
    panel, state = window.dataset, window.studio.state
    folder = make_image_folder(tmp_path / "xrays", classes=("normal", "pneumonia"), per_class=20, size=40)
    panel.set_folder(str(folder))
    qtbot.waitUntil(lambda: state.split is not None, timeout=60_000)
    val, test = state.split.val, state.split.test
    assert panel.train_cap.text() == "all"

    panel.train_cap.setValue(5)
    panel.train_cap.editingFinished.emit()
    assert state.split_config.train_per_class == 5
    assert state.run_config().split.train_per_class == 5  # the run uses what the panel shows
    qtbot.waitUntil(lambda: state.split.left_out is not None, timeout=30_000)
    assert state.split.counts()["train"] == {"normal": 5, "pneumonia": 5}
    assert state.split.val == val and state.split.test == test
    assert [panel.classes.item(row, 3).text() for row in range(2)] == ["5", "5"]
    # (the list of warnings shows once the search for duplicates across splits is done)
    qtbot.waitUntil(lambda: "Training uses at most 5 images per class" in panel.warnings.text(), timeout=30_000)

    panel.train_cap.setValue(0)
    panel.train_cap.editingFinished.emit()
    qtbot.waitUntil(lambda: state.split.left_out is None, timeout=30_000)
    assert state.split_config.train_per_class is None
