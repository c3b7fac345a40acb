"""Learning curves: would more images help?

``learning_curve(config, modes=..., sizes=..., seeds=...)`` trains the chosen recipe on 5, 10,
25, 50, 100... training images per class (up to all of them), several seeds per size, and tests
every model on the same test images. The result holds every point, the mean and spread per size,
and a plain-words reading of each curve ("still rising" or "flat").

How it stays fast: the images are checked and split once; the backbone's outputs for every
training, validation and test image are computed once (the feature cache of :mod:`core.training.train`)
and each point trains only on its subset's rows. Fine-tuning caches the frozen part below the
cutoff the same way. From scratch trains on the images themselves: that part costs what it costs.

The rules of every point:

* the test images and the validation images are those of the split, the same for every point;
  validation picks each model's best epoch (restore-best), as a normal run does;
* a subset takes the first ``n`` images of each class in a seeded shuffle, so with one seed the
  10-image subset contains the 5-image one (nested subsets: the curve shows the effect of adding
  images, not of drawing other ones);
* a small subset is repeated within an epoch so that every epoch has at least
  :data:`MIN_STEPS_PER_EPOCH` optimisation steps: five epochs of one step each would judge a
  25-image subset by five weight updates.

The curve is saved in ``<workspace>/curves/<stamp>-<name>/``: ``curve.json``, ``curve.csv``
(one row per point) and ``curve.png``, all written atomically.
"""

from __future__ import annotations

import csv
import io
import math
import time
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Sequence

import numpy as np

from tlstudio.core.config import RunConfig, TrainConfig
from tlstudio.core.errors import ConfigError, RunError
from tlstudio.core.training.session import releases_memory

if TYPE_CHECKING:
    import keras

    from tlstudio.core.data.records import ImageRecord, Split

#: Images per class tried by default, up to the largest class ("all").
DEFAULT_SIZES: tuple[int, ...] = (5, 10, 25, 50, 100, 250, 500, 1000)
#: Steps an epoch has at least: small subsets are repeated to reach it.
MIN_STEPS_PER_EPOCH = 20
#: A gain (in accuracy) below which a curve is called flat, whatever the spread.
FLAT_GAIN = 0.01
MODES = ("transfer", "finetune", "scratch")


@dataclass(frozen=True)
class CurvePoint:
    """One trained model: a mode, a subset size and a seed, tested on the fixed test images."""

    mode: str
    per_class: int  # requested images per class (a class with fewer gives all it has)
    seed: int
    n_train: int  # training images actually used
    test_accuracy: float
    balanced_accuracy: float
    val_accuracy: float
    seconds: float

    def to_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


@dataclass(frozen=True)
class CurveSummary:
    """All seeds of one mode at one size."""

    mode: str
    per_class: int
    n_train: float
    mean: float
    std: float
    low: float
    high: float
    runs: int

    def to_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


@dataclass(frozen=True)
class CurveTrend:
    """The end of a curve: ``kind`` is "rising", "flat" or "lower"; ``gain`` the change in mean
    test accuracy from ``from_size`` to ``to_size`` images per class; ``spread`` the larger
    standard deviation between seeds at those two sizes. A change counts when it exceeds both
    :data:`FLAT_GAIN` and the spread."""

    kind: str
    gain: float
    from_size: int
    to_size: int
    spread: float


@dataclass
class CurveResult:
    """Every point of a learning curve, its summary per size and what it says."""

    data: str
    backbone: str
    classes: tuple[str, ...]
    modes: tuple[str, ...]
    sizes: tuple[int, ...]
    seeds: int
    test_count: int
    points: list[CurvePoint] = field(default_factory=list)
    status: str = "finished"  # "finished" | "cancelled"
    folder: Path | None = None
    seconds: float = 0.0

    def summary(self, mode: str | None = None) -> list[CurveSummary]:
        rows = []
        for m in self.modes if mode is None else (mode,):
            for size in self.sizes:
                pts = [p for p in self.points if p.mode == m and p.per_class == size]
                if not pts:
                    continue
                acc = np.array([p.test_accuracy for p in pts])
                rows.append(CurveSummary(m, size, float(np.mean([p.n_train for p in pts])), float(acc.mean()),
                                         float(acc.std(ddof=1)) if len(acc) > 1 else 0.0, float(acc.min()),
                                         float(acc.max()), len(pts)))
        return rows

    def trend(self, mode: str) -> CurveTrend | None:
        """How the curve ends, from its two largest sizes (None with fewer than two sizes)."""
        rows = self.summary(mode)
        if len(rows) < 2:
            return None
        a, b = rows[-2], rows[-1]
        gain = b.mean - a.mean
        spread = max(a.std, b.std)
        margin = max(FLAT_GAIN, spread)
        kind = "rising" if gain >= margin else "lower" if gain <= -margin else "flat"
        return CurveTrend(kind, gain, a.per_class, b.per_class, spread)

    def reading(self, mode: str) -> str:
        """Still rising, flat or lower, in plain words (the GUI words it from :meth:`trend`)."""
        name = MODE_NAMES.get(mode, mode)
        t = self.trend(mode)
        if t is None:
            return f"{name}: one size only, so there is no curve to read yet."
        where = f"from {t.from_size} to {t.to_size} images per class"
        if t.kind == "rising":
            return (f"{name}: still rising (+{t.gain * 100:.1f} points {where}, more than the spread between seeds). "
                    "More images will likely help.")
        if t.kind == "lower":
            return (f"{name}: lower with more images ({t.gain * 100:+.1f} points {where}). Look for mislabelled or "
                    "unusual images among the extra ones; more of the same images is unlikely to help.")
        return (f"{name}: flat ({t.gain * 100:+.1f} points {where}, within "
                f"{'the spread between seeds' if t.spread > FLAT_GAIN else 'one point'}). More images of the same kind "
                "are unlikely to help much; a different recipe or better images might.")

    def to_dict(self) -> dict[str, Any]:
        return {
            "data": self.data, "backbone": self.backbone, "classes": list(self.classes), "modes": list(self.modes),
            "sizes": list(self.sizes), "seeds": self.seeds, "test_count": self.test_count, "status": self.status,
            "seconds": round(self.seconds, 1), "folder": str(self.folder) if self.folder else None,
            "points": [p.to_dict() for p in self.points],
            "summary": [s.to_dict() for s in self.summary()],
            "readings": {m: self.reading(m) for m in self.modes if any(p.mode == m for p in self.points)},
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "CurveResult":
        folder = data.get("folder")
        return cls(data=data["data"], backbone=data["backbone"], classes=tuple(data["classes"]),
                   modes=tuple(data["modes"]), sizes=tuple(data["sizes"]), seeds=int(data["seeds"]),
                   test_count=int(data["test_count"]), points=[CurvePoint(**p) for p in data["points"]],
                   status=data.get("status", "finished"), folder=Path(folder) if folder else None,
                   seconds=float(data.get("seconds", 0.0)))


MODE_NAMES = {"scratch": "From scratch", "transfer": "Transfer (frozen)", "finetune": "Fine-tuned"}


def curve_sizes(requested: Sequence[int] | None, train_counts: dict[str, int]) -> tuple[int, ...]:
    """The subset sizes (images per class) to train: those requested below the largest class,
    then the largest class's count, which means every training image."""
    largest = max(train_counts.values()) if train_counts else 0
    if largest < 1:
        raise ConfigError("The split has no training images, so there is no learning curve to draw.")
    wanted = DEFAULT_SIZES if requested is None else tuple(requested)
    bad = [s for s in wanted if not isinstance(s, (int, np.integer)) or s < 1]
    if bad:
        raise ConfigError(f"Curve sizes are images per class, whole numbers of at least 1. Received: sizes={list(wanted)!r}")
    return tuple(sorted({int(s) for s in wanted if s < largest})) + (largest,)


def subset_rows(labels: np.ndarray, per_class: int, seed: int, base_seed: int) -> np.ndarray:
    """Rows of the first ``per_class`` images of each class in a shuffle seeded by
    (``base_seed``, ``seed``, class): nested across sizes for one seed."""
    rows = []
    for c in np.unique(labels):
        members = np.flatnonzero(labels == c)
        order = np.random.default_rng([base_seed, seed, int(c)]).permutation(members)
        rows.append(order[:per_class])
    return np.sort(np.concatenate(rows)) if rows else np.array([], dtype=np.int64)


def _repeats(n_rows: int, batch_size: int) -> int:
    return max(1, math.ceil(MIN_STEPS_PER_EPOCH * batch_size / max(1, n_rows)))


def _scores(y_true: np.ndarray, probs: np.ndarray) -> tuple[float, float]:
    from sklearn.metrics import accuracy_score, balanced_accuracy_score

    pred = np.argmax(probs, axis=1)
    return float(accuracy_score(y_true, pred)), float(balanced_accuracy_score(y_true, pred))


class _Stopper:
    """A Keras callback that ends ``fit`` within a batch once ``should_stop()`` is true."""

    def __init__(self, should_stop: Callable[[], bool]) -> None:
        import keras

        stop = should_stop

        class Stop(keras.callbacks.Callback):
            def on_train_batch_end(self, batch: int, logs: dict | None = None) -> None:
                if stop():
                    self.model.stop_training = True

        self.callback = Stop()


def _predict(model: "keras.Model", x: np.ndarray, batch_size: int, rows: np.ndarray | None = None) -> np.ndarray:
    """Probabilities in batches, calling the model directly (``predict`` would trace a new
    function after every compile, i.e. for every point). ``rows``: only these rows of ``x``, in
    their order (read in ascending order within a batch: fast on a memory-mapped cache)."""
    import keras

    if rows is None:
        rows = np.arange(len(x))
    out = []
    for i in range(0, len(rows), batch_size):
        chunk = np.asarray(rows[i : i + batch_size], dtype=np.int64)
        ascending = np.argsort(chunk, kind="stable")
        probs = keras.ops.convert_to_numpy(model(np.asarray(x[chunk[ascending]], "float32"), training=False))
        back = np.empty_like(probs)
        back[ascending] = probs
        out.append(back)
    return np.concatenate(out) if out else np.zeros((0, model.output.shape[-1]), "float32")


def _fit(model: "keras.Model", data: Any, val_data: Any, *, train: TrainConfig, epochs: int, lr: float, steps: int,
         stopper: _Stopper, class_weight: dict[int, float] | None) -> float:
    """Train as a run's phase does (``train``'s loss and learning-rate schedule over ``epochs`` of
    ``steps`` batches) with restore-best on validation accuracy; returns the best validation accuracy."""
    import keras

    model.compile(optimizer=train.optimizer(lr, epochs=epochs, steps_per_epoch=steps), loss=train.loss(),
                  metrics=["accuracy"])
    best = keras.callbacks.EarlyStopping(monitor="val_accuracy", patience=epochs, restore_best_weights=True)
    history = model.fit(data, validation_data=val_data, epochs=epochs, callbacks=[best, stopper.callback],
                        class_weight=class_weight, shuffle=False, verbose=0)
    return float(max(history.history.get("val_accuracy", [0.0]) or [0.0]))


@releases_memory
def learning_curve(
    config: RunConfig,
    *,
    modes: Sequence[str] = MODES,
    sizes: Sequence[int] | None = None,
    seeds: int = 3,
    workspace: Path | str | None = None,
    on_event: Callable[[Any], None] | None = None,
    should_stop: Callable[[], bool] | None = None,
    split: "Split | None" = None,
    save: bool = True,
) -> CurveResult:
    """Train ``config``'s recipe on growing subsets of the training images; see the module
    docstring. ``modes``: any of transfer, finetune, scratch (scratch uses the reference CNN).
    ``seeds``: models per size and mode. Stops between and within points when
    ``should_stop()`` turns true; the points finished so far are kept (status ``cancelled``)."""
    from tlstudio.core.data.records import ScanCancelled
    from tlstudio.core.data.scan import scan_dataset
    from tlstudio.core.data.split import make_split
    from tlstudio.core.outputs.workspace import default_workspace
    from tlstudio.core.training.train import TrainEvent, _class_weights, _labels, _Reporter, _Run, scratch_config

    modes = tuple(modes)
    bad = [m for m in modes if m not in MODES]
    if bad or not modes:
        raise ConfigError(f"A learning curve takes the modes transfer, finetune and scratch. Received: modes={list(modes)!r}")
    if not isinstance(seeds, int) or not 1 <= seeds <= 20:
        raise ConfigError(f"seeds must be between 1 and 20 models per size. Received: seeds={seeds!r}")
    if config.synthetic.active:
        raise ConfigError("A learning curve does not add synthetic images (its point sizes count real training "
                          "images only). Compare with and without synthetic images in single runs (train) instead. "
                          f"Received: synthetic={config.synthetic.set!r}")
    emit = on_event or (lambda event: None)
    stop = should_stop or (lambda: False)
    workspace = Path(workspace) if workspace is not None else default_workspace()
    started = time.monotonic()
    reporter = _Reporter(emit, stop)

    if split is None:
        reporter.start_phase("scan", "Checking the images")
        try:
            scan = scan_dataset(config.data, should_stop=stop,
                                on_progress=lambda d, n: emit(TrainEvent(kind="batch", phase="scan", batch=d, batches=n)))
        except ScanCancelled:
            return CurveResult(config.data, config.model.backbone, (), modes, (), seeds, 0, status="cancelled")
        split = make_split(scan, config.split)
    classes = tuple(split.classes)
    y_train, y_test = _labels(split.train), _labels(split.test)
    if len(split.val) == 0 or len(split.test) == 0:
        raise ConfigError("A learning curve needs validation and test images; the split has none of one of them.",
                          hint="Use a validation and a test fraction above 0.")
    train_counts = {name: int(np.sum(y_train == i)) for i, name in enumerate(classes)}
    sizes_t = curve_sizes(sizes, train_counts)
    result = CurveResult(config.data, config.model.backbone, classes, modes, sizes_t, seeds, len(split.test))
    total = len(modes) * len(sizes_t) * seeds
    tr = config.train
    class_weight = _class_weights(y_train, len(classes)) if tr.class_weights else None
    stopper = _Stopper(stop)
    points_done = 0

    def report(point: CurvePoint) -> None:
        nonlocal points_done
        points_done += 1
        result.points.append(point)
        reporter.phase = "curve"
        reporter.status(f"{MODE_NAMES[point.mode]}, {point.per_class} per class, seed {point.seed}: "
                        f"{point.test_accuracy:.1%} on the test images")
        emit(TrainEvent(kind="batch", phase="curve", batch=points_done, batches=total,
                        metrics={"test_accuracy": point.test_accuracy},
                        eta_s=(time.monotonic() - started) / points_done * (total - points_done)))

    emit(TrainEvent(kind="phase", phase="curve", epochs=total,
                    message=f"Learning curve: {total} models ({len(modes)} recipes x {len(sizes_t)} sizes x {seeds} seeds)"))
    from tlstudio.core.models.features import Cancelled

    try:
        for mode in modes:
            if stop():
                break
            run_config = scratch_config(config) if mode == "scratch" else config.replace(
                model=replace(config.model, mode=mode))
            job = _Run(run_config, workspace, emit, stop)
            trainer = _ImageTrainer(job, split) if mode == "scratch" else _FeatureTrainer(job, split)
            for size in sizes_t:
                for seed in range(1, seeds + 1):
                    if stop():
                        raise Cancelled
                    rows = subset_rows(y_train, size, seed, tr.seed)
                    t = time.monotonic()
                    probs, val_acc = trainer.train(rows, seed=tr.seed * 1000 + seed, stopper=stopper,
                                                   class_weight=class_weight)
                    if stop():
                        raise Cancelled
                    acc, bal = _scores(y_test, probs)
                    report(CurvePoint(mode, size, seed, len(rows), acc, bal, val_acc, round(time.monotonic() - t, 2)))
            del trainer  # its network and cached arrays go before the next recipe's
    except Cancelled:
        result.status = "cancelled"
    if stop():
        result.status = "cancelled"
    result.seconds = time.monotonic() - started
    if save and result.points:
        result.folder = save_curve(result, workspace, name=config.name or f"curve-{config.model.backbone}",
                                   data_root=config.data)
    return result


class _FeatureTrainer:
    """Transfer and fine-tune points on cached backbone outputs (computed once for all points).

    Also the trainer of cross-validation (:mod:`core.studies.crossval`), whose split holds every image
    in train, val and test alike: the outputs are then computed once for the whole pool, and
    each fold picks its rows with ``val_rows`` and ``test_rows``."""

    def __init__(self, job: Any, split: "Split") -> None:
        import keras

        from tlstudio.core.models.classifier import apply_freeze, build_classifier, cache_point, resolve_cutoff
        from tlstudio.core.training.train import _labels

        self.job, self.split = job, split
        config = job.config
        self.num_classes = len(split.classes)
        keras.utils.set_random_seed(config.train.seed)
        job.reporter.status("Building the network")
        classifier = build_classifier(config.model, self.num_classes)
        job.classifier = classifier
        self.classifier = classifier
        self.snapshot = classifier.model.get_weights()
        apply_freeze(classifier.backbone, config.model, phase="head")
        pooled = classifier.pools_features
        trunk = classifier.trunk_model(None, pool=pooled)
        job.reporter.start_phase("features", "Computing backbone features once (cached)")
        self.f_train, self.f_val, self.f_test = self._features(trunk, cut=None, pooled=pooled)
        self.head = classifier.head_model(tuple(self.f_train.shape[2:]), pooled=pooled)
        self.y_train, self.y_val = _labels(split.train), _labels(split.val)
        self.top = None
        if config.model.mode == "finetune":
            cutoff = resolve_cutoff(config.model)
            self.cut = cache_point(classifier.backbone, cutoff)
            if self.cut is None:
                raise RunError(f"Fine-tuning from {cutoff} leaves no frozen part to cache, so a learning curve or "
                               "cross-validation of it would re-run the whole network for every model.",
                               hint="Choose a later cutoff layer, or use transfer and scratch.")
            sub = classifier.trunk_model(self.cut, pool=False)
            self.c_train, self.c_val, self.c_test = self._features(sub, cut=self.cut, pooled=False)
            self.top = classifier.top_model(self.cut)

    def _features(self, trunk: "keras.Model", *, cut: str | None, pooled: bool) -> tuple[np.ndarray, ...]:
        """The trunk's outputs for the training (augmented views when augmentation is on),
        validation and test images. When the parts are one and the same pool of images
        (cross-validation), it is computed once and shared."""
        job, split = self.job, self.split
        augment = job.config.augment.changes_images
        views = job.config.train.augment_views if augment else 1
        if split.val is split.train and split.test is split.train:
            plain = job.features(trunk, split.train, tag="cross-validation", views=1, augment=False, cut=cut, pooled=pooled)
            train = job.features(trunk, split.train, tag="training", views=views, augment=True, cut=cut,
                                 pooled=pooled) if augment else plain
            return train, plain, plain
        train = job.features(trunk, split.train, tag="training", views=views, augment=augment, cut=cut, pooled=pooled)
        val = job.features(trunk, split.val, tag="validation", views=1, augment=False, cut=cut, pooled=pooled)
        test = job.features(trunk, split.test, tag="test", views=1, augment=False, cut=cut, pooled=pooled)
        return train, val, test

    def train(self, rows: np.ndarray, *, seed: int, stopper: _Stopper, class_weight: dict[int, float] | None,
              val_rows: np.ndarray | None = None, test_rows: np.ndarray | None = None,
              min_steps: bool = True) -> tuple[np.ndarray, float]:
        """Train a fresh head (then the top, when fine-tuning) on ``rows`` of the training
        images; returns the test images' probabilities and the best validation accuracy.
        ``val_rows``/``test_rows``: only these validation and test images (all when None).
        ``min_steps``: repeat a small subset up to :data:`MIN_STEPS_PER_EPOCH` steps an epoch."""
        import keras

        from tlstudio.core.models.classifier import apply_freeze
        from tlstudio.core.training.train import _array_batches

        config, tr, n = self.job.config, self.job.config.train, self.num_classes
        self.classifier.model.set_weights(self.snapshot)  # a fresh head (and backbone) for every point
        keras.utils.set_random_seed(seed)
        apply_freeze(self.classifier.backbone, config.model, phase="head")
        repeated = np.tile(rows, _repeats(len(rows), tr.batch_size)) if min_steps else np.asarray(rows)
        data = _array_batches(self.f_train, self.y_train, n, tr.batch_size, shuffle=True, seed=seed, rows=repeated,
                              mixup=config.augment.mixup)
        val = _array_batches(self.f_val, self.y_val, n, tr.batch_size, shuffle=False, seed=seed, rows=val_rows)
        val_head = _fit(self.head, data, val, train=tr, epochs=tr.epochs, lr=tr.learning_rate, steps=len(data),
                        stopper=stopper, class_weight=class_weight)
        probs = _predict(self.head, self.f_test[0], 256, test_rows)
        if self.top is None:
            return probs, val_head
        apply_freeze(self.classifier.backbone, config.model, phase="finetune")
        data = _array_batches(self.c_train, self.y_train, n, tr.batch_size, shuffle=True, seed=seed + 1, rows=repeated,
                              mixup=config.augment.mixup)
        val = _array_batches(self.c_val, self.y_val, n, tr.batch_size, shuffle=False, seed=seed, rows=val_rows)
        val_ft = _fit(self.top, data, val, train=tr, epochs=tr.phase2_epochs, lr=tr.learning_rate * tr.finetune_lr_factor,
                      steps=len(data), stopper=stopper, class_weight=class_weight)
        if val_ft <= val_head:  # as in a normal run: fine-tuning is kept only when it beats the head on validation
            return probs, val_head
        return _predict(self.top, self.c_test[0], 64, test_rows), val_ft


class _ImageTrainer:
    """From-scratch points: the reference CNN trained on the subset's images."""

    def __init__(self, job: Any, split: "Split") -> None:
        import keras

        from tlstudio.core.data.pipeline import make_tf_dataset
        from tlstudio.core.models.classifier import build_classifier

        self.job, self.split = job, split
        config = job.config
        self.num_classes = len(split.classes)
        keras.utils.set_random_seed(config.train.seed)
        self.classifier = build_classifier(config.model, self.num_classes)
        self.snapshot = self.classifier.model.get_weights()
        size, batch = self.classifier.image_size, config.train.batch_size
        self.val_ds = make_tf_dataset(split.val, size, batch, self.num_classes, shuffle=False, seed=0)
        self.test_ds = make_tf_dataset(split.test, size, batch, self.num_classes, shuffle=False, seed=0)

    def train(self, rows: np.ndarray, *, seed: int, stopper: _Stopper, class_weight: dict[int, float] | None,
              val_rows: np.ndarray | None = None, test_rows: np.ndarray | None = None,
              min_steps: bool = True) -> tuple[np.ndarray, float]:
        """As :meth:`_FeatureTrainer.train`, on the images themselves."""
        import keras

        from tlstudio.core.augmentation.layers import build_augmenter, mix_image_batches
        from tlstudio.core.data.pipeline import make_tf_dataset
        from tlstudio.core.training.train import _with_augmenter

        config, tr = self.job.config, self.job.config.train
        size, n = self.classifier.image_size, self.num_classes
        self.classifier.model.set_weights(self.snapshot)
        keras.utils.set_random_seed(seed)
        chosen = np.tile(rows, _repeats(len(rows), tr.batch_size)) if min_steps else np.asarray(rows)
        records: list[ImageRecord] = [self.split.train[i] for i in chosen]
        data = mix_image_batches(make_tf_dataset(records, size, tr.batch_size, n, shuffle=True, seed=seed),
                                 config.augment, seed=seed)
        # as core.training.train does: the augmentation layers inside the model that trains (on its device)
        trainer = _with_augmenter(self.classifier.model, build_augmenter(config.augment, seed=seed), size)
        val_ds = self.val_ds if val_rows is None else make_tf_dataset(
            [self.split.val[i] for i in val_rows], size, tr.batch_size, n, shuffle=False, seed=0)
        test_ds = self.test_ds if test_rows is None else make_tf_dataset(
            [self.split.test[i] for i in test_rows], size, tr.batch_size, n, shuffle=False, seed=0)
        val_acc = _fit(trainer, data, val_ds, train=tr, epochs=tr.epochs, lr=tr.learning_rate,
                       steps=math.ceil(len(records) / tr.batch_size), stopper=stopper, class_weight=class_weight)
        return np.asarray(self.classifier.model.predict(test_ds, verbose=0)), val_acc


# ----------------------------------------------------------------------------- saving


def save_curve(result: CurveResult, workspace: Path | str, *, name: str, data_root: str | None = None) -> Path:
    """Write ``curve.json``, ``curve.csv`` and ``curve.png`` into a new folder under
    ``<workspace>/curves/`` (never inside the image folder); returns the folder."""
    from tlstudio.core.outputs.workspace import atomic_write_json, atomic_write_text, new_stamped_folder

    folder = new_stamped_folder(workspace, "curves", name, data_root=data_root, what="create the learning curve folder")
    result.folder = folder
    atomic_write_json(folder / "curve.json", result.to_dict())
    buffer = io.StringIO()
    fields = list(CurvePoint.__dataclass_fields__)
    writer = csv.DictWriter(buffer, fieldnames=fields, lineterminator="\n")
    writer.writeheader()
    for point in result.points:
        writer.writerow(point.to_dict())
    atomic_write_text(folder / "curve.csv", buffer.getvalue())
    save_curve_png(result, folder / "curve.png")
    return folder


def load_curve(folder: Path | str) -> CurveResult:
    """Read a saved learning curve back (``curve.json`` in ``folder``)."""
    import json

    path = Path(folder) / "curve.json"
    try:
        return CurveResult.from_dict(json.loads(path.read_text(encoding="utf-8")))
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise RunError(f"Could not read the learning curve in {path} ({exc}).",
                       hint="Choose a folder made by `tlstudio curve`.", path=str(path)) from exc


COLOURS = {"scratch": "#b25d1f", "transfer": "#1f6fb2", "finetune": "#2e8b57"}


def save_curve_png(result: CurveResult, path: Path | str) -> Path:
    """Test accuracy against training images per class: the mean of the seeds as a line, the
    range between the worst and the best seed as a band; log-scaled sizes."""
    from tlstudio.core.outputs.figures import new_figure, save_figure_png

    fig = new_figure(7.5, 4.5)
    ax = fig.subplots()
    for mode in result.modes:
        rows = result.summary(mode)
        if not rows:
            continue
        x = [r.per_class for r in rows]
        ax.plot(x, [r.mean for r in rows], "-o", color=COLOURS[mode], markersize=4, label=MODE_NAMES[mode])
        if result.seeds > 1:
            ax.fill_between(x, [r.low for r in rows], [r.high for r in rows], color=COLOURS[mode], alpha=0.18, linewidth=0)
    ax.set_xscale("log")
    ax.set_xticks(list(result.sizes))
    ax.set_xticklabels([str(s) for s in result.sizes])
    ax.minorticks_off()
    ax.set_xlabel("Training images per class")
    ax.set_ylabel("Test accuracy")
    ax.set_ylim(0.0, 1.02)
    ax.set_title(f"Learning curve ({result.test_count} test images; band: worst to best of {result.seeds} seeds)"
                 if result.seeds > 1 else f"Learning curve ({result.test_count} test images)")
    if ax.get_legend_handles_labels()[0]:
        ax.legend(loc="lower right")
    ax.grid(True, alpha=0.3)
    return save_figure_png(fig, path)
