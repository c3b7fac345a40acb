"""Errors for people: a plain-language dialog with the technical details folded away, and the log.

Workers never raise into Qt; they turn an exception into an :class:`ErrorReport` (small,
immutable, safe to send across threads) with :func:`report_from_exception`. The GUI thread shows
it with :func:`show_error`. Every report is also written, with its traceback, to a rotating log
file in the workspace that Help → Open log opens.
"""

from __future__ import annotations

import logging
import logging.handlers
import traceback
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QMessageBox, QWidget

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
