"""The shared state of the studio: the run's settings, the dataset, the results.

Panels are thin views over one :class:`AppState`. A panel changes a setting by handing the
state a new frozen config (``SplitConfig``, ``ModelConfig``, ``TrainConfig``, ``AugmentSpec``
from ``core.config``); the state emits a signal and every view that shows it updates. No
setting lives only in a widget: :meth:`AppState.run_config` builds the ``RunConfig`` a run uses
from the state alone.

:class:`TrainingHistory` is the plain object behind the live curves (one point per epoch, the
epochs of the head and fine-tune phases one after the other).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

from PySide6.QtCore import QObject, Signal

from tlstudio.core.config import AugmentSpec, ModelConfig, RunConfig, SplitConfig, SyntheticConfig, TrainConfig
from tlstudio.core.config_reading import ReadingConfig
from tlstudio.gui.core_texts import core_text

METRICS: tuple[str, ...] = ("loss", "val_loss", "accuracy", "val_accuracy")


class TrainingHistory:
    """Epoch points of the run in progress, per metric, plus where the run stands.

    ``x`` counts epochs over the whole run (head epochs, then fine-tune epochs). A comparison
    runs several trainings one after the other; when a new one starts (a training phase after
    the "save" phase of the previous one) the points start again and ``run_index`` grows.
    """

    def __init__(self) -> None:
        self.reset()

    def reset(self, planned: int = 0) -> None:
        """Start again, expecting ``planned`` epochs in all (0: not known yet)."""
        self.planned = planned  # epochs the run is expected to have: the axis spans them
        self.phase_offset = 0  # epochs of the run before the current training phase
        self.x: list[int] = []
        self.values: dict[str, list[float]] = {m: [] for m in METRICS}
        self.phase_starts: list[tuple[int, str]] = []
        self.run_index = 0
        self.phase = ""
        self.last_event: Any = None
        self._seen_save = False

    def apply(self, event: Any) -> bool:
        """Take one ``TrainEvent``; True when an epoch point was added (curves must redraw)."""
        self.last_event = event
        if event.kind == "phase":
            if self._seen_save and event.phase not in ("save", "evaluate"):
                self._new_run()
            self._seen_save = self._seen_save or event.phase == "save"
            self.phase = event.phase
            if event.phase in ("head", "finetune", "scratch"):
                self.phase_starts.append((len(self.x), event.phase))
                self.phase_offset = len(self.x)
                if event.epochs:  # fine-tuning knows how many epochs the head phase really took
                    end = self.phase_offset + event.epochs
                    self.planned = end if event.phase == "finetune" else max(self.planned, end)
            return False
        if event.kind != "epoch":
            return False
        self.x.append(len(self.x) + 1)
        for metric in METRICS:
            self.values[metric].append(float(event.metrics.get(metric, float("nan"))))
        return True

    def _new_run(self) -> None:
        index = self.run_index + 1
        self.reset()
        self.run_index = index

    def __len__(self) -> int:
        return len(self.x)

    def run_epoch(self, event: Any) -> tuple[int, int]:
        """``(epoch, of)`` over the whole run for a batch or epoch event of the current phase:
        the fine-tune phase's epoch 3 of 3 after 3 head epochs is the run's epoch 6 of 6."""
        epoch = self.phase_offset + event.epoch
        return epoch, max(self.planned, self.phase_offset + event.epochs, epoch)

    def span(self) -> int:
        """How many epochs the epoch axis shows: the planned ones, or those drawn when more."""
        return max(self.planned, len(self.x), 1)


@dataclass(frozen=True)
class GalleryItem:
    """One test image shown in the results: the picture, its Grad-CAM overlay, the verdict."""

    path: str
    true_index: int
    predicted_index: int
    probabilities: tuple[float, ...]
    image: Any  # uint8 HxWx3
    overlay: Any | None = None  # uint8 HxWx3, None when Grad-CAM could not be computed


@dataclass(frozen=True)
class PredictionItem:
    """One predicted image (Predict panel)."""

    path: str
    predicted: str = ""  # a class, or "uncertain" below the model's confidence threshold
    probabilities: dict[str, float] = field(default_factory=dict)
    error: str = ""
    image: Any | None = None
    overlay: Any | None = None
    prediction: Any = None  # core.evaluation.predict.Prediction (what the CSV export writes)
    uncertain: bool = False
    best: str = ""  # the most probable class, also when uncertain


class AppState(QObject):
    """Everything the panels show and edit; changed only through its setters."""

    data_path_changed = Signal(str)
    scan_changed = Signal(object)  # DatasetScan | None
    thumbnails_changed = Signal(object)  # dict[class name, uint8 array]
    split_config_changed = Signal(object)
    split_changed = Signal(object)  # Split | None
    leakage_changed = Signal(object)  # tuple[LeakagePair, ...] | None
    model_config_changed = Signal(object)
    backbones_changed = Signal(object)  # list[BackboneInfo]
    layers_changed = Signal(object)  # list[LayerInfo]
    freeze_plan_changed = Signal(object)  # FreezePlan | None
    train_config_changed = Signal(object)
    augment_changed = Signal(object)
    preview_changed = Signal(object)  # list[uint8 array]
    synthetic_changed = Signal(object)  # SyntheticConfig: the accepted set a run adds to its training images
    reading_changed = Signal(object)  # ReadingConfig: how DICOM files and 16-bit pictures are read
    running_changed = Signal(bool)
    progress_changed = Signal(object)  # TrainEvent
    history_changed = Signal(object)  # TrainingHistory
    run_outcome = Signal(str, str)  # status ("finished" | "cancelled" | "failed"), message
    results_changed = Signal(object)  # list[RunResult]: the current dataset's finished runs, newest first
    compare_changed = Signal(object)  # list[core.outputs.catalog.SavedRun]: what Compare shows
    current_result_changed = Signal(object)  # RunResult | None
    curve_changed = Signal(object)  # CurveResult | None
    crossval_changed = Signal(object)  # CrossValResult | None
    strategies_changed = Signal(object)  # core.studies.strategies.StrategyComparison | None
    calibration_changed = Signal(object)  # core.evaluation.calibration.Calibration | None (of the current result)
    gallery_changed = Signal(object)  # tuple[GalleryItem, ...]
    gallery_filter_changed = Signal(object)  # (true, predicted) | None
    predictions_changed = Signal(object)  # tuple[PredictionItem, ...]
    predict_model_changed = Signal(str)
    device_changed = Signal(str)
    status_changed = Signal(str)
    download_progress = Signal(int, int)  # bytes done, total

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.data_path = ""
        self.scan: Any = None
        self.thumbnails: dict[str, Any] = {}
        self.split_config = SplitConfig()
        self.split: Any = None
        self.leakage: Any = None
        self.model_config = ModelConfig(backbone="efficientnet_lite0", mode="transfer")
        self.backbones: list[Any] = []
        self.layers: list[Any] = []
        self.freeze_plan: Any = None
        self.train_config = TrainConfig()
        self.augment = AugmentSpec()
        self.preview: list[Any] = []
        self.synthetic = SyntheticConfig()
        self.reading = ReadingConfig()
        self.running = False
        self.history = TrainingHistory()
        self.results: list[Any] = []
        self.compare_runs: list[Any] = []
        self.current_result: Any = None
        self.curve: Any = None
        self.crossval: Any = None
        self.strategies: Any = None
        self.calibration: Any = None
        self.gallery: tuple[GalleryItem, ...] = ()
        self.gallery_filter: tuple[int, int] | None = None
        self.predictions: tuple[PredictionItem, ...] = ()
        self.predict_classes: tuple[str, ...] = ()
        self.predict_model = ""
        self.device = ""
        self.status = ""

    # -- dataset ------------------------------------------------------------------------------
    def set_data_path(self, path: str) -> None:
        if path != self.data_path:
            self.data_path = path
            self.data_path_changed.emit(path)

    def set_scan(self, scan: Any, thumbnails: dict[str, Any] | None = None) -> None:
        self.scan = scan
        self.thumbnails = dict(thumbnails or {})
        self.scan_changed.emit(scan)
        self.thumbnails_changed.emit(self.thumbnails)

    def set_split_config(self, config: SplitConfig) -> None:
        if config != self.split_config:
            self.split_config = config
            self.split_config_changed.emit(config)

    def set_split(self, split: Any) -> None:
        self.split = split
        self.split_changed.emit(split)

    def set_leakage(self, pairs: Any) -> None:
        self.leakage = pairs
        self.leakage_changed.emit(pairs)

    # -- model --------------------------------------------------------------------------------
    def set_model_config(self, config: ModelConfig) -> None:
        if config != self.model_config:
            self.model_config = config
            self.model_config_changed.emit(config)

    def update_model(self, **changes: Any) -> None:
        self.set_model_config(replace(self.model_config, **changes))

    def set_backbones(self, infos: list[Any]) -> None:
        self.backbones = list(infos)
        self.backbones_changed.emit(self.backbones)

    def backbone_info(self, key: str) -> Any:
        return next((info for info in self.backbones if info.key == key), None)

    def set_layers(self, layers: list[Any]) -> None:
        self.layers = list(layers)
        self.layers_changed.emit(self.layers)

    def set_freeze_plan(self, plan: Any) -> None:
        self.freeze_plan = plan
        self.freeze_plan_changed.emit(plan)

    # -- training settings --------------------------------------------------------------------
    def set_train_config(self, config: TrainConfig) -> None:
        if config != self.train_config:
            self.train_config = config
            self.train_config_changed.emit(config)

    def set_augment(self, spec: AugmentSpec) -> None:
        if spec != self.augment:
            self.augment = spec
            self.augment_changed.emit(spec)

    def set_preview(self, images: list[Any]) -> None:
        self.preview = list(images)
        self.preview_changed.emit(self.preview)

    def set_synthetic(self, config: SyntheticConfig) -> None:
        if config != self.synthetic:
            self.synthetic = config
            self.synthetic_changed.emit(config)

    def set_reading(self, config: ReadingConfig) -> None:
        """How pictures are read from now on: the scan, previews, Grad-CAM and runs alike."""
        from tlstudio.core.data.imageio import set_reading

        set_reading(config)
        if config != self.reading:
            self.reading = config
            self.reading_changed.emit(config)

    def run_config(self, name: str = "") -> RunConfig:
        """The ``RunConfig`` the panels describe right now."""
        return RunConfig(data=self.data_path, name=name, split=self.split_config, model=self.model_config,
                         train=self.train_config, augment=self.augment, synthetic=self.synthetic,
                         reading=self.reading)

    # -- the run ------------------------------------------------------------------------------
    def set_running(self, running: bool) -> None:
        if running != self.running:
            self.running = running
            self.running_changed.emit(running)

    def start_history(self, planned: int = 0) -> None:
        self.history.reset(planned)
        self.history_changed.emit(self.history)

    def apply_event(self, event: Any) -> None:
        self.progress_changed.emit(event)
        if self.history.apply(event):
            self.history_changed.emit(self.history)
        if event.kind in ("status", "phase") and event.message:
            self.set_status(core_text(event.message))  # the status bar follows the phases too, never stale

    def finish_run(self, status: str, message: str) -> None:
        self.run_outcome.emit(status, message)

    def add_results(self, results: list[Any]) -> None:
        """Runs just finished: at the top of the list (newest first)."""
        self.set_results([*reversed(results), *self.results])

    def set_results(self, results: list[Any]) -> None:
        self.results = list(results)
        self.results_changed.emit(list(self.results))

    def set_compare_runs(self, runs: list[Any]) -> None:
        self.compare_runs = list(runs)
        self.compare_changed.emit(list(self.compare_runs))

    def set_current_result(self, result: Any) -> None:
        self.current_result = result
        self.gallery = ()
        self.gallery_filter = None
        self.current_result_changed.emit(result)
        self.gallery_changed.emit(self.gallery)

    def set_curve(self, curve: Any) -> None:
        self.curve = curve
        self.curve_changed.emit(curve)

    def set_crossval(self, result: Any) -> None:
        self.crossval = result
        self.crossval_changed.emit(result)

    def set_strategies(self, result: Any) -> None:
        self.strategies = result
        self.strategies_changed.emit(result)

    def set_calibration(self, calibration: Any) -> None:
        self.calibration = calibration
        self.calibration_changed.emit(calibration)

    def set_gallery(self, items: tuple[GalleryItem, ...]) -> None:
        self.gallery = tuple(items)
        self.gallery_changed.emit(self.gallery)

    def set_gallery_filter(self, cell: tuple[int, int] | None) -> None:
        self.gallery_filter = cell
        self.gallery_filter_changed.emit(cell)

    # -- predict ------------------------------------------------------------------------------
    def set_predict_model(self, path: str) -> None:
        if path != self.predict_model:
            self.predict_model = path
            self.predict_model_changed.emit(path)

    def set_predictions(self, class_names: tuple[str, ...], items: tuple[PredictionItem, ...]) -> None:
        self.predict_classes = tuple(class_names)
        self.predictions = tuple(items)
        self.predictions_changed.emit(self.predictions)

    # -- app ----------------------------------------------------------------------------------
    def set_device(self, name: str) -> None:
        self.device = name
        self.device_changed.emit(name)

    def set_status(self, message: str) -> None:
        self.status = message
        self.status_changed.emit(message)
