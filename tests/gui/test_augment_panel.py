"""The Augmentation panel produces an AugmentSpec and previews real variants of a picture."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pytest

pytest.importorskip("tensorflow")


def test_sliders_make_the_spec_and_the_preview_changes(make_window: Any, make_image_folder: Any, tmp_path: Path,
                                                       qtbot: Any) -> None:
    window = make_window()
    studio, state, panel = window.studio, window.studio.state, window.augment
    studio.load_tensorflow()
    folder = make_image_folder(tmp_path / "shapes", classes=("discs", "squares"), per_class=6, size=48)
    window.dataset.set_folder(str(folder))
    qtbot.waitUntil(lambda: len(state.preview) == 8, timeout=120_000)
    # Nothing switched on: every variant is the same picture.
    assert all(np.array_equal(state.preview[0], v) for v in state.preview)
    assert sum(not tile.isHidden() for tile in panel.tiles) == 8

    panel.flip_h.setChecked(True)
    panel.set_strength("rotation", 30)
    panel.set_strength("brightness", 40)
    assert state.augment.flip_horizontal
    assert state.augment.rotation == pytest.approx(30 / 360)
    assert state.augment.brightness == pytest.approx(0.40)
    assert panel.values["rotation"].text() == "± 30°" and panel.values["zoom_in"].text() == "off"
    assert state.run_config().augment == state.augment  # the run uses what the panel shows
    qtbot.waitUntil(lambda: not studio.augment.preview_jobs.is_busy()
                    and not all(np.array_equal(state.preview[0], v) for v in state.preview), timeout=60_000)
    first = [v.copy() for v in state.preview]

    panel.count.setValue(4)
    qtbot.waitUntil(lambda: len(state.preview) == 4 and not studio.augment.preview_jobs.is_busy(), timeout=60_000)
    assert sum(not tile.isHidden() for tile in panel.tiles) == 4
    assert all(np.array_equal(a, b) for a, b in zip(first, state.preview))  # same seed, same variants

    panel.new_button.click()
    qtbot.waitUntil(lambda: not studio.augment.preview_jobs.is_busy()
                    and not all(np.array_equal(a, b) for a, b in zip(first, state.preview)), timeout=60_000)


def test_no_label_anywhere_shows_a_stray_ampersand(make_window: Any) -> None:
    """A keyboard shortcut letter (&) is only hidden when the label has a buddy to jump to."""
    import re

    from PySide6.QtWidgets import QLabel

    window = make_window()
    stray = [label.text() for label in window.findChildren(QLabel)
             if re.search(r"&(?!&)\w", label.text().replace("&&", "")) and label.buddy() is None
             and label.textFormat() != label.textFormat().RichText]
    assert stray == []
    rotation = next(label for label in window.augment.findChildren(QLabel) if label.text() == "&Rotation")
    assert rotation.buddy() is window.augment.sliders["rotation"]


def test_a_preset_sets_the_controls_shows_its_reasons_and_warns_about_vertical_flips(make_window: Any) -> None:
    from tlstudio.core.augmentation.augment import get_preset

    window = make_window()
    panel, state = window.augment, window.studio.state
    panel.choose_preset("chest_xray")
    xray = get_preset("chest_xray").spec
    assert state.augment == xray  # the run uses what the preset says
    assert panel.sliders["rotation"].value() == 5 and panel.values["rotation"].text() == "± 5°"
    assert panel.sliders["zoom_in"].value() == 10 and panel.sliders["blur"].value() == 0
    assert not panel.flip_v.isChecked() and not panel.flip_h.isChecked()
    assert "anatomy has an orientation" in panel.reasons.text() and "dextrocardia" in panel.reasons.text()
    assert panel.warnings.isHidden() and panel.warnings.text() == ""

    panel.flip_v.setChecked(True)  # the user switches upside-down flips on
    assert state.augment.flip_vertical
    assert not panel.warnings.isHidden()
    assert "Upside-down flips on chest X-rays" in panel.warnings.text()
    panel.probabilities["flip_vertical"].setValue(0.0)  # never applied: nothing to warn about
    assert state.augment.flip_vertical_p == 0.0 and panel.warnings.isHidden()

    panel.choose_preset("dermoscopy")
    assert panel.flip_v.isChecked() and panel.flip_h.isChecked() and panel.sliders["rotation"].value() == 180
    assert panel.probabilities["flip_vertical"].value() == 0.5
    panel.set_strength("zoom_in", 20)  # another change keeps the preset's rotation (any angle)
    assert state.augment.rotation == pytest.approx(0.5) and panel.values["rotation"].text() == "± 180°"
    assert "no up or down" in panel.reasons.text() and panel.warnings.isHidden()


def test_probability_crop_and_mixup_controls_make_the_spec(make_window: Any) -> None:
    window = make_window()
    panel, state = window.augment, window.studio.state
    panel.set_strength("rotation", 20)
    panel.probabilities["rotation"].setValue(0.4)
    panel.set_strength("crop", 15)
    panel.set_strength("mixup", 20)
    assert state.augment.rotation_p == pytest.approx(0.4)
    assert state.augment.crop == pytest.approx(0.15) and state.augment.crop_p == 1.0
    assert state.augment.mixup == pytest.approx(0.2) and panel.values["mixup"].text() == "α 0.20"
    panel.reset_button.click()
    assert state.augment.is_identity
    assert panel.probabilities["rotation"].value() == 1.0 and panel.sliders["crop"].value() == 0


def test_export_button_writes_copies_into_the_workspace(make_window: Any, make_image_folder: Any, tmp_path: Path,
                                                       qtbot: Any, monkeypatch: Any) -> None:
    from PySide6.QtWidgets import QInputDialog

    window = make_window()
    studio, panel = window.studio, window.augment
    folder = make_image_folder(tmp_path / "shapes", classes=("discs", "squares"), per_class=3, size=40)
    window.dataset.set_folder(str(folder))
    qtbot.waitUntil(lambda: studio.state.scan is not None, timeout=60_000)
    panel.choose_preset("microscopy")
    monkeypatch.setattr(QInputDialog, "getInt", lambda *a, **k: (2, True))
    with qtbot.waitSignal(studio.augment.exported, timeout=120_000) as blocker:
        panel.export_button.click()
    result = blocker.args[0]
    assert result.status == "finished" and result.written == 12
    assert Path(result.folder).parent == studio.workspace / "augmented"
    assert len(list(Path(result.folder).glob("*/*.png"))) == 12
    assert "12 copies of 6 images" in panel.export_message.text()
    assert not any(p.name.endswith(".png") and "-aug" in p.name for p in folder.rglob("*"))
