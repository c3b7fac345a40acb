"""Export model… in the Results panel with a real (tiny) run: the button is off until a finished
run is shown; the dialog ticks the float formats; the export runs as a background job and the
panel shows where it went with each file's check; a failed check reaches the error dialog path.

A from-scratch CNN at 40 px, 1 epoch, on 3 x 15 generated images.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import numpy as np
import pytest

pytest.importorskip("tensorflow")

from tlstudio.core.outputs import export_checks  # noqa: E402
from tlstudio.core.outputs.export_formats import FLOAT_FORMATS, FORMATS  # noqa: E402


def test_export_model_button_dialog_job_and_summary(make_window: Any, make_image_folder: Any, tmp_path: Path,
                                                     qtbot: Any, monkeypatch: pytest.MonkeyPatch, tiny_core_run: Any) -> None:
    from PySide6.QtWidgets import QDialogButtonBox

    data = make_image_folder(tmp_path / "shapes", classes=("circle", "square", "stripes"), per_class=15, size=48)
    result = tiny_core_run(data, tmp_path / "workspace", epochs=1)
    assert result.status == "finished"

    window = make_window()
    studio, state, panel = window.studio, window.studio.state, window.results
    errors: list[tuple[str, Any]] = []
    studio.error.connect(lambda report, title: errors.append((title, report)))
    assert not panel.export_button.isEnabled()  # nothing to export yet

    state.add_results([result])
    studio.results.show_result(result)
    assert panel.export_button.isEnabled()

    # The dialog: one box per format, the float ones ticked; untick all and Export is off.
    panel.export_button.click()
    dialog = panel.export_dialog
    assert dialog is not None and dialog.isVisible()
    assert tuple(dialog.boxes) == FORMATS and dialog.formats() == FLOAT_FORMATS
    for box in dialog.boxes.values():
        box.setChecked(False)
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert ok.text() == "&Export" and not ok.isEnabled()
    dialog.boxes["keras"].setChecked(True)
    dialog.boxes["tflite"].setChecked(True)
    assert ok.isEnabled() and dialog.formats() == ("keras", "tflite")

    with qtbot.waitSignal(studio.results.model_exported, timeout=120_000) as exported:
        dialog.accept()
    assert not errors, errors
    done = exported.args[0]
    folder = done.folder
    assert folder.parent == tmp_path / "workspace" / "exports"
    assert sorted(p.name for p in folder.iterdir()) == ["calibration.json", "labels.txt", "model.keras",
                                                        "model.tflite", "model_card.md", "verification.json"]
    checks = json.loads((folder / "verification.json").read_text())["exports"]
    assert set(checks) == {"keras", "tflite"} and all(c["passed"] for c in checks.values())

    # What the user sees: the folder and each file's check, in the panel and the status bar.
    text = panel.export_text.text()
    assert not panel.export_text.isHidden() and str(folder) in text
    assert "Keras (.keras): 8 of 8 answers the same" in text and "TensorFlow Lite (float32): 8 of 8" in text
    assert f"Model exported to {folder}; every file checked." == window.status_text.text()
    qtbot.waitUntil(lambda: panel.export_button.isEnabled(), timeout=5_000)

    # A check that fails goes to the error dialog path, and no export folder is added.
    def other_answers(path: Path, images: np.ndarray) -> np.ndarray:
        return np.roll(export_checks.run_keras(path, images), 1, axis=1)

    monkeypatch.setitem(export_checks.RUNTIMES, "keras", other_answers)
    with qtbot.waitSignal(studio.error, timeout=120_000):
        assert studio.results.export_model(("keras",))
    title, report = errors[-1]
    assert title == "Export failed"
    assert "does not give the in-app model's answers" in report.message and report.expected
    assert [p.name for p in (tmp_path / "workspace" / "exports").iterdir()] == [folder.name]
