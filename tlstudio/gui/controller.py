"""The studio's actions: what happens when the user asks for something.

:class:`Studio` owns the shared :class:`~tlstudio.gui.state.AppState`, the job runner and the
run manager. Panels call its methods (``open_dataset``, ``set_cutoff``, ``start_run``...);
it starts the work off the GUI thread and puts the answers into the state, whose signals
update the panels. Nothing here draws; nothing in the panels decides.
"""

from __future__ import annotations

import logging
from dataclasses import replace
from pathlib import Path
from typing import Any, Callable

from PySide6.QtCore import QObject, Signal, Slot

from tlstudio.core.config import AugmentSpec, ModelConfig, SplitConfig, TrainConfig
from tlstudio.core.errors import ConfigError, TlStudioError
from tlstudio.gui import jobs
from tlstudio.gui.errors import ErrorReport, report_from_exception
from tlstudio.gui.settings import Settings
from tlstudio.gui.state import AppState
from tlstudio.gui.synth_controller import SynthStudio
from tlstudio.gui.workers import JobRunner, RunManager

_log = logging.getLogger("tlstudio")

#: The setup a first launch opens the bundled digits with: offline backbone, frozen, 96 px.
DEMO_MODEL = ModelConfig(backbone="efficientnet_lite0", mode="transfer", image_size=96)


class Studio(QObject):
    """Actions of the studio. ``error(ErrorReport, title)`` asks the window to show a dialog."""

    error = Signal(object, str)
    tensorflow_ready = Signal(str)
    download_finished = Signal(str)
    #: list[core.outputs.runs.InterruptedRun]: runs that ended mid-training and can be resumed
    interrupted_found = Signal(object)
    #: core.outputs.report.ReportResult: a run report was written (HTML, PDF, the split's files)
    report_saved = Signal(object)
    #: core.outputs.export.ExportResult: a model export finished, every file checked
    model_exported = Signal(object)
    #: core.augmentation.export.AugmentExport: augmented copies were written into the workspace
    augment_exported = Signal(object)

    def __init__(self, workspace: Path, settings: Settings, parent: QObject | None = None, *,
                 train_fn: Callable[..., Any] | None = None, compare_fn: Callable[..., Any] | None = None,
                 curve_fn: Callable[..., Any] | None = None) -> None:
        super().__init__(parent)
        self.workspace = Path(workspace)
        self.settings = settings
        self.state = AppState(self)
        self.jobs = JobRunner(self)
        self.runs = RunManager(self, train_fn=train_fn, compare_fn=compare_fn, curve_fn=curve_fn)
        self.synth = SynthStudio(self)  # the Synthetic images tab: generators, gallery, accepted sets
        self.tf_ready = False
        self.preview_seed = 0
        self.preview_image = ""
        self.preview_count = 8
        self.augment_preset: str | None = None  # the kind of images the augmentation was chosen for
        self.jobs.done.connect(self._on_job_done)
        self.jobs.failed.connect(self._on_job_failed)
        self.jobs.progress.connect(self._on_job_progress)
        self.runs.progress.connect(self.state.apply_event)
        self.runs.finished.connect(self._on_run_finished)
        self.runs.cancelled.connect(self._on_run_cancelled)
        self.runs.failed.connect(self._on_run_failed)
        self.runs.running_changed.connect(self.state.set_running)

    # -- start-up -----------------------------------------------------------------------------
    def load_tensorflow(self) -> None:
        """Import TensorFlow in the background; then list the backbones and layers."""
        self.state.set_status(self.tr("Loading TensorFlow…"))
        self.jobs.submit("tensorflow", jobs.load_tensorflow)

    def open_demo(self) -> None:
        """Write the bundled digits into the workspace (once) and open them, ready to train."""
        self.state.set_model_config(DEMO_MODEL)
        self.state.set_train_config(replace(self.state.train_config, epochs=5))
        self.state.set_status(self.tr("Preparing the handwritten digits demo…"))
        self.jobs.submit("demo", jobs.ensure_demo, str(self.workspace))

    def download_flowers(self) -> None:
        self.state.set_status(self.tr("Downloading the flower photos…"))
        self.jobs.submit("download", jobs.download_flowers, str(self.workspace), cancellable=True, with_progress=True)

    def cancel_download(self) -> None:
        self.jobs.cancel("download")
        self.state.set_status(self.tr("Download cancelled."))

    # -- dataset ------------------------------------------------------------------------------
    def open_dataset(self, path: str) -> None:
        """Check the images of ``path`` (thread pool); the newest folder chosen wins."""
        path = str(path).strip()
        if not path:
            return
        self.state.set_data_path(path)
        self.state.set_scan(None)
        self.state.set_split(None)
        self.state.set_leakage(None)
        self.settings.last_dataset = path
        self.state.set_status(self.tr("Checking the images in {0}…").format(path))
        self.jobs.submit("scan", jobs.scan_folder, path, self.state.split_config, cancellable=True)

    def set_split_config(self, config: SplitConfig) -> None:
        self.state.set_split_config(config)
        if self.state.scan is not None:
            self.state.set_leakage(None)
            self.jobs.submit("split", jobs.split_scan, self.state.scan, config)

    def check_leakage(self) -> None:
        if self.state.split is not None:
            self.state.set_status(self.tr("Looking for the same picture in two splits…"))
            self.jobs.submit("leakage", jobs.leakage, self.state.split)

    # -- model --------------------------------------------------------------------------------
    def set_model_config(self, config: ModelConfig) -> None:
        old = self.state.model_config
        if config.backbone != old.backbone:
            config = replace(config, cutoff=None)
        info = self.state.backbone_info(config.backbone)
        if info is not None and info.default_cutoff is None and config.mode != "scratch":
            config = replace(config, mode="scratch")  # no pretrained weights: nothing to transfer
        self.state.set_model_config(config)
        if (config.backbone, config.image_size) != (old.backbone, old.image_size) or not self.state.layers:
            self.request_layers()
        else:
            self._update_freeze_plan()

    def set_cutoff(self, layer_name: str | None) -> None:
        """The first layer trained in fine-tuning; counts update at once (pure function).

        Choosing a cutoff means fine-tuning, so the mode switches to it (a backbone without
        pretrained weights cannot be fine-tuned and keeps training from scratch).
        """
        info = self.state.backbone_info(self.state.model_config.backbone)
        if info is not None and info.default_cutoff is None:
            return
        self.state.update_model(cutoff=layer_name, mode="finetune")
        self._update_freeze_plan()

    def request_layers(self) -> None:
        if not self.tf_ready:
            return
        config = self.state.model_config
        self.state.set_layers([])
        self.jobs.submit("layers", jobs.layer_list, config.backbone, config.image_size)

    def effective_cutoff(self) -> str | None:
        """The cutoff the layer list shows: the user's, else the backbone's recommended one."""
        config = self.state.model_config
        if config.cutoff is not None:
            return config.cutoff
        info = self.state.backbone_info(config.backbone)
        return None if info is None else info.default_cutoff

    def _update_freeze_plan(self) -> None:
        from tlstudio.core.models.classifier import freeze_plan

        layers = self.state.layers
        if not layers:
            self.state.set_freeze_plan(None)
            return
        mode = self.state.model_config.mode
        if mode == "scratch":
            self.state.set_freeze_plan(freeze_plan(layers, None, everything=True))
            return
        if mode == "transfer":
            cutoff: str | None = None  # everything frozen
        else:
            cutoff = self.effective_cutoff()
            if cutoff not in {layer.name for layer in layers}:
                cutoff = None
        self.state.set_freeze_plan(freeze_plan(layers, cutoff))

    # -- augmentation -------------------------------------------------------------------------
    def set_augment(self, spec: AugmentSpec) -> None:
        self.state.set_augment(spec)
        self.request_preview()

    def set_augment_preset(self, key: str) -> None:
        """Apply a preset of core.augmentation.augment.PRESETS; its kind of images is kept for the warnings."""
        from tlstudio.core.augmentation.augment import get_preset

        self.augment_preset = key
        self.set_augment(get_preset(key).spec)

    def augment_warnings(self) -> list[str]:
        """Sentences for the chosen operations that can change what an image shows."""
        from tlstudio.core.augmentation.augment import label_warnings

        classes = self.state.scan.classes if self.state.scan is not None else ()
        return label_warnings(self.state.augment, self.augment_preset, classes)

    def export_augmented(self, copies: int) -> bool:
        """Write ``copies`` augmented copies of every image into the workspace (a cancellable job)."""
        if not self.state.data_path or not self.state.augment.changes_images:
            return False
        self.state.set_status(self.tr("Writing {0} augmented copies of each image…").format(copies))
        self.jobs.submit("augment_export", jobs.export_augmented, self.state.data_path, self.state.augment, copies,
                         str(self.workspace), self.augment_preset, cancellable=True, with_progress=True)
        return True

    def cancel_augment_export(self) -> None:
        self.jobs.cancel("augment_export")
        self.state.set_status(self.tr("Export of augmented copies stopped: nothing was kept."))

    def set_preview_image(self, path: str) -> None:
        self.preview_image = path
        self.request_preview()

    def set_preview_count(self, n: int) -> None:
        self.preview_count = n
        self.request_preview()

    def new_variants(self) -> None:
        self.preview_seed += 1
        self.request_preview()

    def request_preview(self) -> None:
        if not self.tf_ready or not self.preview_image:
            return
        self.jobs.submit("preview", jobs.augmentation_preview, self.preview_image, self.state.augment,
                         self.preview_count, self.preview_seed)

    # -- training -----------------------------------------------------------------------------
    def set_train_config(self, config: TrainConfig) -> None:
        self.state.set_train_config(config)

    def start_run(self, *, compare: bool = False) -> bool:
        """Start training with the settings shown (or all three modes when ``compare``)."""
        if self.runs.is_running():
            return False
        try:
            config = self._checked_config()
        except TlStudioError as exc:
            self.error.emit(report_from_exception(exc), self.tr("Cannot start training"))
            return False
        self.state.start_history()
        self.state.set_status(self.tr("Comparing scratch, transfer and fine-tune…") if compare
                              else self.tr("Training started."))
        self.runs.start(config, self.workspace, modes=("scratch", "transfer", "finetune") if compare else None)
        return True

    def start_curve(self, modes: tuple[str, ...], sizes: list[int], seeds: int) -> bool:
        """Draw a learning curve of the recipe shown (core.studies.curve) for ``modes``."""
        if self.runs.is_running():
            return False
        try:
            config = self._checked_config()
            if not modes:
                raise ConfigError(self.tr("Tick at least one recipe for the learning curve."))
        except TlStudioError as exc:
            self.error.emit(report_from_exception(exc), self.tr("Cannot draw the learning curve"))
            return False
        self.state.set_status(self.tr("Drawing the learning curve…"))  # the Training tab keeps the last run's curves
        self.runs.start(config, self.workspace, curve={"modes": tuple(modes), "sizes": list(sizes), "seeds": seeds})
        return True

    def start_crossval(self, modes: tuple[str, ...], folds: int, repeats: int) -> bool:
        """Cross-validate the recipe shown (core.studies.crossval) for ``modes``, ``folds`` x ``repeats``."""
        if self.runs.is_running():
            return False
        try:
            config = self._checked_config()
            if not modes:
                raise ConfigError(self.tr("Tick at least one recipe to cross-validate."))
            from tlstudio.core.studies.crossval import check_folds

            check_folds(self.state.scan.counts(), folds)  # too few images of a class: said at once, not after a scan
        except TlStudioError as exc:
            self.error.emit(report_from_exception(exc), self.tr("Cannot cross-validate"))
            return False
        self.state.set_status(self.tr("Cross-validating…"))
        self.runs.start(config, self.workspace, crossval={"modes": tuple(modes), "folds": folds, "repeats": repeats})
        return True

    def start_strategies(self, strategies: tuple[str, ...]) -> bool:
        """Compare the scarce-data strategies (core.studies.strategies) with the recipe shown: the
        Augmentation tab's changes and the synthetic set chosen for training say what the
        strategies add."""
        if self.runs.is_running():
            return False
        try:
            config = self._checked_config()
            if not strategies:
                raise ConfigError(self.tr("Tick at least one strategy to compare."))
            from tlstudio.core.studies.strategies import check_strategies

            check_strategies(strategies, config.augment, config.synthetic)
        except TlStudioError as exc:
            self.error.emit(report_from_exception(exc), self.tr("Cannot compare the strategies"))
            return False
        self.state.set_status(self.tr("Comparing the strategies…"))
        self.runs.start(config, self.workspace, strategies={"augment": config.augment, "synthetic": config.synthetic,
                                                            "strategies": tuple(strategies)})
        return True

    # -- interrupted runs ---------------------------------------------------------------------
    def check_interrupted(self) -> None:
        """Look for runs that ended mid-training (the app was killed, the computer stopped);
        ``interrupted_found`` carries them, newest first."""
        from tlstudio.core.outputs.runs import interrupted_runs

        self.jobs.submit("interrupted", interrupted_runs, self.workspace)

    def resume_run(self, path: str) -> bool:
        """Continue an interrupted run from its last checkpoint (its own settings and split)."""
        if self.runs.is_running():
            return False
        self.state.start_history()
        self.state.set_status(self.tr("Resuming the interrupted run from its last checkpoint…"))
        self.runs.start(None, self.workspace, resume=Path(path))
        return True

    def dismiss_interrupted(self, path: str) -> None:
        """Do not resume: the run is listed as stopped from now on (its checkpoint stays)."""
        from tlstudio.core.outputs.runs import mark_not_resumed

        try:
            mark_not_resumed(path)
        except TlStudioError as exc:
            self.error.emit(report_from_exception(exc), self.tr("Something did not work"))

    def stop_run(self) -> None:
        if self.runs.is_running():
            self.state.set_status(self.tr("Stopping after this batch…"))
            self.runs.stop()

    def _checked_config(self) -> Any:
        if not self.state.data_path:
            raise ConfigError(self.tr("Choose an image folder first (Dataset tab)."))
        if self.state.scan is None:
            raise ConfigError(self.tr("The images are still being checked; start again when the check is done."))
        if self.synth.is_training():  # one training at a time: together both would crawl
            raise ConfigError(self.tr("A generator is training (Synthetic images tab)."),
                              hint=self.tr("Wait for it to finish or stop it, then start again."))
        return self.state.run_config()

    @Slot(object)
    def _on_run_finished(self, results: list) -> None:
        if results and _is_curve(results[0]):
            self.state.set_curve(results[0])
            self.state.finish_run("finished", self.tr("Learning curve finished: {0} models trained.").format(
                len(results[0].points)))
            self.state.set_status(self.tr("Learning curve finished."))
            return
        if results and _is_crossval(results[0]):
            self.state.set_crossval(results[0])
            self.state.finish_run("finished", self.tr("Cross-validation finished: {0} models trained.").format(
                len(results[0].scores)))
            self.state.set_status(self.tr("Cross-validation finished."))
            return
        if results and _is_strategies(results[0]):
            self.state.set_strategies(results[0])
            self.state.finish_run("finished", self.tr("Strategies compared: {0} models trained.").format(
                len(results[0].scores)))
            self.state.set_status(self.tr("Strategies compared."))
            return
        self._take_results(results)
        best = results[-1]
        acc = best.evaluation.accuracy if best.evaluation is not None else float("nan")
        self.state.finish_run("finished", self.tr("Finished: test accuracy {0:.1%}").format(acc))
        self.state.set_status(self.tr("Finished."))

    @Slot(object)
    def _on_run_cancelled(self, results: list) -> None:
        if results and _is_curve(results[0]):
            self.state.set_curve(results[0] if results[0].points else self.state.curve)
            self.state.finish_run("cancelled", self.tr("Learning curve stopped: the models trained so far are shown."))
            self.state.set_status(self.tr("Learning curve stopped."))
            return
        if results and _is_crossval(results[0]):
            self.state.set_crossval(results[0] if results[0].scores else self.state.crossval)
            self.state.finish_run("cancelled", self.tr("Cross-validation stopped: the folds finished so far are shown."))
            self.state.set_status(self.tr("Cross-validation stopped."))
            return
        if results and _is_strategies(results[0]):
            self.state.set_strategies(results[0] if results[0].scores else self.state.strategies)
            self.state.finish_run("cancelled", self.tr("Comparison stopped: the strategies finished so far are shown."))
            self.state.set_status(self.tr("Comparison of strategies stopped."))
            return
        self._take_results([r for r in results if r.status == "finished"])
        self.state.finish_run("cancelled", self.tr("Stopped before the end (cancelled)."))
        self.state.set_status(self.tr("Run cancelled."))

    @Slot(object)
    def _on_run_failed(self, report: ErrorReport) -> None:
        self.state.finish_run("failed", report.message)
        self.state.set_status(self.tr("Training stopped with an error."))
        self.error.emit(report, self.tr("Training stopped"))

    def _take_results(self, results: list) -> None:
        if not results:
            return
        self.state.add_results(results)
        self.show_result(results[-1])
        model = Path(results[-1].run_dir or "") / "model.keras"
        if results[-1].run_dir is not None and model.exists():
            self.state.set_predict_model(str(model))

    # -- results ------------------------------------------------------------------------------
    def show_result(self, result: Any) -> None:
        self.state.set_current_result(result)
        self._load_calibration(result)
        ev = getattr(result, "evaluation", None)
        if ev is not None and ev.misclassified and result.run_dir is not None:
            self.jobs.submit("gallery", jobs.misclassified_gallery, str(result.run_dir), ev.misclassified)

    def _load_calibration(self, result: Any) -> None:
        """The run's calibration.json (a few kilobytes, read here) into the state."""
        from tlstudio.core.evaluation.calibration_files import load_calibration

        calibration = None
        if getattr(result, "run_dir", None) is not None:
            try:
                calibration = load_calibration(result.run_dir)
            except TlStudioError as exc:
                self.state.set_status(exc.message)
        self.state.set_calibration(calibration)

    def save_threshold(self, threshold: float) -> bool:
        """Save the confidence threshold with the current run's model (calibration.json);
        Predict uses it from the next prediction on."""
        from tlstudio.core.evaluation.calibration_files import save_threshold

        result = self.state.current_result
        if result is None or result.run_dir is None:
            return False
        try:
            calibration = save_threshold(result.run_dir, threshold)
        except TlStudioError as exc:
            self.error.emit(report_from_exception(exc), self.tr("Could not save the threshold"))
            return False
        self.state.set_calibration(calibration)
        self.state.set_status(self.tr("Threshold {0:.2f} saved with the model in {1}.").format(
            calibration.threshold, result.run_dir))
        return True

    def export_model(self, formats: tuple[str, ...]) -> bool:
        """Export the current run's model in ``formats`` (core.outputs.export) as a background job."""
        result = self.state.current_result
        if result is None or result.run_dir is None or result.evaluation is None or not formats:
            return False
        self.state.set_status(self.tr("Exporting the model of {0}…").format(result.run_dir.name))
        self.jobs.submit("model_export", jobs.export_model, str(result.run_dir), tuple(formats), cancellable=True,
                         with_progress=True)
        return True

    def save_report(self) -> bool:
        """Write the current run's report (core.outputs.report: HTML and PDF in ``<run>/report/``), in the
        interface's language, as a background job; ``report_saved`` says where it went."""
        from tlstudio.core.outputs.report import write_report
        from tlstudio.gui.i18n import report_language

        result = self.state.current_result
        if result is None or result.run_dir is None:
            return False
        self.state.set_status(self.tr("Writing the report of {0}…").format(Path(result.run_dir).name))
        self.jobs.submit("report", write_report, str(result.run_dir), language=report_language())
        return True

    def filter_gallery(self, cell: tuple[int, int] | None) -> None:
        self.state.set_gallery_filter(cell)

    # -- predict ------------------------------------------------------------------------------
    def set_predict_model(self, path: str) -> None:
        self.state.set_predict_model(path)

    def predict(self, paths: list[str]) -> None:
        if not self.state.predict_model:
            self.error.emit(report_from_exception(ConfigError(
                self.tr("Train a model first, or open a saved model (model.keras) to predict with."))),
                self.tr("No model"))
            return
        self.state.set_status(self.tr("Predicting {0} item(s)…").format(len(paths)))
        self.jobs.submit("predict", jobs.predict_images, self.state.predict_model, list(paths), with_progress=True)

    def export_predictions(self, path: str) -> None:
        self.jobs.submit("export", jobs.export_predictions, self.state.predictions, self.state.predict_classes, path)

    # -- shutting down ------------------------------------------------------------------------
    def is_running(self) -> bool:
        return self.runs.is_running()

    def shutdown(self) -> None:
        """Stop the run and every job, and wait for their threads."""
        self.runs.stop_and_wait()
        self.synth.shutdown()
        self.jobs.cancel_all_and_wait()

    # -- answers from the thread pool ---------------------------------------------------------
    @Slot(str, object)
    def _on_job_done(self, kind: str, value: Any) -> None:
        handler = getattr(self, f"_done_{kind}", None)
        if handler is not None:
            handler(value)

    def _done_tensorflow(self, device: str) -> None:
        self.tf_ready = True
        self.state.set_device(device)
        self.state.set_status(self.tr("Ready ({0})").format(device))
        self.tensorflow_ready.emit(device)
        self.jobs.submit("backbones", jobs.backbone_list)
        self.request_layers()
        self.request_preview()

    def _done_backbones(self, infos: list) -> None:
        self.state.set_backbones(infos)
        self._update_freeze_plan()

    def _done_layers(self, value: tuple[str, list]) -> None:
        backbone, layers = value
        if backbone == self.state.model_config.backbone:
            self.state.set_layers(layers)
            self._update_freeze_plan()

    def _done_demo(self, path: str) -> None:
        self.settings.mark_launched()
        self.open_dataset(path)

    def _done_download(self, path: str) -> None:
        self.state.set_status(self.tr("The flower photos are in {0}.").format(path))
        self.download_finished.emit(path)
        self.open_dataset(path)

    def _done_scan(self, outcome: Any) -> None:
        if outcome is None:
            return
        self.state.set_scan(outcome.scan, outcome.thumbnails)
        self.state.set_split(outcome.split)
        scan = outcome.scan
        self.state.set_status(self.tr("{0} usable images in {1} classes; {2} skipped.").format(
            len(scan.records), len(scan.classes), len(scan.bad_files)))
        if not self.preview_image and scan.records:
            self.set_preview_image(scan.records[0].path)
        if outcome.split_error is not None:
            self.error.emit(report_from_exception(outcome.split_error), self.tr("Cannot split the images"))
            return
        self.check_leakage()

    def _done_split(self, split: Any) -> None:
        self.state.set_split(split)
        self.check_leakage()

    def _done_leakage(self, pairs: tuple) -> None:
        self.state.set_leakage(pairs)
        self.state.set_status(self.tr("Duplicate check done: {0} pair(s) found.").format(len(pairs)))

    def _done_preview(self, images: list) -> None:
        self.state.set_preview(images)

    def _done_gallery(self, items: tuple) -> None:
        self.state.set_gallery(items)

    def _done_predict(self, value: tuple) -> None:
        class_names, items = value
        self.state.set_predictions(class_names, items)
        self.state.set_status(self.tr("{0} image(s) predicted.").format(len(items)))

    def _done_interrupted(self, found: list) -> None:
        if found:
            self.interrupted_found.emit(list(found))

    def _done_model_export(self, result: Any) -> None:
        if result.status != "finished":
            self.state.set_status(self.tr("Export stopped: nothing was written."))
            return
        self.state.set_status(self.tr("Model exported to {0}; every file checked.").format(result.folder))
        self.model_exported.emit(result)

    def _done_augment_export(self, result: Any) -> None:
        if result.status == "finished":
            self.state.set_status(self.tr("{0} augmented copies written to {1}.").format(result.written, result.folder))
        self.augment_exported.emit(result)

    def _done_report(self, result: Any) -> None:
        self.state.set_status(self.tr("Report saved to {0}.").format(result.html_path))
        self.report_saved.emit(result)

    def _done_export(self, path: str) -> None:
        self.state.set_status(self.tr("Predictions saved to {0}.").format(path))

    @Slot(str, object)
    def _on_job_failed(self, kind: str, report: ErrorReport) -> None:
        titles = {
            "scan": self.tr("This folder cannot be used"),
            "split": self.tr("Cannot split the images"),
            "download": self.tr("Download failed"),
            "tensorflow": self.tr("TensorFlow could not be loaded"),
            "predict": self.tr("Prediction failed"),
            "report": self.tr("Could not write the report"),
            "model_export": self.tr("Export failed"),
            "augment_export": self.tr("Could not write the augmented copies"),
            "synth_generate": self.tr("Could not generate images"),
            "synth_accept": self.tr("Could not store the accepted images"),
            "synth_quality": self.tr("Could not measure the quality"),
        }
        self.state.set_status(report.message)
        self.error.emit(report, titles.get(kind, self.tr("Something did not work")))

    @Slot(str, object)
    def _on_job_progress(self, kind: str, values: Any) -> None:
        if kind == "download":
            done, total = values
            self.state.download_progress.emit(int(done), int(total))
        elif kind == "model_export":
            done, total, message = values
            self.state.set_status(self.tr("Exporting ({0}/{1}): {2}").format(done, total, message))
        elif kind == "augment_export":
            done, total = values
            self.state.set_status(self.tr("Augmented copies: {0} of {1} images done").format(done, total))


def _is_curve(result: Any) -> bool:
    return hasattr(result, "points") and hasattr(result, "reading")


def _is_crossval(result: Any) -> bool:
    return hasattr(result, "scores") and hasattr(result, "folds")


def _is_strategies(result: Any) -> bool:
    return hasattr(result, "scores") and hasattr(result, "n_test")
