"""The Dataset tab's box on how DICOM files and 16-bit pictures are read: what the scan found, and the settings.

Shown when the folder holds such pictures. The settings are a ``core.config.ReadingConfig``
(kept in each run's configuration, so predictions read new pictures the same way).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import QComboBox, QFormLayout, QGroupBox, QLabel, QSpinBox, QWidget

from tlstudio.core.config import ReadingConfig
from tlstudio.gui.controller import Studio


class ReadingBox(QGroupBox):
    """How the pictures were read (the scan's sentences) and the three reading settings."""

    def __init__(self, studio: Studio, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("DICOM and 16-bit pictures"), parent)
        self.studio = studio
        self.state = studio.state
        self.found = QLabel()
        self.found.setWordWrap(True)
        self.found.setTextFormat(Qt.TextFormat.PlainText)
        self.window = QSpinBox()
        self.window.setRange(0, 99)
        self.window.setSpecialValueText(self.tr("a robust window from the values"))
        self.window.setPrefix(self.tr("stored window "))
        self.window.setAccessibleName(self.tr("DICOM window"))
        self.window.setToolTip(self.tr("Which of the windows stored in the DICOM files (Window Center/Width) turns "
                                       "their values into grey levels; 0 ignores them and uses the 0.5th to 99.5th "
                                       "percentile of each picture's values."))
        self.frames = QComboBox()
        self.frames.addItem(self.tr("The middle frame"), "middle")
        self.frames.addItem(self.tr("Every frame, as an image of its own"), "all")
        self.frames.setToolTip(self.tr("What a DICOM file with several frames (a 3-D volume or a cine loop) gives."))
        self.high_bit = QComboBox()
        self.high_bit.addItem(self.tr("By their values (under 4,096: 12-bit data)"), "auto")
        self.high_bit.addItem(self.tr("Always from 0 to 65,535"), "full")
        self.high_bit.setToolTip(self.tr("How 16-bit PNG and TIFF pictures become grey levels: 12-bit X-ray data "
                                         "(values 0 to 4,095) would look almost black if scaled from 0 to 65,535."))
        form = QFormLayout(self)
        form.addRow(self.found)
        form.addRow(self.tr("DICOM &window:"), self.window)
        form.addRow(self.tr("Multi-&frame files:"), self.frames)
        form.addRow(self.tr("16-&bit pictures:"), self.high_bit)
        self._show_config(self.state.reading)
        self._show_scan(self.state.scan)
        for edited in (self.window.editingFinished, self.frames.activated, self.high_bit.activated):
            edited.connect(self._edited)
        self.state.reading_changed.connect(self._show_config)
        self.state.scan_changed.connect(self._show_scan)

    @Slot()
    def _edited(self, *_: Any) -> None:
        self.studio.dataset.set_reading(ReadingConfig(high_bit=self.high_bit.currentData(),
                                                      dicom_window=self.window.value(),
                                                      dicom_frames=self.frames.currentData()))

    @Slot(object)
    def _show_config(self, config: ReadingConfig) -> None:
        self.window.setValue(config.dicom_window)
        self.frames.setCurrentIndex(self.frames.findData(config.dicom_frames))
        self.high_bit.setCurrentIndex(self.high_bit.findData(config.high_bit))

    @Slot(object)
    def _show_scan(self, scan: Any) -> None:
        sentences = tuple(getattr(scan, "reading", ()) or ())
        self.found.setText("\n".join(sentences))
        self.setVisible(bool(sentences) or self.state.reading != ReadingConfig())
