"""When the model says 90%, is it right 90% of the time? Calibration and abstention.

A classifier's top probability (its *confidence*) is only useful for deciding when to trust it
if it means what it says. Networks trained on few images are usually **over-confident**: they
say 95% where they are right 80% of the time. This module measures that and fixes most of it:

* :func:`expected_calibration_error` (ECE) and :func:`reliability_bins`: the test images are put
  in equal-width confidence bins (15 by default); in each bin the mean confidence is compared
  with the share of right answers. ECE is the size-weighted mean gap (0 = perfectly calibrated).
* :func:`fit_temperature` / :func:`apply_temperature`: *temperature scaling* divides the model's
  log-probabilities by one number ``T`` fitted on the validation images (minimising their
  negative log-likelihood). ``T > 1`` softens an over-confident model, ``T < 1`` sharpens an
  under-confident one. The predicted class never changes, so accuracy is unchanged.
* :func:`coverage_curve`: *abstention*. Below a confidence threshold the model answers
  "uncertain" instead of a class; for each threshold, *coverage* is the share of images it still
  answers and *accuracy* the share of those it gets right, so a clinician can trade one for the
  other.

:func:`calibrate` does all of it at the end of a training run (temperature from the validation
images, ECE before/after and the coverage curve on the test images) and returns a
:class:`Calibration`, saved as ``calibration.json`` in the run folder with the chosen threshold
(:func:`~tlstudio.core.evaluation.calibration_files.save_calibration`,
:func:`~tlstudio.core.evaluation.calibration_files.save_threshold`: the files and the reliability
figure live in ``core.evaluation.calibration_files``); ``core.evaluation.predict`` reads it to apply
the temperature and the threshold, and the exports carry it along with the model.

Everything works on probabilities or on logits (``kind="auto"`` tells them apart), with numpy and
scipy only: no TensorFlow, no Qt.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field, replace
from typing import Any, Mapping, Sequence

import numpy as np

from tlstudio.core.errors import ConfigError

#: Equal-width confidence bins used for ECE and the reliability diagram.
DEFAULT_BINS = 15
#: Temperatures searched (the fit is on log T within these bounds).
TEMPERATURE_BOUNDS = (0.05, 20.0)
#: Standard deviation of the Gaussian prior on log T that pulls the fit towards T = 1 when the
#: validation images are few: a handful of validation images that happen to be all right would
#: otherwise send T to its lower bound and make the model arbitrarily sure of itself.
LOG_TEMPERATURE_PRIOR_SD = 0.5
#: Fewer validation images than this and the reading warns that the temperature is rough.
FEW_VALIDATION_IMAGES = 50
#: Thresholds of the stored coverage curve: 0.00, 0.01, ..., 1.00.
CURVE_THRESHOLDS: tuple[float, ...] = tuple(round(i / 100, 2) for i in range(101))
#: Thresholds the CLI's table shows (the saved one is added).
TABLE_THRESHOLDS: tuple[float, ...] = (0.0, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95, 0.99)
#: What an abstaining prediction says instead of a class.
UNCERTAIN = "uncertain"
#: Smallest probability used when taking logarithms (float32 softmax outputs can be exactly 0).
_EPS = 1e-12
#: A gap between mean confidence and accuracy smaller than this reads as "about right".
ABOUT_RIGHT_GAP = 0.02


# ----------------------------------------------------------------------------- inputs


def _labels(labels: Sequence[int] | np.ndarray, n: int, k: int) -> np.ndarray:
    y = np.asarray(labels)
    if y.ndim == 2:  # one-hot rows
        y = y.argmax(axis=1)
    y = y.astype(np.int64).reshape(-1)
    if y.size != n:
        raise ValueError(f"labels must hold one class index per row of scores ({n}). Received: {y.size} labels")
    if n and (y.min() < 0 or y.max() >= k):
        raise ValueError(f"labels must be class indices from 0 to {k - 1}. Received: labels={y.tolist()!r}")
    return y


def _scores(scores: Any) -> np.ndarray:
    x = np.asarray(scores, dtype=np.float64)
    if x.ndim != 2 or x.shape[1] < 2:
        raise ValueError(f"scores must be a 2-D array: one row per image, one column per class (at least 2). "
                         f"Received: shape={x.shape}")
    if not np.all(np.isfinite(x)):
        raise ValueError("scores hold NaN or infinite values (the model's training diverged).")
    return x


def _looks_like_probabilities(x: np.ndarray) -> bool:
    return bool(x.size) and bool(np.all(x >= 0.0)) and bool(np.allclose(x.sum(axis=1), 1.0, atol=1e-3))


def log_probabilities(scores: Any, *, kind: str = "auto") -> np.ndarray:
    """Normalised log-probabilities (rows log-sum-exp to 0) from probabilities or logits.

    ``kind``: ``"probs"`` (rows of probabilities, e.g. a softmax output), ``"logits"``, or
    ``"auto"`` (probabilities when every row is non-negative and sums to 1). Either way the result
    differs from the logits by a constant per row, which temperature scaling ignores.
    """
    if kind not in ("auto", "probs", "logits"):
        raise ValueError(f"kind must be 'auto', 'probs' or 'logits'. Received: kind={kind!r}")
    x = _scores(scores)
    if kind == "probs" or (kind == "auto" and _looks_like_probabilities(x)):
        x = np.log(np.clip(x, _EPS, None))
    from scipy.special import logsumexp

    return x - logsumexp(x, axis=1, keepdims=True)


def apply_temperature(scores: Any, temperature: float, *, kind: str = "auto") -> np.ndarray:
    """Probabilities after dividing the log-probabilities by ``temperature`` (rows sum to 1).
    The top class of every row stays the same."""
    if not (isinstance(temperature, (int, float)) and math.isfinite(temperature) and temperature > 0):
        raise ValueError(f"temperature must be a positive number. Received: temperature={temperature!r}")
    from scipy.special import softmax

    return softmax(log_probabilities(scores, kind=kind) / float(temperature), axis=1)


def _nll(log_probs: np.ndarray, y: np.ndarray, temperature: float) -> float:
    from scipy.special import logsumexp

    scaled = log_probs / temperature
    return float(np.mean(logsumexp(scaled, axis=1) - scaled[np.arange(y.size), y]))


def fit_temperature(scores: Any, labels: Sequence[int] | np.ndarray, *, kind: str = "auto") -> float:
    """The temperature ``T`` that minimises the negative log-likelihood of ``labels`` under
    ``softmax(log p / T)``: a bounded scalar search on ``log T`` (``T`` in
    :data:`TEMPERATURE_BOUNDS`). Fit it on the validation images, never on the test images.

    The summed negative log-likelihood gets a penalty ``(log T)^2 / (2 * 0.5^2)`` (a Gaussian
    prior on ``log T``, :data:`LOG_TEMPERATURE_PRIOR_SD`): negligible with hundreds of
    validation images, it keeps a few all-correct ones from sending ``T`` towards 0.
    """
    log_probs = log_probabilities(scores, kind=kind)
    y = _labels(labels, log_probs.shape[0], log_probs.shape[1])
    if y.size == 0:
        raise ValueError("There are no validation images to fit the temperature on. Received: labels=[]")
    from scipy.optimize import minimize_scalar

    n = y.size
    prior = 2.0 * LOG_TEMPERATURE_PRIOR_SD**2

    def objective(log_t: float) -> float:
        return n * _nll(log_probs, y, math.exp(log_t)) + log_t**2 / prior

    lo, hi = (math.log(b) for b in TEMPERATURE_BOUNDS)
    found = minimize_scalar(objective, bounds=(lo, hi), method="bounded", options={"xatol": 1e-4})
    # The bounded search can stop short of T = 1 on a flat likelihood; never do worse than no scaling.
    return math.exp(float(found.x)) if objective(float(found.x)) < objective(0.0) else 1.0


# ----------------------------------------------------------------------------- measuring calibration


@dataclass(frozen=True)
class ReliabilityBin:
    """One confidence bin of a reliability diagram: images whose confidence is in
    ``[low, high)`` (the last bin includes 1), their mean confidence and the share right.
    ``confidence`` and ``accuracy`` are ``None`` for an empty bin."""

    low: float
    high: float
    count: int
    confidence: float | None
    accuracy: float | None

    @property
    def gap(self) -> float | None:
        """Mean confidence minus accuracy: positive means over-confident in this bin."""
        return None if self.count == 0 else float(self.confidence) - float(self.accuracy)  # type: ignore[arg-type]

    def to_dict(self) -> dict[str, Any]:
        return {"low": self.low, "high": self.high, "count": self.count, "confidence": self.confidence,
                "accuracy": self.accuracy}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> "ReliabilityBin":
        conf, acc = data.get("confidence"), data.get("accuracy")
        return cls(low=float(data["low"]), high=float(data["high"]), count=int(data["count"]),
                   confidence=None if conf is None else float(conf), accuracy=None if acc is None else float(acc))


def _check_bins(n_bins: int) -> None:
    if not isinstance(n_bins, int) or n_bins < 1:
        raise ValueError(f"n_bins must be a whole number >= 1. Received: n_bins={n_bins!r}")


def _bin_index(confidence: np.ndarray, n_bins: int) -> np.ndarray:
    return np.minimum((confidence * n_bins).astype(np.int64), n_bins - 1)


def reliability_bins(probs: Any, labels: Sequence[int] | np.ndarray, n_bins: int = DEFAULT_BINS) -> tuple[ReliabilityBin, ...]:
    """The data of a reliability diagram: ``n_bins`` equal-width confidence bins over [0, 1],
    each with its image count, mean confidence and accuracy."""
    _check_bins(n_bins)
    p = _scores(probs)
    y = _labels(labels, p.shape[0], p.shape[1])
    confidence = p.max(axis=1)
    correct = p.argmax(axis=1) == y
    which = _bin_index(confidence, n_bins)
    bins = []
    for b in range(n_bins):
        inside = which == b
        count = int(inside.sum())
        bins.append(ReliabilityBin(
            low=b / n_bins, high=(b + 1) / n_bins, count=count,
            confidence=float(confidence[inside].mean()) if count else None,
            accuracy=float(correct[inside].mean()) if count else None))
    return tuple(bins)


def ece_from_bins(bins: Sequence[ReliabilityBin]) -> float:
    """Expected calibration error from a reliability diagram's bins."""
    total = sum(b.count for b in bins)
    if total == 0:
        return 0.0
    return float(sum(b.count / total * abs(b.gap) for b in bins if b.count))  # type: ignore[arg-type]


def expected_calibration_error(probs: Any, labels: Sequence[int] | np.ndarray, n_bins: int = DEFAULT_BINS) -> float:
    """ECE: over equal-width confidence bins, the mean of |mean confidence - accuracy| weighted
    by the share of images in the bin. 0 is perfect; 0.1 means the stated confidence is off by
    about 10 points on average."""
    return ece_from_bins(reliability_bins(probs, labels, n_bins))


# ----------------------------------------------------------------------------- abstention


@dataclass(frozen=True)
class CoveragePoint:
    """What a confidence threshold does: ``coverage`` is the share of images answered
    (confidence >= threshold), ``accuracy`` the share of those answered right (``None`` when
    none is answered)."""

    threshold: float
    coverage: float
    accuracy: float | None
    answered: int
    total: int

    @property
    def uncertain(self) -> int:
        """Images the model declines to answer."""
        return self.total - self.answered

    def to_dict(self) -> dict[str, Any]:
        return {"threshold": self.threshold, "coverage": self.coverage, "accuracy": self.accuracy,
                "answered": self.answered, "total": self.total}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> "CoveragePoint":
        acc = data.get("accuracy")
        return cls(threshold=float(data["threshold"]), coverage=float(data["coverage"]),
                   accuracy=None if acc is None else float(acc), answered=int(data["answered"]),
                   total=int(data["total"]))


def check_threshold(threshold: Any) -> float:
    """``threshold`` as a float in [0, 1], else a :class:`ConfigError` in plain words."""
    if isinstance(threshold, bool) or not isinstance(threshold, (int, float)) or not 0.0 <= float(threshold) <= 1.0:
        raise ConfigError("The confidence threshold must be a number from 0 (always answer) to 1. "
                          f"Received: threshold={threshold!r}")
    return float(threshold)


def _coverage_point(confidence: np.ndarray, correct: np.ndarray, threshold: float) -> CoveragePoint:
    answered = confidence >= threshold
    n = int(answered.sum())
    total = int(confidence.size)
    return CoveragePoint(threshold=float(threshold), coverage=n / total if total else 0.0,
                         accuracy=float(correct[answered].mean()) if n else None, answered=n, total=total)


def coverage_curve(probs: Any, labels: Sequence[int] | np.ndarray,
                   thresholds: Sequence[float] = CURVE_THRESHOLDS) -> tuple[CoveragePoint, ...]:
    """For each threshold: the share of images answered (top probability >= threshold) and the
    accuracy among them. Coverage is 1 at threshold 0 and never rises with the threshold."""
    p = _scores(probs)
    y = _labels(labels, p.shape[0], p.shape[1])
    confidence = p.max(axis=1)
    correct = p.argmax(axis=1) == y
    return tuple(_coverage_point(confidence, correct, check_threshold(t)) for t in thresholds)


# ----------------------------------------------------------------------------- a run's calibration


@dataclass(frozen=True)
class Calibration:
    """A run's calibration: the temperature fitted on the validation images, ECE and the
    reliability diagram before and after scaling, and the coverage curve (after scaling), all on
    the test images; and the confidence threshold below which the model answers "uncertain"
    (0: it always answers).

    ``confidence`` / ``correct`` are the test images' calibrated top probabilities and whether
    the top class was right, so the coverage at any threshold is exact (:meth:`coverage_at`).
    """

    temperature: float
    ece_before: float
    ece_after: float
    bins_before: tuple[ReliabilityBin, ...]
    bins_after: tuple[ReliabilityBin, ...]
    accuracy: float
    val_count: int
    test_count: int
    val_nll_before: float
    val_nll_after: float
    confidence: tuple[float, ...] = field(repr=False, default=())
    correct: tuple[bool, ...] = field(repr=False, default=())
    threshold: float = 0.0
    n_bins: int = DEFAULT_BINS

    def __post_init__(self) -> None:
        check_threshold(self.threshold)
        if len(self.confidence) != len(self.correct):
            raise ValueError("confidence and correct must have one value per test image. "
                             f"Received: {len(self.confidence)} and {len(self.correct)}")

    # -- derived figures ------------------------------------------------------------------------
    @property
    def coverage(self) -> tuple[CoveragePoint, ...]:
        """The coverage curve at thresholds 0.00, 0.01, ..., 1.00 (test images, after scaling)."""
        return tuple(self.coverage_at(t) for t in CURVE_THRESHOLDS)

    def coverage_at(self, threshold: float) -> CoveragePoint:
        """Coverage and accuracy of the answers on the test images at ``threshold``."""
        return _coverage_point(np.asarray(self.confidence, dtype=np.float64), np.asarray(self.correct, dtype=bool),
                               check_threshold(threshold))

    @staticmethod
    def _mean_confidence(bins: Sequence[ReliabilityBin]) -> float:
        total = sum(b.count for b in bins)
        return sum(b.count * float(b.confidence) for b in bins if b.count) / total if total else 0.0  # type: ignore[arg-type]

    @property
    def mean_confidence_before(self) -> float:
        return self._mean_confidence(self.bins_before)

    @property
    def mean_confidence_after(self) -> float:
        return self._mean_confidence(self.bins_after)

    def with_threshold(self, threshold: float) -> "Calibration":
        return replace(self, threshold=check_threshold(threshold))

    def summary(self) -> dict[str, float]:
        """The short form kept in ``metrics.json`` and the run's result."""
        return {"temperature": self.temperature, "ece_before": self.ece_before, "ece_after": self.ece_after,
                "threshold": self.threshold}

    def reading(self) -> str:
        """What the figures mean, in plain words."""
        acc = self.accuracy
        before = self.mean_confidence_before
        after = self.mean_confidence_after
        if before - acc > ABOUT_RIGHT_GAP:
            first = (f"Before scaling the model was over-confident: it said {before:.0%} on average where it was "
                     f"right {acc:.0%} of the time.")
        elif acc - before > ABOUT_RIGHT_GAP:
            first = (f"Before scaling the model was under-confident: it said {before:.0%} on average where it was "
                     f"right {acc:.0%} of the time.")
        else:
            first = (f"Before scaling the model's confidence was about right on average ({before:.0%} said, "
                     f"{acc:.0%} right).")
        if self.temperature == 1.0:
            second = "Temperature scaling found nothing to correct on the validation images (temperature 1)."
        elif self.ece_after < self.ece_before:
            second = (f"Temperature scaling (temperature {self.temperature:.2f}, fitted on {self.val_count} validation "
                      f"images) brings the calibration error from {self.ece_before:.1%} to {self.ece_after:.1%} on "
                      f"{self.test_count} test images: it now says {after:.0%} on average and is right {acc:.0%} "
                      "of the time.")
        else:
            second = (f"Temperature scaling (temperature {self.temperature:.2f}, fitted on {self.val_count} validation "
                      f"images) did not help on the {self.test_count} test images (calibration error "
                      f"{self.ece_before:.1%} before, {self.ece_after:.1%} after): the validation images may be too "
                      "few, or unlike the test images.")
        if self.threshold <= 0.0:
            third = "No confidence threshold is set: the model answers every image."
        else:
            point = self.coverage_at(self.threshold)
            right = "none" if point.accuracy is None else f"{point.accuracy:.0%}"
            third = (f"With the threshold at {self.threshold:.0%} it answers {point.coverage:.0%} of the test images, "
                     f"{right} of them right, and says \"{UNCERTAIN}\" for the other {point.uncertain}.")
        few = (f"Only {self.val_count} validation images: the temperature is a rough estimate."
               if self.val_count < FEW_VALIDATION_IMAGES else "")
        return " ".join(part for part in (first, second, few, third) if part)

    # -- JSON -----------------------------------------------------------------------------------
    def to_dict(self) -> dict[str, Any]:
        return {
            "temperature": self.temperature,
            "threshold": self.threshold,
            "ece_before": self.ece_before,
            "ece_after": self.ece_after,
            "accuracy": self.accuracy,
            "mean_confidence_before": self.mean_confidence_before,
            "mean_confidence_after": self.mean_confidence_after,
            "val_count": self.val_count,
            "test_count": self.test_count,
            "val_nll_before": self.val_nll_before,
            "val_nll_after": self.val_nll_after,
            "n_bins": self.n_bins,
            "reading": self.reading(),
            "bins_before": [b.to_dict() for b in self.bins_before],
            "bins_after": [b.to_dict() for b in self.bins_after],
            "coverage": [p.to_dict() for p in self.coverage],
            "test_confidence": [round(float(c), 6) for c in self.confidence],
            "test_correct": [int(bool(c)) for c in self.correct],
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> "Calibration":
        """Read :meth:`to_dict`'s output back (``coverage`` and ``reading`` are recomputed)."""
        return cls(
            temperature=float(data["temperature"]),
            ece_before=float(data["ece_before"]),
            ece_after=float(data["ece_after"]),
            bins_before=tuple(ReliabilityBin.from_dict(b) for b in data["bins_before"]),
            bins_after=tuple(ReliabilityBin.from_dict(b) for b in data["bins_after"]),
            accuracy=float(data["accuracy"]),
            val_count=int(data["val_count"]),
            test_count=int(data["test_count"]),
            val_nll_before=float(data.get("val_nll_before") or 0.0),
            val_nll_after=float(data.get("val_nll_after") or 0.0),
            confidence=tuple(float(c) for c in data.get("test_confidence", [])),
            correct=tuple(bool(c) for c in data.get("test_correct", [])),
            threshold=check_threshold(float(data.get("threshold", 0.0))),
            n_bins=int(data.get("n_bins", DEFAULT_BINS)),
        )


def calibrate(val_probs: Any, val_labels: Sequence[int] | np.ndarray, test_probs: Any,
              test_labels: Sequence[int] | np.ndarray, *, n_bins: int = DEFAULT_BINS, threshold: float = 0.0,
              kind: str = "auto") -> Calibration:
    """Fit the temperature on the validation images and measure its effect on the test images."""
    _check_bins(n_bins)
    val_log = log_probabilities(val_probs, kind=kind)
    y_val = _labels(val_labels, val_log.shape[0], val_log.shape[1])
    test_log = log_probabilities(test_probs, kind=kind)
    y_test = _labels(test_labels, test_log.shape[0], test_log.shape[1])
    if val_log.shape[1] != test_log.shape[1]:
        raise ValueError(f"Validation and test scores must have the same classes. Received: "
                         f"{val_log.shape[1]} and {test_log.shape[1]} columns")
    if y_test.size == 0:
        raise ValueError("There are no test images to measure calibration on. Received: test_labels=[]")
    temperature = fit_temperature(val_log, y_val, kind="logits")
    before = np.exp(test_log)
    after = apply_temperature(test_log, temperature, kind="logits")
    bins_before = reliability_bins(before, y_test, n_bins)
    bins_after = reliability_bins(after, y_test, n_bins)
    correct = after.argmax(axis=1) == y_test
    return Calibration(
        temperature=temperature,
        ece_before=ece_from_bins(bins_before),
        ece_after=ece_from_bins(bins_after),
        bins_before=bins_before,
        bins_after=bins_after,
        accuracy=float(correct.mean()),
        val_count=int(y_val.size),
        test_count=int(y_test.size),
        val_nll_before=_nll(val_log, y_val, 1.0),
        val_nll_after=_nll(val_log, y_val, temperature),
        confidence=tuple(float(c) for c in after.max(axis=1)),
        correct=tuple(bool(c) for c in correct),
        threshold=check_threshold(threshold),
        n_bins=n_bins,
    )


def format_report(calibration: Calibration, thresholds: Sequence[float] = TABLE_THRESHOLDS) -> str:
    """The calibration as text: temperature, ECE before/after, the reading, and coverage and
    accuracy at a few thresholds (the saved threshold included)."""
    c = calibration
    lines = [
        f"Temperature {c.temperature:.3f} (fitted on {c.val_count} validation images)",
        f"Expected calibration error on {c.test_count} test images: {c.ece_before:.1%} before scaling, "
        f"{c.ece_after:.1%} after ({c.n_bins} bins)",
        f"Mean confidence {c.mean_confidence_before:.1%} before, {c.mean_confidence_after:.1%} after; "
        f"accuracy {c.accuracy:.1%}",
        "",
        c.reading(),
        "",
        "| threshold | answers | accuracy of the answers | uncertain |",
        "|---|---|---|---|",
    ]
    shown = sorted({round(float(t), 4) for t in thresholds} | {round(c.threshold, 4)})
    for t in shown:
        p = c.coverage_at(t)
        label = f"{t:.2f}" + (" (never abstain)" if t == 0 else "") + (" (saved)" if t == round(c.threshold, 4) and t else "")
        acc = "–" if p.accuracy is None else f"{p.accuracy:.1%}"
        lines.append(f"| {label} | {p.coverage:.1%} ({p.answered} of {p.total}) | {acc} | {p.uncertain} |")
    return "\n".join(lines)
