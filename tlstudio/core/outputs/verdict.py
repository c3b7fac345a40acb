"""Which of several runs did best, and whether the difference is larger than chance.

Two runs tested on the same images (the same split) are compared image by image: McNemar's exact
test (``scipy.stats.binomtest``) on the images only one of them got right. Runs tested on
different images can only be compared by their accuracies' 95% intervals; the verdict says so.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Sequence

from tlstudio.core.errors import RunError
from tlstudio.core.outputs.catalog import CatalogEntry
from tlstudio.core.outputs.workspace import PathLike, read_json

#: Below this p-value the verdict calls a difference larger than chance.
SIGNIFICANCE = 0.05


def mcnemar_p(fixed: int, broken: int) -> float:
    """McNemar's exact two-sided p-value: how likely a split of ``fixed`` vs ``broken`` changed
    answers at least this lopsided is when neither model is better (1.0 when nothing changed)."""
    if fixed + broken == 0:
        return 1.0
    from scipy.stats import binomtest

    return float(binomtest(fixed, fixed + broken, 0.5).pvalue)


@dataclass(frozen=True)
class PairedTest:
    """Two runs on the same test images: how many only ``a`` got right, how many only ``b``."""

    a: str  # run ids
    b: str
    n_test: int
    only_a: int  # images a got right and b got wrong
    only_b: int
    p_value: float

    @property
    def significant(self) -> bool:
        return self.p_value < SIGNIFICANCE

    def to_dict(self) -> dict[str, Any]:
        return {**self.__dict__, "significant": self.significant}


def _test_and_wrong(run: PathLike) -> tuple[list[str], set[str]]:
    """The run's test image paths (split.json) and those it got wrong (metrics.json)."""
    folder = Path(run)
    split = read_json(folder / "split.json", "split")
    metrics = read_json(folder / "metrics.json", "results")
    if not isinstance(split, dict) or not isinstance(metrics, dict):
        raise RunError(f"The run folder {folder} does not hold what tlstudio wrote there.", path=str(folder))
    tests = [str(r.get("path", "")) for r in split.get("test", ()) if isinstance(r, dict)]
    wrong = {str(m.get("path", "")) for m in metrics.get("misclassified", ()) if isinstance(m, dict)}
    return tests, wrong


def paired_test(a: CatalogEntry, b: CatalogEntry) -> PairedTest | None:
    """McNemar's exact test of ``a`` against ``b`` when both finished and were tested on the same
    images (None otherwise, or when a file cannot be read)."""
    if a.test_accuracy is None or b.test_accuracy is None or not a.test_key or a.test_key != b.test_key:
        return None
    try:
        tests_a, wrong_a = _test_and_wrong(a.path)
        tests_b, wrong_b = _test_and_wrong(b.path)
    except RunError:
        return None
    if sorted(tests_a) != sorted(tests_b) or not tests_a:
        return None
    only_a, only_b = len(wrong_b - wrong_a), len(wrong_a - wrong_b)
    return PairedTest(a.id, b.id, len(tests_a), only_a, only_b, mcnemar_p(only_a, only_b))


@dataclass(frozen=True)
class Verdict:
    """The best run of a comparison, the runner-up, and the paired test between them (None when
    they were tested on different images)."""

    best: CatalogEntry
    runner_up: CatalogEntry
    paired: PairedTest | None

    @property
    def intervals_overlap(self) -> bool:
        a, b = self.best.accuracy_ci, self.runner_up.accuracy_ci
        return a is None or b is None or (a[0] <= b[1] and b[0] <= a[1])

    @property
    def larger_than_chance(self) -> bool:
        """The paired test says so; without one, only intervals that do not overlap do."""
        return self.paired.significant if self.paired is not None else not self.intervals_overlap

    def text(self) -> str:
        """The verdict in plain words (English; the app words it in its own language)."""
        best, second = self.best, self.runner_up
        head = (f"{best.name} did best: {best.test_accuracy:.1%} of the test images right, against "
                f"{second.test_accuracy:.1%} for {second.name}.")
        p = self.paired
        if p is not None:
            detail = (f" On the same {p.n_test} test images, {best.name} got {p.only_a} right that {second.name} got "
                      f"wrong, and {p.only_b} the other way round")
            if p.significant:
                return head + detail + f": a difference larger than chance (McNemar's test, p = {p.p_value:.3f})."
            return head + detail + (f": a difference that chance alone could give (McNemar's test, "
                                    f"p = {p.p_value:.2f}); more test images would tell them apart.")
        detail = " They were tested on different images, so they cannot be compared image by image"
        if self.intervals_overlap:
            return head + detail + "; their 95% intervals overlap, so the difference may be chance."
        return head + detail + "; their 95% intervals do not overlap, so the difference is larger than chance."

    def to_dict(self) -> dict[str, Any]:
        return {"best": self.best.id, "runner_up": self.runner_up.id,
                "paired": None if self.paired is None else self.paired.to_dict(),
                "larger_than_chance": self.larger_than_chance, "text": self.text()}


def verdict(entries: Sequence[CatalogEntry]) -> Verdict | None:
    """The verdict on the finished runs among ``entries`` (None with fewer than two): the best by
    test accuracy against the next best (ties: the newer first, as listed)."""
    scored = [e for e in entries if e.test_accuracy is not None]
    if len(scored) < 2:
        return None
    ranked = sorted(scored, key=lambda e: -float(e.test_accuracy or 0.0))
    best, runner_up = ranked[0], ranked[1]
    return Verdict(best, runner_up, paired_test(best, runner_up))
