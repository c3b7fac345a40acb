"""How good a synthetic set is, per class: the Fréchet distance to the real training images and
how well a small classifier tells real from synthetic, on a backbone's features."""

from __future__ import annotations

import warnings
from dataclasses import dataclass
from typing import TYPE_CHECKING, Callable, Sequence

import numpy as np

from tlstudio.core.errors import DatasetError
from tlstudio.core.outputs.workspace import (
    atomic_write_json,
    now_text,
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

@dataclass(frozen=True)
class FeatureExtractor:
    """Turns images into feature vectors for the quality numbers.

    ``embed`` takes ``uint8`` ``(n, image_size, image_size, 3)`` and returns ``(n, d)`` floats.
    ``image_size=None``: the images are used at the size they have."""

    name: str
    image_size: int | None
    embed: Callable[[np.ndarray], np.ndarray]


#: The input size of the quality measure's features. Fixed, not the backbone's training default
#: (which moved from 256 to 320): a Fréchet distance is only comparable with one measured the same way.
QUALITY_FEATURE_SIZE = 256


def lite0_features(batch_size: int = 32) -> FeatureExtractor:
    """EfficientNet-Lite0 with its bundled ImageNet weights (no network needed), at
    :data:`QUALITY_FEATURE_SIZE`, average-pooled: 1280 numbers per image."""
    import keras

    from tlstudio.core.models.backbones import build_backbone, preprocess_layer

    size = QUALITY_FEATURE_SIZE
    backbone = build_backbone("efficientnet_lite0", image_size=size, weights="imagenet")
    inputs = keras.Input((size, size, 3))
    pooled = keras.layers.GlobalAveragePooling2D()(backbone(preprocess_layer("efficientnet_lite0")(inputs)))
    model = keras.Model(inputs, pooled)

    def embed(images: np.ndarray) -> np.ndarray:
        out = [np.asarray(model.predict_on_batch(images[i : i + batch_size].astype("float32")))
               for i in range(0, len(images), batch_size)]
        return np.concatenate(out).astype("float64") if out else np.zeros((0, 1280))

    return FeatureExtractor(name=f"EfficientNet-Lite0 (ImageNet), average-pooled, {size} px", image_size=size, embed=embed)


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


def _load_many(paths: Sequence[PathLike], size: int | None, via: int) -> np.ndarray:
    """The images at ``via`` pixels (the generator's size), then resized to ``size`` (the feature
    extractor's; None: kept at ``via``)."""
    from tlstudio.core.data.imageio import load_image, resize_array

    side = size or via
    if not paths:
        return np.zeros((0, side, side, 3), np.uint8)
    return np.stack([resize_array(load_image(p, via), side) for p in paths])


def measure_quality(set_dir: PathLike, *, on_event: EventHandler | None = None,
                    should_stop: StopFlag | None = None, features: FeatureExtractor | None = None) -> QualityReport:
    """Measure how close a synthetic set is to the real training images, class by class.

    For each class: the Fréchet distance (:func:`frechet_distance`) between EfficientNet-Lite0
    pooled features (bundled offline weights, images resized to its usual input size) of the
    generator's real training images and of the set's images, the real ones first shrunk to the
    generator's size (so the numbers measure what the generator makes, not its lower resolution:
    at full resolution a classifier tells even real 64 px pictures from the originals), and the cross-validated accuracy
    of a logistic regression telling real from synthetic on the same features
    (:func:`real_vs_synthetic_accuracy`; 0.5 = indistinguishable). With few images the Fréchet
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
    per_class: dict[str, ClassQuality] = {}
    for class_name, n_synthetic in summary.counts.items():
        if stop():
            return QualityReport(per_class=per_class, feature=extractor.name)
        if n_synthetic == 0:
            continue
        reals = real_paths.get(class_name, [])
        emit(SynthEvent(kind="status", message=f"Measuring {class_name}: {len(reals)} real and {n_synthetic} synthetic images"))
        try:
            real = extractor.embed(_load_many(reals, extractor.image_size, via=size))
        except (OSError, ValueError) as exc:
            raise DatasetError(f"A real training image of {class_name!r} can no longer be read ({exc}).",
                               hint="Check that the image folder is where it was when the generator was trained.",
                               path=summary.provenance.get("data"), details=repr(exc)) from exc
        fake = extractor.embed(_load_many(sorted((summary.path / class_name).glob("synthetic_*.png")),
                                          extractor.image_size, via=size))
        per_class[class_name] = ClassQuality(fid=frechet_distance(real, fake) if len(real) and len(fake) else float("nan"),
                                             real_vs_synthetic_accuracy=real_vs_synthetic_accuracy(real, fake),
                                             n_real=len(real), n_synthetic=len(fake))
    report = QualityReport(per_class=per_class, feature=extractor.name)
    atomic_write_json(summary.path / QUALITY_FILE, {**report.to_dict(), "measured": now_text()})
    return report
