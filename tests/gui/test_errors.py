"""Error dialogs speak plainly and fold the technical details away; the log keeps them."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QMessageBox, QWidget

from tlstudio.core.errors import DatasetError
from tlstudio.gui.errors import error_box, report_from_exception, setup_logging, show_error


def _raised(exc: BaseException) -> BaseException:
    try:
        raise exc
    except BaseException as caught:  # noqa: BLE001 - we want the traceback
        return caught


def test_user_error_dialog_shows_message_and_hint_details_folded(qtbot: Any, tmp_path: Path) -> None:
    exc = _raised(DatasetError("The folder /data/xrays has only one class (NORMAL).",
                               hint="Add a folder for each other class.", path="/data/xrays"))
    report = report_from_exception(exc)
    parent = QWidget()
    qtbot.addWidget(parent)
    box = show_error(parent, report, "This folder cannot be used")
    assert box.isVisible()
    assert box.windowTitle() == "This folder cannot be used"
    assert box.text() == "The folder /data/xrays has only one class (NORMAL)."
    assert "Add a folder for each other class." in box.informativeText()
    assert "/data/xrays" in box.informativeText()
    assert "Traceback" not in box.text() + box.informativeText()
    assert "Traceback" in box.detailedText()  # folded under "Show Details…"
    assert box.icon() == QMessageBox.Icon.Warning
    box.close()


def test_bug_dialog_is_plain_and_logged(qtbot: Any, tmp_path: Path) -> None:
    log = setup_logging(tmp_path)
    report = report_from_exception(_raised(KeyError("head_pool")))
    box = error_box(None, report)
    qtbot.addWidget(box)
    assert box.text().startswith("Something went wrong inside tlstudio")
    assert "Your data was not changed" in box.informativeText()
    assert "Help → Open log" in box.informativeText()
    assert "KeyError" in box.detailedText() and "Traceback" not in box.text()
    assert box.icon() == QMessageBox.Icon.Critical
    for handler in logging.getLogger("tlstudio").handlers:
        handler.flush()
    text = log.read_text(encoding="utf-8")
    assert "KeyError: 'head_pool'" in text and "Traceback" in text
