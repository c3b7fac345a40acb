"""The Keras callbacks of every fit tlstudio runs: progress that stops by flag, and the loss guard.

This module imports Keras (its classes subclass ``keras.callbacks.Callback``): import it where a
model trains, not at the top of a light module.
"""

from __future__ import annotations

import math
from typing import Callable

import keras

from tlstudio.core.training.events import Reporter, StopFlag, TrainEvent

#: ``on_epoch(epoch, metrics)``: a finished epoch (from 1) and its loss and accuracy figures.
EpochHandler = Callable[[int, dict[str, float]], None]


class ProgressCallback(keras.callbacks.Callback):
    """Asks Keras to stop (``model.stop_training = True``) at the end of the batch during which
    ``should_stop()`` became true — never an exception across Keras — and, with a
    ``reporter``, reports every batch and every finished epoch as :class:`TrainEvent` objects.

    ``epochs`` and ``steps`` (batches per epoch) are the phase's plan, ``initial_epoch`` where a
    resumed phase starts. ``on_epoch(epoch, metrics)`` is called for each finished epoch before
    its event (a run checkpoints there). ``halted()``: training was stopped for a fault (see
    :class:`LossGuard`); the batch that caused it and the interrupted epoch are neither
    reported nor counted. An epoch the user stopped is not a finished epoch either.
    """

    def __init__(self, should_stop: StopFlag, *, reporter: Reporter | None = None, phase: str = "",
                 epochs: int = 0, steps: int = 0, initial_epoch: int = 0, on_epoch: EpochHandler | None = None,
                 halted: Callable[[], bool] | None = None) -> None:
        super().__init__()
        self.should_stop = should_stop
        self.reporter = reporter
        self.phase = phase
        self.epochs = epochs
        self.steps = steps
        self.initial_epoch = initial_epoch
        self.on_epoch = on_epoch
        self.halted = halted or (lambda: False)
        self.epoch = initial_epoch
        self.stopped = False

    def on_epoch_begin(self, epoch: int, logs: dict | None = None) -> None:
        self.epoch = epoch

    def on_train_batch_end(self, batch: int, logs: dict | None = None) -> None:
        if self.halted():
            return
        if self.reporter is not None:
            done = (self.epoch - self.initial_epoch) * self.steps + batch + 1
            total = (self.epochs - self.initial_epoch) * self.steps
            metrics = {k: float(v) for k, v in (logs or {}).items() if k in ("loss", "accuracy")}
            self.reporter.emit(TrainEvent(kind="batch", phase=self.phase, epoch=self.epoch + 1, epochs=self.epochs,
                                          batch=batch + 1, batches=self.steps, metrics=metrics,
                                          eta_s=self.reporter.fit_eta(done, total, self.steps)))
        if self.should_stop():
            self.stopped = True
            self.model.stop_training = True

    def on_epoch_end(self, epoch: int, logs: dict | None = None) -> None:
        if self.stopped or self.halted():
            return  # Keras still ends the interrupted epoch; it is not a finished epoch
        metrics = {k: float(v) for k, v in (logs or {}).items() if k in ("loss", "accuracy", "val_loss", "val_accuracy")}
        if self.on_epoch is not None:
            self.on_epoch(epoch + 1, metrics)
        if self.reporter is not None:
            done = (epoch + 1 - self.initial_epoch) * self.steps
            total = (self.epochs - self.initial_epoch) * self.steps
            self.reporter.epoch_ended()
            self.reporter.emit(TrainEvent(kind="epoch", phase=self.phase, epoch=epoch + 1, epochs=self.epochs,
                                          metrics=metrics, eta_s=self.reporter.fit_eta(done, total, self.steps)))


class LossGuard(keras.callbacks.Callback):
    """Stops training at the first batch whose loss is NaN or infinite.

    Backend-neutral: it reads the loss Keras reports after each batch (``math.isfinite``, no
    backend op). Keras's own ``TerminateOnNaN`` stops too but cannot say where; this one keeps
    ``problem = (epoch, batch, loss)`` (1-based) for the run's error message."""

    def __init__(self, initial_epoch: int = 0) -> None:
        super().__init__()
        self.epoch = initial_epoch
        self.problem: tuple[int, int, float] | None = None

    def on_epoch_begin(self, epoch: int, logs: dict | None = None) -> None:
        self.epoch = epoch

    def on_train_batch_end(self, batch: int, logs: dict | None = None) -> None:
        loss = (logs or {}).get("loss")
        if loss is None or self.problem is not None:
            return
        value = float(loss)
        if not math.isfinite(value):
            self.problem = (self.epoch + 1, batch + 1, value)
            self.model.stop_training = True


class RateRecorder(keras.callbacks.Callback):
    """Keeps the learning rate each epoch started at (``rates[epoch]``, epochs from 1): with a
    schedule the rate moves during a phase, and ``history.csv`` says where each epoch began."""

    def __init__(self) -> None:
        super().__init__()
        self.rates: dict[int, float] = {}

    def on_epoch_begin(self, epoch: int, logs: dict | None = None) -> None:
        self.rates[epoch + 1] = float(keras.ops.convert_to_numpy(self.model.optimizer.learning_rate))
