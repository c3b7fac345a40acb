"""How good is the model on images it has never seen, and how sure can we be?

:func:`evaluate_predictions` turns the test images' true labels and the model's probabilities
into the numbers a user checks: accuracy with a 95% interval (on a few hundred test images a
single accuracy figure hides a lot of luck), balanced accuracy, per-class precision and recall
(each with its interval) and F1, the confusion matrix, and the mistakes ordered from the most
confident down. :func:`grad_cam` shows which part of a picture drove a decision, and
:func:`save_confusion_png` / :func:`save_curves_png` draw the results for the run folder.

Plots use matplotlib's object API with the Agg canvas (never ``pyplot``), so drawing here never
touches or starts a GUI.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Mapping, Sequence, Union

import numpy as np

from tlstudio.core.outputs.figures import new_figure, save_figure_png

if TYPE_CHECKING:
    import keras

PathLike = Union[str, Path]

#: Size of the intervals.
CONFIDENCE = 0.95
#: Below this many images (test images for the accuracy, a class's test images for its recall,
#: images called that class for its precision) no interval is shown: :data:`TOO_FEW`.
MIN_FOR_INTERVAL = 10
TOO_FEW = "too few test images to measure"


def proportion_ci(successes: int, trials: int, confidence: float = CONFIDENCE) -> tuple[float, float]:
    """The Wilson score interval of a proportion (``successes`` of ``trials``), e.g. (0.34, 1.0)
    for 2 of 2. Unlike a percentile bootstrap it never collapses to one point when every test
    image is right (or wrong), and it stays inside 0..1. (0, 0) without any trial."""
    if trials <= 0:
        return (0.0, 0.0)
    from scipy.stats import binomtest

    ci = binomtest(int(successes), int(trials)).proportion_ci(confidence_level=confidence, method="wilson")
    return (float(max(0.0, ci.low)), float(min(1.0, ci.high)))


def interval_text(ci: Sequence[float], trials: int, *, fmt: Any = "{:.1%}", joiner: str = " to ",
                  too_few: str = TOO_FEW) -> str:
    """``"62.0% to 91.3%"``, or ``too_few`` below :data:`MIN_FOR_INTERVAL` trials (what every
    view of an interval shows). ``fmt``: a format string or a function of a share."""
    if trials < MIN_FOR_INTERVAL:
        return too_few
    show = fmt.format if isinstance(fmt, str) else fmt
    return f"{show(ci[0])}{joiner}{show(ci[1])}"


# ----------------------------------------------------------------------------- results


@dataclass(frozen=True)
class ClassMetrics:
    """Test results for one class. ``recall`` is the share of this class's test images found;
    ``precision`` the share of the images called this class that really are; ``support`` the
    number of test images of the class; ``predicted`` the number called this class (what the
    precision is measured on). The intervals are Wilson's (:func:`proportion_ci`)."""

    name: str
    precision: float
    recall: float
    f1: float
    support: int
    recall_ci: tuple[float, float]
    precision_ci: tuple[float, float] = (0.0, 0.0)
    predicted: int = 0

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "precision": self.precision, "recall": self.recall, "f1": self.f1,
                "support": self.support, "recall_ci": list(self.recall_ci), "precision_ci": list(self.precision_ci),
                "predicted": self.predicted}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> "ClassMetrics":
        """Reads every metrics.json tlstudio wrote (older ones have no precision interval)."""
        pci = data.get("precision_ci") or (0.0, 0.0)
        return cls(name=str(data["name"]), precision=float(data["precision"]), recall=float(data["recall"]),
                   f1=float(data["f1"]), support=int(data["support"]),
                   recall_ci=(float(data["recall_ci"][0]), float(data["recall_ci"][1])),
                   precision_ci=(float(pci[0]), float(pci[1])), predicted=int(data.get("predicted") or 0))


@dataclass(frozen=True)
class Misclassified:
    """A test image the model got wrong, with its probability for every class."""

    path: str
    true_index: int
    predicted_index: int
    probabilities: tuple[float, ...]

    @property
    def confidence(self) -> float:
        """The probability the model gave its (wrong) answer."""
        return self.probabilities[self.predicted_index]

    def to_dict(self) -> dict[str, Any]:
        return {"path": self.path, "true_index": self.true_index, "predicted_index": self.predicted_index,
                "probabilities": list(self.probabilities)}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> "Misclassified":
        return cls(path=str(data["path"]), true_index=int(data["true_index"]),
                   predicted_index=int(data["predicted_index"]),
                   probabilities=tuple(float(p) for p in data["probabilities"]))


@dataclass(frozen=True)
class Evaluation:
    """All test results of a run. ``confusion[i][j]`` counts test images of class ``i`` that
    the model called class ``j``; ``confusion_normalized`` divides each row by its total (a
    row of zeros for a class with no test image). ``accuracy_ci`` is the 95% interval."""

    accuracy: float
    accuracy_ci: tuple[float, float]
    balanced_accuracy: float
    loss: float
    confusion: tuple[tuple[int, ...], ...]
    confusion_normalized: tuple[tuple[float, ...], ...]
    per_class: tuple[ClassMetrics, ...]
    misclassified: tuple[Misclassified, ...]
    class_names: tuple[str, ...]

    @property
    def n(self) -> int:
        """Number of test images."""
        return int(sum(sum(row) for row in self.confusion))

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON types only (floats, ints, strings, lists)."""
        return {
            "accuracy": self.accuracy,
            "accuracy_ci": list(self.accuracy_ci),
            "balanced_accuracy": self.balanced_accuracy,
            "loss": self.loss,
            "n": self.n,
            "confusion": [list(row) for row in self.confusion],
            "confusion_normalized": [list(row) for row in self.confusion_normalized],
            "per_class": [c.to_dict() for c in self.per_class],
            "misclassified": [m.to_dict() for m in self.misclassified],
            "class_names": list(self.class_names),
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> "Evaluation":
        """Read :meth:`to_dict`'s output back (extra keys, e.g. the rest of metrics.json, are
        ignored)."""
        loss = data.get("loss")
        return cls(
            accuracy=float(data["accuracy"]),
            accuracy_ci=(float(data["accuracy_ci"][0]), float(data["accuracy_ci"][1])),
            balanced_accuracy=float(data["balanced_accuracy"]),
            loss=float("nan") if loss is None else float(loss),
            confusion=tuple(tuple(int(v) for v in row) for row in data["confusion"]),
            confusion_normalized=tuple(tuple(float(v) for v in row) for row in data["confusion_normalized"]),
            per_class=tuple(ClassMetrics.from_dict(c) for c in data["per_class"]),
            misclassified=tuple(Misclassified.from_dict(m) for m in data.get("misclassified", [])),
            class_names=tuple(str(c) for c in data["class_names"]),
        )


# ----------------------------------------------------------------------------- metrics


def evaluate_predictions(
    y_true: Sequence[int] | np.ndarray,
    probs: np.ndarray,
    class_names: Sequence[str],
    paths: Sequence[str],
    *,
    n_boot: int = 1000,
    seed: int = 0,
) -> Evaluation:
    """Score the model's probabilities ``probs`` (``n x classes``) against the true labels.

    ``y_true``: class indices (or one-hot rows). ``paths``: the test images, in the same
    order (used to list the mistakes). Intervals are 95% Wilson score intervals
    (:func:`proportion_ci`; shown as :data:`TOO_FEW` below :data:`MIN_FOR_INTERVAL` images);
    ``n_boot=0`` gives no interval (both ends equal the estimate); ``n_boot`` and ``seed`` are
    otherwise kept for the callers of the bootstrap this replaced. A class with no test image has
    recall 0 and interval (0, 0).
    """
    names = tuple(str(c) for c in class_names)
    y, probs = _checked_inputs(y_true, probs, names, paths, n_boot)
    k = len(names)
    y_pred = probs.argmax(axis=1)
    scores = _point_scores(y, y_pred, probs, k)
    accuracy_ci, recall_ci, precision_ci = _intervals(scores, k, n_boot)
    predicted = scores.confusion.sum(axis=0)
    per_class = tuple(
        ClassMetrics(name=names[c], precision=float(scores.precision[c]), recall=float(scores.recall[c]),
                     f1=float(scores.f1[c]), support=int(scores.support[c]), recall_ci=recall_ci[c],
                     precision_ci=precision_ci[c], predicted=int(predicted[c]))
        for c in range(k)
    )
    return Evaluation(
        accuracy=scores.accuracy,
        accuracy_ci=accuracy_ci,
        balanced_accuracy=scores.balanced,
        loss=scores.loss,
        confusion=tuple(tuple(int(v) for v in row) for row in scores.confusion),
        confusion_normalized=tuple(tuple(float(v) for v in row) for row in scores.normalized),
        per_class=per_class,
        misclassified=_mistakes(y, y_pred, probs, paths),
        class_names=names,
    )


def _checked_inputs(y_true: Sequence[int] | np.ndarray, probs: np.ndarray, names: tuple[str, ...],
                    paths: Sequence[str], n_boot: int) -> tuple[np.ndarray, np.ndarray]:
    """The labels as class indices and the probabilities as float64, each argument checked
    (ValueError with "Received: ..." for one that does not fit the others)."""
    k = len(names)
    probs = np.asarray(probs, dtype=np.float64)
    y = np.asarray(y_true)
    if y.ndim == 2:  # one-hot labels
        y = y.argmax(axis=1)
    y = y.astype(np.int64)
    n = y.size
    if k < 2:
        raise ValueError(f"class_names must name at least 2 classes. Received: class_names={list(names)!r}")
    if n == 0:
        raise ValueError("There are no test images to evaluate. Received: y_true=[]")
    if probs.shape != (n, k):
        raise ValueError(f"probs must have one row per test image and one column per class ({n} x {k}). "
                         f"Received: probs.shape={probs.shape}")
    if len(paths) != n:
        raise ValueError(f"paths must list one file per test image ({n}). Received: len(paths)={len(paths)}")
    if y.min() < 0 or y.max() >= k:
        raise ValueError(f"y_true must hold class indices from 0 to {k - 1}. Received: y_true={y.tolist()!r}")
    if not np.all(np.isfinite(probs)):
        raise ValueError("probs holds NaN or infinite values (the model's training diverged).")
    if not isinstance(n_boot, int) or n_boot < 0:
        raise ValueError(f"n_boot must be a whole number >= 0. Received: n_boot={n_boot!r}")
    return y, probs


@dataclass(frozen=True)
class _PointScores:
    """The scores of one test set, before any interval: what scikit-learn measures."""

    accuracy: float
    balanced: float
    loss: float
    confusion: np.ndarray
    normalized: np.ndarray  # each row of the confusion matrix as shares of its true class
    precision: np.ndarray
    recall: np.ndarray
    f1: np.ndarray
    support: np.ndarray


def _point_scores(y: np.ndarray, y_pred: np.ndarray, probs: np.ndarray, k: int) -> _PointScores:
    from sklearn.metrics import (
        accuracy_score,
        balanced_accuracy_score,
        confusion_matrix,
        log_loss,
        precision_recall_fscore_support,
    )

    labels = list(range(k))
    accuracy = float(accuracy_score(y, y_pred))
    with warnings.catch_warnings():  # "y_pred contains classes not in y_true": expected on small test sets
        warnings.simplefilter("ignore")
        balanced = float(balanced_accuracy_score(y, y_pred))
    confusion = confusion_matrix(y, y_pred, labels=labels)
    totals = confusion.sum(axis=1, keepdims=True)
    normalized = np.divide(confusion, totals, out=np.zeros(confusion.shape, dtype=np.float64), where=totals > 0)
    precision, recall, f1, support = precision_recall_fscore_support(y, y_pred, labels=labels, zero_division=0)
    # Probabilities are renormalised so rounding in float32 softmax outputs does not trip log_loss.
    clipped = np.clip(probs, 1e-12, 1.0)
    loss = float(log_loss(y, clipped / clipped.sum(axis=1, keepdims=True), labels=labels))
    return _PointScores(accuracy, balanced, loss, confusion, normalized, precision, recall, f1, support)


def _intervals(scores: _PointScores, k: int, n_boot: int
               ) -> tuple[tuple[float, float], list[tuple[float, float]], list[tuple[float, float]]]:
    """95% Wilson intervals of the accuracy, each class's recall and each class's precision (the
    estimate at both ends when ``n_boot`` is 0; (0, 0) for a class without images)."""
    confusion = scores.confusion
    if n_boot == 0:
        return ((scores.accuracy, scores.accuracy), [(float(r), float(r)) for r in scores.recall],
                [(float(p), float(p)) for p in scores.precision])
    right = np.diag(confusion)
    accuracy_ci = proportion_ci(int(right.sum()), int(confusion.sum()))
    recall_ci = [proportion_ci(int(right[c]), int(confusion[c].sum())) for c in range(k)]
    precision_ci = [proportion_ci(int(right[c]), int(confusion[:, c].sum())) for c in range(k)]
    return accuracy_ci, recall_ci, precision_ci


def _mistakes(y: np.ndarray, y_pred: np.ndarray, probs: np.ndarray, paths: Sequence[str]
              ) -> tuple[Misclassified, ...]:
    """The misclassified test images, the most confident mistakes first (ties in test order)."""
    wrong = np.flatnonzero(y_pred != y)
    confidence = probs[wrong, y_pred[wrong]]
    order = wrong[np.argsort(-confidence, kind="stable")]
    return tuple(
        Misclassified(path=str(paths[i]), true_index=int(y[i]), predicted_index=int(y_pred[i]),
                      probabilities=tuple(float(p) for p in probs[i]))
        for i in order
    )


# ----------------------------------------------------------------------------- Grad-CAM


def _layout_layers(model: "keras.Model") -> tuple[Any, Any, Any, list[Any]]:
    """The classifier's ``resize``, ``preprocess`` and ``backbone`` layers and the head layers
    after the backbone, in order. ValueError when the model does not have that layout."""
    names = [layer.name for layer in model.layers]
    missing = [n for n in ("resize", "preprocess", "backbone") if n not in names]
    if missing:
        raise ValueError(
            "Grad-CAM works on classifiers built by tlstudio (image -> resize -> preprocess -> backbone -> head); "
            f"this model has no layer named {', '.join(repr(m) for m in missing)}. Received: layers={names!r}")
    head = model.layers[names.index("backbone") + 1:]
    if not head:
        raise ValueError(f"The model has no head layers after its backbone. Received: layers={names!r}")
    return model.get_layer("resize"), model.get_layer("preprocess"), model.get_layer("backbone"), head


def grad_cam(model: "keras.Model", image: np.ndarray, class_index: int | None = None) -> np.ndarray:
    """Where in ``image`` the evidence for ``class_index`` lies, as an ``H x W`` map in 0..1.

    Grad-CAM (Selvaraju et al., 2017): the backbone's last feature map is weighted, channel by
    channel, by the mean gradient of the class score (the logit, before softmax, so a very
    confident prediction still has a gradient) with respect to it; the positive part, scaled
    to 0..1 and enlarged to the picture's size, is the heatmap. ``image`` is raw ``H x W x 3``
    pixels (uint8); ``class_index=None`` explains the predicted class. Dropout is off.
    Raises ValueError when the model's layout or its backbone's output (not a feature map)
    does not allow it.
    """
    import keras

    if keras.backend.backend() != "tensorflow":
        raise ValueError(f"Grad-CAM needs the TensorFlow backend. Received: backend={keras.backend.backend()!r}")
    import tensorflow as tf
    from PIL import Image

    image = np.asarray(image)
    if image.ndim != 3 or image.shape[2] != 3:
        raise ValueError(f"image must be a colour picture of shape (height, width, 3). Received: shape={image.shape}")
    resize, preprocess, backbone, head = _layout_layers(model)
    last = head[-1]

    x = tf.convert_to_tensor(image[None].astype(np.float32))
    features = backbone(preprocess(resize(x), training=False), training=False)
    if len(features.shape) != 4:
        raise ValueError("Grad-CAM needs a backbone whose output is a feature map (height x width x channels). "
                         f"Received: backbone output shape={tuple(features.shape)}")
    with tf.GradientTape() as tape:
        tape.watch(features)
        h = features
        for layer in head[:-1]:
            h = layer(h, training=False)
        if isinstance(last, keras.layers.Dense):  # the class scores before softmax
            scores = keras.ops.matmul(h, last.kernel)
            if last.use_bias:
                scores = scores + last.bias
        else:
            scores = last(h, training=False)
        index = int(np.argmax(keras.ops.convert_to_numpy(scores)[0])) if class_index is None else int(class_index)
        if not 0 <= index < scores.shape[-1]:
            raise ValueError(f"class_index must be between 0 and {scores.shape[-1] - 1}. Received: class_index={class_index}")
        score = scores[0, index]
    grads = tape.gradient(score, features)
    if grads is None:
        raise ValueError("The class score does not depend on the backbone's feature map; Grad-CAM cannot explain it.")
    weights = tf.reduce_mean(grads, axis=(1, 2))  # (1, channels)
    cam = tf.nn.relu(tf.reduce_sum(features * weights[:, None, None, :], axis=-1))[0].numpy().astype(np.float32)
    height, width = image.shape[:2]
    upsampled = np.asarray(Image.fromarray(cam, mode="F").resize((width, height), Image.Resampling.BILINEAR),
                           dtype=np.float32)
    peak = float(upsampled.max())
    # Scaled after enlarging, so the hottest pixel is exactly 1.
    return np.clip(upsampled / peak, 0.0, 1.0) if peak > 0 else np.zeros((height, width), np.float32)


def overlay_heatmap(image: np.ndarray, heatmap: np.ndarray, alpha: float = 0.45, *, colormap: str = "jet") -> np.ndarray:
    """Blend ``heatmap`` (values 0..1) coloured with a matplotlib colormap over ``image``
    (``H x W x 3`` uint8): ``(1 - alpha) * image + alpha * colours``. A heatmap of another size
    is resized to the image first. Returns uint8."""
    from matplotlib import colormaps
    from PIL import Image

    image = np.asarray(image)
    if image.ndim != 3 or image.shape[2] != 3:
        raise ValueError(f"image must have shape (height, width, 3). Received: shape={image.shape}")
    if not 0.0 <= alpha <= 1.0:
        raise ValueError(f"alpha must be between 0 and 1. Received: alpha={alpha}")
    heat = np.asarray(heatmap, dtype=np.float32)
    if heat.shape != image.shape[:2]:
        heat = np.asarray(Image.fromarray(heat, mode="F").resize((image.shape[1], image.shape[0]),
                                                                  Image.Resampling.BILINEAR))
    colours = colormaps[colormap](np.clip(heat, 0.0, 1.0))[..., :3] * 255.0
    blended = (1.0 - alpha) * image.astype(np.float32) + alpha * colours
    return np.clip(np.rint(blended), 0, 255).astype(np.uint8)


# ----------------------------------------------------------------------------- pictures


#: The words of the confusion-matrix and curve figures; the run report passes another language's
#: (same keys and ``str.format`` fields) as ``words``.
FIGURE_WORDS: dict[str, str] = {
    "predicted": "Predicted class",
    "true": "True class",
    "confusion_counts": "Confusion matrix, test images (accuracy {accuracy:.1%})",
    "confusion_shares": "Confusion matrix, share of each true class (accuracy {accuracy:.1%})",
    "bar_counts": "test images",
    "bar_shares": "share of the true class",
    "loss": "Loss",
    "accuracy": "Accuracy",
    "loss_axis": "loss",
    "accuracy_axis": "accuracy",
    "epoch": "Epoch",
    "training": "training",
    "validation": "validation",
    "finetune_starts": "fine-tuning starts",
    "no_epoch": "No finished epoch yet",
}


def save_confusion_png(evaluation: Evaluation, path: PathLike, normalized: bool = False,
                       words: Mapping[str, str] | None = None) -> Path:
    """Draw the confusion matrix (true class down, predicted class across) with the count — or,
    when ``normalized``, the share of the row — in every cell; written atomically. ``words``
    replaces some of :data:`FIGURE_WORDS` (another language)."""
    w = {**FIGURE_WORDS, **(words or {})}
    names = list(evaluation.class_names)
    k = len(names)
    counts = np.asarray(evaluation.confusion, dtype=np.int64)
    shares = np.asarray(evaluation.confusion_normalized, dtype=np.float64)
    values = shares if normalized else counts
    side = min(4.0 + 0.55 * k, 24.0)
    fig = new_figure(side + 1.2, side)
    ax = fig.add_subplot()
    shown = ax.imshow(values, cmap="Blues", vmin=0, vmax=1 if normalized else max(1, int(counts.max())))
    bar = fig.colorbar(shown, ax=ax, shrink=0.8, label=w["bar_shares"] if normalized else w["bar_counts"])
    if not normalized:
        from matplotlib.ticker import MaxNLocator

        bar.locator = MaxNLocator(integer=True)
        bar.update_ticks()
    ax.set_xticks(range(k), labels=names, rotation=45 if k > 3 else 0, ha="right" if k > 3 else "center")
    ax.set_yticks(range(k), labels=names)
    ax.set_xlabel(w["predicted"])
    ax.set_ylabel(w["true"])
    ax.set_title(w["confusion_shares" if normalized else "confusion_counts"].format(accuracy=evaluation.accuracy))
    if k <= 30:
        threshold = (values.max() if values.size else 0) / 2
        fontsize = max(6, 12 - k // 4)
        for i in range(k):
            for j in range(k):
                text = f"{shares[i, j]:.0%}" if normalized else f"{counts[i, j]:d}"
                ax.text(j, i, text, ha="center", va="center", fontsize=fontsize,
                        color="white" if values[i, j] > threshold else "black")
    return save_figure_png(fig, path, tight=True)  # the constrained layout alone cut the "True class" label


def _series(history: Mapping[str, Sequence[Any]], key: str) -> np.ndarray:
    return np.array([np.nan if v is None else float(v) for v in history.get(key, [])], dtype=np.float64)


def save_curves_png(history: Mapping[str, Sequence[Any]], path: PathLike, words: Mapping[str, str] | None = None) -> Path:
    """Draw loss and accuracy per epoch, training and validation, side by side; a dashed line
    marks where fine-tuning began. Written atomically. ``words``: as for :func:`save_confusion_png`."""
    w = {**FIGURE_WORDS, **(words or {})}
    n = max((len(v) for v in history.values()), default=0)
    epochs = _series(history, "epoch") if len(history.get("epoch", [])) == n and n else np.arange(1, n + 1, dtype=float)
    from matplotlib.ticker import MaxNLocator

    fig = new_figure(10.0, 4.0)
    axes = fig.subplots(1, 2)
    phases = list(history.get("phase", []))
    start_ft = next((i for i, p in enumerate(phases) if p == "finetune"), None)
    for ax, metric in ((axes[0], "loss"), (axes[1], "accuracy")):
        for key, label, style in ((metric, w["training"], "-o"), (f"val_{metric}", w["validation"], "-s")):
            values = _series(history, key)
            if values.size == n and n and not np.all(np.isnan(values)):
                ax.plot(epochs, values, style, markersize=3, label=label)
        if start_ft is not None and start_ft > 0:
            ax.axvline(epochs[start_ft] - 0.5, color="grey", linestyle="--", linewidth=1, label=w["finetune_starts"])
        ax.set_title(w[metric])
        ax.set_xlabel(w["epoch"])
        ax.xaxis.set_major_locator(MaxNLocator(integer=True))
        ax.set_ylabel(w[f"{metric}_axis"])
        if metric == "accuracy":
            ax.set_ylim(0.0, 1.02)
        if n == 0:
            ax.text(0.5, 0.5, w["no_epoch"], ha="center", va="center", transform=ax.transAxes)
        elif ax.get_legend_handles_labels()[0]:
            ax.legend()
        ax.grid(True, alpha=0.3)
    return save_figure_png(fig, path)
