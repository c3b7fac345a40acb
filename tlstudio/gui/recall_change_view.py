"""Class weights, class by class: shown under the comparison of runs when two runs of one recipe
on the same test pictures differ only in class weights (``core.evaluation.recall_change``), so the
trade is visible — a small class's recall rising while a large class's falls, balanced accuracy
hardly moving."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import QGroupBox, QLabel, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget

from tlstudio.core.evaluation.recall_change import class_weight_pair, recall_changes
from tlstudio.gui.widgets import percent


class RecallChangeView(QGroupBox):
    """Per-class recall without and with class weights, and the change in points."""

    def __init__(self, state: Any, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Class weights: what changed for each class"), parent)
        self.setObjectName("recall_change")
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.table = QTableWidget(0, 5)
        self.table.setHorizontalHeaderLabels([self.tr("Class"), self.tr("Recall without"), self.tr("Recall with"),
                                              self.tr("Change"), self.tr("Test images")])
        self.table.setAccessibleName(self.tr("Recall without and with class weights"))
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.table)
        self.setVisible(False)
        state.results_changed.connect(self.show_results)

    @Slot(object)
    def show_results(self, results: list) -> None:
        pair = class_weight_pair(results)
        if pair is None:
            self.setVisible(False)
            return
        without, with_weights = pair
        a, b = without.evaluation, with_weights.evaluation
        self.summary.setText(self.tr("Balanced accuracy {0} without class weights, {1} with them ({2} points). "
                                     "A class's recall can rise while another's falls:").format(
            percent(a.balanced_accuracy), percent(b.balanced_accuracy),
            f"{(b.balanced_accuracy - a.balanced_accuracy) * 100:+.1f}"))
        changes = recall_changes(a, b)
        self.table.setRowCount(len(changes))
        for row, c in enumerate(changes):
            for col, text in enumerate((c.name, percent(c.without), percent(c.with_weights),
                                        f"{c.change * 100:+.1f}", f"{c.support:,}")):
                item = QTableWidgetItem(text)
                if col:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(row, col, item)
        self.setVisible(True)
