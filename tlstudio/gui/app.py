"""Start the desktop app: the window first, TensorFlow afterwards in the background.

Nothing imported here imports TensorFlow; :meth:`Studio.load_tensorflow` does, on the thread
pool, once the window has painted itself, while the status bar says "Loading TensorFlow…".
The first launch opens the bundled handwritten digits; later launches reopen the last workspace,
the last dataset with its settings, and its saved runs.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any, Callable, Sequence

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QWidget

from tlstudio.gui.collector import QuietCollector
from tlstudio.gui.controller import Studio
from tlstudio.gui.errors import setup_logging, uncaught_errors
from tlstudio.gui.i18n import available_languages, ensure_translations, install_translators
from tlstudio.gui.main_window import MainWindow
from tlstudio.gui.settings import Settings
from tlstudio.gui.widgets import RESOURCES, install_wheel_guard

STYLE_SHEET = RESOURCES / "style.qss"


def create_window(workspace: Path | str | None = None, settings: Settings | None = None, *,
                  train_fn: Callable[..., Any] | None = None,
                  compare_fn: Callable[..., Any] | None = None,
                  curve_fn: Callable[..., Any] | None = None) -> MainWindow:
    """Build the studio and its window (not shown, nothing loading yet). Needs a QApplication."""
    settings = settings or Settings()
    workspace = Path(workspace) if workspace is not None else chosen_workspace(settings)
    workspace.mkdir(parents=True, exist_ok=True)
    log_path = setup_logging(workspace)
    app = QApplication.instance()
    install_wheel_guard(app)  # the wheel scrolls panels, never a value the pointer passes over
    catcher = uncaught_errors(app)  # exceptions nobody caught: to the log and a plain dialog
    studio = Studio(workspace, settings, train_fn=train_fn, compare_fn=compare_fn, curve_fn=curve_fn)
    collector = QuietCollector(studio)
    studio.runs.running_changed.connect(collector.set_running)  # no long garbage-collection pause mid-run
    window = MainWindow(studio, str(log_path), available_languages())
    catcher.caught.connect(window.show_uncaught)
    window.restore()
    studio.memory.restore()  # the tabs' settings of the last session, shown by the panels
    return window


def chosen_workspace(settings: Settings) -> Path:
    """``$TLSTUDIO_WORKSPACE`` when set; else the workspace chosen last (File → Workspace folder)
    while it is there; else the per-user data folder."""
    import os

    from tlstudio.core.outputs.workspace import WORKSPACE_ENV, default_workspace

    last = settings.workspace
    if not os.environ.get(WORKSPACE_ENV, "").strip() and last and Path(last).is_dir():
        return Path(last)
    return default_workspace()


def start(window: MainWindow) -> None:
    """Begin loading TensorFlow, look for interrupted runs to offer for resuming, and open the demo
    (first launch) or the last dataset."""
    studio = window.studio
    studio.load_tensorflow()
    studio.run.check_interrupted()
    studio.catalog.reload()  # the saved runs (those of the last dataset once it has opened)
    last = studio.settings.last_dataset
    if studio.settings.first_launch:
        studio.dataset.open_demo()
    elif last and Path(last).is_dir():
        window.dataset.set_folder(last)


class AfterFirstPaint(QObject):
    """Calls ``action`` once, just after ``window`` has painted itself for the first time.

    Importing TensorFlow keeps Python busy for seconds; started before the first paint, it
    delayed the window's first appearance by a third of a second (``bench/startup.py``). A
    window that is never painted (started minimised) gets the action after ``fallback_ms``.
    """

    def __init__(self, window: QWidget, action: Callable[[], None], fallback_ms: int = 2000) -> None:
        super().__init__(window)
        self._action: Callable[[], None] | None = action
        window.installEventFilter(self)
        QTimer.singleShot(fallback_ms, self, self._run)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and self._action is not None:
            watched.removeEventFilter(self)
            QTimer.singleShot(0, self, self._run)  # after this paint has finished
        return False

    def _run(self) -> None:
        action, self._action = self._action, None
        if action is not None:
            action()


def main(argv: Sequence[str] | None = None) -> int:
    """Open the main window and run the event loop until it closes."""
    from tlstudio.core import tflog

    tflog.install()  # TF_CPP_MIN_LOG_LEVEL=2 unless set, and a quiet TensorFlow import (see core.tflog)
    app = QApplication.instance() or QApplication(list(argv) if argv is not None else sys.argv)
    app.setApplicationName("tlstudio")
    app.setOrganizationName("tlstudio")
    settings = Settings()
    ensure_translations()  # a fresh checkout's or an edited .ts's .qm, when lrelease is at hand
    install_translators(app, settings.language)
    if STYLE_SHEET.exists():
        app.setStyleSheet(STYLE_SHEET.read_text(encoding="utf-8"))
    window = create_window(settings=settings)
    window.show()
    AfterFirstPaint(window, lambda: start(window))
    return app.exec()


def exit_at_once(code: int) -> None:
    """End the process once the window has closed and everything is saved: flush the log and the
    terminal, then leave without the interpreter's own teardown. PySide6 6.12 loses count of the
    Python ``True``/``False`` objects it hands to Qt, and after a long session the garbage collector
    at shutdown then aborts the process ("Fatal Python error: bool_dealloc", exit status 134)
    although every setting and run was already written."""
    import logging

    logging.shutdown()
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):
            pass
    os._exit(code)


if __name__ == "__main__":
    exit_at_once(main())
