"""Which answer to scarce data helps here? Augmentation, synthetic images, both, or neither.

``compare_strategies(config, augment=spec, synthetic=SyntheticConfig(set=..., ratio=1.0))``
checks and splits the images once, then trains the same model (``config``: backbone, mode,
epochs, seed) four times on that split:

* ``none``: the training images as they are;
* ``augment``: with the augmentation ``spec`` (random changes to the training images);
* ``synthetic``: with an accepted synthetic set added to the training images at ``ratio``;
* ``both``: the two together.

Validation and test images are the same real images for all four, so the test accuracies are
comparable. Per class, ``synthetic`` is also compared with ``none`` on that class's test images
(did the synthetic images help this class?), beside the share of the set's images of that class
that a classifier trained on the real images labels as that class. Each strategy is also compared with ``none`` image by image on the same test
images: how many it fixed, how many it broke, and McNemar's exact test on those two counts
(scipy's ``binomtest``). A p-value above 0.05 means the difference could well be luck, and the
reading says so in plain words: synthetic images that do not help are reported as not helping.

The result is saved in ``<workspace>/strategies/<stamp>-<name>/``: ``strategies.json``,
``strategies.csv``, ``strategies.md`` (the table as Markdown) and ``strategies.png``, all
written atomically; each of the four runs is an ordinary run folder.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Mapping, Sequence

from tlstudio.core.config import AugmentSpec, RunConfig, SyntheticConfig
from tlstudio.core.errors import ConfigError
from tlstudio.core.outputs.verdict import mcnemar_p
from tlstudio.core.studies.results import StudyFiles, load_study, save_study
from tlstudio.core.training.session import releases_memory

if TYPE_CHECKING:
    from tlstudio.core.training.events import TrainEvent
    from tlstudio.core.training.train import RunResult

STRATEGIES: tuple[str, ...] = ("none", "augment", "synthetic", "both")
STRATEGY_NAMES = {"none": "No augmentation", "augment": "Augmentation", "synthetic": "Synthetic images",
                  "both": "Augmentation + synthetic"}
#: Below this p-value a difference from ``none`` is called clear.
SIGNIFICANCE = 0.05


@dataclass(frozen=True)
class StrategyScore:
    """One strategy's run, tested on the shared test images.

    ``fixed``/``broken``: test images that ``none`` got wrong and this strategy right, and the
    reverse; ``p_value``: McNemar's exact test on those two counts (None for ``none`` itself).
    """

    strategy: str
    run_dir: str
    accuracy: float
    accuracy_ci: tuple[float, float]
    balanced_accuracy: float
    macro_f1: float
    recall: Mapping[str, float]
    train_real: int
    train_synthetic: int
    fixed: int = 0
    broken: int = 0
    p_value: float | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"strategy": self.strategy, "run_dir": self.run_dir, "accuracy": self.accuracy,
                "accuracy_ci": list(self.accuracy_ci), "balanced_accuracy": self.balanced_accuracy,
                "macro_f1": self.macro_f1, "recall": dict(self.recall), "train_real": self.train_real,
                "train_synthetic": self.train_synthetic, "fixed": self.fixed, "broken": self.broken,
                "p_value": self.p_value}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> "StrategyScore":
        return cls(strategy=str(data["strategy"]), run_dir=str(data["run_dir"]), accuracy=float(data["accuracy"]),
                   accuracy_ci=(float(data["accuracy_ci"][0]), float(data["accuracy_ci"][1])),
                   balanced_accuracy=float(data["balanced_accuracy"]), macro_f1=float(data["macro_f1"]),
                   recall={str(k): float(v) for k, v in data["recall"].items()},
                   train_real=int(data["train_real"]), train_synthetic=int(data["train_synthetic"]),
                   fixed=int(data.get("fixed", 0)), broken=int(data.get("broken", 0)),
                   p_value=None if data.get("p_value") is None else float(data["p_value"]))


@dataclass(frozen=True)
class ClassEffect:
    """Did the synthetic images help one class? The ``synthetic`` strategy against ``none`` on
    that class's test images: its recall without and with them, the images fixed and broken,
    McNemar's exact p-value, and the share of the set's images of this class that a classifier
    trained on the real images labels as this class (``consistency``; None when not measured)."""

    class_name: str
    test_images: int
    recall_without: float
    recall_with: float
    fixed: int
    broken: int
    p_value: float
    consistency: float | None

    @property
    def verdict(self) -> str:
        """``"helped"``, ``"hurt"`` or ``"no clear difference"`` (p >= 0.05)."""
        if self.p_value < SIGNIFICANCE:
            return "helped" if self.fixed > self.broken else "hurt"
        return "no clear difference"

    def to_dict(self) -> dict[str, Any]:
        return {"class": self.class_name, "test_images": self.test_images, "recall_without": self.recall_without,
                "recall_with": self.recall_with, "fixed": self.fixed, "broken": self.broken, "p_value": self.p_value,
                "consistency": self.consistency, "verdict": self.verdict}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> "ClassEffect":
        consistency = data.get("consistency")
        return cls(class_name=str(data["class"]), test_images=int(data["test_images"]),
                   recall_without=float(data["recall_without"]), recall_with=float(data["recall_with"]),
                   fixed=int(data["fixed"]), broken=int(data["broken"]), p_value=float(data["p_value"]),
                   consistency=None if consistency is None else float(consistency))


@dataclass
class StrategyComparison:
    """The four (or fewer) strategies on one split, with what they were given."""

    data: str
    classes: tuple[str, ...]
    n_test: int
    scores: list[StrategyScore]
    config: dict[str, Any]
    augment: dict[str, Any]
    synthetic: dict[str, Any]
    status: str = "finished"
    seconds: float = 0.0
    folder: Path | None = None
    notes: list[str] = field(default_factory=list)
    #: Per class, whether the synthetic images helped (``synthetic`` against ``none``).
    synthetic_by_class: list[ClassEffect] = field(default_factory=list)

    def score(self, strategy: str) -> StrategyScore | None:
        return next((s for s in self.scores if s.strategy == strategy), None)

    def reading(self) -> list[str]:
        """One sentence per strategy compared with ``none``, in plain words."""
        base = self.score("none")
        if base is None:
            return []
        lines = []
        for s in self.scores:
            if s.strategy == "none":
                continue
            diff = (s.accuracy - base.accuracy) * 100
            if s.p_value is not None and s.p_value < SIGNIFICANCE:
                verdict = "a clear improvement" if diff > 0 else "clearly worse"
            elif abs(diff) < 0.05:
                verdict = "no difference"
            else:
                verdict = "not a clear difference: it could be luck"
            p = "" if s.p_value is None else f", p = {s.p_value:.2g}"
            lines.append(
                f"{STRATEGY_NAMES[s.strategy]}: {s.accuracy:.1%} against {base.accuracy:.1%} without "
                f"({diff:+.1f} points). On the same {self.n_test} test images it fixed {s.fixed} and broke "
                f"{s.broken} (McNemar{p}): {verdict}.")
        return lines

    def markdown(self) -> str:
        """The table (one row per strategy) as Markdown, followed by the reading."""
        head = ["strategy", "training images (real + synthetic)", "test accuracy (95% interval)",
                "balanced accuracy", "macro F1", *[f"recall {c}" for c in self.classes], "vs none: fixed / broken, p"]
        rows = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
        for s in self.scores:
            versus = "" if s.p_value is None else f"{s.fixed} / {s.broken}, p = {s.p_value:.2g}"
            rows.append("| " + " | ".join([
                STRATEGY_NAMES[s.strategy], f"{s.train_real} + {s.train_synthetic}",
                f"{s.accuracy:.1%} ({s.accuracy_ci[0]:.1%}–{s.accuracy_ci[1]:.1%})", f"{s.balanced_accuracy:.1%}",
                f"{s.macro_f1:.3f}", *[f"{s.recall.get(c, 0.0):.1%}" for c in self.classes], versus]) + " |")
        text = "\n".join(rows) + "\n\n" + "\n".join(f"- {line}" for line in self.reading()) + "\n"
        return text + self.class_markdown()

    def class_markdown(self) -> str:
        """Per class: did the synthetic images help, beside how much they look like their class."""
        if not self.synthetic_by_class:
            return ""
        rows = ["", "Synthetic images per class (the 'synthetic' strategy against 'none' on each class's test images):",
                "", "| class | test images | recall without | recall with | fixed / broken, p | look like their class "
                "| synthetic images |", "|---|---|---|---|---|---|---|"]
        for e in self.synthetic_by_class:
            look = "not measured" if e.consistency is None else f"{e.consistency:.0%}"
            rows.append(f"| {e.class_name} | {e.test_images} | {e.recall_without:.1%} | {e.recall_with:.1%} | "
                        f"{e.fixed} / {e.broken}, p = {e.p_value:.2g} | {look} | {e.verdict} |")
        return "\n".join(rows) + "\n"

    def to_dict(self) -> dict[str, Any]:
        return {"data": self.data, "classes": list(self.classes), "n_test": self.n_test,
                "scores": [s.to_dict() for s in self.scores], "config": self.config, "augment": self.augment,
                "synthetic": self.synthetic, "status": self.status, "seconds": self.seconds,
                "notes": list(self.notes), "reading": self.reading(),
                "synthetic_by_class": [e.to_dict() for e in self.synthetic_by_class]}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> "StrategyComparison":
        return cls(data=str(data["data"]), classes=tuple(data["classes"]), n_test=int(data["n_test"]),
                   scores=[StrategyScore.from_dict(s) for s in data["scores"]], config=dict(data["config"]),
                   augment=dict(data["augment"]), synthetic=dict(data["synthetic"]),
                   status=str(data.get("status", "finished")), seconds=float(data.get("seconds", 0.0)),
                   notes=[str(n) for n in data.get("notes", [])],
                   synthetic_by_class=[ClassEffect.from_dict(e) for e in data.get("synthetic_by_class", [])])


def strategy_config(config: RunConfig, strategy: str, augment: AugmentSpec, synthetic: SyntheticConfig) -> RunConfig:
    """``config`` with the augmentation and synthetic images that ``strategy`` uses (the others off)."""
    if strategy not in STRATEGIES:
        raise ConfigError(f"Unknown strategy '{strategy}'. Choose from: {', '.join(STRATEGIES)}. "
                          f"Received: strategy={strategy!r}")
    uses_augment = strategy in ("augment", "both")
    uses_synthetic = strategy in ("synthetic", "both")
    name = f"{config.name + '-' if config.name else ''}{strategy}"
    return config.replace(augment=augment if uses_augment else AugmentSpec(),
                          synthetic=synthetic if uses_synthetic else SyntheticConfig(), name=name)


def check_strategies(strategies: Sequence[str], augment: AugmentSpec, synthetic: SyntheticConfig) -> None:
    """A ConfigError in plain words when a strategy is unknown or lacks what it adds."""
    unknown = [s for s in strategies if s not in STRATEGIES]
    if unknown or not strategies:
        raise ConfigError(f"Choose strategies from: {', '.join(STRATEGIES)}. Received: strategies={list(strategies)!r}")
    if any(s in ("augment", "both") for s in strategies) and augment.is_identity:
        raise ConfigError("The augmentation strategies need some augmentation switched on.",
                          hint="Choose a preset (--augment-preset) or operations (--augment), or leave out "
                               "'augment' and 'both'.")
    if any(s in ("synthetic", "both") for s in strategies) and not synthetic.active:
        raise ConfigError("The synthetic strategies need an accepted synthetic set and a ratio above 0.",
                          hint="Accept a set (tlstudio synth accept) and pass --synthetic SET --synthetic-ratio 1, "
                               "or leave out 'synthetic' and 'both'.")


def _score(strategy: str, result: "RunResult", base: "RunResult | None") -> StrategyScore:
    import json

    evaluation = result.evaluation
    assert evaluation is not None and result.run_dir is not None
    metrics = json.loads((result.run_dir / "metrics.json").read_text(encoding="utf-8"))
    counts = metrics.get("counts", {})
    per_class = evaluation.per_class
    fixed = broken = 0
    p_value = None
    if base is not None and base.evaluation is not None:
        wrong_here = {m.path for m in evaluation.misclassified}
        wrong_base = {m.path for m in base.evaluation.misclassified}
        fixed, broken = len(wrong_base - wrong_here), len(wrong_here - wrong_base)
        p_value = mcnemar_p(fixed, broken)
    return StrategyScore(
        strategy=strategy, run_dir=str(result.run_dir), accuracy=evaluation.accuracy,
        accuracy_ci=evaluation.accuracy_ci, balanced_accuracy=evaluation.balanced_accuracy,
        macro_f1=float(sum(c.f1 for c in per_class) / max(1, len(per_class))),
        recall={c.name: c.recall for c in per_class},
        train_real=int(counts.get("train", 0)) - int(counts.get("synthetic", 0)),
        train_synthetic=int(counts.get("synthetic", 0)), fixed=fixed, broken=broken, p_value=p_value)


def synthetic_by_class(classes: Sequence[str], test_labels: Mapping[str, int], base: "RunResult",
                       with_synthetic: "RunResult", consistency: Mapping[str, float]) -> list[ClassEffect]:
    """Per class: the ``with_synthetic`` run against ``base`` on that class's test images
    (``test_labels``: test image path -> class index), with the set's class consistency."""
    assert base.evaluation is not None and with_synthetic.evaluation is not None
    wrong_base = {m.path for m in base.evaluation.misclassified}
    wrong_here = {m.path for m in with_synthetic.evaluation.misclassified}
    effects = []
    for index, name in enumerate(classes):
        paths = {p for p, label in test_labels.items() if label == index}
        if not paths:
            continue
        fixed, broken = len((wrong_base - wrong_here) & paths), len((wrong_here - wrong_base) & paths)
        effects.append(ClassEffect(
            class_name=name, test_images=len(paths), recall_without=len(paths - wrong_base) / len(paths),
            recall_with=len(paths - wrong_here) / len(paths), fixed=fixed, broken=broken,
            p_value=mcnemar_p(fixed, broken), consistency=consistency.get(name)))
    return effects


def set_consistency(set_dir: str) -> dict[str, float]:
    """The class consistency of a synthetic set: measured with its quality numbers, else when it
    was accepted ({} when neither)."""
    from tlstudio.core.errors import TlStudioError
    from tlstudio.core.synthetic.sets import read_synthetic_set

    try:
        summary = read_synthetic_set(set_dir)
    except TlStudioError:
        return {}
    measured = {c: q.get("class_consistency") for c, q in ((summary.quality or {}).get("per_class") or {}).items()}
    stored = (summary.provenance.get("class_consistency") or {}).get("per_class") or {}
    found = {c: v for c, v in {**stored, **measured}.items() if isinstance(v, (int, float))}
    return {str(c): float(v) for c, v in found.items()}


@releases_memory
def compare_strategies(
    config: RunConfig,
    *,
    augment: AugmentSpec,
    synthetic: SyntheticConfig,
    strategies: Sequence[str] = STRATEGIES,
    workspace: Path | str | None = None,
    on_event: Callable[["TrainEvent"], None] | None = None,
    should_stop: Callable[[], bool] | None = None,
    save: bool = True,
) -> StrategyComparison:
    """Train ``config`` once per strategy on one split and compare them (see the module docstring).

    ``config``'s own augmentation and synthetic settings are ignored: each strategy gets
    ``augment`` and/or ``synthetic`` or neither. Stops between and within runs; a stopped
    comparison keeps the runs that finished and has status ``cancelled``.
    """
    from tlstudio.core.outputs.workspace import default_workspace
    from tlstudio.core.training.events import Reporter, TrainEvent
    from tlstudio.core.training.train import scan_and_split, train

    strategies = tuple(dict.fromkeys(strategies))
    check_strategies(strategies, augment, synthetic)
    workspace = Path(workspace) if workspace is not None else default_workspace()
    emit = on_event or (lambda event: None)
    stop = should_stop or (lambda: False)
    started = time.monotonic()
    prepared = scan_and_split(config, Reporter(emit, stop))
    comparison = StrategyComparison(data=config.data, classes=(), n_test=0, scores=[], config=config.to_dict(),
                                    augment=augment.to_dict(), synthetic=synthetic.to_dict(), status="cancelled")
    if prepared is None:
        return comparison
    split = prepared.split
    comparison.classes, comparison.n_test = tuple(split.classes), len(split.test)
    results: dict[str, RunResult] = {}
    for number, strategy in enumerate(strategies, 1):
        if stop():
            break
        emit(TrainEvent(kind="phase", phase="strategies", epochs=len(strategies),
                        message=f"Strategy {number} of {len(strategies)}: {STRATEGY_NAMES[strategy]}"))
        result = train(strategy_config(config, strategy, augment, synthetic), workspace=workspace, on_event=on_event,
                       should_stop=should_stop, split=split, bad_files=prepared.scan.bad_files, findings=prepared.findings)
        if result.status != "finished":
            break
        results[strategy] = result
        done = time.monotonic() - started
        emit(TrainEvent(kind="batch", phase="strategies", batch=number, batches=len(strategies),
                        metrics={"test_accuracy": result.test_accuracy or 0.0},
                        eta_s=done / number * (len(strategies) - number)))
    base = results.get("none")
    comparison.scores = [_score(s, r, None if s == "none" else base) for s, r in results.items()]
    if base is not None and "synthetic" in results:
        comparison.synthetic_by_class = synthetic_by_class(
            split.classes, {r.path: r.label for r in split.test}, base, results["synthetic"],
            set_consistency(synthetic.set))
    comparison.status = "finished" if len(results) == len(strategies) else "cancelled"
    comparison.seconds = time.monotonic() - started
    if base is None and len(results) > 1:
        comparison.notes.append("Without the 'none' strategy there is nothing to compare the others with image by image.")
    if save and comparison.scores:
        save_strategies(comparison, workspace, name=config.name or "strategies", data_root=config.data)
    return comparison


# ----------------------------------------------------------------------------- saving

COLOURS = {"none": "#7a7a7a", "augment": "#1f6fb2", "synthetic": "#b25d1f", "both": "#2e8b57"}


STRATEGIES_FILES = StudyFiles("strategies", "strategies", "the strategies folder", "the strategy comparison",
                              "strategies")


def save_strategies(comparison: StrategyComparison, workspace: Path | str, *, name: str,
                    data_root: str | None = None) -> Path:
    """Write ``strategies.json``, ``.csv``, ``.md`` and ``.png`` into a new folder under
    ``<workspace>/strategies/`` (never inside the image folder); returns the folder."""
    fields = ["strategy", "train_real", "train_synthetic", "accuracy", "accuracy_low", "accuracy_high",
              "balanced_accuracy", "macro_f1", *[f"recall_{c}" for c in comparison.classes], "fixed", "broken",
              "p_value", "run_dir"]
    rows = [{"strategy": s.strategy, "train_real": s.train_real, "train_synthetic": s.train_synthetic,
             "accuracy": s.accuracy, "accuracy_low": s.accuracy_ci[0], "accuracy_high": s.accuracy_ci[1],
             "balanced_accuracy": s.balanced_accuracy, "macro_f1": s.macro_f1,
             **{f"recall_{c}": s.recall.get(c, "") for c in comparison.classes},
             "fixed": s.fixed, "broken": s.broken, "p_value": "" if s.p_value is None else s.p_value,
             "run_dir": s.run_dir} for s in comparison.scores]
    return save_study(STRATEGIES_FILES, comparison, workspace, name=name, data_root=data_root, fields=fields,
                      rows=rows, draw=save_strategies_png, texts={"strategies.md": comparison.markdown()})


def load_strategies(folder: Path | str) -> StrategyComparison:
    """Read a saved comparison back (``strategies.json`` in ``folder``)."""
    comparison = load_study(STRATEGIES_FILES, folder, StrategyComparison.from_dict)
    comparison.folder = Path(folder)
    return comparison


def save_strategies_png(comparison: StrategyComparison, path: Path | str) -> Path:
    """One bar per strategy: test accuracy with its 95% interval, the 'none' level as a line."""
    from tlstudio.core.outputs.figures import new_figure, save_figure_png
    from tlstudio.core.studies.crossval import axis_floor

    scores = comparison.scores
    fig = new_figure(max(6.0, 2.0 + 1.7 * len(scores)), 4.2)
    ax = fig.subplots()
    for x, s in enumerate(scores):
        ax.bar(x, s.accuracy, color=COLOURS[s.strategy], width=0.6, zorder=2)
        ax.errorbar([x], [s.accuracy], yerr=[[s.accuracy - s.accuracy_ci[0]], [s.accuracy_ci[1] - s.accuracy]],
                    color="#222", capsize=6, linewidth=1, zorder=3)
        ax.annotate(f"{s.accuracy:.1%}", (x, s.accuracy_ci[1]), xytext=(0, 4), textcoords="offset points",
                    ha="center", fontsize=9)
    base = comparison.score("none")
    if base is not None:
        ax.axhline(base.accuracy, color=COLOURS["none"], linestyle="--", linewidth=1, zorder=1)
    ax.set_xticks(range(len(scores)))
    ax.set_xticklabels([STRATEGY_NAMES[s.strategy] for s in scores], fontsize=9)
    ax.set_ylim(axis_floor([s.accuracy_ci[0] for s in scores]), 1.05)
    ax.set_ylabel("Test accuracy (95% interval)")
    ax.set_title(f"Same split, same {comparison.n_test} test images", fontsize=10)
    ax.grid(True, axis="y", alpha=0.3, zorder=0)
    return save_figure_png(fig, path)


__all__ = ["STRATEGIES", "STRATEGY_NAMES", "ClassEffect", "StrategyComparison", "StrategyScore", "check_strategies", "compare_strategies",
           "load_strategies", "mcnemar_p", "save_strategies", "strategy_config"]
