"""How good a synthetic set is, per class: the Fréchet distance to the real training images, how
well a small classifier tells real from synthetic, and how often a classifier trained on the
real pictures labels the synthetic ones as their own class (``core.synthetic.consistency``), on
a backbone's features."""

from __future__ import annotations

import warnings
from typing import TYPE_CHECKING

import numpy as np

from tlstudio.core.data.imageio import resize_array
from tlstudio.core.errors import DatasetError
from tlstudio.core.outputs.workspace import (
    atomic_write_json,
    now_text,
)
from tlstudio.core.synthetic.consistency import class_consistency
from tlstudio.core.synthetic.features import (
    QUALITY_FEATURE_SIZE,
    FeatureExtractor,
    lite0_features,
    load_many,
)
from tlstudio.core.synthetic.generators import (
    QUALITY_FILE,
    TRAIN_IMAGES_FILE,
    ClassQuality,
    EventHandler,
    PathLike,
    QualityReport,
    StopFlag,
    SynthEvent,
    read_folder_json,
)
from tlstudio.core.synthetic.sets import read_synthetic_set

if TYPE_CHECKING:
    pass

def frechet_distance(a: np.ndarray, b: np.ndarray) -> float:
    """Fréchet distance between Gaussians fitted to two sets of feature vectors (rows).

    ``|mu_a - mu_b|^2 + tr(C_a + C_b - 2 (C_a C_b)^(1/2))``, with ``scipy.linalg.sqrtm`` (its
    real part). 0 for identical sets. With fewer images than feature dimensions the covariances
    are poor estimates and the value is biased upward: compare sets of similar sizes only."""
    from scipy import linalg

    a, b = np.asarray(a, dtype="float64"), np.asarray(b, dtype="float64")
    mu = a.mean(axis=0) - b.mean(axis=0)
    ca = np.atleast_2d(np.cov(a, rowvar=False)) if len(a) > 1 else np.zeros((a.shape[1],) * 2)
    cb = np.atleast_2d(np.cov(b, rowvar=False)) if len(b) > 1 else np.zeros((b.shape[1],) * 2)
    with warnings.catch_warnings():  # with fewer images than features the product is singular, as expected
        warnings.simplefilter("ignore", linalg.LinAlgWarning)
        root = np.real(linalg.sqrtm(ca @ cb))
    value = float(mu @ mu + np.trace(ca) + np.trace(cb) - 2.0 * np.trace(root))
    return max(0.0, value)


def real_vs_synthetic_accuracy(real: np.ndarray, synthetic: np.ndarray, *, seed: int = 0) -> float:
    """Cross-validated accuracy of a logistic regression telling real (0) from synthetic (1)
    feature vectors: stratified k-fold with ``k = min(5, smaller count)``. 0.5 = the two cannot
    be told apart (best); 1.0 = always told apart. NaN when a side has fewer than 2 images."""
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import StratifiedKFold, cross_val_score
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import StandardScaler

    k = min(5, len(real), len(synthetic))
    if k < 2:
        return float("nan")
    x = np.concatenate([real, synthetic])
    y = np.concatenate([np.zeros(len(real), int), np.ones(len(synthetic), int)])
    model = make_pipeline(StandardScaler(), LogisticRegression(max_iter=2000))
    scores = cross_val_score(model, x, y, cv=StratifiedKFold(k, shuffle=True, random_state=seed), scoring="accuracy")
    return float(np.mean(scores))


def measure_quality(set_dir: PathLike, *, on_event: EventHandler | None = None,
                    should_stop: StopFlag | None = None, features: FeatureExtractor | None = None) -> QualityReport:
    """Measure how close a synthetic set is to the real training images, class by class.

    For each class: the Fréchet distance (:func:`frechet_distance`) between EfficientNet-Lite0
    pooled features (bundled offline weights, images resized to its usual input size) of the
    generator's real training images and of the set's images, the real ones first shrunk to the
    generator's size (so the numbers measure what the generator makes, not its lower resolution:
    at full resolution a classifier tells even real 64 px pictures from the originals), and the cross-validated accuracy
    of a logistic regression telling real from synthetic on the same features
    (:func:`real_vs_synthetic_accuracy`; 0.5 = indistinguishable), and the class consistency (the
    share of the class's synthetic images that a classifier trained on the real training images
    of every class labels as that class; :func:`core.synthetic.consistency.class_consistency`). With few images the Fréchet
    distance is biased upward, so it is reported with the numbers of images. Writes
    ``<set>/quality.json``. ``features``: another extractor (tests use a tiny one). When
    ``should_stop()`` says so (checked between classes), the classes measured so far are
    returned and nothing is written.
    """
    emit = on_event or (lambda event: None)
    stop = should_stop or (lambda: False)
    summary = read_synthetic_set(set_dir)
    train_file = summary.path / TRAIN_IMAGES_FILE
    real_paths = {str(k): list(v) for k, v in read_folder_json(train_file, "training image list").items()}
    emit(SynthEvent(kind="status", message="Loading the feature extractor"))
    extractor = features or lite0_features()
    size = int(summary.provenance.get("image_size") or 64)
    fakes = {c: load_many(sorted((summary.path / c).glob("synthetic_*.png")), None, via=size)
             for c, n in summary.counts.items() if n}
    emit(SynthEvent(kind="status", message="Labelling the synthetic images with a classifier trained on the real ones"))
    consistency = class_consistency(real_paths, fakes, size, features=extractor)
    per_class: dict[str, ClassQuality] = {}
    for class_name, n_synthetic in summary.counts.items():
        if stop():
            return QualityReport(per_class=per_class, feature=extractor.name, threshold=consistency.threshold)
        if n_synthetic == 0:
            continue
        reals = real_paths.get(class_name, [])
        emit(SynthEvent(kind="status", message=f"Measuring {class_name}: {len(reals)} real and {n_synthetic} synthetic images"))
        try:
            real = extractor.embed(load_many(reals, extractor.image_size, via=size))
        except (OSError, ValueError) as exc:
            raise DatasetError(f"A real training image of {class_name!r} can no longer be read ({exc}).",
                               hint="Check that the image folder is where it was when the generator was trained.",
                               path=summary.provenance.get("data"), details=repr(exc)) from exc
        side = extractor.image_size or size
        fake = extractor.embed(np.stack([resize_array(f, side) for f in fakes[class_name]]))
        per_class[class_name] = ClassQuality(fid=frechet_distance(real, fake) if len(real) and len(fake) else float("nan"),
                                             real_vs_synthetic_accuracy=real_vs_synthetic_accuracy(real, fake),
                                             n_real=len(real), n_synthetic=len(fake),
                                             class_consistency=consistency.per_class.get(class_name, float("nan")))
    report = QualityReport(per_class=per_class, feature=extractor.name, threshold=consistency.threshold)
    atomic_write_json(summary.path / QUALITY_FILE, {**report.to_dict(), "measured": now_text()})
    return report


__all__ = ["QUALITY_FEATURE_SIZE", "FeatureExtractor", "frechet_distance", "lite0_features", "load_many",
           "measure_quality", "real_vs_synthetic_accuracy"]
