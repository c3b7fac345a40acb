"""The Training tab's actions: start a run (or a comparison of the three modes), stop it,
resume an interrupted one."""

from __future__ import annotations

from functools import partial
from pathlib import Path
from typing import Any, Callable, Sequence

from PySide6.QtCore import QObject, Signal

from tlstudio.core.config import RunConfig, TrainConfig
from tlstudio.core.errors import ConfigError, TlStudioError
from tlstudio.core.outputs.runs import interrupted_runs, mark_not_resumed
from tlstudio.core.training.train import compare, train
from tlstudio.gui.errors import ErrorReport
from tlstudio.gui.widgets import percent
from tlstudio.gui.workers import is_finished

#: The modes "Compare all three" trains, one after the other.
COMPARED_MODES = ("scratch", "transfer", "finetune")


def all_finished(expected: int) -> Callable[[Sequence[Any]], bool]:
    """A comparison is complete when ``expected`` runs all finished."""
    return lambda runs: len(runs) == expected and all(is_finished(r) for r in runs)


def planned_epochs(config: RunConfig) -> int:
    """The epochs a run trains at most: fine-tuning adds its own epochs to the head's."""
    train = config.train
    if config.model.mode == "finetune":
        return train.epochs + (train.finetune_epochs or train.epochs)
    return train.epochs


class RunStudio(QObject):
    """Actions of the Training tab (``studio.run``).

    ``train_fn``/``compare_fn`` replace ``core.training.train.train``/``compare`` (tests pass
    stand-ins to check the wiring without TensorFlow). ``interrupted_found(list[InterruptedRun])``:
    runs that ended mid-training and can be resumed, newest first.
    """

    interrupted_found = Signal(object)

    def __init__(self, studio: Any, *, train_fn: Callable[..., Any] | None = None,
                 compare_fn: Callable[..., Any] | None = None) -> None:
        super().__init__(studio)
        self.studio = studio
        self.state = studio.state
        self.runs = studio.runs
        self.train_fn = train_fn or train
        self.compare_fn = compare_fn or compare
        self.interrupted_jobs = studio.lane()

    def set_train_config(self, config: TrainConfig) -> None:
        self.state.set_train_config(config)

    def start_run(self, *, compare: bool = False) -> bool:
        """Start training with the settings shown (or all three modes when ``compare``)."""
        if self.runs.is_running():
            return False
        try:
            config = self.checked_config()
        except TlStudioError as exc:
            self.studio.show_error(exc, self.tr("Cannot start training"))
            return False
        self.state.start_history(0 if compare else planned_epochs(config))
        self.state.set_status(self.tr("Comparing scratch, transfer and fine-tune…") if compare
                              else self.tr("Training started."))
        workspace = self.studio.workspace
        if compare:
            self.runs.start(partial(self.compare_fn, config, modes=COMPARED_MODES, workspace=workspace),
                            on_done=self._runs_finished, on_cancelled=self._runs_cancelled,
                            on_failed=self.run_failed, complete=all_finished(len(COMPARED_MODES)))
        else:
            self._start_one(partial(self.train_fn, config, workspace=workspace))
        return True

    def resume_run(self, path: str) -> bool:
        """Continue an interrupted run from its last checkpoint (its own settings and split)."""
        if self.runs.is_running():
            return False
        self.state.start_history()
        self.state.set_status(self.tr("Resuming the interrupted run from its last checkpoint…"))
        self._start_one(partial(self.train_fn, None, workspace=self.studio.workspace, resume=Path(path)))
        return True

    def _start_one(self, job: Callable[..., Any]) -> None:
        self.runs.start(job, on_done=lambda result: self._runs_finished([result]),
                        on_cancelled=lambda result: self._runs_cancelled([result]), on_failed=self.run_failed)

    def check_interrupted(self) -> None:
        """Look for runs that ended mid-training (the app was killed, the computer stopped);
        ``interrupted_found`` carries them, newest first."""
        self.interrupted_jobs.start(partial(interrupted_runs, self.studio.workspace), on_done=self._interrupted)

    def dismiss_interrupted(self, path: str) -> None:
        """Do not resume: the run is listed as stopped from now on (its checkpoint stays)."""
        try:
            mark_not_resumed(path)
        except TlStudioError as exc:
            self.studio.show_error(exc, self.tr("Something did not work"))

    def stop_run(self) -> None:
        if self.runs.is_running():
            self.state.set_status(self.tr("Stopping after this batch…"))
            self.runs.stop()

    def checked_config(self) -> RunConfig:
        """The run config the tabs show, once a dataset is checked and no generator trains."""
        if not self.state.data_path:
            raise ConfigError(self.tr("Choose an image folder first (Dataset tab)."))
        if self.state.scan is None:
            raise ConfigError(self.tr("The images are still being checked; start again when the check is done."))
        if self.studio.synth.is_training():  # one training at a time: together both would crawl
            raise ConfigError(self.tr("A generator is training (Synthetic images tab)."),
                              hint=self.tr("Wait for it to finish or stop it, then start again."))
        return self.state.run_config()

    def run_failed(self, report: ErrorReport) -> None:
        """A run or a study stopped with an error: said in the Training tab and in a dialog."""
        self.state.finish_run("failed", report.message)
        self.state.set_status(self.tr("Training stopped with an error."))
        self.studio.error.emit(report, self.tr("Training stopped"))

    # -- answers ------------------------------------------------------------------------------
    def _runs_finished(self, results: list) -> None:
        self.studio.results.take_results(results)
        best = results[-1]
        acc = best.evaluation.accuracy if best.evaluation is not None else float("nan")
        self.state.finish_run("finished", self.tr("Finished: test accuracy {0}").format(percent(acc)))
        self.state.set_status(self.tr("Finished."))

    def _runs_cancelled(self, results: list) -> None:
        self.studio.results.take_results([r for r in results if r.status == "finished"])
        self.state.finish_run("cancelled", self.tr("Stopped before the end (cancelled)."))
        self.state.set_status(self.tr("Run cancelled."))

    def _interrupted(self, found: list) -> None:
        if found:
            self.interrupted_found.emit(list(found))
