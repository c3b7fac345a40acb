"""The Strategies view of the Results panel: does augmentation, synthetic data, or both help here?

Thin: the ticked strategies go to :meth:`Studio.start_strategies`, which runs
``core.studies.strategies.compare_strategies`` on the training thread with the recipe shown, the
Augmentation tab's changes and the synthetic set chosen for training. The comparison comes back
through ``AppState.strategies_changed`` and is shown here: one bar per strategy (test accuracy
with its 95% interval), a table of the figures, and a plain-words reading that says when a
difference could be luck, with, per class, whether the synthetic images helped that class and
how many of them look like it.
"""

from __future__ import annotations

import html
from typing import Any

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt, Slot
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QTableWidgetItem, QWidget

from tlstudio.core.studies.crossval import axis_floor
from tlstudio.core.studies.strategies import COLOURS, SIGNIFICANCE, STRATEGIES
from tlstudio.gui.controller import Studio
from tlstudio.gui.study_view import StudyView
from tlstudio.gui.widgets import number, number_locale, percent, signed


class StrategiesView(StudyView):
    """Train the recipe shown once per strategy on one split and compare them."""

    def __init__(self, studio: Studio, parent: QWidget | None = None) -> None:
        self.names = {"none": self.tr("No augmentation"), "augment": self.tr("Augmentation"),
                      "synthetic": self.tr("Synthetic images"), "both": self.tr("Augmentation + synthetic")}
        # short enough for the plot's x axis to show all four
        self.ticks = {"none": self.tr("None"), "augment": self.tr("Augmentation"), "synthetic": self.tr("Synthetic"),
                      "both": self.tr("Both")}
        super().__init__(studio, phase="strategies", checked=STRATEGIES, parent=parent, choices=self.names,
                         choices_label=self.tr("Strategies:"))
        self.describe(
            hint=self.tr(
                "Which answer to scarce data helps with these images? The recipe shown is trained once per strategy on "
                "the same split: without augmentation, with the Augmentation tab's random changes, with the synthetic "
                "set chosen in the Synthetic images tab, and with both. All are tested on the same real test images, "
                "and each is compared with 'no augmentation' image by image."),
            start_text=self.tr("Compare the &strategies"), progress_text=self.tr("strategy %v of %m"),
            eta_text=self.tr("strategy %v of %m, about {0} left"), table_name=self.tr("Strategy figures"))
        self.add_category_plot(self.tr("test accuracy (95% interval)"), self.tr("No comparison yet"), (2, 3))
        self.state.strategies_changed.connect(self._show_result)

    def begin(self, modes: tuple[str, ...]) -> bool:
        return self.studio.studies.start_strategies(modes)

    @Slot(object)
    def _show_result(self, result: Any) -> None:
        if not self.clear_category_plot(self.tr("No comparison yet"), has_result=result is not None and bool(result.scores)):
            return
        item = self.plot.getPlotItem()
        scores = result.scores
        for x, s in enumerate(scores):
            colour = QColor(COLOURS[s.strategy])
            item.addItem(pg.BarGraphItem(x=[x], height=[s.accuracy], width=0.6, brush=pg.mkBrush(colour),
                                         pen=pg.mkPen(colour)))
            item.addItem(pg.ErrorBarItem(x=np.array([x]), y=np.array([s.accuracy]),
                                         top=np.array([s.accuracy_ci[1] - s.accuracy]),
                                         bottom=np.array([s.accuracy - s.accuracy_ci[0]]), beam=0.2,
                                         pen=pg.mkPen("#222")))
        self.axis.setTicks([[(x, self.ticks[s.strategy]) for x, s in enumerate(scores)]])
        item.setXRange(-0.6, len(scores) - 0.4, padding=0)
        item.setYRange(axis_floor([s.accuracy_ci[0] for s in scores]), 1)
        item.setTitle(self.tr("Same split, same {0} test images").format(result.n_test), color="#222", size="11pt")
        lines = [self._reading(result, s) for s in scores if s.strategy != "none"]
        lines += [self._class_reading(e) for e in getattr(result, "synthetic_by_class", [])]
        if result.status != "finished":
            lines.append(self.tr("Stopped early: {0} strategies finished.").format(len(scores)))
        lines += [self.tr("Note: {0}").format(html.escape(note)) for note in result.notes]
        lines.append(self.tr("Saved in {0}").format(html.escape(str(result.folder or "–"))))
        self.reading.setText("<br>".join(line for line in lines if line))
        self._fill_table(result)

    def _reading(self, result: Any, s: Any) -> str:
        base = result.score("none")
        if base is None:
            return ""
        diff = (s.accuracy - base.accuracy) * 100
        if s.p_value is not None and s.p_value < SIGNIFICANCE:
            verdict = self.tr("a clear improvement") if diff > 0 else self.tr("clearly worse")
        elif abs(diff) < 0.05:
            verdict = self.tr("no difference")
        else:
            verdict = self.tr("not a clear difference: it could be luck")
        return self.tr("<b>{0}</b>: {1} against {2} without ({3} points). On the same {4} test images it "
                       "fixed {5} and broke {6} (p = {7}): {8}.").format(
            self.names[s.strategy], percent(s.accuracy), percent(base.accuracy),
            signed(diff), result.n_test, s.fixed, s.broken,
            number_locale().toString(s.p_value if s.p_value is not None else 1.0, "g", 2), verdict)

    def _class_reading(self, effect: Any) -> str:
        """Did the synthetic images help this class, beside how much they look like it."""
        verdict = {"helped": self.tr("they helped"), "hurt": self.tr("they hurt"),
                   "no clear difference": self.tr("no clear difference: it could be luck")}[effect.verdict]
        look = (self.tr("not measured") if effect.consistency is None
                else self.tr("{0:.0%} look like {1}").format(effect.consistency, html.escape(effect.class_name)))
        return self.tr("<b>Synthetic images for {0}</b>: recall {1:.1%} without, {2:.1%} with; on its {3} test images "
                       "they fixed {4} and broke {5} (p = {6:.2g}): {7}. Of the set's images of this class, {8}.").format(
            html.escape(effect.class_name), effect.recall_without, effect.recall_with, effect.test_images,
            effect.fixed, effect.broken, effect.p_value, verdict, look)

    def _fill_table(self, result: Any) -> None:
        headers = [self.tr("Strategy"), self.tr("Training images (real + synthetic)"), self.tr("Test accuracy"),
                   self.tr("95% interval"), self.tr("Balanced accuracy"), self.tr("Macro F1"),
                   *[self.tr("Recall of {0}").format(c) for c in result.classes],
                   self.tr("Fixed / broken vs none")]
        self.table.setColumnCount(len(headers))
        self.table.setHorizontalHeaderLabels(headers)
        self.table.setRowCount(len(result.scores))
        for row, s in enumerate(result.scores):
            texts = [self.names[s.strategy], f"{s.train_real} + {s.train_synthetic}", percent(s.accuracy),
                     f"{percent(s.accuracy_ci[0])} – {percent(s.accuracy_ci[1])}", percent(s.balanced_accuracy),
                     number(s.macro_f1, 3), *[percent(s.recall.get(c, 0.0)) for c in result.classes],
                     "" if s.p_value is None else f"{s.fixed} / {s.broken}"]
            for column, text in enumerate(texts):
                cell = QTableWidgetItem(text)
                if column:
                    cell.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(row, column, cell)

