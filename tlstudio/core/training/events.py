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
        self._first: tuple[float, float] | None = None  # the phase's first step done: (steps, time)
        self._epoch_ends: list[float] = []  # when each epoch of the phase's fit ended
        self._passes: list[float] = []  # the phase's feature passes, each weighted by its images
        self._pass = -1  # the feature pass under way

    def start_phase(self, phase: str, message: str, epochs: int = 0) -> None:
        """A new phase begins: the time-left estimate starts again from here."""
        self.phase = phase
        self.phase_start = time.monotonic()
        self._first = None
        self._epoch_ends = []
        self._passes, self._pass = [], -1
        self.emit(TrainEvent(kind="phase", phase=phase, epochs=epochs, message=message))

    def status(self, message: str) -> None:
        self.emit(TrainEvent(kind="status", phase=self.phase, message=message))

    def eta(self, done: float, total: float) -> float | None:
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

    def epoch_ended(self) -> None:
        """A fit's epoch has ended (validation and checkpoint included): :meth:`fit_eta` paces by these."""
        self._epoch_ends.append(time.monotonic())

    def fit_eta(self, done: int, total: int, steps: int) -> float | None:
        """Seconds left of a fit of ``total`` batches (``steps`` an epoch) when ``done`` are done.

        Paced by whole epochs, not batches: an epoch also validates and saves a checkpoint, which
        on cached features takes longer than all its batches, so a pace of batches alone gave a
        first estimate ten times too short. The first epoch also compiles the network, so the pace
        is measured from its end: None ("estimating") until a second epoch has ended.
        """
        if done >= total:
            return 0.0
        ends = self._epoch_ends
        if len(ends) < 2 or steps <= 0:
            return None
        per_epoch = (ends[-1] - ends[0]) / (len(ends) - 1)
        return max(0.0, per_epoch * (total - done) / steps)

    def plan_passes(self, images: list[float]) -> None:
        """The feature phase makes these passes (images each, in order; :meth:`next_pass` starts
        each), so its time left counts the passes still to come, not only the one under way."""
        self._passes, self._pass = [float(n) for n in images], -1

    def next_pass(self) -> None:
        """The next planned feature pass begins (a pass read from the cache reports no batch)."""
        self._pass += 1

    def feature_batch(self, done: int, total: int) -> None:
        passes, index = self._passes, self._pass
        if passes and 0 <= index < len(passes) and total > 0 and sum(passes) > 0:
            scale = 1000.0 / sum(passes)  # the phase's work in thousandths, every pass counted
            before = sum(passes[:index]) * scale
            eta = self.eta(before + passes[index] * scale * done / total, 1000)
            if index == 0 and len(passes) > 1 and done < total:
                # each later pass also starts a reader and a traced graph of its own (seconds on
                # small folders): the first pass's pace alone said a third of the truth, so the
                # estimate waits for the second pass, whose pace has one such start in it
                eta = None
        else:
            eta = self.eta(done, total)
        self.emit(TrainEvent(kind="batch", phase=self.phase, batch=done, batches=total, eta_s=eta))

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
