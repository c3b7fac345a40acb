"""The Results tab's actions: show a run (its calibration and its mistakes' Grad-CAM gallery),
save its confidence threshold, export its model, write its report."""

from __future__ import annotations

from functools import partial
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Signal

from tlstudio.core.errors import TlStudioError
from tlstudio.core.evaluation.calibration_files import load_calibration, save_threshold
from tlstudio.gui import jobs
from tlstudio.gui.i18n import report_language
from tlstudio.gui.widgets import number


class ResultsStudio(QObject):
    """Actions of the Results tab (``studio.results``).

    ``report_saved(ReportResult)``: a run report was written (HTML, PDF, the split's files);
    ``model_exported(ExportResult)``: a model export finished, every file checked.
    """

    report_saved = Signal(object)
    model_exported = Signal(object)

    def __init__(self, studio: Any) -> None:
        super().__init__(studio)
        self.studio = studio
        self.state = studio.state
        self.gallery_jobs = studio.lane()
        self.export_jobs = studio.lane(self.tr("Export failed"))
        self.report_jobs = studio.lane(self.tr("Could not write the report"))

    def take_results(self, results: list) -> None:
        """Runs just trained: listed, the last one shown and offered to the Predict tab."""
        if not results:
            return
        self.studio.catalog.add(results)  # the run list and Compare, newest first
        self.show_result(results[-1])
        model = Path(results[-1].run_dir or "") / "model.keras"
        if results[-1].run_dir is not None and model.exists():
            self.state.set_predict_model(str(model))

    def show_result(self, result: Any) -> None:
        self.state.set_current_result(result)
        self._load_calibration(result)
        ev = getattr(result, "evaluation", None)
        if ev is not None and ev.misclassified and result.run_dir is not None:
            self.gallery_jobs.start(partial(jobs.misclassified_gallery, str(result.run_dir), ev.misclassified),
                                    on_done=partial(self._gallery_ready, result))
        else:
            self.gallery_jobs.cancel()  # the previous run's pictures must not arrive for this one

    def _gallery_ready(self, result: Any, items: tuple) -> None:
        """The mistakes of ``result``, shown only while it is still the run on screen."""
        if self.state.current_result is result:
            self.state.set_gallery(items)

    def _load_calibration(self, result: Any) -> None:
        """The run's calibration.json (a few kilobytes, read here) into the state."""
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
        result = self.state.current_result
        if result is None or result.run_dir is None:
            return False
        try:
            calibration = save_threshold(result.run_dir, threshold)
        except TlStudioError as exc:
            self.studio.show_error(exc, self.tr("Could not save the threshold"))
            return False
        self.state.set_calibration(calibration)
        self.state.set_status(self.tr("Threshold {0} saved with the model in {1}.").format(
            number(calibration.threshold, 2), result.run_dir))
        return True

    def export_model(self, formats: tuple[str, ...]) -> bool:
        """Export the current run's model in ``formats`` (core.outputs.export) as a background job."""
        result = self.state.current_result
        if result is None or result.run_dir is None or result.evaluation is None or not formats:
            return False
        self.state.set_status(self.tr("Exporting the model of {0}…").format(result.run_dir.name))
        self.export_jobs.start(partial(jobs.export_model, str(result.run_dir), tuple(formats)),
                               on_done=self._model_exported, on_progress=self._export_progress, cancellable=True)
        return True

    def save_report(self, pseudonyms: bool = False) -> bool:
        """Write the current run's report (core.outputs.report: HTML and PDF in ``<run>/report/``), in the
        interface's language, as a background job; ``report_saved`` says where it went. ``pseudonyms``:
        file names become image 1, image 2, ... (core.outputs.privacy)."""
        from tlstudio.core.outputs.report import write_report

        result = self.state.current_result
        if result is None or result.run_dir is None:
            return False
        self.state.set_status(self.tr("Writing the report of {0}…").format(Path(result.run_dir).name))
        self.report_jobs.start(partial(write_report, str(result.run_dir), language=report_language(),
                                       pseudonyms=pseudonyms),
                               on_done=self._report_written)
        return True

    def filter_gallery(self, cell: tuple[int, int] | None) -> None:
        self.state.set_gallery_filter(cell)

    # -- answers ------------------------------------------------------------------------------
    def _export_progress(self, done: int, total: int, message: str) -> None:
        self.state.set_status(self.tr("Exporting ({0}/{1}): {2}").format(done, total, message))

    def _model_exported(self, result: Any) -> None:
        if result.status != "finished":
            self.state.set_status(self.tr("Export stopped: nothing was written."))
            return
        self.state.set_status(self.tr("Model exported to {0}; every file checked.").format(result.folder))
        self.model_exported.emit(result)

    def _report_written(self, result: Any) -> None:
        self.state.set_status(self.tr("Report saved to {0}.").format(result.html_path))
        self.report_saved.emit(result)
