"""The app's languages: English in the code, others as Qt translations in ``resources/i18n``.

``tlstudio_<lang>.ts`` (XML, edited in Qt Linguist, kept in git) is compiled by Qt's
``lrelease`` into ``tlstudio_<lang>.qm``, the file the app loads. The ``.qm`` files are build
outputs: :func:`build_translations` makes them (``make translations-build``, which ``make run``
and ``make test`` call, and the packaging build); :func:`ensure_translations`, called at start-up,
rebuilds a missing or stale one when ``lrelease`` is at hand and the folder is writable, and
otherwise leaves it: a language without its ``.qm`` is simply not offered and the app shows
English.

The language is the one chosen in the Language menu (settings), else the system's first interface
language (only the first: a user with English first and Portuguese second gets English);
:func:`current_language` is what was installed, which the run report follows.

``python -m tlstudio.gui.i18n`` builds every ``.qm`` (exit status 1, with the reason, on failure).
"""

from __future__ import annotations

import logging
import os
import shutil
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator
from PySide6.QtWidgets import QApplication

from tlstudio.gui.widgets import RESOURCES, set_number_language

I18N = RESOURCES / "i18n"
#: The language the code is written in: no translation file.
SOURCE_LANGUAGE = "en"
#: The translations every install carries (the self-test fails when one's ``.qm`` is missing).
SHIPPED_LANGUAGES: tuple[str, ...] = ("pt_BR",)
_log = logging.getLogger("tlstudio")
_current = SOURCE_LANGUAGE


class TranslationBuildError(RuntimeError):
    """``lrelease`` is missing or failed; the message says which file and what to do."""


def lrelease_command() -> list[str] | None:
    """How to run Qt's ``lrelease``: ``pyside6-lrelease`` beside this Python (the PySide6 wheel
    installs it), else on the PATH, else the binary inside the PySide6 package; None if absent."""
    names = ("pyside6-lrelease.exe", "pyside6-lrelease") if os.name == "nt" else ("pyside6-lrelease",)
    for name in names:
        candidate = Path(sys.executable).with_name(name)
        if candidate.is_file():
            return [str(candidate)]
    found = shutil.which("pyside6-lrelease")
    if found:
        return [found]
    try:
        import PySide6

        package = Path(PySide6.__file__).parent
    except (ImportError, TypeError):
        return None
    for name in ("lrelease.exe", "lrelease", "Qt/libexec/lrelease"):
        if (package / name).is_file():
            return [str(package / name)]
    return None


def qm_path(ts: Path) -> Path:
    return ts.with_suffix(".qm")


def stale_translations(folder: Path = I18N) -> list[Path]:
    """The ``.ts`` files whose ``.qm`` is missing or older than the ``.ts``."""
    stale = []
    for ts in sorted(Path(folder).glob("tlstudio_*.ts")):
        qm = qm_path(ts)
        if not qm.is_file() or qm.stat().st_mtime < ts.stat().st_mtime:
            stale.append(ts)
    return stale


def build_translations(folder: Path = I18N, *, force: bool = False) -> list[Path]:
    """Compile every ``tlstudio_*.ts`` in ``folder`` whose ``.qm`` is missing or stale (all with
    ``force``) and return the ``.qm`` files now there. The packaging build calls this before
    collecting ``resources/``. Raises :class:`TranslationBuildError` in plain words."""
    folder = Path(folder)
    todo = sorted(folder.glob("tlstudio_*.ts")) if force else stale_translations(folder)
    if todo:
        command = lrelease_command()
        if command is None:
            raise TranslationBuildError(
                "Qt's lrelease was not found, so the translations in " + str(folder) + " cannot be compiled. "
                "Install PySide6 (pip install PySide6-Essentials), which provides pyside6-lrelease.")
        for ts in todo:
            qm = qm_path(ts)
            temporary = qm.with_name(f".{qm.name}.tmp")  # never a half-written .qm under the real name
            try:
                done = subprocess.run([*command, "-silent", str(ts), "-qm", str(temporary)],
                                      capture_output=True, text=True, timeout=120)
            except (OSError, subprocess.SubprocessError) as exc:
                raise TranslationBuildError(f"Could not run lrelease on {ts}: {exc}") from exc
            if done.returncode != 0 or not temporary.is_file():
                temporary.unlink(missing_ok=True)
                raise TranslationBuildError(f"lrelease could not compile {ts}: {(done.stderr or done.stdout).strip()}. "
                                            "Open it in Qt Linguist (pyside6-linguist) to find the broken entry.")
            os.replace(temporary, qm)
    return sorted(folder.glob("tlstudio_*.qm"))


def ensure_translations(folder: Path = I18N) -> None:
    """At start-up: rebuild missing or stale ``.qm`` files when possible; never fails (an
    installed app's folder may be read-only, or have no ``lrelease``: its ``.qm`` files were
    built with it). What could not be built is logged; that language falls back to English."""
    if not stale_translations(folder):
        return
    if not os.access(folder, os.W_OK):
        _log.info("Translations in %s are out of date but the folder is read-only; using them as they are.", folder)
        return
    try:
        build_translations(folder)
    except TranslationBuildError as exc:
        _log.warning("%s", exc)


def available_languages(folder: Path = I18N) -> dict[str, str]:
    """English plus every language with a compiled translation: ``{code: name in that language}``."""
    languages = {SOURCE_LANGUAGE: "English"}
    for path in sorted(Path(folder).glob("tlstudio_*.qm")):
        code = path.stem.removeprefix("tlstudio_")
        locale = QLocale(code)
        name = locale.nativeLanguageName()
        name = (name[:1].upper() + name[1:]) if name else code
        if "_" in code and locale.nativeTerritoryName():
            name += f" ({locale.nativeTerritoryName()})"  # "Português (Brasil)"
        languages[code] = name
    return languages


def current_language() -> str:
    """The language the interface shows (``"en"`` or a translation's code such as ``"pt_BR"``)."""
    return _current


def report_language() -> str:
    """The run report's language: the interface's when the report has it (core.outputs.report.TEXTS), else English."""
    from tlstudio.core.outputs.report_texts import TEXTS

    return _current if _current in TEXTS else SOURCE_LANGUAGE


def system_locale() -> QLocale:
    """The system's first interface language only. ``QTranslator.load`` tries each of a locale's
    ``uiLanguages()`` in turn, and the system's list goes on to the user's second and third
    languages: with English first and Portuguese second, English (which has no ``.qm``) would be
    passed over for Portuguese."""
    languages = QLocale.system().uiLanguages()
    return QLocale(languages[0]) if languages else QLocale.system()


def install_translators(app: QApplication, language: str, folder: Path = I18N) -> list[QTranslator]:
    """Install Qt's own strings and tlstudio's for ``language`` (empty: the system's language)
    and return the translators (``app.removeTranslator`` undoes it). English needs none."""
    global _current
    locale = QLocale(language) if language else system_locale()
    translators = []
    _current = SOURCE_LANGUAGE
    ours = QTranslator(app)
    if ours.load(locale, "tlstudio", "_", str(folder)):
        qt = QTranslator(app)
        if qt.load(locale, "qtbase", "_", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
            app.installTranslator(qt)
            translators.append(qt)
        app.installTranslator(ours)
        translators.append(ours)
        _current = Path(ours.filePath()).stem.removeprefix("tlstudio_") or SOURCE_LANGUAGE
    set_number_language(_current)  # numbers as the language writes them: 1.234,5 in Portuguese
    return translators


def remove_translators(app: QApplication, translators: list[QTranslator]) -> None:
    """Undo :func:`install_translators` (tests; the app itself restarts to change language)."""
    global _current
    for translator in translators:
        app.removeTranslator(translator)
    _current = SOURCE_LANGUAGE
    set_number_language(None)


def main() -> int:
    try:
        built = build_translations(force="--force" in sys.argv[1:])
    except TranslationBuildError as exc:
        print(exc, file=sys.stderr)
        return 1
    for path in built:
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
