"""Errors for people: a plain-language dialog with the technical details folded away, and the log.

Workers never raise into Qt; they turn an exception into an :class:`ErrorReport` (small,
immutable, safe to send across threads) with :func:`report_from_exception`. The GUI thread shows
it with :func:`show_error`. Every report is also written, with its traceback, to a rotating log
file in the workspace that Help → Open log shows (:class:`LogWindow`, in the app itself: a
computer without a file viewer shows it too).

An exception nobody caught (a slot, a ``QThread``, a Python thread) goes through
:class:`UncaughtErrors`: into the log with its traceback, and to the user as the plain dialog of
any bug, never only to stderr.
"""

from __future__ import annotations

import logging
import logging.handlers
import sys
import threading
import traceback
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

from PySide6.QtCore import QCoreApplication, QObject, Qt, QUrl, Signal, Slot
from PySide6.QtGui import QDesktopServices, QFontDatabase
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from tlstudio.core.errors import TlStudioError

LOG_NAME = "tlstudio"
LOG_FILE = "tlstudio.log"
_log = logging.getLogger(LOG_NAME)


@dataclass(frozen=True)
class ErrorReport:
    """What went wrong, in words for the user (``message``, ``hint``) and for a developer
    (``details``: the traceback). ``expected`` is False for bugs (not the user's doing)."""

    message: str
    hint: str
    details: str
    expected: bool
    path: str | None = None


def report_from_exception(exc: BaseException) -> ErrorReport:
    """Turn an exception into an :class:`ErrorReport` and log it with its traceback.

    A :class:`TlStudioError` already speaks plainly; anything else is a bug, so the user gets a
    short apology and the traceback goes into the details and the log.
    """
    trace = "".join(traceback.format_exception(type(exc), exc, exc.__traceback__))
    if isinstance(exc, TlStudioError):
        details = "\n\n".join(part for part in (exc.details or "", trace) if part)
        _log.warning("%s: %s\n%s", type(exc).__name__, exc.full_message(), trace)
        return ErrorReport(message=exc.message, hint=exc.hint or "", details=details, expected=True, path=exc.path)
    _log.error("Unexpected error: %r\n%s", exc, trace)
    return ErrorReport(
        message=QCoreApplication.translate("errors", "Something went wrong inside tlstudio: {0}").format(str(exc) or type(exc).__name__),
        hint=QCoreApplication.translate("errors", "Your data was not changed. Try again; if it happens again, send the "
                                        "log file (Help → Open log) to whoever supports tlstudio for you."),
        details=trace,
        expected=False,
    )


def error_box(parent: QWidget | None, report: ErrorReport, title: str | None = None) -> QMessageBox:
    """The dialog for ``report``: message, what to do, and the details under "Show Details…"."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning if report.expected else QMessageBox.Icon.Critical)
    box.setWindowTitle(title or "tlstudio")
    box.setText(report.message)
    informative = report.hint
    if report.path:
        informative = f"{informative}\n\n{QCoreApplication.translate('errors', 'File or folder:')} {report.path}".strip()
    box.setInformativeText(informative)
    box.setDetailedText(report.details)
    box.setStandardButtons(QMessageBox.StandardButton.Ok)
    return box


def show_error(parent: QWidget, report: ErrorReport, title: str | None = None) -> QMessageBox:
    """Show ``report`` in a window-modal dialog owned by ``parent`` and return it.

    ``open()`` rather than ``exec()``: the event loop keeps running (training goes on drawing
    its curves behind the dialog). The dialog deletes itself when closed.
    """
    box = error_box(parent, report, title)
    box.setObjectName("errorDialog")
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.setWindowModality(Qt.WindowModality.WindowModal)
    box.open()
    return box


def setup_logging(workspace: Path) -> Path:
    """Send tlstudio's log to ``<workspace>/logs/tlstudio.log`` (rotating, 1 MB x 3).

    Returns the log file's path. Calling it again for the same workspace changes nothing.
    """
    folder = Path(workspace) / "logs"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / LOG_FILE
    logger = logging.getLogger(LOG_NAME)
    for handler in logger.handlers:
        if isinstance(handler, logging.handlers.RotatingFileHandler) and Path(handler.baseFilename) == path:
            return path
    handler = logging.handlers.RotatingFileHandler(path, maxBytes=1_000_000, backupCount=3, encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    return path


# How much of the log the log window shows (its end: the newest lines).
LOG_WINDOW_CHARS = 400_000


def read_log_tail(path: Path | str, limit: int = LOG_WINDOW_CHARS) -> str:
    """The last ``limit`` characters of the log file ("" when there is none yet)."""
    try:
        text = Path(path).read_text(encoding="utf-8", errors="replace")
    except OSError:
        return ""
    return text[-limit:]


class LogWindow(QDialog):
    """Help → Open log: the log file in a window of the app (read-only, newest lines at the
    bottom), with Reload, Copy all and, where the system has one, Open in a file viewer."""

    def __init__(self, path: Path | str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.path = Path(path)
        self.setObjectName("logWindow")
        self.setWindowTitle(self.tr("tlstudio log — {0}").format(self.path))
        self.resize(900, 560)
        self.text = QPlainTextEdit()
        self.text.setReadOnly(True)
        self.text.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.text.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.text.setAccessibleName(self.tr("Log"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.reload_button = QPushButton(self.tr("&Reload"))
        self.copy_button = QPushButton(self.tr("&Copy all"))
        self.open_button = QPushButton(self.tr("&Open in a file viewer"))
        for button in (self.reload_button, self.copy_button, self.open_button):
            buttons.addButton(button, QDialogButtonBox.ButtonRole.ActionRole)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text, 1)
        layout.addWidget(buttons)
        buttons.rejected.connect(self.close)
        self.reload_button.clicked.connect(self.reload)
        self.copy_button.clicked.connect(lambda: QApplication.clipboard().setText(self.text.toPlainText()))
        self.open_button.clicked.connect(lambda: QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.path))))
        self.reload()

    @Slot()
    def reload(self) -> None:
        text = read_log_tail(self.path)
        self.text.setPlainText(text or self.tr("The log is empty: nothing has gone wrong so far."))
        self.text.verticalScrollBar().setValue(self.text.verticalScrollBar().maximum())


class UncaughtErrors(QObject):
    """Routes exceptions nobody caught to the log and to a plain error dialog.

    ``sys.excepthook`` catches those of the GUI thread and of ``QThread`` code (PySide hands them
    to it), ``threading.excepthook`` those of Python threads. Each is logged at once, in the
    thread it happened in; the dialog is shown on the GUI thread (a queued signal). The hooks
    that were there before are still called afterwards (a test runner's, Python's own).
    """

    caught = Signal(object)  # ErrorReport

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.reports: list[ErrorReport] = []
        self._previous_hook: Callable[..., Any] | None = None
        self._previous_thread_hook: Callable[..., Any] | None = None

    def install(self) -> None:
        """Set the hooks (again, when something else replaced them since: a test runner's)."""
        if sys.excepthook != self._hook:
            self._previous_hook, sys.excepthook = sys.excepthook, self._hook
        if threading.excepthook != self._thread_hook:
            self._previous_thread_hook, threading.excepthook = threading.excepthook, self._thread_hook

    def report(self, exc: BaseException) -> ErrorReport:
        """Log ``exc`` with its traceback and ask the GUI thread to show it."""
        report = report_from_exception(exc)
        self.reports.append(report)
        self.caught.emit(report)
        return report

    def _hook(self, kind: type, exc: BaseException, trace: Any) -> None:
        if not issubclass(kind, KeyboardInterrupt):
            self.report(exc.with_traceback(trace) if exc is not None else kind())
        (self._previous_hook or sys.__excepthook__)(kind, exc, trace)  # stderr (or a test runner) too

    def _thread_hook(self, args: Any) -> None:
        if args.exc_value is not None and not isinstance(args.exc_value, SystemExit):
            self.report(args.exc_value)
        (self._previous_thread_hook or threading.__excepthook__)(args)


def uncaught_errors(app: QCoreApplication) -> UncaughtErrors:
    """The application's :class:`UncaughtErrors`, its hooks installed (one, however often called)."""
    catcher = app.findChild(UncaughtErrors)
    if catcher is None:
        catcher = UncaughtErrors(app)
    catcher.install()
    return catcher
