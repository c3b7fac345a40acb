"""The fixed messages of ``tlstudio.core`` in the interface's language.

core has no Qt and speaks English (the CLI prints it, the logs keep it). The messages the window
shows most (the training phases and steps, the backbones' descriptions, why a file was skipped)
are listed here so that lupdate puts them in the translation file; :func:`core_text` looks one up
(or matches one of :data:`CORE_PATTERNS`, for messages with a number or a name in them) and
returns any other message unchanged, in English. ``tests/gui/test_translations.py`` checks that
each text and pattern still matches what core says.
"""

from __future__ import annotations

import re
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from tlstudio.gui.i18n import SOURCE_LANGUAGE, current_language

#: Messages core sends as they are (train.py, curve.py, crossval.py) and backbones.py's words.
CORE_TEXTS: tuple[str, ...] = (
    QT_TRANSLATE_NOOP("core", "Checking the images"),
    QT_TRANSLATE_NOOP("core", "Building the network"),
    QT_TRANSLATE_NOOP("core", "Computing backbone features once (cached)"),
    QT_TRANSLATE_NOOP("core", "Training the head (backbone frozen)"),
    QT_TRANSLATE_NOOP("core", "Testing on images the model has never seen"),
    QT_TRANSLATE_NOOP("core", "Saving the run"),
    QT_TRANSLATE_NOOP("core", "Measuring calibration (temperature fitted on the validation images)"),
    QT_TRANSLATE_NOOP("core", "Stopped. The run folder keeps the last checkpoint; it can be resumed."),
    QT_TRANSLATE_NOOP("core", "Training the whole network on the images"),
    QT_TRANSLATE_NOOP("core", "Fine-tuning on the images"),
    QT_TRANSLATE_NOOP("core", "Small CNN (from scratch)"),
    QT_TRANSLATE_NOOP("core", "Three convolution and pooling layers trained from random weights: the baseline to beat"),
    QT_TRANSLATE_NOOP("core", "A plain stack of 13 convolutions in 5 blocks; large, slow, and a reliable feature extractor"),
    QT_TRANSLATE_NOOP("core", "50 layers with skip connections; strong general features, heavier to run"),
    QT_TRANSLATE_NOOP("core", "Small and fast, made for phones; a good choice on an ordinary computer"),
    QT_TRANSLATE_NOOP("core", "Accurate for its size; a bit slower than MobileNetV2 on a processor"),
    QT_TRANSLATE_NOOP("core", "EfficientNet simplified for speed (no squeeze-and-excite, ReLU6); its ImageNet weights "
                              "come with tlstudio"),
)

#: Messages of core with names or numbers in them: the pattern core's message matches, and the
#: translatable text whose ``{0}``, ``{1}``… are the pattern's groups, in order.
CORE_PATTERNS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"Test accuracy (\S+)"), QT_TRANSLATE_NOOP("core", "Test accuracy {0}")),
    (re.compile(r"Training on (.+)"), QT_TRANSLATE_NOOP("core", "Training on {0}")),
    (re.compile(r"Resuming after (\d+) finished epochs"), QT_TRANSLATE_NOOP("core", "Resuming after {0} finished epochs")),
    (re.compile(r"Computing the frozen layers' outputs once \(up to (.+)\)"),
     QT_TRANSLATE_NOOP("core", "Computing the frozen layers' outputs once (up to {0})")),
    (re.compile(r"Fine-tuning from (.+) at a (\S+)x lower learning rate"),
     QT_TRANSLATE_NOOP("core", "Fine-tuning from {0} at a {1}x lower learning rate")),
    (re.compile(r"Calibration: temperature (\S+), expected calibration error (\S+) before scaling, (\S+) after"),
     QT_TRANSLATE_NOOP("core", "Calibration: temperature {0}, expected calibration error {1} before scaling, {2} after")),
)

#: Why a file was skipped, by ``core.dataset.BadFile.code`` (core's own reason names the file and
#: its size; the table beside it already shows the file).
BAD_FILE_REASONS: dict[str, str] = {
    "empty": QT_TRANSLATE_NOOP("badfiles", "The file is empty (0 bytes). Copy it again or remove it."),
    "corrupt": QT_TRANSLATE_NOOP("badfiles", "The file is damaged and cannot be read as a picture. Copy it again "
                                             "from the original or remove it."),
    "truncated": QT_TRANSLATE_NOOP("badfiles", "The file is cut short (the download or copy may have been "
                                               "interrupted). Copy it again or remove it."),
    "not_image": QT_TRANSLATE_NOOP("badfiles", "Not a picture tlstudio can open (it may be another kind of file with "
                                               "an image name). Save it as JPEG or PNG, or remove it."),
    "too_small": QT_TRANSLATE_NOOP("badfiles", "The picture is too small. Use a larger version or remove it."),
    "too_large": QT_TRANSLATE_NOOP("badfiles", "The picture is larger than tlstudio opens safely; it may be damaged. "
                                               "Save a smaller copy or remove it."),
    "permission": QT_TRANSLATE_NOOP("badfiles", "tlstudio is not allowed to read the file. Give your user read "
                                                "permission on it, or remove it."),
    "unreadable": QT_TRANSLATE_NOOP("badfiles", "The file could not be read. Check the disk or copy the file again, "
                                                "or remove it."),
}


def core_text(text: str) -> str:
    """``text`` (a message from core) in the interface's language when it is one of :data:`CORE_TEXTS`
    or matches one of :data:`CORE_PATTERNS`; otherwise (and in English) as it is."""
    if not text or current_language() == SOURCE_LANGUAGE:
        return text
    for pattern, template in CORE_PATTERNS:
        found = pattern.fullmatch(text)
        if found:
            return QCoreApplication.translate("core", template).format(*found.groups())
    return QCoreApplication.translate("core", text)


def bad_file_reason(bad: Any) -> str:
    """Why ``bad`` (a ``core.dataset.BadFile``) was skipped: core's detailed English reason, or
    the translated reason for its code when the interface is in another language."""
    if current_language() == SOURCE_LANGUAGE or bad.code not in BAD_FILE_REASONS:
        return str(bad.reason)
    return QCoreApplication.translate("badfiles", BAD_FILE_REASONS[bad.code])
