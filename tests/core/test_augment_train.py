"""Augmentation in real (tiny) runs: mixup in feature space on cached backbone outputs."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest

from tlstudio.core.config import AugmentSpec, HeadConfig, ModelConfig, RunConfig, SplitConfig, TrainConfig
from tlstudio.core.training.events import TrainEvent
from tlstudio.core.training.train import train

pytest.importorskip("tensorflow")


@pytest.mark.slow
def test_transfer_with_mixup_and_a_cap_trains_on_cached_features_and_mixup_alone_reuses_them(make_image_folder,
                                                                                             tmp_path):
    data = make_image_folder(tmp_path / "data", classes=("circle", "square"), per_class=12, size=48)
    config = RunConfig(
        data=str(data),
        split=SplitConfig(val_fraction=0.2, test_fraction=0.2, seed=3, train_per_class=5),
        model=ModelConfig(backbone="mobilenet_v2", mode="transfer", weights=None, image_size=32,
                          head=HeadConfig(pooling="avg", dense=(8,), dropout=0.0)),
        train=TrainConfig(epochs=1, batch_size=4, augment_views=2, seed=3),
        augment=AugmentSpec(flip_horizontal=True, rotation=0.05, crop=0.1, mixup=0.2),
    )
    workspace = tmp_path / "ws"
    events: list[TrainEvent] = []
    result = train(config, workspace=workspace, on_event=events.append)
    assert result.status == "finished"
    assert any("(2 augmented views each)" in (e.message or "") for e in events)
    split = json.loads((result.run_dir / "split.json").read_text())
    assert split["counts"]["train"] == {"circle": 5, "square": 5} and split["left_out"]["circle"] > 0
    cached = sorted((workspace / "cache" / "features").glob("*.npy"))

    again: list[TrainEvent] = []
    train(config.replace(augment=replace(config.augment, mixup=0.4)), workspace=workspace, on_event=again.append)
    assert not [e for e in again if e.kind == "batch" and e.phase == "features"]  # mixup does not change features
    assert sorted((workspace / "cache" / "features").glob("*.npy")) == cached
