"""The training engine's public pieces on their own: the reporter's events, the one progress
callback (reports, stops by flag), the checkpoint state, the array batches and the fit every
phase uses, and the generic save/load of a study's results."""

from __future__ import annotations

import json

import numpy as np
import pytest

from tlstudio.core.config import TrainConfig
from tlstudio.core.errors import RunError
from tlstudio.core.training.events import Reporter, TrainEvent
from tlstudio.core.training.resume import ResumeState


def _tiny_head(num_classes: int = 2, width: int = 4):
    import keras

    keras.utils.set_random_seed(0)
    inputs = keras.Input(shape=(width,))
    return keras.Model(inputs, keras.layers.Dense(num_classes, activation="softmax")(inputs))


def _separable(n: int = 40, width: int = 4) -> tuple[np.ndarray, np.ndarray]:
    """Two classes a linear head tells apart at once: the first feature is +2 or -2."""
    rng = np.random.default_rng(0)
    labels = np.arange(n) % 2
    x = rng.normal(0, 0.1, size=(n, width)).astype("float32")
    x[:, 0] += np.where(labels == 1, 2.0, -2.0)
    return x, labels


def test_reporter_makes_phase_status_and_batch_events_with_a_time_left():
    events: list[TrainEvent] = []
    reporter = Reporter(events.append, lambda: False)
    reporter.start_phase("features", "Computing", epochs=3)
    reporter.status("half way")
    reporter.feature_batch(1, 4)
    reporter.feature_batch(2, 4)
    reporter.scan_progress(5, 10)
    assert [(e.kind, e.phase) for e in events] == [("phase", "features"), ("status", "features"),
                                                   ("batch", "features"), ("batch", "features"), ("batch", "scan")]
    assert events[0].epochs == 3 and events[1].message == "half way"
    # the first step also compiles: no pace yet ("estimating"); from the second on, a time left
    assert events[2].batch == 1 and events[2].batches == 4 and events[2].eta_s is None
    assert events[3].batch == 2 and events[3].eta_s is not None and events[3].eta_s >= 0
    assert (events[4].batch, events[4].batches) == (5, 10)
    assert reporter.eta(0, 10) is None


def test_progress_callback_reports_each_batch_and_epoch_and_stops_by_flag():
    from tlstudio.core.training.callbacks import ProgressCallback
    from tlstudio.core.training.fitters import ArrayBatches, fit_model

    x, labels = _separable()
    events: list[TrainEvent] = []
    stop_after = {"batches": 7}

    def should_stop() -> bool:
        return sum(e.kind == "batch" for e in events) >= stop_after["batches"]

    finished: list[int] = []
    reporter = Reporter(events.append, should_stop)
    data = ArrayBatches(x[None], labels, 2, 8, shuffle=True, seed=0)  # 5 batches an epoch
    progress = ProgressCallback(should_stop, reporter=reporter, phase="head", epochs=4, steps=len(data),
                                on_epoch=lambda epoch, metrics: finished.append(epoch))
    fit_model(_tiny_head(), data, ArrayBatches(x[None], labels, 2, 8, shuffle=False, seed=0), train=TrainConfig(),
              epochs=4, lr=0.01, steps=len(data), class_weight=None, patience=4, then=[progress])
    batches = [e for e in events if e.kind == "batch"]
    epochs = [e for e in events if e.kind == "epoch"]
    # Stopped within the batch the flag turned true (the 7th, in epoch 2): epoch 2 is not a finished epoch.
    assert len(batches) == 7 and progress.stopped
    assert [(e.epoch, e.batch) for e in batches[4:]] == [(1, 5), (2, 1), (2, 2)]
    assert finished == [1] and [e.epoch for e in epochs] == [1]
    assert epochs[0].epochs == 4 and {"loss", "accuracy", "val_loss", "val_accuracy"} <= set(epochs[0].metrics)


def test_progress_callback_without_a_reporter_only_stops():
    from tlstudio.core.training.callbacks import ProgressCallback
    from tlstudio.core.training.fitters import ArrayBatches, fit_model

    x, labels = _separable()
    calls = {"n": 0}

    def should_stop() -> bool:
        calls["n"] += 1
        return calls["n"] >= 3

    data = ArrayBatches(x[None], labels, 2, 8, shuffle=True, seed=0)
    history = fit_model(_tiny_head(), data, ArrayBatches(x[None], labels, 2, 8, shuffle=False, seed=0),
                        train=TrainConfig(), epochs=5, lr=0.01, steps=len(data), class_weight=None, patience=5,
                        then=[ProgressCallback(should_stop)])
    assert calls["n"] == 3 and len(history.history["loss"]) == 1  # the first epoch ended at its 3rd batch


def test_fit_model_learns_a_separable_head_and_restores_the_best_epoch():
    from tlstudio.core.training.fitters import ArrayBatches, fit_model, predict_in_batches

    x, labels = _separable()
    head = _tiny_head()
    data = ArrayBatches(x[None], labels, 2, 8, shuffle=True, seed=0)
    history = fit_model(head, data, ArrayBatches(x[None], labels, 2, 8, shuffle=False, seed=0),
                        train=TrainConfig(label_smoothing=0.0), epochs=5, lr=0.05, steps=len(data), class_weight=None,
                        patience=5)
    probs = predict_in_batches(head, x, 16)
    assert probs.shape == (40, 2)
    assert float(np.mean(probs.argmax(axis=1) == labels)) == 1.0
    assert max(history.history["val_accuracy"]) == 1.0
    # rows: only those rows, in their order
    np.testing.assert_allclose(predict_in_batches(head, x, 3, np.array([5, 0, 2])), probs[[5, 0, 2]], rtol=1e-5)


def test_array_batches_draw_the_chosen_rows_once_each_epoch():
    from tlstudio.core.training.fitters import ArrayBatches

    views = np.arange(2 * 10 * 1, dtype="float32").reshape(2, 10, 1)  # view v, row r holds 10 v + r
    labels = np.arange(10) % 2
    batches = ArrayBatches(views, labels, 2, 4, shuffle=True, seed=3, rows=np.array([1, 3, 5, 7, 9]))
    assert len(batches) == 2
    seen = np.concatenate([batches[i][0][:, 0] for i in range(len(batches))])
    assert sorted(int(v) % 10 for v in seen) == [1, 3, 5, 7, 9]
    onehot = np.concatenate([batches[i][1] for i in range(len(batches))])
    assert onehot.sum() == 5 and onehot[:, 1].sum() == 5  # the odd rows are all class 1


def test_class_weights_and_repeats():
    from tlstudio.core.training.fitters import MIN_STEPS_PER_EPOCH, class_weights, repeats_for

    weights = class_weights(np.array([0, 0, 0, 1]), 3)
    assert weights[2] == 1.0 and weights[1] == pytest.approx(2.0) and weights[0] == pytest.approx(4 / 6)
    assert repeats_for(10, 32) == int(np.ceil(MIN_STEPS_PER_EPOCH * 32 / 10))
    assert repeats_for(10_000, 32) == 1


def test_resume_state_round_trips_and_reads_an_older_checkpoint():
    state = ResumeState()
    assert state.start_epoch("head") == 0
    state = state.after_epoch("head", 1, {"phase": "head", "epoch": 1, "val_accuracy": 0.5}, ("a note",))
    state = state.after_epoch("head", 2, {"phase": "head", "epoch": 2, "val_accuracy": 0.6}, ("a note",))
    assert state.start_epoch("head") == 2 and state.start_epoch("finetune") == 0
    state = state.after_phase("head")
    assert state.start_epoch("head") == -1 and state.phase is None and state.epochs_done == 0
    again = ResumeState.from_dict(json.loads(json.dumps(state.to_dict())))
    assert again == state
    assert list(state.to_dict()) == ["phases_done", "phase", "epochs_done", "rows", "notes"]
    # what a checkpoint written before the state had notes holds
    old = ResumeState.from_dict({"phases_done": [], "phase": "scratch", "epochs_done": 3, "rows": [{"epoch": 1}]})
    assert old.notes == () and old.start_epoch("scratch") == 3 and old.rows == ({"epoch": 1},)


def test_a_study_is_saved_and_read_back_through_one_mechanism(tmp_path):
    from dataclasses import dataclass
    from pathlib import Path

    from tlstudio.core.studies.results import StudyFiles, load_study, save_study

    @dataclass
    class Result:
        value: float
        folder: Path | None = None

        def to_dict(self) -> dict:
            return {"value": self.value}

    def draw(result: Result, path: Path) -> Path:
        path.write_bytes(b"png")
        return path

    files = StudyFiles("things", "thing", "the thing folder", "the thing", "thing")
    result = Result(0.5)
    folder = save_study(files, result, tmp_path / "ws", name="My thing", data_root=None, fields=["a", "b"],
                        rows=[{"a": 1, "b": 2}], draw=draw, texts={"thing.md": "# hello\n"})
    assert result.folder == folder and folder.parent == tmp_path / "ws" / "things" and folder.name.endswith("-my-thing")
    assert (folder / "thing.csv").read_text() == "a,b\n1,2\n"
    assert (folder / "thing.md").read_text() == "# hello\n" and (folder / "thing.png").read_bytes() == b"png"
    assert load_study(files, folder, lambda d: Result(d["value"])).value == 0.5
    (folder / "thing.json").write_text("{broken")
    with pytest.raises(RunError) as info:
        load_study(files, folder, lambda d: Result(d["value"]))
    assert "Could not read the thing in" in info.value.message and "`tlstudio thing`" in info.value.hint
    with pytest.raises(RunError):  # never inside the image folder
        save_study(files, result, tmp_path / "data" / "ws", name="x", data_root=str(tmp_path / "data"), fields=[],
                   rows=[], draw=draw)


def test_the_first_time_left_of_a_fit_counts_whole_epochs(monkeypatch):
    """On cached features an epoch's batches take 0.02 s each but its validation and checkpoint
    0.5 s, and the first epoch also compiles (3 s). The first estimate shown is within a factor of
    1.5 of the time really left; before a pace of whole epochs exists it says "estimating" (None)."""
    from tlstudio.core.training import events as events_module
    from tlstudio.core.training.callbacks import ProgressCallback

    clock = [100.0]
    monkeypatch.setattr(events_module.time, "monotonic", lambda: clock[0])
    shown: list[TrainEvent] = []
    reporter = Reporter(shown.append, lambda: False)
    reporter.start_phase("head", "Training the head", epochs=10)
    callback = ProgressCallback(lambda: False, reporter=reporter, phase="head", epochs=10, steps=10)
    timeline = []  # (time of the event, its estimate)
    for epoch in range(10):
        callback.on_epoch_begin(epoch)
        for batch in range(10):
            clock[0] += (3.0 if epoch == 0 and batch == 0 else 0.0) + 0.02
            callback.on_train_batch_end(batch, {"loss": 1.0})
            timeline.append((clock[0], shown[-1].eta_s))
        clock[0] += 0.5
        callback.on_epoch_end(epoch, {"loss": 1.0, "val_loss": 1.0})
        timeline.append((clock[0], shown[-1].eta_s))
    end = clock[0]
    first = next((t, eta) for t, eta in timeline if eta is not None)
    assert timeline[0][1] is None and timeline[12][1] is None  # estimating through the first epoch
    truth = end - first[0]
    assert truth / 1.5 <= first[1] <= truth * 1.5, (first, truth)


def test_the_time_left_of_the_feature_pass_counts_the_passes_still_to_come(monkeypatch):
    """The feature phase passes over the training, validation and test images in turn; each
    later pass also starts a reader of its own (seconds). The first pass's pace alone cannot see
    those starts, so the studio says "estimating" until the second pass, and from then on the
    estimate includes the passes still to come."""
    from tlstudio.core.training import events as events_module

    clock = [0.0]
    monkeypatch.setattr(events_module.time, "monotonic", lambda: clock[0])
    shown: list[TrainEvent] = []
    reporter = Reporter(shown.append, lambda: False)
    reporter.start_phase("features", "Computing")
    reporter.plan_passes([700, 150, 150])  # images; 1 s each batch of 10 images
    first_pass, later = [], []
    for index, images in enumerate((700, 150, 150)):
        reporter.next_pass()
        if index:
            clock[0] += 6.0  # the pass's reader and traced graph start
        for done in range(1, images // 10 + 1):
            clock[0] += 1.0
            reporter.feature_batch(done, images // 10)
            (later if index else first_pass).append((clock[0], shown[-1].eta_s))
    end = clock[0]
    assert all(eta is None for _, eta in first_pass[:-1])
    assert len(later) == 30
    for t, eta in later[:-1]:
        assert eta is not None and (end - t) / 1.5 <= eta <= (end - t) * 1.5, (t, eta, end - t)
