"""Work off the GUI thread, started the typed way: a callable plus its own handlers.

* :class:`JobThread` runs one long job (a training run, a learning curve, a generator's
  training) in its own ``QThread``. The job is any callable that takes ``on_event`` and
  ``should_stop`` keyword arguments, usually a ``functools.partial`` over a Qt-free core entry
  point: ``runs.start(partial(learning_curve, config, workspace=ws, ...), on_done=self._curve_done)``.
  Batch news is throttled so the GUI thread is never flooded; Stop sets a flag the job polls.
  Errors are emitted as :class:`~tlstudio.gui.errors.ErrorReport`, never raised into Qt.
* :class:`JobPool` runs short jobs (folder check, layer listing, augmentation preview,
  thumbnails, Grad-CAM) on a pool of Python threads (``concurrent.futures``, not a
  ``QThreadPool``: on reused Qt pool threads TensorFlow's pybind11 code took a stale Python
  thread state and crashed the app the first time it converted an array). Each kind of request
  has its own :class:`JobLane`; in a lane the newest request wins: an older one's result is
  dropped and, when the job accepts a ``should_stop`` argument, it is asked to stop early.

What crosses threads is small and immutable: dataclasses of numbers and strings, and images
as ``uint8`` numpy arrays (``QImage``/``QPixmap`` are made on the GUI thread).
"""

from __future__ import annotations

import concurrent.futures
import threading
import time
from typing import Any, Callable

from PySide6.QtCore import QObject, Qt, QThread, Signal, Slot

from tlstudio.gui.errors import ErrorReport, report_from_exception

#: Batch progress reaches the GUI at most this often (seconds); phase/epoch/status always do.
BATCH_INTERVAL_S = 0.1

#: A long job: called as ``job(on_event=..., should_stop=...)``; returns a result with a ``status``.
LongJob = Callable[..., Any]
Handler = Callable[[Any], None]


class Throttle:
    """Says whether enough time has passed since the last news let through (thread-safe enough:
    one job calls it from one thread)."""

    def __init__(self, interval_s: float = BATCH_INTERVAL_S) -> None:
        self.interval_s = interval_s
        self._last = float("-inf")

    def ready(self) -> bool:
        """True at most once per ``interval_s``; the first call is always True."""
        now = time.monotonic()
        if now - self._last < self.interval_s:
            return False
        self._last = now
        return True


def is_finished(result: Any) -> bool:
    """A long job's result is complete when it says so (``status == "finished"``): Stop pressed
    while the last run was being tested or saved comes too late to stop it, and it did finish."""
    return getattr(result, "status", None) == "finished"


class JobWorker(QObject):
    """Runs one long job in the thread it was moved to.

    Signals: ``progress(event)`` (throttled batch news, every other event); ``finished(result)``
    when ``complete(result)``; ``cancelled(result)`` when Stop ended it early (what was done so
    far); ``failed(ErrorReport)``; ``done()`` last, in every case.
    """

    progress = Signal(object)
    finished = Signal(object)
    cancelled = Signal(object)
    failed = Signal(object)
    done = Signal()

    def __init__(self, job: LongJob, complete: Callable[[Any], bool] = is_finished) -> None:
        super().__init__()
        self.job = job
        self.complete = complete
        self._stop = threading.Event()
        self._throttle = Throttle()

    def request_stop(self) -> None:
        """Thread-safe: the job ends within one batch (it polls ``should_stop``)."""
        self._stop.set()

    def stop_requested(self) -> bool:
        return self._stop.is_set()

    def on_event(self, event: Any) -> None:
        """Forward ``event``; a batch that is not its epoch's last only when the throttle allows."""
        batch = getattr(event, "kind", None) == "batch" and event.batch != event.batches
        if batch and not self._throttle.ready():
            return
        self.progress.emit(event)

    @Slot()
    def run(self) -> None:
        try:
            result = self.job(on_event=self.on_event, should_stop=self.stop_requested)
        except Exception as exc:  # emitted, never raised into Qt
            self.failed.emit(report_from_exception(exc))
        else:
            (self.finished if self.complete(result) else self.cancelled).emit(result)
        finally:
            self.done.emit()


class _Handlers(QObject):
    """One job's own handlers, living on the GUI thread so that the worker's signals reach them
    there (queued)."""

    def __init__(self, on_done: Handler, on_cancelled: Handler | None, on_failed: Handler | None,
                 parent: QObject) -> None:
        super().__init__(parent)
        self.on_done, self.on_cancelled, self.on_failed = on_done, on_cancelled, on_failed

    @Slot(object)
    def finished(self, result: Any) -> None:
        self.on_done(result)

    @Slot(object)
    def cancelled(self, result: Any) -> None:
        (self.on_cancelled or self.on_done)(result)

    @Slot(object)
    def failed(self, report: ErrorReport) -> None:
        if self.on_failed is not None:
            self.on_failed(report)


class JobThread(QObject):
    """Owns one long job's ``QThread``: start, stop, wait. One job at a time.

    Each :meth:`start` names its own handlers; the ``progress``/``finished``/``cancelled``/
    ``failed`` signals also carry every job's news for views that follow all of them.
    """

    progress = Signal(object)
    finished = Signal(object)
    cancelled = Signal(object)
    failed = Signal(object)
    running_changed = Signal(bool)

    def __init__(self, parent: QObject | None = None, *, name: str = "tlstudio-job") -> None:
        super().__init__(parent)
        self.name = name
        self.thread: QThread | None = None
        self.worker: JobWorker | None = None
        self._handlers: _Handlers | None = None
        self._retired: tuple[Any, Any] | None = None

    def is_running(self) -> bool:
        return self.thread is not None

    def start(self, job: LongJob, *, on_done: Handler, on_cancelled: Handler | None = None,
              on_failed: Handler | None = None, complete: Callable[[Any], bool] = is_finished) -> None:
        """Run ``job(on_event=..., should_stop=...)`` in a new thread.

        ``on_done(result)`` when ``complete(result)``; ``on_cancelled(result)`` when Stop ended it
        early (``on_done`` when not given); ``on_failed(ErrorReport)`` when it raised.
        """
        if self.thread is not None:
            raise RuntimeError("A job is already running on this thread.")
        worker = JobWorker(job, complete)
        handlers = _Handlers(on_done, on_cancelled, on_failed, self)
        thread = QThread(self)  # owned by Qt: never destroyed from Python while it still runs
        thread.setObjectName(self.name)
        worker.moveToThread(thread)
        thread.started.connect(worker.run)
        worker.progress.connect(self.progress)
        for signal, own, forwarded in ((worker.finished, handlers.finished, self.finished),
                                       (worker.cancelled, handlers.cancelled, self.cancelled),
                                       (worker.failed, handlers.failed, self.failed)):
            signal.connect(own)
            signal.connect(forwarded)
        # Direct: quit() is thread-safe, and stop_and_wait() blocks the GUI thread, so a queued
        # call would never run.
        worker.done.connect(thread.quit, Qt.ConnectionType.DirectConnection)
        thread.finished.connect(self._on_thread_finished)
        self.thread, self.worker, self._handlers = thread, worker, handlers
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
        thread = self.thread
        # The worker may still have queued signals on their way: keep it (and its handlers)
        # until the next job ends.
        self._retired = (self.worker, self._handlers)
        self.thread = self.worker = self._handlers = None
        thread.deleteLater()
        self.running_changed.emit(False)


class _Request:
    """One short job in a lane, with its handlers; ``should_stop`` once a newer one came."""

    def __init__(self, lane: JobLane, generation: int, job: Callable[..., Any], on_done: Handler,
                 on_failed: Handler | None, on_progress: Callable[..., None] | None) -> None:
        self.lane, self.generation = lane, generation
        self.job, self.on_done, self.on_failed, self.on_progress = job, on_done, on_failed, on_progress
        self._throttle = Throttle()

    def is_current(self) -> bool:
        return self.lane.current_generation() == self.generation

    def should_stop(self) -> bool:
        return not self.is_current()

    def report_progress(self, *values: Any) -> None:
        """Called by the job (any thread); throttled."""
        if self._throttle.ready():
            self.lane.pool.deliveries.progress.emit(self, values)

    def run(self) -> None:
        try:
            value = self.job()
        except BaseException as exc:  # noqa: BLE001 - reported, never raised into Qt
            if self.should_stop():
                return  # superseded or cancelled: nobody is waiting for this result
            self.lane.pool.deliveries.failed.emit(self, report_from_exception(exc))
        else:
            self.lane.pool.deliveries.done.emit(self, value)


class _Deliveries(QObject):
    """Carries a request's answer from a pool thread to the GUI thread."""

    done = Signal(object, object)
    failed = Signal(object, object)
    progress = Signal(object, object)


class JobLane(QObject):
    """One kind of short request (a folder check, a preview...): the newest request wins.

    ``busy_changed(bool)`` tells a panel to show a spinner or message.
    """

    busy_changed = Signal(bool)

    def __init__(self, pool: JobPool, on_failed: Handler | None = None) -> None:
        super().__init__(pool)
        self.pool = pool
        self.on_failed = on_failed
        self._generation = 0
        self._busy = False

    def current_generation(self) -> int:
        with self.pool.lock:
            return self._generation

    def is_busy(self) -> bool:
        return self._busy

    def start(self, job: Callable[..., Any], *, on_done: Handler, on_failed: Handler | None = None,
              on_progress: Callable[..., None] | None = None, cancellable: bool = False) -> None:
        """Run ``job()`` on the pool as this lane's newest request; ``on_done(value)`` gets its
        answer on the GUI thread unless a newer request came meanwhile.

        ``cancellable``: the job is called with ``should_stop=`` (True once superseded or
        cancelled). ``on_progress``: the job is called with ``on_progress=``, whose arguments reach
        ``on_progress(*values)``, throttled. ``on_failed(ErrorReport)``, else the lane's own.
        """
        with self.pool.lock:
            self._generation += 1
            generation = self._generation
        request = _Request(self, generation, job, on_done, on_failed or self.on_failed, on_progress)
        if cancellable or on_progress is not None:
            extra: dict[str, Any] = {}
            if cancellable:
                extra["should_stop"] = request.should_stop
            if on_progress is not None:
                extra["on_progress"] = request.report_progress
            request.job = lambda: job(**extra)
        self.set_busy(True)
        self.pool.run(request.run)

    def cancel(self) -> None:
        """Drop the result of the running request and ask it to stop."""
        with self.pool.lock:
            self._generation += 1
        self.set_busy(False)

    def set_busy(self, busy: bool) -> None:
        if busy != self._busy:
            self._busy = busy
            self.busy_changed.emit(busy)


class JobPool(QObject):
    """Short jobs on a thread pool, in lanes (:meth:`lane`)."""

    def __init__(self, parent: QObject | None = None, *, max_threads: int = 2) -> None:
        super().__init__(parent)
        self.executor = concurrent.futures.ThreadPoolExecutor(max_workers=max_threads,
                                                              thread_name_prefix="tlstudio-job")
        self.lock = threading.Lock()
        self._futures: set[concurrent.futures.Future] = set()
        self._lanes: list[JobLane] = []
        self.deliveries = _Deliveries()
        self.deliveries.done.connect(self._on_done)
        self.deliveries.failed.connect(self._on_failed)
        self.deliveries.progress.connect(self._on_progress)

    def lane(self, on_failed: Handler | None = None) -> JobLane:
        """A new lane; ``on_failed(ErrorReport)`` for its requests that name none."""
        lane = JobLane(self, on_failed)
        self._lanes.append(lane)
        return lane

    def run(self, task: Callable[[], None]) -> None:
        future = self.executor.submit(task)
        with self.lock:
            self._futures.add(future)
        future.add_done_callback(self._forget)

    def _forget(self, future: concurrent.futures.Future) -> None:
        with self.lock:
            self._futures.discard(future)

    def wait_for_done(self, timeout_ms: int = 30_000) -> bool:
        """Wait until every submitted job has ended; False if some still run after the timeout."""
        with self.lock:
            pending = set(self._futures)
        _, not_done = concurrent.futures.wait(pending, timeout=timeout_ms / 1000)
        return not not_done

    def cancel_all_and_wait(self, timeout_ms: int = 30_000) -> bool:
        for lane in self._lanes:
            lane.cancel()
        with self.lock:
            queued = list(self._futures)
        for future in queued:
            future.cancel()  # not started yet: never runs
        return self.wait_for_done(timeout_ms)

    @Slot(object, object)
    def _on_done(self, request: _Request, value: Any) -> None:
        if request.is_current():
            request.lane.set_busy(False)
            request.on_done(value)

    @Slot(object, object)
    def _on_failed(self, request: _Request, report: ErrorReport) -> None:
        if request.is_current():
            request.lane.set_busy(False)
            if request.on_failed is not None:
                request.on_failed(report)

    @Slot(object, object)
    def _on_progress(self, request: _Request, values: Any) -> None:
        if request.is_current() and request.on_progress is not None:
            request.on_progress(*values)
