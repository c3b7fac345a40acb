"""Learning curves on tiny generated images: the subsets are what they claim (stratified, nested,
seeded), every recipe is tested on the same images, the backbone runs once for all points, a stop
keeps the points done, the files are written, and the reading says rising or flat correctly."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import numpy as np
import pytest

from tests.reliability.guards import tree_hash
from tlstudio.core.config import HeadConfig, ModelConfig, RunConfig, SplitConfig, TrainConfig
from tlstudio.core.errors import ConfigError
from tlstudio.core.studies.curve import CurvePoint, CurveResult, curve_sizes, learning_curve, load_curve, subset_rows


def test_subsets_are_stratified_nested_and_seeded():
    labels = np.array([0] * 10 + [1] * 6 + [2] * 3)
    five = subset_rows(labels, 5, seed=1, base_seed=42)
    assert np.bincount(labels[five]).tolist() == [5, 5, 3]  # a class with fewer gives all it has
    three = subset_rows(labels, 3, seed=1, base_seed=42)
    assert np.bincount(labels[three]).tolist() == [3, 3, 3]
    assert set(three) <= set(five)  # nested: a bigger subset adds images, it does not draw others
    assert np.array_equal(three, subset_rows(labels, 3, seed=1, base_seed=42))
    assert not np.array_equal(three, subset_rows(labels, 3, seed=2, base_seed=42))
    assert len(np.unique(five)) == len(five)


def test_sizes_stop_below_the_largest_class_and_end_with_all_images():
    assert curve_sizes([5, 10, 25, 50], {"a": 30, "b": 12}) == (5, 10, 25, 30)
    assert curve_sizes([30, 5], {"a": 30}) == (5, 30)
    assert curve_sizes(None, {"a": 7}) == (5, 7)
    with pytest.raises(ConfigError, match="whole numbers of at least 1"):
        curve_sizes([0, 5], {"a": 30})


def _result(means: dict[int, list[float]]) -> CurveResult:
    points = [CurvePoint("transfer", size, seed, size * 2, acc, acc, acc, 1.0)
              for size, accs in means.items() for seed, acc in enumerate(accs, start=1)]
    return CurveResult("data", "bb", ("a", "b"), ("transfer",), tuple(means), 3, 100, points)


def test_the_reading_says_rising_flat_or_lower():
    rising = _result({10: [0.70, 0.72, 0.71], 50: [0.80, 0.81, 0.79]})
    assert "still rising (+9.0 points from 10 to 50 images per class" in rising.reading("transfer")
    flat = _result({10: [0.80, 0.84, 0.76], 50: [0.82, 0.80, 0.84]})  # +2 points, but seeds spread by 4
    assert "flat" in flat.reading("transfer") and "spread between seeds" in flat.reading("transfer")
    lower = _result({10: [0.90, 0.90, 0.90], 50: [0.85, 0.85, 0.85]})
    assert "lower with more images (-5.0 points" in lower.reading("transfer")
    summary = rising.summary("transfer")
    assert [s.per_class for s in summary] == [10, 50]
    assert summary[1].mean == pytest.approx(0.80) and summary[1].low == 0.79 and summary[1].high == 0.81
    assert summary[1].std == pytest.approx(0.01)


def _config(data: Path) -> RunConfig:
    return RunConfig(
        data=str(data),
        split=SplitConfig(val_fraction=0.2, test_fraction=0.2, seed=3),
        model=ModelConfig(backbone="mobilenet_v2", mode="transfer", weights=None, image_size=32,
                          cutoff="block_14_expand", head=HeadConfig(pooling="avg", dense=(8,), dropout=0.0)),
        train=TrainConfig(epochs=2, batch_size=8, learning_rate=3e-3, seed=3),
    )


@pytest.fixture
def images(make_image_folder, tmp_path):
    return make_image_folder(tmp_path / "data", classes=("circle", "square", "stripes"), per_class=20, size=40)


def test_a_curve_trains_every_recipe_size_and_seed_on_the_same_test_images(images, tmp_path):
    digest = tree_hash(images)
    events = []
    workspace = tmp_path / "ws"
    result = learning_curve(_config(images), modes=("transfer", "finetune", "scratch"), sizes=[2, 5], seeds=2,
                            workspace=workspace, on_event=events.append)

    assert result.status == "finished"
    assert result.sizes == (2, 5, 12)  # 60 images, 20% val, 20% test: 12 training images per class
    assert len(result.points) == 3 * 3 * 2
    assert {(p.mode, p.per_class, p.seed) for p in result.points} == {
        (m, s, seed) for m in ("transfer", "finetune", "scratch") for s in (2, 5, 12) for seed in (1, 2)}
    assert {p.per_class: p.n_train for p in result.points} == {2: 6, 5: 15, 12: 36}
    assert result.test_count == 12
    for p in result.points:
        assert 0.0 <= p.test_accuracy <= 1.0 and 0.0 <= p.balanced_accuracy <= 1.0
        # accuracy on 12 test images comes in twelfths: every point was tested on all of them
        assert (p.test_accuracy * 12) == pytest.approx(round(p.test_accuracy * 12))
    # The backbone ran once per image for all transfer and fine-tune points (train, val, test;
    # pooled outputs and the fine-tune cut), not once per point.
    feature_files = sorted((workspace / "cache" / "features").glob("*.npy"))
    assert len(feature_files) == 6
    progress = [e for e in events if e.kind == "batch" and e.phase == "curve"]
    assert [e.batch for e in progress] == list(range(1, 19)) and progress[-1].batches == 18

    folder = result.folder
    assert folder is not None and folder.parent == workspace / "curves"
    for name in ("curve.json", "curve.csv", "curve.png"):
        assert (folder / name).is_file(), name
    rows = list(csv.DictReader((folder / "curve.csv").open()))
    assert len(rows) == 18 and {r["mode"] for r in rows} == {"transfer", "finetune", "scratch"}
    doc = json.loads((folder / "curve.json").read_text())
    assert set(doc["readings"]) == {"transfer", "finetune", "scratch"}
    assert len(doc["summary"]) == 9
    again = load_curve(folder)
    assert again.points == result.points and again.sizes == result.sizes
    assert tree_hash(images) == digest  # the dataset folder was never written to


def test_stop_keeps_the_points_already_trained(images, tmp_path):
    done = []

    def on_event(event):
        if event.kind == "batch" and event.phase == "curve":
            done.append(event.batch)

    result = learning_curve(_config(images), modes=("transfer",), sizes=[2, 5], seeds=2, workspace=tmp_path / "ws",
                            on_event=on_event, should_stop=lambda: len(done) >= 3)
    assert result.status == "cancelled"
    assert len(result.points) == 3
    assert load_curve(result.folder).status == "cancelled"


def test_bad_modes_and_seeds_are_refused_in_plain_words(images, tmp_path):
    with pytest.raises(ConfigError, match="transfer, finetune and scratch"):
        learning_curve(_config(images), modes=("magic",), workspace=tmp_path / "ws")
    with pytest.raises(ConfigError, match="seeds must be between 1 and 20"):
        learning_curve(_config(images), seeds=0, workspace=tmp_path / "ws")
