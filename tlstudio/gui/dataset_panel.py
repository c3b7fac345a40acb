"""Dataset panel: choose the image folder, see its classes, skipped files, split and warnings."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Slot
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from tlstudio.core.config import SplitConfig
from tlstudio.core.errors import ConfigError
from tlstudio.gui.controller import Studio
from tlstudio.gui.core_texts import bad_file_reason, core_text
from tlstudio.gui.reading_box import ReadingBox
from tlstudio.gui.widgets import hint_label, icon, number, pixmap_from_array

THUMB = 48


class DatasetPanel(QWidget):
    """The image folder: classes with counts and a picture each, skipped files, split settings."""

    def __init__(self, studio: Studio, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.studio = studio
        self.state = studio.state
        self.setAcceptDrops(True)
        top, sources = self._build_folder_rows()
        self._build_tables()
        split_box = self._build_split_box()
        warn_box = self._build_warnings()

        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(split_box)
        right_layout.addWidget(ReadingBox(studio))
        right_layout.addWidget(warn_box, 1)
        left = QSplitter(Qt.Orientation.Vertical)
        left.addWidget(self.classes)
        left.addWidget(self.bad_box)
        left.setStretchFactor(0, 3)
        left.setStretchFactor(1, 1)
        body = QSplitter(Qt.Orientation.Horizontal)
        body.addWidget(left)
        body.addWidget(right)
        body.setStretchFactor(0, 3)
        body.setStretchFactor(1, 2)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(sources)
        layout.addWidget(self.summary)
        layout.addWidget(body, 1)

        self._show_split_config(self.state.split_config)
        self._connect(studio)

    def _build_folder_rows(self) -> tuple[QHBoxLayout, QHBoxLayout]:
        """The folder line and the ready-made datasets (digits demo, flower photos download)."""
        self.path_edit = QLineEdit()
        self.path_edit.setPlaceholderText(self.tr("A folder with one subfolder of images per class"))
        self.path_edit.setAccessibleName(self.tr("Image folder"))
        self.browse_button = QPushButton(icon("folder"), self.tr("&Choose folder…"))
        self.demo_button = QPushButton(self.tr("Open the &digits demo"))
        self.download_button = QPushButton(icon("download"), self.tr("Download &flower photos"))
        self.download_button.setToolTip(self.tr("tf_flowers: 3,670 photos of 5 kinds of flowers (about 220 MB)"))
        self.cancel_download_button = QPushButton(self.tr("Cancel download"))
        self.download_bar = QProgressBar()
        self.download_bar.setFormat(self.tr("%p% downloaded"))
        for w in (self.cancel_download_button, self.download_bar):
            w.setVisible(False)

        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Image folder:")))
        top.addWidget(self.path_edit, 1)
        top.addWidget(self.browse_button)
        sources = QHBoxLayout()
        sources.addWidget(hint_label(self.tr("Drop a folder here, or start with a ready-made dataset:")), 1)
        sources.addWidget(self.demo_button)
        sources.addWidget(self.download_button)
        sources.addWidget(self.download_bar)
        sources.addWidget(self.cancel_download_button)
        return top, sources

    def _build_tables(self) -> None:
        """The summary line, the classes table and the skipped files."""
        self.summary = QLabel(self.tr("No folder chosen yet."))
        self.summary.setObjectName("summary")
        self.summary.setWordWrap(True)

        self.classes = QTableWidget(0, 6)
        self.classes.setHorizontalHeaderLabels([self.tr("Picture"), self.tr("Class"), self.tr("Images"),
                                                self.tr("Training"), self.tr("Validation"), self.tr("Test")])
        self.classes.verticalHeader().setVisible(False)
        self.classes.verticalHeader().setDefaultSectionSize(THUMB + 6)
        self.classes.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.classes.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.classes.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.classes.setColumnWidth(0, THUMB + 16)

        self.bad_box = QGroupBox(self.tr("Skipped files"))
        self.bad_files = QTableWidget(0, 2)
        self.bad_files.setHorizontalHeaderLabels([self.tr("File"), self.tr("Why it was skipped")])
        self.bad_files.verticalHeader().setVisible(False)
        self.bad_files.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.bad_files.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.bad_files.setColumnWidth(0, 260)
        bad_layout = QVBoxLayout(self.bad_box)
        bad_layout.addWidget(self.bad_files)

    def _build_split_box(self) -> QGroupBox:
        """The split settings: fractions, seed, training images per class, grouping."""
        self.val_percent = QSpinBox()
        self.val_percent.setRange(1, 80)
        self.val_percent.setSuffix(" %")
        self.test_percent = QSpinBox()
        self.test_percent.setRange(0, 80)
        self.test_percent.setSuffix(" %")
        self.seed = QSpinBox()
        self.seed.setRange(0, 1_000_000)
        self.train_cap = QSpinBox()
        self.train_cap.setRange(0, 1_000_000)
        self.train_cap.setSpecialValueText(self.tr("all"))
        self.train_cap.setSuffix(self.tr(" per class"))
        self.train_cap.setAccessibleName(self.tr("Training images per class"))
        self.train_cap.setToolTip(self.tr("Train on at most this many images per class, chosen at random after the "
                                          "split; validation and test stay the same, the other images are not "
                                          "used. 0 uses them all."))
        self.split_message = hint_label("")
        self.group_by = QComboBox()
        self.group_by.addItem(self.tr("Nothing (each image on its own)"), "none")
        self.group_by.addItem(self.tr("A CSV file (columns file and group)"), "csv")
        self.group_by.addItem(self.tr("A pattern in the file names"), "pattern")
        self.group_by.setToolTip(self.tr("Keep all images of one patient or lesion in the same split, so the test "
                                         "measures the model on patients it has never seen."))
        self.groups_csv_edit = QLineEdit()
        self.groups_csv_edit.setPlaceholderText(self.tr("A CSV file with the columns file and group"))
        self.groups_csv_edit.setAccessibleName(self.tr("CSV file of groups"))
        self.groups_csv_button = QPushButton(icon("folder"), self.tr("C&hoose…"))
        self.groups_csv_row = QWidget()
        csv_layout = QHBoxLayout(self.groups_csv_row)
        csv_layout.setContentsMargins(0, 0, 0, 0)
        csv_layout.addWidget(self.groups_csv_edit, 1)
        csv_layout.addWidget(self.groups_csv_button)
        self.group_pattern_edit = QLineEdit()
        self.group_pattern_edit.setPlaceholderText(self.tr("e.g. ^(patient\\d+)_ for patient12_left.jpg"))
        self.group_pattern_edit.setAccessibleName(self.tr("File-name pattern of groups"))
        self.group_pattern_edit.setToolTip(self.tr("A regular expression searched in each file name; the part in "
                                                   "parentheses is the patient or lesion."))
        self.dicom_groups = QCheckBox(self.tr("Keep each &patient's DICOM images in one split, by the tag"))
        self.dicom_groups.setChecked(True)
        self.dicom_tag_edit = QLineEdit()
        self.dicom_tag_edit.setPlaceholderText("PatientID")
        self.dicom_tag_edit.setAccessibleName(self.tr("DICOM tag of groups"))
        self.dicom_tag_edit.setToolTip(self.tr("The DICOM tag that names the patient (PatientID; files without one "
                                               "are grouped by their StudyInstanceUID), or another tag's keyword. "
                                               "Its values never appear in what tlstudio writes: the groups are "
                                               "called patient 1, patient 2, ..."))
        self.dicom_row = QWidget()
        dicom_layout = QHBoxLayout(self.dicom_row)
        dicom_layout.setContentsMargins(0, 0, 0, 0)
        dicom_layout.addWidget(self.dicom_groups)
        dicom_layout.addWidget(self.dicom_tag_edit, 1)
        self.group_info = hint_label("")
        self.conflicts = QComboBox()
        self.conflicts.addItem(self.tr("Keep every copy (the run warns)"), "keep")
        self.conflicts.addItem(self.tr("Leave every copy out"), "exclude")
        self.conflicts.addItem(self.tr("Keep one copy"), "one_copy")
        self.conflicts.setAccessibleName(self.tr("Label conflicts"))
        self.conflicts.setToolTip(self.tr("The same picture filed under two classes teaches the model two answers. "
                                          "Leave such pictures out of the runs, or keep the copy whose file name "
                                          "comes first (with its class); the folder is never changed, and each run "
                                          "records what it left out."))
        split_box = QGroupBox(self.tr("Split"))
        form = QFormLayout(split_box)
        form.addRow(self.tr("&Validation:"), self.val_percent)
        form.addRow(self.tr("&Test:"), self.test_percent)
        form.addRow(self.tr("&Seed:"), self.seed)
        form.addRow(self.tr("Training &images:"), self.train_cap)
        form.addRow(self.tr("&Group images by:"), self.group_by)
        form.addRow(self.tr("CSV &file:"), self.groups_csv_row)
        form.addRow(self.tr("&Pattern:"), self.group_pattern_edit)
        form.addRow(self.tr("DICOM files:"), self.dicom_row)
        form.addRow(self.tr("Label &conflicts:"), self.conflicts)
        self.split_form = form
        form.addRow(hint_label(self.tr("Validation images decide when training stops; test images are kept aside "
                                       "to measure the finished model. A folder with its own test/ folder keeps it. "
                                       "Grouping keeps all images of a patient or lesion in one split.")))
        form.addRow(self.group_info)
        form.addRow(self.split_message)
        return split_box

    def _build_warnings(self) -> QGroupBox:
        self.warnings = QLabel()
        self.warnings.setObjectName("warnings")
        self.warnings.setWordWrap(True)
        self.warnings.setTextFormat(Qt.TextFormat.PlainText)
        self.leak_button = QPushButton(self.tr("Check for &duplicates again"))
        warn_box = QGroupBox(self.tr("Warnings"))
        warn_layout = QVBoxLayout(warn_box)
        warn_layout.addWidget(self.warnings)
        warn_layout.addWidget(self.leak_button, 0, Qt.AlignmentFlag.AlignLeft)
        return warn_box

    def _connect(self, studio: Studio) -> None:
        self.path_edit.returnPressed.connect(self._path_entered)
        self.browse_button.clicked.connect(self.choose_folder)
        self.demo_button.clicked.connect(studio.dataset.open_demo)
        self.download_button.clicked.connect(self._start_download)
        self.cancel_download_button.clicked.connect(studio.dataset.cancel_download)
        self.leak_button.clicked.connect(studio.dataset.check_leakage)
        for spin in (self.val_percent, self.test_percent, self.seed, self.train_cap):
            spin.editingFinished.connect(self._split_edited)
        self.group_by.currentIndexChanged.connect(self._group_mode_changed)
        self.groups_csv_edit.editingFinished.connect(self._split_edited)
        self.groups_csv_button.clicked.connect(self.choose_groups_csv)
        self.group_pattern_edit.editingFinished.connect(self._split_edited)
        self.dicom_tag_edit.editingFinished.connect(self._split_edited)
        self.dicom_groups.toggled.connect(self._split_edited)
        self.conflicts.activated.connect(lambda _index: self._split_edited())
        self.state.data_path_changed.connect(self._show_path)
        self.state.scan_changed.connect(self._show_scan)
        self.state.thumbnails_changed.connect(self._show_thumbnails)
        self.state.split_changed.connect(self._show_split)
        self.state.split_config_changed.connect(self._show_split_config)
        self.state.leakage_changed.connect(self._show_warnings)
        self.state.download_progress.connect(self._show_download)
        studio.dataset.scan_jobs.busy_changed.connect(self._show_scan_busy)
        studio.dataset.leakage_jobs.busy_changed.connect(self._show_leakage_busy)
        studio.dataset.download_jobs.busy_changed.connect(self._show_download_busy)

    # -- public -------------------------------------------------------------------------------
    def set_folder(self, path: str) -> None:
        """Open ``path`` as the dataset (same as typing it and pressing Enter)."""
        self.path_edit.setText(path)
        self.studio.dataset.open_dataset(path)

    # -- user actions -------------------------------------------------------------------------
    @Slot()
    def _path_entered(self) -> None:
        self.studio.dataset.open_dataset(self.path_edit.text())

    @Slot()
    def choose_folder(self) -> None:
        start = self.state.data_path or str(Path.home())
        path = QFileDialog.getExistingDirectory(self, self.tr("Choose the image folder"), start)
        if path:
            self.set_folder(path)

    @Slot()
    def _start_download(self) -> None:
        self.studio.dataset.download_flowers()

    @Slot()
    def choose_groups_csv(self) -> None:
        start = self.groups_csv_edit.text() or self.state.data_path or str(Path.home())
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Choose the CSV file of groups"), start,
                                              self.tr("CSV files (*.csv *.txt);;All files (*)"))
        if path:
            self.groups_csv_edit.setText(path)
            self._split_edited()

    @Slot()
    def _group_mode_changed(self) -> None:
        self._show_group_rows()
        self._split_edited()

    def _show_group_rows(self) -> None:
        mode = self.group_by.currentData()
        self.split_form.setRowVisible(self.groups_csv_row, mode == "csv")
        self.split_form.setRowVisible(self.group_pattern_edit, mode == "pattern")
        scan = self.state.scan
        has_dicom = any("DICOM file" in s for s in getattr(scan, "reading", ()) or ())
        self.split_form.setRowVisible(self.dicom_row, has_dicom)  # shown for folders of DICOM files
        self.dicom_tag_edit.setEnabled(self.dicom_groups.isChecked())

    def _group_fields(self) -> tuple[str | None, str | None]:
        """(groups_csv, group_pattern) as the widgets show them; None for an unused or empty field."""
        mode = self.group_by.currentData()
        csv_path = self.groups_csv_edit.text().strip() if mode == "csv" else ""
        pattern = self.group_pattern_edit.text() if mode == "pattern" else ""
        return csv_path or None, pattern or None

    @Slot()
    def _split_edited(self) -> None:
        groups_csv, group_pattern = self._group_fields()
        tag = (self.dicom_tag_edit.text().strip() or "PatientID") if self.dicom_groups.isChecked() else ""
        problem = self._grouping_problem(group_pattern, tag)
        if problem:
            self.split_message.setText(problem)
            return
        try:
            config = SplitConfig(val_fraction=self.val_percent.value() / 100,
                                 test_fraction=self.test_percent.value() / 100, seed=self.seed.value(),
                                 groups_csv=groups_csv, group_pattern=group_pattern,
                                 train_per_class=self.train_cap.value() or None,
                                 dicom_group_tag=tag,
                                 label_conflicts=self.conflicts.currentData(), exclude=self.state.split_config.exclude)
        except ConfigError as exc:
            self.split_message.setText(self.tr("These percentages leave too few training images: {0}").format(exc.message))
            return
        mode = self.group_by.currentData()
        if mode == "csv" and groups_csv is None:
            self.split_message.setText(self.tr("Choose the CSV file that gives each image's group; until then the "
                                               "images are not grouped."))
        elif mode == "pattern" and group_pattern is None:
            self.split_message.setText(self.tr("Type the pattern that finds the patient or lesion in a file name; "
                                               "until then the images are not grouped."))
        else:
            self.split_message.setText("")
        self.studio.dataset.set_split_config(config)

    def _grouping_problem(self, group_pattern: str | None, tag: str) -> str:
        """Why the pattern or the DICOM tag typed cannot group the images ("" when both can)."""
        try:
            SplitConfig(group_pattern=group_pattern)
        except ConfigError as exc:
            return self.tr("The pattern cannot be used, so the images are not regrouped: {0}").format(exc.message)
        try:
            SplitConfig(dicom_group_tag=tag)
        except ConfigError as exc:
            return self.tr("The DICOM tag cannot be used, so the images are not regrouped: {0}").format(exc.message)
        return ""

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802 - Qt API
        urls = event.mimeData().urls()
        if urls and urls[0].isLocalFile() and Path(urls[0].toLocalFile()).is_dir():
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802 - Qt API
        self.set_folder(event.mimeData().urls()[0].toLocalFile())
        event.acceptProposedAction()

    # -- views of the state -------------------------------------------------------------------
    @Slot(str)
    def _show_path(self, path: str) -> None:
        if self.path_edit.text() != path:
            self.path_edit.setText(path)

    @Slot(bool)
    def _show_scan_busy(self, busy: bool) -> None:
        if busy:
            self.summary.setText(self.tr("Checking every image…"))

    @Slot(bool)
    def _show_leakage_busy(self, busy: bool) -> None:
        self.leak_button.setEnabled(not busy)
        if busy:
            self.warnings.setText(self.tr("Looking for the same picture in two splits…"))

    @Slot(bool)
    def _show_download_busy(self, busy: bool) -> None:
        for w in (self.download_bar, self.cancel_download_button):
            w.setVisible(busy)
        self.download_button.setVisible(not busy)
        if busy:
            self.download_bar.setRange(0, 0)

    @Slot(int, int)
    def _show_download(self, done: int, total: int) -> None:
        if total > 0:
            self.download_bar.setRange(0, 1000)
            self.download_bar.setValue(int(1000 * done / total))

    @Slot(object)
    def _show_scan(self, scan: Any) -> None:
        self.classes.setRowCount(0)
        self.bad_files.setRowCount(0)
        self._show_own_parts(scan)
        if scan is None:
            self.bad_box.setTitle(self.tr("Skipped files"))
            self.warnings.setText("")
            self.group_info.setText("")
            return
        counts = scan.counts()
        summary = (self.tr("{0} usable images in {1} classes ({2}); 1 file skipped.") if len(scan.bad_files) == 1
                   else self.tr("{0} usable images in {1} classes ({2}); {3} files skipped."))
        self.summary.setText(summary.format(
            number(len(scan.records)), len(scan.classes),
            self.tr("already split into folders") if scan.layout == "split" else self.tr("one folder per class"),
            len(scan.bad_files)))
        self.classes.setRowCount(len(scan.classes))
        for row, name in enumerate(scan.classes):
            self.classes.setItem(row, 0, QTableWidgetItem())
            self.classes.setItem(row, 1, QTableWidgetItem(name))
            count = QTableWidgetItem(number(counts[name]))
            count.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.classes.setItem(row, 2, count)
        self.bad_box.setTitle(self.tr("Skipped files ({0})").format(len(scan.bad_files)))
        self.bad_files.setRowCount(len(scan.bad_files))
        for row, bad in enumerate(scan.bad_files):
            self.bad_files.setItem(row, 0, QTableWidgetItem(bad.path))
            self.bad_files.setItem(row, 1, QTableWidgetItem(bad_file_reason(bad)))
        self._show_group_rows()
        self._show_warnings()

    def _show_own_parts(self, scan: Any) -> None:
        """A folder with its own val/ or test/ folder uses it as it is: that share's box does nothing,
        so it is greyed and says why."""
        given = (scan.presplit or {}) if scan is not None else {}
        for spin, part in ((self.val_percent, "val"), (self.test_percent, "test")):
            own = part in given
            spin.setEnabled(not own)
            spin.setToolTip(self.tr("Not used: the folder has its own {0}/ folder, whose images are used as they "
                                    "are.").format(part) if own else "")

    @Slot(object)
    def _show_thumbnails(self, thumbnails: dict) -> None:
        scan = self.state.scan
        if scan is None:
            return
        for row, name in enumerate(scan.classes):
            item = self.classes.item(row, 0)
            if item is not None and name in thumbnails:
                item.setData(Qt.ItemDataRole.DecorationRole, pixmap_from_array(thumbnails[name], THUMB))

    @Slot(object)
    def _show_split(self, split: Any) -> None:
        scan = self.state.scan
        if split is None or scan is None:
            return
        counts = split.counts()
        for row, name in enumerate(scan.classes):
            for col, part in ((3, "train"), (4, "val"), (5, "test")):
                item = QTableWidgetItem(number(counts[part].get(name, 0)))
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.classes.setItem(row, col, item)
        self._show_group_info(split)
        self._show_warnings()

    def _show_group_info(self, split: Any) -> None:
        summary = split.group_summary() if hasattr(split, "group_summary") else None
        if summary is None:
            self.group_info.setText("")
            return
        parts = summary.per_split
        counts = (parts.get("train", 0), parts.get("val", 0), parts.get("test", 0))
        if summary.from_dicom and "PatientID" in summary.source:
            text = self.tr("Grouped by patient from the DICOM files ({0} patients): {1} in training, {2} in "
                           "validation, {3} in test.").format(summary.named, *counts)
        elif summary.from_dicom:
            text = self.tr("Grouped by a DICOM tag ({0} groups): {1} in training, {2} in validation, {3} in test."
                           ).format(summary.named, *counts)
        else:
            text = self.tr("{0} groups: {1} in training, {2} in validation, {3} in test.").format(summary.groups, *counts)
        if summary.ungrouped:
            text += " " + (self.tr("1 image has no group and counts as one.") if summary.ungrouped == 1 else
                           self.tr("{0} images have no group and count as one each.").format(summary.ungrouped))
        if summary.clean:
            text += " " + self.tr("No group is in two splits.")
        else:
            text += " " + (self.tr("1 group is in two splits (see the warnings).") if len(summary.straddling) == 1 else
                           self.tr("{0} groups are in two splits (see the warnings).").format(len(summary.straddling)))
        self.group_info.setText(text)

    @Slot(object)
    def _show_split_config(self, config: SplitConfig) -> None:
        self.val_percent.setValue(round(config.val_fraction * 100))
        self.test_percent.setValue(round(config.test_fraction * 100))
        self.seed.setValue(config.seed)
        self.train_cap.setValue(config.train_per_class or 0)
        self.conflicts.setCurrentIndex(max(0, self.conflicts.findData(config.label_conflicts)))
        widgets = (self.group_by, self.groups_csv_edit, self.group_pattern_edit, self.dicom_tag_edit, self.dicom_groups)
        for widget in widgets:
            widget.blockSignals(True)
        try:
            self._show_group_config(config)
        finally:
            for widget in widgets:
                widget.blockSignals(False)
        self._show_group_rows()

    def _show_group_config(self, config: SplitConfig) -> None:
        self.dicom_groups.setChecked(bool(config.dicom_group_tag))
        if config.dicom_group_tag:
            self.dicom_tag_edit.setText("" if config.dicom_group_tag == "PatientID" else config.dicom_group_tag)
        if config.group_pattern is not None:
            self.group_pattern_edit.setText(config.group_pattern)
            self.group_by.setCurrentIndex(self.group_by.findData("pattern"))
        elif config.groups_csv is not None:
            self.groups_csv_edit.setText(config.groups_csv)
            self.group_by.setCurrentIndex(self.group_by.findData("csv"))
        else:
            try:
                shown = self._group_fields()
                SplitConfig(group_pattern=shown[1])
            except ConfigError:
                shown = (None, None)  # a pattern being corrected: leave it on screen
            if shown != (None, None):
                self.group_by.setCurrentIndex(self.group_by.findData("none"))

    @Slot()
    @staticmethod
    def _split_conflicts(pairs: Any, split: Any) -> tuple[list, list]:
        """The pairs with the same class (leakage) and those filed under two classes (label conflicts)."""
        label = {r.path: r.class_name for part in split.parts().values() for r in part} if split is not None else {}
        conflicts = [p for p in pairs if label.get(p.path_a, "") != label.get(p.path_b, "")]
        return [p for p in pairs if label.get(p.path_a, "") == label.get(p.path_b, "")], conflicts

    def _show_warnings(self, *_: Any) -> None:
        from tlstudio.core.data.scan import imbalance_warning

        scan, split, leakage = self.state.scan, self.state.split, self.state.leakage
        if scan is None:
            return
        lines = list(scan.warnings)
        imbalance = imbalance_warning(scan.counts())
        if imbalance:
            lines.append(imbalance)
        lines.extend(getattr(split, "warnings", ()) or ())
        if leakage is not None:
            leakage, conflicts = self._split_conflicts(leakage, split)
            if conflicts:
                lines.append(self.tr("{0} pictures are filed under two classes (for example:\n  {1}\n  {2}): a label "
                                     "conflict, not leakage. The model is taught two answers, which lowers accuracy; "
                                     "fix the labels, or choose what runs do with them in Label conflicts.").format(
                    len(conflicts), conflicts[0].path_a, conflicts[0].path_b))
            if len(leakage) == 1:
                pair = leakage[0]
                lines.append((self.tr("A picture appears in two splits, as two identical files; test accuracy will look "
                                      "better than it is:\n  {0}\n  {1}\nRemove the copy from the folder and check "
                                      "it again.") if pair.exact else
                              self.tr("A picture appears in two splits, as near copies; test accuracy will look better "
                                      "than it is:\n  {0}\n  {1}\nRemove the copy from the folder and check it "
                                      "again.")).format(pair.path_a, pair.path_b))
            elif leakage:
                exact = sum(1 for p in leakage if p.exact)
                lines.append(self.tr("{0} pictures appear in two splits ({1} identical files, the rest near copies); "
                                     "test accuracy will look better than it is. For example:\n  {2}\n  {3}\n"
                                     "Remove the copies from the folder and check it again.").format(
                    len(leakage), exact, leakage[0].path_a, leakage[0].path_b))
            elif not conflicts:
                lines.append(self.tr("No picture appears in two splits."))
        self.warnings.setText("\n\n".join(f"• {core_text(line)}" for line in lines) if lines
                              else self.tr("Nothing to warn about."))
