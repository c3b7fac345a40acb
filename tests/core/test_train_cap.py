"""A cap on training images per class: exactly N per class in training, validation and test unchanged."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.core.test_groups import PATTERN, make_patient_folder, splits_of_each
from tlstudio.core.config import RunConfig, SplitConfig
from tlstudio.core.data.records import Split
from tlstudio.core.data.scan import scan_dataset
from tlstudio.core.data.split import make_split
from tlstudio.core.errors import ConfigError


@pytest.fixture
def scan(make_image_folder, tmp_path: Path):
    root = make_image_folder(tmp_path / "xrays", classes=("normal", "pneumonia"), per_class=30, size=40)
    return scan_dataset(root)


def test_the_cap_leaves_exactly_n_per_class_and_keeps_validation_and_test(scan):
    full = make_split(scan, SplitConfig(seed=5))
    capped = make_split(scan, SplitConfig(seed=5, train_per_class=8))
    assert capped.counts()["train"] == {"normal": 8, "pneumonia": 8}
    assert capped.val == full.val and capped.test == full.test
    assert set(capped.train) < set(full.train)  # chosen among the same training images
    assert capped.left_out == {n: full.counts()["train"][n] - 8 for n in scan.classes}
    note = next(w for w in capped.warnings if "at most 8 images per class" in w)
    assert f"{sum(capped.left_out.values())} training images were left out" in note
    # Seeded: the same seed chooses the same images, another seed others.
    assert make_split(scan, SplitConfig(seed=5, train_per_class=8)).train == capped.train
    other = make_split(scan, SplitConfig(seed=6, train_per_class=8))
    assert other.train != capped.train


def test_the_cap_is_recorded_in_split_json_and_read_back(scan):
    capped = make_split(scan, SplitConfig(train_per_class=5))
    doc = capped.to_dict()
    assert doc["left_out"] == capped.left_out and doc["counts"]["train"] == {"normal": 5, "pneumonia": 5}
    assert Split.from_dict(doc).left_out == capped.left_out
    assert "left_out" not in make_split(scan, SplitConfig()).to_dict()


def test_a_cap_above_the_class_size_leaves_nothing_out(scan):
    capped = make_split(scan, SplitConfig(train_per_class=500))
    assert capped.train == make_split(scan, SplitConfig()).train
    assert capped.left_out == {"normal": 0, "pneumonia": 0}


def test_bad_caps_say_what_was_received():
    for bad in (0, -3, 2.5, True):
        with pytest.raises(ConfigError, match="Received: train_per_class="):
            SplitConfig(train_per_class=bad)
    old = RunConfig.from_dict({"data": "/x", "split": {"val_fraction": 0.2}})  # a config.json of before
    assert old.split.train_per_class is None


def test_the_cap_works_with_group_aware_splits(tmp_path: Path):
    scan = scan_dataset(make_patient_folder(tmp_path / "lesions"))
    full = make_split(scan, SplitConfig(seed=1, group_pattern=PATTERN))
    capped = make_split(scan, SplitConfig(seed=1, group_pattern=PATTERN, train_per_class=6))
    assert capped.counts()["train"] == {"benign": 6, "malignant": 6}
    assert capped.val == full.val and capped.test == full.test
    assert all(len(parts) == 1 for parts in splits_of_each(capped).values())  # still no patient in two splits
    assert any("counts images" in w for w in capped.warnings)
