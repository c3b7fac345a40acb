"""The *Check labels* view of the Results panel: pictures whose given label looks wrong.

*Check labels* runs ``core.studies.labels.check_labels`` on the run thread (every picture held
out once, confident learning on the out-of-fold predictions) and lists the suspects, least likely
given label first: a thumbnail, the file, the given label with its probability, the likely label
with its probability, and a box to tick. *Leave the ticked pictures out* puts them in the split
settings' exclude list (``SplitConfig.exclude``): the next runs leave them out and record it; the
folder is never changed.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, replace
from functools import partial
from typing import Any, Callable

from PySide6.QtCore import QObject, QSize, Qt, Slot
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from tlstudio.core.errors import TlStudioError
from tlstudio.gui.widgets import hint_label, percent, pixmap_from_array

THUMB_SIDE = 64
#: Suspects shown with a thumbnail (the table lists them all).
THUMBS = 200


@dataclass(frozen=True)
class LabelCheckShown:
    """A label check and the thumbnails of its first suspects (uint8 arrays, made off the GUI thread)."""

    result: Any
    thumbs: tuple[Any, ...]

    @property
    def status(self) -> str:
        return self.result.status


def check_with_thumbnails(config: Any, workspace: Any, folds: int, *, on_event: Callable[[Any], None],
                          should_stop: Callable[[], bool]) -> LabelCheckShown:
    """The label check, then small thumbnails of its first suspects (on the run thread)."""
    from tlstudio.core.data.imageio import thumbnail
    from tlstudio.core.studies.labels import check_labels

    result = check_labels(config, workspace, folds=folds, on_event=on_event, should_stop=should_stop)
    thumbs = []
    for suspect in result.suspects[:THUMBS]:
        try:
            thumbs.append(thumbnail(suspect.path, THUMB_SIDE))
        except (OSError, ValueError):
            thumbs.append(None)
    return LabelCheckShown(result, tuple(thumbs))


class LabelActions(QObject):
    """Start a label check on the run thread; leave pictures out of the next runs."""

    def __init__(self, studio: Any, on_result: Callable[[LabelCheckShown], None]) -> None:
        super().__init__(studio)
        self.studio, self.state, self.on_result = studio, studio.state, on_result

    def start(self, folds: int) -> bool:
        if self.studio.runs.is_running():
            return False
        try:
            config = self.studio.run.checked_config()
        except TlStudioError as exc:
            self.studio.show_error(exc, self.tr("Cannot check the labels"))
            return False
        self.state.set_status(self.tr("Checking the labels…"))
        self.studio.runs.start(partial(check_with_thumbnails, config, self.studio.workspace, folds),
                               on_done=self._done, on_cancelled=self._cancelled,
                               on_failed=self.studio.run.run_failed)
        return True

    def _done(self, shown: LabelCheckShown) -> None:
        self.on_result(shown)
        self.state.finish_run("finished", self.tr("Labels checked: {0} suspects.").format(len(shown.result.suspects)))
        self.state.set_status(self.tr("Labels checked."))

    def _cancelled(self, shown: LabelCheckShown) -> None:
        self.state.finish_run("cancelled", self.tr("Label check stopped."))
        self.state.set_status(self.tr("Label check stopped."))

    def exclude(self, paths: list[str]) -> int:
        """Add ``paths`` (relative to the image folder when inside it) to the split's exclude list."""
        root = self.state.data_path or ""
        shown = [os.path.relpath(p, root) if root and p.startswith(os.path.join(root, "")) else p for p in paths]
        config = self.state.split_config
        listed = tuple(dict.fromkeys([*config.exclude, *shown]))
        self.studio.dataset.set_split_config(replace(config, exclude=listed))
        self.state.set_status(self.tr("{0} pictures will be left out of the next runs (the folder is unchanged).")
                              .format(len(listed)))
        return len(listed)


class LabelsView(QWidget):
    """Check labels: the suspects with their thumbnails and probabilities, and leaving them out."""

    def __init__(self, studio: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.studio = studio
        self.actions = LabelActions(studio, self.show_check)
        self.shown: LabelCheckShown | None = None
        self.folds = QSpinBox()
        self.folds.setRange(2, 20)
        self.folds.setValue(5)
        self.folds.setAccessibleName(self.tr("Folds"))
        self.start_button = QPushButton(self.tr("C&heck labels"))
        self.exclude_button = QPushButton(self.tr("&Leave the ticked pictures out of the next runs"))
        self.exclude_button.setEnabled(False)
        self.summary = QLabel(self.tr("No label check yet."))
        self.summary.setObjectName("labels_summary")
        self.summary.setWordWrap(True)
        self.table = QTableWidget(0, 6)
        self.table.setHorizontalHeaderLabels([self.tr("Picture"), self.tr("Given label"), self.tr("Probability"),
                                              self.tr("Likely label"), self.tr("Probability"), self.tr("Leave out")])
        self.table.setAccessibleName(self.tr("Suspected label errors"))
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setIconSize(QSize(THUMB_SIDE, THUMB_SIDE))
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("&Folds:")))
        top.itemAt(0).widget().setBuddy(self.folds)
        top.addWidget(self.folds)
        top.addWidget(self.start_button)
        top.addStretch(1)
        top.addWidget(self.exclude_button)
        layout = QVBoxLayout(self)
        layout.addWidget(hint_label(self.tr(
            "Which pictures may carry a wrong label? Each picture is held out once and predicted by a model that "
            "never saw it; the pictures whose given label that model finds least likely (confident learning) are "
            "listed first. Look at each one: tick those to leave out of the next runs, or fix them in the folder.")))
        layout.addLayout(top)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        self.start_button.clicked.connect(lambda: self.actions.start(self.folds.value()))
        self.exclude_button.clicked.connect(self.exclude_ticked)

    @Slot(object)
    def show_check(self, shown: LabelCheckShown) -> None:
        self.shown = shown
        result = shown.result
        self.summary.setText(self.tr("{0} of {1} pictures look mislabelled ({2} folds); least likely given label "
                                     "first.").format(len(result.suspects), result.n_images, result.folds))
        self.table.setRowCount(len(result.suspects))
        for row, s in enumerate(result.suspects):
            picture = QTableWidgetItem(os.path.basename(s.path))
            picture.setToolTip(s.path)
            thumb = shown.thumbs[row] if row < len(shown.thumbs) else None
            if thumb is not None:
                picture.setIcon(QIcon(pixmap_from_array(thumb, THUMB_SIDE)))
            self.table.setItem(row, 0, picture)
            for col, text in ((1, s.given), (2, percent(s.p_given)), (3, s.likely), (4, percent(s.p_likely))):
                self.table.setItem(row, col, QTableWidgetItem(text))
            tick = QTableWidgetItem()
            tick.setFlags(Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsEnabled)
            tick.setCheckState(Qt.CheckState.Unchecked)
            self.table.setItem(row, 5, tick)
            self.table.setRowHeight(row, THUMB_SIDE + 6)
        self.exclude_button.setEnabled(bool(result.suspects))

    def ticked(self) -> list[str]:
        if self.shown is None:
            return []
        return [s.path for row, s in enumerate(self.shown.result.suspects)
                if self.table.item(row, 5).checkState() == Qt.CheckState.Checked]

    @Slot()
    def exclude_ticked(self) -> None:
        paths = self.ticked()
        if paths:
            self.actions.exclude(paths)
