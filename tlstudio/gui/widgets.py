"""Small building blocks shared by the panels: images from arrays, icons, number formats."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QIcon, QImage, QPixmap
from PySide6.QtWidgets import QFrame, QLabel, QSizePolicy, QWidget

if TYPE_CHECKING:
    import pyqtgraph as pg

#: Style sheet, icons and translations: ``resources/`` of the source tree, or the copy that the
#: desktop install (packaging/tlstudio.spec) carries in its bundle folder, ``sys._MEIPASS``.
RESOURCES = Path(getattr(sys, "_MEIPASS", Path(__file__).resolve().parents[2])) / "resources"


def qimage_from_array(array: np.ndarray) -> QImage:
    """A ``QImage`` that owns a copy of an ``HxWx3`` (or ``HxW``) ``uint8`` array.

    Call on the GUI thread only: workers send arrays, the GUI makes images.
    """
    data = np.ascontiguousarray(array, dtype=np.uint8)
    if data.ndim == 2:
        data = np.ascontiguousarray(np.stack([data] * 3, axis=-1))
    height, width = data.shape[:2]
    image = QImage(data.data, width, height, 3 * width, QImage.Format.Format_RGB888)
    return image.copy()  # detach from the numpy buffer


def pixmap_from_array(array: np.ndarray, side: int | None = None) -> QPixmap:
    pixmap = QPixmap.fromImage(qimage_from_array(array))
    if side is not None:
        pixmap = pixmap.scaled(side, side, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation)
    return pixmap


def icon(name: str) -> QIcon:
    """An icon from ``resources/icons/<name>.svg`` (empty icon when the file is missing)."""
    path = RESOURCES / "icons" / f"{name}.svg"
    return QIcon(str(path)) if path.exists() else QIcon()


def human_count(n: int) -> str:
    """1234567 -> "1.23 M", 12345 -> "12.3 k", 999 -> "999"."""
    if n >= 1_000_000:
        return f"{n / 1_000_000:.2f} M"
    if n >= 10_000:
        return f"{n / 1_000:.1f} k"
    return f"{n:,}"


def percent(value: float | None) -> str:
    return "–" if value is None or value != value else f"{value:.1%}"


def format_seconds(seconds: float | None) -> str:
    if seconds is None:
        return "–"
    seconds = int(round(seconds))
    if seconds >= 3600:
        return f"{seconds // 3600} h {seconds % 3600 // 60:02d} min"
    if seconds >= 60:
        return f"{seconds // 60} min {seconds % 60:02d} s"
    return f"{seconds} s"


def hint_label(text: str, parent: QWidget | None = None) -> QLabel:
    """A word-wrapped grey explanation under a control."""
    label = QLabel(text, parent)
    label.setWordWrap(True)
    label.setObjectName("hint")
    label.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
    return label


def image_label(side: int, parent: QWidget | None = None) -> QLabel:
    label = QLabel(parent)
    label.setFixedSize(side, side)
    label.setAlignment(Qt.AlignmentFlag.AlignCenter)
    label.setFrameShape(QFrame.Shape.StyledPanel)
    return label


def mode_name(mode: str) -> str:
    """The user's words for a training mode."""
    names = {
        "scratch": QCoreApplication.translate("modes", "From scratch"),
        "transfer": QCoreApplication.translate("modes", "Transfer (frozen backbone)"),
        "finetune": QCoreApplication.translate("modes", "Fine-tuned"),
    }
    return names.get(mode, mode)


def phase_name(phase: str) -> str:
    names = {
        "scan": QCoreApplication.translate("phases", "checking the images"),
        "features": QCoreApplication.translate("phases", "computing backbone features"),
        "head": QCoreApplication.translate("phases", "training the head"),
        "finetune": QCoreApplication.translate("phases", "fine-tuning"),
        "scratch": QCoreApplication.translate("phases", "training from scratch"),
        "evaluate": QCoreApplication.translate("phases", "testing"),
        "save": QCoreApplication.translate("phases", "saving"),
        "curve": QCoreApplication.translate("phases", "learning curve"),
        "crossval": QCoreApplication.translate("phases", "cross-validation"),
        "strategies": QCoreApplication.translate("phases", "comparing strategies"),
        "findings": QCoreApplication.translate("phases", "what the check found"),
        "labels": QCoreApplication.translate("phases", "checking labels"),
    }
    return names.get(phase, phase)


def epoch_axis() -> "pg.AxisItem":
    """A bottom axis for epochs: whole numbers only (there is no epoch 2.5)."""
    import pyqtgraph as pg

    class EpochAxis(pg.AxisItem):
        def tickValues(self, minVal: float, maxVal: float, size: float) -> list:  # noqa: N802,N803 - pyqtgraph API
            levels = []
            for spacing, values in super().tickValues(minVal, maxVal, size):
                whole = [v for v in values if abs(v - round(v)) < 1e-9]
                if whole:
                    levels.append((max(1.0, spacing), whole))
            return levels or [(1.0, [float(v) for v in range(int(minVal) + 1, int(maxVal) + 1)][:10])]

        def tickStrings(self, values: list, scale: float, spacing: float) -> list[str]:  # noqa: N802
            return [str(int(round(v))) for v in values]

    axis = EpochAxis("bottom")
    axis.enableAutoSIPrefix(False)
    return axis
