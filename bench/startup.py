"""Figure 3 - start-up: the time until the main window is shown against ``import tensorflow``.

Both in fresh Python processes, one after the other, repeats interleaved:

* **app**: ``tlstudio.gui.app.main()`` exactly as ``tlstudio`` starts it (translations, style
  sheet, every panel, then TensorFlow starts loading in the background), timed from the launch
  of the process (interpreter start included) to the first paint of the main window. Settings
  and workspace are in a temporary folder; it is not the first launch (no demo to write).
* **import tensorflow**: ``import tensorflow`` alone in a fresh process, timed around the
  import (interpreter start not included).

Figure 3: app / import, best of each (<= 0.5). Runs offscreen (``QT_QPA_PLATFORM=offscreen``) unless the
environment names another Qt platform.

    .venv/bin/python bench/startup.py [--repeats 3] [--quick]
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import _common as c  # noqa: E402

IMPORT_TF = "import time; t = time.perf_counter(); import tensorflow; print('SECONDS', time.perf_counter() - t)"

# The app's own main(); an event filter notes the first paint of the main window, prints how
# long after the launch it came, and ends the process (TensorFlow is still loading then).
APP = r"""
import os, sys, time
from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication

app = QApplication(sys.argv[:1])

class FirstPaint(QObject):
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint and obj.isWidgetType() and type(obj.window()).__name__ == "MainWindow":
            print("SECONDS", time.monotonic() - float(os.environ["BENCH_LAUNCHED"]), flush=True)
            os._exit(0)
        return False

probe = FirstPaint()
app.installEventFilter(probe)
from tlstudio.gui.settings import Settings
Settings().mark_launched()
from tlstudio.gui.app import main
main(sys.argv[:1])
"""


def launch(code: str, env: dict[str, str], timeout: float) -> float:
    """Run ``code`` in a fresh interpreter; the seconds it printed."""
    env = {**env, "BENCH_LAUNCHED": repr(time.monotonic())}
    proc = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=timeout,
                          cwd=str(c.REPO))
    line = next((line for line in proc.stdout.splitlines() if line.startswith("SECONDS ")), None)
    if line is None:
        raise RuntimeError(f"the child printed no time (exit {proc.returncode}):\n{proc.stdout}\n{proc.stderr[-3000:]}")
    return float(line.split()[1])


def main(argv: list[str] | None = None) -> int:
    p = c.parser(__doc__, data=False)
    args = p.parse_args(argv)
    repeats = args.repeats or (1 if args.quick else 5)
    with tempfile.TemporaryDirectory(prefix="tlstudio-bench-") as tmp_name:
        tmp = Path(tmp_name)
        env = {**os.environ, "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen"),
               "XDG_CONFIG_HOME": str(tmp / "config"), "TLSTUDIO_WORKSPACE": str(tmp / "workspace"),
               "PYTHONPATH": os.pathsep.join(filter(None, [str(c.REPO), os.environ.get("PYTHONPATH")]))}
        seconds: dict[str, list[float]] = {"app": [], "tensorflow": []}
        for side in c.interleaved(repeats, ("app", "tensorflow")):
            seconds[side].append(launch(APP if side == "app" else IMPORT_TF, env, timeout=300))
    app_s, tf_s = c.best(seconds["app"]), c.best(seconds["tensorflow"])
    figures = [c.at_most("3", "main window shown / import tensorflow", app_s / tf_s, 0.5)]
    context = [
        f"Figure 3, start-up: fresh processes, best of {repeats} per side, interleaved; "
        f"Qt platform {env['QT_QPA_PLATFORM']}; {c.machine()}",
        f"  launch to main window painted: {app_s:.2f} s (each: {', '.join(f'{s:.2f}' for s in seconds['app'])})",
        f"  import tensorflow:             {tf_s:.2f} s (each: {', '.join(f'{s:.2f}' for s in seconds['tensorflow'])})",
    ]
    return c.report(figures, args, context)


if __name__ == "__main__":
    sys.exit(main())
