"""Work off the GUI thread: one QThread per training run, a thread pool for short jobs.

* :class:`RunManager` starts a :class:`TrainingWorker` in its own ``QThread``. The worker
  calls the Qt-free ``core.training.train.train`` (or ``compare``) with a stop flag and a progress
  callback that emits a signal; batch news is throttled so the GUI thread is never flooded.
  Errors are emitted as :class:`~tlstudio.gui.errors.ErrorReport`, never raised into Qt.
* :class:`JobRunner` runs short jobs (folder check, layer listing, augmentation preview,
  thumbnails, Grad-CAM) on a pool of Python threads (``concurrent.futures``, not a
  ``QThreadPool``: on reused Qt pool threads TensorFlow's pybind11 code took a stale Python
  thread state and crashed the app the first time it converted an array). Jobs have a *kind*;
  a newer job of the same kind supersedes the older one: the older one's result is dropped
  and, when the job accepts a ``should_stop`` argument, it is asked to stop early.

What crosses threads is small and immutable: dataclasses of numbers and strings, and images
as ``uint8`` numpy arrays (``QImage``/``QPixmap`` are made on the GUI thread).
"""

from __future__ import annotations

import concurrent.futures
import threading
import time
from pathlib import Path
from typing import Any, Callable, Sequence

from PySide6.QtCore import QObject, Qt, QThread, Signal, Slot

from tlstudio.gui.errors import report_from_exception

#: Batch progress reaches the GUI at most this often (seconds); phase/epoch/status always do.
BATCH_INTERVAL_S = 0.1

TrainFunction = Callable[..., Any]


class TrainingWorker(QObject):
    """Runs one training run (or a comparison of modes, a learning curve, a cross-validation)
    in the thread it was moved to.

    Signals: ``progress(TrainEvent)``; ``finished(list[RunResult])`` when every run finished
    (``[CurveResult]`` for a learning curve, ``[CrossValResult]`` for a cross-validation,
    ``[StrategyComparison]`` for a comparison of strategies);
    ``cancelled(list[RunResult])`` when Stop ended it early (the runs done so far, the last one
    with status "cancelled"); ``failed(ErrorReport)``; ``done()`` last, in every case.
    """

    progress = Signal(object)
    finished = Signal(object)
    cancelled = Signal(object)
    failed = Signal(object)
    done = Signal()

    def __init__(self, config: Any, workspace: Path, *, modes: Sequence[str] | None = None,
                 curve: dict[str, Any] | None = None, train_fn: TrainFunction | None = None,
                 compare_fn: TrainFunction | None = None, curve_fn: TrainFunction | None = None,
                 crossval: dict[str, Any] | None = None, crossval_fn: TrainFunction | None = None,
                 strategies: dict[str, Any] | None = None, strategies_fn: TrainFunction | None = None,
                 resume: Path | None = None) -> None:
        super().__init__()
        self.config = config
        self.resume = resume
        self.workspace = workspace
        self.modes = tuple(modes) if modes else None
        self.curve = curve
        self.crossval = crossval
        self.train_fn = train_fn
        self.compare_fn = compare_fn
        self.curve_fn = curve_fn
        self.crossval_fn = crossval_fn
        self.strategies = strategies
        self.strategies_fn = strategies_fn
        self._stop = threading.Event()
        self._last_batch = 0.0

    def request_stop(self) -> None:
        """Thread-safe: the run ends within one batch (polled by core.training.train)."""
        self._stop.set()

    def stop_requested(self) -> bool:
        return self._stop.is_set()

    def _on_event(self, event: Any) -> None:
        if event.kind == "batch" and event.batch != event.batches:
            now = time.monotonic()
            if now - self._last_batch < BATCH_INTERVAL_S:
                return
            self._last_batch = now
        self.progress.emit(event)

    @Slot()
    def run(self) -> None:
        try:
            if self.curve is not None:
                curve = self.curve_fn
                if curve is None:
                    from tlstudio.core.studies.curve import learning_curve as curve
                results = [curve(self.config, workspace=self.workspace, on_event=self._on_event,
                                 should_stop=self.stop_requested, **self.curve)]
            elif self.crossval is not None:
                crossval = self.crossval_fn
                if crossval is None:
                    from tlstudio.core.studies.crossval import cross_validate as crossval
                results = [crossval(self.config, self.workspace, on_event=self._on_event,
                                    should_stop=self.stop_requested, **self.crossval)]
            elif self.strategies is not None:
                strategies = self.strategies_fn
                if strategies is None:
                    from tlstudio.core.studies.strategies import compare_strategies as strategies
                results = [strategies(self.config, workspace=self.workspace, on_event=self._on_event,
                                      should_stop=self.stop_requested, **self.strategies)]
            elif self.modes is None:
                train = self.train_fn
                if train is None:
                    from tlstudio.core.training.train import train
                extra = {} if self.resume is None else {"resume": self.resume}
                results = [train(self.config, workspace=self.workspace, on_event=self._on_event,
                                 should_stop=self.stop_requested, **extra)]
            else:
                compare = self.compare_fn
                if compare is None:
                    from tlstudio.core.training.train import compare
                results = list(compare(self.config, modes=self.modes, workspace=self.workspace,
                                       on_event=self._on_event, should_stop=self.stop_requested))
        except Exception as exc:  # emitted, never raised into Qt
            self.failed.emit(report_from_exception(exc))
        else:
            # What the runs say, not whether Stop was pressed: Stop pressed while the last
            # run was being tested or saved comes too late to stop it, and it did finish.
            complete = (all(r.status == "finished" for r in results)
                        and len(results) == (len(self.modes) if self.modes and self.curve is None
                                             and self.crossval is None and self.strategies is None else 1))
            (self.finished if complete else self.cancelled).emit(results)
        finally:
            self.done.emit()


class ThreadOwner(QObject):
    """Owns one long job's ``QThread`` (a training run, a generator): start, stop, wait; forwards
    the worker's ``progress``/``finished``/``cancelled``/``failed`` signals. One job at a time.

    The worker is a QObject with those signals, ``done()`` emitted last, ``run()`` and a
    thread-safe ``request_stop()``.
    """

    progress = Signal(object)
    finished = Signal(object)
    cancelled = Signal(object)
    failed = Signal(object)
    running_changed = Signal(bool)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.thread: QThread | None = None
        self.worker: Any = None
        self._retired: Any = None

    def is_running(self) -> bool:
        return self.thread is not None

    def _launch(self, worker: QObject, name: str) -> None:
        """Run ``worker.run`` in a new thread called ``name``."""
        thread = QThread(self)  # owned by Qt: never destroyed from Python while it still runs
        thread.setObjectName(name)
        worker.moveToThread(thread)
        thread.started.connect(worker.run)
        worker.progress.connect(self.progress)
        worker.finished.connect(self.finished)
        worker.cancelled.connect(self.cancelled)
        worker.failed.connect(self.failed)
        # Direct: quit() is thread-safe, and stop_and_wait() blocks the GUI thread, so a queued
        # call would never run.
        worker.done.connect(thread.quit, Qt.ConnectionType.DirectConnection)
        thread.finished.connect(self._on_thread_finished)
        self.thread, self.worker = thread, worker
        thread.start()
        self.running_changed.emit(True)

    def stop(self) -> None:
        """Ask the job to stop (it ends within one batch); returns at once."""
        if self.worker is not None:
            self.worker.request_stop()

    def stop_and_wait(self, timeout_ms: int = 120_000) -> bool:
        """Stop the job and block until its thread has ended. True when it has."""
        thread = self.thread
        if thread is None:
            return True
        self.stop()
        ended = thread.wait(timeout_ms)
        if ended:
            self._on_thread_finished()
        return ended

    @Slot()
    def _on_thread_finished(self) -> None:
        if self.thread is None:
            return
        thread, worker = self.thread, self.worker
        self.thread = self.worker = None
        # The worker may still have queued signals on their way: keep it until the next job ends.
        self._retired = worker
        thread.deleteLater()
        self.running_changed.emit(False)


class RunManager(ThreadOwner):
    """Owns the training thread (see :class:`ThreadOwner`). One run at a time.

    ``train_fn``/``compare_fn``/... replace ``core.training.train.train``/``compare``/... (tests inject
    fakes to check the wiring without TensorFlow).
    """

    def __init__(self, parent: QObject | None = None, *, train_fn: TrainFunction | None = None,
                 compare_fn: TrainFunction | None = None, curve_fn: TrainFunction | None = None,
                 crossval_fn: TrainFunction | None = None, strategies_fn: TrainFunction | None = None) -> None:
        super().__init__(parent)
        self.train_fn = train_fn
        self.compare_fn = compare_fn
        self.curve_fn = curve_fn
        self.crossval_fn = crossval_fn
        self.strategies_fn = strategies_fn

    def start(self, config: Any, workspace: Path, *, modes: Sequence[str] | None = None,
              curve: dict[str, Any] | None = None, crossval: dict[str, Any] | None = None,
              strategies: dict[str, Any] | None = None, resume: Path | None = None) -> None:
        """Start a run; ``modes`` compares them; ``curve`` (learning_curve's keyword arguments)
        draws a learning curve instead; ``crossval`` (cross_validate's) cross-validates;
        ``strategies`` (compare_strategies' keyword arguments) compares the scarce-data strategies;
        ``resume`` (a run folder) continues an interrupted run from its last checkpoint (its
        own config and split are used; ``config`` is ignored)."""
        if self.thread is not None:
            raise RuntimeError("A run is already in progress.")
        self._launch(TrainingWorker(config, workspace, modes=modes, curve=curve, train_fn=self.train_fn,
                                    compare_fn=self.compare_fn, curve_fn=self.curve_fn, crossval=crossval,
                                    crossval_fn=self.crossval_fn, strategies=strategies,
                                    strategies_fn=self.strategies_fn, resume=resume), "tlstudio-training")


class _JobSignals(QObject):
    done = Signal(str, int, object)
    failed = Signal(str, int, object)
    progress = Signal(str, int, object)


class _Job:
    def __init__(self, kind: str, generation: int, fn: Callable[..., Any], args: tuple, kwargs: dict,
                 signals: _JobSignals, is_current: Callable[[str, int], bool]) -> None:
        self.kind, self.generation = kind, generation
        self.fn, self.args, self.kwargs = fn, args, kwargs
        self.signals = signals
        self.is_current = is_current
        self._last_progress = 0.0

    def should_stop(self) -> bool:
        return not self.is_current(self.kind, self.generation)

    def on_progress(self, *values: Any) -> None:
        now = time.monotonic()
        if now - self._last_progress >= BATCH_INTERVAL_S:
            self._last_progress = now
            self.signals.progress.emit(self.kind, self.generation, values)

    def run(self) -> None:
        try:
            value = self.fn(*self.args, **self.kwargs)
        except BaseException as exc:  # noqa: BLE001 - reported, never raised into Qt
            if self.should_stop():
                return  # superseded or cancelled: nobody is waiting for this result
            self.signals.failed.emit(self.kind, self.generation, report_from_exception(exc))
        else:
            self.signals.done.emit(self.kind, self.generation, value)


class JobRunner(QObject):
    """Short jobs on a thread pool; per kind, only the newest job's result is delivered.

    ``done(kind, value)``, ``failed(kind, ErrorReport)``, ``progress(kind, values)`` arrive on
    the GUI thread. ``busy_changed(kind, busy)`` tells panels to show a spinner or message.
    """

    done = Signal(str, object)
    failed = Signal(str, object)
    progress = Signal(str, object)
    busy_changed = Signal(str, bool)

    def __init__(self, parent: QObject | None = None, *, max_threads: int = 2) -> None:
        super().__init__(parent)
        self.pool = concurrent.futures.ThreadPoolExecutor(max_workers=max_threads, thread_name_prefix="tlstudio-job")
        self._futures: set[concurrent.futures.Future] = set()
        self._generation: dict[str, int] = {}
        self._lock = threading.Lock()
        self._signals = _JobSignals()
        self._signals.done.connect(self._on_done)
        self._signals.failed.connect(self._on_failed)
        self._signals.progress.connect(self._on_progress)
        self._busy: set[str] = set()

    def is_current(self, kind: str, generation: int) -> bool:
        with self._lock:
            return self._generation.get(kind) == generation

    def is_busy(self, kind: str) -> bool:
        return kind in self._busy

    def submit(self, kind: str, fn: Callable[..., Any], *args: Any, cancellable: bool = False,
               with_progress: bool = False, **kwargs: Any) -> int:
        """Run ``fn(*args, **kwargs)`` on the pool as the newest job of ``kind``.

        ``cancellable``: pass ``should_stop=`` (True once superseded or cancelled).
        ``with_progress``: pass ``on_progress=`` (its arguments arrive, throttled, in
        ``progress(kind, values)``). Returns the job's generation number.
        """
        with self._lock:
            generation = self._generation.get(kind, 0) + 1
            self._generation[kind] = generation
        job = _Job(kind, generation, fn, args, kwargs, self._signals, self.is_current)
        if cancellable:
            job.kwargs["should_stop"] = job.should_stop
        if with_progress:
            job.kwargs["on_progress"] = job.on_progress
        self._set_busy(kind, True)
        future = self.pool.submit(job.run)
        with self._lock:
            self._futures.add(future)
        future.add_done_callback(self._forget)
        return generation

    def _forget(self, future: concurrent.futures.Future) -> None:
        with self._lock:
            self._futures.discard(future)

    def wait_for_done(self, timeout_ms: int = 30_000) -> bool:
        """Wait until every submitted job has ended; False if some still run after the timeout."""
        with self._lock:
            pending = set(self._futures)
        _, not_done = concurrent.futures.wait(pending, timeout=timeout_ms / 1000)
        return not not_done

    def cancel(self, kind: str) -> None:
        """Drop the result of the running job of ``kind`` and ask it to stop."""
        with self._lock:
            self._generation[kind] = self._generation.get(kind, 0) + 1
        self._set_busy(kind, False)

    def cancel_all_and_wait(self, timeout_ms: int = 30_000) -> bool:
        with self._lock:
            for kind in list(self._generation):
                self._generation[kind] += 1
        with self._lock:
            queued = list(self._futures)
        for future in queued:
            future.cancel()  # not started yet: never runs
        return self.wait_for_done(timeout_ms)

    def _set_busy(self, kind: str, busy: bool) -> None:
        if busy == (kind in self._busy):
            return
        (self._busy.add if busy else self._busy.discard)(kind)
        self.busy_changed.emit(kind, busy)

    @Slot(str, int, object)
    def _on_done(self, kind: str, generation: int, value: Any) -> None:
        if self.is_current(kind, generation):
            self._set_busy(kind, False)
            self.done.emit(kind, value)

    @Slot(str, int, object)
    def _on_failed(self, kind: str, generation: int, report: Any) -> None:
        if self.is_current(kind, generation):
            self._set_busy(kind, False)
            self.failed.emit(kind, report)

    @Slot(str, int, object)
    def _on_progress(self, kind: str, generation: int, values: Any) -> None:
        if self.is_current(kind, generation):
            self.progress.emit(kind, values)
