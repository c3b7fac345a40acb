"""Compare runs: the saved runs of the current dataset (or, by choice, of every dataset) side by
side, with their date and time, an editable short name, the dataset, mode, backbone, image size,
the settings that differ between the rows and the test results; their validation curves told
apart by colour and line style (hovering a point names the run); and a verdict in plain words on
which did best and whether the difference is larger than chance."""

from __future__ import annotations

from typing import Any

import pyqtgraph as pg
from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QDateTime, QLocale, Qt, Slot
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from tlstudio.core.evaluation.metrics import interval_text
from tlstudio.core.outputs.catalog import differing_settings
from tlstudio.core.outputs.verdict import Verdict, verdict
from tlstudio.gui.widgets import epoch_axis, format_seconds, hint_label, mode_name, percent

RUN_COLOURS = ("#1f6fb2", "#e07b1a", "#2a9d4b", "#c0392b", "#8e44ad", "#7f8c8d")
LINE_STYLES = (Qt.PenStyle.SolidLine, Qt.PenStyle.DashLine, Qt.PenStyle.DotLine, Qt.PenStyle.DashDotLine)
SYMBOLS = ("o", "s", "t", "d", "+", "x")
PATH_ROLE = Qt.ItemDataRole.UserRole + 2
NAME_COLUMN = 1
NAME_WIDTH = 260  # the most the name column takes at first (a long name shows whole in its tooltip)


#: The user's words for the settings of core.outputs.catalog.key_settings.
SETTING_LABELS: dict[str, str] = {
    "weights": QT_TRANSLATE_NOOP("settings", "weights"),
    "cutoff": QT_TRANSLATE_NOOP("settings", "fine-tuning from"),
    "head": QT_TRANSLATE_NOOP("settings", "hidden layer"),
    "dropout": QT_TRANSLATE_NOOP("settings", "dropout"),
    "epochs": QT_TRANSLATE_NOOP("settings", "epochs"),
    "finetune_epochs": QT_TRANSLATE_NOOP("settings", "fine-tuning epochs"),
    "batch_size": QT_TRANSLATE_NOOP("settings", "batch size"),
    "learning_rate": QT_TRANSLATE_NOOP("settings", "learning rate"),
    "lr_schedule": QT_TRANSLATE_NOOP("settings", "learning-rate schedule"),
    "label_smoothing": QT_TRANSLATE_NOOP("settings", "label smoothing"),
    "class_weights": QT_TRANSLATE_NOOP("settings", "class weights"),
    "seed": QT_TRANSLATE_NOOP("settings", "seed"),
    "augmentation": QT_TRANSLATE_NOOP("settings", "augmentation"),
    "augment_views": QT_TRANSLATE_NOOP("settings", "augmented views"),
    "val_fraction": QT_TRANSLATE_NOOP("settings", "validation share"),
    "test_fraction": QT_TRANSLATE_NOOP("settings", "test share"),
    "split_seed": QT_TRANSLATE_NOOP("settings", "split seed"),
    "train_per_class": QT_TRANSLATE_NOOP("settings", "images per class"),
    "synthetic": QT_TRANSLATE_NOOP("settings", "synthetic images"),
}


#: The words core.outputs.catalog.key_settings writes for a setting's value.
SETTING_VALUES: dict[str, str] = {
    "default": QT_TRANSLATE_NOOP("settings", "default"),
    "random": QT_TRANSLATE_NOOP("settings", "random"),
    "yes": QT_TRANSLATE_NOOP("settings", "yes"),
    "no": QT_TRANSLATE_NOOP("settings", "no"),
    "none": QT_TRANSLATE_NOOP("settings", "none"),
    "all": QT_TRANSLATE_NOOP("settings", "all"),
    "unknown": QT_TRANSLATE_NOOP("settings", "unknown"),
    # the random changes of an augmentation (core.config.AUGMENT_OPERATIONS)
    "flip_horizontal": QT_TRANSLATE_NOOP("settings", "left-right flips"),
    "flip_vertical": QT_TRANSLATE_NOOP("settings", "upside-down flips"),
    "rotation": QT_TRANSLATE_NOOP("settings", "rotation"),
    "zoom": QT_TRANSLATE_NOOP("settings", "zoom"),
    "crop": QT_TRANSLATE_NOOP("settings", "random crop"),
    "translation": QT_TRANSLATE_NOOP("settings", "shift"),
    "brightness": QT_TRANSLATE_NOOP("settings", "brightness"),
    "contrast": QT_TRANSLATE_NOOP("settings", "contrast"),
    "blur": QT_TRANSLATE_NOOP("settings", "blur"),
    "cutout": QT_TRANSLATE_NOOP("settings", "cut-out"),
}


def setting_value(key: str, text: str) -> str:
    """A setting's value in the interface's language (numbers and names stay as they are; an
    augmentation is a list of changes)."""
    parts = text.split(", ") if key == "augmentation" else [text]
    return ", ".join(QCoreApplication.translate("settings", SETTING_VALUES[p]) if p in SETTING_VALUES else p
                     for p in parts)


def setting_label(key: str) -> str:
    """A setting's name in the interface's language."""
    return QCoreApplication.translate("settings", SETTING_LABELS[key]) if key in SETTING_LABELS else key


def capitalised(text: str) -> str:
    """A column header from a setting's name ("fine-tuning from" → "Fine-tuning from")."""
    return text[:1].upper() + text[1:]


def local_time(created: str) -> str:
    """An ISO date and time in the interface's short format (e.g. 04/12/2026 14:22 in Portuguese;
    2026-12-04 14:22 where the system names no language)."""
    when = QDateTime.fromString(created, Qt.DateFormat.ISODate)
    if not when.isValid():
        return created
    locale = QLocale()
    if locale.language() == QLocale.Language.C:
        return when.toString("yyyy-MM-dd HH:mm")
    return locale.toString(when, QLocale.FormatType.ShortFormat)


def short_mode(mode: str) -> str:
    """A mode in one or two words, for the comparison's narrow column."""
    names = {"scratch": QCoreApplication.translate("CompareView", "From scratch"),
             "transfer": QCoreApplication.translate("CompareView", "Transfer"),
             "finetune": QCoreApplication.translate("CompareView", "Fine-tuned")}
    return names.get(mode, mode)


def _cell(text: str, *, right: bool = False, editable: bool = False) -> QTableWidgetItem:
    item = QTableWidgetItem(text)
    flags = item.flags() | Qt.ItemFlag.ItemIsEditable if editable else item.flags() & ~Qt.ItemFlag.ItemIsEditable
    item.setFlags(flags)
    if right:
        item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    return item


class CompareView(QWidget):
    """The Compare runs tab of the Results page."""

    def __init__(self, studio: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.studio = studio
        self.state = studio.state
        self.curves: list[pg.PlotDataItem] = []
        self.shown: list[Any] = []  # the SavedRuns in the table, in order
        self.judged: Verdict | None = None

        self.show_all = QCheckBox(self.tr("Show the runs of &every dataset"))
        self.show_all.setToolTip(self.tr("Off: only the runs of the image folder open now"))
        self.show_all.setChecked(studio.catalog.compare_all)
        self.note_button = QPushButton(self.tr("&Note…"))
        self.note_button.setToolTip(self.tr("Keep a note with the selected run (what you tried, why)"))
        self.delete_button = QPushButton(self.tr("&Delete run…"))
        self.delete_button.setToolTip(self.tr("Move the selected run's folder to the trash, or delete it for good; "
                                              "the image folder is never touched"))
        self.scope = hint_label("")
        bar = QHBoxLayout()
        bar.addWidget(self.show_all)
        bar.addWidget(self.scope, 1)
        bar.addWidget(self.note_button)
        bar.addWidget(self.delete_button)
        self.verdict_text = QLabel()
        self.verdict_text.setObjectName("verdict")
        self.verdict_text.setWordWrap(True)
        self.verdict_text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.table = QTableWidget(0, 0)
        self.table.verticalHeader().setVisible(False)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                                   | QAbstractItemView.EditTrigger.EditKeyPressed)
        self.table.setAccessibleName(self.tr("Runs compared"))
        self.table.setToolTip(self.tr("Double-click a name to rename the run"))
        self.plot = pg.PlotWidget(background="w", axisItems={"bottom": epoch_axis()})
        item = self.plot.getPlotItem()
        item.getAxis("left").enableAutoSIPrefix(False)
        item.setTitle(self.tr("Validation accuracy of each run"), color="#222", size="11pt")
        item.setLabel("bottom", self.tr("epoch"))
        item.setLabel("left", self.tr("validation accuracy"))
        item.showGrid(x=True, y=True, alpha=0.2)
        item.addLegend(offset=(-10, -10))  # bottom right: validation accuracy is mostly high
        item.setYRange(0, 1)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.table)
        split.addWidget(self.plot)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(bar)
        layout.addWidget(self.verdict_text)
        layout.addWidget(split, 1)

        self.show_all.toggled.connect(studio.catalog.set_compare_all)
        self.table.itemChanged.connect(self._renamed)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.note_button.clicked.connect(self._ask_note)
        self.delete_button.clicked.connect(self._ask_delete)
        self.state.compare_changed.connect(self._show_runs)
        self._show_runs(self.state.compare_runs)

    # -- user actions -------------------------------------------------------------------------
    def selected_path(self) -> str:
        rows = self.table.selectionModel().selectedRows()
        return str(self.table.item(rows[0].row(), NAME_COLUMN).data(PATH_ROLE)) if rows else ""

    @Slot(QTableWidgetItem)
    def _renamed(self, item: QTableWidgetItem) -> None:
        if item.column() == NAME_COLUMN:
            path = str(item.data(PATH_ROLE))
            old = next((s.entry.name for s in self.shown if s.entry.path == path), None)
            if old is not None and item.text() != old:
                self.studio.catalog.rename(path, item.text())

    @Slot()
    def _ask_note(self) -> None:
        path = self.selected_path()
        saved = next((s for s in self.shown if s.entry.path == path), None)
        if saved is None:
            return
        text, ok = QInputDialog.getMultiLineText(self, self.tr("Note"), self.tr("A note kept with the run {0}:").format(
            saved.entry.name), saved.entry.note)
        if ok:
            self.studio.catalog.set_note(path, text)

    @Slot()
    def _ask_delete(self) -> None:
        path = self.selected_path()
        saved = next((s for s in self.shown if s.entry.path == path), None)
        if saved is None:
            return
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("Delete the run?"), self.tr(
            "Delete the run “{0}” ({1})? Its folder, with its model and results, goes to the trash, from where it "
            "can be restored. The image folder is not touched.").format(saved.entry.name, saved.entry.id),
            parent=self)
        trash = box.addButton(self.tr("Move to &trash"), QMessageBox.ButtonRole.AcceptRole)
        forever = box.addButton(self.tr("Delete &permanently"), QMessageBox.ButtonRole.DestructiveRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.exec()
        if box.clickedButton() in (trash, forever):
            self.studio.catalog.delete(path, permanent=box.clickedButton() is forever)

    @Slot()
    def _update_buttons(self) -> None:
        chosen = bool(self.selected_path())
        self.note_button.setEnabled(chosen)
        self.delete_button.setEnabled(chosen and not self.studio.catalog.delete_jobs.is_busy())

    # -- views of the state -------------------------------------------------------------------
    def headers(self, differ: list[str]) -> list[str]:
        return [self.tr("Date"), self.tr("Name"), self.tr("Dataset"), self.tr("Mode"), self.tr("Backbone"),
                self.tr("Image size"), *[capitalised(setting_label(k)) for k in differ], self.tr("Test accuracy (95% interval)"),
                self.tr("Balanced accuracy"), self.tr("Epochs"), self.tr("Time")]

    def _row(self, saved: Any, differ: list[str]) -> list[QTableWidgetItem]:
        e, r = saved.entry, saved.result
        ev = r.evaluation
        name = _cell(e.name, editable=True)
        name.setData(PATH_ROLE, e.path)
        name.setToolTip(f"{e.name}\n{e.note}" if e.note else e.name)
        dataset = _cell(e.dataset_name)
        dataset.setToolTip(e.dataset)
        size = "" if e.image_size is None else self.tr("{0} px").format(e.image_size)
        mode = _cell(short_mode(e.mode or ""))
        mode.setToolTip(mode_name(e.mode or ""))
        accuracy = ""
        if ev is not None:
            interval = interval_text(ev.accuracy_ci, int(sum(map(sum, ev.confusion))), fmt=percent, joiner=" – ",
                                     too_few=self.tr("too few test images to measure"))
            accuracy = f"{percent(ev.accuracy)} ({interval})"
        return [_cell(local_time(e.created)), name, dataset, mode, _cell(e.backbone or ""),
                _cell(size, right=True), *[_cell(setting_value(k, e.settings.get(k, ""))) for k in differ],
                _cell(accuracy, right=True),
                _cell(percent(ev.balanced_accuracy) if ev else "", right=True),
                _cell(str(len(r.history.get("epoch", []))), right=True),
                _cell(format_seconds(r.timings.get("total")), right=True)]

    @Slot(object)
    def _show_runs(self, runs: list) -> None:
        self.shown = list(runs)
        entries = [s.entry for s in self.shown]
        differ = differing_settings(entries)
        self.table.blockSignals(True)
        self.table.clear()
        headers = self.headers(differ)
        self.table.setColumnCount(len(headers))
        self.table.setHorizontalHeaderLabels(headers)
        self.table.setRowCount(len(self.shown))
        for row, saved in enumerate(self.shown):
            for col, item in enumerate(self._row(saved, differ)):
                self.table.setItem(row, col, item)
        self.table.blockSignals(False)
        header = self.table.horizontalHeader()
        header.setStretchLastSection(True)
        self.table.resizeColumnsToContents()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)  # the user can widen a column
        self.table.setColumnWidth(NAME_COLUMN, max(120, min(self.table.columnWidth(NAME_COLUMN), NAME_WIDTH)))
        self.scope.setText(self.tr("Every dataset's runs") if self.show_all.isChecked() else
                           self.tr("The runs of {0}").format(self.state.data_path or self.tr("the open image folder")))
        self._show_curves()
        # only runs of one dataset are judged against each other: the open one's, shown or not
        same = [s.entry for s in self.studio.catalog.current_runs()] if self.state.data_path else (
            entries if len({e.dataset for e in entries}) == 1 else [])
        self.judged = verdict(same)
        self.verdict_text.setText(self.verdict_words(self.judged))
        self._update_buttons()

    def curve_label(self, index: int) -> str:
        e = self.shown[index].entry
        return f"{index + 1}. {e.name} · {mode_name(e.mode or '')}"

    def _show_curves(self) -> None:
        plot = self.plot.getPlotItem()
        for curve in self.curves:
            plot.removeItem(curve)
        self.curves = []
        for i, saved in enumerate(self.shown):
            colour = RUN_COLOURS[i % len(RUN_COLOURS)]
            style = LINE_STYLES[(i // len(RUN_COLOURS) + i) % len(LINE_STYLES)]
            acc = [float("nan") if v is None else float(v) for v in saved.result.history.get("val_accuracy", [])]
            label = self.curve_label(i)
            curve = plot.plot(list(range(1, len(acc) + 1)), acc, pen=pg.mkPen(colour, width=2, style=style),
                              symbol=SYMBOLS[i % len(SYMBOLS)], symbolSize=7, symbolBrush=colour, name=label)
            tip = self.tr("{0}\nepoch {1}: {2} on validation")
            curve.scatter.opts["hoverable"] = True
            curve.scatter.opts["tip"] = lambda x, y, data, label=label, tip=tip: tip.format(label, int(x), percent(y))
            curve.curve.setToolTip(label)
            self.curves.append(curve)

    def verdict_words(self, judged: Verdict | None) -> str:
        """The verdict in the interface's language (core.outputs.verdict.Verdict.text in English)."""
        if judged is None:
            return self.tr("Train at least two runs on this dataset to compare them.")
        best, second = judged.best, judged.runner_up
        text = self.tr("<b>{0}</b> did best: {1} of the test images right, against {2} for {3}.").format(
            best.name, percent(best.test_accuracy), percent(second.test_accuracy), second.name)
        p = judged.paired
        if p is not None:
            text += " " + self.tr("On the same {0} test images, {1} got {2} right that {3} got wrong, and {4} the "
                                  "other way round:").format(p.n_test, best.name, p.only_a, second.name, p.only_b)
            if p.significant:
                return text + " " + self.tr("a difference larger than chance (McNemar's test, p = {0}).").format(
                    QLocale().toString(p.p_value, "f", 3))
            return text + " " + self.tr("a difference that chance alone could give (McNemar's test, p = {0}); more "
                                        "test images would tell them apart.").format(QLocale().toString(p.p_value, "f", 2))
        text += " " + self.tr("They were tested on different images, so they cannot be compared image by image;")
        if judged.intervals_overlap:
            return text + " " + self.tr("their 95% intervals overlap, so the difference may be chance.")
        return text + " " + self.tr("their 95% intervals do not overlap, so the difference is larger than chance.")
