"""The generator's training thread: one ``QThread`` per generator training, like a classifier run.

:class:`GeneratorWorker` calls the Qt-free ``core.synthetic.synth.train_generator`` with a stop flag and a
callback that emits a signal (one :class:`~tlstudio.core.synthetic.synth.SynthEvent` per epoch, plus status
sentences: a handful per minute, so nothing needs throttling). :class:`GeneratorManager` owns the
thread: start, stop, wait. Errors are emitted as :class:`~tlstudio.gui.errors.ErrorReport`,
never raised into Qt.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any, Callable

from PySide6.QtCore import QObject, Signal, Slot

from tlstudio.gui.errors import report_from_exception
from tlstudio.gui.workers import ThreadOwner

TrainGeneratorFunction = Callable[..., Any]


class GeneratorWorker(QObject):
    """Trains one generator in the thread it was moved to.

    Signals: ``progress(SynthEvent)``; ``finished(GeneratorResult)`` when every epoch ran;
    ``cancelled(GeneratorResult)`` when Stop ended it early (its checkpoint is kept);
    ``failed(ErrorReport)``; ``done()`` last, in every case.
    """

    progress = Signal(object)
    finished = Signal(object)
    cancelled = Signal(object)
    failed = Signal(object)
    done = Signal()

    def __init__(self, config: Any, workspace: Path, *, resume: Path | None = None,
                 train_fn: TrainGeneratorFunction | None = None) -> None:
        super().__init__()
        self.config = config
        self.workspace = workspace
        self.resume = resume
        self.train_fn = train_fn
        self._stop = threading.Event()

    def request_stop(self) -> None:
        """Thread-safe: training ends at the end of the current batch (polled by core.synthetic.synth)."""
        self._stop.set()

    def stop_requested(self) -> bool:
        return self._stop.is_set()

    @Slot()
    def run(self) -> None:
        try:
            train = self.train_fn
            if train is None:
                from tlstudio.core.synthetic.training import train_generator as train
            result = train(self.config, self.workspace, on_event=self.progress.emit,
                           should_stop=self.stop_requested, resume=self.resume)
        except Exception as exc:  # emitted, never raised into Qt
            self.failed.emit(report_from_exception(exc))
        else:
            (self.finished if result.status == "finished" else self.cancelled).emit(result)
        finally:
            self.done.emit()


class GeneratorManager(ThreadOwner):
    """Owns the generator's training thread (see :class:`~tlstudio.gui.workers.ThreadOwner`).
    One at a time. ``train_fn`` replaces ``core.synthetic.synth.train_generator`` (tests inject stand-ins).
    """

    def __init__(self, parent: QObject | None = None, *, train_fn: TrainGeneratorFunction | None = None) -> None:
        super().__init__(parent)
        self.train_fn = train_fn

    def start(self, config: Any, workspace: Path, *, resume: Path | None = None) -> None:
        """Train a generator with ``config``; ``resume`` (a generator folder) continues that one."""
        if self.thread is not None:
            raise RuntimeError("A generator is already training.")
        self._launch(GeneratorWorker(config, workspace, resume=resume, train_fn=self.train_fn), "tlstudio-generator")
