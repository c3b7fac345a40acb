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
from tlstudio.gui.widgets import number

#: Messages core sends as they are (train.py, curve.py, crossval.py, synth.py, augment.py's preset
#: reasons and label warnings) and backbones.py's and strategies.py's words.
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
    # strategies.py's names (inside "Strategy 1 of 4: …")
    QT_TRANSLATE_NOOP("core", "No augmentation"),
    QT_TRANSLATE_NOOP("core", "Augmentation"),
    QT_TRANSLATE_NOOP("core", "Synthetic images"),
    QT_TRANSLATE_NOOP("core", "Augmentation + synthetic"),
    # synth.py's generator and quality steps
    QT_TRANSLATE_NOOP("core", "Loading the feature extractor"),
    # data/findings.py: what each finding means for the figures
    QT_TRANSLATE_NOOP("core", "This is a label conflict, not leakage: the model is taught two answers for one "
                              "picture, and a test copy is marked wrong whichever it answers, so it lowers accuracy "
                              "rather than inflating it. Fix the labels, or leave the copies out (label conflicts: "
                              "exclude, or keep one copy)."),
    QT_TRANSLATE_NOOP("core", "Test accuracy is too optimistic: the model is tested on pictures it trained on. Remove "
                              "the copies or keep them in one split."),
    QT_TRANSLATE_NOOP("core", "One test split then holds only a few of their pictures, so the figures can swing by "
                              "many points by chance; cross-validation shows that spread."),
    QT_TRANSLATE_NOOP("core", "They are in no figure; a class that lost many is smaller than its folder suggests."),
    QT_TRANSLATE_NOOP("core", "If they belong to patients with other pictures, a patient seen in training can be in "
                              "the test, and test accuracy is too optimistic."),
    QT_TRANSLATE_NOOP("core", "The figures are of the pictures kept."),
    QT_TRANSLATE_NOOP("core", "Labelling the synthetic images with a classifier trained on the real ones"),
    # augment.py's label warnings (the fixed ones) and the words inside the others
    QT_TRANSLATE_NOOP("core", "Upside-down flips on chest X-rays make images that never occur: anatomy has an "
                              "orientation (lungs above the diaphragm). Switch 'Flip upside down' off."),
    QT_TRANSLATE_NOOP("core", "Left-right flips on chest X-rays put the heart on the right, which is dextrocardia, "
                              "a different finding. Switch 'Flip left-right' off unless side does not matter."),
    QT_TRANSLATE_NOOP("core", "Strong brightness or contrast changes alter a lesion's colours, and colour carries "
                              "meaning in dermoscopy (e.g. a blue-white veil). Keep both at ±10% or less."),
    QT_TRANSLATE_NOOP("core", "Blur softens a lesion's border, and a sharp or blurred border is a diagnostic sign "
                              "in dermoscopy. Switch blur off."),
    QT_TRANSLATE_NOOP("core", "Upside-down flips make photos that rarely occur (the sky below); switch them off unless "
                              "the pictures are taken from above."),
    QT_TRANSLATE_NOOP("core", "flips"),
    # augment.py's PRESETS reasons
    QT_TRANSLATE_NOOP("core", "Every training image is used as it is. Useful as the baseline that shows what "
                              "augmentation adds."),
    QT_TRANSLATE_NOOP("core", "Left-right flips are on: a mirrored dog or flower is still a dog or a flower."),
    QT_TRANSLATE_NOOP("core", "Upside-down flips are off: in photos the sky is above and the ground below, and the "
                              "model never has to recognise an upside-down scene."),
    QT_TRANSLATE_NOOP("core", "Small rotations (±10°) only: photos are held slightly tilted, rarely more."),
    QT_TRANSLATE_NOOP("core", "Zoom and shift: the same subject is framed closer, further or off-centre from photo "
                              "to photo."),
    QT_TRANSLATE_NOOP("core", "Brightness and contrast ±20%: light changes with the time of day, the weather and "
                              "the camera."),
    QT_TRANSLATE_NOOP("core", "Small cut-out patches on a quarter of the images: the subject is often partly hidden, "
                              "and the model should not rely on one small part of it."),
    QT_TRANSLATE_NOOP("core", "Upside-down flips are off: anatomy has an orientation (the lungs are above the "
                              "diaphragm), and an upside-down film never occurs."),
    QT_TRANSLATE_NOOP("core", "Left-right flips are off: the heart lies on the left; a mirrored film looks like "
                              "dextrocardia, a different finding, and the side markers would be reversed."),
    QT_TRANSLATE_NOOP("core", "Small rotations (±5°) only: patients are positioned upright against the detector, so "
                              "only a slight tilt occurs."),
    QT_TRANSLATE_NOOP("core", "Slight zoom and shift: the patient's distance to and position on the detector vary a "
                              "little."),
    QT_TRANSLATE_NOOP("core", "Mild brightness and contrast (±10%): exposure differs between machines and patients."),
    QT_TRANSLATE_NOOP("core", "No blur and no cut-out: a small nodule or a fine line can be the whole finding, and "
                              "blurring or covering it would change what the image shows."),
    QT_TRANSLATE_NOOP("core", "All flips and rotations are safe: a lesion seen through the dermatoscope has no up or "
                              "down and no left or right."),
    QT_TRANSLATE_NOOP("core", "Slight zoom: the dermatoscope is held at slightly different distances."),
    QT_TRANSLATE_NOOP("core", "Only small brightness and contrast changes (±5%): colour carries meaning (blue-white "
                              "veil, regression areas), so colours must stay close to the real ones."),
    QT_TRANSLATE_NOOP("core", "No blur: the sharpness of a lesion's border is a diagnostic sign."),
    QT_TRANSLATE_NOOP("core", "No cut-out: a patch could hide the lesion or the structure that decides its class."),
    QT_TRANSLATE_NOOP("core", "All flips and rotations are safe: a slide has no up or down, cells lie in every "
                              "direction."),
    QT_TRANSLATE_NOOP("core", "Zoom and shift: cells appear anywhere in the field of view and at slightly different "
                              "sizes."),
    QT_TRANSLATE_NOOP("core", "Brightness and contrast (±10%, ±15%): staining and illumination differ from slide to "
                              "slide."),
    QT_TRANSLATE_NOOP("core", "Slight blur on some images: the focus varies across a slide and between slides."),
    QT_TRANSLATE_NOOP("core", "No cut-out: a patch could hide the few cells that decide the class."),
    # split.py's fixed warning
    QT_TRANSLATE_NOOP("core", "No images are kept aside for testing (test fraction 0): a model trained on this split "
                              "cannot be tested, and training refuses to start. Set a test share of 0.15 or more."),
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
    # strategies.py and train.py
    (re.compile(r"Strategy (\d+) of (\d+): (.+)"), QT_TRANSLATE_NOOP("core", "Strategy {0} of {1}: {2}")),
    (re.compile(r"Adding (\d+) synthetic images to the (\d+) real training images \(never to validation or test\)"),
     QT_TRANSLATE_NOOP("core", "Adding {0} synthetic images to the {1} real training images (never to validation or "
                               "test)")),
    # synth.py: the generator's steps and the quality measurement's
    (re.compile(r"Resuming the generator in (.+)"), QT_TRANSLATE_NOOP("core", "Resuming the generator in {0}")),
    (re.compile(r"Reading (\d+) training images at (\d+) x (\d+)"),
     QT_TRANSLATE_NOOP("core", "Reading {0} training images at {1} x {2}")),
    (re.compile(r"Training a (\S+) on (\d+) images of (\d+) classes"),
     QT_TRANSLATE_NOOP("core", "Training a {0} on {1} images of {2} classes")),
    (re.compile(r"Epoch (\d+)/(\d+) (.*)"), QT_TRANSLATE_NOOP("core", "Epoch {0}/{1} {2}")),
    (re.compile(r"Finished all (\d+) epochs"), QT_TRANSLATE_NOOP("core", "Finished all {0} epochs")),
    (re.compile(r"Measuring (.+): (\d+) real and (\d+) synthetic images"),
     QT_TRANSLATE_NOOP("core", "Measuring {0}: {1} real and {2} synthetic images")),
    # augment.py's label warnings with numbers or class names in them
    (re.compile(r"Rotations up to ±(\S+)° on chest X-rays go beyond how patients are positioned; keep them within "
                r"±(\S+)° \(±5° is usual\)\."),
     QT_TRANSLATE_NOOP("core", "Rotations up to ±{0}° on chest X-rays go beyond how patients are positioned; keep them "
                               "within ±{1}° (±5° is usual).")),
    (re.compile(r"Blur up to (\S+) pixels can erase a small nodule or a fine line on an X-ray, which may be the "
                r"finding itself\."),
     QT_TRANSLATE_NOOP("core", "Blur up to {0} pixels can erase a small nodule or a fine line on an X-ray, which may "
                               "be the finding itself.")),
    (re.compile(r"Cut-out patches up to (\S+) of the side can hide the small finding that gives an image its class, "
                r"so the image would then carry a wrong label\."),
     QT_TRANSLATE_NOOP("core", "Cut-out patches up to {0} of the side can hide the small finding that gives an image "
                               "its class, so the image would then carry a wrong label.")),
    (re.compile(r"The classes (.+) name a side: a left-right flip turns one side into the other, so the flipped "
                r"image carries the wrong label\."),
     QT_TRANSLATE_NOOP("core", "The classes {0} name a side: a left-right flip turns one side into the other, so the "
                               "flipped image carries the wrong label.")),
    (re.compile(r"The classes (.+) name a direction: upside-down flips and large rotations turn one into the other\."),
     QT_TRANSLATE_NOOP("core", "The classes {0} name a direction: upside-down flips and large rotations turn one into "
                               "the other.")),
    (re.compile(r"The classes \((.+)\) look like digits, letters or text: (.+) can turn one into another "
                r"\(here (.+)\) or into no symbol at all\."),
     QT_TRANSLATE_NOOP("core", "The classes ({0}) look like digits, letters or text: {1} can turn one into another "
                               "(here {2}) or into no symbol at all.")),
    (re.compile(r"The classes \((.+)\) look like digits, letters or text: (.+) can turn one into another or into "
                r"no symbol at all\."),
     QT_TRANSLATE_NOOP("core", "The classes ({0}) look like digits, letters or text: {1} can turn one into another or "
                               "into no symbol at all.")),
    (re.compile(r"flips and rotations beyond ±(\S+)°"), QT_TRANSLATE_NOOP("core", "flips and rotations beyond ±{0}°")),
    (re.compile(r"rotations beyond ±(\S+)°"), QT_TRANSLATE_NOOP("core", "rotations beyond ±{0}°")),
    (re.compile(r"(\S) and (\S)"), QT_TRANSLATE_NOOP("core", "{0} and {1}")),  # two look-alike symbols: "6 and 9"
    # data/findings.py and data/scan.py: what the check found
    (re.compile(r"The same picture is labelled both (.+) and (.+) \((\d+) pictures?\)\. (\d+) of them (?:were|was) "
                r"left out of this run\."),
     QT_TRANSLATE_NOOP("core", "The same picture is labelled both {0} and {1} ({2} pictures). {3} of them were left "
                               "out of this run.")),
    (re.compile(r"The same picture is labelled both (.+) and (.+) \((\d+) pictures?\)\."),
     QT_TRANSLATE_NOOP("core", "The same picture is labelled both {0} and {1} ({2} pictures).")),
    (re.compile(r"(\d+) pairs? of pictures with the same label are in two different splits \(duplicates or "
                r"near-duplicates\)\."),
     QT_TRANSLATE_NOOP("core", "{0} pairs of pictures with the same label are in two different splits (duplicates or "
                               "near-duplicates).")),
    (re.compile(r"(.+): recall (\S+) is measured on (\d+) pictures?; its 95% interval is (\S+) to (\S+)\."),
     QT_TRANSLATE_NOOP("core", "{0}: recall {1} is measured on {2} pictures; its 95% interval is {3} to {4}.")),
    (re.compile(r"(.+) has only (\d+) test pictures?: its recall is measured on (\d+) pictures?\."),
     QT_TRANSLATE_NOOP("core", "{0} has only {1} test pictures: its recall is measured on {2} pictures.")),
    (re.compile(r"One picture moves it by (\S+); read its interval, not the figure alone\."),
     QT_TRANSLATE_NOOP("core", "One picture moves it by {0}; read its interval, not the figure alone.")),
    (re.compile(r"Some classes have fewer than (\d+) pictures: (.+)\."),
     QT_TRANSLATE_NOOP("core", "Some classes have fewer than {0} pictures: {1}.")),
    # phases.py: fine-tuning that did not beat the frozen backbone
    (re.compile(r"Fine-tuning did not improve validation accuracy \((\S+) vs (\S+) with the backbone frozen\), so "
                r"the head-only weights were kept\."),
     QT_TRANSLATE_NOOP("core", "Fine-tuning did not improve validation accuracy ({0} vs {1} with the backbone "
                               "frozen), so the head-only weights were kept.")),
    # split.py's training-image cap and scan.py's class imbalance
    (re.compile(r"Training uses at most (\d+) images per class; no class had more, so none was left out\."),
     QT_TRANSLATE_NOOP("core", "Training uses at most {0} images per class; no class had more, so none was left out.")),
    (re.compile(r"Training uses at most (\d+) images per class: (\d+) training images? (?:were|was) left out and "
                r"not used \((.+)\)\. Validation and test are unchanged\. The cap counts images, so a patient's "
                r"training images may be partly left out\."),
     QT_TRANSLATE_NOOP("core", "Training uses at most {0} images per class: {1} training images were left out and "
                               "not used ({2}). Validation and test are unchanged. The cap counts images, so a patient's "
                               "training images may be partly left out.")),
    (re.compile(r"Training uses at most (\d+) images per class: (\d+) training images? (?:were|was) left out and "
                r"not used \((.+)\)\. Validation and test are unchanged\."),
     QT_TRANSLATE_NOOP("core", "Training uses at most {0} images per class: {1} training images were left out and "
                               "not used ({2}). Validation and test are unchanged.")),
    (re.compile(r"(.+) has (\S+) times as many images as (.+); accuracy alone can mislead — look at each class's "
                r"recall, or turn on class weights\."),
     QT_TRANSLATE_NOOP("core", "{0} has {1} times as many images as {2}; accuracy alone can mislead — look at each "
                               "class's recall, or turn on class weights.")),
    (re.compile(r"A model that favours (.+) scores well on accuracy alone: read the balanced accuracy and (.+)'s "
                r"recall\."),
     QT_TRANSLATE_NOOP("core", "A model that favours {0} scores well on accuracy alone: read the balanced accuracy "
                               "and {1}'s recall.")),
    (re.compile(r"(\d+) files? (?:were|was) skipped \(they could not be used as pictures\)\."),
     QT_TRANSLATE_NOOP("core", "{0} files were skipped (they could not be used as pictures).")),
    (re.compile(r"(\d+) pictures? (?:were|was) left out of this run \(the folder is unchanged\)\."),
     QT_TRANSLATE_NOOP("core", "{0} pictures were left out of this run (the folder is unchanged).")),
    (re.compile(r"(\d+) pictures? (?:have|has) no group and count as a patient of (?:their|its) own\."),
     QT_TRANSLATE_NOOP("core", "{0} pictures have no group and count as a patient of their own.")),
    (re.compile(r"Split folders read by their names: (.+)\."),
     QT_TRANSLATE_NOOP("core", "Split folders read by their names: {0}.")),
)

# A number inside a core message ("72.0%", "1.5", "2,000"): written again as the language writes it.
_NUMBER = re.compile(r"(-?\d{1,3}(?:,\d{3})+|-?\d+)(\.\d+)?(%?)")

#: Why a file was skipped, by ``core.data.records.BadFile.code`` (core's own reason names the file and
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
    "no_pixels": QT_TRANSLATE_NOOP("badfiles", "A DICOM file without a picture (a report, a presentation state, a "
                                               "plan). Move it out of the class folder."),
    "unsupported": QT_TRANSLATE_NOOP("badfiles", "A picture format or compression tlstudio cannot decode here (the "
                                                 "English message names what would read it). Export it as PNG, JPEG "
                                                 "or uncompressed DICOM, or remove it."),
    "special": QT_TRANSLATE_NOOP("badfiles", "A named pipe, socket or device, not a picture file: tlstudio does not "
                                             "read it. Remove it, or replace it with the picture."),
}


def core_text(text: str) -> str:
    """``text`` (a message from core) in the interface's language when it is one of :data:`CORE_TEXTS`
    or matches one of :data:`CORE_PATTERNS`; otherwise (and in English) as it is."""
    if not text or current_language() == SOURCE_LANGUAGE:
        return text
    for pattern, template in CORE_PATTERNS:
        found = pattern.fullmatch(text)
        if found:  # the names and words inside are looked up too (a strategy's name, "6 and 9"), numbers localised
            return QCoreApplication.translate("core", template).format(*(_localised(g) for g in found.groups()))
    return QCoreApplication.translate("core", text)


def _localised(part: str) -> str:
    """A part of a core message: a number in the language's format ("72,0%"), else translated."""
    found = _NUMBER.fullmatch(part)
    if not found:
        return core_text(part)
    whole, decimals, sign = found.groups()
    value = float(whole.replace(",", "") + (decimals or ""))
    return number(value, len(decimals) - 1 if decimals else 0) + sign


def bad_file_reason(bad: Any) -> str:
    """Why ``bad`` (a ``core.data.records.BadFile``) was skipped: core's detailed English reason, or
    the translated reason for its code when the interface is in another language."""
    if current_language() == SOURCE_LANGUAGE or bad.code not in BAD_FILE_REASONS:
        return str(bad.reason)
    return QCoreApplication.translate("badfiles", BAD_FILE_REASONS[bad.code])
