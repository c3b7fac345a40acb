"""Check labels: the pictures whose given label the model finds least likely.

Every picture is held out once (stratified k-fold, as cross-validation does, on one feature
pass), so each gets a prediction from a model that never saw it; confident learning
(:mod:`tlstudio.core.evaluation.label_issues`) then lists the pictures it counts as likely
mislabelled, least likely given label first, with the probability of the given label and of
the likely one. The result is saved in ``<workspace>/labels/<stamp>-<name>/``: ``labels.json``
(every suspect) and ``suspects.txt`` (their paths, one a line: what ``--exclude-file`` reads).
The image folder is never changed.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Sequence

import numpy as np

from tlstudio.core.config import RunConfig
from tlstudio.core.errors import ConfigError

LABELS_FILE = "labels.json"
SUSPECTS_FILE = "suspects.txt"


@dataclass(frozen=True)
class Suspect:
    """One picture whose given label looks wrong: its probability under the given label and the
    class the model finds most likely."""

    path: str
    given: str
    p_given: float
    likely: str
    p_likely: float

    def to_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


@dataclass
class LabelCheck:
    """What a label check found (``suspects`` least likely first) and how."""

    data: str
    backbone: str
    mode: str
    classes: tuple[str, ...]
    folds: int
    n_images: int
    suspects: list[Suspect] = field(default_factory=list)
    status: str = "finished"
    seconds: float = 0.0
    folder: Path | None = None
    #: every picture's path, given label and out-of-fold probabilities (not saved; a benchmark ranks them all)
    out_of_fold: dict[str, Any] | None = field(default=None, repr=False, compare=False)

    def to_dict(self) -> dict[str, Any]:
        return {"data": self.data, "backbone": self.backbone, "mode": self.mode, "classes": list(self.classes),
                "folds": self.folds, "n_images": self.n_images, "status": self.status, "seconds": round(self.seconds, 1),
                "suspects": [s.to_dict() for s in self.suspects],
                "folder": None if self.folder is None else str(self.folder)}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "LabelCheck":
        folder = data.get("folder")
        return cls(str(data["data"]), str(data["backbone"]), str(data.get("mode", "transfer")),
                   tuple(data["classes"]), int(data["folds"]), int(data["n_images"]),
                   [Suspect(**s) for s in data.get("suspects", ())], str(data.get("status", "finished")),
                   float(data.get("seconds", 0.0)), None if folder is None else Path(folder))


def check_labels(config: RunConfig, workspace: Path | str | None = None, *, folds: int = 5,
                 on_event: Callable[[Any], None] | None = None, should_stop: Callable[[], bool] | None = None,
                 save: bool = True) -> LabelCheck:
    """Out-of-fold predictions of ``config``'s recipe on every picture (``folds`` folds, one
    repeat), then the confident-learning suspects; see the module docstring."""
    from tlstudio.core.models.features import Cancelled
    from tlstudio.core.outputs.workspace import default_workspace
    from tlstudio.core.training.callbacks import ProgressCallback
    from tlstudio.core.training.events import ModelCounter, Reporter
    from tlstudio.core.training.job import trainer_for
    from tlstudio.core.training.train import scan_and_split

    if not isinstance(folds, int) or not 2 <= folds <= 20:
        raise ConfigError(f"folds must be between 2 and 20. Received: folds={folds!r}")
    emit, stop = on_event or (lambda event: None), should_stop or (lambda: False)
    workspace = Path(workspace) if workspace is not None else default_workspace()
    started = time.monotonic()
    reporter = Reporter(emit, stop)
    mode = config.model.mode
    result = LabelCheck(config.data, config.model.backbone, mode, (), folds, 0, status="cancelled")
    prepared = scan_and_split(config, reporter, pooled=True)
    if prepared is None:
        return result
    records, pool, fold_list = _pool(prepared.scan, config, folds)
    labels = np.array([r.label for r in records], dtype=np.int64)
    result.classes, result.n_images = pool.classes, len(records)
    counter = ModelCounter(reporter, "labels", len(fold_list),
                           f"Checking labels: {len(fold_list)} models, each predicting the pictures it never saw")
    probs = np.zeros((len(records), len(pool.classes)), dtype=np.float64)
    stopper = ProgressCallback(stop)
    try:
        trainer = trainer_for(config, mode, pool, workspace, emit, stop)
        for fold in fold_list:
            if stop():
                raise Cancelled
            fold_probs, _ = trainer.train(fold.train, seed=config.train.seed * 1000 + fold.index, stopper=stopper,
                                          class_weight=None, val_rows=fold.val, test_rows=fold.test, min_steps=False)
            probs[fold.test] = fold_probs
            counter.finished(f"fold {fold.index} of {len(fold_list)}", {}, time.monotonic() - started)
        if stop():
            raise Cancelled
    except Cancelled:
        result.seconds = time.monotonic() - started
        return result
    result.suspects = suspects_of(records, labels, probs, pool.classes)
    result.out_of_fold = {"paths": [r.path for r in records], "labels": labels, "probs": probs}
    result.status, result.seconds = "finished", time.monotonic() - started
    if save:
        save_label_check(result, workspace, name=config.name or f"labels-{config.model.backbone}",
                         data_root=config.data)
    return result


def _pool(scan: Any, config: RunConfig, folds: int) -> tuple[tuple, Any, list]:
    """Every picture (sorted by path) as one pool, and its folds (whole groups when grouped)."""
    from tlstudio.core.data.groups import assign_groups
    from tlstudio.core.data.records import Split
    from tlstudio.core.studies.crossval import check_folds, make_folds

    records = tuple(sorted(scan.records, key=lambda r: r.path))
    check_folds(scan.counts(), folds)
    groups = assign_groups(scan, config.split)
    fold_list = make_folds(records, folds=folds, repeats=1, seed=config.split.seed,
                           val_fraction=config.split.val_fraction, groups=groups)
    pool = Split(classes=tuple(scan.classes), train=records, val=records, test=records, seed=config.split.seed,
                 groups=None if groups is None else dict(groups.of))
    return records, pool, fold_list


def suspects_of(records: Sequence[Any], labels: np.ndarray, probs: np.ndarray, classes: Sequence[str]) -> list[Suspect]:
    """The confident-learning suspects among ``records``, least likely given label first."""
    from tlstudio.core.evaluation.label_issues import find_label_issues

    issues = find_label_issues(labels, probs)
    return [Suspect(records[i].path, classes[labels[i]], float(probs[i, labels[i]]), classes[issues.likely[i]],
                    float(probs[i, issues.likely[i]])) for i in (int(j) for j in issues.flagged)]


def save_label_check(result: LabelCheck, workspace: Path | str, *, name: str, data_root: str | None = None) -> Path:
    """``labels.json`` and ``suspects.txt`` in a new folder under ``<workspace>/labels/``."""
    from tlstudio.core.outputs.workspace import atomic_write_json, atomic_write_text, new_stamped_folder

    folder = new_stamped_folder(workspace, "labels", name, data_root=data_root, what="create the label check folder")
    result.folder = folder
    atomic_write_json(folder / LABELS_FILE, result.to_dict())
    atomic_write_text(folder / SUSPECTS_FILE, "".join(f"{s.path}\n" for s in result.suspects))
    return folder
