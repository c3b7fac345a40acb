"""The learning-curve view of the Results panel: would more images help?

Thin: the recipes, sizes and seeds go to :meth:`Studio.start_curve`, which runs
``core.studies.curve.learning_curve`` on the training thread; the finished curve comes back through
``AppState.curve_changed`` and is drawn here (mean per size, a band from the worst to the best
seed, log-scaled sizes) with a plain-words reading and a table of the figures.
"""

from __future__ import annotations

import math
from typing import Any

import pyqtgraph as pg
from PySide6.QtCore import QRegularExpression, Qt, Slot
from PySide6.QtGui import QColor, QRegularExpressionValidator
from PySide6.QtWidgets import (
    QLineEdit,
    QSpinBox,
    QTableWidgetItem,
    QWidget,
)

from tlstudio.core.studies.curve import FLAT_GAIN
from tlstudio.gui.controller import Studio
from tlstudio.gui.study_view import StudyView
from tlstudio.gui.widgets import mode_name, percent

CURVE_COLOURS = {"transfer": "#1f6fb2", "finetune": "#2a9d4b", "scratch": "#e07b1a"}
DEFAULT_SIZES = "5, 10, 25, 50, 100, 250, 500, 1000"


class SizeAxis(pg.AxisItem):
    """A log-scaled bottom axis labelled with the sizes actually trained (5, 10, 25...)."""

    def __init__(self) -> None:
        super().__init__("bottom")
        self.sizes: list[int] = []

    def tickValues(self, minVal: float, maxVal: float, size: float) -> list:  # noqa: N802,N803 - pyqtgraph API
        if not self.sizes:
            return super().tickValues(minVal, maxVal, size)
        return [(1.0, [math.log10(s) for s in self.sizes])]

    def tickStrings(self, values: list, scale: float, spacing: float) -> list[str]:  # noqa: N802
        return [str(round(10 ** v)) for v in values]


class CurveView(StudyView):
    """Draw a learning curve of the current recipe and read it."""

    def __init__(self, studio: Studio, parent: QWidget | None = None) -> None:
        super().__init__(studio, phase="curve", checked=("transfer", "finetune", "scratch"), parent=parent)
        self.describe(
            hint=self.tr(
                "Would more images help? The recipe set on the Model and Training tabs is trained on 5, 10, 25… "
                "images per class, up to all of them, several times each, and tested on the same test images. "
                "A curve still rising at the right means more images will likely help; a flat one, that they will "
                "not."),
            start_text=self.tr("&Draw learning curve"), progress_text=self.tr("model %v of %m"),
            eta_text=self.tr("model %v of %m, about {0} left"), table_name=self.tr("Learning curve figures"))
        self.sizes = QLineEdit(DEFAULT_SIZES)
        self.sizes.setValidator(QRegularExpressionValidator(QRegularExpression(r"[0-9 ,]*")))
        self.sizes.setAccessibleName(self.tr("Images per class"))
        self.seeds = QSpinBox()
        self.seeds.setRange(1, 10)
        self.seeds.setValue(3)
        self.seeds.setAccessibleName(self.tr("Seeds per size"))
        self.add_setting(self.tr("&Images per class:"), self.sizes)
        self.add_setting(self.tr("S&eeds per size:"), self.seeds)

        self.axis = SizeAxis()
        self.plot = pg.PlotWidget(background="w", axisItems={"bottom": self.axis})
        item = self.plot.getPlotItem()
        item.getAxis("left").enableAutoSIPrefix(False)
        item.setLabel("bottom", self.tr("training images per class"))
        item.setLabel("left", self.tr("test accuracy"))
        item.showGrid(x=True, y=True, alpha=0.2)
        self.legend = item.addLegend(offset=(-10, -60))
        item.setYRange(0, 1)
        item.setTitle(self.tr("No learning curve yet"), color="#222", size="11pt")
        self.add_plot(self.plot, (1, 1))  # half each, so the figures table shows every recipe's column
        self.state.curve_changed.connect(self._show_curve)

    def chosen_sizes(self) -> list[int]:
        return sorted({int(part) for part in self.sizes.text().replace(" ", "").split(",") if part.isdigit() and int(part) > 0})

    def begin(self, modes: tuple[str, ...]) -> bool:
        return self.studio.studies.start_curve(modes, self.chosen_sizes(), self.seeds.value())

    @Slot(object)
    def _show_curve(self, curve: Any) -> None:
        item = self.plot.getPlotItem()
        item.clear()
        self.legend.clear()
        self.table.setRowCount(0)
        if curve is None or not curve.points:
            item.setTitle(self.tr("No learning curve yet"), color="#222", size="11pt")
            self.reading.setText("")
            return
        modes = [m for m in curve.modes if curve.summary(m)]
        self.axis.sizes = list(curve.sizes)
        for mode in modes:
            rows = curve.summary(mode)
            x = [math.log10(r.per_class) for r in rows]
            colour = QColor(CURVE_COLOURS[mode])
            if curve.seeds > 1:
                low = pg.PlotDataItem(x, [r.low for r in rows], pen=pg.mkPen(None))
                high = pg.PlotDataItem(x, [r.high for r in rows], pen=pg.mkPen(None))
                band = QColor(colour)
                band.setAlpha(50)
                item.addItem(low)
                item.addItem(high)
                item.addItem(pg.FillBetweenItem(low, high, brush=pg.mkBrush(band)))
            item.addItem(pg.PlotDataItem(x, [r.mean for r in rows], pen=pg.mkPen(colour, width=2), symbol="o",
                                         symbolSize=6, symbolBrush=colour, symbolPen=colour, name=mode_name(mode)))
        item.setXRange(math.log10(curve.sizes[0]), math.log10(curve.sizes[-1]), padding=0.05)
        item.setYRange(0, 1)
        title = (self.tr("Test accuracy on {0} test images (band: worst to best of {1} seeds)").format(curve.test_count, curve.seeds)
                 if curve.seeds > 1 else self.tr("Test accuracy on {0} test images").format(curve.test_count))
        item.setTitle(title, color="#222", size="11pt")
        status = "" if curve.status == "finished" else self.tr(" (stopped early: the models trained so far)")
        self.reading.setText("<br>".join(self._reading(curve, mode) for mode in modes) + status
                             + "<br>" + self.tr("Saved in {0}").format(curve.folder or "–"))
        self._fill_table(curve, modes)

    def _reading(self, curve: Any, mode: str) -> str:
        t = curve.trend(mode)
        name = f"<b>{mode_name(mode)}</b>"
        if t is None:
            return self.tr("{0}: one size only, so there is no curve to read yet.").format(name)
        points = f"{t.gain * 100:+.1f}"
        if t.kind == "rising":
            return self.tr("{0}: still rising ({1} points from {2} to {3} images per class). More images will likely "
                           "help.").format(name, points, t.from_size, t.to_size)
        if t.kind == "lower":
            return self.tr("{0}: lower with more images ({1} points from {2} to {3} images per class). Look for "
                           "mislabelled or unusual images.").format(name, points, t.from_size, t.to_size)
        if t.spread > FLAT_GAIN:
            return self.tr("{0}: flat ({1} points from {2} to {3} images per class, within the spread between seeds). "
                           "More images of the same kind are unlikely to help much.").format(name, points, t.from_size, t.to_size)
        return self.tr("{0}: flat ({1} points from {2} to {3} images per class, within one point). More images of the "
                       "same kind are unlikely to help much.").format(name, points, t.from_size, t.to_size)

    def _fill_table(self, curve: Any, modes: list[str]) -> None:
        self.table.setColumnCount(1 + len(modes))
        self.table.setHorizontalHeaderLabels([self.tr("Images per class")] + [mode_name(m) for m in modes])
        by = {(s.mode, s.per_class): s for s in curve.summary()}
        self.table.setRowCount(len(curve.sizes))
        for row, size in enumerate(curve.sizes):
            label = self.tr("{0} (all)").format(size) if size == curve.sizes[-1] else str(size)
            self.table.setItem(row, 0, QTableWidgetItem(label))
            for col, mode in enumerate(modes, start=1):
                s = by.get((mode, size))
                text = "" if s is None else (f"{percent(s.mean)} ± {percent(s.std)}" if s.runs > 1 else percent(s.mean))
                cell = QTableWidgetItem(text)
                cell.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(row, col, cell)
