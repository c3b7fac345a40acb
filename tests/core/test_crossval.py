"""Repeated stratified k-fold cross-validation: the folds are what they claim (each image held out
once per repeat, class mix kept, no patient on both sides of a fold, other folds each repeat), too
few images are refused in plain words, the summary is computed from the folds' numbers, and a real
(tiny) run trains folds x repeats models on features computed once, saves its files and can be
stopped."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import numpy as np
import pytest

from tlstudio.core.config import HeadConfig, ModelConfig, RunConfig, SplitConfig, TrainConfig
from tlstudio.core.data.groups import ImageGroups
from tlstudio.core.data.records import ImageRecord
from tlstudio.core.errors import ConfigError
from tlstudio.core.studies.crossval import (
    CrossValResult,
    FoldScore,
    cross_validate,
    crossval_suggestion,
    load_crossval,
    make_folds,
)


def _records(per_class: dict[str, int], patients: int | None = None) -> list[ImageRecord]:
    """Fake images (no files needed for fold assignment); with ``patients``, the i-th image of
    every class belongs to patient ``p<i % patients>``."""
    records = []
    for label, (name, n) in enumerate(per_class.items()):
        for i in range(n):
            patient = f"p{i % patients:02d}_" if patients else ""
            records.append(ImageRecord(f"/data/{name}/{patient}{name}_{i:03d}.png", label, name, 64, 64, 100))
    return records


def _groups(records: list[ImageRecord]) -> ImageGroups:
    of = {r.path: Path(r.path).name.split("_")[0] for r in records}
    return ImageGroups(of=of, ungrouped=(), source="the file-name pattern ^(p\\d+)_")


def test_every_image_is_held_out_exactly_once_per_repeat_with_the_class_mix_kept():
    records = _records({"a": 23, "b": 11, "c": 6})
    labels = np.array([r.label for r in records])
    folds = make_folds(records, folds=5, repeats=3, seed=7, val_fraction=0.15)
    assert [(f.repeat, f.index) for f in folds] == [(r, i) for r in (1, 2, 3) for i in range(1, 6)]
    for repeat in (1, 2, 3):
        held = np.concatenate([f.test for f in folds if f.repeat == repeat])
        assert sorted(held.tolist()) == list(range(len(records)))  # each image exactly once
    for f in folds:
        # stratified: each class's share of a held-out part is within one image of n/5
        per_class = np.bincount(labels[f.test], minlength=3)
        assert all(abs(k - n / 5) < 1 for k, n in zip(per_class, (23, 11, 6))), per_class
        # the three parts never overlap and together make all images
        assert not set(f.train) & set(f.val) and not set(f.train) & set(f.test) and not set(f.val) & set(f.test)
        assert len(f.train) + len(f.val) + len(f.test) == len(records)
        # validation: val_fraction of each class's remaining images (at least one when it can)
        rest = np.concatenate([f.train, f.val])
        for c, n in enumerate((23, 11, 6)):
            left = int(np.sum(labels[rest] == c))
            assert int(np.sum(labels[f.val] == c)) == max(1, int(np.floor(left * 0.15 + 0.5)))
    # another repeat shuffles differently; the same seed gives the same folds
    first = [tuple(f.test) for f in folds if f.repeat == 1]
    second = [tuple(f.test) for f in folds if f.repeat == 2]
    assert set(first) != set(second)
    again = make_folds(records, folds=5, repeats=3, seed=7, val_fraction=0.15)
    assert all(np.array_equal(a.test, b.test) and np.array_equal(a.val, b.val) for a, b in zip(folds, again))


def test_grouped_images_never_straddle_a_fold():
    records = _records({"benign": 30, "malignant": 24}, patients=12)
    groups = _groups(records)
    patient = np.array([groups.key(r.path) for r in records])
    folds = make_folds(records, folds=4, repeats=2, seed=1, val_fraction=0.2, groups=groups)
    assert len(folds) == 8
    for repeat in (1, 2):
        held = np.concatenate([f.test for f in folds if f.repeat == repeat])
        assert sorted(held.tolist()) == list(range(len(records)))
    for f in folds:
        train, val, test = set(patient[f.train]), set(patient[f.val]), set(patient[f.test])
        assert not train & test and not val & test and not train & val, (f.repeat, f.index)
        assert val  # whole patients set aside for early stopping
    assert {tuple(f.test) for f in folds if f.repeat == 1} != {tuple(f.test) for f in folds if f.repeat == 2}
    with pytest.raises(ConfigError, match="only 12 groups.*fewer than the 13 folds"):
        make_folds(records, folds=13, repeats=1, seed=1, val_fraction=0.2, groups=groups)


def test_a_class_with_fewer_images_than_folds_is_refused_in_plain_words():
    records = _records({"NORMAL": 40, "rare": 3})
    with pytest.raises(ConfigError) as info:
        make_folds(records, folds=5, repeats=2, seed=0, val_fraction=0.15)
    assert "every class needs at least 5 images; 'rare' has 3" in info.value.message
    assert "Use 3 folds or fewer" in info.value.hint
    assert len(make_folds(records, folds=3, repeats=1, seed=0, val_fraction=0.15)) == 3


def test_the_check_suggests_cross_validation_below_30_images_per_class():
    assert crossval_suggestion({"a": 30, "b": 400}) is None
    text = crossval_suggestion({"a": 29, "b": 400, "c": 4})
    assert text is not None and "'a' (29), 'c' (4)" in text and "tlstudio crossval" in text


def _score(mode: str, repeat: int, fold: int, acc: float, recall=(0.5, None)) -> FoldScore:
    return FoldScore(mode, repeat, fold, 40, 8, 10, acc, acc - 0.05, acc - 0.1, recall, 0.9, 1.0)


def test_the_summary_and_reading_are_computed_from_the_folds():
    accs = [0.80, 0.90, 0.70, 0.85, 0.75]
    scores = [_score("transfer", 1, i + 1, a) for i, a in enumerate(accs)]
    scores += [_score("finetune", 1, i + 1, a + d, recall=(1.0, 0.25))
               for i, (a, d) in enumerate(zip(accs, [0.1, 0.0, 0.05, -0.05, 0.1]))]
    result = CrossValResult("data", "bb", ("a", "b"), ("transfer", "finetune"), 5, 1, 0, 50, scores=scores)
    s = result.metric("transfer", "accuracy")
    assert s.mean == pytest.approx(0.80) and s.std == pytest.approx(np.std(accs, ddof=1))
    assert s.std == pytest.approx(0.0790569, abs=1e-6)
    assert (s.low, s.high, s.folds) == (0.70, 0.90, 5)
    assert result.metric("transfer", "macro_f1").mean == pytest.approx(0.70)
    assert result.metric("transfer", "recall:b") is None  # no fold had an image of b
    assert result.metric("finetune", "recall:b").mean == pytest.approx(0.25)
    assert result.reading("transfer") == ("Transfer (frozen): accuracy 80% ± 8 points over 5 folds: a single split "
                                          "could have shown anything from 70% to 90%.")
    assert result.comparisons() == ["Fine-tuned against Transfer (frozen): +4.0 points on average, better in 3 of "
                                    "5 folds, worse in 1, tied in 1."]
    steady = CrossValResult("data", "bb", ("a", "b"), ("scratch",), 3, 1, 0, 30,
                            scores=[_score("scratch", 1, i + 1, a) for i, a in enumerate((0.60, 0.61, 0.59))])
    assert steady.reading("scratch").startswith("From scratch: accuracy 60% ± 1 point over 3 folds")
    again = CrossValResult.from_dict(json.loads(json.dumps(result.to_dict())))
    assert again.scores == result.scores and again.summary() == result.summary()


def _config(data: Path, **split) -> RunConfig:
    return RunConfig(
        data=str(data),
        split=SplitConfig(val_fraction=0.2, test_fraction=0.2, seed=3, **split),
        model=ModelConfig(backbone="efficientnet_lite0", mode="transfer", weights=None, image_size=64,
                          head=HeadConfig(pooling="avg", dense=(), dropout=0.0)),
        train=TrainConfig(epochs=2, batch_size=8, learning_rate=3e-3, seed=3),
    )


def test_a_tiny_cross_validation_trains_folds_times_repeats_models_on_features_computed_once(make_image_folder,
                                                                                              tmp_path):
    images = make_image_folder(tmp_path / "data", classes=("discs", "squares"), per_class=9, size=40,
                               layout="split", test_per_class=3)
    workspace = tmp_path / "ws"
    events = []
    result = cross_validate(_config(images), workspace, folds=3, repeats=2, modes=("transfer", "finetune"),
                            on_event=events.append)
    assert result.status == "finished" and result.n_images == 24 and result.classes == ("discs", "squares")
    assert len(result.scores) == 2 * 3 * 2
    assert {(s.mode, s.repeat, s.fold) for s in result.scores} == {
        (m, r, f) for m in ("transfer", "finetune") for r in (1, 2) for f in (1, 2, 3)}
    for s in result.scores:
        assert s.n_test == 8 and s.n_train + s.n_val == 16  # 24 images pooled from train/ and test/
        assert (s.accuracy * 8) == pytest.approx(round(s.accuracy * 8))  # tested on its 8 held-out images
        assert all(r is not None and 0 <= r <= 1 for r in s.recall)
    assert any("own train/ and test/ folders" in note for note in result.notes)
    # the backbone ran once over the 24 images (pooled outputs, and the fine-tune cut), not per fold
    meta = [json.loads(p.read_text()) for p in (workspace / "cache" / "features").glob("*.json")]
    assert len(meta) == 2 and all(m["images"] == 24 for m in meta)
    progress = [e for e in events if e.kind == "batch" and e.phase == "crossval"]
    assert [e.batch for e in progress] == list(range(1, 13)) and progress[-1].batches == 12
    assert progress[-1].eta_s == 0 and all(e.eta_s is not None for e in progress)

    folder = result.folder
    assert folder is not None and folder.parent == workspace / "crossval"
    for name in ("crossval.json", "crossval.csv", "crossval.png"):
        assert (folder / name).is_file(), name
    rows = list(csv.DictReader((folder / "crossval.csv").open()))
    assert len(rows) == 12 and {"recall_discs", "recall_squares", "macro_f1"} <= set(rows[0])
    loaded = load_crossval(folder)
    assert loaded.scores == result.scores and loaded.status == "finished"
    s = loaded.metric("transfer", "accuracy")
    accs = [x.accuracy for x in result.scores if x.mode == "transfer"]
    assert s.mean == pytest.approx(np.mean(accs)) and s.folds == 6
    assert "over 6 folds" in loaded.reading("transfer")
    assert not list(images.rglob("crossval*"))


def test_grouped_run_and_stop_keep_the_folds_finished(make_image_folder, tmp_path):
    images = make_image_folder(tmp_path / "data", classes=("discs", "squares"), per_class=8, size=40)
    for i, path in enumerate(sorted(images.rglob("*.jpg"))):
        path.rename(path.with_name(f"p{i % 6}_{path.name}"))
    done = []

    def on_event(event):
        if event.kind == "batch" and event.phase == "crossval":
            done.append(event.batch)

    result = cross_validate(_config(images, group_pattern=r"^(p\d)_"), tmp_path / "ws", folds=3, repeats=2,
                            on_event=on_event, should_stop=lambda: len(done) >= 2)
    assert result.status == "cancelled" and result.grouped
    assert len(result.scores) == 2 and result.modes == ("transfer",)
    saved = load_crossval(result.folder)
    assert saved.status == "cancelled" and len(saved.scores) == 2


def test_bad_settings_are_refused_before_any_work(make_image_folder, tmp_path):
    images = make_image_folder(tmp_path / "data", classes=("a", "b"), per_class=4, size=40)
    with pytest.raises(ConfigError, match="folds must be between 2 and 20"):
        cross_validate(_config(images), tmp_path / "ws", folds=1)
    with pytest.raises(ConfigError, match="transfer, finetune and scratch"):
        cross_validate(_config(images), tmp_path / "ws", modes=("magic",))
    with pytest.raises(ConfigError, match="needs at least 5 images; 'a' has 4, 'b' has 4"):
        cross_validate(_config(images), tmp_path / "ws", folds=5)
    assert not (tmp_path / "ws" / "crossval").exists()
