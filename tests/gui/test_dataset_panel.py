"""The Dataset panel's "Group images by" setting feeds the studio's split configuration."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
from PIL import Image
from PySide6.QtCore import Qt

from tlstudio.core.config import SplitConfig
from tlstudio.gui.reading_box import ReadingBox

PATTERN = r"^(p\d+)_"


def make_patients(root: Path) -> Path:
    """Two classes, 8 patients each with 1 to 3 pictures named ``p01_a.jpg``, ``p01_b.jpg``..."""
    rng = np.random.default_rng(0)
    for c, name in enumerate(("benign", "malignant")):
        for p in range(8):
            for k in range(1 + (p % 3)):
                path = root / name / f"p{c}{p}_{'abc'[k]}.jpg"
                path.parent.mkdir(parents=True, exist_ok=True)
                Image.fromarray(rng.integers(0, 255, (40, 40, 3), dtype=np.uint8)).save(path)
    return root


def test_a_file_name_pattern_groups_the_split(make_window: Any, tmp_path: Path, qtbot: Any) -> None:
    window = make_window()
    panel, state = window.dataset, window.studio.state
    panel.set_folder(str(make_patients(tmp_path / "lesions")))
    qtbot.waitUntil(lambda: state.split is not None, timeout=30_000)
    assert state.split.groups is None and panel.group_by.currentData() == "none"
    assert panel.group_pattern_edit.isHidden() and panel.groups_csv_row.isHidden()

    panel.group_by.setCurrentIndex(panel.group_by.findData("pattern"))
    assert not panel.group_pattern_edit.isHidden()
    assert "until then the images are not grouped" in panel.split_message.text()
    assert panel.group_pattern_edit.placeholderText().startswith("e.g. ^(patient\\d+)_")
    qtbot.keyClicks(panel.group_pattern_edit, PATTERN)
    qtbot.keyClick(panel.group_pattern_edit, Qt.Key.Key_Return)

    assert state.split_config == SplitConfig(group_pattern=PATTERN)
    assert state.run_config().split.group_pattern == PATTERN  # the run uses what the panel shows
    qtbot.waitUntil(lambda: state.split is not None and state.split.groups is not None, timeout=30_000)
    where: dict[str, set[str]] = {}
    for part, records in state.split.parts().items():
        for record in records:
            where.setdefault(Path(record.path).name.split("_")[0], set()).add(part)
    assert len(where) == 16 and all(len(parts) == 1 for parts in where.values())
    assert panel.split_message.text() == ""
    qtbot.waitUntil(lambda: panel.group_info.text().startswith("16 groups:"), timeout=5_000)
    assert panel.group_info.text().endswith("No group is in two splits.")

    # A broken pattern is explained and changes nothing.
    panel.group_pattern_edit.setText("^(p")
    panel.group_pattern_edit.editingFinished.emit()
    assert "not a valid regular expression" in panel.split_message.text()
    assert state.split_config.group_pattern == PATTERN
    assert panel.group_pattern_edit.text() == "^(p"  # left on screen to be corrected

    # Back to no grouping.
    panel.group_by.setCurrentIndex(panel.group_by.findData("none"))
    assert state.split_config == SplitConfig()
    qtbot.waitUntil(lambda: state.split.groups is None and panel.group_info.text() == "", timeout=30_000)


def test_a_csv_file_chosen_in_the_panel_is_used(make_window: Any, tmp_path: Path, qtbot: Any, monkeypatch: Any) -> None:
    from PySide6.QtWidgets import QFileDialog

    window = make_window()
    panel, state = window.dataset, window.studio.state
    folder = make_patients(tmp_path / "lesions")
    csv_path = tmp_path / "groups.csv"
    csv_path.write_text("file,group\n" + "".join(f"{p.name},{p.name.split('_')[0]}\n" for p in folder.rglob("*.jpg")))
    panel.set_folder(str(folder))
    qtbot.waitUntil(lambda: state.split is not None, timeout=30_000)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(csv_path), ""))
    panel.group_by.setCurrentIndex(panel.group_by.findData("csv"))
    assert not panel.groups_csv_row.isHidden() and panel.group_pattern_edit.isHidden()
    panel.groups_csv_button.click()
    assert state.split_config == SplitConfig(groups_csv=str(csv_path))
    qtbot.waitUntil(lambda: state.split.groups is not None and panel.group_info.text().startswith("16 groups:"),
                    timeout=30_000)

    # A configuration set elsewhere (e.g. a saved run) shows in the panel.
    window.studio.dataset.set_split_config(SplitConfig(group_pattern=PATTERN, seed=9))
    assert panel.group_by.currentData() == "pattern" and panel.group_pattern_edit.text() == PATTERN
    assert panel.seed.value() == 9 and panel.groups_csv_row.isHidden()


def test_a_pattern_that_leaves_one_group_is_a_dialog_and_the_scan_is_still_shown(make_window: Any, tmp_path: Path,
                                                                                 qtbot: Any) -> None:
    window = make_window()
    panel, state = window.dataset, window.studio.state
    errors: list[tuple[str, str]] = []
    window.studio.error.connect(lambda report, title: errors.append((title, report.message)))
    panel.set_folder(str(make_patients(tmp_path / "lesions")))
    qtbot.waitUntil(lambda: state.split is not None, timeout=30_000)

    panel.group_by.setCurrentIndex(panel.group_by.findData("pattern"))
    panel.group_pattern_edit.setText(r"^(p)")  # every file starts with p: a single group
    panel.group_pattern_edit.editingFinished.emit()
    qtbot.waitUntil(lambda: bool(errors), timeout=30_000)
    title, message = errors[-1]
    assert title == "Cannot split the images"
    assert "only 1 group" in message and "cannot be divided" in message
    assert state.scan is not None and len(state.scan.records) == 2 * (1 + 2 + 3 + 1 + 2 + 3 + 1 + 2)

    # The same setting when a folder is opened: the check's results are shown, then the dialog.
    errors.clear()
    panel.set_folder(str(make_patients(tmp_path / "other lesions")))
    qtbot.waitUntil(lambda: bool(errors), timeout=30_000)
    assert errors[-1][0] == "Cannot split the images"
    assert state.scan is not None and Path(state.scan.root).name == "other lesions"


def test_one_skipped_file_and_one_copy_across_splits_are_told_in_the_singular(make_window: Any, tmp_path: Path,
                                                                               qtbot: Any) -> None:
    rng = np.random.default_rng(1)
    root = tmp_path / "scans"
    for part, per_class in (("train", 8), ("test", 3)):
        for name in ("benign", "malignant"):
            for k in range(per_class):
                path = root / part / name / f"{name}_{part}_{k}.png"
                path.parent.mkdir(parents=True, exist_ok=True)
                Image.fromarray(rng.integers(0, 255, (40, 40, 3), dtype=np.uint8)).save(path)
    copied = root / "test" / "benign" / "copy_of_train_0.png"
    copied.write_bytes((root / "train" / "benign" / "benign_train_0.png").read_bytes())
    (root / "train" / "malignant" / "empty.png").write_bytes(b"")
    window = make_window()
    panel = window.dataset
    panel.set_folder(str(root))
    qtbot.waitUntil(lambda: "skipped" in panel.summary.text(), timeout=30_000)
    assert panel.summary.text() == "23 usable images in 2 classes (already split into folders); 1 file skipped."
    qtbot.waitUntil(lambda: "appears in two splits" in panel.warnings.text(), timeout=30_000)
    text = panel.warnings.text()
    assert "A picture appears in two splits, as two identical files" in text
    assert "copy_of_train_0.png" in text and "benign_train_0.png" in text


def test_a_folder_of_dicom_files_is_grouped_by_patient_and_says_how_it_was_read(make_window: Any, tmp_path: Path,
                                                                                 qtbot: Any) -> None:
    from tests.core.test_dicom import patient_folder

    window = make_window()
    panel, state = window.dataset, window.studio.state
    panel.set_folder(str(patient_folder(tmp_path, patients=10, per_patient=2)))
    qtbot.waitUntil(lambda: state.split is not None and state.split.groups is not None, timeout=30_000)
    qtbot.waitUntil(lambda: panel.group_info.text().startswith("Grouped by patient from the DICOM files (10 "
                                                               "patients)"), timeout=5_000)
    assert panel.group_info.text().endswith("No group is in two splits.")
    assert not panel.dicom_row.isHidden() and panel.dicom_groups.isChecked()
    reading = panel.findChild(ReadingBox)
    assert not reading.isHidden() and "20 DICOM files were read with the Modality LUT" in reading.found.text()
    assert "MRN" not in panel.group_info.text()

    panel.dicom_groups.setChecked(False)  # the user turns it off
    assert state.split_config.dicom_group_tag == ""
    qtbot.waitUntil(lambda: state.split is not None and state.split.groups is None, timeout=30_000)
    assert panel.group_info.text() == ""

    reading.frames.setCurrentIndex(reading.frames.findData("all"))
    reading.frames.activated.emit(reading.frames.currentIndex())
    assert state.reading.dicom_frames == "all" and state.run_config().reading.dicom_frames == "all"
