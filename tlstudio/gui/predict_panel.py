"""Predict panel: drop images or a folder, see each predicted class, its probabilities and heatmap,
export a CSV. Below the confidence threshold saved with the model (Results → Calibration) the
answer is "uncertain", with the best guess beside it."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Slot
from PySide6.QtGui import QBrush, QColor, QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from tlstudio.gui.controller import Studio
from tlstudio.gui.state import PredictionItem
from tlstudio.gui.widgets import confidence, heat_legend, hint_label, image_label, percent, pixmap_from_array, titled

THUMB = 40
DETAIL_SIDE = 220


class PredictPanel(QWidget):
    """Use a trained model on new pictures."""

    def __init__(self, studio: Studio, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.studio = studio
        self.state = studio.state
        self.setAcceptDrops(True)

        self.model_label = QLabel(self.tr("Model: none yet. Train one, or open a saved model."))
        self.model_label.setWordWrap(True)
        self.open_model = QPushButton(self.tr("Open &model…"))
        self.add_images = QPushButton(self.tr("Add &images…"))
        self.add_folder = QPushButton(self.tr("Add &folder…"))
        self.export = QPushButton(self.tr("&Export CSV…"))
        self.export.setEnabled(False)
        self.clear_button = QPushButton(self.tr("C&lear list"))
        self.clear_button.setEnabled(False)
        top = QHBoxLayout()
        top.addWidget(self.model_label, 1)
        top.addWidget(self.open_model)
        actions = QHBoxLayout()
        actions.addWidget(hint_label(self.tr("Drop pictures or a folder here, or:")), 1)
        actions.addWidget(self.add_images)
        actions.addWidget(self.add_folder)
        actions.addWidget(self.clear_button)
        actions.addWidget(self.export)

        self.table = QTableWidget(0, 4)
        self.table.setHorizontalHeaderLabels([self.tr("Picture"), self.tr("File"), self.tr("Predicted class"),
                                              self.tr("Probability")])
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(THUMB + 6)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.setColumnWidth(0, THUMB + 16)
        self.message = hint_label("")
        self.detail_original = image_label(DETAIL_SIDE)
        self.detail_overlay = image_label(DETAIL_SIDE)
        self.detail_text = QLabel()
        self.detail_text.setWordWrap(True)
        self.detail_text.setAlignment(Qt.AlignmentFlag.AlignTop)
        detail = QWidget()
        detail_layout = QVBoxLayout(detail)
        pictures = QHBoxLayout()
        pictures.addWidget(titled(self.tr("The picture"), self.detail_original))
        pictures.addWidget(titled(self.tr("Where the model looked"), self.detail_overlay))
        detail_layout.addLayout(pictures)
        self.legend = heat_legend()
        detail_layout.addWidget(self.legend)
        detail_layout.addWidget(self.detail_text, 1)
        body = QSplitter(Qt.Orientation.Horizontal)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.table, 1)
        left_layout.addWidget(self.message)
        body.addWidget(left)
        body.addWidget(detail)
        body.setStretchFactor(0, 3)
        body.setStretchFactor(1, 2)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(actions)
        layout.addWidget(body, 1)

        self.open_model.clicked.connect(self._open_model)
        self.add_images.clicked.connect(self._add_images)
        self.add_folder.clicked.connect(self._add_folder)
        self.export.clicked.connect(self._export)
        self.clear_button.clicked.connect(studio.predict.clear)
        self.table.currentCellChanged.connect(self._row_selected)
        self.table.itemSelectionChanged.connect(self._selection_changed)
        self.state.predict_model_changed.connect(self._show_model)
        self.state.predictions_changed.connect(self._show_predictions)
        studio.predict.predict_jobs.busy_changed.connect(self._show_busy)

    # -- public -------------------------------------------------------------------------------
    def predict(self, paths: list[str]) -> None:
        """Predict these files and folders (as dropping them does)."""
        self.studio.predict.predict(paths)

    # -- user actions -------------------------------------------------------------------------
    @Slot()
    def _open_model(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Open a saved model"), str(self.studio.workspace),
                                              self.tr("Keras model (*.keras)"))
        if path:
            self.studio.predict.set_predict_model(path)

    @Slot()
    def _add_images(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(self, self.tr("Choose pictures"), self.state.data_path,
                                                self.tr("Images (*.jpg *.jpeg *.png *.bmp *.gif *.webp *.tif *.tiff *.avif *.jp2 *.ico *.dcm)"))
        if paths:
            self.predict(paths)

    @Slot()
    def _add_folder(self) -> None:
        path = QFileDialog.getExistingDirectory(self, self.tr("Choose a folder of pictures"), self.state.data_path)
        if path:
            self.predict([path])

    @Slot()
    def _export(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Save predictions"), str(Path.home() / "predictions.csv"),
                                              self.tr("CSV files (*.csv)"))
        if path:
            self.studio.predict.export_predictions(path)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802 - Qt API
        if any(url.isLocalFile() for url in event.mimeData().urls()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802 - Qt API
        self.predict([url.toLocalFile() for url in event.mimeData().urls() if url.isLocalFile()])
        event.acceptProposedAction()

    # -- views of the state -------------------------------------------------------------------
    @Slot(str)
    def _show_model(self, path: str) -> None:
        self.model_label.setText(self.tr("Model: {0}").format(path) if path
                                 else self.tr("Model: none yet. Train one, or open a saved model."))

    @Slot(bool)
    def _show_busy(self, busy: bool) -> None:
        if busy:
            self.message.setText(self.tr("Predicting…"))

    @Slot(object)
    def _show_predictions(self, items: tuple[PredictionItem, ...]) -> None:
        self.table.blockSignals(True)  # the detail is shown once, for the row chosen below
        self.table.clearSelection()
        self.table.setRowCount(len(items))
        for row, p in enumerate(items):
            picture = QTableWidgetItem()
            if p.image is not None:
                picture.setData(Qt.ItemDataRole.DecorationRole, pixmap_from_array(p.image, THUMB))
            self.table.setItem(row, 0, picture)
            self.table.setItem(row, 1, QTableWidgetItem(p.path))
            if p.error:
                answer = self.tr("could not be read")
            elif p.uncertain:
                answer = self.tr("uncertain (best guess: {0})").format(p.best)
            else:
                answer = p.predicted
            answer_item = QTableWidgetItem(answer)
            if p.uncertain:
                answer_item.setForeground(QBrush(QColor("#b35c00")))
                answer_item.setToolTip(self.tr("The model's confidence is below the threshold saved with it: "
                                               "have a person look at this picture."))
            self.table.setItem(row, 2, answer_item)
            prob = QTableWidgetItem(confidence(p.probabilities.get(p.best or p.predicted)) if not p.error else p.error)
            prob.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.table.setItem(row, 3, prob)
        failed = sum(1 for p in items if p.error)
        uncertain = sum(1 for p in items if p.uncertain)
        message = self.tr("{0} pictures predicted, {1} could not be read.").format(len(items) - failed, failed)
        if uncertain:
            message += " " + self.tr("{0} uncertain: the model's confidence is below its threshold.").format(uncertain)
        self.message.setText(message if items else "")
        self.export.setEnabled(bool(items))
        self.clear_button.setEnabled(bool(items))
        self.table.blockSignals(False)
        if items:
            self.table.setCurrentCell(len(items) - 1, 1)  # the newest picture
            self.table.scrollToItem(self.table.item(len(items) - 1, 1))
        self._row_selected(self.table.currentRow() if items else -1)

    @Slot()
    def _selection_changed(self) -> None:
        rows = {index.row() for index in self.table.selectionModel().selectedRows()}
        if len(rows) == 1:
            self._row_selected(rows.pop())

    @Slot(int, int, int, int)
    def _row_selected(self, row: int, _col: int = 0, _prev_row: int = -1, _prev_col: int = -1) -> None:
        """The detail pane shows the selected picture (nothing when no row is selected)."""
        items = self.state.predictions
        self.detail_original.clear()
        self.detail_overlay.clear()
        self.detail_text.setText("")
        if not 0 <= row < len(items):
            return
        p = items[row]
        if p.image is not None:
            self.detail_original.setPixmap(pixmap_from_array(p.image, DETAIL_SIDE))
        if p.overlay is not None:
            self.detail_overlay.setPixmap(pixmap_from_array(p.overlay, DETAIL_SIDE))
        if p.error:
            self.detail_text.setText(self.tr("<b>{0}</b><br>Could not be read: {1}").format(Path(p.path).name, p.error))
            return
        ranked = sorted(p.probabilities.items(), key=lambda kv: -kv[1])
        rows = "".join(f"<tr><td>{name}</td><td align='right'>{confidence(value)}</td></tr>" for name, value in ranked)
        if p.uncertain:
            threshold = getattr(p.prediction, "threshold", None)
            self.detail_text.setText(self.tr("<b>{0}</b><br>Predicted: <b>uncertain</b> (best guess {1} at {2}, below "
                                             "the threshold {3})<table>{4}</table>").format(
                Path(p.path).name, p.best, confidence(p.probabilities.get(p.best)), percent(threshold), rows))
            return
        self.detail_text.setText(self.tr("<b>{0}</b><br>Predicted: <b>{1}</b><table>{2}</table>").format(
            Path(p.path).name, p.predicted, rows))
