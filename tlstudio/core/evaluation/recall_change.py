"""What class weights change, class by class: the recall of each class in a run without them
and in a run with them, on the same test pictures.

Class weights make the loss count a small class's pictures more, so its recall tends to rise and
a large class's to fall; balanced accuracy can stay where it was while one class gains what
another loses. :func:`class_weight_pair` finds such a pair among runs (same folder, recipe,
backbone and test pictures; only ``class_weights`` differs) and :func:`recall_changes` lines
their recalls up.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Sequence


@dataclass(frozen=True)
class RecallChange:
    """One class's recall without and with class weights (``change``: with minus without)."""

    name: str
    without: float
    with_weights: float
    support: int

    @property
    def change(self) -> float:
        return self.with_weights - self.without


def _recipe(result: Any) -> tuple:
    c = result.config
    return (c.data, c.model.mode, c.model.backbone, c.model.image_size, c.split.to_dict() if c.split else None)


def class_weight_pair(results: Sequence[Any]) -> tuple[Any, Any] | None:
    """The newest pair of finished runs (``RunResult``) of one recipe on the same test pictures, one
    without class weights and one with (without first); None when there is none."""
    finished = [r for r in results if getattr(r, "evaluation", None) is not None]
    for i in range(len(finished) - 1, 0, -1):
        b = finished[i]
        for a in reversed(finished[:i]):
            if (_recipe(a) == _recipe(b) and a.config.train.class_weights != b.config.train.class_weights
                    and a.evaluation.class_names == b.evaluation.class_names
                    and a.evaluation.n == b.evaluation.n):
                return (a, b) if b.config.train.class_weights else (b, a)
    return None


def recall_changes(without: Any, with_weights: Any) -> list[RecallChange]:
    """Each class's recall in the run ``without`` class weights and the run ``with_weights``
    (two ``Evaluation`` objects on the same classes)."""
    return [RecallChange(a.name, float(a.recall), float(b.recall), int(a.support))
            for a, b in zip(without.per_class, with_weights.per_class)]
