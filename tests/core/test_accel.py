"""Using what the hardware offers (core.models.accel): the plan for each machine and setting, the dtype
policy only while a run trains, the softmax kept in float32, the settings' JSON, and the plan
recorded in metrics.json and announced to the user."""

from __future__ import annotations

import json
import threading
from pathlib import Path

import numpy as np
import pytest

from tlstudio.core.config import HeadConfig, ModelConfig, RunConfig, SplitConfig, TrainConfig
from tlstudio.core.errors import ConfigError
from tlstudio.core.models.accel import GPU_INFERENCE_BATCH, Gpu, applied, plan

TENSOR_CORES = Gpu("NVIDIA H100", (9, 0))
OLD_GPU = Gpu("NVIDIA GeForce GTX 1080", (6, 1))


def test_a_cpu_always_trains_in_float32() -> None:
    for precision in ("auto", "float32", "mixed"):
        used = plan(TrainConfig(precision=precision), gpu=None)
        assert used.precision == "float32" and not used.gpu and used.device == "CPU"
        assert used.inference_batch_size == 32 and used.jit_compile == "auto"
        assert used.describe() == "CPU, float32"
    assert plan(TrainConfig(precision="mixed"), gpu=None).notes == ("Mixed precision needs a GPU; this run uses float32.",)


def test_a_gpu_with_tensor_cores_gets_mixed_precision_and_a_larger_feature_batch() -> None:
    used = plan(TrainConfig(), gpu=TENSOR_CORES)
    assert used.precision == "mixed_float16" and used.mixed
    assert used.batch_size == 32 and used.inference_batch_size == GPU_INFERENCE_BATCH
    assert used.describe() == "NVIDIA H100, mixed precision (float16)"
    assert plan(TrainConfig(precision="float32"), gpu=TENSOR_CORES).describe() == "NVIDIA H100, float32"
    assert plan(TrainConfig(batch_size=256), gpu=TENSOR_CORES).inference_batch_size == 256


def test_an_older_gpu_stays_in_float32_unless_asked() -> None:
    auto = plan(TrainConfig(), gpu=OLD_GPU)
    assert auto.precision == "float32" and "tensor cores" in auto.notes[0]
    assert plan(TrainConfig(precision="mixed"), gpu=OLD_GPU).precision == "mixed_float16"


def test_xla_setting() -> None:
    assert plan(TrainConfig(xla="on"), gpu=TENSOR_CORES).jit_compile is True
    assert plan(TrainConfig(xla="off"), gpu=TENSOR_CORES).describe() == "NVIDIA H100, mixed precision (float16), no XLA"
    assert plan(TrainConfig(xla="on"), gpu=None).describe() == "CPU, float32, XLA"


def test_settings_validate_and_round_trip() -> None:
    with pytest.raises(ConfigError, match="Received: precision='fp16'"):
        TrainConfig(precision="fp16")
    with pytest.raises(ConfigError, match="Received: xla='yes'"):
        TrainConfig(xla="yes")
    config = TrainConfig(precision="mixed", xla="off")
    assert TrainConfig.from_dict(json.loads(json.dumps(config.to_dict()))) == config
    old = {k: v for k, v in TrainConfig().to_dict().items() if k not in ("precision", "xla")}
    assert TrainConfig.from_dict(old) == TrainConfig()  # configs saved before these settings still load


def test_the_policy_applies_to_the_training_thread_only_and_is_restored() -> None:
    import keras

    seen: list[str] = []
    with applied(plan(TrainConfig(precision="mixed"), gpu=TENSOR_CORES)):
        assert keras.config.dtype_policy().name == "mixed_float16"
        other = threading.Thread(target=lambda: seen.append(keras.config.dtype_policy().name))
        other.start()
        other.join()
    assert seen == ["float32"]
    assert keras.config.dtype_policy().name == "float32"


def test_under_mixed_precision_the_softmax_stays_float32() -> None:
    from tlstudio.core.models.classifier import build_classifier

    model_config = ModelConfig(backbone="scratch_cnn", mode="scratch", weights=None, image_size=40,
                               head=HeadConfig(pooling="avg", dense=(8,), dropout=0.0))
    with applied(plan(TrainConfig(precision="mixed"), gpu=TENSOR_CORES)):
        clf = build_classifier(model_config, 3)
    assert clf.model.get_layer("head_dense_1").compute_dtype == "float16"
    assert clf.model.get_layer("predictions").compute_dtype == "float32"
    probs = np.asarray(clf.model.predict(np.zeros((2, 40, 40, 3), "float32"), verbose=0))
    assert probs.dtype == np.float32 and np.allclose(probs.sum(axis=1), 1.0, atol=1e-5)


def test_a_run_says_what_it_trains_on_and_records_it(make_image_folder, tmp_path: Path) -> None:
    from tlstudio.core.training.train import train

    data = make_image_folder(tmp_path / "data", classes=("a", "b"), per_class=8, size=40)
    config = RunConfig(data=str(data), split=SplitConfig(val_fraction=0.25, test_fraction=0.25, seed=1),
                       model=ModelConfig(backbone="scratch_cnn", mode="scratch", weights=None, image_size=32,
                                         head=HeadConfig(pooling="flatten", dense=(8,), dropout=0.0)),
                       train=TrainConfig(epochs=1, batch_size=4))
    messages: list[str] = []
    result = train(config, workspace=tmp_path / "ws", on_event=lambda e: messages.append(e.message))
    expected = plan(config.train)
    assert f"Training on {expected.describe()}" in messages
    recorded = json.loads((result.run_dir / "metrics.json").read_text())["acceleration"]
    assert recorded["precision"] == expected.precision and recorded["description"] == expected.describe()
