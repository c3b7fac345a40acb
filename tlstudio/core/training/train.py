"""The training run: one Qt-free entry point used by the CLI and the desktop app.

``train(config, on_event=..., should_stop=...) -> RunResult`` checks the images, splits them,
builds the classifier, trains it in phases, evaluates it on the test images and saves the run
folder. Progress goes out as small immutable :class:`TrainEvent` objects; the CLI passes a
printer, the GUI a signal's ``emit``. Cancel by making ``should_stop()`` return True: it is
polled every batch, Keras is asked to stop with ``model.stop_training`` (never an exception
across Keras), and the run ends as ``"cancelled"`` with its folder consistent.

Phases by mode:

* ``scratch``: the whole network trains on images (augmentation in the input pipeline).
* ``transfer``: the backbone's outputs are computed once (feature cache) and the head trains
  on them.
* ``finetune``: the transfer phase first (``head``); then the backbone is unfrozen from the
  cutoff and training continues (``finetune``) at ``learning_rate * finetune_lr_factor``, with
  BatchNorm in inference mode. The frozen part below the cutoff is cut at the nearest clean
  point and its outputs are cached too, so each fine-tune epoch runs only the trainable top.
  If fine-tuning does not beat the head-only model on validation, the head-only weights are
  kept and the run says so.

Every phase starts at its learning rate and keeps it, or lowers it along a cosine to 0 at the
phase's last planned epoch (``TrainConfig.lr_schedule``); ``history.csv`` gives the rate each
epoch started at.

After the test images are scored, the run is calibrated (``core.evaluation.calibration``): a temperature is
fitted on the validation images' predictions and its effect measured on the test predictions;
``calibration.json`` and ``reliability.png`` go into the run folder, and a short summary into
``metrics.json`` and :class:`RunResult`.

Faults end a run in plain words and lose nothing that was finished (the run folder keeps its
config, split, history and last checkpoint, and says ``failed`` with the reason):

* a loss that becomes NaN or infinite stops training at that batch (:func:`_loss_guard`);
* out of memory (any backend, :func:`is_out_of_memory`) retries with half the batch size, from
  the last checkpoint, down to 1; ``config.json`` is updated and the notes say so;
* an image that can no longer be read (the folder moved, renamed, removed, its drive
  disconnected) names the file and says how to resume;
* a full disk or a folder that cannot be written to while saving keeps the earlier files.
"""

from __future__ import annotations

import contextlib
import gc
import json
import math
import os
import re
import time
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Sequence

import numpy as np

from tlstudio.core.config import HeadConfig, RunConfig
from tlstudio.core.errors import ConfigError, DatasetError, RunError, TlStudioError
from tlstudio.core.models import accel
from tlstudio.core.training.session import releases_memory

if TYPE_CHECKING:
    import keras

    from tlstudio.core.data.records import ImageRecord, Split
    from tlstudio.core.evaluation.metrics import Evaluation

EventHandler = Callable[["TrainEvent"], None]
StopFlag = Callable[[], bool]
#: The trained model's probabilities for the "val" or "test" images (in split order).
Predictor = Callable[[str], np.ndarray]

#: The small CNN of the reference experiment: Flatten -> Dense -> Dense -> Dense(n, softmax).
SCRATCH_HEAD = HeadConfig(pooling="flatten", dense=(128, 64), dropout=0.0)


@dataclass(frozen=True)
class TrainEvent:
    """One piece of progress news. Small and immutable: it crosses threads."""

    kind: str  # "phase" | "epoch" | "batch" | "status"
    phase: str  # "scan" | "features" | "head" | "finetune" | "scratch" | "evaluate" | "save"
    epoch: int = 0
    epochs: int = 0
    batch: int = 0
    batches: int = 0
    metrics: dict[str, float] = field(default_factory=dict)
    eta_s: float | None = None
    message: str = ""


@dataclass(frozen=True)
class RunResult:
    """What a finished (or cancelled) run produced."""

    run_dir: Path | None  # None only when stopped before the run folder was made
    status: str  # "finished" | "cancelled"
    config: RunConfig
    class_names: tuple[str, ...]
    history: dict[str, list]
    evaluation: "Evaluation | None"
    timings: dict[str, float]
    notes: tuple[str, ...] = ()
    #: temperature, ece_before, ece_after, threshold (``core.evaluation.calibration``); None without one
    calibration: dict[str, float] | None = None

    @property
    def test_accuracy(self) -> float | None:
        return None if self.evaluation is None else self.evaluation.accuracy

    def to_dict(self) -> dict[str, Any]:
        return {
            "run_dir": None if self.run_dir is None else str(self.run_dir),
            "status": self.status,
            "mode": self.config.model.mode,
            "backbone": self.config.model.backbone,
            "classes": list(self.class_names),
            "test_accuracy": self.test_accuracy,
            "evaluation": None if self.evaluation is None else self.evaluation.to_dict(),
            "timings": self.timings,
            "notes": list(self.notes),
            "calibration": self.calibration,
        }


TENSORBOARD_FOLDER = "tensorboard"


def tensorboard_available() -> bool:
    """True when the ``tensorboard`` package (which writes TensorBoard's log files) is installed."""
    import importlib.util

    return importlib.util.find_spec("tensorboard") is not None


def _check_tensorboard(config: RunConfig) -> None:
    """Refuse TensorBoard logs before any work when the package that writes them is missing."""
    if config.train.tensorboard and not tensorboard_available():
        raise ConfigError("TensorBoard logs were asked for, but the tensorboard package is not installed.",
                          hint="Install it (pip install tensorboard) or switch the TensorBoard logs off.")


def describe_device() -> str:
    """"CPU", or the name of the GPU Keras trains on (any backend)."""
    import keras

    backend = keras.backend.backend()
    try:
        if backend == "tensorflow":
            import tensorflow as tf

            gpus = tf.config.list_physical_devices("GPU")
            if gpus:
                details = tf.config.experimental.get_device_details(gpus[0])
                return str(details.get("device_name", "GPU"))
        elif backend == "torch":
            import torch

            if torch.cuda.is_available():
                return torch.cuda.get_device_name(0)
        elif backend == "jax":
            import jax

            device = jax.devices()[0]
            if device.platform != "cpu":
                return str(getattr(device, "device_kind", device.platform))
    except Exception:  # a broken driver must not stop a CPU run
        return "CPU"
    return "CPU"


#: Exception class names that mean "out of memory": TensorFlow's ResourceExhaustedError,
#: PyTorch's OutOfMemoryError (``torch.OutOfMemoryError``, ``torch.cuda.OutOfMemoryError``).
_OOM_CLASS_NAMES = frozenset({"ResourceExhaustedError", "OutOfMemoryError"})
#: Messages that mean "out of memory" when the class does not say it: PyTorch's RuntimeError
#: "CUDA out of memory" / "CUDA error: out of memory" / "MPS backend out of memory", JAX's
#: XlaRuntimeError "RESOURCE_EXHAUSTED: Out of memory...", TensorFlow's "OOM when allocating"
#: and "Dst tensor is not initialized" (a GPU copy that found no memory), cuDNN/cuBLAS
#: "..._STATUS_ALLOC_FAILED".
_OOM_MESSAGE = re.compile(r"out of memory|RESOURCE_EXHAUSTED|OOM when allocating|Dst tensor is not initialized|"
                          r"STATUS_ALLOC_FAILED", re.IGNORECASE)


def is_out_of_memory(exc: BaseException) -> bool:
    """True when ``exc`` (or what caused it) says the computer or the GPU ran out of memory.

    Works for every Keras backend without importing any: Python's ``MemoryError``, and the
    backends' errors recognised by class name and message. tlstudio's own errors never count
    (tlstudio has already decided what those mean)."""
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen and not isinstance(current, TlStudioError):
        seen.add(id(current))
        if isinstance(current, MemoryError) or any(cls.__name__ in _OOM_CLASS_NAMES for cls in type(current).__mro__):
            return True
        if _OOM_MESSAGE.search(str(current)[:4000]):
            return True
        current = current.__cause__ or current.__context__
    return False


def scratch_config(config: RunConfig) -> RunConfig:
    """The reference baseline: the small CNN from random weights, at its usual 150 px."""
    model = replace(config.model, backbone="scratch_cnn", mode="scratch", cutoff=None, weights=None,
                    image_size=None, head=SCRATCH_HEAD)
    return config.replace(model=model)


# ----------------------------------------------------------------------------- internals


class _Reporter:
    """Turns Keras callbacks and feature-pass batches into TrainEvents, with an ETA."""

    def __init__(self, emit: EventHandler, should_stop: StopFlag) -> None:
        self.emit = emit
        self.should_stop = should_stop
        self.phase = ""
        self.phase_start = 0.0

    def start_phase(self, phase: str, message: str, epochs: int = 0) -> None:
        self.phase = phase
        self.phase_start = time.monotonic()
        self.emit(TrainEvent(kind="phase", phase=phase, epochs=epochs, message=message))

    def status(self, message: str) -> None:
        self.emit(TrainEvent(kind="status", phase=self.phase, message=message))

    def eta(self, done: int, total: int) -> float | None:
        if done <= 0:
            return None
        elapsed = time.monotonic() - self.phase_start
        return max(0.0, elapsed / done * (total - done))

    def feature_batch(self, done: int, total: int) -> None:
        self.emit(TrainEvent(kind="batch", phase=self.phase, batch=done, batches=total, eta_s=self.eta(done, total)))


def _progress_callback(reporter: _Reporter, phase: str, epochs: int, steps: int, initial_epoch: int,
                       on_epoch: Callable[[int, dict[str, float]], None],
                       halted: Callable[[], bool] = lambda: False) -> "keras.callbacks.Callback":
    """``halted()``: training was stopped for a fault (see :func:`_loss_guard`); the batch
    that caused it and the interrupted epoch are neither reported nor checkpointed."""
    import keras

    class Progress(keras.callbacks.Callback):
        """Reports batches and epochs; asks Keras to stop when the user pressed Stop."""

        def __init__(self) -> None:
            super().__init__()
            self.epoch = initial_epoch
            self.stopped = False

        def on_epoch_begin(self, epoch: int, logs: dict | None = None) -> None:
            self.epoch = epoch

        def on_train_batch_end(self, batch: int, logs: dict | None = None) -> None:
            if halted():
                return
            done = (self.epoch - initial_epoch) * steps + batch + 1
            total = (epochs - initial_epoch) * steps
            metrics = {k: float(v) for k, v in (logs or {}).items() if k in ("loss", "accuracy")}
            reporter.emit(TrainEvent(kind="batch", phase=phase, epoch=self.epoch + 1, epochs=epochs,
                                     batch=batch + 1, batches=steps, metrics=metrics,
                                     eta_s=reporter.eta(done, total)))
            if reporter.should_stop():
                self.stopped = True
                self.model.stop_training = True

        def on_epoch_end(self, epoch: int, logs: dict | None = None) -> None:
            if self.stopped or halted():
                return  # Keras still ends the interrupted epoch; it is not a finished epoch
            metrics = {k: float(v) for k, v in (logs or {}).items()
                       if k in ("loss", "accuracy", "val_loss", "val_accuracy")}
            on_epoch(epoch + 1, metrics)
            done = (epoch + 1 - initial_epoch) * steps
            total = (epochs - initial_epoch) * steps
            reporter.emit(TrainEvent(kind="epoch", phase=phase, epoch=epoch + 1, epochs=epochs,
                                     metrics=metrics, eta_s=reporter.eta(done, total)))

    return Progress()


#: The phases that train, as a sentence says them.
_PHASE_WORDS = {"scratch": "training from scratch", "head": "training the head", "finetune": "fine-tuning"}


def _loss_guard(initial_epoch: int) -> "keras.callbacks.Callback":
    """A callback that stops training at the first batch whose loss is NaN or infinite.

    Backend-neutral: it reads the loss Keras reports after each batch (``math.isfinite``, no
    backend op). Keras's own ``TerminateOnNaN`` stops too but cannot say where; this one keeps
    ``problem = (epoch, batch, loss)`` (1-based) for the run's error message."""
    import keras

    class LossGuard(keras.callbacks.Callback):
        def __init__(self) -> None:
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

    return LossGuard()


def _diverged_error(phase: str, problem: tuple[int, int, float], epochs: int, steps: int,
                    learning_rate: float) -> RunError:
    """The run's error when the loss became NaN or infinite (what, where, why, what to do)."""
    epoch, batch, value = problem
    what = "NaN (not a number)" if math.isnan(value) else "infinite"
    where = _PHASE_WORDS.get(phase, phase)
    return RunError(
        f"Training stopped because the loss became {what} in epoch {epoch} of {epochs}, batch {batch} of {steps} "
        f"({where}): the model diverged and cannot learn from there.",
        hint=(f"The learning rate ({learning_rate:g}) is probably too high for these images, or some images are "
              f"broken. Start a new run with a lower learning rate, for example {learning_rate / 10:g} (a tenth), "
              "and check the images. The run folder keeps the epochs finished before this one."),
        details=f"loss={value!r} at phase={phase!r}, epoch={epoch}, batch={batch}")


def _array_batches(views: np.ndarray, labels: np.ndarray, num_classes: int, batch_size: int, *, shuffle: bool,
                   seed: int, rows: np.ndarray | None = None, mixup: float = 0.0) -> "keras.utils.PyDataset":
    """Batches from cached arrays of shape (views, n, ...). Each epoch every image appears once,
    as a randomly chosen view (so augmented views vary from epoch to epoch). ``rows``: train on
    these images only (indices into the arrays; repeats allowed), e.g. a learning curve's subset.

    ``mixup`` (the alpha of ``AugmentSpec.mixup``, 0 = off) blends each batch's cached outputs and
    one-hot labels pairwise (:func:`tlstudio.core.augmentation.augment.mixup_arrays`): mixup in feature space,
    since the images themselves were turned into backbone outputs once. Seeded per epoch and batch."""
    import keras

    from tlstudio.core.augmentation.augment import mixup_arrays

    chosen = np.arange(views.shape[1]) if rows is None else np.asarray(rows, dtype=np.int64)

    class ArrayBatches(keras.utils.PyDataset):
        def __init__(self) -> None:
            super().__init__()
            self.rng = np.random.default_rng(seed)
            self.epoch = 0
            self.n = len(chosen)
            self.onehot = np.eye(num_classes, dtype="float32")[labels]
            self._new_epoch()

        def _new_epoch(self) -> None:
            self.order = self.rng.permutation(self.n) if shuffle else np.arange(self.n)
            self.view = self.rng.integers(0, views.shape[0], size=self.n) if views.shape[0] > 1 else np.zeros(self.n, int)

        def __len__(self) -> int:
            return math.ceil(self.n / batch_size)

        def __getitem__(self, index: int) -> tuple[np.ndarray, np.ndarray]:
            positions = self.order[index * batch_size : (index + 1) * batch_size]
            positions = positions[np.argsort(chosen[positions], kind="stable")]  # ascending rows: fast memmap reads
            idx = chosen[positions]
            x = np.asarray(views[self.view[positions], idx], dtype="float32")
            if mixup > 0:
                return mixup_arrays(x, self.onehot[idx], mixup, np.random.default_rng((seed, self.epoch, index)))
            return x, self.onehot[idx]

        def on_epoch_end(self) -> None:
            self.epoch += 1
            self._new_epoch()

    return ArrayBatches()


class _Checkpointer:
    """Per-epoch checkpoint of the whole classifier plus where the run stands (for resume)."""

    def __init__(self, run_dir: Path, model: "keras.Model | None") -> None:
        self.dir = Path(run_dir) / "checkpoints"
        self.model = model

    def save(self, state: dict[str, Any]) -> None:
        """Save the weights and ``state`` so that the previous checkpoint stays whole until both
        new files are complete: both are written to temporary files first (this is where a full
        disk or a folder that cannot be written to fails, raising :class:`RunError`), then
        renamed, weights first (a crash between the renames leaves newer weights with the older
        state: resuming repeats one epoch, nothing is lost)."""
        from tlstudio.core.outputs.workspace import atomic_write_json

        weights = self.dir / "last.weights.h5"
        tmp = self.dir / f"last-{os.getpid()}.tmp.weights.h5"
        pending = self.dir / f".state-{os.getpid()}.pending.json"
        try:
            self.dir.mkdir(parents=True, exist_ok=True)
            self.model.save_weights(tmp)
            atomic_write_json(pending, state)
            os.replace(tmp, weights)
            os.replace(pending, self.dir / "state.json")
        except BaseException as exc:
            for leftover in (tmp, pending):
                with contextlib.suppress(OSError):
                    leftover.unlink(missing_ok=True)
            cause = exc.__cause__ if isinstance(exc, RunError) else exc  # atomic_write_json wraps its OSError
            if isinstance(cause, OSError):
                raise _save_failed(self.dir, cause, self.dir.parent, what="save the checkpoint in") from exc
            raise

    def load_state(self) -> dict[str, Any] | None:
        path = self.dir / "state.json"
        if not path.exists() or not (self.dir / "last.weights.h5").exists():
            return None
        return json.loads(path.read_text())

    def restore_weights(self) -> None:
        self.model.load_weights(self.dir / "last.weights.h5")


def _can_resume(run_dir: Path) -> bool:
    return (Path(run_dir) / "checkpoints" / "state.json").is_file()


def _with_resume_advice(error: RunError, run_dir: Path) -> RunError:
    """``error`` (from saving a run's file) with how to go on: resume from the checkpoint."""
    if _can_resume(run_dir):
        advice = ("Nothing finished is lost: the run folder keeps its last checkpoint, and the run continues from "
                  f"there with: tlstudio train --resume {run_dir}")
    else:
        advice = "No epoch had finished yet: start the run again once its files can be saved."
    if error.hint and advice in error.hint:
        return error
    return RunError(error.message, hint=f"{error.hint or ''} {advice}".strip(), path=error.path, details=error.details)


def _save_failed(path: Path, exc: OSError, run_dir: Path, *, what: str = "save") -> RunError:
    """An OSError from saving one of a run's files, in plain words: the disk is full, the folder
    cannot be written to, or the system's reason; naming the file; saying how to go on."""
    from tlstudio.core.outputs.workspace import write_error

    return _with_resume_advice(write_error(Path(path), exc, what=what), run_dir)


@contextlib.contextmanager
def _saving(path: Path, run_dir: Path, what: str = "save") -> Any:
    """Around writes into the run folder: an OSError becomes :func:`_save_failed` naming
    ``path``; a :class:`RunError` from an atomic write gets the same advice."""
    try:
        yield
    except RunError as exc:
        advised = _with_resume_advice(exc, run_dir)
        if advised is exc:
            raise
        raise advised from exc
    except OSError as exc:
        raise _save_failed(path, exc, run_dir, what=what) from exc


class _Run:
    """One run's state while it trains (kept out of the public API)."""

    accel: Any = None  # core.models.accel.Acceleration of the attempt under way (set by _run_with_retries)
    synthetic: Any = None  # core.synthetic.synth.SyntheticAddition: synthetic training images, None without
    memory_limited = False  # True after running out of memory (see _halve_batch)

    def __init__(self, config: RunConfig, workspace: Path, emit: EventHandler, should_stop: StopFlag) -> None:
        self.config = config
        self.workspace = workspace
        self.reporter = _Reporter(emit, should_stop)
        self.should_stop = should_stop
        self.timings: dict[str, float] = {}
        self.rows: list[dict[str, Any]] = []
        self.notes: list[str] = []
        self.state: dict[str, Any] = self.fresh_state()

    @staticmethod
    def fresh_state() -> dict[str, Any]:
        """Where a run that has not trained yet stands (what ``checkpoints/state.json`` holds)."""
        return {"phases_done": [], "phase": None, "epochs_done": 0, "rows": []}

    # -- helpers ---------------------------------------------------------------------------
    def timed(self, name: str, start: float) -> None:
        self.timings[name] = self.timings.get(name, 0.0) + (time.monotonic() - start)

    def features(self, trunk: "keras.Model", records: Sequence["ImageRecord"], *, tag: str, views: int,
                 augment: bool, cut: str | None, pooled: bool) -> np.ndarray:
        from tlstudio.core.augmentation.augment import build_augmenter
        from tlstudio.core.data.records import dataset_fingerprint
        from tlstudio.core.models.features import FeatureCache, cache_key, extract_features, weights_identity

        cfg = self.config
        augmenter = build_augmenter(cfg.augment, seed=cfg.train.seed) if augment else None
        key = cache_key(
            data=dataset_fingerprint(records),
            backbone=cfg.model.backbone,
            weights=weights_identity(cfg.model.weights, cfg.train.seed),
            size=self.classifier.image_size,
            cut=cut,
            pooling=cfg.model.head.pooling if pooled else None,
            # mixup blends the cached outputs later, batch by batch: it does not change them
            augment={k: v for k, v in cfg.augment.to_dict().items() if k != "mixup"} if augment else None,
            views=views,
            seed=cfg.train.seed if augment else None,
            **({"precision": self.accel.precision} if self.accel is not None and self.accel.mixed else {}),
        )
        cache = FeatureCache(self.workspace / "cache" / "features")
        self.reporter.status(f"Computing features of {len(records)} {tag} images" + (f" ({views} augmented views each)" if views > 1 else ""))
        return extract_features(
            trunk, records, image_size=self.classifier.image_size, cache=cache,
            batch_size=self.accel.inference_batch_size if self.accel is not None else cfg.train.batch_size,
            key=key, views=views, augmenter=augmenter, seed=cfg.train.seed,
            on_batch=self.reporter.feature_batch, should_stop=self.should_stop,
            meta={"backbone": cfg.model.backbone, "cut": cut, "tag": tag},
        )

    def fit(self, model: "keras.Model", train_data: Any, val_data: Any, *, phase: str, epochs: int, lr: float,
            steps: int, class_weight: dict[int, float] | None, initial_epoch: int = 0) -> None:
        import keras

        optimizer = self.config.train.optimizer(lr, epochs=epochs, steps_per_epoch=steps, initial_epoch=initial_epoch)
        model.compile(optimizer=optimizer, loss=self.config.train.loss(),
                      metrics=["accuracy"], jit_compile=self.accel.jit_compile if self.accel is not None else "auto")
        started = time.monotonic()
        rates: dict[int, float] = {}  # epoch (from 1) -> the learning rate it started at

        def note_rate(epoch: int, logs: dict | None = None) -> None:
            rates[epoch + 1] = float(keras.ops.convert_to_numpy(optimizer.learning_rate))

        def on_epoch(epoch: int, metrics: dict[str, float]) -> None:
            row = {"phase": phase, "epoch": len(self.rows) + 1, "phase_epoch": epoch,
                   "learning_rate": round(rates.get(epoch, lr), 9),
                   "batch_size": self.config.train.batch_size, "seconds": round(time.monotonic() - started, 3),
                   **metrics}
            rows = [*self.rows, row]
            state = {**self.state, "phase": phase, "epochs_done": epoch, "rows": rows, "notes": list(self.notes)}
            with _saving(self.run.history_path, self.run.path):
                self.checkpointer.save(state)  # first: the checkpoint's state is what a resume trusts
                self.rows, self.state = rows, state
                self.run.append_history(row)

        guard = _loss_guard(initial_epoch)
        callbacks = [
            guard,  # first, so that the other callbacks see a bad batch as the end of training
            keras.callbacks.LambdaCallback(on_epoch_begin=note_rate),
            keras.callbacks.EarlyStopping(monitor="val_accuracy", patience=self.config.train.patience,
                                          restore_best_weights=True),
            _progress_callback(self.reporter, phase, epochs, steps, initial_epoch, on_epoch,
                               halted=lambda: guard.problem is not None),
        ]
        if self.config.train.tensorboard:
            # One log folder per phase: the head and the fine-tuned network are different models.
            callbacks.append(keras.callbacks.TensorBoard(log_dir=str(self.run.path / TENSORBOARD_FOLDER / phase),
                                                         write_graph=False))
        # The pipelines shuffle themselves (seeded, every epoch), so Keras is told not to.
        model.fit(train_data, validation_data=val_data, epochs=epochs, initial_epoch=initial_epoch,
                  callbacks=callbacks, class_weight=class_weight, shuffle=False, verbose=0)
        if guard.problem is not None:
            raise _diverged_error(phase, guard.problem, epochs, steps, self.config.train.learning_rate)

    def best(self, phase: str) -> tuple[float, float]:
        rows = [r for r in self.rows if r["phase"] == phase and "val_accuracy" in r]
        if not rows:
            return (-1.0, 0.0)
        best = max(rows, key=lambda r: (r["val_accuracy"], -r.get("val_loss", 0.0)))
        return (best["val_accuracy"], -best.get("val_loss", 0.0))


def _class_weights(labels: np.ndarray, num_classes: int) -> dict[int, float]:
    from sklearn.utils.class_weight import compute_class_weight

    present = np.unique(labels)
    weights = compute_class_weight("balanced", classes=present, y=labels)
    result = {int(c): 1.0 for c in range(num_classes)}
    result.update({int(c): float(w) for c, w in zip(present, weights)})
    return result


def _labels(records: Sequence["ImageRecord"]) -> np.ndarray:
    return np.array([r.label for r in records], dtype="int64")


# ----------------------------------------------------------------------------- public API


@releases_memory
def train(
    config: RunConfig,
    *,
    workspace: Path | str | None = None,
    on_event: EventHandler | None = None,
    should_stop: StopFlag | None = None,
    split: "Split | None" = None,
    resume: Path | str | None = None,
    bad_files: Sequence[Any] = (),
) -> RunResult:
    """Train, evaluate and save one run. See the module docstring for the phases.

    ``split``: reuse a split already made (``compare`` does, so all modes see the same
    images), with ``bad_files`` the files its check skipped. ``resume``: the folder of an
    interrupted run to continue from its last checkpoint (its own config and split are used;
    ``config`` is ignored). The skipped files are saved in the run folder (``bad_files.json``).

    ``config.synthetic``: an accepted synthetic set is checked against this run's folder and split
    (``core.synthetic.synth.synthetic_for_run``) and its chosen images are added to the training images only;
    ``split.json`` lists them apart (``synthetic``), ``metrics.json`` counts them.
    """
    from tlstudio.core.data.records import Split
    from tlstudio.core.data.scan import scan_dataset
    from tlstudio.core.data.split import make_split
    from tlstudio.core.outputs.runs import RunFolder, load_run
    from tlstudio.core.outputs.workspace import default_workspace

    emit = on_event or (lambda event: None)
    stop = should_stop or (lambda: False)
    workspace = Path(workspace) if workspace is not None else default_workspace()
    started = time.monotonic()

    if resume is not None:
        loaded = load_run(resume)
        config = RunConfig.from_dict(loaded.config)
        split = Split.from_dict(json.loads((Path(resume) / "split.json").read_text()))
        run_folder = RunFolder(Path(resume))
    _check_tensorboard(config)
    job = _Run(config, workspace, emit, stop)
    rep = job.reporter

    if split is None:
        rep.start_phase("scan", "Checking the images")
        t = time.monotonic()
        from tlstudio.core.data.records import ScanCancelled

        try:
            scan = scan_dataset(config.data, on_progress=lambda d, n: emit(TrainEvent(kind="batch", phase="scan", batch=d, batches=n)),
                                should_stop=stop)
        except ScanCancelled:
            return RunResult(None, "cancelled", config, (), _history_columns([]), None, {"total": time.monotonic() - started})
        for bad in scan.bad_files:
            rep.status(f"Skipped {bad.path}: {bad.reason}")
        bad_files = scan.bad_files
        split = make_split(scan, config.split)
        job.timed("scan", t)

    if not split.test:
        raise DatasetError("No image is kept aside for testing (test share 0), so the model could not be tested.",
                           hint="Set a test share of 0.15 or more (Dataset tab, or --test 0.15), or add a "
                                "test/ folder with one subfolder per class.", path=config.data)
    synthetic = _synthetic_images(config, split)
    if resume is None:
        run_folder = RunFolder.create(workspace, config.to_dict(), name=config.name or _default_name(config),
                                      data_root=config.data)
        run_folder.write_split({**split.to_dict(), **({} if synthetic is None else {
            "synthetic": [r.to_dict() for r in synthetic.records], "synthetic_set": synthetic.to_dict()})})
        run_folder.write_classes(list(split.classes))
        from tlstudio.core.outputs.workspace import atomic_write_json

        atomic_write_json(run_folder.path / "bad_files.json", [
            {k: _printable(v) for k, v in b.to_dict().items()} for b in bad_files])
    job.run = run_folder
    run_folder.write_status("running", device=describe_device())
    if synthetic is not None:
        job.synthetic = synthetic
        rep.status(f"Adding {len(synthetic.records)} synthetic images to the {len(split.train)} real training images "
                   "(never to validation or test)")
        split = replace(split, train=split.train + synthetic.records)

    try:
        return _run_with_retries(job, split, run_folder, resume, started)
    except BaseException as exc:
        # A crash or a bad file mid-run: the folder says so (and keeps its last checkpoint,
        # from which ``train(..., resume=folder)`` continues).
        with contextlib.suppress(Exception):
            if isinstance(exc, KeyboardInterrupt):
                run_folder.write_status("cancelled", epochs_done=len(job.rows))
            else:
                run_folder.write_status("failed", error=f"{type(exc).__name__}: {exc}"[:2000],
                                        epochs_done=len(job.rows))
        raise


def _synthetic_images(config: RunConfig, split: "Split") -> Any:
    """The synthetic images this run adds to its training images (``core.synthetic.synth.SyntheticAddition``),
    None without; refused in plain words when the set does not fit this run (another folder or
    split, a class the folder lacks, a missing set). Only ever added to the training images."""
    if not config.synthetic.active:
        return None
    from tlstudio.core.synthetic.synth import synthetic_for_run

    return synthetic_for_run(config.synthetic, config.data, config.split, split, seed=config.train.seed)


def _run_with_retries(job: "_Run", split: "Split", run_folder: Any, resume: Path | str | None,
                      started: float) -> RunResult:
    """:func:`_run_phases`; after running out of memory, again with half the batch size (see
    :func:`_halve_batch`); an image that can no longer be read becomes a :class:`RunError` in
    plain words (:func:`_unreadable_image`)."""
    while True:
        try:
            plan = accel.plan(job.config.train)
            if job.memory_limited:  # the feature passes' larger GPU batch would run out of memory again
                plan = replace(plan, inference_batch_size=job.config.train.batch_size)
            with accel.applied(plan) as job.accel:
                job.reporter.status(f"Training on {job.accel.describe()}")
                return _run_phases(job, job.config, split, run_folder, resume, started)
        except Exception as exc:
            if not is_out_of_memory(exc):
                unreadable = _unreadable_image(exc, job.config, run_folder.path)
                if unreadable is None:
                    raise
                raise unreadable from exc
            failure = f"{type(exc).__name__}: {exc}"[:2000]
        # Outside the except block, so the failed attempt's network and tensors can be freed.
        resume = _halve_batch(job, run_folder, failure)


def _halve_batch(job: "_Run", run_folder: Any, failure: str) -> Path | None:
    """After running out of memory: the run again with half the batch size, said in a status
    event and the notes, and written to ``config.json`` (a repeat then uses the size that
    worked). Returns the folder to resume from, or None to start again when no epoch has been
    checkpointed. Below 1 there is nothing left to halve: a :class:`RunError` says what to do."""
    size = job.config.train.batch_size
    if size <= 1:
        raise RunError("There is not enough memory to train this model, even with a batch size of 1.",
                       hint="Use a smaller image size or a lighter backbone (for example MobileNetV2 or "
                            "EfficientNet-Lite0), or close other programs that use the memory of the graphics card, "
                            "then start a new run.",
                       path=str(run_folder.path), details=failure)
    smaller = size // 2
    state = _Checkpointer(run_folder.path, None).load_state()
    where = f"from the checkpoint after epoch {len(state.get('rows', []))}" if state else "from the start"
    note = f"Out of memory with batch size {size}: retrying with batch size {smaller}, {where}."
    job.notes.append(note)
    job.reporter.status(note)
    job.memory_limited = True
    job.config = job.config.replace(train=replace(job.config.train, batch_size=smaller))
    with _saving(run_folder.config_path, run_folder.path):
        run_folder.write_config(job.config.to_dict())
    job.classifier = job.checkpointer = None
    if state is None:
        job.rows, job.state = [], _Run.fresh_state()
    gc.collect()
    return run_folder.path if state else None


def _run_phases(job: "_Run", config: RunConfig, split: "Split", run_folder: Any, resume: Path | str | None,
                started: float) -> RunResult:
    """The phases of one run after its folder exists (see :func:`train`)."""
    import keras

    rep, stop = job.reporter, job.should_stop
    classes = tuple(split.classes)
    num_classes = len(classes)
    keras.utils.set_random_seed(config.train.seed)
    from tlstudio.core.models.classifier import apply_freeze, build_classifier, resolve_cutoff

    rep.status("Building the network")
    classifier = build_classifier(config.model, num_classes)
    job.classifier = classifier
    job.checkpointer = _Checkpointer(run_folder.path, classifier.model)
    if resume is not None:
        resume_state = job.checkpointer.load_state()
        if resume_state is None:
            raise RunError(f"The run in {resume} has no checkpoint to resume from.",
                           hint="Start a new run instead.", path=str(resume))
        job.checkpointer.restore_weights()
        job.rows = list(resume_state.get("rows", []))
        job.state = dict(resume_state)
        job.notes = list(dict.fromkeys([*resume_state.get("notes", []), *job.notes]))
        with _saving(run_folder.history_path, run_folder.path):
            _sync_history(run_folder, job.rows)
        rep.status(f"Resuming after {len(job.rows)} finished epochs")

    tr = config.train
    y_train, y_val, y_test = _labels(split.train), _labels(split.val), _labels(split.test)
    class_weight = _class_weights(y_train, num_classes) if tr.class_weights else None
    augment = config.augment.changes_images
    cancelled = False
    predict: Predictor
    from tlstudio.core.models.features import Cancelled

    def done_epochs(phase: str) -> int:
        if phase in job.state.get("phases_done", []):
            return -1
        return job.state.get("epochs_done", 0) if job.state.get("phase") == phase else 0

    try:
        if config.model.mode == "scratch":
            predict, cancelled = _train_on_images(job, classifier, split, phase="scratch", epochs=tr.epochs,
                                                       lr=tr.learning_rate, class_weight=class_weight,
                                                       initial_epoch=max(0, done_epochs("scratch")))
        else:
            # Phase 1: the head on cached backbone outputs.
            apply_freeze(classifier.backbone, config.model, phase="head")
            pooled = classifier.pools_features
            trunk = classifier.trunk_model(None, pool=pooled)
            rep.start_phase("features", "Computing backbone features once (cached)")
            t = time.monotonic()
            views = tr.augment_views if augment else 1
            f_train = job.features(trunk, split.train, tag="training", views=views, augment=augment, cut=None, pooled=pooled)
            f_val = job.features(trunk, split.val, tag="validation", views=1, augment=False, cut=None, pooled=pooled)
            f_test = job.features(trunk, split.test, tag="test", views=1, augment=False, cut=None, pooled=pooled)
            job.timed("features", t)
            head = classifier.head_model(tuple(f_train.shape[2:]), pooled=pooled)
            pooled_features = {"val": f_val, "test": f_test}
            predict = lambda part: head.predict(np.asarray(pooled_features[part][0], "float32"), batch_size=256,  # noqa: E731
                                                verbose=0)
            if done_epochs("head") >= 0:
                rep.start_phase("head", "Training the head (backbone frozen)", tr.epochs)
                t = time.monotonic()
                train_data = _array_batches(f_train, y_train, num_classes, tr.batch_size, shuffle=True, seed=tr.seed,
                                            mixup=config.augment.mixup)
                val_data = _array_batches(f_val, y_val, num_classes, tr.batch_size, shuffle=False, seed=tr.seed)
                job.fit(head, train_data, val_data, phase="head", epochs=tr.epochs, lr=tr.learning_rate,
                        steps=len(train_data), class_weight=class_weight, initial_epoch=done_epochs("head"))
                job.timed("head", t)
                cancelled = stop()
                job.state["phases_done"] = job.state.get("phases_done", []) + ["head"]
                job.state.update(phase=None, epochs_done=0)

            if config.model.mode == "finetune" and not cancelled:
                predict, cancelled = _finetune(job, classifier, split, predict, class_weight,
                                                    initial_epoch=max(0, done_epochs("finetune")))
    except Cancelled:
        cancelled = True

    if cancelled:
        return _finish_cancelled(job, classes, started)

    rep.start_phase("evaluate", "Testing on images the model has never seen")
    t = time.monotonic()
    from tlstudio.core.evaluation.metrics import evaluate_predictions, save_confusion_png, save_curves_png

    probs = np.asarray(predict("test"))
    evaluation = evaluate_predictions(y_test, probs, list(classes), [r.path for r in split.test], seed=tr.seed)
    calibration = _calibrate(job, run_folder.path, predict, y_val, y_test, probs)
    job.timed("evaluate", t)

    rep.start_phase("save", "Saving the run")
    t = time.monotonic()
    with _saving(run_folder.model_path, run_folder.path):
        run_folder.save_model(classifier.model)
    history = _history_columns(job.rows)
    job.timings["total"] = time.monotonic() - started
    n_synthetic = 0 if job.synthetic is None else len(job.synthetic.records)
    metrics = {
        **evaluation.to_dict(),
        "mode": config.model.mode,
        "backbone": config.model.backbone,
        "cutoff": resolve_cutoff(config.model),
        "image_size": classifier.image_size,
        "batch_size": config.train.batch_size,
        "device": describe_device(),
        "acceleration": job.accel.to_dict(),
        # "train" counts every training image; "synthetic" says how many of them were synthetic
        "counts": {"train": len(split.train), "val": len(split.val), "test": len(split.test),
                   **({"synthetic": n_synthetic} if n_synthetic else {})},
        "synthetic": None if job.synthetic is None else job.synthetic.to_dict(),
        "timings": job.timings,
        "notes": job.notes,
    }
    with _saving(run_folder.path, run_folder.path):  # each file is written atomically; an error names it
        save_confusion_png(evaluation, run_folder.path / "confusion.png")
        save_confusion_png(evaluation, run_folder.path / "confusion_normalized.png", normalized=True)
        save_curves_png(history, run_folder.path / "curves.png")
        if calibration is not None:
            from tlstudio.core.evaluation.calibration_files import (
                RELIABILITY_FILE,
                save_calibration,
                save_reliability_png,
            )

            save_calibration(calibration, run_folder.path)
            save_reliability_png(calibration, run_folder.path / RELIABILITY_FILE)
            metrics["calibration"] = calibration.summary()
        job.timed("save", t)
        metrics["timings"] = job.timings
        run_folder.write_metrics(metrics)
        run_folder.write_status("finished", test_accuracy=evaluation.accuracy)
    rep.status(f"Test accuracy {evaluation.accuracy:.1%}")
    return RunResult(run_folder.path, "finished", config, classes, history, evaluation, dict(job.timings), tuple(job.notes),
                     calibration=None if calibration is None else calibration.summary())


def _calibrate(job: _Run, run_dir: Path, predict: Predictor, y_val: np.ndarray, y_test: np.ndarray,
               test_probs: np.ndarray) -> Any:
    """Temperature fitted on the validation images (one more pass over them), ECE before and
    after on the test images already predicted. None without validation or test images. A
    threshold already saved in the run folder (a resumed run) is kept; otherwise it is 0."""
    if y_val.size == 0 or y_test.size == 0:
        return None
    from tlstudio.core.evaluation.calibration import calibrate
    from tlstudio.core.evaluation.calibration_files import load_calibration

    job.reporter.status("Measuring calibration (temperature fitted on the validation images)")
    val_probs = np.asarray(predict("val"))
    previous = None
    with contextlib.suppress(RunError):  # a damaged old file is replaced
        previous = load_calibration(run_dir)
    calibration = calibrate(val_probs, y_val, test_probs, y_test, kind="probs",
                            threshold=previous.threshold if previous is not None else 0.0)
    job.reporter.status(f"Calibration: temperature {calibration.temperature:.2f}, expected calibration error "
                        f"{calibration.ece_before:.1%} before scaling, {calibration.ece_after:.1%} after")
    return calibration


def _finetune(job: _Run, classifier: Any, split: "Split", predict_head: Predictor,
              class_weight: dict[int, float] | None, *, initial_epoch: int) -> tuple[Predictor, bool]:
    """Phase 2: unfreeze from the cutoff, lower the learning rate, keep BN in inference mode."""
    from tlstudio.core.models.classifier import apply_freeze, cache_point, resolve_cutoff

    config = job.config
    tr = config.train
    rep = job.reporter
    num_classes = len(split.classes)
    y_train, y_val = _labels(split.train), _labels(split.val)
    cutoff = resolve_cutoff(config.model)
    apply_freeze(classifier.backbone, config.model, phase="finetune")
    head_best = job.best("head")
    snapshot = classifier.model.get_weights()
    lr = tr.learning_rate * tr.finetune_lr_factor
    cut = cache_point(classifier.backbone, cutoff)
    epochs = tr.phase2_epochs
    if cut is None:
        return _train_on_images(job, classifier, split, phase="finetune", epochs=epochs, lr=lr,
                                class_weight=class_weight, initial_epoch=initial_epoch,
                                fallback=(snapshot, head_best, predict_head))

    rep.start_phase("features", f"Computing the frozen layers' outputs once (up to {cut})")
    t = time.monotonic()
    augment = config.augment.changes_images
    trunk = classifier.trunk_model(cut, pool=False)
    views = tr.augment_views if augment else 1
    c_train = job.features(trunk, split.train, tag="training", views=views, augment=augment, cut=cut, pooled=False)
    c_val = job.features(trunk, split.val, tag="validation", views=1, augment=False, cut=cut, pooled=False)
    c_test = job.features(trunk, split.test, tag="test", views=1, augment=False, cut=cut, pooled=False)
    job.timed("features", t)
    top = classifier.top_model(cut)
    rep.start_phase("finetune", f"Fine-tuning from {cutoff} at a {1 / tr.finetune_lr_factor:g}x lower learning rate", epochs)
    t = time.monotonic()
    train_data = _array_batches(c_train, y_train, num_classes, tr.batch_size, shuffle=True, seed=tr.seed + 1,
                                mixup=config.augment.mixup)
    val_data = _array_batches(c_val, y_val, num_classes, tr.batch_size, shuffle=False, seed=tr.seed)
    job.fit(top, train_data, val_data, phase="finetune", epochs=epochs, lr=lr, steps=len(train_data),
            class_weight=class_weight, initial_epoch=initial_epoch)
    job.timed("finetune", t)
    cancelled = job.should_stop()
    cut_features = {"val": c_val, "test": c_test}
    predict_top = lambda part: top.predict(np.asarray(cut_features[part][0], "float32"), batch_size=64, verbose=0)  # noqa: E731
    return _keep_better(job, classifier, snapshot, head_best, predict_head, predict_top), cancelled


def _keep_better(job: _Run, classifier: Any, snapshot: list, head_best: tuple[float, float],
                 predict_head: Predictor, predict_ft: Predictor) -> Predictor:
    """Keep fine-tuned weights only if they beat the head-only model on validation."""
    ft_best = job.best("finetune")
    if ft_best > head_best or head_best[0] < 0:
        return predict_ft
    classifier.model.set_weights(snapshot)
    note = (f"Fine-tuning did not improve validation accuracy ({ft_best[0]:.1%} vs {head_best[0]:.1%} with the "
            "backbone frozen), so the head-only weights were kept.")
    job.notes.append(note)
    job.reporter.status(note)
    return predict_head


def _train_on_images(job: _Run, classifier: Any, split: "Split", *, phase: str, epochs: int, lr: float,
                     class_weight: dict[int, float] | None, initial_epoch: int,
                     fallback: tuple | None = None) -> tuple[Predictor, bool]:
    """Train the whole classifier on images (scratch, or fine-tuning with no cacheable cut)."""
    from tlstudio.core.augmentation.augment import build_augmenter, mix_image_batches
    from tlstudio.core.data.pipeline import make_tf_dataset

    cfg = job.config
    tr = cfg.train
    num_classes = len(split.classes)
    size = classifier.image_size
    train_ds = make_tf_dataset(split.train, size, tr.batch_size, num_classes, shuffle=True, seed=tr.seed)
    train_ds = mix_image_batches(train_ds, cfg.augment, seed=tr.seed)
    val_ds = make_tf_dataset(split.val, size, tr.batch_size, num_classes, shuffle=False, seed=tr.seed)
    steps = math.ceil(len(split.train) / tr.batch_size)
    job.reporter.start_phase(phase, "Training the whole network on the images" if phase == "scratch"
                             else "Fine-tuning on the images", epochs)
    t = time.monotonic()
    job.fit(_with_augmenter(classifier.model, build_augmenter(cfg.augment, seed=tr.seed), size), train_ds, val_ds,
            phase=phase, epochs=epochs, lr=lr, steps=steps, class_weight=class_weight, initial_epoch=initial_epoch)
    job.timed(phase, t)
    cancelled = job.should_stop()
    records = {"val": split.val, "test": split.test}
    predict = lambda part: classifier.model.predict(  # noqa: E731
        make_tf_dataset(records[part], size, tr.batch_size, num_classes, shuffle=False, seed=tr.seed), verbose=0)
    if fallback is not None:
        snapshot, head_best, predict_head = fallback
        predict = _keep_better(job, classifier, snapshot, head_best, predict_head, predict)
    return predict, cancelled


def _with_augmenter(model: "keras.Model", augmenter: Any, size: int) -> "keras.Model":
    """The model that ``fit`` trains: ``model`` behind the augmentation layers, which change the
    images only while training (validation passes them through). Being part of the model, they
    run where the model runs (on the GPU when there is one) instead of in the input pipeline on
    the CPU. The two share their weights; ``model`` alone is what is saved."""
    if augmenter is None:
        return model
    import keras

    inputs = keras.Input(shape=(size, size, 3), name="training_images")
    return keras.Model(inputs, model(augmenter(inputs)), name="augmented_training")


def _sync_history(run_folder: Any, rows: list[dict[str, Any]]) -> None:
    """Make ``history.csv`` hold exactly the checkpoint's rows. A run that failed (or was
    killed) between saving its checkpoint and its history row gets the row back, never twice."""
    if not rows:
        return
    current: list | None = None
    with contextlib.suppress(RunError):  # a damaged file is rewritten
        current = run_folder.read_history().get("epoch", [])
    if current == [row.get("epoch") for row in rows]:
        return
    run_folder.write_history(rows)


#: An OSError's text inside another error (TensorFlow passes on the text of an error raised
#: while its pipeline decoded an image): "[Errno 2] No such file or directory: '/a/b.jpg'".
_OS_ERROR_IN_TEXT = re.compile(r"\[Errno (\d+)\] ([^:\n]*): '([^'\n]+)'")


def _inside(path: str | Path, folder: str | Path) -> bool:
    a = os.path.normcase(os.path.abspath(path))
    b = os.path.normcase(os.path.abspath(folder)).rstrip(os.sep)
    return a == b or a.startswith(b + os.sep)


def _unreadable_image(exc: BaseException, config: RunConfig, run_dir: Path) -> RunError | None:
    """``exc`` in plain words when it means an image of the run could not be read any more (the
    image folder moved, renamed or removed mid-run, its drive disconnected, a file deleted);
    None when it means something else.

    Recognised: an OSError naming a file in the image folder (Pillow, in the feature pass), the
    same text inside a backend's error (``tf.data`` reading images for training), the
    DatasetError of an image that is gone, and any error of a run whose image folder is gone."""
    data = Path(config.data)
    path: str | None = None
    reason = ""
    if isinstance(exc, OSError) and exc.filename:
        path, reason = os.fsdecode(exc.filename), exc.strerror or ""
    elif isinstance(exc, DatasetError):
        path = exc.path
    elif not isinstance(exc, TlStudioError):
        found = _OS_ERROR_IN_TEXT.search(str(exc)[:20000])
        if found:
            path, reason = found.group(3), found.group(2)
    if path is not None and not _inside(path, data):
        return None
    if path is not None and os.path.normcase(os.path.abspath(path)) == os.path.normcase(os.path.abspath(data)):
        path = None  # about the folder itself: only a folder that is gone is this function's business
    if path is None and (isinstance(exc, TlStudioError) or data.is_dir()):
        return None
    if not data.is_dir():
        message = (f"The image folder {data} is no longer there"
                   + (f", so {path} could not be read" if path else "")
                   + ": it seems to have been moved, renamed or removed, or its drive was disconnected, while the "
                     "run was using it.")
        fix = "Put the folder back where it was (or reconnect the drive)"
    elif not os.path.exists(path):
        message = (f"The image {path} could not be read: it seems to have been moved, renamed or deleted while the "
                   "run was using it.")
        fix = "Put the image back where it was"
    else:
        message = f"The image {path} could not be read while the run was using it ({reason or 'read error'})."
        fix = "Make sure the image can be read (permissions, the drive)"
    if _can_resume(run_dir):
        hint = (f"{fix}, then resume the run from its last checkpoint: tlstudio train --resume {run_dir} "
                "(or start a new run).")
    else:
        hint = f"{fix}, then start the run again."
    return RunError(message, hint=hint, path=path or str(data), details=f"{type(exc).__name__}: {exc}"[:4000])


def _printable(text: str) -> str:
    """``text`` that can be written as UTF-8: bytes of a file name that are not valid UTF-8
    (kept by Python as lone surrogates) become the replacement character."""
    return text.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def _history_columns(rows: list[dict[str, Any]]) -> dict[str, list]:
    keys = ["epoch", "phase", "loss", "accuracy", "val_loss", "val_accuracy"]
    return {k: [row.get(k) for row in rows] for k in keys}


def _default_name(config: RunConfig) -> str:
    return f"{config.model.mode}-{config.model.backbone}"


def _finish_cancelled(job: _Run, classes: tuple[str, ...], started: float) -> RunResult:
    job.timings["total"] = time.monotonic() - started
    job.run.write_status("cancelled", epochs_done=len(job.rows))
    job.reporter.status("Stopped. The run folder keeps the last checkpoint; it can be resumed.")
    return RunResult(job.run.path, "cancelled", job.config, classes, _history_columns(job.rows), None,
                     dict(job.timings), tuple(job.notes))


def compare(
    config: RunConfig,
    *,
    modes: Sequence[str] = ("scratch", "transfer", "finetune"),
    workspace: Path | str | None = None,
    on_event: EventHandler | None = None,
    should_stop: StopFlag | None = None,
) -> list[RunResult]:
    """Run scratch, transfer and fine-tune on the same split and seed (the reference experiment).

    ``scratch`` uses the reference CNN (:func:`scratch_config`); the others use ``config``'s
    backbone. The images are checked and split once. Stops between and within runs.
    """
    from tlstudio.core.data.records import ScanCancelled
    from tlstudio.core.data.scan import scan_dataset
    from tlstudio.core.data.split import make_split

    emit = on_event or (lambda event: None)
    stop = should_stop or (lambda: False)
    emit(TrainEvent(kind="phase", phase="scan", message="Checking the images"))
    try:
        scan = scan_dataset(config.data, on_progress=lambda d, n: emit(TrainEvent(kind="batch", phase="scan", batch=d, batches=n)),
                            should_stop=stop)
    except ScanCancelled:
        return []
    split = make_split(scan, config.split)
    results: list[RunResult] = []
    for mode in modes:
        if stop():
            break
        if mode == "scratch":
            run_config = scratch_config(config)
        else:
            run_config = config.replace(model=replace(config.model, mode=mode))
        run_config = run_config.replace(name=f"{config.name + '-' if config.name else ''}{mode}")
        emit(TrainEvent(kind="status", phase="scan", message=f"Run {len(results) + 1} of {len(modes)}: {mode}"))
        results.append(train(run_config, workspace=workspace, on_event=on_event, should_stop=should_stop, split=split,
                             bad_files=scan.bad_files))
    return results
