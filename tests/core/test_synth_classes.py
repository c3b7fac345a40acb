"""Synthetic images that belong to their class: the conditional generators make different
pictures for different classes, and the class consistency (a classifier trained on the real
pictures labels the synthetic ones) is measured, stored with an accepted set and flagged."""

from __future__ import annotations

import itertools
import json
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from tlstudio.core import config as config_module
from tlstudio.core.config import GeneratorConfig
from tlstudio.core.errors import ConfigError
from tlstudio.core.synthetic.consistency import CONSISTENCY_THRESHOLD, class_consistency, summarise
from tlstudio.core.synthetic.features import FeatureExtractor
from tlstudio.core.synthetic.quality import measure_quality
from tlstudio.core.synthetic.sets import accept, measure_consistency, read_synthetic_set
from tlstudio.core.synthetic.training import train_generator

TINY = 16
COLOURS = {"red": (215, 40, 40), "green": (40, 190, 60), "blue": (40, 60, 215)}


@pytest.fixture(autouse=True)
def tiny_generator_size(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(config_module, "EXTRA_GENERATOR_SIZES", {TINY})


def _coloured_classes(root: Path, per_class: int = 12) -> Path:
    """Three clearly different classes: red, green and blue pictures with noise and a bright patch."""
    rng = np.random.default_rng(0)
    for name, colour in COLOURS.items():
        (root / name).mkdir(parents=True)
        for i in range(per_class):
            image = np.clip(np.array(colour) + rng.normal(0, 18, (32, 32, 3)), 0, 255)
            y, x = rng.integers(0, 20, 2)
            image[y : y + 12, x : x + 12] = np.clip(image[y : y + 12, x : x + 12] + 50, 0, 255)
            Image.fromarray(image.astype(np.uint8)).save(root / name / f"{name}_{i:02d}.png")
    return root


def _colour_features() -> FeatureExtractor:
    """A tiny stand-in for EfficientNet-Lite0: mean and spread of each colour channel."""
    def embed(images: np.ndarray) -> np.ndarray:
        x = images.astype("float64") / 255.0
        return np.concatenate([x.mean(axis=(1, 2)), x.std(axis=(1, 2))], axis=1)

    return FeatureExtractor(name="colour statistics", image_size=TINY, embed=embed)


@pytest.fixture(scope="module")
def coloured(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _coloured_classes(tmp_path_factory.mktemp("coloured") / "data")


def _real_pictures(root: Path) -> dict[str, list[np.ndarray]]:
    return {c: [np.asarray(Image.open(p).convert("RGB").resize((TINY, TINY))) for p in sorted((root / c).glob("*.png"))]
            for c in COLOURS}


def _grid_rows(generator, noise: np.ndarray) -> dict[str, np.ndarray]:
    """A sample grid's rows: the same noise, one row per class label (as ``training._grid``)."""
    return {c: np.asarray(generator.predict_on_batch([noise, np.full((len(noise), 1), i, "int32")]), "float64")
            for i, c in enumerate(COLOURS)}


@pytest.mark.parametrize("kind, steps, learning_rate", [("dcgan", 150, 2e-4), ("vae", 150, 2e-3)])
def test_sample_grid_rows_differ_by_class(coloured: Path, kind: str, steps: int, learning_rate: float) -> None:
    """After a short training on three clearly different classes, the same noise with different
    class labels gives clearly different pictures (more than different noise with the same
    label does), each nearest in colour to its own class."""
    import keras

    from tlstudio.core.synthetic.networks import build, to_network, to_uint8

    keras.utils.set_random_seed(3)
    pictures = _real_pictures(coloured)
    images = to_network(np.concatenate([np.stack(pictures[c]) for c in COLOURS]), kind)
    labels = np.repeat(np.arange(len(COLOURS)), [len(pictures[c]) for c in COLOURS]).astype("int32")
    nets = build(kind, TINY, 8, len(COLOURS), learning_rate, 3, brightness=float(images.mean()))
    rng = np.random.default_rng(0)
    for _ in range(steps):
        batch = rng.choice(len(images), 12, replace=False)
        nets.train_batch(images[batch], labels[batch], rng)
    noise = rng.standard_normal((16, 8)).astype("float32")
    rows = _grid_rows(nets.generator, noise)
    other = _grid_rows(nets.generator, rng.standard_normal((16, 8)).astype("float32"))
    between_classes = np.mean([np.abs(rows[a] - rows[b]).mean() for a, b in itertools.combinations(COLOURS, 2)])
    between_noise = np.mean([np.abs(rows[c] - other[c]).mean() for c in COLOURS])
    assert between_classes > 2.0 * between_noise, (between_classes, between_noise)
    for name, row in rows.items():
        mean = to_uint8(row, kind).mean(axis=(0, 1, 2))
        nearest = min(COLOURS, key=lambda c: np.abs(mean - np.array(COLOURS[c])).sum())
        assert nearest == name, (name, mean)


def _train_images(root: Path) -> dict[str, list[str]]:
    return {c: [str(p) for p in sorted((root / c).glob("*.png"))] for c in COLOURS}


def test_class_consistency_is_the_share_labelled_as_its_own_class(coloured: Path) -> None:
    pictures = _real_pictures(coloured)
    right = class_consistency(_train_images(coloured), pictures, TINY, features=_colour_features())
    assert right.per_class == {"red": 1.0, "green": 1.0, "blue": 1.0} and not right.flagged
    # Half of the "blue" pictures are red ones: 50%, below the threshold, and said so in words.
    mixed = {"blue": pictures["blue"][:6] + pictures["red"][:6], "red": pictures["red"]}
    report = class_consistency(_train_images(coloured), mixed, TINY, features=_colour_features())
    assert report.per_class == {"blue": 0.5, "red": 1.0}
    assert report.labelled["blue"] == {"blue": 6, "red": 6}
    assert report.below == ("blue",) and report.flagged
    assert "blue 50%" in report.warning() and f"at least {CONSISTENCY_THRESHOLD:.0%}" in report.warning()
    assert summarise({"red": ["red", "red", "green", "blue"]}, "x").per_class == {"red": 0.5}


@pytest.fixture(scope="module")
def generator(coloured: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    config_module.EXTRA_GENERATOR_SIZES.add(TINY)
    try:
        config = GeneratorConfig(data=str(coloured), image_size=TINY, epochs=1, batch_size=12, latent_dim=8)
        return train_generator(config, tmp_path_factory.mktemp("ws")).path
    finally:
        config_module.EXTRA_GENERATOR_SIZES.discard(TINY)


def test_accept_stores_the_consistency_and_refuses_a_flagged_set_unless_told(coloured: Path, generator: Path,
                                                                            tmp_path: Path) -> None:
    pictures = _real_pictures(coloured)
    good = measure_consistency(generator, pictures, features=_colour_features())
    set_dir = accept(generator, pictures, tmp_path, seed=0, consistency=good)
    provenance = json.loads((set_dir / "provenance.json").read_text())
    assert provenance["class_consistency"]["per_class"] == {"red": 1.0, "green": 1.0, "blue": 1.0}
    assert provenance["class_consistency"]["threshold"] == CONSISTENCY_THRESHOLD
    assert provenance["accepted_below_threshold"] is False

    swapped = {"red": pictures["green"], "green": pictures["blue"]}  # wrong labels
    bad = measure_consistency(generator, swapped, features=_colour_features())
    assert bad.per_class == {"red": 0.0, "green": 0.0}
    with pytest.raises(ConfigError, match="do not look like their class") as caught:
        accept(generator, swapped, tmp_path, seed=0, consistency=bad)
    assert "--accept-anyway" in caught.value.hint
    assert len(list((tmp_path / "synthetic").iterdir())) == 1  # nothing stored
    kept = accept(generator, swapped, tmp_path, seed=0, consistency=bad, accept_anyway=True)
    assert read_synthetic_set(kept).provenance["accepted_below_threshold"] is True

    quality = measure_quality(kept, features=_colour_features())
    assert quality.per_class["red"].class_consistency == 0.0 and set(quality.below) == {"red", "green"}
    saved = json.loads((kept / "quality.json").read_text())
    assert saved["per_class"]["green"]["class_consistency"] == 0.0 and sorted(saved["below_threshold"]) == ["green", "red"]
    assert measure_quality(set_dir, features=_colour_features()).per_class["blue"].class_consistency == 1.0
