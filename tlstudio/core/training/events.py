"""What a training run says while it works: small immutable events, and the reporter that makes them.

The CLI passes a printer as ``on_event``, the GUI a signal's ``emit``; a study passes the same
handler on to each model it trains. Events cross threads, so they hold numbers and strings only.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Callable

EventHandler = Callable[["TrainEvent"], None]
StopFlag = Callable[[], bool]

#: The phases that train, as a sentence says them.
PHASE_WORDS = {"scratch": "training from scratch", "head": "training the head", "finetune": "fine-tuning"}


@dataclass(frozen=True)
class TrainEvent:
    """One piece of progress news. Small and immutable: it crosses threads."""

    kind: str  # "phase" | "epoch" | "batch" | "status"
    phase: str  # "scan" | "features" | "head" | "finetune" | "scratch" | "evaluate" | "save" | "curve" | "crossval"
    epoch: int = 0
    epochs: int = 0
    batch: int = 0
    batches: int = 0
    metrics: dict[str, float] = field(default_factory=dict)
    eta_s: float | None = None
    message: str = ""


class Reporter:
    """Turns a run's steps (phases, status lines, batches of a feature pass or a fit) into
    :class:`TrainEvent` objects, with a time-left estimate from the phase's pace so far."""

    def __init__(self, emit: EventHandler, should_stop: StopFlag) -> None:
        self.emit = emit
        self.should_stop = should_stop
        self.phase = ""
        self.phase_start = 0.0
        self._first: tuple[int, float] | None = None  # the phase's first step done: (steps, time)

    def start_phase(self, phase: str, message: str, epochs: int = 0) -> None:
        """A new phase begins: the time-left estimate starts again from here."""
        self.phase = phase
        self.phase_start = time.monotonic()
        self._first = None
        self.emit(TrainEvent(kind="phase", phase=phase, epochs=epochs, message=message))

    def status(self, message: str) -> None:
        self.emit(TrainEvent(kind="status", phase=self.phase, message=message))

    def eta(self, done: int, total: int) -> float | None:
        """Seconds left for ``total`` steps of the phase when ``done`` are done; None while there
        is nothing to estimate from yet ("estimating").

        The pace is measured from the end of the phase's first step, never from its start: the
        first step also builds and compiles the network (seconds, where a step takes
        milliseconds), and counting it made the first estimate many times too long. A phase of
        one step, or a step reported once only, gives no estimate until a second step is done.
        """
        now = time.monotonic()
        first = self._first
        if done <= 0:
            return None
        if done >= total:
            return 0.0
        if first is None or first[0] >= done:
            self._first = (done, now)
            return None
        first_done, first_time = first
        return max(0.0, (now - first_time) / (done - first_done) * (total - done))

    def feature_batch(self, done: int, total: int) -> None:
        self.emit(TrainEvent(kind="batch", phase=self.phase, batch=done, batches=total, eta_s=self.eta(done, total)))

    def scan_progress(self, done: int, total: int) -> None:
        """The image check's progress (``scan_dataset``'s ``on_progress``)."""
        self.emit(TrainEvent(kind="batch", phase="scan", batch=done, batches=total))


class ModelCounter:
    """A study's progress: one ``batch`` event per finished model (``batch`` models done of
    ``batches``), after a status line saying what it scored, with the time left estimated from
    the seconds the models took so far."""

    def __init__(self, reporter: Reporter, phase: str, total: int, message: str) -> None:
        self.reporter, self.phase, self.total, self.done = reporter, phase, total, 0
        reporter.emit(TrainEvent(kind="phase", phase=phase, epochs=total, message=message))

    def finished(self, status: str, metrics: dict[str, float], seconds_so_far: float) -> None:
        """One more model is done: ``status`` said, ``metrics`` and the time left reported."""
        self.done += 1
        self.reporter.phase = self.phase
        self.reporter.status(status)
        self.reporter.emit(TrainEvent(kind="batch", phase=self.phase, batch=self.done, batches=self.total,
                                      metrics=metrics, eta_s=seconds_so_far / self.done * (self.total - self.done)))
