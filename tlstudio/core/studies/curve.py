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
  :data:`~tlstudio.core.training.fitters.MIN_STEPS_PER_EPOCH` optimisation steps: five epochs of one step each would judge a
  25-image subset by five weight updates.

The curve is saved in ``<workspace>/curves/<stamp>-<name>/``: ``curve.json``, ``curve.csv``
(one row per point) and ``curve.png``, all written atomically.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Sequence

import numpy as np

from tlstudio.core.config import RunConfig
from tlstudio.core.errors import ConfigError
from tlstudio.core.studies.results import StudyFiles, load_study, save_study
from tlstudio.core.training.session import releases_memory

if TYPE_CHECKING:

    from tlstudio.core.data.records import Split

#: Images per class tried by default, up to the largest class ("all").
DEFAULT_SIZES: tuple[int, ...] = (5, 10, 25, 50, 100, 250, 500, 1000)
#: Steps an epoch has at least: small subsets are repeated to reach it.
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


def _scores(y_true: np.ndarray, probs: np.ndarray) -> tuple[float, float]:
    from sklearn.metrics import accuracy_score, balanced_accuracy_score

    pred = np.argmax(probs, axis=1)
    return float(accuracy_score(y_true, pred)), float(balanced_accuracy_score(y_true, pred))


def _checked(config: RunConfig, modes: tuple[str, ...], seeds: int) -> tuple[str, ...]:
    """``modes``, after refusing what a learning curve cannot do (in plain words)."""
    bad = [m for m in modes if m not in MODES]
    if bad or not modes:
        raise ConfigError(f"A learning curve takes the modes transfer, finetune and scratch. Received: modes={list(modes)!r}")
    if not isinstance(seeds, int) or not 1 <= seeds <= 20:
        raise ConfigError(f"seeds must be between 1 and 20 models per size. Received: seeds={seeds!r}")
    if config.synthetic.active:
        raise ConfigError("A learning curve does not add synthetic images (its point sizes count real training "
                          "images only). Compare with and without synthetic images in single runs (train) instead. "
                          f"Received: synthetic={config.synthetic.set!r}")
    return modes


def _sizes_of(split: "Split", y_train: np.ndarray, sizes: Sequence[int] | None) -> tuple[int, ...]:
    """The curve's sizes for this split (see :func:`curve_sizes`); a split without validation
    or test images is refused."""
    if len(split.val) == 0 or len(split.test) == 0:
        raise ConfigError("A learning curve needs validation and test images; the split has none of one of them.",
                          hint="Use a validation and a test fraction above 0.")
    return curve_sizes(sizes, {name: int(np.sum(y_train == i)) for i, name in enumerate(split.classes)})


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
    from tlstudio.core.outputs.workspace import default_workspace
    from tlstudio.core.training.callbacks import ProgressCallback
    from tlstudio.core.training.events import ModelCounter, Reporter
    from tlstudio.core.training.fitters import class_weights, labels_of
    from tlstudio.core.training.job import trainer_for
    from tlstudio.core.training.train import scan_and_split

    modes = _checked(config, tuple(modes), seeds)
    emit = on_event or (lambda event: None)
    stop = should_stop or (lambda: False)
    workspace = Path(workspace) if workspace is not None else default_workspace()
    started = time.monotonic()
    reporter = Reporter(emit, stop)

    if split is None:
        scanned = scan_and_split(config, reporter)
        if scanned is None:
            return CurveResult(config.data, config.model.backbone, (), modes, (), seeds, 0, status="cancelled")
        split = scanned.split
    classes = tuple(split.classes)
    y_train, y_test = labels_of(split.train), labels_of(split.test)
    sizes_t = _sizes_of(split, y_train, sizes)
    result = CurveResult(config.data, config.model.backbone, classes, modes, sizes_t, seeds, len(split.test))
    total = len(modes) * len(sizes_t) * seeds
    tr = config.train
    class_weight = class_weights(y_train, len(classes)) if tr.class_weights else None
    stopper = ProgressCallback(stop)
    counter = ModelCounter(reporter, "curve", total, f"Learning curve: {total} models ({len(modes)} recipes x "
                                                       f"{len(sizes_t)} sizes x {seeds} seeds)")

    def report(point: CurvePoint) -> None:
        result.points.append(point)
        counter.finished(f"{MODE_NAMES[point.mode]}, {point.per_class} per class, seed {point.seed}: "
                         f"{point.test_accuracy:.1%} on the test images", {"test_accuracy": point.test_accuracy},
                         time.monotonic() - started)

    from tlstudio.core.models.features import Cancelled

    try:
        for mode in modes:
            if stop():
                break
            trainer = trainer_for(config, mode, split, workspace, emit, stop)
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
        save_curve(result, workspace, name=config.name or f"curve-{config.model.backbone}", data_root=config.data)
    return result


# ----------------------------------------------------------------------------- saving


CURVE_FILES = StudyFiles("curves", "curve", "the learning curve folder", "the learning curve", "curve")


def save_curve(result: CurveResult, workspace: Path | str, *, name: str, data_root: str | None = None) -> Path:
    """Write ``curve.json``, ``curve.csv`` and ``curve.png`` into a new folder under
    ``<workspace>/curves/`` (never inside the image folder); returns the folder."""
    return save_study(CURVE_FILES, result, workspace, name=name, data_root=data_root,
                      fields=list(CurvePoint.__dataclass_fields__), rows=[p.to_dict() for p in result.points],
                      draw=save_curve_png)


def load_curve(folder: Path | str) -> CurveResult:
    """Read a saved learning curve back (``curve.json`` in ``folder``)."""
    return load_study(CURVE_FILES, folder, CurveResult.from_dict)


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
