"""Predicting with a saved model: it loads back (safe mode) with its class names, predicts files
and folders in batches, turns an unreadable picture into an error row, and writes the CSV."""

from __future__ import annotations

import csv
import json

import numpy as np
import pytest
from PIL import Image

from tlstudio.core.errors import DatasetError, RunError
from tlstudio.core.evaluation.predict import (
    LoadedModel,
    Prediction,
    collect_images,
    load_classifier,
    predict_paths,
    write_predictions_csv,
)
from tlstudio.core.outputs.runs import RunFolder

CLASSES = ["cats", "dogs", "birds"]
SIZE = 32


def build_tiny_classifier(num_classes: int, size: int = SIZE):
    """A classifier with tlstudio's layout: image -> resize -> preprocess -> backbone ->
    head_pool -> head_dense_1 -> head_dropout_1 -> predictions."""
    import keras

    feats_in = keras.Input(shape=(size, size, 3))
    x = keras.layers.Conv2D(4, 3, padding="same", activation="relu")(feats_in)
    backbone = keras.Model(feats_in, keras.layers.MaxPooling2D()(x), name="backbone")
    image = keras.Input(shape=(None, None, 3), name="image")
    x = keras.layers.Resizing(size, size, name="resize")(image)
    x = keras.layers.Rescaling(1 / 255.0, name="preprocess")(x)
    x = keras.layers.GlobalAveragePooling2D(name="head_pool")(backbone(x))
    x = keras.layers.Dense(8, activation="relu", name="head_dense_1")(x)
    x = keras.layers.Dropout(0.2, name="head_dropout_1")(x)
    out = keras.layers.Dense(num_classes, activation="softmax", name="predictions")(x)
    return keras.Model(image, out, name="classifier")


@pytest.fixture(scope="module")
def saved_run(tmp_path_factory):
    import keras

    keras.utils.set_random_seed(0)
    model = build_tiny_classifier(len(CLASSES))
    run = RunFolder.create(tmp_path_factory.mktemp("ws"), {"data": "/images"}, name="tiny")
    run.save_model(model)
    run.write_classes(CLASSES)
    return run, model


def _write_images(folder, count, rng, size=40, ext=".png"):
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(count):
        path = folder / f"img_{i:02d}{ext}"
        Image.fromarray(rng.integers(0, 256, (size, size + 7, 3), dtype=np.uint8)).save(path)
        paths.append(str(path))
    return paths


def test_load_from_run_folder_or_file(saved_run):
    run, model = saved_run
    for where in (run.path, run.model_path, str(run.model_path)):
        loaded = load_classifier(where)
        assert loaded.class_names == tuple(CLASSES)
        assert loaded.image_size == SIZE
        assert loaded.path == run.model_path
        assert [l.name for l in loaded.model.layers] == [l.name for l in model.layers]


def test_predictions_match_the_model_and_round_trip(saved_run, tmp_path):
    from tlstudio.core.data.imageio import load_image

    run, model = saved_run
    loaded = load_classifier(run.path)
    rng = np.random.default_rng(1)
    paths = _write_images(tmp_path / "new", 7, rng)
    progress = []
    predictions = predict_paths(loaded, paths, batch_size=3, on_progress=lambda d, n: progress.append((d, n)))
    assert progress == [(3, 7), (6, 7), (7, 7)]
    assert [p.path for p in predictions] == paths
    expected = model.predict(np.stack([load_image(p, size=SIZE) for p in paths]).astype("float32"), verbose=0)
    for p, row in zip(predictions, expected):
        assert p.error is None
        assert list(p.probabilities) == CLASSES
        assert np.allclose([p.probabilities[c] for c in CLASSES], row, atol=1e-5)
        assert p.predicted == CLASSES[int(row.argmax())]
        assert p.confidence == pytest.approx(float(row.max()), abs=1e-5)
        assert sum(p.probabilities.values()) == pytest.approx(1.0, abs=1e-5)


def test_a_bad_image_gives_an_error_row_and_the_rest_still_predict(saved_run, tmp_path):
    loaded = load_classifier(saved_run[0].path)
    rng = np.random.default_rng(2)
    good = _write_images(tmp_path, 3, rng)
    corrupt = tmp_path / "broken.jpg"
    corrupt.write_bytes(b"\xff\xd8\xff\xe0 not really a jpeg")
    empty = tmp_path / "empty.png"
    empty.write_bytes(b"")
    order = [good[0], str(corrupt), good[1], str(empty), good[2]]
    predictions = predict_paths(loaded, order, batch_size=2)
    assert [p.path for p in predictions] == order
    bad = [p for p in predictions if p.error]
    assert [p.path for p in bad] == [str(corrupt), str(empty)]
    assert all(p.predicted == "" and p.probabilities == {} and p.confidence is None for p in bad)
    assert "not a readable picture" in bad[0].error
    assert all(p.predicted in CLASSES for p in predictions if not p.error)


def test_csv_columns_and_values(saved_run, tmp_path):
    predictions = [
        Prediction("a.jpg", "dogs", {"cats": 0.1, "dogs": 0.7, "birds": 0.2}),
        Prediction("b.jpg", "", {}, error="the file is not a readable picture or is damaged"),
    ]
    out = write_predictions_csv(predictions, CLASSES, tmp_path / "predictions.csv")
    with out.open(newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert list(rows[0]) == ["path", "predicted", "best_class", "confidence", "cats", "dogs", "birds", "error"]
    assert rows[0] == {"path": "a.jpg", "predicted": "dogs", "best_class": "dogs", "confidence": "0.700000",
                       "cats": "0.100000", "dogs": "0.700000", "birds": "0.200000", "error": ""}
    assert rows[1]["error"].startswith("the file is not") and rows[1]["predicted"] == rows[1]["cats"] == ""
    # A class named like a fixed column does not clash with it.
    out = write_predictions_csv(predictions[:1], ["error", "path"], tmp_path / "odd.csv")
    assert out.read_text().splitlines()[0] == "path,predicted,best_class,confidence,p_error,p_path,error"


def test_collect_images_recursive_sorted_and_skips_hidden(tmp_path):
    rng = np.random.default_rng(3)
    _write_images(tmp_path / "b", 2, rng, ext=".jpg")
    _write_images(tmp_path / "a" / "deep", 1, rng, ext=".PNG")
    _write_images(tmp_path / ".thumbs", 1, rng)
    (tmp_path / "a" / ".hidden.png").write_bytes(b"x")
    (tmp_path / "a" / "notes.txt").write_text("not an image")
    found = collect_images([tmp_path, tmp_path / "b" / "img_00.jpg"])
    names = [p.replace(str(tmp_path), "") for p in found]
    assert names == ["/a/deep/img_00.PNG", "/b/img_00.jpg", "/b/img_01.jpg"]
    with pytest.raises(DatasetError, match="does not exist"):
        collect_images([tmp_path / "missing"])


def test_missing_or_damaged_model_files_are_plain_words(saved_run, tmp_path):
    run, _ = saved_run
    with pytest.raises(RunError, match="no saved model"):
        load_classifier(tmp_path)
    with pytest.raises(RunError, match="does not exist"):
        load_classifier(tmp_path / "model.keras")

    broken = tmp_path / "broken"
    broken.mkdir()
    (broken / "model.keras").write_bytes(b"PK\x03\x04 this is not a keras archive")
    (broken / "classes.json").write_text(json.dumps({"classes": CLASSES}))
    with pytest.raises(RunError, match="damaged or was not saved by tlstudio") as info:
        load_classifier(broken)
    assert info.value.path == str(broken / "model.keras")

    no_classes = tmp_path / "no_classes"
    no_classes.mkdir()
    (no_classes / "model.keras").write_bytes(run.model_path.read_bytes())
    with pytest.raises(RunError, match="classes.json"):
        load_classifier(no_classes)
    (no_classes / "classes.json").write_text(json.dumps({"classes": ["cats", "dogs"]}))
    with pytest.raises(RunError, match="gives 3 outputs but .* names 2 classes"):
        load_classifier(no_classes)


def test_a_model_without_a_fixed_size_predicts_one_picture_at_a_time(tmp_path):
    import keras

    image = keras.Input(shape=(None, None, 3), name="image")
    pooled = keras.layers.GlobalAveragePooling2D()(image)
    model = keras.Model(image, keras.layers.Dense(2, activation="softmax", name="predictions")(pooled))
    loaded = LoadedModel(model=model, class_names=("a", "b"), image_size=None)
    rng = np.random.default_rng(4)
    paths = _write_images(tmp_path / "small", 1, rng, size=20) + _write_images(tmp_path / "big", 1, rng, size=50)
    predictions = predict_paths(loaded, paths, batch_size=8)
    assert [p.error for p in predictions] == [None, None]
