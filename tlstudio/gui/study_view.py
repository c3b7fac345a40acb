"""What the Results panel's studies (the learning curve, cross-validation) have in common.

A study trains many models of the current recipe on the training thread: the user ticks the
recipes, sets the study's own numbers, presses Start (or Stop), watches a progress bar of
models done, and gets a plot beside a plain-words reading and a table of the figures. The
subclass gives its words (:meth:`describe`), adds its settings (:meth:`add_setting`) and its plot
(:meth:`add_plot`), and says how to start (:meth:`begin`).
"""

from __future__ import annotations

from typing import Any, Mapping, Sequence

import pyqtgraph as pg
from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QSplitter,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)

from tlstudio.gui.controller import Studio
from tlstudio.gui.widgets import format_seconds, hint_label, mode_name

RECIPES = ("transfer", "finetune", "scratch")


class StudyView(QWidget):
    """Recipes, Start/Stop with a progress bar, and a plot beside a reading and a figures table.

    ``phase`` is the phase of the study's progress events; ``progress_text`` and ``eta_text``
    (with ``{0}`` for the time left) label the bar, e.g. "model %v of %m". ``choices`` (name ->
    label, with the form row's ``choices_label``) replaces the recipes as what the user ticks.
    """

    def __init__(self, studio: Studio, *, phase: str, checked: Sequence[str], parent: QWidget | None = None,
                 choices: Mapping[str, str] | None = None, choices_label: str | None = None) -> None:
        super().__init__(parent)
        self.studio = studio
        self.state = studio.state
        self.phase = phase
        self.progress_text = self.eta_text = ""
        self._running = False

        if choices is None:
            choices = {mode: mode_name(mode) for mode in RECIPES}
        self.recipes = {name: QCheckBox(label) for name, label in choices.items()}
        recipes = QHBoxLayout()
        for mode, box in self.recipes.items():
            box.setChecked(mode in checked)
            recipes.addWidget(box)
        recipes.addStretch(1)
        self.form = QFormLayout()
        self.form.addRow(choices_label or self.tr("Recipes:"), recipes)

        self.start_button = QPushButton()
        self.stop_button = QPushButton(self.tr("Sto&p"))
        self.stop_button.setEnabled(False)
        self.progress = QProgressBar()
        self.progress.setVisible(False)
        self.buttons = QHBoxLayout()
        self.buttons.addWidget(self.start_button)
        self.buttons.addWidget(self.stop_button)
        self.buttons.addWidget(self.progress, 1)

        self.reading = QLabel()
        self.reading.setWordWrap(True)
        self.reading.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.table = QTableWidget(0, 0)
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)

        self.hint = hint_label("")
        self.layout_ = QVBoxLayout(self)
        self.layout_.addWidget(self.hint)
        self.layout_.addLayout(self.form)
        self.layout_.addLayout(self.buttons)

        self.start_button.clicked.connect(self._start)
        self.stop_button.clicked.connect(self.studio.run.stop_run)
        self.state.running_changed.connect(self._show_running)
        self.state.progress_changed.connect(self._show_progress)

    # -- for the subclass ---------------------------------------------------------------------
    def describe(self, *, hint: str, start_text: str, progress_text: str, eta_text: str, table_name: str) -> None:
        """The study's words (translated by the subclass): what it answers, the Start button, the
        progress bar ("model %v of %m"; ``eta_text`` with ``{0}`` for the time left), the table."""
        self.hint.setText(hint)
        self.start_button.setText(start_text)
        self.progress_text, self.eta_text = progress_text, eta_text
        self.progress.setFormat(progress_text)
        self.table.setAccessibleName(table_name)

    def add_setting(self, label: str, widget: QWidget) -> None:
        """A row of the settings form; ``label`` may hold a mnemonic (&) that focuses ``widget``."""
        text = QLabel(label)
        text.setBuddy(widget)
        self.form.addRow(text, widget)

    def add_category_plot(self, y_label: str, empty_title: str, sizes: tuple[int, int]) -> pg.PlotWidget:
        """A plot with one named column per category on its x axis (``self.axis``; ticks set by
        the subclass) and an accuracy from 0 to 1 up, added with :meth:`add_plot`."""
        self.axis = pg.AxisItem("bottom")
        self.plot = pg.PlotWidget(background="w", axisItems={"bottom": self.axis})
        item = self.plot.getPlotItem()
        item.getAxis("left").enableAutoSIPrefix(False)
        item.setLabel("left", y_label)
        item.showGrid(x=False, y=True, alpha=0.2)
        item.setYRange(0, 1)
        item.setTitle(empty_title, color="#222", size="11pt")
        self.add_plot(self.plot, sizes)
        return self.plot

    def clear_category_plot(self, empty_title: str, *, has_result: bool) -> bool:
        """Empty the category plot, the table and (without a result) the reading; the plot then
        says ``empty_title``. Returns ``has_result``, so a view draws only when there is one."""
        item = self.plot.getPlotItem()
        item.clear()
        self.table.setRowCount(0)
        self.table.setColumnCount(0)
        if not has_result:
            item.setTitle(empty_title, color="#222", size="11pt")
            self.reading.setText("")
        return has_result

    def add_plot(self, plot: pg.PlotWidget, sizes: tuple[int, int]) -> None:
        """``plot`` beside the reading and the figures table, their widths in the ratio ``sizes``."""
        figures = QWidget()
        figures_layout = QVBoxLayout(figures)
        figures_layout.setContentsMargins(0, 0, 0, 0)
        figures_layout.addWidget(self.reading)
        figures_layout.addWidget(self.table, 1)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(plot)
        split.addWidget(figures)
        split.setStretchFactor(0, sizes[0])
        split.setStretchFactor(1, sizes[1])
        split.setSizes([100 * sizes[0], 100 * sizes[1]])  # so the table shows its columns at 1280x720
        self.layout_.addWidget(split, 1)

    def begin(self, modes: tuple[str, ...]) -> bool:
        """Ask the studio to start the study for ``modes`` (the ticked choices); True when it started."""
        raise NotImplementedError

    # -- user actions -------------------------------------------------------------------------
    @Slot()
    def _start(self) -> None:
        modes = tuple(mode for mode, box in self.recipes.items() if box.isChecked())
        self._running = True  # set first: the run's running signal arrives while the study starts
        self._running = self.begin(modes)
        self.stop_button.setEnabled(self._running and self.studio.is_running())
        if self._running:
            self.progress.setRange(0, 0)
            self.progress.setFormat(self.progress_text)
            self.progress.setVisible(True)

    # -- views of the state -------------------------------------------------------------------
    @Slot(bool)
    def _show_running(self, running: bool) -> None:
        self.start_button.setEnabled(not running)
        self.stop_button.setEnabled(running and self._running)
        if not running:
            self._running = False
            self.progress.setVisible(False)

    @Slot(object)
    def _show_progress(self, event: Any) -> None:
        if not self._running or event.kind != "batch" or event.phase != self.phase or not event.batches:
            return
        self.progress.setRange(0, event.batches)
        self.progress.setValue(event.batch)
        if event.eta_s is not None:
            self.progress.setFormat(self.eta_text.format(format_seconds(event.eta_s)))
