"""Augmentation panel: a preset for the kind of images (with its reasons), each random change
with its strength and probability, mixup, warnings when a change can alter an image's label, a
preview of N variants, and the export of augmented copies into the workspace."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable

from PySide6.QtCore import QCoreApplication, Qt, Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QSlider,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from tlstudio.core.augmentation.augment import PRESETS
from tlstudio.core.config import AUGMENT_OPERATIONS, AugmentSpec
from tlstudio.gui.controller import Studio
from tlstudio.gui.core_texts import core_text
from tlstudio.gui.widgets import hint_label, image_label, pixmap_from_array

PREVIEW_SIDE = 150
COLUMNS = 4


@dataclass(frozen=True)
class Strength:
    """How one slider maps to an ``AugmentSpec`` field: slider steps -> spec value, and a label."""

    field: str
    label: str
    maximum: int  # slider steps
    to_spec: Callable[[int], float]
    from_spec: Callable[[float], int]
    unit: Callable[[int], str]


def _strengths() -> list[Strength]:
    # QCoreApplication.translate in the panel's context (what its self.tr looks up), spelt out for lupdate
    pct = lambda v: f"{v} %"  # noqa: E731
    return [
        Strength("rotation", QCoreApplication.translate("AugmentPanel", "&Rotation"), 180, lambda v: v / 360, lambda s: round(s * 360), lambda v: f"± {v}°"),
        Strength("zoom_in", QCoreApplication.translate("AugmentPanel", "Zoom &in"), 50, lambda v: v / 100, lambda s: round(s * 100), pct),
        Strength("zoom_out", QCoreApplication.translate("AugmentPanel", "Zoom &out"), 50, lambda v: v / 100, lambda s: round(s * 100), pct),
        Strength("translation", QCoreApplication.translate("AugmentPanel", "&Shift"), 30, lambda v: v / 100, lambda s: round(s * 100), lambda v: f"± {v} %"),
        Strength("brightness", QCoreApplication.translate("AugmentPanel", "&Brightness"), 50, lambda v: v / 100, lambda s: round(s * 100), lambda v: f"± {v} %"),
        Strength("contrast", QCoreApplication.translate("AugmentPanel", "&Contrast"), 50, lambda v: v / 100, lambda s: round(s * 100), lambda v: f"± {v} %"),
        Strength("blur", QCoreApplication.translate("AugmentPanel", "B&lur"), 50, lambda v: v / 10, lambda s: round(s * 10), lambda v: f"{v / 10:.1f} px"),
        Strength("cutout", QCoreApplication.translate("AugmentPanel", "Cut&out"), 50, lambda v: v / 100, lambda s: round(s * 100), pct),
        Strength("crop", QCoreApplication.translate("AugmentPanel", "Ran&dom crop"), 50, lambda v: v / 100, lambda s: round(s * 100), pct),
        Strength("mixup", QCoreApplication.translate("AugmentPanel", "&Mixup"), 100, lambda v: v / 100, lambda s: round(s * 100), lambda v: f"α {v / 100:.2f}"),
    ]


#: Which operation's probability sits on a slider's row (zoom out shares zoom in's; mixup has none).
PROBABILITY_ROW = {"rotation": "rotation", "zoom_in": "zoom", "crop": "crop", "translation": "translation",
                   "brightness": "brightness", "contrast": "contrast", "blur": "blur", "cutout": "cutout"}


def _preset_titles() -> dict[str, str]:
    # QCoreApplication.translate in the panel's context, spelt out for lupdate
    return {"natural": QCoreApplication.translate("AugmentPanel", "Natural photos"),
            "chest_xray": QCoreApplication.translate("AugmentPanel", "Chest X-rays"),
            "dermoscopy": QCoreApplication.translate("AugmentPanel", "Dermoscopy (skin lesions)"),
            "microscopy": QCoreApplication.translate("AugmentPanel", "Microscopy (slides, cells)"),
            "none": QCoreApplication.translate("AugmentPanel", "No augmentation")}


class AugmentPanel(QWidget):
    """Switch random changes on and see what they do to a real picture."""

    def __init__(self, studio: Studio, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.studio = studio
        self.state = studio.state
        self.flip_h = QCheckBox(self.tr("Flip left–&right"))
        self.flip_v = QCheckBox(self.tr("Flip &upside down"))
        self.strengths = _strengths()
        self.sliders: dict[str, QSlider] = {}
        self.values: dict[str, QLabel] = {}
        self.probabilities: dict[str, QDoubleSpinBox] = {}

        ops = QGroupBox(self.tr("Random changes to training images"))
        form = QFormLayout(ops)
        self.preset = QComboBox()
        self.preset.addItem(self.tr("Choose for your images…"), "")
        for key, title in _preset_titles().items():
            self.preset.addItem(title, key)
        preset_label = QLabel(self.tr("&Preset"))
        preset_label.setBuddy(self.preset)
        form.addRow(preset_label, self.preset)
        self.reasons = hint_label("")
        self.reasons.setTextFormat(Qt.TextFormat.PlainText)
        form.addRow(self.reasons)
        form.addRow(hint_label(self.tr("Each change has a strength and a probability: the share of training images "
                                       "that get it (1 = every image).")))
        for box, op in ((self.flip_h, "flip_horizontal"), (self.flip_v, "flip_vertical")):
            row = QHBoxLayout()
            row.addWidget(box, 1)
            row.addWidget(self._probability_box(op, box.text().replace("&", "")))
            form.addRow(row)
        for s in self.strengths:
            slider = QSlider(Qt.Orientation.Horizontal)
            slider.setRange(0, s.maximum)
            slider.setAccessibleName(s.label.replace("&", ""))
            value = QLabel()
            value.setMinimumWidth(64)
            row = QHBoxLayout()
            row.addWidget(slider, 1)
            row.addWidget(value)
            if s.field in PROBABILITY_ROW:
                row.addWidget(self._probability_box(PROBABILITY_ROW[s.field], s.label.replace("&", "")))
            else:  # keep the value in line with the rows that have a probability
                row.addSpacing(row.spacing() + next(iter(self.probabilities.values())).sizeHint().width())
            label = QLabel(s.label)
            label.setBuddy(slider)  # Alt+letter moves to the slider (and the & is not shown)
            form.addRow(label, row)
            self.sliders[s.field], self.values[s.field] = slider, value
        form.addRow(hint_label(self.tr("0 switches a change off. Validation and test images are never changed. "
                                       "Zoom in and out share one probability. Mixup blends pairs of training "
                                       "images and their labels (with a frozen backbone, their features).")))
        self.warnings = QLabel()
        self.warnings.setWordWrap(True)
        self.warnings.setTextFormat(Qt.TextFormat.PlainText)
        self.warnings.setStyleSheet("color: #a05a00;")
        form.addRow(self.warnings)
        self.reset_button = QPushButton(self.tr("Switch all &off"))
        form.addRow(self.reset_button)
        self.export_button = QPushButton(self.tr("&Export augmented copies…"))
        self.export_button.setToolTip(self.tr("Write augmented copies of every image into the workspace (never into "
                                              "the image folder), with a manifest of what was done."))
        self.export_progress = QProgressBar()
        self.export_progress.setVisible(False)
        self.export_cancel = QPushButton(self.tr("Stop export"))
        self.export_cancel.setVisible(False)
        self.export_message = hint_label("")
        self.export_message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        export_row = QHBoxLayout()
        export_row.addWidget(self.export_button)
        export_row.addWidget(self.export_progress, 1)
        export_row.addWidget(self.export_cancel)
        form.addRow(export_row)
        form.addRow(self.export_message)
        ops_scroll = QScrollArea()
        ops_scroll.setWidgetResizable(True)
        ops_scroll.setWidget(ops)

        self.image_name = QLabel(self.tr("The first image of the dataset"))
        self.image_name.setWordWrap(True)
        self.choose_button = QPushButton(self.tr("Choose &picture…"))
        self.count = QSpinBox()
        self.count.setRange(1, 16)
        self.count.setValue(studio.augment.preview_count)
        self.count.setSuffix(self.tr(" variants"))
        self.new_button = QPushButton(self.tr("&New random variants"))
        self.preview_message = hint_label(self.tr("The preview appears once TensorFlow has loaded and a folder is open."))
        self.grid_widget = QWidget()
        self.grid = QGridLayout(self.grid_widget)
        self.tiles: list[QLabel] = []
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.grid_widget)

        controls = QHBoxLayout()
        controls.addWidget(self.choose_button)
        controls.addWidget(self.count)
        controls.addWidget(self.new_button)
        controls.addStretch(1)
        preview_box = QGroupBox(self.tr("Preview"))
        preview_layout = QVBoxLayout(preview_box)
        preview_layout.addWidget(self.image_name)
        preview_layout.addLayout(controls)
        preview_layout.addWidget(self.preview_message)
        preview_layout.addWidget(scroll, 1)

        layout = QHBoxLayout(self)
        layout.addWidget(ops_scroll, 2)
        layout.addWidget(preview_box, 3)

        self._show_spec(self.state.augment)
        self.flip_h.toggled.connect(self._edited)
        self.flip_v.toggled.connect(self._edited)
        for box in self.probabilities.values():
            box.valueChanged.connect(self._edited)
        self.preset.activated.connect(self._preset_chosen)
        self.export_button.clicked.connect(self._export)
        self.export_cancel.clicked.connect(studio.augment.cancel_augment_export)
        studio.augment.exported.connect(self._show_exported)
        studio.augment.export_progress.connect(self._show_progress)
        self.state.scan_changed.connect(self._show_warnings)
        for slider in self.sliders.values():
            slider.valueChanged.connect(self._slider_moved)
            slider.sliderReleased.connect(self._edited)
        self.reset_button.clicked.connect(self._reset)
        self.choose_button.clicked.connect(self._choose_image)
        self.count.valueChanged.connect(studio.augment.set_preview_count)
        self.new_button.clicked.connect(studio.augment.new_variants)
        self.state.augment_changed.connect(self._show_spec)
        self.state.preview_changed.connect(self._show_preview)
        studio.augment.preview_jobs.busy_changed.connect(self._show_preview_busy)
        studio.augment.export_jobs.busy_changed.connect(self._show_export_busy)

    # -- public -------------------------------------------------------------------------------
    def set_strength(self, field_name: str, steps: int) -> None:
        """Move one slider (as the user does) and apply it."""
        self.sliders[field_name].setValue(steps)
        self._edited()

    def spec_from_widgets(self) -> AugmentSpec:
        values = {s.field: s.to_spec(self.sliders[s.field].value()) for s in self.strengths}
        chances = {AUGMENT_OPERATIONS[op][1]: box.value() for op, box in self.probabilities.items()}
        return AugmentSpec(flip_horizontal=self.flip_h.isChecked(), flip_vertical=self.flip_v.isChecked(), **values,
                           **chances)

    def choose_preset(self, key: str) -> None:
        """Choose a preset as the user does in the list."""
        self.preset.setCurrentIndex(self.preset.findData(key))
        self._preset_chosen()

    def _probability_box(self, operation: str, name: str) -> QDoubleSpinBox:
        box = QDoubleSpinBox()
        box.setRange(0.0, 1.0)
        box.setSingleStep(0.05)
        box.setDecimals(2)
        box.setPrefix(self.tr("p "))
        box.setAccessibleName(self.tr("Probability of {0}").format(name))
        box.setToolTip(self.tr("Share of training images that get this change (0 never, 1 every image)"))
        self.probabilities[operation] = box
        return box

    # -- user actions -------------------------------------------------------------------------
    @Slot()
    def _edited(self, *_: Any) -> None:
        self.studio.augment.set_augment(self.spec_from_widgets())

    @Slot(int)
    def _slider_moved(self, _value: int) -> None:
        # While dragging, only the label follows; the change applies on release. Keys and
        # page clicks move the slider without a drag: those apply at once.
        self._show_values()
        slider = self.sender()
        if not (isinstance(slider, QSlider) and slider.isSliderDown()):
            self._edited()

    @Slot()
    def _reset(self) -> None:
        self.studio.augment.set_augment(AugmentSpec())

    @Slot()
    def _preset_chosen(self, *_: Any) -> None:
        key = self.preset.currentData()
        if key:
            self.studio.augment.set_augment_preset(key)
        self._show_reasons()
        self._show_warnings()

    @Slot()
    def _export(self) -> None:
        copies, ok = QInputDialog.getInt(self, self.tr("Export augmented copies"),
                                         self.tr("Augmented copies of each image (written into the workspace, never "
                                                 "into the image folder):"), 5, 1, 100)
        if ok and not self.studio.augment.export_augmented(copies):
            self.export_message.setText(self.tr("Open an image folder and switch on a change first."))

    @Slot()
    def _choose_image(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Choose a picture"), self.studio.augment.picture_folder(),
                                              self.tr("Images (*.jpg *.jpeg *.png *.bmp *.gif *.webp *.tif *.tiff *.avif *.jp2 *.ico *.dcm)"))
        if path:
            self.studio.augment.set_preview_image(path)

    # -- views of the state -------------------------------------------------------------------
    @Slot()
    def _show_values(self, *_: Any) -> None:
        for s in self.strengths:
            steps = self.sliders[s.field].value()
            self.values[s.field].setText(s.unit(steps) if steps else self.tr("off"))

    @Slot(object)
    def _show_spec(self, spec: AugmentSpec) -> None:
        for w in (self.flip_h, self.flip_v, *self.sliders.values()):
            w.blockSignals(True)
        self.flip_h.setChecked(spec.flip_horizontal)
        self.flip_v.setChecked(spec.flip_vertical)
        for s in self.strengths:
            self.sliders[s.field].setValue(s.from_spec(getattr(spec, s.field)))
        for op, box in self.probabilities.items():
            box.blockSignals(True)
            box.setValue(spec.probability(op))
            box.blockSignals(False)
        for w in (self.flip_h, self.flip_v, *self.sliders.values()):
            w.blockSignals(False)
        self._show_values()
        self._show_preset()
        self._show_warnings()

    def _show_preset(self) -> None:
        """The preset the augmentation was chosen with (also one restored from the last session)."""
        index = self.preset.findData(self.studio.augment.preset or "")
        if index >= 0 and index != self.preset.currentIndex():
            self.preset.setCurrentIndex(index)
            self._show_reasons()

    @Slot(bool)
    def _show_preview_busy(self, busy: bool) -> None:
        if busy:
            self.preview_message.setText(self.tr("Making variants…"))

    @Slot(bool)
    def _show_export_busy(self, busy: bool) -> None:
        self.export_progress.setVisible(busy)
        self.export_cancel.setVisible(busy)
        self.export_button.setEnabled(not busy)
        if busy:
            self.export_progress.setRange(0, 0)
            self.export_message.setText(self.tr("Writing augmented copies…"))
        elif self.export_message.text() == self.tr("Writing augmented copies…"):
            self.export_message.setText(self.tr("Stopped: no copies were kept."))

    @Slot(int, int)
    def _show_progress(self, done: int, total: int) -> None:
        self.export_progress.setRange(0, int(total))
        self.export_progress.setValue(int(done))

    @Slot(object)
    def _show_exported(self, result: Any) -> None:
        if result.status == "finished":
            self.export_message.setText(self.tr("{0} copies of {1} images written to {2}").format(
                result.written, result.images, result.folder))

    def _show_reasons(self) -> None:
        key = self.studio.augment.preset
        self.reasons.setText("\n".join(f"• {core_text(r)}" for r in PRESETS[key].reasons) if key else "")

    @Slot()
    def _show_warnings(self, *_: Any) -> None:
        warnings = self.studio.augment.augment_warnings()
        self.warnings.setText("\n".join(f"⚠ {core_text(w)}" for w in warnings))
        self.warnings.setVisible(bool(warnings))

    @Slot(object)
    def _show_preview(self, images: list) -> None:
        picture = self.studio.augment.preview_image
        self.image_name.setText(self.tr("Picture: {0}").format(picture) if picture else "")
        while len(self.tiles) < len(images):
            tile = image_label(PREVIEW_SIDE + 4)
            self.grid.addWidget(tile, len(self.tiles) // COLUMNS, len(self.tiles) % COLUMNS)
            self.tiles.append(tile)
        for i, tile in enumerate(self.tiles):
            tile.setVisible(i < len(images))
            if i < len(images):
                tile.setPixmap(pixmap_from_array(images[i], PREVIEW_SIDE))
        self.preview_message.setText(self.tr("{0} random variants, as training would see them.").format(len(images))
                                     if images else "")
