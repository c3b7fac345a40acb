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
    qtbot.waitUntil(lambda: not studio.jobs.is_busy("preview")
                    and not all(np.array_equal(state.preview[0], v) for v in state.preview), timeout=60_000)
    first = [v.copy() for v in state.preview]

    panel.count.setValue(4)
    qtbot.waitUntil(lambda: len(state.preview) == 4 and not studio.jobs.is_busy("preview"), timeout=60_000)
    assert sum(not tile.isHidden() for tile in panel.tiles) == 4
    assert all(np.array_equal(a, b) for a, b in zip(first, state.preview))  # same seed, same variants

    panel.new_button.click()
    qtbot.waitUntil(lambda: not studio.jobs.is_busy("preview")
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
