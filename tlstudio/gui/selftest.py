"""The self-test's window checks (``tlstudio --self-test``): Qt offscreen and the app's resources.

The main window is built on a temporary workspace with its own settings file (the user's are
never read or written), drawn offscreen once and closed. The resources check finds what the
desktop install must carry: the style sheet, every icon drawable (SVG support included) and
a compiled translation for every language shipped, each loadable.
"""

from __future__ import annotations

import os
import sys

from tlstudio.core.selftest import CheckFailed, SelfTest, Step

_APP: list[object] = []  # keeps the QApplication alive until the process ends


def check_window(test: SelfTest) -> str:
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from PySide6 import __version__ as pyside_version
    from PySide6.QtCore import QSettings, qVersion
    from PySide6.QtWidgets import QApplication

    from tlstudio.gui.app import create_window
    from tlstudio.gui.settings import Settings

    app = QApplication.instance() or QApplication(sys.argv[:1] or ["tlstudio"])
    _APP.append(app)
    settings = Settings(QSettings(str(test.folder / "settings.ini"), QSettings.Format.IniFormat))
    window = create_window(test.workspace, settings)
    try:
        window.resize(1280, 720)
        window.show()
        picture = window.grab()  # paints every widget once, offscreen
        if picture.isNull() or picture.width() < 100:
            raise CheckFailed("the main window could not be drawn offscreen.")
        title = window.windowTitle()
    finally:
        window.studio.shutdown()
        window.close()
        window.deleteLater()
    return (f"Qt offscreen (PySide6 {pyside_version}, Qt {qVersion()}): main window '{title}' "
            f"drawn at {picture.width()}x{picture.height()}")


def check_resources(test: SelfTest) -> str:
    from PySide6.QtCore import QTranslator

    from tlstudio.gui.app import STYLE_SHEET
    from tlstudio.gui.i18n import I18N, SHIPPED_LANGUAGES, available_languages
    from tlstudio.gui.widgets import RESOURCES, icon

    if not STYLE_SHEET.is_file() or not STYLE_SHEET.read_text(encoding="utf-8").strip():
        raise CheckFailed(f"the style sheet {STYLE_SHEET} is missing or empty.")
    names = sorted(path.stem for path in (RESOURCES / "icons").glob("*.svg"))
    if "tlstudio" not in names:
        raise CheckFailed(f"the app icon {RESOURCES / 'icons' / 'tlstudio.svg'} is missing.")
    blank = [name for name in names if icon(name).pixmap(32, 32).isNull()]
    if blank:
        raise CheckFailed(f"these icons cannot be drawn (is Qt's SVG support missing?): {', '.join(blank)}.")
    # every language the app ships needs its .qm: without one, the language is silently not offered
    shipped = set(SHIPPED_LANGUAGES) | {ts.stem.removeprefix("tlstudio_") for ts in I18N.glob("tlstudio_*.ts")}
    missing = [str(I18N / f"tlstudio_{code}.qm") for code in sorted(shipped)
               if not (I18N / f"tlstudio_{code}.qm").is_file()]
    if missing:
        raise CheckFailed(f"the compiled translation {', '.join(missing)} is missing, so the app can only show "
                          "English. Build it with `python -m tlstudio.gui.i18n` (from a source checkout) or "
                          "reinstall tlstudio.")
    languages = available_languages(I18N)
    for code in languages:
        if code != "en" and not QTranslator().load(str(I18N / f"tlstudio_{code}.qm")):
            raise CheckFailed(f"the translation {I18N / f'tlstudio_{code}.qm'} cannot be loaded.")
    return f"Resources (style sheet, {len(names)} icons, languages: {', '.join(languages)}; in {RESOURCES})"


def qt_steps() -> list[Step]:
    """The window's checks, run before the others so Qt is set to offscreen first."""
    return [
        Step("qt", "Qt offscreen", check_window),
        Step("resources", "Resources", check_resources, needs=("qt",)),
    ]
