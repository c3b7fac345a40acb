"""Augmentation panel: each random change with its strength, and a preview of N variants."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSlider,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from tlstudio.core.config import AugmentSpec
from tlstudio.gui.controller import Studio
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


def _strengths(tr: Callable[[str], str]) -> list[Strength]:
    pct = lambda v: f"{v} %"  # noqa: E731
    return [
        Strength("rotation", tr("&Rotation"), 90, lambda v: v / 360, lambda s: round(s * 360), lambda v: f"± {v}°"),
        Strength("zoom_in", tr("Zoom &in"), 50, lambda v: v / 100, lambda s: round(s * 100), pct),
        Strength("zoom_out", tr("Zoom &out"), 50, lambda v: v / 100, lambda s: round(s * 100), pct),
        Strength("translation", tr("&Shift"), 30, lambda v: v / 100, lambda s: round(s * 100), lambda v: f"± {v} %"),
        Strength("brightness", tr("&Brightness"), 50, lambda v: v / 100, lambda s: round(s * 100), lambda v: f"± {v} %"),
        Strength("contrast", tr("&Contrast"), 50, lambda v: v / 100, lambda s: round(s * 100), lambda v: f"± {v} %"),
        Strength("blur", tr("B&lur"), 50, lambda v: v / 10, lambda s: round(s * 10), lambda v: f"{v / 10:.1f} px"),
        Strength("cutout", tr("Cut&out"), 50, lambda v: v / 100, lambda s: round(s * 100), pct),
    ]


class AugmentPanel(QWidget):
    """Switch random changes on and see what they do to a real picture."""

    def __init__(self, studio: Studio, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.studio = studio
        self.state = studio.state
        self.flip_h = QCheckBox(self.tr("Flip left–&right"))
        self.flip_v = QCheckBox(self.tr("Flip &upside down"))
        self.strengths = _strengths(self.tr)
        self.sliders: dict[str, QSlider] = {}
        self.values: dict[str, QLabel] = {}

        ops = QGroupBox(self.tr("Random changes to training images"))
        form = QFormLayout(ops)
        form.addRow(self.flip_h)
        form.addRow(self.flip_v)
        for s in self.strengths:
            slider = QSlider(Qt.Orientation.Horizontal)
            slider.setRange(0, s.maximum)
            slider.setAccessibleName(s.label.replace("&", ""))
            value = QLabel()
            value.setMinimumWidth(64)
            row = QHBoxLayout()
            row.addWidget(slider, 1)
            row.addWidget(value)
            label = QLabel(s.label)
            label.setBuddy(slider)  # Alt+letter moves to the slider (and the & is not shown)
            form.addRow(label, row)
            self.sliders[s.field], self.values[s.field] = slider, value
        form.addRow(hint_label(self.tr("0 switches a change off. Validation and test images are never changed.")))
        self.reset_button = QPushButton(self.tr("Switch all &off"))
        form.addRow(self.reset_button)

        self.image_name = QLabel(self.tr("The first image of the dataset"))
        self.image_name.setWordWrap(True)
        self.choose_button = QPushButton(self.tr("Choose &picture…"))
        self.count = QSpinBox()
        self.count.setRange(1, 16)
        self.count.setValue(studio.preview_count)
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
        layout.addWidget(ops, 2)
        layout.addWidget(preview_box, 3)

        self._show_spec(self.state.augment)
        self.flip_h.toggled.connect(self._edited)
        self.flip_v.toggled.connect(self._edited)
        for slider in self.sliders.values():
            slider.valueChanged.connect(self._slider_moved)
            slider.sliderReleased.connect(self._edited)
        self.reset_button.clicked.connect(self._reset)
        self.choose_button.clicked.connect(self._choose_image)
        self.count.valueChanged.connect(studio.set_preview_count)
        self.new_button.clicked.connect(studio.new_variants)
        self.state.augment_changed.connect(self._show_spec)
        self.state.preview_changed.connect(self._show_preview)
        studio.jobs.busy_changed.connect(self._show_busy)

    # -- public -------------------------------------------------------------------------------
    def set_strength(self, field_name: str, steps: int) -> None:
        """Move one slider (as the user does) and apply it."""
        self.sliders[field_name].setValue(steps)
        self._edited()

    def spec_from_widgets(self) -> AugmentSpec:
        values = {s.field: s.to_spec(self.sliders[s.field].value()) for s in self.strengths}
        return AugmentSpec(flip_horizontal=self.flip_h.isChecked(), flip_vertical=self.flip_v.isChecked(), **values)

    # -- user actions -------------------------------------------------------------------------
    @Slot()
    def _edited(self, *_: Any) -> None:
        self.studio.set_augment(self.spec_from_widgets())

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
        self.studio.set_augment(AugmentSpec())

    @Slot()
    def _choose_image(self) -> None:
        start = str(Path(self.studio.preview_image).parent) if self.studio.preview_image else self.state.data_path
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Choose a picture"), start,
                                              self.tr("Images (*.jpg *.jpeg *.png *.bmp *.gif *.webp *.tif *.tiff)"))
        if path:
            self.studio.set_preview_image(path)

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
        for w in (self.flip_h, self.flip_v, *self.sliders.values()):
            w.blockSignals(False)
        self._show_values()

    @Slot(str, bool)
    def _show_busy(self, kind: str, busy: bool) -> None:
        if kind == "preview" and busy:
            self.preview_message.setText(self.tr("Making variants…"))

    @Slot(object)
    def _show_preview(self, images: list) -> None:
        if self.studio.preview_image:
            self.image_name.setText(self.tr("Picture: {0}").format(self.studio.preview_image))
        while len(self.tiles) < len(images):
            tile = image_label(PREVIEW_SIDE + 4)
            self.grid.addWidget(tile, len(self.tiles) // COLUMNS, len(self.tiles) % COLUMNS)
            self.tiles.append(tile)
        for i, tile in enumerate(self.tiles):
            tile.setVisible(i < len(images))
            if i < len(images):
                tile.setPixmap(pixmap_from_array(images[i], PREVIEW_SIDE))
        self.preview_message.setText(self.tr("{0} random variants, as training would see them.").format(len(images)))
