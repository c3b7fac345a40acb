"""Results panel: test accuracy, confusion matrix, per-class table, mistakes with Grad-CAM,
the comparison of the runs of this session, the learning curve, and calibration (reliability
diagram and the "uncertain" threshold)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QSize, Qt, Slot
from PySide6.QtGui import QBrush, QColor, QIcon
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from tlstudio.core.evaluation.metrics import interval_text
from tlstudio.gui.calibration_view import CalibrationView
from tlstudio.gui.compare_view import CompareView, local_time
from tlstudio.gui.controller import Studio
from tlstudio.gui.core_texts import core_text
from tlstudio.gui.crossval_view import CrossValView
from tlstudio.gui.curve_view import CurveView
from tlstudio.gui.export_dialog import ExportDialog
from tlstudio.gui.findings_view import FindingsView
from tlstudio.gui.labels_view import LabelsView
from tlstudio.gui.recall_change_view import RecallChangeView
from tlstudio.gui.state import GalleryItem
from tlstudio.gui.strategies_view import StrategiesView
from tlstudio.gui.widgets import (
    confidence,
    heat_legend,
    hint_label,
    image_label,
    mode_name,
    number,
    percent,
    pixmap_from_array,
    titled,
)

ICON_SIDE = 96
DETAIL_SIDE = 190
HEAT = QColor("#1f6fb2")
ITEM_ROLE = Qt.ItemDataRole.UserRole + 1


def heat_colour(fraction: float) -> QColor:
    """White for 0, the heat colour for 1."""
    f = min(1.0, max(0.0, fraction))
    return QColor(round(255 + (HEAT.red() - 255) * f), round(255 + (HEAT.green() - 255) * f),
                  round(255 + (HEAT.blue() - 255) * f))


def run_label(result: Any) -> str:
    name = result.run_dir.name if result.run_dir is not None else result.config.name
    return f"{mode_name(result.config.model.mode)} · {result.config.model.backbone} · {name}"


def _cell(text: str, align_right: bool = True) -> QTableWidgetItem:
    item = QTableWidgetItem(text)
    if align_right:
        item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    return item


class ResultsPanel(QWidget):
    """What the finished model gets right and wrong, and how the runs compare."""

    def __init__(self, studio: Studio, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.studio = studio
        self.state = studio.state

        self.run_choice = QComboBox()
        self.run_choice.setAccessibleName(self.tr("Run"))
        self.summary = QLabel(self.tr("No finished run yet: train a model on the Training tab."))
        self.summary.setObjectName("summary")
        self.summary.setWordWrap(True)
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("&Run:")))
        top.addWidget(self.run_choice, 1)
        top.itemAt(0).widget().setBuddy(self.run_choice)
        self.export_button = QPushButton(self.tr("E&xport model…"))
        self.export_button.setToolTip(self.tr("Save the model of this run as Keras, SavedModel, TensorFlow Lite or "
                                              "ONNX, each checked, with a labels file and a model card"))
        self.export_button.setEnabled(False)
        top.addWidget(self.export_button)
        self.export_dialog: ExportDialog | None = None
        self.export_text = QLabel()
        self.export_text.setObjectName("export_text")
        self.export_text.setWordWrap(True)
        self.export_text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.export_text.setVisible(False)

        this_run = self._build_this_run()
        compare = CompareView(studio)  # the saved runs of this dataset (or all), their curves, the verdict
        self.compare = compare
        self.runs_table = compare.table
        self.recall_change = RecallChangeView(self.state)  # per-class recall without and with class weights
        compare.layout().addWidget(self.recall_change)

        self.tabs = QTabWidget()
        self.tabs.addTab(this_run, self.tr("This run"))
        self.tabs.addTab(compare, self.tr("Compare runs"))
        self.curve = CurveView(studio)
        self.tabs.addTab(self.curve, self.tr("Learning curve"))
        self.crossval = CrossValView(studio)
        self.tabs.addTab(self.crossval, self.tr("Cross-validation"))
        self.strategies = StrategiesView(studio)
        self.tabs.addTab(self.strategies, self.tr("Strategies"))
        self.calibration = CalibrationView(studio)
        self.tabs.addTab(self.calibration, self.tr("Calibration"))
        self.labels = LabelsView(studio)
        self.tabs.addTab(self.labels, self.tr("Check labels"))
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.summary)
        self.findings = FindingsView(self.state)
        layout.addWidget(self.findings)
        layout.addWidget(self.export_text)
        layout.addWidget(self.tabs, 1)

        self.report_button = QPushButton(self.tr("Save &report"))
        self.report_button.setToolTip(self.tr("Write this run's report into its folder: one HTML file and a PDF, "
                                              "pictures included, to share"))
        self.report_button.setEnabled(False)
        self.report_link = QLabel()
        self.report_link.setOpenExternalLinks(True)  # opened with QDesktopServices.openUrl
        self.pseudonyms = QCheckBox(self.tr("Replace file names with pseudonyms"))
        self.pseudonyms.setToolTip(self.tr("The report calls the images image 1, image 2, ... and hides the image "
                                           "folder's path: for file names that hold a patient's name or ID"))
        top.addWidget(self.report_button)
        top.addWidget(self.pseudonyms)
        top.addWidget(self.report_link)
        self.report_button.clicked.connect(lambda: studio.results.save_report(pseudonyms=self.pseudonyms.isChecked()))
        studio.results.report_saved.connect(self._show_report)
        self.state.current_result_changed.connect(self._update_report_button)
        studio.results.report_jobs.busy_changed.connect(self._update_report_button)
        self.run_choice.activated.connect(self._run_chosen)
        self.confusion.cellClicked.connect(self._cell_clicked)
        self.confusion.cellActivated.connect(self._cell_clicked)
        self.show_all.clicked.connect(self._show_all)
        self.export_button.clicked.connect(self._ask_export)
        studio.results.model_exported.connect(self._show_export)
        self.gallery.currentItemChanged.connect(self._gallery_selected)
        self.gallery_order.activated.connect(self._show_gallery)
        self.state.results_changed.connect(self._show_results)
        self.state.current_result_changed.connect(self._show_result)
        self.state.gallery_changed.connect(self._show_gallery)
        self.state.gallery_filter_changed.connect(self._show_gallery)
        studio.results.export_jobs.busy_changed.connect(self._update_export_button)
        studio.results.gallery_jobs.busy_changed.connect(self._show_gallery_busy)

    def _build_this_run(self) -> QSplitter:
        """This run: the confusion matrix and per-class table beside the gallery of mistakes."""
        self.confusion = QTableWidget()
        self.confusion.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.confusion.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.confusion.setAccessibleName(self.tr("Confusion matrix"))
        self.per_class = QTableWidget(0, 5)
        self.per_class.setHorizontalHeaderLabels([self.tr("Class"), self.tr("Precision"), self.tr("Recall"),
                                                  self.tr("F1"), self.tr("Test images")])
        self.per_class.verticalHeader().setVisible(False)
        self.per_class.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.per_class.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(QLabel(self.tr("<b>Confusion matrix</b>")))
        left_layout.addWidget(hint_label(self.tr("Rows: the true class. Columns: what the model said. "
                                                 "Click a cell to see those images.")))
        left_layout.addWidget(self.confusion, 3)
        left_layout.addWidget(QLabel(self.tr("<b>Each class</b> (95% intervals in brackets)")))
        left_layout.addWidget(self.per_class, 2)

        self.gallery_title = QLabel(self.tr("<b>Mistakes</b>"))
        self.gallery_order = QComboBox()
        self.gallery_order.setAccessibleName(self.tr("Order of the mistakes"))
        self.gallery_order.addItem(self.tr("In test order"), "test")
        self.gallery_order.addItem(self.tr("Most confident first"), "confident")
        self.gallery_order.addItem(self.tr("Least confident first"), "unsure")
        self.gallery_order.setToolTip(self.tr("Confident mistakes are the ones to look at first: a wrong label in "
                                              "the folder, or something the model has really learnt wrong."))
        self.show_all = QPushButton(self.tr("Show &all mistakes"))
        self.show_all.setEnabled(False)
        self.gallery = QListWidget()
        self.gallery.setViewMode(QListWidget.ViewMode.IconMode)
        self.gallery.setIconSize(QSize(ICON_SIDE, ICON_SIDE))
        self.gallery.setResizeMode(QListWidget.ResizeMode.Adjust)
        self.gallery.setMovement(QListWidget.Movement.Static)
        self.gallery.setSpacing(4)
        self.gallery.setWordWrap(True)
        # Cells of one size, room for a caption of three lines (a long class name wraps), and one
        # whole row at the smallest window (it scrolls for the rest).
        cell = QSize(ICON_SIDE + 20, ICON_SIDE + 3 * self.gallery.fontMetrics().lineSpacing() + 10)
        self.gallery.setGridSize(cell)
        self.gallery.setMinimumHeight(cell.height() + 2 * self.gallery.frameWidth() + 4)
        self.gallery.setAccessibleName(self.tr("Misclassified images"))
        self.gallery_message = hint_label("")
        self.detail_image = image_label(DETAIL_SIDE)
        self.detail_original = image_label(DETAIL_SIDE)
        self.detail_text = QLabel()
        self.detail_text.setWordWrap(True)
        self.detail_text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        detail = QHBoxLayout()
        detail.addWidget(titled(self.tr("The picture"), self.detail_original))
        detail.addWidget(titled(self.tr("Where the model looked"), self.detail_image))
        detail.addWidget(self.detail_text, 1)
        head = QHBoxLayout()
        head.addWidget(self.gallery_title, 1)
        head.addWidget(self.gallery_order)
        head.addWidget(self.show_all)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addLayout(head)
        right_layout.addWidget(self.gallery_message)
        right_layout.addWidget(self.gallery, 1)
        right_layout.addLayout(detail)
        right_layout.addWidget(heat_legend())
        this_run = QSplitter(Qt.Orientation.Horizontal)
        this_run.addWidget(left)
        this_run.addWidget(right)
        # Half each: the confusion matrix needs room for the class names, and the per-class table
        # for its five columns, at 1280x720.
        this_run.setStretchFactor(0, 1)
        this_run.setStretchFactor(1, 1)
        this_run.setSizes([640, 640])
        return this_run

    # -- user actions -------------------------------------------------------------------------
    @Slot(int)
    def _run_chosen(self, index: int) -> None:
        if 0 <= index < len(self.state.results):
            self.studio.results.show_result(self.state.results[index])

    @Slot()
    def _ask_export(self) -> None:
        result = self.state.current_result
        if result is None or result.run_dir is None:
            return
        self.export_dialog = ExportDialog(result.run_dir.name, self)
        self.export_dialog.accepted.connect(lambda: self.studio.results.export_model(self.export_dialog.formats()))
        self.export_dialog.open()

    @Slot(object)
    def _show_export(self, result: Any) -> None:
        lines = "".join(f"<li>{line}</li>" for line in result.summary().splitlines())
        self.export_text.setText(self.tr("<b>Exported to</b> {0}<br>Each file loaded again and compared with the "
                                         "model here:<ul>{1}</ul>").format(result.folder, lines))
        self.export_text.setVisible(True)

    @Slot(int, int)
    def _cell_clicked(self, row: int, column: int) -> None:
        self.studio.results.filter_gallery((row, column))

    @Slot()
    def _show_all(self) -> None:
        self.studio.results.filter_gallery(None)

    # -- views of the state -------------------------------------------------------------------
    @Slot(bool)
    def _show_gallery_busy(self, busy: bool) -> None:
        if busy:
            self.gallery_message.setText(self.tr("Computing Grad-CAM heatmaps of the mistakes…"))

    def _interval(self, ci: Any, trials: int, joiner: str = " – ") -> str:
        """A 95% interval as shown, or that the test images are too few to measure one."""
        return interval_text(ci, trials, fmt=percent, joiner=joiner, too_few=self.tr("too few test images to measure"))

    @Slot(object)
    def _show_results(self, results: list) -> None:
        """The run list: the current dataset's finished runs, newest first, with their date and name."""
        self.run_choice.clear()
        for r in results:
            self.run_choice.addItem(self.run_label(r))
        index = next((i for i, r in enumerate(results) if r is self.state.current_result), -1)
        self.run_choice.setCurrentIndex(index)

    def run_label(self, result: Any) -> str:
        entry = self.studio.catalog.entry(result)
        if entry is None:
            return run_label(result)
        return f"{local_time(entry.created)} · {entry.name} · {mode_name(entry.mode or '')} · {entry.backbone}"

    @Slot(object)
    def _show_result(self, result: Any) -> None:
        index = next((i for i, r in enumerate(self.state.results) if r is result), -1)
        self.run_choice.setCurrentIndex(index)
        self._update_export_button()
        self.export_text.setVisible(False)
        self.confusion.clear()
        self.per_class.setRowCount(0)
        ev = None if result is None else result.evaluation
        if ev is None:
            self.summary.setText(self.tr("No finished run yet: train a model on the Training tab.") if result is None
                                 else self.tr("This run was stopped before the end: it has no test results."))
            self.confusion.setRowCount(0)
            self.confusion.setColumnCount(0)
            return
        lo, hi = ev.accuracy_ci
        notes = " ".join(core_text(note) for note in getattr(result, "notes", ()) or ())
        tested = int(sum(map(sum, ev.confusion)))
        self.summary.setText(self.tr("Test accuracy {0} (95% interval {1}) on {2} images never seen in "
                                     "training; balanced accuracy {3}. {4}").format(
            percent(ev.accuracy), self._interval((lo, hi), tested), number(tested),
            percent(ev.balanced_accuracy), notes).strip())
        names = list(ev.class_names)
        n = len(names)
        self.confusion.setRowCount(n)
        self.confusion.setColumnCount(n)
        self.confusion.setHorizontalHeaderLabels(names)
        self.confusion.setVerticalHeaderLabels(names)
        for i in range(n):
            row_total = max(1, int(sum(ev.confusion[i])))
            for j in range(n):
                count = int(ev.confusion[i][j])
                item = _cell(number(count))
                item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                fraction = count / row_total
                item.setBackground(QBrush(heat_colour(fraction)))
                item.setForeground(QBrush(QColor("white" if fraction > 0.55 else "#222")))
                item.setToolTip(self.tr("{0} images of {1} were called {2} ({3} of the row)").format(
                    count, names[i], names[j], percent(fraction)))
                self.confusion.setItem(i, j, item)
        self.confusion.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.confusion.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.per_class.setRowCount(len(ev.per_class))
        for row, c in enumerate(ev.per_class):
            values = [c.name, f"{percent(c.precision)} ({self._interval(c.precision_ci, c.predicted)})",
                      f"{percent(c.recall)} ({self._interval(c.recall_ci, c.support)})",
                      percent(c.f1), number(c.support)]
            for col, text in enumerate(values):
                self.per_class.setItem(row, col, _cell(text, align_right=col > 0))
        self.per_class.resizeColumnsToContents()
        self.per_class.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self._show_gallery()

    def _update_export_button(self, *_: Any) -> None:
        result = self.state.current_result
        exportable = (result is not None and getattr(result, "run_dir", None) is not None
                      and getattr(result, "evaluation", None) is not None)
        self.export_button.setEnabled(exportable and not self.studio.results.export_jobs.is_busy())

    def _visible_items(self) -> list[GalleryItem]:
        cell = self.state.gallery_filter
        items = [g for g in self.state.gallery if cell is None or (g.true_index, g.predicted_index) == cell]
        order = self.gallery_order.currentData()
        if order != "test":
            items.sort(key=lambda g: g.probabilities[g.predicted_index], reverse=order == "confident")
        return items

    @Slot()
    def _show_gallery(self, *_: Any) -> None:
        result = self.state.current_result
        ev = None if result is None else result.evaluation
        self.gallery.clear()
        self._clear_detail()
        self.show_all.setEnabled(self.state.gallery_filter is not None)
        if ev is None:
            self.gallery_title.setText(self.tr("<b>Mistakes</b>"))
            self.gallery_message.setText("")
            return
        names = list(ev.class_names)
        cell = self.state.gallery_filter
        total = len(ev.misclassified)
        if cell is None:
            self.gallery_title.setText(self.tr("<b>Mistakes</b>: {0} of {1} test images").format(
                total, number(sum(map(sum, ev.confusion)))))
        else:
            i, j = cell
            self.gallery_title.setText(self.tr("<b>True {0}, called {1}</b>: {2} images").format(
                names[i], names[j], int(ev.confusion[i][j])))
        items = self._visible_items()
        for g in items:
            picture = g.overlay if g.overlay is not None else g.image
            entry = QListWidgetItem(QIcon(pixmap_from_array(picture, ICON_SIDE)),
                                    f"{names[g.true_index]} → {names[g.predicted_index]}\n"
                                    f"{confidence(g.probabilities[g.predicted_index])}")
            entry.setData(ITEM_ROLE, g)
            entry.setToolTip(f"{g.path}\n{names[g.true_index]} → {names[g.predicted_index]}")
            self.gallery.addItem(entry)
        if cell is not None and cell[0] == cell[1]:
            self.gallery_message.setText(self.tr("These {0} images were recognised correctly; the gallery shows "
                                                 "mistakes only.").format(int(ev.confusion[cell[0]][cell[1]])))
        elif self.studio.results.gallery_jobs.is_busy():
            self.gallery_message.setText(self.tr("Computing Grad-CAM heatmaps of the mistakes…"))
        elif total == 0:
            self.gallery_message.setText(self.tr("No mistakes on the test images."))
        elif len(self.state.gallery) < total:
            self.gallery_message.setText(self.tr("Showing the first {0} mistakes with the part of the picture the "
                                                 "model looked at (Grad-CAM).").format(len(self.state.gallery)))
        else:
            self.gallery_message.setText(self.tr("Red areas: the part of the picture that made the model choose "
                                                 "its answer (Grad-CAM). Select an image for details."))
        if items:
            self.gallery.setCurrentRow(0)

    def _clear_detail(self) -> None:
        self.detail_image.clear()
        self.detail_original.clear()
        self.detail_text.setText("")

    @Slot(QListWidgetItem, QListWidgetItem)
    def _gallery_selected(self, current: QListWidgetItem | None, _previous: QListWidgetItem | None = None) -> None:
        if current is None or self.state.current_result is None or self.state.current_result.evaluation is None:
            self._clear_detail()
            return
        g: GalleryItem = current.data(ITEM_ROLE)
        names = list(self.state.current_result.evaluation.class_names)
        if g is None or len(g.probabilities) != len(names):  # a picture of another run: never shown as this one's
            self._clear_detail()
            return
        self.detail_original.setPixmap(pixmap_from_array(g.image, DETAIL_SIDE))
        if g.overlay is not None:
            self.detail_image.setPixmap(pixmap_from_array(g.overlay, DETAIL_SIDE))
        else:
            self.detail_image.setText(self.tr("No heatmap for this model"))
        ranked = sorted(range(len(names)), key=lambda k: -g.probabilities[k])
        lines = "".join(f"<tr><td>{names[k]}</td><td align='right'>{confidence(g.probabilities[k])}</td></tr>" for k in ranked)
        self.detail_text.setText(self.tr("<b>{0}</b><br>True class: <b>{1}</b><br>Model said: <b>{2}</b>"
                                         "<table>{3}</table>").format(Path(g.path).name, names[g.true_index],
                                                                      names[g.predicted_index], lines))

    @Slot()
    def _update_report_button(self, *_: Any) -> None:
        result = self.state.current_result
        self.report_button.setEnabled(getattr(result, "run_dir", None) is not None
                                      and not self.studio.results.report_jobs.is_busy())

    @Slot(object)
    def _show_report(self, report: Any) -> None:
        links = f'<a href="{Path(report.html_path).as_uri()}">{self.tr("open")}</a>'
        if report.pdf_path is not None:
            links += f' · <a href="{Path(report.pdf_path).as_uri()}">PDF</a>'
        self.report_link.setText(self.tr("Report saved: {0}").format(links))
        self.report_link.setToolTip(str(Path(report.html_path).parent))
