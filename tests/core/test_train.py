"""The training engine, end to end on tiny generated images (weights=None, 1-3 epochs).

What a user would check: the run finishes or stops when asked, the files are in the run folder,
the numbers add up, fine-tuning follows the rules (frozen layers unchanged, BatchNorm statistics
unchanged, lower learning rate), the feature cache is reused, and an interrupted run resumes.
"""

from __future__ import annotations

import csv
import json
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

from tlstudio.core.config import HeadConfig, ModelConfig, RunConfig, SplitConfig, TrainConfig
from tlstudio.core.training.events import TrainEvent
from tlstudio.core.training.train import compare, train


def _config(data: Path, **model: object) -> RunConfig:
    model_defaults = dict(backbone="scratch_cnn", mode="scratch", weights=None, image_size=40,
                          head=HeadConfig(pooling="flatten", dense=(16,), dropout=0.0))
    model_defaults.update(model)
    return RunConfig(
        data=str(data),
        split=SplitConfig(val_fraction=0.2, test_fraction=0.2, seed=3),
        model=ModelConfig(**model_defaults),
        train=TrainConfig(epochs=2, batch_size=8, learning_rate=3e-3, patience=5, seed=3),
    )


@pytest.fixture
def images(make_image_folder, tmp_path):
    return make_image_folder(tmp_path / "data", classes=("circle", "square", "stripes"), per_class=15, size=48)


def test_scratch_run_writes_a_complete_run_folder(images, tmp_path):
    events: list[TrainEvent] = []
    result = train(_config(images), workspace=tmp_path / "ws", on_event=events.append)

    assert result.status == "finished"
    run = result.run_dir
    for name in ("config.json", "split.json", "history.csv", "metrics.json", "model.keras", "confusion.png",
                 "classes.json", "status.json", "bad_files.json"):
        assert (run / name).is_file(), name
    assert not str(run).startswith(str(images))
    assert RunConfig.from_json((run / "config.json").read_text()) == _config(images)
    rows = list(csv.DictReader((run / "history.csv").open()))
    assert [int(r["epoch"]) for r in rows] == [1, 2]
    metrics = json.loads((run / "metrics.json").read_text())
    assert metrics["counts"] == {"train": 27, "val": 9, "test": 9}
    assert sum(sum(row) for row in metrics["confusion"]) == 9
    assert 0.0 <= metrics["accuracy"] <= 1.0
    epochs = [e for e in events if e.kind == "epoch"]
    assert [e.epoch for e in epochs] == [1, 2] and all("val_accuracy" in e.metrics for e in epochs)
    assert any(e.kind == "batch" and e.phase == "scratch" for e in events)


def test_saved_model_takes_raw_images_of_any_size(images, tmp_path):
    import keras

    result = train(_config(images), workspace=tmp_path / "ws")
    model = keras.saving.load_model(result.run_dir / "model.keras", safe_mode=True, compile=False)
    odd = np.random.default_rng(0).integers(0, 255, size=(2, 57, 91, 3)).astype("float32")
    probs = np.asarray(model.predict(odd, verbose=0))
    assert probs.shape == (2, 3)
    np.testing.assert_allclose(probs.sum(axis=1), 1.0, atol=1e-5)


def test_transfer_trains_the_head_on_cached_features_and_reuses_them(images, tmp_path):
    config = _config(images, backbone="mobilenet_v2", mode="transfer", image_size=32,
                     head=HeadConfig(pooling="avg", dense=(16,), dropout=0.0))
    workspace = tmp_path / "ws"
    first: list[TrainEvent] = []
    result = train(config, workspace=workspace, on_event=first.append)
    assert result.status == "finished"
    assert result.history["phase"] == ["head", "head"]
    cache_files = sorted((workspace / "cache" / "features").glob("*.npy"))
    assert len(cache_files) == 3  # train, validation, test
    feature_batches = [e for e in first if e.kind == "batch" and e.phase == "features"]
    assert feature_batches

    again: list[TrainEvent] = []
    train(config, workspace=workspace, on_event=again.append)
    assert not [e for e in again if e.kind == "batch" and e.phase == "features"]  # read from the cache
    assert sorted((workspace / "cache" / "features").glob("*.npy")) == cache_files


def test_finetune_follows_the_rules(images, tmp_path, monkeypatch):
    """Head first; then only layers from the cutoff train, at a lower learning rate, with BatchNorm
    statistics untouched; the frozen layers below the cutoff keep their weights."""
    import keras

    from tlstudio.core.models import classifier as model_module

    cutoff = "block_14_expand"
    config = _config(images, backbone="mobilenet_v2", mode="finetune", image_size=32, cutoff=cutoff,
                     head=HeadConfig(pooling="avg", dense=(16,), dropout=0.0))
    config = config.replace(train=replace(config.train, finetune_epochs=2, finetune_lr_factor=0.1))
    built = {}
    real_build = model_module.build_classifier

    def spy(*args, **kwargs):
        classifier = real_build(*args, **kwargs)
        bb = classifier.backbone
        # Random weights with BatchNorm in inference mode make activations vanish (~1e-12 by the
        # last block), so nothing after the cutoff could learn. Give every BatchNorm the statistics
        # of one batch, as pretrained weights would have.
        norms = [layer for layer in bb.layers if isinstance(layer, keras.layers.BatchNormalization)]
        momenta, flags, whole = [bn.momentum for bn in norms], [layer.trainable for layer in bb.layers], bb.trainable
        bb.trainable = True  # a frozen BatchNorm runs in inference mode and would not update
        for bn in norms:
            bn.momentum = 0.0
        bb(np.random.default_rng(0).uniform(-1, 1, (16, *bb.input_shape[1:])).astype("float32"), training=True)
        bb.trainable = whole
        for layer, flag in zip(bb.layers, flags):
            layer.trainable = flag
        for bn, momentum in zip(norms, momenta):
            bn.momentum = momentum
        built["classifier"] = classifier
        built["before"] = {layer.name: [np.array(w) for w in layer.get_weights()] for layer in bb.layers}
        return classifier

    monkeypatch.setattr(model_module, "build_classifier", spy)
    result = train(config, workspace=tmp_path / "ws")
    assert result.status == "finished"
    assert result.history["phase"] == ["head", "head", "finetune", "finetune"]
    rows = list(csv.DictReader((result.run_dir / "history.csv").open()))
    lrs = {r["phase"]: float(r["learning_rate"]) for r in rows}
    assert lrs["finetune"] == pytest.approx(lrs["head"] * 0.1)

    backbone = built["classifier"].backbone
    names = [layer.name for layer in backbone.layers]
    start = names.index(cutoff)
    after = {layer.name: layer.get_weights() for layer in backbone.layers}
    frozen_same = all(np.array_equal(a, b) for name in names[:start] for a, b in zip(built["before"][name], after[name]))
    assert frozen_same, "a layer below the cutoff changed"
    conv = backbone.get_layer("block_14_expand")
    if not result.notes:  # fine-tuned weights were kept: layers from the cutoff on have learned
        trained = {name for name in names[start:] for a, b in zip(built["before"][name], after[name])
                   if not np.array_equal(a, b)}
        assert "block_14_expand" in trained and "Conv_1" in trained, sorted(trained)
        assert conv.trainable
    # Every BatchNorm layer after the cutoff keeps its statistics (inference mode) and stays frozen.
    norms = [layer for layer in backbone.layers[start:] if isinstance(layer, keras.layers.BatchNormalization)]
    assert len(norms) >= 5
    for bn in norms:
        assert not bn.trainable, bn.name
        for a, b in zip(built["before"][bn.name], after[bn.name]):
            np.testing.assert_array_equal(a, b, err_msg=bn.name)


def test_stop_ends_the_run_within_a_batch_and_it_can_resume(images, tmp_path):
    config = _config(images).replace(train=replace(_config(images).train, epochs=3, batch_size=4))
    seen: list[TrainEvent] = []
    stop_after = {"n": 0}

    def should_stop() -> bool:
        return stop_after["n"] >= 1

    def on_event(event: TrainEvent) -> None:
        seen.append(event)
        if event.kind == "epoch":
            stop_after["n"] += 1

    result = train(config, workspace=tmp_path / "ws", on_event=on_event, should_stop=should_stop)
    assert result.status == "cancelled"
    assert result.evaluation is None
    status = json.loads((result.run_dir / "status.json").read_text())
    assert status["status"] == "cancelled"
    assert not (result.run_dir / "model.keras").exists()
    batches_after_stop = [e for e in seen[seen.index(next(e for e in seen if e.kind == "epoch")) + 1:] if e.kind == "batch"]
    assert len(batches_after_stop) <= 1
    assert len(result.history["epoch"]) == 1

    resumed = train(config, workspace=tmp_path / "ws", resume=result.run_dir)
    assert resumed.status == "finished"
    assert resumed.run_dir == result.run_dir
    assert resumed.history["epoch"] == [1, 2, 3]
    assert (result.run_dir / "model.keras").exists()


def test_a_cosine_schedule_lowers_each_phases_rate_and_a_resumed_run_goes_on_where_it_stood(images, tmp_path):
    config = _config(images, backbone="mobilenet_v2", mode="finetune", image_size=32, cutoff="block_14_expand",
                     head=HeadConfig(pooling="avg", dense=(16,), dropout=0.0))
    config = config.replace(train=replace(config.train, lr_schedule="cosine"))
    result = train(config, workspace=tmp_path / "ws")
    rows = list(csv.DictReader((result.run_dir / "history.csv").open()))
    # each phase starts at its own rate (fine-tuning 10x lower) and lowers it along a cosine over
    # its 2 epochs: the second epoch starts at half
    assert [(r["phase"], float(r["learning_rate"])) for r in rows] == [
        ("head", pytest.approx(3e-3)), ("head", pytest.approx(1.5e-3)),
        ("finetune", pytest.approx(3e-4)), ("finetune", pytest.approx(1.5e-4))]

    # stopped after the first of 3 epochs, then resumed: 1, 3/4 and 1/4 of the rate, not from the top again
    config = _config(images).replace(train=replace(_config(images).train, epochs=3, lr_schedule="cosine"))
    epochs_seen: list[int] = []
    stopped = train(config, workspace=tmp_path / "ws", should_stop=lambda: bool(epochs_seen),
                    on_event=lambda e: epochs_seen.append(1) if e.kind == "epoch" else None)
    assert stopped.status == "cancelled" and len(stopped.history["epoch"]) == 1
    resumed = train(config, workspace=tmp_path / "ws", resume=stopped.run_dir)
    rows = list(csv.DictReader((resumed.run_dir / "history.csv").open()))
    assert [float(r["learning_rate"]) for r in rows] == pytest.approx([3e-3, 3e-3 * 0.75, 3e-3 * 0.25])


def test_compare_runs_all_three_on_the_same_split(images, tmp_path, monkeypatch):
    from tlstudio.core.models import features

    passes: list[tuple[str, int]] = []  # (the run's mode, outputs computed) of each pass over images
    extract = features.extract_outputs

    def counted(trunk, records, *, cache, keys, **kw):
        if any(cache.get(key) is None for key in keys):
            passes.append((mode_now[0], len(keys)))
        return extract(trunk, records, cache=cache, keys=keys, **kw)

    mode_now = ["?"]
    monkeypatch.setattr(features, "extract_outputs", counted)
    config = _config(images, backbone="mobilenet_v2", mode="transfer", image_size=32,
                     head=HeadConfig(pooling="avg", dense=(16,), dropout=0.0))
    config = config.replace(train=replace(config.train, epochs=1))

    def on_event(event: TrainEvent) -> None:
        if event.kind == "status" and event.message.startswith("Run "):
            mode_now[0] = event.message.rsplit(" ", 1)[-1]

    results = compare(config, workspace=tmp_path / "ws", on_event=on_event)
    # one pass over the training, validation and test images gives the transfer run's pooled features
    # and the fine-tune cutoff's activations: the fine-tune run makes no pass of its own
    assert passes == [("transfer", 2)] * 3
    assert [r.config.model.mode for r in results] == ["scratch", "transfer", "finetune"]
    assert results[0].config.model.backbone == "scratch_cnn"
    splits = [json.loads((r.run_dir / "split.json").read_text()) for r in results]
    assert splits[0] == splits[1] == splits[2]
    assert all(r.status == "finished" and r.evaluation is not None for r in results)


def test_a_crash_mid_run_marks_the_run_failed_and_keeps_its_checkpoint(images, tmp_path):
    """An error mid-run (here: raised while the first epoch is reported) reaches the caller,
    and the run folder says "failed" instead of looking like it is still running."""
    ws = tmp_path / "ws"
    crashed: list[bool] = []

    def on_event(event: TrainEvent) -> None:
        if event.kind == "epoch" and event.epoch == 1 and not crashed:
            crashed.append(True)
            raise OSError("the disk went away")

    with pytest.raises(OSError, match="the disk went away"):
        train(_config(images), workspace=ws, on_event=on_event)
    (run,) = (ws / "runs").iterdir()
    status = json.loads((run / "status.json").read_text())
    assert status["status"] == "failed"
    assert "the disk went away" in status["error"]
    assert (run / "checkpoints" / "state.json").is_file()  # epoch 1 was saved: --resume can continue


def test_freeze_plan_counts_batchnorm_after_the_cutoff_as_frozen():
    from tlstudio.core.models.backbones import list_layers
    from tlstudio.core.models.classifier import freeze_plan

    layers = list_layers("efficientnet_lite0", image_size=64)
    total = sum(layer.params for layer in layers)
    plan = freeze_plan(layers, "stage6_block1_expand_conv")
    assert plan.frozen_params + plan.trainable_params == total
    assert plan.trains("stage6_block1_expand_conv") and plan.trains("head_conv")
    assert not plan.trains("stage6_block1_expand_bn") and not plan.trains("stage5_block3_project_conv")
    norms_after = [l for l in layers[[l.name for l in layers].index("stage6_block1_expand_conv"):]
                   if l.type == "BatchNormalization"]
    assert norms_after and plan.trainable_layers == len([l for l in layers if plan.trains(l.name)])
    everything = freeze_plan(layers, None, everything=True)
    assert everything.frozen_params == 0 and everything.trains("stem_bn")
    assert freeze_plan(layers, None).trainable_params == 0


def test_a_split_with_no_test_images_is_refused_before_a_run_folder_is_made(images, tmp_path):
    from tlstudio.core.errors import DatasetError

    config = _config(images)
    config = config.replace(split=replace(config.split, test_fraction=0.0))
    with pytest.raises(DatasetError) as caught:
        train(config, workspace=tmp_path / "ws")
    assert "No image is kept aside for testing" in caught.value.message and "--test 0.15" in caught.value.hint
    assert not (tmp_path / "ws" / "runs").exists() or not any((tmp_path / "ws" / "runs").iterdir())


def test_tensorboard_logs_hold_each_epochs_loss_and_accuracy(images, tmp_path):
    import tensorflow as tf
    from tensorboard.backend.event_processing.event_accumulator import EventAccumulator

    config = _config(images)
    config = config.replace(train=replace(config.train, tensorboard=True))
    result = train(config, workspace=tmp_path / "ws")

    logs = result.run_dir / "tensorboard" / "scratch"
    for part in ("train", "validation"):
        events = EventAccumulator(str(logs / part))
        events.Reload()
        assert {"epoch_loss", "epoch_accuracy"} <= set(events.Tags()["tensors"]), part
        assert [e.step for e in events.Tensors("epoch_accuracy")] == [0, 1]
    logged = EventAccumulator(str(logs / "validation"))
    logged.Reload()
    history = list(csv.DictReader((result.run_dir / "history.csv").open()))
    accuracies = [float(tf.make_ndarray(e.tensor_proto)) for e in logged.Tensors("epoch_accuracy")]
    np.testing.assert_allclose(accuracies, [float(r["val_accuracy"]) for r in history], atol=1e-6)


def test_tensorboard_logs_without_the_package_are_refused_before_a_run_folder_is_made(images, tmp_path, monkeypatch):
    import importlib.util

    from tlstudio.core.errors import ConfigError

    real_find_spec = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec",
                        lambda name, *a: None if name == "tensorboard" else real_find_spec(name, *a))
    config = _config(images)
    config = config.replace(train=replace(config.train, tensorboard=True))
    with pytest.raises(ConfigError) as caught:
        train(config, workspace=tmp_path / "ws")
    assert "tensorboard package is not installed" in caught.value.message
    assert "pip install tensorboard" in caught.value.hint
    assert not (tmp_path / "ws" / "runs").exists()
    assert train(_config(images), workspace=tmp_path / "ws").status == "finished"  # logs off: no package needed


def test_scratch_augmentation_runs_inside_the_trained_model_and_is_not_saved(images, tmp_path, monkeypatch):
    import keras

    from tlstudio.core.config import AugmentSpec
    from tlstudio.core.training.job import TrainingJob

    trained: list = []
    real_fit = TrainingJob.fit

    def fit(self, model, *args, **kwargs):
        trained.append(model)
        return real_fit(self, model, *args, **kwargs)

    monkeypatch.setattr(TrainingJob, "fit", fit)
    config = _config(images).replace(augment=AugmentSpec(flip_horizontal=True, flip_horizontal_p=1.0, brightness=0.5))
    result = train(config, workspace=tmp_path / "ws")
    assert result.status == "finished"

    [model] = trained
    layer_names = [layer.name for layer in model.layers]
    assert "augmentation" in layer_names  # part of the model: it runs on the model's device
    batch = np.random.default_rng(0).uniform(0, 255, size=(4, 40, 40, 3)).astype("float32")
    augmenter = model.get_layer("augmentation")
    np.testing.assert_array_equal(keras.ops.convert_to_numpy(augmenter(batch, training=False)), batch)
    assert not np.allclose(keras.ops.convert_to_numpy(augmenter(batch, training=True)), batch)
    saved = keras.saving.load_model(result.run_dir / "model.keras", compile=False)
    assert "augmentation" not in [layer.name for layer in saved.layers]  # only the classifier is saved


def test_a_constant_schedule_keeps_the_rate_and_trains_differently_from_cosine(images, tmp_path):
    config = _config(images)
    finals = {}
    for schedule in ("constant", "cosine"):
        run = config.replace(train=replace(config.train, epochs=3, lr_schedule=schedule))
        result = train(run, workspace=tmp_path / "ws")
        assert json.loads((result.run_dir / "config.json").read_text())["train"]["lr_schedule"] == schedule
        rows = list(csv.DictReader((result.run_dir / "history.csv").open()))
        finals[schedule] = [float(r["learning_rate"]) for r in rows]
        finals[schedule + " loss"] = result.history["loss"]
    assert finals["constant"] == pytest.approx([3e-3] * 3)
    assert finals["cosine"] == pytest.approx([3e-3, 3e-3 * 0.75, 3e-3 * 0.25])
    # same seed, same images: only the rate differs, and so does the training
    assert finals["constant loss"] != pytest.approx(finals["cosine loss"], rel=1e-3)


def test_label_smoothing_is_the_loss_the_run_trains_with(images, tmp_path):
    """With smoothed targets the loss cannot fall below their entropy; without, it can."""
    import math

    config = _config(images)
    losses = {}
    for smoothing in (0.0, 0.5):
        run = config.replace(train=replace(config.train, epochs=12, patience=12,
                                           label_smoothing=smoothing))
        result = train(run, workspace=tmp_path / "ws")
        assert json.loads((result.run_dir / "config.json").read_text())["train"]["label_smoothing"] == smoothing
        losses[smoothing] = min(result.history["loss"])
    # 3 classes, s = 0.5: targets 2/3, 1/6, 1/6
    floor = -(2 / 3 * math.log(2 / 3) + 2 * (1 / 6) * math.log(1 / 6))
    assert losses[0.5] >= floor - 1e-4
    assert losses[0.0] < floor, losses
