"""The cross-validation view of the Results panel: how much does one split's figure owe to chance?

Thin: the recipes, folds and repeats go to :meth:`Studio.start_crossval`, which runs
``core.studies.crossval.cross_validate`` on the training thread; the result comes back through
``AppState.crossval_changed`` and is shown here: each fold's test accuracy as a dot (one column
per recipe, the mean as a bar), a table of mean ± standard deviation and the range per metric,
and a plain-words reading.
"""

from __future__ import annotations

import html
from typing import Any

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt, Slot
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QSpinBox,
    QTableWidgetItem,
    QWidget,
)

from tlstudio.core.studies.crossval import axis_floor
from tlstudio.gui.controller import Studio
from tlstudio.gui.curve_view import CURVE_COLOURS
from tlstudio.gui.study_view import StudyView
from tlstudio.gui.widgets import mode_name, number, percent, signed


class CrossValView(StudyView):
    """Cross-validate the current recipe and show the spread of its figures."""

    def __init__(self, studio: Studio, parent: QWidget | None = None) -> None:
        super().__init__(studio, phase="crossval", checked=("transfer",), parent=parent)
        self.describe(
            hint=self.tr(
                "How much does one split's figure owe to chance? The images are divided into folds of the same class "
                "mix; each fold is held out once as the test images of a model trained on the others, and the whole "
                "is repeated with other folds. The spread between folds is how much a single split could have "
                "varied. Most useful when a class has fewer than about 30 images."),
            start_text=self.tr("&Cross-validate"), progress_text=self.tr("fold %v of %m"),
            eta_text=self.tr("fold %v of %m, about {0} left"), table_name=self.tr("Cross-validation figures"))
        self.folds = QSpinBox()
        self.folds.setRange(2, 20)
        self.folds.setValue(5)
        self.folds.setAccessibleName(self.tr("Folds"))
        self.repeats = QSpinBox()
        self.repeats.setRange(1, 20)
        self.repeats.setValue(2)
        self.repeats.setAccessibleName(self.tr("Repeats"))
        self.add_setting(self.tr("&Folds:"), self.folds)
        self.add_setting(self.tr("R&epeats:"), self.repeats)

        # the table's mean ± sd and range columns need the room
        self.add_category_plot(self.tr("test accuracy of the held-out fold"), self.tr("No cross-validation yet"), (2, 3))
        self.state.crossval_changed.connect(self._show_result)

    def begin(self, modes: tuple[str, ...]) -> bool:
        return self.studio.studies.start_crossval(modes, self.folds.value(), self.repeats.value())

    @Slot(object)
    def _show_result(self, result: Any) -> None:
        if not self.clear_category_plot(self.tr("No cross-validation yet"),
                                        has_result=result is not None and bool(result.scores)):
            return
        item = self.plot.getPlotItem()
        modes = [m for m in result.modes if result.scores_of(m)]
        rng = np.random.default_rng(0)
        for x, mode in enumerate(modes):
            acc = np.array([s.accuracy for s in result.scores_of(mode)])
            colour = QColor(CURVE_COLOURS[mode])
            item.addItem(pg.ScatterPlotItem(x + rng.uniform(-0.15, 0.15, acc.size), acc, size=8, brush=pg.mkBrush(colour),
                                            pen=pg.mkPen(colour), name=mode_name(mode)))
            mean = result.metric(mode, "accuracy").mean
            item.addItem(pg.PlotDataItem([x - 0.3, x + 0.3], [mean, mean], pen=pg.mkPen("#222", width=3)))
        self.axis.setTicks([[(x, mode_name(m)) for x, m in enumerate(modes)]])
        item.setXRange(-0.6, len(modes) - 0.4, padding=0)
        item.setYRange(axis_floor([s.accuracy for s in result.scores]), 1)
        item.setTitle(self.tr("{0} folds x {1} repeats, {2} images (bar: mean)").format(
            result.folds, result.repeats, result.n_images), color="#222", size="11pt")
        lines = [self._reading(result, mode) for mode in modes]
        lines += [self._comparison(result, modes[0], mode) for mode in modes[1:]]
        if result.status != "finished":
            lines.append(self.tr("Stopped early: {0} of {1} models trained.").format(
                len(result.scores), len(result.modes) * result.folds * result.repeats))
        lines += [self.tr("Note: {0}").format(html.escape(note)) for note in result.notes]
        lines.append(self.tr("Saved in {0}").format(html.escape(str(result.folder or "–"))))
        self.reading.setText("<br>".join(lines))
        self._fill_table(result, modes)

    def _reading(self, result: Any, mode: str) -> str:
        s = result.metric(mode, "accuracy")
        name = f"<b>{mode_name(mode)}</b>"
        if s.folds < 2:
            return self.tr("{0}: accuracy {1} on the one fold finished; the spread needs at least two folds.").format(
                name, percent(s.mean, 0))
        spread = number(s.std * 100, 0 if s.std >= 0.01 else 1)
        points = self.tr("1 point") if spread == "1" else self.tr("{0} points").format(spread)
        return self.tr("{0}: accuracy {1} ± {2} over {3} folds: a single split could have shown anything "
                       "from {4} to {5}.").format(name, percent(s.mean, 0), points, s.folds, percent(s.low, 0),
                                                  percent(s.high, 0))

    def _comparison(self, result: Any, base: str, mode: str) -> str:
        by_fold = {(s.repeat, s.fold): s.accuracy for s in result.scores_of(base)}
        diffs = np.array([s.accuracy - by_fold[(s.repeat, s.fold)] for s in result.scores_of(mode)
                          if (s.repeat, s.fold) in by_fold])
        if diffs.size == 0:
            return ""
        return self.tr("{0} against {1}: {2} points on average, better in {3} of {4} folds, worse in {5}.").format(
            mode_name(mode), mode_name(base), signed(diffs.mean() * 100), int(np.sum(diffs > 1e-9)), diffs.size,
            int(np.sum(diffs < -1e-9)))

    def _metric_label(self, metric: str) -> str:
        names = {"accuracy": self.tr("Accuracy"), "balanced_accuracy": self.tr("Balanced accuracy"),
                 "macro_f1": self.tr("Macro F1")}
        if metric.startswith("recall:"):
            return self.tr("Recall of {0}").format(metric[len("recall:"):])
        return names.get(metric, metric)

    def _fill_table(self, result: Any, modes: list[str]) -> None:
        headers = [self.tr("Metric")]
        for mode in modes:
            headers += [self.tr("{0}: mean ± sd").format(mode_name(mode)), self.tr("{0}: lowest – highest").format(mode_name(mode))]
        self.table.setColumnCount(len(headers))
        self.table.setHorizontalHeaderLabels(headers)
        by = {(s.mode, s.metric): s for s in result.summary()}
        self.table.setRowCount(len(result.metrics))
        for row, metric in enumerate(result.metrics):
            self.table.setItem(row, 0, QTableWidgetItem(self._metric_label(metric)))
            for i, mode in enumerate(modes):
                s = by.get((mode, metric))
                texts = ("", "") if s is None else (self.tr("{0} ± {1}").format(percent(s.mean), number(s.std * 100, 1)),
                                                    f"{percent(s.low)} – {percent(s.high)}")
                for j, text in enumerate(texts):
                    cell = QTableWidgetItem(text)
                    cell.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                    self.table.setItem(row, 1 + 2 * i + j, cell)
