"""The Synthetic images tab: train a generator (live losses and samples), review and accept its
images (:mod:`~tlstudio.gui.synth_gallery`), and the run setting that adds an accepted set to the
training images (:class:`SyntheticRunBox`, shown in the Training tab)."""

from __future__ import annotations

from typing import Any

import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication, Qt, Slot
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSizePolicy,
    QSpinBox,
    QSplitter,
    QTabWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from tlstudio.core import config as core_config
from tlstudio.core.config import GENERATOR_SIZES, MAX_SYNTHETIC_RATIO, SyntheticConfig
from tlstudio.gui.controller import Studio
from tlstudio.gui.core_texts import core_text
from tlstudio.gui.synth_controller import GeneratorSettings, LossHistory
from tlstudio.gui.synth_gallery import GalleryView, SetsView
from tlstudio.gui.widgets import epoch_axis, hint_label, icon, pixmap_from_array

PATH_ROLE = Qt.ItemDataRole.UserRole + 1
#: One colour per loss name, in the order they first appear.
LOSS_COLOURS = ("#1f6fb2", "#e07b1a", "#2a9d55", "#8e44ad")


def kind_name(kind: str) -> str:
    """The user's words for a generator kind."""
    names = {"dcgan": QCoreApplication.translate("SynthPanel", "DCGAN (conditional GAN)"),
             "vae": QCoreApplication.translate("SynthPanel", "VAE (variational autoencoder)")}
    return names.get(kind, kind)


def kind_explanation(kind: str) -> str:
    texts = {"dcgan": QCoreApplication.translate(
                 "SynthPanel", "Two networks compete: one makes images, one spots fakes. Sharper images, "
                 "but training can be unsteady."),
             "vae": QCoreApplication.translate(
                 "SynthPanel", "Learns to squeeze images into a few numbers and rebuild them. Simpler and "
                 "steadier, but the images are blurrier.")}
    return texts.get(kind, "")


def loss_name(name: str) -> str:
    names = {"generator": QCoreApplication.translate("SynthPanel", "generator"),
             "discriminator": QCoreApplication.translate("SynthPanel", "discriminator"),
             "reconstruction": QCoreApplication.translate("SynthPanel", "reconstruction"),
             "kl": QCoreApplication.translate("SynthPanel", "KL divergence"),
             "total": QCoreApplication.translate("SynthPanel", "total")}
    return names.get(name, name)


def status_name(status: str) -> str:
    names = {"finished": QCoreApplication.translate("SynthPanel", "finished"),
             "cancelled": QCoreApplication.translate("SynthPanel", "stopped"),
             "running": QCoreApplication.translate("SynthPanel", "training"),
             "interrupted": QCoreApplication.translate("SynthPanel", "interrupted"),
             "failed": QCoreApplication.translate("SynthPanel", "failed")}
    return names.get(status, status)


class SampleGrid(QLabel):
    """The latest grid of samples (one row per class), scaled to fit, sharp pixels kept."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setMinimumSize(200, 120)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setObjectName("sampleGrid")
        self._source: Any = None

    def show_grid(self, grid: Any) -> None:
        self._source = pixmap_from_array(grid)
        self._fit()

    def clear_grid(self, text: str) -> None:
        self._source = None
        self.clear()
        self.setText(text)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt API
        super().resizeEvent(event)
        self._fit()

    def _fit(self) -> None:
        if self._source is None:
            return
        scaled = self._source.scaled(self.width() - 4, self.height() - 4, Qt.AspectRatioMode.KeepAspectRatio,
                                     Qt.TransformationMode.FastTransformation)
        self.setPixmap(scaled)


class SynthPanel(QWidget):
    """Generator settings and list on the left; Training / Gallery / Accepted sets on the right."""

    def __init__(self, studio: Studio, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.studio = studio
        self.synth = studio.synth
        self.state = studio.synth.state

        left = self._build_generators()
        training_view = self._build_training_view()
        self.gallery = GalleryView(studio)
        self.sets = SetsView(studio)
        self.views = QTabWidget()
        self.views.addTab(training_view, self.tr("Training"))
        self.views.addTab(self.gallery, self.tr("Gallery"))
        self.views.addTab(self.sets, self.tr("Accepted sets"))

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(left)
        splitter.addWidget(self.views)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 5)
        splitter.setSizes([340, 900])
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)

        self._show_settings(self.state.settings)
        self.kind.activated.connect(self._edited)
        self.size.activated.connect(self._edited)
        self.epochs.editingFinished.connect(self._edited)
        self.seed.editingFinished.connect(self._edited)
        self.start_button.clicked.connect(self.start)
        self.stop_button.clicked.connect(self.synth.stop_training)
        self.continue_button.clicked.connect(self._continue)
        self.gallery_button.clicked.connect(self._open_gallery)
        self.generators.currentItemChanged.connect(self._picked)
        self.generators.itemDoubleClicked.connect(self._open_gallery)
        self.state.settings_changed.connect(self._show_settings)
        self.state.training_changed.connect(self._show_training)
        self.state.event_received.connect(self._show_event)
        self.state.history_changed.connect(self._show_history)
        self.state.outcome.connect(self._show_outcome)
        self.state.generators_changed.connect(self._show_generators)
        self.state.generator_chosen.connect(self._show_chosen)
        self.state.samples_changed.connect(self._show_samples)
        self.synth.refresh()

    def _build_generators(self) -> QWidget:
        """The left column: the generator's settings, Start/Stop and the generators in the workspace."""
        self.kind = QComboBox()
        for kind in ("dcgan", "vae"):
            self.kind.addItem(kind_name(kind), kind)
        self.kind_hint = hint_label("")
        self.size = QComboBox()
        for size in (*GENERATOR_SIZES, *sorted(set(core_config.EXTRA_GENERATOR_SIZES) - set(GENERATOR_SIZES))):
            self.size.addItem(f"{size} × {size}", size)
        self.epochs = QSpinBox()
        self.epochs.setRange(1, 10000)
        self.seed = QSpinBox()
        self.seed.setRange(0, 1_000_000)
        settings_box = QGroupBox(self.tr("Generator"))
        form = QFormLayout(settings_box)
        form.addRow(self.tr("&Kind:"), self.kind)
        form.addRow(self.kind_hint)
        form.addRow(self.tr("Image &size:"), self.size)
        form.addRow(self.tr("&Epochs:"), self.epochs)
        form.addRow(self.tr("S&eed:"), self.seed)
        form.addRow(hint_label(self.tr("One generator learns every class of the open image folder, from the "
                                       "training images of its split only: validation and test images stay unseen.")))

        self.start_button = QPushButton(icon("start"), self.tr("Start &training the generator"))
        self.start_button.setObjectName("primary")
        self.stop_button = QPushButton(icon("stop"), self.tr("Stop"))
        self.stop_button.setEnabled(False)
        self.stop_button.setToolTip(self.tr("Stops after the current batch; the last epoch's checkpoint is kept"))
        buttons = QHBoxLayout()
        buttons.addWidget(self.start_button, 1)
        buttons.addWidget(self.stop_button)

        self.generators = QTreeWidget()
        self.generators.setColumnCount(4)
        self.generators.setHeaderLabels([self.tr("Generator"), self.tr("Kind"), self.tr("Epochs"), self.tr("Status")])
        self.generators.setRootIsDecorated(False)
        self.generators.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.generators.setAccessibleName(self.tr("Generators in the workspace"))
        header = self.generators.header()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for col in (1, 2, 3):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        self.continue_button = QPushButton(self.tr("&Continue training"))
        self.continue_button.setToolTip(self.tr("Train the chosen generator on from its last checkpoint, up to the "
                                                "epochs set above"))
        self.gallery_button = QPushButton(self.tr("Open in &gallery"))
        self.continue_button.setEnabled(False)
        self.gallery_button.setEnabled(False)
        list_buttons = QHBoxLayout()
        list_buttons.addWidget(self.continue_button)
        list_buttons.addWidget(self.gallery_button)
        list_box = QGroupBox(self.tr("Generators in the workspace"))
        list_layout = QVBoxLayout(list_box)
        list_layout.addWidget(self.generators, 1)
        list_layout.addLayout(list_buttons)

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(settings_box)
        left_layout.addLayout(buttons)
        left_layout.addWidget(list_box, 1)
        return left

    def _build_training_view(self) -> QWidget:
        """The Training view: epoch, status, the live loss curves and each epoch's samples."""
        self.epoch_label = QLabel(self.tr("Not training."))
        self.epoch_label.setObjectName("summary")
        self.step = hint_label("")  # what the training is doing now (core's status sentences)
        self.outcome = QLabel("")
        self.outcome.setObjectName("outcome")
        self.outcome.setWordWrap(True)
        self.loss_plot = pg.PlotWidget(background="w", axisItems={"bottom": epoch_axis()})
        self.loss_plot.setTitle(self.tr("Losses"), color="#222", size="11pt")
        plot_item = self.loss_plot.getPlotItem()
        plot_item.setLabel("bottom", self.tr("epoch"))
        plot_item.setLabel("left", self.tr("loss"))
        plot_item.getAxis("left").enableAutoSIPrefix(False)
        plot_item.showGrid(x=True, y=True, alpha=0.2)
        plot_item.addLegend(offset=(-10, 10))
        plot_item.setXRange(1, 5)
        self.loss_curves: dict[str, pg.PlotDataItem] = {}
        self.grid = SampleGrid()
        self.grid.clear_grid(self.tr("Samples appear here after each epoch: one row per class, from the same "
                                     "random numbers every epoch, so you can watch them improve."))
        self.grid.setWordWrap(True)
        grid_box = QGroupBox(self.tr("Samples"))
        grid_layout = QVBoxLayout(grid_box)
        grid_layout.addWidget(self.grid, 1)
        views = QSplitter(Qt.Orientation.Vertical)  # the grid is wide (8 samples a row): full width
        views.addWidget(self.loss_plot)
        views.addWidget(grid_box)
        views.setStretchFactor(0, 1)
        views.setStretchFactor(1, 1)
        training_view = QWidget()
        training_layout = QVBoxLayout(training_view)
        status_row = QHBoxLayout()
        status_row.addWidget(self.epoch_label)
        status_row.addWidget(self.step, 1)
        training_layout.addLayout(status_row)
        training_layout.addWidget(self.outcome)
        training_layout.addWidget(views, 1)
        return training_view

    # -- user actions -------------------------------------------------------------------------
    def settings_from_widgets(self) -> GeneratorSettings:
        return GeneratorSettings(kind=self.kind.currentData(), image_size=int(self.size.currentData()),
                                 epochs=self.epochs.value(), seed=self.seed.value())

    @Slot()
    def _edited(self, *_: Any) -> None:
        self.synth.set_settings(self.settings_from_widgets())

    @Slot()
    def start(self) -> None:
        self._edited()
        self.views.setCurrentIndex(0)
        self.synth.start_training()

    @Slot()
    def _continue(self) -> None:
        item = self.generators.currentItem()
        if item is not None:
            self._edited()
            self.views.setCurrentIndex(0)
            self.synth.continue_training(item.data(0, PATH_ROLE))

    @Slot()
    def _open_gallery(self, *_: Any) -> None:
        item = self.generators.currentItem()
        if item is not None:
            self.synth.choose_generator(item.data(0, PATH_ROLE))
            self.views.setCurrentWidget(self.gallery)

    @Slot(object, object)
    def _picked(self, item: QTreeWidgetItem | None, _previous: Any = None) -> None:
        if item is not None:
            self.synth.choose_generator(item.data(0, PATH_ROLE))

    # -- views of the state -------------------------------------------------------------------
    @Slot(object)
    def _show_settings(self, settings: GeneratorSettings) -> None:
        self.kind.setCurrentIndex(max(0, self.kind.findData(settings.kind)))
        self.kind_hint.setText(kind_explanation(settings.kind))
        self.size.setCurrentIndex(max(0, self.size.findData(settings.image_size)))
        self.epochs.setValue(settings.epochs)
        self.seed.setValue(settings.seed)

    @Slot(bool)
    def _show_training(self, training: bool) -> None:
        self.start_button.setEnabled(not training)
        self.continue_button.setEnabled(not training and self.state.generator is not None)
        self.stop_button.setEnabled(training)
        if training:
            self.outcome.setText("")
            self.step.setText("")
            self.epoch_label.setText(self.tr("Starting…"))
            self.grid.clear_grid(self.tr("The first samples appear when the first epoch ends."))

    @Slot(object)
    def _show_event(self, event: Any) -> None:
        if event.kind == "epoch":
            self.epoch_label.setText(self.tr("epoch {0} of {1}").format(event.epoch, event.epochs))
            if event.grid is not None:
                self.grid.show_grid(event.grid)
        elif event.kind == "status" and event.message:
            self.step.setText(core_text(event.message))

    @Slot(object, int, int)
    def _show_samples(self, grid: Any, epoch: int, epochs: int) -> None:
        self.epoch_label.setText(self.tr("epoch {0} of {1}").format(epoch, epochs))
        if grid is None:
            self.grid.clear_grid(self.tr("No samples saved yet."))
        else:
            self.grid.show_grid(grid)

    @Slot(object)
    def _show_history(self, history: LossHistory) -> None:
        item = self.loss_plot.getPlotItem()
        for name in [n for n in self.loss_curves if n not in history.values]:  # another kind's losses
            item.removeItem(self.loss_curves.pop(name))  # (and from the legend)
        for name, values in history.values.items():
            curve = self.loss_curves.get(name)
            if curve is None:
                colour = LOSS_COLOURS[len(self.loss_curves) % len(LOSS_COLOURS)]
                curve = item.plot([], [], pen=pg.mkPen(colour, width=2), symbol="o", symbolSize=5,
                                  symbolBrush=colour, name=loss_name(name))
                self.loss_curves[name] = curve
            curve.setData(history.epochs, values)
        if history.epochs:
            item.setXRange(min(history.epochs), max(min(history.epochs) + 4, max(history.epochs)), padding=0.05)
            item.enableAutoRange(axis="y")

    @Slot(str, str)
    def _show_outcome(self, status: str, message: str) -> None:
        self.outcome.setProperty("status", status)
        self.outcome.setText(message)
        self.outcome.style().unpolish(self.outcome)
        self.outcome.style().polish(self.outcome)
        last = self.state.last_event
        if last is not None and last.kind == "epoch":
            self.epoch_label.setText(self.tr("epoch {0} of {1}").format(last.epoch, last.epochs))
        elif status != "finished":
            self.epoch_label.setText(self.tr("Not training."))

    @Slot(object)
    def _show_generators(self, generators: list) -> None:
        self.generators.blockSignals(True)
        self.generators.clear()
        for g in generators:
            item = QTreeWidgetItem(self.generators, [
                g.name, f"{g.kind.upper()} {g.image_size}", f"{g.epochs_done} / {g.epochs}", status_name(g.status)])
            item.setData(0, PATH_ROLE, str(g.path))
            item.setToolTip(0, self.tr("{0}\nClasses: {1}\nCreated: {2}").format(g.path, ", ".join(g.classes), g.created))
        self.generators.blockSignals(False)

    @Slot(object)
    def _show_chosen(self, generator: Any) -> None:
        self.continue_button.setEnabled(generator is not None and not self.state.training)
        self.gallery_button.setEnabled(generator is not None and generator.epochs_done > 0)
        self.generators.blockSignals(True)
        for i in range(self.generators.topLevelItemCount()):
            item = self.generators.topLevelItem(i)
            if generator is not None and item.data(0, PATH_ROLE) == str(generator.path):
                self.generators.setCurrentItem(item)
        self.generators.blockSignals(False)


class SyntheticRunBox(QWidget):
    """The run's synthetic images (a row of the Training tab's settings): none or an accepted set,
    and how many per real training image; a note says they are for training only."""

    def __init__(self, studio: Studio, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.studio = studio
        self.synth = studio.synth
        self.set_choice = QComboBox()
        self.set_choice.setAccessibleName(self.tr("Synthetic set"))
        self.set_choice.setToolTip(self.tr("An accepted synthetic set (Synthetic images tab), or none"))
        self.set_choice.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.set_choice.setMinimumContentsLength(6)
        self.ratio = QDoubleSpinBox()
        self.ratio.setRange(0.0, MAX_SYNTHETIC_RATIO)
        self.ratio.setSingleStep(0.5)
        self.ratio.setDecimals(1)
        self.ratio.setSuffix(self.tr(" per real"))
        self.ratio.setAccessibleName(self.tr("Synthetic images per real training image"))
        self.ratio.setToolTip(self.tr("Synthetic images added per real training image of each class (0 to 5)"))
        self.note = hint_label(self.tr("For training only, never for validation or test."))
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.set_choice, 1)
        row.addWidget(self.ratio)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(row)  # the note goes on a row of its own, full width (the form places it)
        self.setFocusProxy(self.set_choice)  # the form's label jumps to the set

        self._show_sets(self.synth.state.sets)
        self.set_choice.activated.connect(self._edited)
        self.ratio.editingFinished.connect(self._edited)
        self.synth.state.sets_changed.connect(self._show_sets)
        studio.state.synthetic_changed.connect(self._show_config)

    def config_from_widgets(self) -> SyntheticConfig:
        path = self.set_choice.currentData() or ""
        return SyntheticConfig(set=path, ratio=round(self.ratio.value(), 2) if path else 0.0)

    @Slot()
    def _edited(self, *_: Any) -> None:
        if self.set_choice.currentData() and self.ratio.value() == 0:
            self.ratio.setValue(1.0)  # a set chosen with no image of it used would surprise
        self.synth.set_synthetic(self.config_from_widgets())

    @Slot(object)
    def _show_sets(self, sets: list) -> None:
        self.set_choice.clear()
        self.set_choice.addItem(self.tr("None"), "")
        for s in sets:
            self.set_choice.addItem(self.tr("{0} ({1} images)").format(_without_stamp(s.name), sum(s.counts.values())),
                                    str(s.path))
            self.set_choice.setItemData(self.set_choice.count() - 1, str(s.path), Qt.ItemDataRole.ToolTipRole)
        self._show_config(self.studio.state.synthetic)

    @Slot(object)
    def _show_config(self, config: SyntheticConfig) -> None:
        self.set_choice.setCurrentIndex(max(0, self.set_choice.findData(config.set)))
        self.ratio.setValue(config.ratio)
        self.ratio.setEnabled(bool(config.set))
        self.note.setVisible(bool(config.set))  # said when it matters: a set is chosen


def _without_stamp(name: str) -> str:
    """A workspace folder's name without its leading time stamp ("20261125-183852-xrays" -> "xrays")."""
    import re

    return re.sub(r"^\d{8}-\d{6}-", "", name) or name
