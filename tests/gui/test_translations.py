"""The app in Brazilian Portuguese: the translation file is complete and up to date with the
code, and with it installed the window a user sees is in Portuguese.

When a test here fails after a GUI change: run ``make translations`` (new strings come in
unfinished), translate them in Qt Linguist (``pyside6-linguist resources/i18n/tlstudio_pt_BR.ts``)
and save.
"""

from __future__ import annotations

import os
import re
import shutil
import string
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path
from types import SimpleNamespace
from typing import Any, Iterator

import pytest
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMessageBox,
    QTableWidget,
    QTabWidget,
    QTreeWidget,
    QWidget,
)

from tlstudio.gui import i18n
from tlstudio.gui.core_texts import BAD_FILE_REASONS, CORE_PATTERNS, CORE_TEXTS, bad_file_reason, core_text

ROOT = Path(__file__).resolve().parents[2]
TS = ROOT / "resources" / "i18n" / "tlstudio_pt_BR.ts"


def _messages(path: Path) -> list[tuple[str, ET.Element]]:
    """``(context, <message>)`` of every live entry (lupdate keeps vanished ones, marked so)."""
    found = []
    for context in ET.parse(path).getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            if message.find("translation").get("type") not in ("vanished", "obsolete"):
                found.append((name, message))
    return found


def _translations(message: ET.Element) -> list[str]:
    translation = message.find("translation")
    forms = translation.findall("numerusform")
    return [f.text or "" for f in forms] if forms else [translation.text or ""]


def _python_fields(text: str) -> Counter:
    try:
        return Counter(f"{{{name}:{spec}}}" for _, name, spec, _ in string.Formatter().parse(text) if name is not None)
    except ValueError:
        return Counter({"unparseable": 1})


def _shape(text: str) -> dict[str, Any]:
    """What a translation must keep from its source: placeholders, accelerators, HTML tags,
    line breaks and the spaces at either end (the code glues texts together)."""
    return {
        "fields": _python_fields(text),
        "qt": Counter(re.findall(r"%(?:n|p|v|m|L?\d+)", text)),
        "accelerators": len(re.findall(r"&(?!&)", text.replace("&&", ""))),
        "tags": Counter(re.findall(r"</?\s*([a-zA-Z]+)", text)),
        "newlines": text.count("\n"),
        "ends": (text[:1] == " ", text[-1:] == " "),
    }


def test_every_message_is_translated_and_keeps_placeholders_accelerators_and_tags() -> None:
    messages = _messages(TS)
    assert len(messages) > 400
    problems = []
    for context, message in messages:
        source = message.findtext("source") or ""
        if message.find("translation").get("type") == "unfinished":
            problems.append(f"{context}: {source!r} is not translated")
            continue
        for text in _translations(message):
            if not text.strip():
                problems.append(f"{context}: {source!r} has an empty translation")
            elif _shape(text) != _shape(source):
                problems.append(f"{context}: {source!r} -> {text!r}: {_shape(source)} != {_shape(text)}")
    assert not problems, ("Run `make translations` and translate the new strings "
                          "(pyside6-linguist resources/i18n/tlstudio_pt_BR.ts):\n" + "\n".join(problems))


def test_the_translation_file_holds_every_string_of_the_code(tmp_path: Path) -> None:
    """lupdate run on the code finds nothing that the committed file lacks, nor the reverse."""
    lupdate = Path(sys.executable).with_name("pyside6-lupdate")
    if not lupdate.is_file():
        lupdate = Path(shutil.which("pyside6-lupdate") or "")
    if not lupdate.is_file():
        pytest.skip("pyside6-lupdate is not installed")
    fresh = tmp_path / TS.name
    shutil.copy2(TS, fresh)
    sources = sorted(str(p) for p in (ROOT / "tlstudio" / "gui").glob("*.py"))
    done = subprocess.run([str(lupdate), *sources, "-ts", str(fresh)], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    committed = {(c, m.findtext("source")) for c, m in _messages(TS)}
    current = {(c, m.findtext("source")) for c, m in _messages(fresh)}
    assert current - committed == set(), "Strings missing from the .ts file: run `make translations` and translate them"
    assert committed - current == set(), "Strings no longer in the code: run `make translations`"


def test_core_texts_the_window_translates_still_exist_in_core() -> None:
    core = "\n".join(p.read_text(encoding="utf-8") for p in sorted((ROOT / "tlstudio" / "core").rglob("*.py")))
    flat = re.sub(r'"\s*\n\s*"', "", core)  # strings split over lines
    for text in CORE_TEXTS:
        assert f'"{text}"' in flat, f"core no longer says {text!r}: update tlstudio/gui/core_texts.py"
    codes = set(re.findall(r'(?:_bad\(path, |DicomProblem\()"(\w+)"', core))  # files.py's and dicom.py's reasons
    assert codes and codes == set(BAD_FILE_REASONS)
    for pattern, template in CORE_PATTERNS:  # each pattern's words are still core's (up to the first field)
        assert f'"{template.split("{")[0]}' in flat or f'f"{template.split("{")[0]}' in flat, template
        sample = template.format(*(str(i + 7) for i in range(template.count("{"))))
        assert pattern.fullmatch(sample), (pattern, sample)


@pytest.fixture
def portuguese(qapp: QApplication, tmp_path: Path) -> Iterator[Path]:
    """The pt_BR translation compiled from the .ts in the repository (as `make` does) and
    installed; removed afterwards so that other tests see English."""
    folder = tmp_path / "i18n"
    folder.mkdir()
    shutil.copy2(TS, folder / TS.name)
    assert i18n.build_translations(folder) == [folder / "tlstudio_pt_BR.qm"]
    translators = i18n.install_translators(qapp, "pt_BR", folder)
    assert len(translators) >= 1 and i18n.current_language() == "pt_BR"
    yield folder
    i18n.remove_translators(qapp, translators)
    assert i18n.current_language() == "en"


def _english_sources() -> set[str]:
    """Source strings whose translation differs from them (a widget showing one is untranslated)."""
    return {m.findtext("source") for _, m in _messages(TS) if _translations(m)[0] != m.findtext("source")}


def test_the_window_speaks_portuguese(portuguese: Path, make_window: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    window = make_window()
    assert window.windowTitle() == "tlstudio — treine classificadores de imagens com poucos dados"
    tabs = [window.tabs.tabText(i) for i in range(window.tabs.count())]
    for title in ("1 · &Dados", "2 · &Modelo", "3 · A&umento de dados"):
        assert title in tabs
    assert any(t.endswith("&Treino") for t in tabs) and any(t.endswith("&Resultados") for t in tabs)
    assert any(t.endswith("&Previsão") for t in tabs)
    menus = [a.text() for a in window.menuBar().actions()]
    assert menus[:2] == ["&Arquivo", "&Executar"] and "&Idioma" in menus and menus[-1] == "A&juda"
    assert window.training.start_button.text() == "&Iniciar treino"
    assert window.training.stop_button.text() == "&Parar"
    assert window.dataset.browse_button.text() == "&Escolher pasta…"
    assert window.results.report_button.text() == "Salvar &relatório"
    assert window.augment.strengths[0].label == "&Rotação"  # built outside the class: its own context
    box = QMessageBox(window)  # Qt's own words come with Qt's translation
    box.setStandardButtons(QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
    assert sorted(b.text() for b in box.buttons()) == ["&Não", "&Sim"]

    # Nothing visible is left in English: no button, label, box title, tab, column header, list
    # entry, tooltip or placeholder shows a source text that has a translation.
    english = _english_sources()
    shown = [w.text() for w in window.findChildren(QAbstractButton) + window.findChildren(QLabel)]
    shown += [w.title() for w in window.findChildren(QGroupBox)]
    shown += [w.toolTip() for w in window.findChildren(QWidget)]
    shown += [w.placeholderText() for w in window.findChildren(QLineEdit)]
    shown += [t.tabText(i) for t in window.findChildren(QTabWidget) for i in range(t.count())]
    shown += [c.itemText(i) for c in window.findChildren(QComboBox) for i in range(c.count())]
    for view in window.findChildren(QTableWidget):
        shown += [view.horizontalHeaderItem(i).text() for i in range(view.columnCount()) if view.horizontalHeaderItem(i)]
    for tree in window.findChildren(QTreeWidget):
        shown += [tree.headerItem().text(i) for i in range(tree.columnCount())]
    shown += [a.text() for a in window.findChildren(QAction)]
    leftovers = sorted({text for text in shown if text in english})
    assert not leftovers, f"shown in English: {leftovers}"

    # The Language menu offers Portuguese, checked; choosing English is stored for the next start.
    assert window.language_actions["pt_BR"].text() == "Português (Brasil)"
    assert window.language_actions["pt_BR"].isChecked() and not window.language_actions["en"].isChecked()
    said: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda parent, title, text, *a: said.append(text))
    window.language_actions["en"].trigger()
    assert window.studio.settings.language == "en" and window.language_actions["en"].isChecked()
    assert said == ["O novo idioma será usado a partir da próxima vez que o tlstudio for aberto."]


def test_core_messages_and_the_report_follow_the_interface(portuguese: Path, make_window: Any, tmp_path: Path) -> None:
    window = make_window()
    studio, state = window.studio, window.studio.state
    event = SimpleNamespace(kind="phase", phase="scan", message="Checking the images", epoch=0, epochs=0, batch=0,
                            batches=0, metrics={}, eta_s=None)
    state.apply_event(event)
    assert window.status_text.text() == "Verificando as imagens"
    assert core_text("Fine-tuning from block5_conv1 at a 10x lower learning rate") == (
        "Ajuste fino a partir de block5_conv1 com uma taxa de aprendizado 10x menor")
    assert core_text("Run 2 of 3: transfer") == "Run 2 of 3: transfer"  # the other messages stay English
    bad = SimpleNamespace(code="empty", reason="'a.jpg' is empty (0 bytes). Copy it again or remove it.")
    assert bad_file_reason(bad) == "O arquivo está vazio (0 bytes). Copie-o de novo ou remova-o."

    # Save report writes the report in the interface's language.
    from tlstudio.core.outputs.report import write_report

    submitted: list[Any] = []
    studio.results.report_jobs.start = lambda job, **handlers: submitted.append(job)
    state.current_result = SimpleNamespace(run_dir=tmp_path / "run", evaluation=None)
    assert studio.results.save_report()
    assert [(job.func, job.args, job.keywords) for job in submitted] == [
        (write_report, (str(tmp_path / "run"),), {"language": "pt_BR", "pseudonyms": False})]


def test_english_is_the_fallback_without_a_compiled_translation(qapp: QApplication, tmp_path: Path,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / TS.name).write_bytes(TS.read_bytes())  # a .ts without its .qm, and no lrelease to build it
    with monkeypatch.context() as patch:
        patch.setattr(i18n, "lrelease_command", lambda: None)
        with pytest.raises(i18n.TranslationBuildError, match="lrelease was not found"):
            i18n.build_translations(tmp_path)
        i18n.ensure_translations(tmp_path)  # at start-up: no error, nothing offered
    assert not (tmp_path / "tlstudio_pt_BR.qm").exists()
    assert i18n.available_languages(tmp_path) == {"en": "English"}
    assert i18n.install_translators(qapp, "pt_BR", tmp_path) == [] and i18n.current_language() == "en"
    assert i18n.report_language() == "en"

    i18n.ensure_translations(tmp_path)  # with lrelease: the missing .qm is built
    assert (tmp_path / "tlstudio_pt_BR.qm").is_file() and i18n.stale_translations(tmp_path) == []
    assert i18n.available_languages(tmp_path) == {"en": "English", "pt_BR": "Português (Brasil)"}


def _english_left(texts: list[str]) -> list[str]:
    """The texts that core_text leaves in English (with the Portuguese translation installed)."""
    return [text for text in texts if core_text(text) == text]


def test_preset_reasons_and_label_warnings_are_in_portuguese(portuguese: Path) -> None:
    from tlstudio.core.augmentation.augment import PRESETS, label_warnings
    from tlstudio.core.config import AugmentSpec

    reasons = [reason for preset in PRESETS.values() for reason in preset.reasons]
    assert len(reasons) > 20 and not _english_left(reasons)
    assert core_text(PRESETS["chest_xray"].reasons[1]).startswith("Espelhamento esquerda–direita desligado")

    # Every kind of warning, with numbers and class names in it.
    reckless = AugmentSpec(flip_horizontal=True, flip_vertical=True, rotation=0.5, brightness=0.3, contrast=0.3,
                           blur=1.5, blur_p=0.5, cutout=0.4, cutout_p=0.5)
    warnings = label_warnings(reckless, "chest_xray", ["left lung", "upright", "6", "9"])
    warnings += label_warnings(reckless, "dermoscopy", ["a", "text sign"])
    warnings += label_warnings(AugmentSpec(flip_vertical=True), "natural", ["b", "x"])
    warnings += label_warnings(AugmentSpec(rotation=0.1), None, ["6", "9"])
    assert len(warnings) >= 12 and not _english_left(warnings), _english_left(warnings)
    assert any(w.startswith("As classes 'left lung' indicam um lado") for w in map(core_text, warnings))
    symbols = [core_text(w) for w in warnings if "digits" in w]
    assert "espelhamentos e rotações além de ±15°" in symbols[0] and "(aqui 6 e 9)" in symbols[0]
    assert "texto: rotações além de ±15° podem" in symbols[-1]


def test_generator_and_training_status_lines_are_in_portuguese(portuguese: Path) -> None:
    """Each status line core/synthetic sends (read from its source, fields filled in) has a
    translation: a new line there fails here until it is added to core_texts.py and the .ts."""
    source = "\n".join(p.read_text(encoding="utf-8") for p in sorted((ROOT / "tlstudio" / "core" / "synthetic").glob("*.py")))
    found = re.findall(r'(?:\bstatus\(|kind="status", message=|^\s+message=)f?"([^"]+)"', source, re.M)
    lines = sorted({re.sub(r"\{[^{}]*\}", "7", text) for text in found})
    assert len(lines) >= 8 and "Reading 7 training images at 7 x 7" in lines
    assert not _english_left(lines), _english_left(lines)
    assert core_text("Training a DCGAN on 120 images of 3 classes") == "Treinando uma DCGAN com 120 imagens de 3 classes"
    assert core_text("Finished all 40 epochs") == "Todas as 40 épocas concluídas"
    assert core_text("Measuring cats: 20 real and 50 synthetic images") == (
        "Medindo cats: 20 imagens reais e 50 sintéticas")
    # The Training tab: comparing strategies, and synthetic images added to a run.
    assert core_text("Strategy 2 of 4: Augmentation + synthetic") == "Estratégia 2 de 4: Aumento de dados + sintéticas"
    assert core_text("Adding 60 synthetic images to the 90 real training images (never to validation or test)") == (
        "Acrescentando 60 imagens sintéticas às 90 imagens reais de treino (nunca às de validação ou teste)")


def test_the_self_test_requires_each_shipped_translation(qapp: QApplication, tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    from tlstudio.core.selftest import CheckFailed
    from tlstudio.gui.selftest import check_resources

    monkeypatch.setattr(i18n, "I18N", tmp_path)
    with pytest.raises(CheckFailed, match="tlstudio_pt_BR.qm is missing"):  # an install without any .qm
        check_resources(SimpleNamespace())
    shutil.copy2(TS, tmp_path / TS.name)
    (tmp_path / "tlstudio_xx.ts").write_bytes(TS.read_bytes())
    i18n.build_translations(tmp_path)
    assert "languages: en, pt_BR, xx" in check_resources(SimpleNamespace())
    (tmp_path / "tlstudio_xx.qm").unlink()  # a language whose .ts ships but whose .qm does not
    with pytest.raises(CheckFailed, match="tlstudio_xx.qm is missing"):
        check_resources(SimpleNamespace())


def test_without_a_chosen_language_the_system_language_is_used(tmp_path: Path) -> None:
    """A Brazilian computer gets Portuguese at the first start; any other language, English; only
    the first of the user's languages counts (English first, Portuguese second: English)."""
    shutil.copy2(TS, tmp_path / TS.name)
    i18n.build_translations(tmp_path)
    script = ("from pathlib import Path\nfrom PySide6.QtWidgets import QApplication\nfrom tlstudio.gui import i18n\n"
              "app = QApplication([])\n"
              f"i18n.install_translators(app, '', Path({str(tmp_path)!r}))\nprint(i18n.current_language())\n")
    for system, languages, expected in (("pt_BR.UTF-8", "", "pt_BR"), ("de_DE.UTF-8", "", "en"), ("C.UTF-8", "", "en"),
                                        ("en_US.UTF-8", "en_US:pt_BR", "en"), ("en_US.UTF-8", "pt_BR:en_US", "pt_BR")):
        env = {k: v for k, v in os.environ.items() if k not in ("LANGUAGE", "LC_MESSAGES")}
        env.update(LANG=system, LC_ALL=system, QT_QPA_PLATFORM="offscreen")
        if languages:
            env["LANGUAGE"] = languages  # the user's languages in order of preference
        done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=env, cwd=ROOT,
                              timeout=120)
        assert done.returncode == 0, done.stderr
        assert done.stdout.strip() == expected, (system, languages, done.stdout, done.stderr)
