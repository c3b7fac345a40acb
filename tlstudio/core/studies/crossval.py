"""Repeated stratified k-fold cross-validation: how much does one split's figure owe to chance?

With few images per class a single test split holds a handful of pictures, and its accuracy
can land anywhere in a wide range depending on which pictures happened to be drawn.
``cross_validate(config, folds=5, repeats=2)`` divides the images into ``folds`` parts of the
same class mix (scikit-learn's ``RepeatedStratifiedKFold``); each part is held out once as the
test images of a model trained on the others, and the whole is repeated with another shuffle.
The result holds every fold's accuracy, balanced accuracy, macro F1 and recall per class, their
mean, standard deviation, lowest and highest value, and a reading in plain words ("accuracy
84% ± 5 points over 10 folds: a single split could have shown anything from 76% to 91%").

The rules of every fold:

* its held-out part is its test set, never seen in training or for early stopping;
* a validation part is carved out of the remaining images, class by class
  (``SplitConfig.val_fraction`` of them), and picks the best epoch (restore-best), as a normal
  run does; the rest trains, with the run's epochs and without repeating images (a fold trains
  as ``tlstudio train`` would on that split);
* grouped images (``SplitConfig.groups_csv`` or ``group_pattern``) are divided with
  ``StratifiedGroupKFold``, shuffled with another seed for each repeat, so no patient or lesion
  is both trained on and tested in a fold, and validation takes whole groups too;
* a folder that has its own ``test/`` (or ``val/``) folder is cross-validated over all its
  images, the folders pooled; the result's notes say so.

How it stays fast: the images are checked once; the backbone's outputs for every image are
computed once (the feature cache, shared with :mod:`core.studies.curve` through its trainers), and each
fold trains only on its rows. From scratch trains on the images themselves.

The result is saved in ``<workspace>/crossval/<stamp>-<name>/``: ``crossval.json``,
``crossval.csv`` (one row per fold and recipe) and ``crossval.png``, all written atomically.
"""

from __future__ import annotations

import math
import time
import warnings
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Sequence

import numpy as np

from tlstudio.core.config import RunConfig
from tlstudio.core.errors import ConfigError
from tlstudio.core.studies.curve import MODE_NAMES, MODES
from tlstudio.core.studies.results import StudyFiles, load_study, save_study
from tlstudio.core.training.session import releases_memory

if TYPE_CHECKING:
    from tlstudio.core.data.groups import ImageGroups
    from tlstudio.core.data.records import ImageRecord

#: Below this many images in some class, ``tlstudio check`` suggests cross-validation.
FEW_IMAGES = 30
#: The metrics of every fold, in the order tables show them (then recall per class).
METRICS: tuple[str, ...] = ("accuracy", "balanced_accuracy", "macro_f1")
METRIC_NAMES = {"accuracy": "accuracy", "balanced_accuracy": "balanced accuracy", "macro_f1": "macro F1"}
RECALL = "recall:"  # prefix of the per-class recall metrics, e.g. "recall:NORMAL"


@dataclass(frozen=True)
class Fold:
    """One fold of one repeat: rows (indices into the pooled images) that train, that pick the
    best epoch (validation), and that are held out (test). ``repeat`` and ``index`` count from 1."""

    repeat: int
    index: int
    train: np.ndarray
    val: np.ndarray
    test: np.ndarray


@dataclass(frozen=True)
class FoldScore:
    """One trained model: a recipe on one fold, tested on that fold's held-out images.

    ``recall`` is per class in class order; None for a class with no held-out image in this
    fold (only possible with grouped images)."""

    mode: str
    repeat: int
    fold: int
    n_train: int
    n_val: int
    n_test: int
    accuracy: float
    balanced_accuracy: float
    macro_f1: float
    recall: tuple[float | None, ...]
    val_accuracy: float
    seconds: float

    def value(self, metric: str, classes: Sequence[str]) -> float | None:
        if metric.startswith(RECALL):
            return self.recall[list(classes).index(metric[len(RECALL):])]
        return float(getattr(self, metric))

    def to_dict(self, classes: Sequence[str]) -> dict[str, Any]:
        doc = {k: v for k, v in self.__dict__.items() if k != "recall"}
        doc["recall"] = {name: r for name, r in zip(classes, self.recall)}
        return doc

    @classmethod
    def from_dict(cls, data: dict[str, Any], classes: Sequence[str]) -> "FoldScore":
        recall = data.get("recall", {})
        values = {k: v for k, v in data.items() if k != "recall"}
        return cls(**values, recall=tuple(None if recall.get(c) is None else float(recall[c]) for c in classes))


@dataclass(frozen=True)
class MetricSummary:
    """One metric of one recipe across the folds: mean, sample standard deviation, lowest and
    highest value; ``folds`` is how many folds had a value."""

    mode: str
    metric: str
    mean: float
    std: float
    low: float
    high: float
    folds: int

    def to_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


def metric_name(metric: str) -> str:
    """A metric in words: "accuracy", "macro F1", "recall of NORMAL"."""
    if metric.startswith(RECALL):
        return f"recall of {metric[len(RECALL):]}"
    return METRIC_NAMES.get(metric, metric)


def summarise(mode: str, metric: str, values: Sequence[float | None]) -> MetricSummary | None:
    """Mean, standard deviation (n - 1), min and max of the folds' values (None ignored)."""
    v = np.array([x for x in values if x is not None and not math.isnan(x)], dtype=float)
    if v.size == 0:
        return None
    return MetricSummary(mode, metric, float(v.mean()), float(v.std(ddof=1)) if v.size > 1 else 0.0,
                         float(v.min()), float(v.max()), int(v.size))


def _points(x: float) -> str:
    """A spread in percentage points: whole points from 1 up, one decimal below."""
    text = f"{x * 100:.0f}" if x >= 0.01 else f"{x * 100:.1f}"
    return f"{text} point" if text == "1" else f"{text} points"


@dataclass
class CrossValResult:
    """Every fold of every recipe, the summary per metric and what it says."""

    data: str
    backbone: str
    classes: tuple[str, ...]
    modes: tuple[str, ...]
    folds: int
    repeats: int
    seed: int
    n_images: int
    grouped: bool = False
    notes: tuple[str, ...] = ()
    scores: list[FoldScore] = field(default_factory=list)
    status: str = "finished"  # "finished" | "cancelled"
    folder: Path | None = None
    seconds: float = 0.0

    @property
    def metrics(self) -> tuple[str, ...]:
        return METRICS + tuple(f"{RECALL}{c}" for c in self.classes)

    def scores_of(self, mode: str) -> list[FoldScore]:
        return [s for s in self.scores if s.mode == mode]

    def summary(self, mode: str | None = None) -> list[MetricSummary]:
        """One row per recipe and metric (recipes with no finished fold are left out)."""
        rows = []
        for m in self.modes if mode is None else (mode,):
            scores = self.scores_of(m)
            for metric in self.metrics:
                s = summarise(m, metric, [x.value(metric, self.classes) for x in scores])
                if s is not None:
                    rows.append(s)
        return rows

    def metric(self, mode: str, metric: str) -> MetricSummary | None:
        return next((s for s in self.summary(mode) if s.metric == metric), None)

    def reading(self, mode: str) -> str:
        """The accuracy with its spread, and what a single split could have shown, in words."""
        name = MODE_NAMES.get(mode, mode)
        s = self.metric(mode, "accuracy")
        if s is None:
            return f"{name}: no fold finished."
        if s.folds == 1:
            return (f"{name}: accuracy {s.mean:.0%} on the one fold finished; the spread needs at least two "
                    "folds.")
        return (f"{name}: accuracy {s.mean:.0%} ± {_points(s.std)} over {s.folds} folds: a single split "
                f"could have shown anything from {s.low:.0%} to {s.high:.0%}.")

    def comparisons(self) -> list[str]:
        """Each recipe against the first one, fold by fold (the folds are the same for all)."""
        if len(self.modes) < 2:
            return []
        base = self.modes[0]
        by_fold = {(s.repeat, s.fold): s.accuracy for s in self.scores_of(base)}
        lines = []
        for mode in self.modes[1:]:
            diffs = np.array([s.accuracy - by_fold[(s.repeat, s.fold)] for s in self.scores_of(mode)
                              if (s.repeat, s.fold) in by_fold])
            if diffs.size == 0:
                continue
            better, worse = int(np.sum(diffs > 1e-9)), int(np.sum(diffs < -1e-9))
            tied = diffs.size - better - worse
            lines.append(f"{MODE_NAMES[mode]} against {MODE_NAMES[base]}: {diffs.mean() * 100:+.1f} points on "
                         f"average, better in {better} of {diffs.size} folds, worse in {worse}"
                         + (f", tied in {tied}." if tied else "."))
        return lines

    def to_dict(self) -> dict[str, Any]:
        return {
            "data": self.data, "backbone": self.backbone, "classes": list(self.classes), "modes": list(self.modes),
            "folds": self.folds, "repeats": self.repeats, "seed": self.seed, "n_images": self.n_images,
            "grouped": self.grouped, "notes": list(self.notes), "status": self.status,
            "seconds": round(self.seconds, 1), "folder": str(self.folder) if self.folder else None,
            "scores": [s.to_dict(self.classes) for s in self.scores],
            "summary": [s.to_dict() for s in self.summary()],
            "readings": {m: self.reading(m) for m in self.modes if self.scores_of(m)},
            "comparisons": self.comparisons(),
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "CrossValResult":
        classes = tuple(data["classes"])
        folder = data.get("folder")
        return cls(data=data["data"], backbone=data["backbone"], classes=classes, modes=tuple(data["modes"]),
                   folds=int(data["folds"]), repeats=int(data["repeats"]), seed=int(data.get("seed", 0)),
                   n_images=int(data["n_images"]), grouped=bool(data.get("grouped", False)),
                   notes=tuple(data.get("notes", ())),
                   scores=[FoldScore.from_dict(s, classes) for s in data["scores"]],
                   status=data.get("status", "finished"), folder=Path(folder) if folder else None,
                   seconds=float(data.get("seconds", 0.0)))


# ----------------------------------------------------------------------------- folds


def _fold_seed(*parts: int) -> int:
    return int(np.random.SeedSequence([int(p) for p in parts]).generate_state(1)[0] % (2**31 - 1))


def check_folds(counts: dict[str, int], folds: int) -> None:
    """Refuse, in plain words, a class with fewer images than folds (a fold could not hold out
    one of its images)."""
    short = {name: n for name, n in counts.items() if n < folds}
    if short:
        listed = ", ".join(f"'{name}' has {n}" for name, n in short.items())
        fewest = min(short.values())
        raise ConfigError(
            f"Cross-validation with {folds} folds holds out one part of every class in each fold, so every class "
            f"needs at least {folds} images; {listed}.",
            hint=(f"Use {fewest} folds or fewer (at least 2), or add images of "
                  f"{', '.join(short)}." if fewest >= 2 else f"Add images of {', '.join(short)}: a class with one "
                  "image cannot be both trained on and tested."))


def make_folds(records: Sequence["ImageRecord"], *, folds: int, repeats: int, seed: int, val_fraction: float,
               groups: "ImageGroups | None" = None) -> list[Fold]:
    """The folds of every repeat: each image is held out exactly once per repeat, every fold's
    held-out part has the class mix of the whole (as far as whole groups allow), and each fold's
    remaining images give a validation part (``val_fraction`` of them, class by class; whole
    groups when grouped). Seeded by ``seed``; each repeat shuffles differently."""
    from sklearn.model_selection import RepeatedStratifiedKFold, StratifiedGroupKFold

    from tlstudio.core.data.groups import take_groups
    from tlstudio.core.data.split import allocate

    labels = np.array([r.label for r in records], dtype=np.int64)
    counts: dict[str, int] = {}
    for r in records:
        counts[r.class_name] = counts.get(r.class_name, 0) + 1
    check_folds(counts, folds)
    n = len(records)
    held: list[tuple[int, int, np.ndarray, np.ndarray]] = []
    if groups is None:
        splitter = RepeatedStratifiedKFold(n_splits=folds, n_repeats=repeats, random_state=seed)
        for i, (train, test) in enumerate(splitter.split(np.zeros(n), labels)):
            held.append((i // folds + 1, i % folds + 1, np.sort(train), np.sort(test)))
    else:
        names = sorted({groups.key(r.path) for r in records})
        if len(names) < folds:
            raise ConfigError(
                f"The images belong to only {len(names)} groups ({groups.source}), fewer than the {folds} folds; "
                "a group is never divided between the trained and the held-out part of a fold.",
                hint=f"Use {max(2, len(names))} folds or fewer, or check that the grouping gives one group per "
                     "patient or lesion.")
        code = {g: i for i, g in enumerate(names)}
        group_ids = np.array([code[groups.key(r.path)] for r in records])
        for repeat in range(1, repeats + 1):
            splitter = StratifiedGroupKFold(n_splits=folds, shuffle=True, random_state=_fold_seed(seed, repeat))
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", UserWarning)  # "least populated class": said in the notes
                for index, (train, test) in enumerate(splitter.split(np.zeros(n), labels, group_ids), start=1):
                    held.append((repeat, index, np.sort(train), np.sort(test)))
    result = []
    for repeat, index, rest, test in held:
        if test.size == 0 or rest.size == 0:
            raise ConfigError(f"The images could not be divided into {folds} folds with images in every fold "
                              f"(fold {index} of repeat {repeat} came out empty).",
                              hint="Use fewer folds, or check the grouping of the images.")
        fold_seed = _fold_seed(seed, repeat, index)
        if groups is None:
            taken = []
            rng = np.random.default_rng(fold_seed)
            for c in np.unique(labels[rest]):
                members = rest[labels[rest] == c]
                n_val, _ = allocate(len(members), val_fraction, 0.0)
                taken.append(rng.choice(members, size=n_val, replace=False))
            val = np.sort(np.concatenate(taken)).astype(np.int64)
        else:
            row_of = {records[i].path: i for i in rest}
            _, val_records = take_groups([records[i] for i in rest], val_fraction * rest.size, groups, fold_seed,
                                          keep_groups=1)
            val = np.sort(np.array([row_of[r.path] for r in val_records], dtype=np.int64))
        if val.size == 0:
            raise ConfigError(f"Fold {index} of repeat {repeat} has too few images left for a validation part "
                              "(which picks each model's best epoch).",
                              hint="Use fewer folds, or add images (or patients).")
        train = np.setdiff1d(rest, val)
        result.append(Fold(repeat, index, train, val, test))
    return result


def crossval_suggestion(counts: dict[str, int]) -> str | None:
    """A sentence for ``tlstudio check`` when some class has fewer than :data:`FEW_IMAGES`
    images: one test split is then too small to trust, cross-validation is steadier."""
    few = {name: n for name, n in counts.items() if n < FEW_IMAGES}
    if not few:
        return None
    listed = ", ".join(f"'{name}' ({n})" for name, n in few.items())
    return (f"Some classes have fewer than {FEW_IMAGES} images: {listed}. One test split then holds only a few of "
            "their pictures, so its accuracy can swing by many points by chance. Cross-validation (`tlstudio "
            "crossval`, or Results > Cross-validation in the app) tests on every image in turn and shows that "
            "spread.")


# ----------------------------------------------------------------------------- running


def _scores(y_true: np.ndarray, probs: np.ndarray, num_classes: int) -> tuple[float, float, float, tuple[float | None, ...]]:
    from sklearn.metrics import accuracy_score, balanced_accuracy_score, f1_score

    pred = np.argmax(probs, axis=1)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # a class missing from a grouped fold: its recall is None
        acc = float(accuracy_score(y_true, pred))
        bal = float(balanced_accuracy_score(y_true, pred))
        f1 = float(f1_score(y_true, pred, average="macro", zero_division=0))
    recall = tuple(float(np.mean(pred[y_true == c] == c)) if np.any(y_true == c) else None for c in range(num_classes))
    return acc, bal, f1, recall


def _checked(config: RunConfig, modes: tuple[str, ...], folds: int, repeats: int) -> tuple[str, ...]:
    """``modes``, after refusing what cross-validation cannot do (in plain words)."""
    if not modes or any(m not in MODES for m in modes) or len(set(modes)) != len(modes):
        raise ConfigError(f"Cross-validation takes the modes transfer, finetune and scratch. Received: modes={list(modes)!r}")
    if not isinstance(folds, int) or not 2 <= folds <= 20:
        raise ConfigError(f"folds must be between 2 and 20. Received: folds={folds!r}")
    if not isinstance(repeats, int) or not 1 <= repeats <= 20:
        raise ConfigError(f"repeats must be between 1 and 20. Received: repeats={repeats!r}")
    if config.synthetic.active:
        raise ConfigError("Cross-validation cannot add synthetic images: every image is a test image in one fold, "
                          "and the generator learned from the images of one split, so it has seen some test folds. "
                          "Compare with and without synthetic images in single runs (train) instead. "
                          f"Received: synthetic={config.synthetic.set!r}")
    return modes


def _pool_and_folds(scan: Any, config: RunConfig, folds: int, repeats: int
                    ) -> tuple[tuple, Any, list[Fold], np.ndarray, list[str]]:
    """Every image pooled (sorted by path) as one split whose parts are the pool, the folds over
    it, the images' labels, and the notes a user should read (groups, a folder's own splits)."""
    from tlstudio.core.data.groups import assign_groups
    from tlstudio.core.data.records import Split

    records = tuple(sorted(scan.records, key=lambda r: r.path))
    groups = assign_groups(scan, config.split)
    notes: list[str] = list(groups.notes) if groups is not None else []
    if scan.presplit is not None:
        own = " and ".join(f"{p}/" for p in ("train", "val", "test") if p in scan.presplit)
        notes.append(f"The folder has its own {own} folders; cross-validation pooled all {len(records)} images and "
                     "made its own folds, so each image is held out once per repeat whatever folder it is in.")
    fold_list = make_folds(records, folds=folds, repeats=repeats, seed=config.split.seed,
                           val_fraction=config.split.val_fraction, groups=groups)
    classes = tuple(scan.classes)
    labels = np.array([r.label for r in records], dtype=np.int64)
    if groups is not None:
        missing = sum(1 for f in fold_list if len(np.unique(labels[f.test])) < len(classes))
        if missing:
            notes.append(f"{missing} of {len(fold_list)} folds hold out no image of some class, because its images "
                         "come from few groups; recall of that class is left out for those folds.")
    pool = Split(classes=classes, train=records, val=records, test=records, seed=config.split.seed,
                 groups=None if groups is None else dict(groups.of))
    return records, pool, fold_list, labels, notes


def _fold_score(trainer: Any, mode: str, fold: Fold, labels: np.ndarray, num_classes: int, folds: int,
                stopper: Any) -> FoldScore:
    """Train ``trainer``'s recipe on one fold's training rows and score it on its held-out rows."""
    from tlstudio.core.training.fitters import class_weights

    tr = trainer.job.config.train
    t = time.monotonic()
    class_weight = class_weights(labels[fold.train], num_classes) if tr.class_weights else None
    probs, val_acc = trainer.train(fold.train, seed=tr.seed * 1000 + (fold.repeat - 1) * folds + fold.index,
                                   stopper=stopper, class_weight=class_weight, val_rows=fold.val,
                                   test_rows=fold.test, min_steps=False)
    acc, bal, f1, recall = _scores(labels[fold.test], probs, num_classes)
    return FoldScore(mode, fold.repeat, fold.index, int(fold.train.size), int(fold.val.size), int(fold.test.size),
                     acc, bal, f1, recall, val_acc, round(time.monotonic() - t, 2))


@releases_memory
def cross_validate(
    config: RunConfig,
    workspace: Path | str | None = None,
    *,
    folds: int = 5,
    repeats: int = 2,
    modes: Sequence[str] | None = None,
    on_event: Callable[[Any], None] | None = None,
    should_stop: Callable[[], bool] | None = None,
    save: bool = True,
) -> CrossValResult:
    """Cross-validate ``config``'s recipe (or ``modes``: any of transfer, finetune, scratch;
    scratch uses the reference CNN) with ``folds`` folds repeated ``repeats`` times; see the
    module docstring. Stops between and within folds when ``should_stop()`` turns true; the
    folds finished so far are kept (status ``cancelled``)."""
    from tlstudio.core.models.features import Cancelled
    from tlstudio.core.outputs.workspace import default_workspace
    from tlstudio.core.training.callbacks import ProgressCallback
    from tlstudio.core.training.events import ModelCounter, Reporter
    from tlstudio.core.training.job import trainer_for
    from tlstudio.core.training.train import scan_and_split

    modes = _checked(config, (config.model.mode,) if modes is None else tuple(modes), folds, repeats)
    emit = on_event or (lambda event: None)
    stop = should_stop or (lambda: False)
    workspace = Path(workspace) if workspace is not None else default_workspace()
    started = time.monotonic()
    reporter = Reporter(emit, stop)

    prepared = scan_and_split(config, reporter, pooled=True)
    if prepared is None:
        return CrossValResult(config.data, config.model.backbone, (), modes, folds, repeats, config.split.seed, 0,
                              status="cancelled")
    records, pool, fold_list, labels, notes = _pool_and_folds(prepared.scan, config, folds, repeats)
    classes, groups = pool.classes, pool.groups
    result = CrossValResult(config.data, config.model.backbone, classes, modes, folds, repeats, config.split.seed,
                            len(records), grouped=groups is not None, notes=tuple(notes))
    for note in notes:
        reporter.status(note)
    total = len(modes) * len(fold_list)
    stopper = ProgressCallback(stop)
    training_seconds = 0.0
    counter = ModelCounter(reporter, "crossval", total,
                           f"Cross-validation: {total} models ({len(modes)} recipe{'s' if len(modes) > 1 else ''} "
                           f"x {folds} folds x {repeats} repeat{'s' if repeats > 1 else ''}) on {len(records)} images")

    def report(score: FoldScore) -> None:
        nonlocal training_seconds
        result.scores.append(score)
        training_seconds += score.seconds
        counter.finished(f"{MODE_NAMES[score.mode]}, repeat {score.repeat}, fold {score.fold}: "
                         f"{score.accuracy:.1%} of {score.n_test} held-out images", {"accuracy": score.accuracy},
                         training_seconds)

    try:
        for mode in modes:
            if stop():
                raise Cancelled
            trainer = trainer_for(config, mode, pool, workspace, emit, stop)
            for fold in fold_list:
                if stop():
                    raise Cancelled
                score = _fold_score(trainer, mode, fold, labels, len(classes), folds, stopper)
                if stop():
                    raise Cancelled
                report(score)
            del trainer  # its network and cached arrays go before the next recipe's
    except Cancelled:
        result.status = "cancelled"
    if stop():
        result.status = "cancelled"
    result.seconds = time.monotonic() - started
    if save and result.scores:
        result.folder = save_crossval(result, workspace, name=config.name or f"crossval-{config.model.backbone}",
                                      data_root=config.data)
    return result


# ----------------------------------------------------------------------------- saving


CROSSVAL_FILES = StudyFiles("crossval", "crossval", "the cross-validation folder", "the cross-validation",
                            "crossval")


def save_crossval(result: CrossValResult, workspace: Path | str, *, name: str, data_root: str | None = None) -> Path:
    """Write ``crossval.json``, ``crossval.csv`` and ``crossval.png`` into a new folder under
    ``<workspace>/crossval/`` (never inside the image folder); returns the folder."""
    fields = [f for f in FoldScore.__dataclass_fields__ if f != "recall"] + [f"recall_{c}" for c in result.classes]
    rows = []
    for score in result.scores:
        row = {k: v for k, v in score.__dict__.items() if k != "recall"}
        row.update({f"recall_{c}": "" if r is None else r for c, r in zip(result.classes, score.recall)})
        rows.append(row)
    return save_study(CROSSVAL_FILES, result, workspace, name=name, data_root=data_root, fields=fields, rows=rows,
                      draw=save_crossval_png)


def load_crossval(folder: Path | str) -> CrossValResult:
    """Read a saved cross-validation back (``crossval.json`` in ``folder``)."""
    return load_study(CROSSVAL_FILES, folder, CrossValResult.from_dict)


def axis_floor(values: Sequence[float]) -> float:
    """The bottom of an accuracy axis that shows the spread: a tenth below the lowest value,
    rounded down to a tenth (0 at least)."""
    return max(0.0, math.floor((min(values, default=0.0) - 0.05) * 10) / 10)


def save_crossval_png(result: CrossValResult, path: Path | str) -> Path:
    """Each fold's test accuracy as a dot, one column per recipe, with the mean as a bar and
    ± one standard deviation as a whisker."""
    from tlstudio.core.outputs.figures import new_figure, save_figure_png
    from tlstudio.core.studies.curve import COLOURS

    modes = [m for m in result.modes if result.scores_of(m)]
    fig = new_figure(max(5.5, 2.0 + 1.8 * len(modes)), 4.5)
    ax = fig.subplots()
    rng = np.random.default_rng(0)
    for x, mode in enumerate(modes):
        acc = np.array([s.accuracy for s in result.scores_of(mode)])
        jitter = rng.uniform(-0.15, 0.15, size=acc.size)
        ax.scatter(x + jitter, acc, s=22, color=COLOURS[mode], alpha=0.75, zorder=3)
        s = result.metric(mode, "accuracy")
        assert s is not None
        ax.hlines(s.mean, x - 0.3, x + 0.3, color="#222", linewidth=2, zorder=4)
        ax.errorbar([x], [s.mean], yerr=[[s.std], [s.std]], color="#222", capsize=6, linewidth=1, zorder=4)
        ax.annotate(f"{s.mean:.1%} ± {s.std * 100:.1f}", (x + 0.32, s.mean), va="center", fontsize=9)
    ax.set_xticks(range(len(modes)))
    ax.set_xticklabels([MODE_NAMES[m] for m in modes])
    ax.set_xlim(-0.6, len(modes) - 0.1)
    ax.set_ylim(axis_floor([s.accuracy for s in result.scores]), 1.02)
    ax.set_ylabel("Test accuracy of the held-out fold")
    ax.set_title(f"Cross-validation: {result.folds} folds x {result.repeats} repeats\n{result.n_images} images; "
                 "bar: mean, whisker: ± 1 sd", fontsize=10)
    ax.grid(True, axis="y", alpha=0.3)
    return save_figure_png(fig, path)
