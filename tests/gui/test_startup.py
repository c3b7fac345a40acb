"""The window appears before TensorFlow is imported; TensorFlow then loads in the background."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

SCRIPT = r"""
import json, sys
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication
app = QApplication([])
from tlstudio.gui.app import create_window, start
from tlstudio.gui.settings import Settings
settings = Settings(QSettings(sys.argv[2], QSettings.Format.IniFormat))
settings.mark_launched()  # not a first launch: do not write the demo here
window = create_window(sys.argv[1], settings)
window.show()
app.processEvents()
shown = {"visible": window.isVisible(), "tensorflow": "tensorflow" in sys.modules, "keras": "keras" in sys.modules}
start(window)
first_status = window.status_text.text()
from PySide6.QtCore import QEventLoop, QTimer
loop = QEventLoop()
window.studio.tensorflow_ready.connect(loop.quit)
window.studio.error.connect(loop.quit)
QTimer.singleShot(120_000, loop.quit)
loop.exec()  # releases the GIL while waiting, like app.exec()
shown.update(first_status=first_status, last_status=window.status_text.text(),
             loaded="tensorflow" in sys.modules)
window.close()
print("RESULT " + json.dumps(shown))
"""


def test_window_is_shown_before_tensorflow_is_imported(tmp_path: Path) -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "TF_CPP_MIN_LOG_LEVEL": "2"}
    proc = subprocess.run([sys.executable, "-c", SCRIPT, str(tmp_path / "ws"), str(tmp_path / "s.ini")],
                          capture_output=True, text=True, timeout=150, env=env,
                          cwd=Path(__file__).resolve().parents[2])
    line = next((l for l in proc.stdout.splitlines() if l.startswith("RESULT ")), None)
    assert line is not None, proc.stdout + proc.stderr
    result = json.loads(line.removeprefix("RESULT "))
    assert result["visible"] is True
    assert result["tensorflow"] is False and result["keras"] is False
    assert result["first_status"] == "Loading TensorFlow…"
    assert result["loaded"] is True
    assert result["last_status"].startswith("Ready (")  # "Ready (CPU)" or "Ready (<GPU name>)"
