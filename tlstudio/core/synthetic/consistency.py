"""Do synthetic pictures look like their class? A classifier trained on the real training
pictures labels each synthetic picture; the share labelled as its own class, per class, is the
*class consistency* of a set.

The classifier is a transfer model with a frozen backbone: EfficientNet-Lite0 (bundled ImageNet
weights, the features of :mod:`core.synthetic.quality`) and a multinomial logistic-regression
head (scikit-learn, trained to convergence on the pooled features) fitted on the generator's
real training pictures of every class, first shrunk to the generator's size so that it judges
the classes and not the resolution. With three flowers classes such a classifier labels real
64 px pictures correctly most of the time; a generator that ignores the class it is asked for
scores near chance (1 / number of classes).

A set is *flagged* when any class scores below :data:`CONSISTENCY_THRESHOLD`: the desktop app
asks before accepting it and ``tlstudio synth accept`` refuses it unless told
``--accept-anyway``.
"""

from __future__ import annotations

import hashlib
import json
import threading
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Mapping, Sequence

import numpy as np

from tlstudio.core.errors import DatasetError
from tlstudio.core.synthetic.features import lite0_features, load_many

if TYPE_CHECKING:
    from tlstudio.core.synthetic.features import FeatureExtractor

#: A class whose synthetic pictures are labelled as that class less often than this is flagged.
CONSISTENCY_THRESHOLD = 0.6


@dataclass(frozen=True)
class ConsistencyReport:
    """Per class: the share of its synthetic pictures labelled as that class (``per_class``) and
    how many were labelled as each class (``labelled``), with the threshold and the features."""

    per_class: Mapping[str, float]
    labelled: Mapping[str, Mapping[str, int]]
    feature: str
    threshold: float = CONSISTENCY_THRESHOLD

    @property
    def below(self) -> tuple[str, ...]:
        """The classes under the threshold (their pictures do not look like their class)."""
        return tuple(c for c, share in self.per_class.items() if not share >= self.threshold)

    @property
    def flagged(self) -> bool:
        return bool(self.below)

    def to_dict(self) -> dict[str, Any]:
        return {"per_class": dict(self.per_class), "labelled": {k: dict(v) for k, v in self.labelled.items()},
                "threshold": self.threshold, "feature": self.feature, "below_threshold": list(self.below)}

    def warning(self) -> str:
        """A sentence for people about the flagged classes ('' when none is flagged)."""
        if not self.flagged:
            return ""
        shares = ", ".join(f"{c} {self.per_class[c]:.0%}" for c in self.below)
        return (f"These synthetic pictures do not look like their class: a classifier trained on the real pictures "
                f"labels too few of them as their own class ({shares}; at least {self.threshold:.0%} is needed). "
                "Adding them would add pictures with wrong labels.")


_HEADS: dict[str, Any] = {}
_LOCK = threading.Lock()
_EXTRACTORS: dict[Any, "FeatureExtractor"] = {}


def default_extractor() -> "FeatureExtractor":
    """EfficientNet-Lite0 features (built once per process)."""
    with _LOCK:
        if lite0_features not in _EXTRACTORS:
            _EXTRACTORS.clear()
            _EXTRACTORS[lite0_features] = lite0_features()
        return _EXTRACTORS[lite0_features]


def _fit_head(train_images: Mapping[str, Sequence[str]], classes: Sequence[str], image_size: int,
              extractor: "FeatureExtractor") -> Any:
    """The logistic-regression head on the real training pictures' features (cached per process)."""
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import StandardScaler


    key = hashlib.sha256(json.dumps([extractor.name, image_size, list(classes),
                                     [list(train_images.get(c, [])) for c in classes]]).encode()).hexdigest()
    with _LOCK:
        if key in _HEADS:
            return _HEADS[key]
    features, labels = [], []
    for label, name in enumerate(classes):
        paths = list(train_images.get(name, []))
        try:
            features.append(extractor.embed(load_many(paths, extractor.image_size, via=image_size)))
        except (OSError, ValueError) as exc:
            raise DatasetError(f"A real training image of {name!r} can no longer be read ({exc}).",
                               hint="Check that the image folder is where it was when the generator was trained.",
                               details=repr(exc)) from exc
        labels += [label] * len(paths)
    head = make_pipeline(StandardScaler(), LogisticRegression(max_iter=3000, C=0.1))
    head.fit(np.concatenate(features), np.asarray(labels))
    with _LOCK:
        _HEADS.clear()  # one generator at a time is plenty
        _HEADS[key] = head
    return head


def label_pictures(train_images: Mapping[str, Sequence[str]], images: Mapping[str, Sequence[np.ndarray]],
                   image_size: int, *, features: "FeatureExtractor | None" = None) -> tuple[dict[str, list[str]], str]:
    """The class a classifier trained on the real ``train_images`` (paths per class, every class
    the generator knows, in its order) gives each picture of ``images`` (``uint8``, per class),
    and the features' name. ``image_size``: the generator's size (the real pictures are shrunk
    to it first). ``features``: another extractor (tests use a tiny one); default EfficientNet-Lite0."""
    from tlstudio.core.data.imageio import resize_array

    classes = tuple(train_images)
    if len([c for c in classes if train_images[c]]) < 2:
        raise DatasetError("Class consistency needs real training pictures of at least two classes.",
                           hint="Train the generator on a folder with two or more classes.")
    extractor = features or default_extractor()
    head = _fit_head(train_images, classes, image_size, extractor)
    side = extractor.image_size or image_size
    labels: dict[str, list[str]] = {}
    for name, pictures in images.items():
        if not len(pictures):
            labels[name] = []
            continue
        batch = np.stack([resize_array(np.asarray(p, dtype=np.uint8), side) for p in pictures])
        labels[name] = [classes[int(i)] for i in head.predict(extractor.embed(batch))]
    return labels, extractor.name


def summarise(labels: Mapping[str, Sequence[str]], feature: str, *,
              threshold: float = CONSISTENCY_THRESHOLD) -> ConsistencyReport:
    """The report of pictures labelled ``labels`` (per class they were made for: the class each
    was labelled as); classes without pictures are left out."""
    per_class: dict[str, float] = {}
    labelled: dict[str, dict[str, int]] = {}
    for name, given in labels.items():
        if not len(given):
            continue
        counts: dict[str, int] = {}
        for label in given:
            counts[label] = counts.get(label, 0) + 1
        labelled[name] = counts
        per_class[name] = counts.get(name, 0) / len(given)
    return ConsistencyReport(per_class=per_class, labelled=labelled, feature=feature, threshold=threshold)


def class_consistency(train_images: Mapping[str, Sequence[str]], images: Mapping[str, Sequence[np.ndarray]],
                      image_size: int, *, features: "FeatureExtractor | None" = None,
                      threshold: float = CONSISTENCY_THRESHOLD) -> ConsistencyReport:
    """The share of each class's pictures that a classifier trained on the real pictures labels
    as that class (:func:`label_pictures`, then :func:`summarise`)."""
    labels, feature = label_pictures(train_images, images, image_size, features=features)
    return summarise(labels, feature, threshold=threshold)


def report_from_dict(data: Mapping[str, Any] | None) -> ConsistencyReport | None:
    """A report read back from ``provenance.json`` (None when it holds none)."""
    if not isinstance(data, Mapping) or not isinstance(data.get("per_class"), Mapping):
        return None
    return ConsistencyReport(per_class={str(k): float(v) for k, v in data["per_class"].items()},
                             labelled={str(k): {str(a): int(b) for a, b in v.items()}
                                       for k, v in (data.get("labelled") or {}).items()},
                             feature=str(data.get("feature", "")),
                             threshold=float(data.get("threshold", CONSISTENCY_THRESHOLD)))
