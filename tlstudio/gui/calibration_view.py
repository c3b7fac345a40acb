"""The calibration view of the Results panel: can the model's confidence be trusted, and below
which confidence should it answer "uncertain"?

Thin: the run's ``core.evaluation.calibration.Calibration`` arrives through ``AppState.calibration_changed``
(the studio reads the run's small ``calibration.json``); this view draws the reliability diagram
before and after temperature scaling, the coverage-versus-accuracy curve, and reads out what a
threshold does. "Save threshold with the model" goes to :meth:`Studio.save_threshold`, which
writes it through core. Curves are made once and updated with ``setData``.
"""

from __future__ import annotations

from typing import Any

import pyqtgraph as pg
from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import (
    QDoubleSpinBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSlider,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from tlstudio.gui.controller import Studio
from tlstudio.gui.widgets import hint_label, number, percent

BEFORE_COLOUR = "#e07b1a"
AFTER_COLOUR = "#1f6fb2"
COVERAGE_COLOUR = "#2a9d4b"
#: Mean confidence and accuracy closer than this read as "about right".
CLOSE = 0.02


def _plot(title: str, bottom: str, left: str) -> pg.PlotWidget:
    plot = pg.PlotWidget(background="w")
    item = plot.getPlotItem()
    item.getAxis("left").enableAutoSIPrefix(False)
    item.setTitle(title, color="#222", size="11pt")
    item.setLabel("bottom", bottom)
    item.setLabel("left", left)
    item.showGrid(x=True, y=True, alpha=0.2)
    item.setXRange(0, 1, padding=0.02)
    item.setYRange(0, 1, padding=0.02)
    return plot


class CalibrationView(QWidget):
    """Reliability diagram, expected calibration error, and the abstention threshold."""

    def __init__(self, studio: Studio, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.studio = studio
        self.state = studio.state

        self.summary = QLabel(self.tr("No calibration yet: train a model on the Training tab."))
        self.summary.setObjectName("calibration_summary")
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.reading = QLabel()
        self.reading.setWordWrap(True)
        self.reading.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.reliability = _plot(self.tr("Reliability diagram (test images)"), self.tr("confidence (top probability)"),
                                 self.tr("accuracy"))
        item = self.reliability.getPlotItem()
        item.addLegend(offset=(10, 10))
        self.diagonal = item.plot([0.0, 1.0], [0.0, 1.0], pen=pg.mkPen("#888", width=1, style=Qt.PenStyle.DashLine),
                                  name=self.tr("perfect calibration"))
        self.before_curve = item.plot([], [], pen=pg.mkPen(BEFORE_COLOUR, width=2), symbol="o", symbolSize=7,
                                      symbolBrush=BEFORE_COLOUR, symbolPen=BEFORE_COLOUR,
                                      name=self.tr("before scaling"))
        self.after_curve = item.plot([], [], pen=pg.mkPen(AFTER_COLOUR, width=2), symbol="s", symbolSize=7,
                                     symbolBrush=AFTER_COLOUR, symbolPen=AFTER_COLOUR, name=self.tr("after scaling"))

        self.coverage_plot = _plot(self.tr("Answering less to be right more (test images)"),
                                   self.tr("confidence threshold"), self.tr("share"))
        item = self.coverage_plot.getPlotItem()
        item.addLegend(offset=(-10, -10))
        self.coverage_curve = item.plot([], [], pen=pg.mkPen(COVERAGE_COLOUR, width=2),
                                        name=self.tr("coverage (images answered)"))
        self.accuracy_curve = item.plot([], [], pen=pg.mkPen(AFTER_COLOUR, width=2),
                                        name=self.tr("accuracy of the answers"))
        self.threshold_line = pg.InfiniteLine(0.0, angle=90, movable=False, pen=pg.mkPen("#c0392b", width=1.5))
        item.addItem(self.threshold_line)

        self.threshold = QDoubleSpinBox()
        self.threshold.setRange(0.0, 1.0)
        self.threshold.setSingleStep(0.01)
        self.threshold.setDecimals(2)
        self.threshold.setAccessibleName(self.tr("Confidence threshold"))
        self.slider = QSlider(Qt.Orientation.Horizontal)
        self.slider.setRange(0, 100)
        self.slider.setAccessibleName(self.tr("Confidence threshold"))
        self.coverage_text = QLabel()
        self.coverage_text.setObjectName("coverage_text")
        self.coverage_text.setWordWrap(True)
        self.save_button = QPushButton(self.tr("&Save threshold with the model"))
        self.saved_text = QLabel()
        self.saved_text.setWordWrap(True)
        threshold_label = QLabel(self.tr("&Threshold:"))
        threshold_label.setBuddy(self.threshold)
        controls = QHBoxLayout()
        controls.addWidget(threshold_label)
        controls.addWidget(self.threshold)
        controls.addWidget(self.slider, 1)
        controls.addWidget(self.save_button)

        plots = QSplitter(Qt.Orientation.Horizontal)
        plots.addWidget(self.reliability)
        plots.addWidget(self.coverage_plot)
        layout = QVBoxLayout(self)
        layout.addWidget(hint_label(self.tr(
            "When the model says 90%, is it right 90% of the time? Points on the diagonal mean yes; below it, the "
            "model is over-confident. Temperature scaling, fitted on the validation images, corrects that. Below the "
            "confidence threshold the model answers “uncertain” instead of a class, so a person looks at those "
            "images: a higher threshold answers fewer images and gets more of them right.")))
        layout.addWidget(self.summary)
        layout.addWidget(self.reading)
        layout.addWidget(plots, 1)
        layout.addLayout(controls)
        layout.addWidget(self.coverage_text)
        layout.addWidget(self.saved_text)

        self.threshold.valueChanged.connect(self._threshold_changed)
        self.slider.valueChanged.connect(self._slider_moved)
        self.save_button.clicked.connect(self._save)
        self.state.calibration_changed.connect(self._show_calibration)
        self._show_calibration(self.state.calibration)

    # -- user actions -------------------------------------------------------------------------
    @Slot(int)
    def _slider_moved(self, value: int) -> None:
        self.threshold.setValue(value / 100)

    @Slot(float)
    def _threshold_changed(self, value: float) -> None:
        self.slider.blockSignals(True)
        self.slider.setValue(round(value * 100))
        self.slider.blockSignals(False)
        self.threshold_line.setValue(value)
        self._show_coverage(value)

    @Slot()
    def _save(self) -> None:
        self.studio.results.save_threshold(self.threshold.value())

    # -- views of the state -------------------------------------------------------------------
    @Slot(object)
    def _show_calibration(self, calibration: Any) -> None:
        has = calibration is not None
        for widget in (self.threshold, self.slider):
            widget.setEnabled(has)
        if not has:
            result = self.state.current_result
            self.summary.setText(self.tr("No calibration yet: train a model on the Training tab.") if result is None
                                 else self.tr("This run has no calibration: it was stopped before the end, or trained "
                                              "before tlstudio measured calibration."))
            self.reading.setText("")
            for curve in (self.before_curve, self.after_curve, self.coverage_curve, self.accuracy_curve):
                curve.setData([], [])
            self.coverage_text.setText("")
            self.saved_text.setText("")
            self.save_button.setEnabled(False)
            return
        c = calibration
        self.summary.setText(self.tr("<b>Temperature {0}</b> · expected calibration error (ECE) <b>{1}</b> before "
                                     "scaling → <b>{2}</b> after, on {3} test images (temperature fitted on {4} "
                                     "validation images).").format(
            number(c.temperature, 2), percent(c.ece_before), percent(c.ece_after), c.test_count, c.val_count))
        self.reading.setText(self._reading(c))
        for curve, bins in ((self.before_curve, c.bins_before), (self.after_curve, c.bins_after)):
            full = [b for b in bins if b.count]
            curve.setData([b.confidence for b in full], [b.accuracy for b in full])
        points = c.coverage
        xs = [p.threshold for p in points]
        self.coverage_curve.setData(xs, [p.coverage for p in points])
        answered = [p for p in points if p.accuracy is not None]
        self.accuracy_curve.setData([p.threshold for p in answered], [p.accuracy for p in answered])
        self.saved_text.setText(
            self.tr("Saved with the model: threshold {0}. Predict answers “uncertain” below it.").format(
                number(c.threshold, 2))
            if c.threshold > 0 else self.tr("No threshold saved: the model answers every image."))
        self.threshold.blockSignals(True)
        self.threshold.setValue(c.threshold)
        self.threshold.blockSignals(False)
        self._threshold_changed(self.threshold.value())

    def _show_coverage(self, value: float) -> None:
        c = self.state.calibration
        if c is None:
            self.coverage_text.setText("")
            self.save_button.setEnabled(False)
            return
        p = c.coverage_at(value)
        if p.accuracy is None:
            text = self.tr("At {0} the model answers none of the {1} test images: every one is “uncertain”.").format(
                number(value, 2), p.total)
        else:
            text = self.tr("At {0} the model answers {1} of the images, {2} of them right; it says “uncertain” "
                           "for {3} of the {4} test images.").format(number(value, 2), percent(p.coverage), percent(p.accuracy),
                                                                    p.uncertain, p.total)
        self.coverage_text.setText(text)
        self.save_button.setEnabled(abs(value - c.threshold) > 1e-9)

    def _reading(self, c: Any) -> str:
        acc, before = c.accuracy, c.mean_confidence_before
        if before - acc > CLOSE:
            first = self.tr("Before scaling the model was over-confident: it said {0} on average where it was right "
                            "{1} of the time.").format(percent(before), percent(acc))
        elif acc - before > CLOSE:
            first = self.tr("Before scaling the model was under-confident: it said {0} on average where it was right "
                            "{1} of the time.").format(percent(before), percent(acc))
        else:
            first = self.tr("Before scaling the model's confidence was about right on average ({0} said, {1} "
                            "right).").format(percent(before), percent(acc))
        if c.temperature == 1.0:
            second = self.tr("Temperature scaling found nothing to correct.")
        elif c.ece_after < c.ece_before:
            second = self.tr("After scaling it says {0} on average.").format(percent(c.mean_confidence_after))
        else:
            second = self.tr("Scaling did not help on the test images: the validation images may be too few, or "
                             "unlike the test images.")
        return f"{first} {second}"
