"""The bar above the tabs that offers to resume runs interrupted mid-training.

A run whose process was killed (or whose computer lost power) still says "running" in its
``status.json``; at start-up the studio finds such runs that have a checkpoint
(:func:`tlstudio.core.outputs.runs.interrupted_runs`) and this bar offers them one at a time, newest
first: *Resume* continues from the last checkpoint, *Later* asks again at the next start,
*Don't resume* lists the run as stopped (its checkpoint stays for ``tlstudio train --resume``).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from PySide6.QtCore import Slot
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

from tlstudio.gui.controller import Studio
from tlstudio.gui.widgets import icon, mode_name


class ResumeBanner(QFrame):
    """Hidden until an interrupted run is found."""

    def __init__(self, studio: Studio, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.studio = studio
        self.pending: list[Any] = []
        self.setObjectName("resumeBanner")
        self.text = QLabel()
        self.text.setWordWrap(True)
        self.resume_button = QPushButton(icon("start"), self.tr("&Resume from the last checkpoint"))
        self.resume_button.setObjectName("primary")
        self.later_button = QPushButton(self.tr("&Later"))
        self.later_button.setToolTip(self.tr("Hide this; tlstudio asks again at the next start."))
        self.dismiss_button = QPushButton(self.tr("&Don't resume"))
        self.dismiss_button.setToolTip(self.tr("List the run as stopped. Its checkpoint is kept."))
        layout = QHBoxLayout(self)
        layout.addWidget(self.text, 1)
        for button in (self.resume_button, self.later_button, self.dismiss_button):
            layout.addWidget(button)
        self.resume_button.clicked.connect(self._resume)
        self.later_button.clicked.connect(self._later)
        self.dismiss_button.clicked.connect(self._dismiss)
        studio.run.interrupted_found.connect(self.offer)
        self.hide()

    @property
    def current(self) -> Any | None:
        return self.pending[0] if self.pending else None

    @Slot(object)
    def offer(self, runs: list) -> None:
        known = {r.path for r in self.pending}
        self.pending.extend(r for r in runs if r.path not in known)
        self._show_current()

    def _show_current(self) -> None:
        run = self.current
        if run is None:
            self.hide()
            return
        try:
            when = datetime.fromisoformat(run.stopped).strftime("%Y-%m-%d %H:%M")
        except ValueError:
            when = run.stopped
        text = self.tr("The run <b>{0}</b> ({1}, {2}) was interrupted after {3} of {4} epochs, at {5}: tlstudio or "
                       "the computer stopped in the middle of training. It can continue from its last checkpoint.").format(
            run.name, mode_name(run.mode or ""), run.backbone or "", run.epochs_done, run.epochs_planned, when)
        if len(self.pending) > 1:
            text += " " + self.tr("({0} more interrupted runs after this one.)").format(len(self.pending) - 1)
        self.text.setText(text)
        self.show()

    def _next(self) -> None:
        self.pending.pop(0)
        self._show_current()

    @Slot()
    def _resume(self) -> None:
        run = self.current
        if run is None:
            return
        if not self.studio.run.resume_run(run.path):
            self.studio.state.set_status(self.tr("A run is going: resume the interrupted one when it has ended."))
            return
        self._next()

    @Slot()
    def _later(self) -> None:
        self.pending.clear()
        self.hide()

    @Slot()
    def _dismiss(self) -> None:
        run = self.current
        if run is not None:
            self.studio.run.dismiss_interrupted(run.path)
            self._next()
