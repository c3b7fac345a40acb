"""The studio: the shared state, the threads, and one controller per tab.

:class:`Studio` owns the :class:`~tlstudio.gui.state.AppState`, the job pool (short jobs) and
the run thread (one long job at a time), and assembles the tab controllers: ``dataset``,
``model``, ``augment``, ``synth``, ``run`` (training), ``studies`` (learning curve,
cross-validation, strategies), ``results`` and ``predict``. Panels call their controller's
methods; each starts its work off the GUI thread as a callable with its own handler and puts
the answers into the state, whose signals update the panels. Nothing here draws; nothing in the
panels decides.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Callable

from PySide6.QtCore import QObject, Signal

from tlstudio.gui import jobs
from tlstudio.gui.augment_controller import AugmentStudio
from tlstudio.gui.catalog_controller import CatalogStudio
from tlstudio.gui.dataset_controller import DEMO_MODEL, DatasetStudio
from tlstudio.gui.errors import ErrorReport, report_from_exception
from tlstudio.gui.memory import Memory
from tlstudio.gui.model_controller import ModelStudio
from tlstudio.gui.predict_controller import PredictStudio
from tlstudio.gui.results_controller import ResultsStudio
from tlstudio.gui.run_controller import RunStudio
from tlstudio.gui.settings import Settings
from tlstudio.gui.state import AppState
from tlstudio.gui.study_controller import StudiesStudio
from tlstudio.gui.synth_controller import SynthStudio
from tlstudio.gui.workers import JobLane, JobPool, JobThread

__all__ = ["DEMO_MODEL", "Studio"]


class Studio(QObject):
    """The studio's state, threads and tab controllers. ``error(ErrorReport, title)`` asks the
    window to show a dialog."""

    error = Signal(object, str)
    tensorflow_ready = Signal(str)

    def __init__(self, workspace: Path, settings: Settings, parent: QObject | None = None, *,
                 train_fn: Callable[..., Any] | None = None, compare_fn: Callable[..., Any] | None = None,
                 curve_fn: Callable[..., Any] | None = None) -> None:
        super().__init__(parent)
        self.workspace = Path(workspace)
        self.settings = settings
        self.state = AppState(self)
        self.pool = JobPool(self)
        self.runs = JobThread(self, name="tlstudio-training")  # a training run or a study
        self.tf_ready = False
        self.tensorflow_jobs = self.lane(self.tr("TensorFlow could not be loaded"))
        self.dataset = DatasetStudio(self)
        self.model = ModelStudio(self)
        self.augment = AugmentStudio(self)
        self.synth = SynthStudio(self)  # the Synthetic images tab: generators, gallery, accepted sets
        self.results = ResultsStudio(self)
        self.catalog = CatalogStudio(self)  # the workspace's saved runs: the run list and Compare
        self.memory = Memory(self)  # the tabs' settings, kept for the next session
        self.predict = PredictStudio(self)
        self.run = RunStudio(self, train_fn=train_fn, compare_fn=compare_fn)
        self.studies = StudiesStudio(self, curve_fn=curve_fn)
        self.runs.progress.connect(self.state.apply_event)
        self.runs.running_changed.connect(self.state.set_running)

    def lane(self, failure_title: str | None = None) -> JobLane:
        """A lane of the job pool whose failures are shown as a dialog titled ``failure_title``
        ("Something did not work" when None)."""
        return self.pool.lane(on_failed=lambda report: self.show_failure(report, failure_title))

    def show_failure(self, report: ErrorReport, title: str | None = None) -> None:
        """A job failed: its message in the status bar, the report in a dialog."""
        self.state.set_status(report.message)
        self.error.emit(report, title or self.tr("Something did not work"))

    def show_error(self, exc: BaseException, title: str) -> None:
        """An action cannot be done (an invalid setting, an unreadable file): say why."""
        self.error.emit(report_from_exception(exc), title)

    # -- start-up -----------------------------------------------------------------------------
    def load_tensorflow(self) -> None:
        """Import TensorFlow in the background; then list the backbones and layers."""
        self.state.set_status(self.tr("Loading TensorFlow…"))
        self.tensorflow_jobs.start(jobs.load_tensorflow, on_done=self._tensorflow_loaded)

    def _tensorflow_loaded(self, device: str) -> None:
        self.tf_ready = True
        self.state.set_device(device)
        self.state.set_status(self.tr("Ready ({0})").format(device))
        self.tensorflow_ready.emit(device)
        self.model.request_backbones()
        self.model.request_layers()
        self.augment.request_preview()

    # -- shutting down ------------------------------------------------------------------------
    def is_running(self) -> bool:
        return self.runs.is_running()

    def shutdown(self) -> None:
        """Stop the run and every job, and wait for their threads."""
        self.runs.stop_and_wait()
        self.synth.shutdown()
        self.pool.cancel_all_and_wait()
