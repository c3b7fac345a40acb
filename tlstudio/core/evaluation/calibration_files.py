"""A run's calibration on disk and its picture: ``calibration.json`` (written when a run
finishes, read by prediction, the report and the exports, its threshold changed from the app or
the command line) and ``reliability.png``, the reliability diagram beside the coverage curve.

The measuring itself (temperature, ECE, coverage) is :mod:`tlstudio.core.evaluation.calibration`;
this module only stores and draws a :class:`~tlstudio.core.evaluation.calibration.Calibration`.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Mapping, Union

import numpy as np

from tlstudio.core.errors import RunError
from tlstudio.core.evaluation.calibration import Calibration, check_threshold

PathLike = Union[str, Path]

CALIBRATION_FILE = "calibration.json"
RELIABILITY_FILE = "reliability.png"

def calibration_path(where: PathLike) -> Path:
    """``calibration.json`` of a run folder, or beside a ``model.keras`` file."""
    where = Path(where).expanduser()
    return (where.parent if where.suffix.lower() == ".keras" or where.is_file() else where) / CALIBRATION_FILE


def save_calibration(calibration: Calibration, run_dir: PathLike) -> Path:
    """Write ``calibration.json`` in the run folder, atomically."""
    from tlstudio.core.outputs.workspace import atomic_write_json

    return atomic_write_json(calibration_path(run_dir), calibration.to_dict())


def load_calibration(where: PathLike) -> Calibration | None:
    """The calibration of a run folder (or of the ``model.keras`` given), ``None`` when the run
    has none (trained before tlstudio measured calibration, or not finished). A damaged file is
    a :class:`RunError` in plain words."""
    path = calibration_path(where)
    if not path.is_file():
        return None
    try:
        return Calibration.from_dict(json.loads(path.read_text(encoding="utf-8")))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError, KeyError, TypeError, ValueError) as exc:
        raise RunError(f"The calibration file {path} is damaged and cannot be read.",
                       hint="Delete it to use the model without calibration, or train the model again.",
                       path=str(path), details=f"{type(exc).__name__}: {exc}") from exc


def save_threshold(where: PathLike, threshold: float) -> Calibration:
    """Save ``threshold`` with the model: in ``calibration.json`` (and in the calibration summary
    of ``metrics.json`` when there is one), atomically. Raises :class:`RunError` when the run has
    no calibration."""
    from tlstudio.core.outputs.locks import locked

    with locked(calibration_path(where).parent, what="run folder"):  # one writer at a time
        return _save_threshold(where, threshold)


def _save_threshold(where: PathLike, threshold: float) -> Calibration:
    threshold = check_threshold(threshold)
    path = calibration_path(where)
    current = load_calibration(path.parent)
    if current is None:
        raise RunError(f"The run in {path.parent} has no calibration ({CALIBRATION_FILE}), so no threshold can be "
                       "saved with it.",
                       hint="Train the model again: every finished run with validation images is calibrated.",
                       path=str(path.parent))
    updated = current.with_threshold(threshold)
    save_calibration(updated, path.parent)
    metrics_path = path.parent / "metrics.json"
    if metrics_path.is_file():
        from tlstudio.core.outputs.workspace import atomic_write_json

        try:
            metrics = json.loads(metrics_path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError):
            metrics = None  # a damaged metrics.json is reported where it is read; calibration.json is saved
        if isinstance(metrics, dict) and isinstance(metrics.get("calibration"), dict):
            metrics["calibration"] = {**metrics["calibration"], "threshold": threshold}
            atomic_write_json(metrics_path, metrics)
    return updated


#: The words of the reliability figure; the run report passes another language's as ``words``.
RELIABILITY_WORDS: dict[str, str] = {
    "perfect": "perfect calibration",
    "before": "before (ECE {ece:.1%})",
    "after": "after T = {temperature:.2f} (ECE {ece:.1%})",
    "share": "share of test images (after)",
    "confidence": "Confidence (top probability)",
    "accuracy": "Accuracy",
    "title": "Reliability diagram, {n} test images",
    "coverage": "coverage (share answered)",
    "answers": "accuracy of the answers",
    "saved": "saved threshold {threshold:.2f}",
    "threshold": "Confidence threshold",
    "abstention": "Abstention: coverage and accuracy by threshold",
}


def save_reliability_png(calibration: Calibration, path: PathLike, words: Mapping[str, str] | None = None) -> Path:
    """Draw the reliability diagram (accuracy against confidence per bin, before and after
    scaling, with the diagonal of perfect calibration) beside the coverage curve; atomically.
    ``words`` replaces some of :data:`RELIABILITY_WORDS` (another language)."""
    from tlstudio.core.outputs.figures import new_figure, save_figure_png

    w = {**RELIABILITY_WORDS, **(words or {})}

    fig = new_figure(10.0, 4.4)
    left, right = fig.subplots(1, 2)
    width = 1.0 / calibration.n_bins
    left.plot([0, 1], [0, 1], color="grey", linestyle="--", linewidth=1, label=w["perfect"])
    for bins, colour, label in ((calibration.bins_before, "#e07b1a", w["before"].format(ece=calibration.ece_before)),
                                (calibration.bins_after, "#1f6fb2", w["after"].format(
                                    temperature=calibration.temperature, ece=calibration.ece_after))):
        full = [b for b in bins if b.count]
        left.plot([b.confidence for b in full], [b.accuracy for b in full], "-o", color=colour, markersize=4,
                  label=label)
    left.bar([b.low + width / 2 for b in calibration.bins_after], [b.count / max(1, calibration.test_count)
                                                                  for b in calibration.bins_after],
             width=width * 0.9, color="#1f6fb2", alpha=0.15, label=w["share"])
    left.set_xlim(0, 1)
    left.set_ylim(0, 1.02)
    left.set_xlabel(w["confidence"])
    left.set_ylabel(w["accuracy"])
    left.set_title(w["title"].format(n=calibration.test_count))
    left.legend(loc="upper left", fontsize=8)
    left.grid(True, alpha=0.3)

    curve = calibration.coverage
    xs = [p.threshold for p in curve]
    right.plot(xs, [p.coverage for p in curve], "-", color="#2a9d4b", label=w["coverage"])
    right.plot(xs, [np.nan if p.accuracy is None else p.accuracy for p in curve], "-", color="#1f6fb2",
               label=w["answers"])
    if calibration.threshold > 0:
        right.axvline(calibration.threshold, color="grey", linestyle="--", linewidth=1,
                      label=w["saved"].format(threshold=calibration.threshold))
    right.set_xlim(0, 1)
    right.set_ylim(0, 1.02)
    right.set_xlabel(w["threshold"])
    right.set_title(w["abstention"])
    right.legend(loc="lower left", fontsize=8)
    right.grid(True, alpha=0.3)
    return save_figure_png(fig, path)
