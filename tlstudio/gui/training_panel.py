"""Training panel: settings, Start / Stop / Compare, live loss and accuracy curves, progress."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication, Qt, Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from tlstudio.core.config import TrainConfig
from tlstudio.core.errors import ConfigError
from tlstudio.core.training.train import tensorboard_available
from tlstudio.gui.controller import Studio
from tlstudio.gui.state import TrainingHistory
from tlstudio.gui.synth_panel import SyntheticRunBox
from tlstudio.gui.widgets import epoch_axis, format_seconds, hint_label, icon, number, percent, phase_name

TRAIN_PEN = pg.mkPen("#1f6fb2", width=2)
VAL_PEN = pg.mkPen("#e07b1a", width=2)
LOG_LINES = 500


def make_plot(title: str, y_label: str, *, rising: bool = False
              ) -> tuple[pg.PlotWidget, pg.PlotDataItem, pg.PlotDataItem, pg.InfiniteLine]:
    """A plot with axis labels, a legend, a training and a validation curve (made once) and a
    dashed line where fine-tuning starts. ``rising``: the curves climb (accuracy), so the legend
    goes to the bottom corner. The line has no label of its own: a label inside the plot sat on
    the curves; the note under the plots says what the dashed line is."""
    plot = pg.PlotWidget(background="w", axisItems={"bottom": epoch_axis()})
    plot.setTitle(title, color="#222", size="11pt")
    item = plot.getPlotItem()
    item.setLabel("bottom", PlotWords.epoch())
    item.setLabel("left", y_label)
    item.getAxis("left").enableAutoSIPrefix(False)  # "loss 0.25", never "loss (x0.001) 250"
    item.showGrid(x=True, y=True, alpha=0.2)
    item.addLegend(offset=(-10, -10) if rising else (-10, 10))
    train = item.plot([], [], pen=TRAIN_PEN, symbol="o", symbolSize=6, symbolBrush="#1f6fb2", name=PlotWords.train())
    val = item.plot([], [], pen=VAL_PEN, symbol="s", symbolSize=6, symbolBrush="#e07b1a", name=PlotWords.val())
    marker = pg.InfiniteLine(angle=90, pen=pg.mkPen("#888", style=Qt.PenStyle.DashLine))
    marker.setVisible(False)
    item.addItem(marker)
    fit_epoch_axis(plot, 1)
    return plot, train, val, marker


def fit_epoch_axis(plot: pg.PlotWidget, epochs: int) -> None:
    """Show epochs 1 to ``epochs`` (a run of 2 epochs: 1 and 2, not 1 to 5)."""
    if epochs <= 1:
        plot.getPlotItem().setXRange(0.5, 1.5, padding=0)
    else:
        plot.getPlotItem().setXRange(1, epochs, padding=0.05)


# The phases that train a network: their batches and epochs make the run's epoch count.
TRAINING_PHASES = ("head", "finetune", "scratch")


class PlotWords:
    """Translated words used in the plots (the TrainingPanel context of the translator)."""

    @staticmethod
    def epoch() -> str:
        return QCoreApplication.translate("TrainingPanel", "epoch")

    @staticmethod
    def train() -> str:
        return QCoreApplication.translate("TrainingPanel", "training")

    @staticmethod
    def val() -> str:
        return QCoreApplication.translate("TrainingPanel", "validation")

    @staticmethod
    def finetune() -> str:
        return QCoreApplication.translate("TrainingPanel", "Dashed line: fine-tuning starts (the layers from the "
                                                           "cutoff on train from there, at a lower learning rate).")


class TrainingPanel(QWidget):
    """Training settings, Start/Stop, and what the run is doing right now."""

    def __init__(self, studio: Studio, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.studio = studio
        self.state = studio.state

        settings_box = self._build_settings(studio)
        self.start_button = QPushButton(icon("start"), self.tr("&Start training"))
        self.start_button.setObjectName("primary")
        self.stop_button = QPushButton(icon("stop"), self.tr("S&top"))
        self.stop_button.setEnabled(False)
        self.compare_button = QPushButton(self.tr("&Compare all three"))
        buttons = QVBoxLayout()
        buttons.addWidget(self.start_button)
        buttons.addWidget(self.stop_button)
        buttons.addWidget(self.compare_button)

        self.device = QLabel(self.tr("Device: loading TensorFlow…"))
        self.phase = QLabel(self.tr("Not running."))
        self.phase.setObjectName("summary")
        self.epoch_label = QLabel("")
        self.eta = QLabel("")
        self.progress = QProgressBar()
        self.progress.setFormat(self.tr("batch %v of %m"))
        self.progress.setRange(0, 1)
        self.progress.setValue(0)
        self.progress.setTextVisible(False)  # no "batch 0 of 100" while nothing runs
        self.outcome = QLabel("")
        self.outcome.setObjectName("outcome")
        self.outcome.setWordWrap(True)
        self.log = QPlainTextEdit()
        self.log.setReadOnly(True)
        self.log.setMaximumBlockCount(LOG_LINES)
        self.log.setAccessibleName(self.tr("Training messages"))

        # In a scroll area: on a small screen the settings scroll instead of squeezing their rows.
        settings_scroll = QScrollArea()
        settings_scroll.setWidget(settings_box)
        settings_scroll.setWidgetResizable(True)
        settings_scroll.setFrameShape(QFrame.Shape.NoFrame)
        settings_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        settings_scroll.setMinimumWidth(settings_box.minimumSizeHint().width()
                                        + settings_scroll.verticalScrollBar().sizeHint().width())
        left = QVBoxLayout()
        left.addWidget(settings_scroll, 3)
        left.addLayout(buttons)
        left.addWidget(self.device)
        left.addWidget(self.log, 1)

        right = self._build_progress()

        layout = QHBoxLayout(self)
        layout.addLayout(left, 2)
        layout.addLayout(right, 5)

        self._show_config(self.state.train_config)
        for spin in (self.epochs, self.finetune_epochs, self.batch_size, self.learning_rate, self.lr_factor,
                     self.patience, self.label_smoothing, self.augment_views, self.seed):
            spin.editingFinished.connect(self._edited)
        self.lr_schedule.activated.connect(self._edited)
        self.class_weights.toggled.connect(self._edited)
        self.tensorboard.toggled.connect(self._edited)
        self.start_button.clicked.connect(self.start)
        self.stop_button.clicked.connect(studio.run.stop_run)
        self.compare_button.clicked.connect(self.compare)
        self.state.train_config_changed.connect(self._show_config)
        self.state.running_changed.connect(self._show_running)
        self.state.progress_changed.connect(self._show_progress)
        self.state.history_changed.connect(self._show_history)
        self.state.run_outcome.connect(self._show_outcome)
        self.state.device_changed.connect(self._show_device)
        self.state.status_changed.connect(self._log_status)
        self.state.model_config_changed.connect(self._show_mode)
        self.state.backbones_changed.connect(self._show_mode)
        self.state.augment_changed.connect(self._show_mode)
        self.state.data_path_changed.connect(self._forget_run)
        self._show_mode()

    def _build_settings(self, studio: Studio) -> QGroupBox:
        """The training settings: epochs, batch, learning rate and its schedule, patience..."""
        self.epochs = QSpinBox()
        self.epochs.setRange(1, 1000)
        self.finetune_epochs = QSpinBox()
        self.finetune_epochs.setRange(0, 1000)
        self.finetune_epochs.setSpecialValueText(self.tr("same as above"))
        self.batch_size = QSpinBox()
        self.batch_size.setRange(1, 4096)
        self.learning_rate = QDoubleSpinBox()
        self.learning_rate.setDecimals(5)
        self.learning_rate.setRange(0.00001, 1.0)
        self.learning_rate.setSingleStep(0.0001)
        self.lr_factor = QDoubleSpinBox()
        self.lr_factor.setDecimals(3)
        self.lr_factor.setRange(0.001, 1.0)
        self.lr_factor.setSingleStep(0.01)
        self.patience = QSpinBox()
        self.patience.setRange(1, 1000)
        self.patience.setSuffix(self.tr(" epochs"))
        self.patience.setToolTip(self.tr("How many epochs in a row may pass without a better validation accuracy "
                                         "before training stops early. The best epoch is kept."))
        self.augment_views = QSpinBox()
        self.augment_views.setRange(1, 50)
        self.augment_views.setSuffix(self.tr(" per image"))
        self.label_smoothing = QDoubleSpinBox()
        self.label_smoothing.setDecimals(2)
        self.label_smoothing.setRange(0.0, 0.5)
        self.label_smoothing.setSingleStep(0.05)
        self.label_smoothing.setSpecialValueText(self.tr("off"))
        self.label_smoothing.setToolTip(self.tr("Softens the training targets so the network is not pushed to be "
                                                "ever more certain; 0.1 usually helps a little. 0 turns it off."))
        self.lr_schedule = QComboBox()
        self.lr_schedule.addItem(self.tr("Constant"), "constant")
        self.lr_schedule.addItem(self.tr("Lowered gradually (cosine)"), "cosine")
        self.lr_schedule.setToolTip(self.tr("Cosine starts each phase at the learning rate above and lowers it "
                                            "smoothly to 0 by its last epoch: big steps first, small ones to settle."))
        self.class_weights = QCheckBox(self.tr("Give rare classes more &weight"))
        self.tensorboard = QCheckBox(self.tr("Also write Tensor&Board logs"))
        if tensorboard_available():
            self.tensorboard.setToolTip(self.tr("Loss and accuracy per epoch in the run's tensorboard folder, "
                                                "for viewing with: tensorboard --logdir RUN_FOLDER"))
        else:
            self.tensorboard.setEnabled(False)
            self.tensorboard.setToolTip(self.tr("Needs the tensorboard package (pip install tensorboard)."))
        self.seed = QSpinBox()
        self.seed.setRange(0, 1_000_000)
        self.seed.setToolTip(self.tr("The starting number of the random choices (weights, order of the images, "
                                     "augmentation). The same seed and settings give the same run again; "
                                     "another seed shows how much a result owes to chance."))
        self.settings_message = hint_label("")

        settings_box = QGroupBox(self.tr("Settings"))
        form = QFormLayout(settings_box)
        form.addRow(self.tr("&Epochs:"), self.epochs)
        form.addRow(self.tr("Fine-tune e&pochs:"), self.finetune_epochs)
        form.addRow(self.tr("&Batch size:"), self.batch_size)
        form.addRow(self.tr("&Learning rate:"), self.learning_rate)
        form.addRow(self.tr("Learning-rate sched&ule:"), self.lr_schedule)
        form.addRow(self.tr("Fine-tune rate &factor:"), self.lr_factor)
        form.addRow(self.tr("Pa&tience (?):"), self.patience)
        form.addRow(self.tr("Label s&moothing (?):"), self.label_smoothing)
        form.addRow(self.tr("Augmented &views (?):"), self.augment_views)
        form.addRow(self.tr("Ran&dom seed (?):"), self.seed)
        for field in (self.patience, self.label_smoothing, self.augment_views, self.seed):
            form.labelForField(field).setToolTip(field.toolTip())  # the (?) explains on hover too
        self.synthetic = SyntheticRunBox(studio)  # accepted synthetic images added to the training images
        form.addRow(self.tr("S&ynthetic images:"), self.synthetic)
        form.addRow(self.synthetic.note)
        form.addRow(self.class_weights)
        form.addRow(self.tensorboard)
        form.addRow(hint_label(self.tr("Training stops early when validation accuracy has not improved for "
                                       "'patience' epochs, and keeps the best epoch.")))
        form.addRow(self.settings_message)
        return settings_box

    def _build_progress(self) -> QVBoxLayout:
        """What the run is doing: phase, epoch, time left, batch bar, outcome and the live curves."""
        self.loss_plot, self.loss_train, self.loss_val, self.loss_marker = make_plot(self.tr("Loss"), self.tr("loss"))
        self.acc_plot, self.acc_train, self.acc_val, self.acc_marker = make_plot(self.tr("Accuracy"), self.tr("accuracy"), rising=True)
        self.acc_plot.getPlotItem().setYRange(0, 1)
        status = QHBoxLayout()
        status.addWidget(self.phase, 1)
        status.addWidget(self.epoch_label)
        status.addWidget(self.eta)
        right = QVBoxLayout()
        right.addLayout(status)
        right.addWidget(self.progress)
        right.addWidget(self.outcome)
        plots = QHBoxLayout()
        plots.addWidget(self.loss_plot)
        plots.addWidget(self.acc_plot)
        right.addLayout(plots, 1)
        self.finetune_note = hint_label(PlotWords.finetune())
        self.finetune_note.setVisible(False)
        right.addWidget(self.finetune_note)
        return right

    # -- public -------------------------------------------------------------------------------
    def config_from_widgets(self) -> TrainConfig:
        return replace(self.state.train_config, epochs=self.epochs.value(),
                       finetune_epochs=self.finetune_epochs.value() or None, batch_size=self.batch_size.value(),
                       learning_rate=self.learning_rate.value(), finetune_lr_factor=self.lr_factor.value(),
                       patience=self.patience.value(), augment_views=self.augment_views.value(),
                       class_weights=self.class_weights.isChecked(), seed=self.seed.value(),
                       tensorboard=self.tensorboard.isChecked(), label_smoothing=self.label_smoothing.value(),
                       lr_schedule=self.lr_schedule.currentData())

    # -- user actions -------------------------------------------------------------------------
    @Slot()
    def _edited(self, *_: Any) -> None:
        try:
            config = self.config_from_widgets()
        except ConfigError as exc:
            self.settings_message.setText(exc.message)
            return
        self.settings_message.setText("")
        self.studio.run.set_train_config(config)

    @Slot()
    def start(self) -> None:
        self._edited()
        self.studio.run.start_run()

    @Slot()
    def compare(self) -> None:
        self._edited()
        self.studio.run.start_run(compare=True)

    # -- views of the state -------------------------------------------------------------------
    @Slot(object)
    def _show_config(self, config: TrainConfig) -> None:
        self.epochs.setValue(config.epochs)
        self.finetune_epochs.setValue(config.finetune_epochs or 0)
        self.batch_size.setValue(config.batch_size)
        self.learning_rate.setValue(config.learning_rate)
        self.lr_factor.setValue(config.finetune_lr_factor)
        self.patience.setValue(config.patience)
        self.label_smoothing.setValue(config.label_smoothing)
        self.lr_schedule.setCurrentIndex(self.lr_schedule.findData(config.lr_schedule))
        self.augment_views.setValue(config.augment_views)
        self.seed.setValue(config.seed)
        self.class_weights.blockSignals(True)
        self.class_weights.setChecked(config.class_weights)
        self.class_weights.blockSignals(False)
        self.tensorboard.blockSignals(True)
        self.tensorboard.setChecked(config.tensorboard)
        self.tensorboard.blockSignals(False)

    @Slot()
    def _show_mode(self, *_: Any) -> None:
        """Settings the chosen mode ignores are greyed, their tooltip says why."""
        mode = self.state.model_config.mode
        finetune = mode == "finetune"
        for spin, tip in ((self.finetune_epochs, self.tr("Epochs of the second phase of fine-tuning, after the head's "
                                                         "epochs above. 'Same as above': as many as the head.")),
                          (self.lr_factor, self.tr("Fine-tuning trains the unlocked layers at the learning rate "
                                                   "times this factor (0.1: ten times slower), so the pretrained "
                                                   "weights change gently."))):
            spin.setEnabled(finetune)
            spin.setToolTip(tip if finetune else self.tr("Used only when fine-tuning (Model tab → Mode)."))
        views = mode != "scratch" and self.state.augment.changes_images
        self.augment_views.setEnabled(views)
        self.augment_views.setToolTip(
            self.tr("How many randomly changed copies of each training image the frozen backbone sees, once, "
                    "before the head trains: more copies, more variety, a longer first step.") if views else
            self.tr("Not used from scratch: each epoch already sees new random changes.") if mode == "scratch" else
            self.tr("Not used: the augmentation is off (Augmentation tab)."))
        label = self.augment_views.parentWidget().layout().labelForField(self.augment_views)
        if label is not None:
            label.setToolTip(self.augment_views.toolTip())
        self.compare_button.setEnabled(not self.state.running and self._can_compare())
        self.compare_button.setToolTip(
            self.tr("Train from scratch, transfer and fine-tune on the same split, one after the other")
            if self._can_compare() else
            self.tr("Needs a backbone with pretrained weights (Model tab): this network has nothing to transfer "
                    "or fine-tune."))

    def _can_compare(self) -> bool:
        """Transfer and fine-tuning need a backbone with pretrained weights."""
        info = self.state.backbone_info(self.state.model_config.backbone)
        return info is None or info.default_cutoff is not None

    @Slot(str)
    def _forget_run(self, _path: str = "") -> None:
        """Another dataset: nothing of the last run's progress, outcome or errors stays on screen."""
        if self.state.running:
            return
        self.outcome.setText("")
        self.outcome.setProperty("status", "")
        self._show_idle()
        self.phase.setText(self.tr("Not running."))

    def _show_idle(self) -> None:
        self.epoch_label.setText("")
        self.eta.setText("")
        self.progress.setRange(0, 1)
        self.progress.setValue(0)
        self.progress.setTextVisible(False)

    @Slot(bool)
    def _show_running(self, running: bool) -> None:
        self.start_button.setEnabled(not running)
        self.compare_button.setEnabled(not running and self._can_compare())
        self.stop_button.setEnabled(running)
        if running:
            self.outcome.setText("")
            self.phase.setText(self.tr("Starting…"))
            self._show_idle()  # the last run's "epoch 7 of 10" must not stand beside this one
        else:
            self._show_idle()

    @Slot(str)
    def _show_device(self, name: str) -> None:
        self.device.setText(self.tr("Device: {0}").format(name))

    @Slot(str)
    def _log_status(self, message: str) -> None:
        if self.state.running and message:
            self.log.appendPlainText(message)

    @Slot(object)
    def _show_progress(self, event: Any) -> None:
        if event.kind == "phase":
            self.phase.setText(self.tr("Now: {0}").format(phase_name(event.phase)))
            if not event.message:  # a phase's own message reaches the log as the status
                self.log.appendPlainText(phase_name(event.phase))
        training = event.phase in TRAINING_PHASES
        if event.kind in ("batch", "epoch") and event.epochs:
            epoch, epochs = self.state.history.run_epoch(event) if training else (event.epoch, event.epochs)
            self.epoch_label.setText(self.tr("epoch {0} of {1}").format(epoch, epochs))
        if event.kind == "batch" and event.batches:
            formats = {"scan": self.tr("image %v of %m"), "curve": self.tr("model %v of %m"),
                       "crossval": self.tr("fold %v of %m")}
            self.progress.setFormat(formats.get(event.phase, self.tr("batch %v of %m")))
            self.progress.setRange(0, event.batches)
            self.progress.setValue(event.batch)
            self.progress.setTextVisible(True)
        if event.eta_s is not None:
            self.eta.setText(self.tr("about {0} left").format(format_seconds(event.eta_s)))
        elif event.kind == "batch":
            self.eta.setText(self.tr("estimating the time left…"))
        if event.kind == "epoch":
            m = event.metrics
            self.log.appendPlainText(self.tr("{0} epoch {1}: loss {2}, accuracy {3}, validation accuracy {4}").format(
                phase_name(event.phase), event.epoch, number(m.get("loss", float("nan")), 3),
                percent(m.get("accuracy")), percent(m.get("val_accuracy"))))

    @Slot(object)
    def _show_history(self, history: TrainingHistory) -> None:
        x = history.x
        self.loss_train.setData(x, history.values["loss"])
        self.loss_val.setData(x, history.values["val_loss"])
        self.acc_train.setData(x, history.values["accuracy"])
        self.acc_val.setData(x, history.values["val_accuracy"])
        starts = [start for start, phase in history.phase_starts if phase == "finetune"]
        for marker in (self.loss_marker, self.acc_marker):
            marker.setVisible(bool(starts))
            if starts:
                marker.setValue(starts[-1] + 0.5)
        self.finetune_note.setVisible(bool(starts))
        for plot in (self.loss_plot, self.acc_plot):
            fit_epoch_axis(plot, history.span())
        self.loss_plot.getPlotItem().enableAutoRange(axis="y")

    @Slot(str, str)
    def _show_outcome(self, status: str, message: str) -> None:
        self.outcome.setProperty("status", status)
        self.outcome.setText(message)
        self.outcome.style().unpolish(self.outcome)
        self.outcome.style().polish(self.outcome)
        self.phase.setText(self.tr("Not running."))
        self._show_idle()
        self.log.appendPlainText(message)
