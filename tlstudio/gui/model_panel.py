"""Model panel: the backbone, the mode, the layer list with its freeze cutoff, and the head."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from PySide6.QtCore import QRegularExpression, Qt, Slot
from PySide6.QtGui import QBrush, QColor, QFont, QRegularExpressionValidator
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QComboBox,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QRadioButton,
    QSpinBox,
    QSplitter,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from tlstudio.core.config import HeadConfig, ModelConfig
from tlstudio.core.errors import ConfigError
from tlstudio.gui.controller import Studio
from tlstudio.gui.core_texts import core_text
from tlstudio.gui.widgets import hint_label, human_count, icon, number

LAYER_ROLE = Qt.ItemDataRole.UserRole + 1
FROZEN_COLOUR = QColor(128, 128, 128)
WEIGHT_CHOICES = ("imagenet", "random", "file")


class ModelPanel(QWidget):
    """Backbone chooser, mode, layer list (click a layer: freeze cutoff), head settings."""

    def __init__(self, studio: Studio, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.studio = studio
        self.state = studio.state
        self.weights_file = ""

        self.backbone = QComboBox()
        self.backbone.setAccessibleName(self.tr("Backbone"))
        self.backbone_info = hint_label("")
        self.weights = QComboBox()
        self.weights.addItem(self.tr("ImageNet (pretrained)"), "imagenet")
        self.weights.addItem(self.tr("Random (no pretraining)"), "random")
        self.weights.addItem(self.tr("From a file…"), "file")
        self.image_size = QSpinBox()
        self.image_size.setRange(0, 1024)
        self.image_size.setSingleStep(16)
        self.image_size.setSpecialValueText(self.tr("usual for the backbone"))
        self.image_size.setSuffix(" px")

        self.mode_group = QButtonGroup(self)
        self.mode_buttons: dict[str, QRadioButton] = {
            "scratch": QRadioButton(self.tr("From &scratch: random weights, everything trains")),
            "transfer": QRadioButton(self.tr("&Transfer: backbone frozen, only the head trains")),
            "finetune": QRadioButton(self.tr("&Fine-tune: head first, then layers from the cutoff on")),
        }
        for button in self.mode_buttons.values():
            self.mode_group.addButton(button)

        self.pooling = QComboBox()
        self.pooling.addItem(self.tr("Average"), "avg")
        self.pooling.addItem(self.tr("Maximum"), "max")
        self.pooling.addItem(self.tr("Flatten"), "flatten")
        self.dense = QLineEdit()
        self.dense.setValidator(QRegularExpressionValidator(QRegularExpression(r"^\s*(\d+\s*(,\s*\d+\s*)*)?$")))
        self.dense.setToolTip(self.tr("A hidden layer is a layer of units between the backbone's features and the "
                                      "answer; it can combine features, and needs more images to train. Write how "
                                      "many units each has, separated by commas (256, or 256, 128); leave it empty "
                                      "for none."))
        self.dense_words = hint_label("")
        self.dropout = QDoubleSpinBox()
        self.dropout.setRange(0.0, 0.9)
        self.dropout.setSingleStep(0.05)
        self.head_message = hint_label("")

        backbone_box = QGroupBox(self.tr("Backbone"))
        form = QFormLayout(backbone_box)
        form.addRow(self.tr("&Network:"), self.backbone)
        form.addRow(self.backbone_info)
        form.addRow(self.tr("&Weights:"), self.weights)
        form.addRow(self.tr("&Image size:"), self.image_size)
        mode_box = QGroupBox(self.tr("Mode"))
        mode_layout = QVBoxLayout(mode_box)
        for button in self.mode_buttons.values():
            mode_layout.addWidget(button)
        head_box = QGroupBox(self.tr("Head (new decision layers)"))
        head_form = QFormLayout(head_box)
        head_form.addRow(self.tr("&Pooling:"), self.pooling)
        head_form.addRow(self.tr("Hidden &layers (?):"), self.dense)
        head_form.labelForField(self.dense).setToolTip(self.dense.toolTip())
        head_form.addRow(self.dense_words)
        head_form.addRow(self.tr("&Dropout:"), self.dropout)
        head_form.addRow(self.head_message)

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(backbone_box)
        left_layout.addWidget(mode_box)
        left_layout.addWidget(head_box)
        left_layout.addStretch(1)

        self.counts = QLabel(self.tr("Loading the layer list…"))
        self.counts.setObjectName("summary")
        self.counts.setWordWrap(True)
        self.layers = QTreeWidget()
        self.layers.setColumnCount(4)
        self.layers.setHeaderLabels([self.tr("Layer"), self.tr("Type"), self.tr("Output"), self.tr("Parameters")])
        self.layers.setAccessibleName(self.tr("Layer list"))
        self.layers.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.layers.setUniformRowHeights(True)
        self.layers.setTextElideMode(Qt.TextElideMode.ElideMiddle)  # the name's end tells layers apart
        header = self.layers.header()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for col in (1, 2, 3):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        self.lock_icon, self.train_icon = icon("lock"), icon("trainable")
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(QLabel(self.tr("<b>Layers of the backbone</b>")))
        right_layout.addWidget(hint_label(self.tr("Click a layer to fine-tune from it: it and the layers after it "
                                                  "train, the greyed layers with a lock stay frozen.")))
        right_layout.addWidget(self.counts)
        right_layout.addWidget(self.layers, 1)

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 3)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)

        self._show_config(self.state.model_config)
        self.backbone.activated.connect(self._edited)
        self.weights.activated.connect(self._weights_chosen)
        self.image_size.editingFinished.connect(self._edited)
        self.mode_group.buttonClicked.connect(self._edited)
        self.pooling.activated.connect(self._edited)
        self.dense.editingFinished.connect(self._edited)
        self.dropout.editingFinished.connect(self._edited)
        self.layers.itemClicked.connect(self._layer_clicked)
        self.layers.itemActivated.connect(self._layer_clicked)
        self.state.backbones_changed.connect(self._show_backbones)
        self.state.model_config_changed.connect(self._show_config)
        self.state.layers_changed.connect(self._show_layers)
        self.state.freeze_plan_changed.connect(self._show_plan)
        studio.model.layer_jobs.busy_changed.connect(self._show_layers_busy)
        studio.tensorflow_jobs.busy_changed.connect(self._show_tensorflow_busy)

    # -- public -------------------------------------------------------------------------------
    def choose_backbone(self, key: str) -> None:
        """Select the backbone ``key`` (as choosing it in the list does)."""
        index = self.backbone.findData(key)
        if index < 0:
            raise ValueError(f"Unknown backbone. Received: key={key!r}")
        self.backbone.setCurrentIndex(index)
        self._edited()

    def layer_item(self, name: str) -> QTreeWidgetItem | None:
        for block in range(self.layers.topLevelItemCount()):
            parent = self.layers.topLevelItem(block)
            for i in range(parent.childCount()):
                if parent.child(i).data(0, LAYER_ROLE) == name:
                    return parent.child(i)
        return None

    def dense_description(self, units: tuple[int, ...]) -> str:
        """The head's hidden layers in words: "Hidden layer: 256 units"."""
        if not units:
            return self.tr("No hidden layer: the backbone's features go straight to the answer.")
        if len(units) == 1:
            return self.tr("Hidden layer: {0} units.").format(number(units[0]))
        return self.tr("Hidden layers: {0} units.").format(", ".join(number(u) for u in units))

    # -- user actions -------------------------------------------------------------------------
    def _config_from_widgets(self) -> ModelConfig:
        mode = next(m for m, b in self.mode_buttons.items() if b.isChecked())
        choice = self.weights.currentData()
        weights = {"imagenet": "imagenet", "random": None}.get(choice, self.weights_file or "imagenet")
        dense = tuple(int(p) for p in self.dense.text().replace(" ", "").split(",") if p)
        head = HeadConfig(pooling=self.pooling.currentData(), dense=dense, dropout=round(self.dropout.value(), 3))
        size = self.image_size.value()
        return replace(self.state.model_config, backbone=self.backbone.currentData() or self.state.model_config.backbone,
                       mode=mode, weights=weights, image_size=None if size == 0 else max(32, size), head=head)

    @Slot()
    def _edited(self, *_: Any) -> None:
        try:
            config = self._config_from_widgets()
        except ConfigError as exc:
            self.head_message.setText(exc.message)
            return
        self.head_message.setText("")
        self.studio.model.set_model_config(config)

    @Slot()
    def _weights_chosen(self, *_: Any) -> None:
        if self.weights.currentData() == "file":
            path, _ = QFileDialog.getOpenFileName(self, self.tr("Choose a weights file"), "",
                                                  self.tr("Keras weights (*.h5 *.keras *.weights.h5);;All files (*)"))
            if not path:
                self._show_config(self.state.model_config)
                return
            self.weights_file = path
        self._edited()

    @Slot(QTreeWidgetItem, int)
    def _layer_clicked(self, item: QTreeWidgetItem, column: int = 0) -> None:
        name = item.data(0, LAYER_ROLE)
        if name:
            self.studio.model.set_cutoff(name)

    # -- views of the state -------------------------------------------------------------------
    @Slot(object)
    def _show_backbones(self, infos: list) -> None:
        self.backbone.clear()
        for info in infos:
            offline = self.tr("works offline") if info.offline_weights else self.tr("weights downloaded once")
            self.backbone.addItem(self.tr("{0} — {1} parameters, {2}").format(
                core_text(info.display_name), human_count(info.params), offline), info.key)
        self._show_config(self.state.model_config)

    @Slot(object)
    def _show_config(self, config: ModelConfig) -> None:
        index = self.backbone.findData(config.backbone)
        if index < 0 and self.backbone.count() == 0:
            self.backbone.addItem(config.backbone, config.backbone)
            index = 0
        self.backbone.setCurrentIndex(index)
        info = self.state.backbone_info(config.backbone)
        if info is not None:
            self.backbone_info.setText(self.tr("{0}. Usual input {1} px, {2} parameters. {3}").format(
                core_text(info.description).rstrip("."), info.default_size, number(info.params),
                self.tr("ImageNet weights ship with tlstudio.") if info.offline_weights
                else self.tr("ImageNet weights are downloaded on first use.")))
        self.mode_buttons.get(config.mode, self.mode_buttons["transfer"]).setChecked(True)
        can_finetune = info is None or info.default_cutoff is not None
        self.mode_buttons["transfer"].setEnabled(can_finetune)
        self.mode_buttons["finetune"].setEnabled(can_finetune)
        choice = "random" if config.weights is None else ("imagenet" if config.weights == "imagenet" else "file")
        self.weights.setCurrentIndex(self.weights.findData(choice))
        self.image_size.setValue(config.image_size or 0)
        self.pooling.setCurrentIndex(self.pooling.findData(config.head.pooling))
        self.dense.setText(", ".join(str(u) for u in config.head.dense))
        self.dense_words.setText(self.dense_description(config.head.dense))
        self.dropout.setValue(config.head.dropout)
        scratch = config.mode == "scratch"
        self.weights.setEnabled(not scratch)
        self.weights.setToolTip(self.tr("Not used from scratch: the network starts from random weights.") if scratch
                                else self.tr("Where the backbone's starting weights come from."))

    @Slot(bool)
    def _show_layers_busy(self, busy: bool) -> None:
        if busy:
            self.counts.setText(self.tr("Building the layer list…"))

    @Slot(bool)
    def _show_tensorflow_busy(self, busy: bool) -> None:
        if busy:
            self.counts.setText(self.tr("The layer list appears once TensorFlow has loaded."))

    @Slot(object)
    def _show_layers(self, layers: list) -> None:
        self.layers.clear()
        blocks: dict[str, QTreeWidgetItem] = {}
        bold = QFont()
        bold.setBold(True)
        for layer in layers:
            parent = blocks.get(layer.block)
            if parent is None:
                parent = QTreeWidgetItem(self.layers, [layer.block or self.tr("input")])
                parent.setFont(0, bold)
                parent.setFlags(parent.flags() & ~Qt.ItemFlag.ItemIsSelectable)
                blocks[layer.block] = parent
            item = QTreeWidgetItem(parent, [layer.name, layer.type, layer.output_shape, number(layer.params)])
            item.setData(0, LAYER_ROLE, layer.name)
            item.setTextAlignment(3, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        for parent in blocks.values():
            parent.setText(3, number(sum(l.params for l in layers if (l.block or self.tr('input')) == parent.text(0))))
            parent.setTextAlignment(3, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.layers.expandAll()
        self._show_plan(self.state.freeze_plan)

    @Slot(object)
    def _show_plan(self, plan: Any) -> None:
        layers = self.state.layers
        if plan is None or not layers:
            return
        names = [layer.name for layer in layers]
        if plan.cutoff is not None and plan.cutoff not in names:
            return  # a plan of the previous backbone; the new one follows
        start = len(layers) if plan.cutoff is None else names.index(plan.cutoff)
        kept = sum(1 for index, name in enumerate(names) if index >= start and not plan.trains(name))
        grey = QBrush(FROZEN_COLOUR)
        normal = self.layers.palette().text()
        for index, name in enumerate(names):
            item = self.layer_item(name)
            if item is None:
                continue
            frozen = not plan.trains(name)
            item.setIcon(0, self.lock_icon if frozen else self.train_icon)
            if frozen and index >= start:
                tip = self.tr("Locked although it comes after the cutoff: a batch normalisation layer keeps the "
                              "averages it learnt on ImageNet. Re-learnt from a few images they would be noisy, "
                              "and the layers around it would be thrown off.")
            else:
                tip = self.tr("Frozen: keeps its ImageNet weights") if frozen else self.tr("Trained")
            item.setToolTip(0, f"{name}\n{tip}")  # the full name too: a long one is cut in the column
            for col in range(4):
                item.setForeground(col, grey if frozen else normal)
            if name == plan.cutoff:
                self.layers.setCurrentItem(item)
        mode = self.state.model_config.mode
        where = {"scratch": self.tr("From scratch: every layer trains."),
                 "transfer": self.tr("Transfer: the whole backbone is frozen."),
                 "finetune": self.tr("Fine-tuning from {0}.").format(plan.cutoff)}[mode]
        self.counts.setText(self.tr("{0} Frozen: {1} parameters in {2} layers. Trainable: {3} parameters in {4} layers "
                                    "(plus the head).").format(where, number(plan.frozen_params), plan.frozen_layers,
                                                               number(plan.trainable_params), plan.trainable_layers))
        if mode == "finetune" and kept:
            self.counts.setText(self.counts.text() + " " + self.tr(
                "{0} batch normalisation layers after the cutoff stay locked, so that the averages they learnt on "
                "ImageNet are kept (hover one for why).").format(kept))
