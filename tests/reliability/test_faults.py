"""Faults in the middle of a real (tiny) run end it in plain words and lose nothing finished.

* The loss becomes NaN: training stops at that batch, the run says where and what to do.
* Out of memory: the run goes on with half the batch size (from its last checkpoint), says so,
  and ``config.json`` records the size that worked; at batch size 1 it gives up clearly.
* The image folder (or one image) disappears mid-run: the message names the file; putting it
  back and resuming finishes the run. A transfer run no longer needs the images once their
  features are cached, so it finishes.
* The disk fills up, or the workspace becomes read-only, while a checkpoint, the history, the
  model or the results are saved: a clear error naming the file or folder, the earlier files
  intact, no temporary files left, ``status.json`` says "failed" where it can still be written.

The tests run as root in CI, where ``chmod`` does not stop writes, and a full disk cannot be
made on demand: the write functions are monkeypatched to fail exactly as the system would
(``OSError`` with ``ENOSPC``, ``EROFS``), after writing half of the file where a real full disk
would have.
"""

from __future__ import annotations

import csv
import errno
import json
import math
import os
import tempfile
from dataclasses import replace
from pathlib import Path
from typing import Any, Callable

import numpy as np
import pytest

from tlstudio.core.config import HeadConfig, ModelConfig, RunConfig, SplitConfig, TrainConfig
from tlstudio.core.data import pipeline as pipeline_module
from tlstudio.core.errors import RunError
from tlstudio.core.outputs import runs
from tlstudio.core.outputs import workspace as workspace_module
from tlstudio.core.training import train as train_module
from tlstudio.core.training.events import TrainEvent
from tlstudio.core.training.faults import is_out_of_memory
from tlstudio.core.training.job import TrainingJob
from tlstudio.core.training.train import train

tf = pytest.importorskip("tensorflow")


def _config(data: Path, *, epochs: int = 3, batch_size: int = 8, **model: Any) -> RunConfig:
    model_defaults: dict[str, Any] = dict(backbone="scratch_cnn", mode="scratch", weights=None, image_size=40,
                                          head=HeadConfig(pooling="flatten", dense=(16,), dropout=0.0))
    model_defaults.update(model)
    return RunConfig(
        data=str(data),
        split=SplitConfig(val_fraction=0.2, test_fraction=0.2, seed=3),
        model=ModelConfig(**model_defaults),
        train=TrainConfig(epochs=epochs, batch_size=batch_size, learning_rate=3e-3, patience=epochs, seed=3),
    )


def _transfer(data: Path, mode: str = "transfer", **kwargs: Any) -> RunConfig:
    return _config(data, backbone="mobilenet_v2", mode=mode, image_size=32,
                   head=HeadConfig(pooling="avg", dense=(16,), dropout=0.0), **kwargs)


@pytest.fixture
def images(make_image_folder, tmp_path):
    """27 training, 9 validation and 9 test images (3 classes)."""
    return make_image_folder(tmp_path / "data", classes=("circle", "square", "stripes"), per_class=15, size=48)


def _only_run(workspace: Path) -> Path:
    (run,) = (workspace / "runs").iterdir()
    return run


def _status(run: Path) -> dict[str, Any]:
    return json.loads((run / "status.json").read_text())


def _history(run: Path) -> list[dict[str, str]]:
    with (run / "history.csv").open(newline="") as fh:
        return list(csv.DictReader(fh))


def _state(run: Path) -> dict[str, Any]:
    return json.loads((run / "checkpoints" / "state.json").read_text())


def _leftovers(run: Path) -> list[str]:
    """Temporary files a write left behind (atomic writes use hidden ``.name.*.tmp`` files, the
    model ``.model-*.keras``, checkpoints ``last-<pid>.tmp.weights.h5``)."""
    return sorted(str(p.relative_to(run)) for p in run.rglob("*")
                  if p.name.startswith(".") or ".tmp" in p.name or "pending" in p.name)


def _checkpoint_files(run: Path) -> dict[str, bytes]:
    return {name: (run / "checkpoints" / name).read_bytes() for name in ("last.weights.h5", "state.json")}


def _assert_earlier_files_intact(run: Path, config: RunConfig, epochs: int) -> None:
    """config, split and classes parse and say what they said; history and checkpoint hold the
    same ``epochs`` finished epochs."""
    assert RunConfig.from_json((run / "config.json").read_text()) == config
    split = json.loads((run / "split.json").read_text())
    assert [len(split[part]) for part in ("train", "val", "test")] == [27, 9, 9]
    assert json.loads((run / "classes.json").read_text())["classes"] == ["circle", "square", "stripes"]
    assert [int(r["epoch"]) for r in _history(run)] == list(range(1, epochs + 1))
    assert [row["epoch"] for row in _state(run)["rows"]] == list(range(1, epochs + 1))


def _on_first_epoch(action: Callable[[], None], events: list[TrainEvent] | None = None) -> Callable[[TrainEvent], None]:
    """An ``on_event`` that runs ``action`` once, when epoch 1 is reported (its checkpoint and
    history row are saved by then)."""
    done: list[bool] = []

    def on_event(event: TrainEvent) -> None:
        if events is not None:
            events.append(event)
        if event.kind == "epoch" and not done:
            done.append(True)
            action()

    return on_event


def _wrap_pipelines(monkeypatch: pytest.MonkeyPatch, change: Callable[..., Any]) -> None:
    """Every image pipeline the run builds goes through ``change(ds, batch_size=, shuffle=)``
    (training pipelines shuffle; validation, test and feature passes do not)."""
    real = pipeline_module.make_tf_dataset

    def make(records, image_size, batch_size, num_classes, **kwargs):
        ds = real(records, image_size, batch_size, num_classes, **kwargs)
        return change(ds, batch_size=batch_size, shuffle=kwargs.get("shuffle", False))

    monkeypatch.setattr(pipeline_module, "make_tf_dataset", make)


def _map_images(ds: Any, func: Callable[[np.ndarray], np.ndarray]) -> Any:
    """``ds`` with ``func`` applied to each batch of images, in Python, batch by batch."""
    def apply(x: Any, y: Any) -> tuple[Any, Any]:
        out = tf.numpy_function(func, [x], tf.float32, stateful=True)
        out.set_shape(x.shape)
        return out, y

    return ds.map(apply)


def _map_labels(ds: Any, func: Callable[[np.ndarray], np.ndarray]) -> Any:
    """``ds`` with ``func`` applied to each batch of (one-hot) labels."""
    def apply(x: Any, y: Any) -> tuple[Any, Any]:
        out = tf.numpy_function(func, [y], tf.float32, stateful=True)
        out.set_shape(y.shape)
        return x, out

    return ds.map(apply)


# ----------------------------------------------------------------------------- NaN loss


def test_a_nan_loss_stops_the_run_at_that_batch_and_says_what_to_do(images, tmp_path, monkeypatch):
    """The learning rate cannot be set high enough to diverge for real here (the config allows
    at most 1, and at 1 Keras computes the loss from the logits, so it stays finite), and NaN
    pixels do not reach the loss of the small CNN (max pooling drops them). So from epoch 2 on
    the training labels are NaN, as broken input would be: Keras itself then computes a NaN
    loss, and the guard must stop at that very batch."""
    broken: list[bool] = []
    _wrap_pipelines(monkeypatch, lambda ds, batch_size, shuffle: _map_labels(
        ds, lambda y: y * np.float32("nan") if broken else y) if shuffle else ds)
    workspace = tmp_path / "ws"
    events: list[TrainEvent] = []
    kept: dict[str, bytes] = {}

    def break_images() -> None:
        kept.update(_checkpoint_files(_only_run(workspace)))
        broken.append(True)

    config = _config(images)
    with pytest.raises(RunError) as info:
        train(config, workspace=workspace, on_event=_on_first_epoch(break_images, events))

    error = info.value
    assert error.message == ("Training stopped because the loss became NaN (not a number) in epoch 2 of 3, batch 1 "
                             "of 4 (training from scratch): the model diverged and cannot learn from there.")
    assert error.hint == ("The learning rate (0.003) is probably too high for these images, or some images are "
                          "broken. Start a new run with a lower learning rate, for example 0.0003 (a tenth), and "
                          "check the images. The run folder keeps the epochs finished before this one.")
    run = _only_run(workspace)
    status = _status(run)
    assert status["status"] == "failed" and error.message in status["error"] and status["epochs_done"] == 1
    _assert_earlier_files_intact(run, config, epochs=1)
    assert _checkpoint_files(run) == kept  # the NaN epoch did not overwrite the good checkpoint
    assert math.isfinite(float(_history(run)[0]["loss"]))
    assert not (run / "model.keras").exists() and not (run / "metrics.json").exists()
    assert _leftovers(run) == []
    batches = [e for e in events if e.kind == "batch" and e.phase == "scratch"]
    assert len(batches) == 4 and all(math.isfinite(e.metrics["loss"]) for e in batches)  # the bad batch is not shown
    assert [e.epoch for e in events if e.kind == "epoch"] == [1]


# ----------------------------------------------------------------------------- out of memory


@pytest.mark.parametrize("exc, expected", [
    (MemoryError(), True),
    (tf.errors.ResourceExhaustedError(None, None, "OOM when allocating tensor with shape[64,224,224,3]"), True),
    (type("OutOfMemoryError", (RuntimeError,), {})("CUDA out of memory. Tried to allocate 2.00 GiB"), True),  # torch
    (RuntimeError("CUDA error: out of memory"), True),  # older PyTorch
    (type("XlaRuntimeError", (RuntimeError,), {})("RESOURCE_EXHAUSTED: Out of memory while trying to allocate "
                                                  "1073741824 bytes."), True),  # JAX
    (tf.errors.InternalError(None, None, "Failed copying input tensor: Dst tensor is not initialized."), True),
    (tf.errors.UnknownError(None, None, "Error in user-defined function: FileNotFoundError: [Errno 2] No such "
                                        "file or directory: '/data/cats/1.jpg'"), False),
    (ValueError("Input 0 of layer dense is incompatible"), False),
    (RunError("The disk is full, and there is not enough memory either."), False),  # tlstudio's own words
])
def test_out_of_memory_is_recognised_on_every_backend_without_importing_it(exc, expected):
    assert is_out_of_memory(exc) is expected
    try:
        try:
            raise exc
        except BaseException as inner:
            raise RuntimeError("fit failed") from inner
    except RuntimeError as outer:
        assert is_out_of_memory(outer) is expected  # also when wrapped by another error


def test_out_of_memory_mid_run_retries_with_half_the_batch_from_the_last_checkpoint(images, tmp_path, monkeypatch):
    """Training with a batch larger than 8 runs out of memory in epoch 2 (TensorFlow itself
    raises ResourceExhaustedError: a MemoryError in its pipeline). The run goes on from the
    checkpoint of epoch 1 with batch size 8, says so, and a repeat of config.json uses 8."""
    calls = {"big": 0}

    def allocate(x: np.ndarray) -> np.ndarray:
        calls["big"] += 1
        if calls["big"] > 2:  # 27 training images: 2 batches of 16 per epoch, so epoch 2 fails
            raise MemoryError("Unable to allocate 16 x 40 x 40 x 32 floats")
        return x

    _wrap_pipelines(monkeypatch, lambda ds, batch_size, shuffle: _map_images(ds, allocate)
                    if shuffle and batch_size > 8 else ds)
    seen: list[type] = []
    real_check = train_module.is_out_of_memory
    monkeypatch.setattr(train_module, "is_out_of_memory", lambda exc: seen.append(type(exc)) or real_check(exc))

    workspace = tmp_path / "ws"
    events: list[TrainEvent] = []
    config = _config(images, batch_size=16)
    result = train(config, workspace=workspace, on_event=events.append)

    note = "Out of memory with batch size 16: retrying with batch size 8, from the checkpoint after epoch 1."
    assert seen == [tf.errors.ResourceExhaustedError]
    assert result.status == "finished"
    assert note in [e.message for e in events if e.kind == "status"]
    assert result.notes == (note,)
    run = result.run_dir
    assert result.config.train.batch_size == 8
    assert RunConfig.from_json((run / "config.json").read_text()) == config.replace(
        train=replace(config.train, batch_size=8))
    metrics = json.loads((run / "metrics.json").read_text())
    assert metrics["notes"] == [note] and metrics["batch_size"] == 8
    rows = _history(run)
    assert [(int(r["epoch"]), int(r["batch_size"])) for r in rows] == [(1, 16), (2, 8), (3, 8)]
    assert result.history["epoch"] == [1, 2, 3]
    state = _state(run)
    assert [(r["epoch"], r["batch_size"]) for r in state["rows"]] == [(1, 16), (2, 8), (3, 8)]
    assert state["notes"] == [note]
    assert _status(run)["status"] == "finished"
    assert _leftovers(run) == []


def test_out_of_memory_in_the_feature_pass_computes_it_again_with_half_the_batch(images, tmp_path, monkeypatch):
    """A transfer run whose feature pass runs out of memory with batches larger than 8 starts
    again (nothing was checkpointed yet) with 8; the half-written feature file is not kept. As on
    a GPU, the feature pass first uses a larger batch than training (128): after running out of
    memory it uses the halved training batch too, or it would fail again."""
    from tlstudio.core.models import accel

    real_plan = accel.plan
    monkeypatch.setattr(accel, "plan", lambda train, gpu=True: replace(
        real_plan(train, gpu=None), inference_batch_size=max(train.batch_size, accel.GPU_INFERENCE_BATCH)))
    feature_batches: list[int] = []

    def allocate(x: np.ndarray) -> np.ndarray:
        raise MemoryError(f"Unable to allocate {len(x)} x 32 x 32 x 3 floats")

    def change(ds: Any, batch_size: int, shuffle: bool) -> Any:
        if not shuffle:
            feature_batches.append(batch_size)
        return _map_images(ds, allocate) if batch_size > 8 else ds

    _wrap_pipelines(monkeypatch, change)
    workspace = tmp_path / "ws"
    events: list[TrainEvent] = []
    result = train(_transfer(images, batch_size=16), workspace=workspace, on_event=events.append)

    note = "Out of memory with batch size 16: retrying with batch size 8, from the start."
    assert feature_batches == [128, 8, 8, 8]  # training images (fails), then training, validation, test
    assert result.status == "finished" and result.notes == (note,)
    assert note in [e.message for e in events if e.kind == "status"]
    assert json.loads((result.run_dir / "config.json").read_text())["train"]["batch_size"] == 8
    assert result.history["epoch"] == [1, 2, 3] and result.history["phase"] == ["head"] * 3
    cache = workspace / "cache" / "features"
    assert len(list(cache.glob("*.npy"))) == 3  # train, validation, test
    assert sorted(p.name for p in cache.iterdir() if p.name.startswith(".")) == []


def test_out_of_memory_even_with_batch_size_1_fails_with_what_to_do(images, tmp_path, monkeypatch):
    tried: list[int] = []

    def fit(self, *args: Any, **kwargs: Any) -> None:
        tried.append(self.config.train.batch_size)
        raise tf.errors.ResourceExhaustedError(
            None, None, f"OOM when allocating tensor with shape[{tried[-1]},40,40,32] and type float")

    monkeypatch.setattr(TrainingJob, "fit", fit)
    workspace = tmp_path / "ws"
    events: list[TrainEvent] = []
    with pytest.raises(RunError) as info:
        train(_config(images), workspace=workspace, on_event=events.append)

    assert tried == [8, 4, 2, 1]
    assert info.value.message == "There is not enough memory to train this model, even with a batch size of 1."
    assert info.value.hint == ("Use a smaller image size or a lighter backbone (for example MobileNetV2 or "
                               "EfficientNet-Lite0), or close other programs that use the memory of the graphics "
                               "card, then start a new run.")
    assert [e.message for e in events if e.message.startswith("Out of memory")] == [
        f"Out of memory with batch size {n}: retrying with batch size {n // 2}, from the start." for n in (8, 4, 2)]
    run = _only_run(workspace)
    status = _status(run)
    assert status["status"] == "failed" and info.value.message in status["error"]
    assert json.loads((run / "config.json").read_text())["train"]["batch_size"] == 1  # what was tried last


# ----------------------------------------------------------------------------- images gone mid-run


def test_image_folder_moved_mid_run_fails_in_plain_words_and_resumes_once_it_is_back(images, tmp_path):
    """A scratch run reads the images every epoch. The folder is renamed after epoch 1: the
    run fails naming the folder and a file it could not read, keeps its checkpoint, and
    finishes when resumed after the folder is put back."""
    workspace = tmp_path / "ws"
    moved = tmp_path / "data-moved"
    config = _config(images)
    with pytest.raises(RunError) as info:
        train(config, workspace=workspace, on_event=_on_first_epoch(lambda: images.rename(moved)))

    run = _only_run(workspace)
    error = info.value
    split = json.loads((run / "split.json").read_text())
    assert error.path in {record["path"] for record in split["train"]}
    assert Path(error.path).parent.parent == images
    assert error.message == (f"The image folder {images} is no longer there, so {error.path} could not be read: it "
                             "seems to have been moved, renamed or removed, or its drive was disconnected, while the "
                             "run was using it.")
    assert error.hint == (f"Put the folder back where it was (or reconnect the drive), then resume the run from its "
                          f"last checkpoint: tlstudio train --resume {run} (or start a new run).")
    assert "Traceback" not in str(error) and "PyFunc" not in str(error)
    status = _status(run)
    assert status["status"] == "failed" and error.message in status["error"] and status["epochs_done"] == 1
    _assert_earlier_files_intact(run, config, epochs=1)

    moved.rename(images)
    resumed = train(None, workspace=workspace, resume=run)
    assert resumed.status == "finished" and resumed.run_dir == run
    assert [int(r["epoch"]) for r in _history(run)] == [1, 2, 3]
    assert _status(run)["status"] == "finished" and (run / "model.keras").is_file()


def test_one_image_deleted_mid_run_is_named(images, tmp_path):
    workspace = tmp_path / "ws"
    gone: list[Path] = []

    def delete_one() -> None:
        split = json.loads((_only_run(workspace) / "split.json").read_text())
        gone.append(Path(split["train"][5]["path"]))
        gone[0].unlink()

    with pytest.raises(RunError) as info:
        train(_config(images), workspace=workspace, on_event=_on_first_epoch(delete_one))
    assert info.value.path == str(gone[0])
    assert info.value.message == (f"The image {gone[0]} could not be read: it seems to have been moved, renamed or "
                                  "deleted while the run was using it.")
    assert info.value.hint.startswith("Put the image back where it was, then resume the run from its last checkpoint")
    assert _status(_only_run(workspace))["status"] == "failed"


def test_transfer_run_finishes_when_the_folder_goes_after_its_features_are_cached(images, tmp_path):
    """A transfer run reads each image once, in the feature pass; the head then trains, is
    tested and calibrated on the cached outputs. So the folder disappearing after that does not
    matter: the run finishes, complete, without a word about it."""
    workspace = tmp_path / "ws"
    moved = tmp_path / "data-moved"
    events: list[TrainEvent] = []
    on_event = _on_first_epoch(lambda: images.rename(moved), events)
    result = train(_transfer(images), workspace=workspace, on_event=on_event)

    assert not images.exists()
    assert result.status == "finished" and result.history["epoch"] == [1, 2, 3]
    metrics = json.loads((result.run_dir / "metrics.json").read_text())
    assert sum(sum(row) for row in metrics["confusion"]) == 9
    assert (result.run_dir / "model.keras").is_file() and _status(result.run_dir)["status"] == "finished"
    assert not [e.message for e in events if "no longer there" in e.message or "could not be read" in e.message]


def test_finetune_needs_the_images_again_so_it_fails_cleanly_then_resumes(images, tmp_path):
    """Fine-tuning computes the frozen layers' outputs from the images again (after the head
    phase): with the folder gone it fails naming the folder, after the head phase's epochs were
    checkpointed; once the folder is back, resuming goes straight to fine-tuning."""
    workspace = tmp_path / "ws"
    moved = tmp_path / "data-moved"
    config = _transfer(images, mode="finetune", epochs=2, cutoff="block_14_expand")
    config = config.replace(train=replace(config.train, finetune_epochs=1))
    with pytest.raises(RunError) as info:
        train(config, workspace=workspace, on_event=_on_first_epoch(lambda: images.rename(moved)))

    run = _only_run(workspace)
    assert info.value.message.startswith(f"The image folder {images} is no longer there, so {images}{os.sep}")
    assert f"tlstudio train --resume {run}" in info.value.hint
    assert _status(run)["status"] == "failed"
    assert [r["phase"] for r in _history(run)] == ["head", "head"]

    moved.rename(images)
    events: list[TrainEvent] = []
    resumed = train(None, workspace=workspace, resume=run, on_event=events.append)
    assert resumed.status == "finished"
    assert resumed.history["phase"] == ["head", "head", "finetune"]
    assert not [e for e in events if e.kind == "batch" and e.phase == "head"]  # the head was not trained again


# ----------------------------------------------------------------------------- disk full, read-only


def _fail_keras_writes(monkeypatch: pytest.MonkeyPatch, method: str, code: int, when: Callable[[], bool]) -> None:
    """``keras.Model.<method>`` (``save_weights``: checkpoints, ``save``: model.keras) fails
    with ``code`` while ``when()``: with a full disk half the file is written first."""
    import keras

    real = getattr(keras.Model, method)

    def failing(self, filepath, *args, **kwargs):
        if not when():
            return real(self, filepath, *args, **kwargs)
        if code == errno.ENOSPC:
            Path(filepath).write_bytes(b"\x89HDF\r\n half a file")
        raise OSError(code, os.strerror(code), str(filepath))

    monkeypatch.setattr(keras.Model, method, failing)


class _Proxy:
    """A module with some functions replaced (only where ``runs`` and ``workspace`` look them up)."""

    def __init__(self, module: Any, **replaced: Any) -> None:
        self._module = module
        self.__dict__.update(replaced)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._module, name)


class _FillsUp:
    """A file that takes half of what is written to it, then fails like a full disk."""

    def __init__(self, fh: Any) -> None:
        self.fh = fh

    def __enter__(self) -> "_FillsUp":
        return self

    def __exit__(self, *exc: object) -> None:
        self.fh.close()

    def write(self, data: bytes) -> int:
        self.fh.write(data[: len(data) // 2])
        self.fh.flush()
        raise OSError(errno.ENOSPC, "No space left on device")

    def flush(self) -> None:
        self.fh.flush()

    def fileno(self) -> int:
        return self.fh.fileno()


def _fill_disk_on(monkeypatch: pytest.MonkeyPatch, file_name: str, when: Callable[[], bool] = lambda: True) -> None:
    """Atomic writes of ``file_name`` (workspace.atomic_write_bytes: temporary file, fsync, rename)
    fail with a full disk half-way through writing the temporary file, while ``when()``."""
    names: dict[int, str] = {}

    def mkstemp(*args: Any, **kwargs: Any) -> tuple[int, str]:
        fd, name = tempfile.mkstemp(*args, **kwargs)
        names[fd] = name
        return fd, name

    def fdopen(fd: int, *args: Any, **kwargs: Any) -> Any:
        fh = os.fdopen(fd, *args, **kwargs)
        if when() and Path(names.get(fd, "")).name.startswith(f".{file_name}."):
            return _FillsUp(fh)
        return fh

    for module in (runs, workspace_module):
        monkeypatch.setattr(module, "tempfile", _Proxy(tempfile, mkstemp=mkstemp))
        monkeypatch.setattr(module, "os", _Proxy(os, fdopen=fdopen))


def test_disk_full_while_saving_a_checkpoint_keeps_the_previous_one_and_resumes(images, tmp_path, monkeypatch):
    full: list[bool] = []
    _fail_keras_writes(monkeypatch, "save_weights", errno.ENOSPC, lambda: bool(full))
    workspace = tmp_path / "ws"
    kept: dict[str, bytes] = {}

    def fill_disk() -> None:
        kept.update(_checkpoint_files(_only_run(workspace)))
        full.append(True)

    config = _config(images)
    with pytest.raises(RunError) as info:
        train(config, workspace=workspace, on_event=_on_first_epoch(fill_disk))

    run = _only_run(workspace)
    assert info.value.message == f"Could not save the checkpoint in {run / 'checkpoints'} because the disk is full."
    assert info.value.hint == ("Free some space and try again. Nothing finished is lost: the run folder keeps its last "
                               f"checkpoint, and the run continues from there with: tlstudio train --resume {run}")
    status = _status(run)
    assert status["status"] == "failed" and info.value.message in status["error"] and status["epochs_done"] == 1
    _assert_earlier_files_intact(run, config, epochs=1)
    assert _checkpoint_files(run) == kept
    assert _leftovers(run) == []  # the half-written weights are gone

    full.clear()  # space was freed
    resumed = train(None, workspace=workspace, resume=run)
    assert resumed.status == "finished"
    assert [int(r["epoch"]) for r in _history(run)] == [1, 2, 3]


def test_disk_full_while_writing_the_history_keeps_the_checkpoint_and_resume_restores_the_row(
        images, tmp_path, monkeypatch):
    """Epoch 2's checkpoint is saved, then its history row cannot be: resuming puts the row
    back from the checkpoint (neither lost nor written twice)."""
    full: list[bool] = []
    _fill_disk_on(monkeypatch, "history.csv", when=lambda: bool(full))
    workspace = tmp_path / "ws"
    config = _config(images)
    with pytest.raises(RunError) as info:
        train(config, workspace=workspace, on_event=_on_first_epoch(lambda: full.append(True)))

    run = _only_run(workspace)
    assert info.value.message == f"Could not save {run / 'history.csv'} because the disk is full."
    assert f"tlstudio train --resume {run}" in info.value.hint
    assert [int(r["epoch"]) for r in _history(run)] == [1]  # the old file, whole
    assert [r["epoch"] for r in _state(run)["rows"]] == [1, 2]
    assert _status(run)["status"] == "failed" and _leftovers(run) == []

    full.clear()
    resumed = train(None, workspace=workspace, resume=run)
    assert resumed.status == "finished"
    rows = _history(run)
    assert [int(r["epoch"]) for r in rows] == [1, 2, 3]
    assert [r["phase_epoch"] for r in rows] == ["1", "2", "3"]


def test_disk_full_while_saving_the_model_keeps_the_earlier_model(images, tmp_path, monkeypatch):
    import keras

    full = [True]
    _fail_keras_writes(monkeypatch, "save", errno.ENOSPC, lambda: bool(full))
    workspace = tmp_path / "ws"
    config = _config(images, epochs=2)
    with pytest.raises(RunError) as info:
        train(config, workspace=workspace)

    run = _only_run(workspace)
    assert info.value.message == f"Could not save {run / 'model.keras'} because the disk is full."
    assert f"tlstudio train --resume {run}" in info.value.hint
    assert not (run / "model.keras").exists() and _leftovers(run) == []
    assert _status(run)["status"] == "failed"
    _assert_earlier_files_intact(run, config, epochs=2)

    full.clear()
    assert train(None, workspace=workspace, resume=run).status == "finished"
    model_bytes = (run / "model.keras").read_bytes()
    metrics_bytes = (run / "metrics.json").read_bytes()

    full.append(True)  # saving the same run again (resumed) on a full disk
    with pytest.raises(RunError, match="because the disk is full"):
        train(None, workspace=workspace, resume=run)
    assert (run / "model.keras").read_bytes() == model_bytes
    assert (run / "metrics.json").read_bytes() == metrics_bytes
    assert _leftovers(run) == []
    probs = keras.saving.load_model(run / "model.keras", safe_mode=True, compile=False).predict(
        np.zeros((1, 40, 40, 3), "float32"), verbose=0)
    assert probs.shape == (1, 3)


def test_disk_full_while_writing_the_results_leaves_no_half_file(images, tmp_path, monkeypatch):
    _fill_disk_on(monkeypatch, "metrics.json")
    workspace = tmp_path / "ws"
    config = _config(images, epochs=2)
    with pytest.raises(RunError) as info:
        train(config, workspace=workspace)

    run = _only_run(workspace)
    assert info.value.message == f"Could not save {run / 'metrics.json'} because the disk is full."
    assert info.value.hint.startswith("Free some space and try again. Nothing finished is lost")
    assert not (run / "metrics.json").exists() and _leftovers(run) == []
    status = _status(run)
    assert status["status"] == "failed" and info.value.message in status["error"]
    _assert_earlier_files_intact(run, config, epochs=2)
    assert (run / "model.keras").is_file() and (run / "confusion.png").is_file()  # saved before


def test_workspace_turned_read_only_mid_run(images, tmp_path, monkeypatch):
    """From epoch 1 on nothing can be written in the workspace (EROFS, as when a USB drive
    turns read-only): neither a checkpoint nor any atomic write."""
    workspace = tmp_path / "ws"
    read_only: list[bool] = []
    _fail_keras_writes(monkeypatch, "save_weights", errno.EROFS, lambda: bool(read_only))

    def mkstemp(*args: Any, **kwargs: Any) -> tuple[int, str]:
        if read_only and Path(kwargs.get("dir") or ".").resolve().is_relative_to(workspace.resolve()):
            raise OSError(errno.EROFS, "Read-only file system")
        return tempfile.mkstemp(*args, **kwargs)

    for module in (runs, workspace_module):
        monkeypatch.setattr(module, "tempfile", _Proxy(tempfile, mkstemp=mkstemp))
    config = _config(images)
    with pytest.raises(RunError) as info:
        train(config, workspace=workspace, on_event=_on_first_epoch(lambda: read_only.append(True)))

    run = _only_run(workspace)
    assert info.value.message == (f"Could not save the checkpoint in {run / 'checkpoints'} because the folder cannot "
                                  "be written to.")
    assert info.value.hint.startswith("Choose a workspace folder you are allowed to write to, or ask for write access. "
                                      "Nothing finished is lost")
    # status.json could not be written either: it still says "running" (the run list shows such
    # a run as interrupted once its process has ended) and it still parses.
    assert _status(run)["status"] == "running"
    _assert_earlier_files_intact(run, config, epochs=1)
    assert _leftovers(run) == []
