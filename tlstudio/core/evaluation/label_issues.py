"""Suspected label errors from out-of-fold predictions: the confident-learning rank.

Confident learning (Northcutt, Jiang and Chuang, 2021, "Confident Learning: Estimating
Uncertainty in Dataset Labels"; the idea behind the cleanlab library) counts a picture as a
likely label error when a model that never saw it (an out-of-fold prediction) gives another
class a probability at least that class's own *threshold* — the mean probability the model
gives that class on the pictures labelled with it — and that other class is the most likely
of those above their thresholds. The flagged pictures are ranked by the probability of their
given label (*self-confidence*), least likely first.

cleanlab's ``find_label_issues`` does the same (its ``filter_by="confident_learning"``); it is
not used because it requires pandas (and termcolor), some 60 MB more in the desktop app for
these few lines of numpy.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class LabelIssues:
    """``flagged``: indices of the pictures confident learning counts as mislabelled, least likely
    given label first; ``ranked``: every index in that order of self-confidence; ``thresholds``:
    per class; ``likely``: the class confident learning counts each picture under (the most
    probable of those at or above their threshold; the most probable class when none is)."""

    flagged: np.ndarray
    ranked: np.ndarray
    thresholds: np.ndarray
    likely: np.ndarray
    self_confidence: np.ndarray


def find_label_issues(labels: np.ndarray, probs: np.ndarray) -> LabelIssues:
    """The confident-learning label issues of ``labels`` (n,) given out-of-fold ``probs`` (n, k)."""
    labels = np.asarray(labels, dtype=np.int64)
    probs = np.asarray(probs, dtype=np.float64)
    if probs.ndim != 2 or probs.shape[0] != labels.shape[0]:
        raise ValueError(f"probs must be (n, classes) for n labels. Received: probs.shape={probs.shape}, "
                         f"labels.shape={labels.shape}")
    n, k = probs.shape
    thresholds = np.array([probs[labels == j, j].mean() if np.any(labels == j) else 1.0 for j in range(k)])
    above = probs >= thresholds[None, :] - 1e-12
    masked = np.where(above, probs, -1.0)
    confident = np.argmax(masked, axis=1)
    counted = above.any(axis=1)
    self_confidence = probs[np.arange(n), labels]
    issue = counted & (confident != labels)
    ranked = np.argsort(self_confidence, kind="stable")
    flagged = ranked[issue[ranked]]
    likely = np.where(counted, confident, np.argmax(probs, axis=1))
    return LabelIssues(flagged=flagged, ranked=ranked, thresholds=thresholds, likely=likely,
                       self_confidence=self_confidence)


def precision_recall_at(ranked: np.ndarray, planted: set[int], k: int) -> tuple[float, float]:
    """Precision and recall of the first ``k`` of ``ranked`` against the ``planted`` wrong labels."""
    top = set(int(i) for i in ranked[:k])
    hits = len(top & planted)
    return (hits / k if k else 0.0), (hits / len(planted) if planted else 0.0)
