"""Small building blocks shared by the panels: images from arrays, icons, number formats in the
interface's language (QLocale: "1,234.5" in English, "1.234,5" in Portuguese), the heatmap's colour
legend, and the guard that keeps the mouse wheel from changing a control the pointer passes over."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
from PySide6.QtCore import QCoreApplication, QEvent, QLocale, QObject, QPointF, Qt
from PySide6.QtGui import QIcon, QImage, QPixmap, QWheelEvent
from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QAbstractSlider,
    QAbstractSpinBox,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QScrollBar,
    QSizePolicy,
    QWidget,
)

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


ENGLISH_NUMBERS = QLocale(QLocale.Language.English, QLocale.Country.UnitedStates)
_numbers: list[QLocale] = [ENGLISH_NUMBERS]


def set_number_language(code: str | None) -> None:
    """Write numbers the way ``code`` ("pt_BR") does from now on; None or "en": English
    (``i18n.install_translators`` calls it with the language it installed)."""
    _numbers[0] = ENGLISH_NUMBERS if not code or code == "en" else QLocale(code)
    QLocale.setDefault(_numbers[0])  # spin boxes made from now on write (and read) numbers the same way


def number_locale() -> QLocale:
    """The locale numbers are written in: the interface's language (English: en_US)."""
    return _numbers[0]


def number(n: float, decimals: int = 0) -> str:
    """``n`` with the language's separators: 12,345 (English), 12.345 (Portuguese)."""
    if decimals == 0:
        return number_locale().toString(int(round(n)))
    return number_locale().toString(float(n), "f", decimals)


def signed(value: float, decimals: int = 1) -> str:
    """A difference with its sign: "+2.5", "−1.0" ("+2,5" in Portuguese)."""
    return ("+" if value >= 0 else "−") + number(abs(value), decimals)


def human_count(n: int) -> str:
    """1234567 -> "1.23 M", 12345 -> "12.3 k", 999 -> "999" (in Portuguese "1,23 M", "12,3 k")."""
    if n >= 1_000_000:
        return f"{number(n / 1_000_000, 2)} M"
    if n >= 10_000:
        return f"{number(n / 1_000, 1)} k"
    return number(n)


def percent(value: float | None, decimals: int = 1) -> str:
    """0.75 -> "75.0%" ("75,0%" in Portuguese); None or NaN -> "–"."""
    if value is None or value != value:
        return "–"
    return f"{number(100 * value, decimals)}%"


def confidence(value: float | None) -> str:
    """A model's probability: like :func:`percent`, except that a probability that rounds to 100%
    shows as ">99.9%" (a network is never certain, and a wrong answer at "100.0%" reads as a bug)."""
    if value is not None and value == value and value >= 0.9995:
        return f">{number(99.9, 1)}%"
    return percent(value)


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


def heat_legend(parent: QWidget | None = None) -> QWidget:
    """The heatmap's colour scale (the "jet" colours of ``core.evaluation.metrics.overlay_heatmap``),
    from "ignored" (blue) to "decided the answer" (red)."""
    from matplotlib import colormaps

    colours = (np.asarray(colormaps["jet"](np.linspace(0.0, 1.0, 160))[:, :3]) * 255).astype(np.uint8)
    bar = QLabel()
    bar.setObjectName("heatLegendBar")
    bar.setPixmap(pixmap_from_array(np.repeat(colours[None, :, :], 12, axis=0)))
    legend = QWidget(parent)
    legend.setObjectName("heatLegend")
    row = QHBoxLayout(legend)
    row.setContentsMargins(0, 0, 0, 0)
    row.addWidget(QLabel(QCoreApplication.translate("widgets", "Heatmap: blue, ignored")))
    row.addWidget(bar)
    row.addWidget(QLabel(QCoreApplication.translate("widgets", "red, decided the answer")))
    row.addStretch(1)
    return legend


def titled(title: str, widget: QWidget) -> QWidget:
    """``widget`` with a small title above it (the two picture boxes of Predict and Results)."""
    from PySide6.QtWidgets import QVBoxLayout

    box = QWidget()
    column = QVBoxLayout(box)
    column.setContentsMargins(0, 0, 0, 0)
    column.setSpacing(2)
    caption = QLabel(title)
    caption.setObjectName("caption")
    column.addWidget(caption)
    column.addWidget(widget)
    return box


#: Controls whose value the mouse wheel would change: spin boxes, sliders, drop-down lists.
WHEEL_GUARDED = (QAbstractSpinBox, QAbstractSlider, QComboBox)


class WheelGuard(QObject):
    """Installed on the application: the mouse wheel over a spin box, slider or drop-down list
    that does not have the keyboard focus scrolls the panel instead of changing the value (the
    usual Qt remedy). Such controls take the focus by click or Tab only, never by the wheel.

    The wheel is handed to the scroll area explicitly rather than left unaccepted for Qt to pass
    up: Qt passes only a wheel that came from the mouse itself to the parents."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        kind = event.type()
        if not isinstance(watched, WHEEL_GUARDED) or isinstance(watched, QScrollBar):
            return False
        if kind == QEvent.Type.Polish and watched.focusPolicy() == Qt.FocusPolicy.WheelFocus:
            watched.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        elif kind == QEvent.Type.Wheel and not watched.hasFocus():
            self._scroll_instead(watched, event)
            return True
        return False

    @staticmethod
    def _scroll_instead(widget: QWidget, event: QWheelEvent) -> None:
        """Hand the wheel to the nearest scroll area around ``widget`` (its viewport), as if the
        pointer were over the panel itself."""
        area = widget.parentWidget()
        while area is not None and not isinstance(area, QAbstractScrollArea):
            area = area.parentWidget()
        if area is not None and not isinstance(area, WHEEL_GUARDED):
            viewport = area.viewport()
            position = QPointF(widget.mapTo(viewport, event.position().toPoint()))
            forwarded = QWheelEvent(position, event.globalPosition(), event.pixelDelta(), event.angleDelta(),
                                    event.buttons(), event.modifiers(), event.phase(), event.inverted())
            QCoreApplication.sendEvent(viewport, forwarded)
        event.accept()  # handled: Qt must not hand it on a second time


def install_wheel_guard(app: QCoreApplication) -> WheelGuard:
    """The application's :class:`WheelGuard` (one, however often this is called)."""
    guard = app.findChild(WheelGuard)
    if guard is None:
        guard = WheelGuard(app)
        app.installEventFilter(guard)
    return guard
