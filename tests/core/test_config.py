"""Config dataclasses: validation messages people can act on, and a faithful JSON round trip."""

from __future__ import annotations

import json
import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tlstudio.core.config import AugmentSpec, HeadConfig, ModelConfig, RunConfig, SplitConfig, TrainConfig
from tlstudio.core.errors import ConfigError


def test_bad_values_say_what_was_received():
    with pytest.raises(ConfigError, match=r"epochs must be between 1 and 1000\. Received: epochs=0"):
        TrainConfig(epochs=0)
    with pytest.raises(ConfigError, match=r"mode must be one of .* Received: mode='frozen'"):
        ModelConfig(mode="frozen")
    with pytest.raises(ConfigError, match="leave images for training"):
        SplitConfig(val_fraction=0.5, test_fraction=0.47)
    with pytest.raises(ConfigError, match="rotation"):
        AugmentSpec(rotation=2.0)


def test_run_config_round_trips_through_json():
    config = RunConfig(
        data="/data/flowers",
        name="lite0",
        split=SplitConfig(val_fraction=0.2, test_fraction=0.1, seed=7),
        model=ModelConfig(backbone="efficientnet_lite0", mode="finetune", cutoff="stage6_block1_expand_conv",
                          head=HeadConfig(pooling="max", dense=(128, 64), dropout=0.2)),
        train=TrainConfig(epochs=3, finetune_epochs=4, learning_rate=5e-4),
        augment=AugmentSpec(flip_horizontal=True, rotation=0.05),
    )
    again = RunConfig.from_json(config.to_json())
    assert again == config
    assert again.model.head.dense == (128, 64)
    assert again.train.phase2_epochs == 4


def test_unknown_keys_from_newer_versions_are_ignored():
    doc = json.loads(RunConfig(data="/d").to_json())
    doc["train"]["some_future_setting"] = 3
    assert RunConfig.from_dict(doc).train == TrainConfig()


def test_label_smoothing_defaults_to_0_1_but_a_config_saved_before_it_existed_reads_as_off():
    doc = json.loads(RunConfig(data="/d").to_json())
    assert doc["train"]["label_smoothing"] == 0.1
    assert RunConfig.from_dict(doc).train.label_smoothing == 0.1
    del doc["train"]["label_smoothing"]  # a config.json written by an older tlstudio
    assert RunConfig.from_dict(doc).train.label_smoothing == 0.0
    assert RunConfig.from_dict({"data": "/d"}).train.label_smoothing == 0.1  # no train section: today's defaults
    with pytest.raises(ConfigError, match="label_smoothing must be between 0 .off. and 0.5.*0.7"):
        TrainConfig(label_smoothing=0.7)


def test_the_learning_rate_is_constant_by_default_and_a_cosine_schedule_is_saved_and_read_back():
    doc = json.loads(RunConfig(data="/d").to_json())
    assert (doc["train"]["lr_schedule"], doc["train"]["learning_rate"]) == ("constant", 0.001)
    cosine = json.loads(RunConfig(data="/d", train=TrainConfig(lr_schedule="cosine")).to_json())
    assert RunConfig.from_dict(cosine).train.lr_schedule == "cosine"
    del cosine["train"]["lr_schedule"]  # a config.json written by an older tlstudio: it trained at a constant rate
    assert RunConfig.from_dict(cosine).train.lr_schedule == "constant"
    with pytest.raises(ConfigError, match="lr_schedule must be one of .'constant', 'cosine'.*linear"):
        TrainConfig(lr_schedule="linear")


@pytest.mark.parametrize("schedule, expected", [
    ("cosine", [1e-3, 0.5e-3 * (1 + math.cos(math.pi / 4)), 0.5e-3, 0.5e-3 * (1 - math.cos(math.pi / 4)), 0.0]),
    ("constant", [1e-3] * 5),
])
def test_the_optimizer_follows_the_schedule_step_by_step_and_a_resumed_phase_goes_on(schedule, expected):
    import keras

    def rate(optimizer) -> float:
        return float(keras.ops.convert_to_numpy(optimizer.learning_rate))

    config = TrainConfig(lr_schedule=schedule)
    # 2 epochs of 2 steps: the rate at steps 0..4
    optimizer = config.optimizer(1e-3, epochs=2, steps_per_epoch=2)
    model = keras.Sequential([keras.Input((2,)), keras.layers.Dense(2, activation="softmax")])
    model.compile(optimizer=optimizer, loss=config.loss())
    rates = [rate(optimizer)]
    for _ in range(4):
        model.train_on_batch(np.ones((1, 2)), np.array([[1.0, 0.0]]))
        rates.append(rate(optimizer))
    assert rates == pytest.approx(expected, abs=1e-9)
    assert rate(config.optimizer(1e-3, epochs=2, steps_per_epoch=2, initial_epoch=1)) == pytest.approx(expected[2])


def test_the_loss_trains_towards_smoothed_targets():
    import math

    import keras

    y = np.array([[1.0, 0.0, 0.0]])
    p = np.array([[0.7, 0.2, 0.1]])
    # 3 classes, s = 0.3: the targets become 0.8, 0.1, 0.1
    expected = -(0.8 * math.log(0.7) + 0.1 * math.log(0.2) + 0.1 * math.log(0.1))
    smoothed = float(keras.ops.convert_to_numpy(TrainConfig(label_smoothing=0.3).loss()(y, p)))
    assert smoothed == pytest.approx(expected, rel=1e-5)
    plain = float(keras.ops.convert_to_numpy(TrainConfig(label_smoothing=0.0).loss()(y, p)))
    assert plain == pytest.approx(-math.log(0.7), rel=1e-5)


def test_invalid_json_is_reported_in_plain_words():
    with pytest.raises(ConfigError, match="not valid JSON"):
        RunConfig.from_json("{not json")
    with pytest.raises(ConfigError, match="needs at least 'data'"):
        RunConfig.from_dict({"model": {}})


@settings(max_examples=60, deadline=None)
@given(
    epochs=st.integers(1, 1000),
    batch=st.integers(1, 4096),
    lr=st.floats(1e-6, 1.0),
    dense=st.lists(st.integers(1, 8192), max_size=3),
    rotation=st.floats(0, 0.9),
    flip=st.booleans(),
    seed=st.integers(0, 2**31),
)
def test_any_valid_config_round_trips(epochs, batch, lr, dense, rotation, flip, seed):
    config = RunConfig(
        data="x",
        model=ModelConfig(head=HeadConfig(dense=tuple(dense))),
        train=TrainConfig(epochs=epochs, batch_size=batch, learning_rate=lr, seed=seed),
        augment=AugmentSpec(rotation=rotation, flip_vertical=flip),
    )
    assert RunConfig.from_json(config.to_json()) == config


@settings(max_examples=80, deadline=None)
@given(st.dictionaries(st.sampled_from(["epochs", "batch_size", "learning_rate", "patience", "seed"]),
                       st.one_of(st.integers(-5, 5000), st.floats(allow_nan=True), st.text(max_size=3), st.none())))
def test_loading_arbitrary_train_settings_either_works_or_says_why(data):
    try:
        TrainConfig.from_dict(data)
    except ConfigError as exc:
        assert "Received" in str(exc) or "could not be read" in str(exc)
    except TypeError:
        pytest.fail("a TypeError escaped instead of a ConfigError")
