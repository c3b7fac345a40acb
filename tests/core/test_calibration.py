"""Calibration and abstention: ECE on numbers worked out by hand, temperature scaling fixing a
deliberately over-confident model, the coverage curve, the threshold saved with the model and
used by predict, and calibration.json written by a real (tiny) training run."""

from __future__ import annotations

import csv
import json
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from tlstudio.core.errors import ConfigError, RunError
from tlstudio.core.evaluation.calibration import (
    UNCERTAIN,
    Calibration,
    apply_temperature,
    calibrate,
    check_threshold,
    coverage_curve,
    expected_calibration_error,
    fit_temperature,
    format_report,
    reliability_bins,
)
from tlstudio.core.evaluation.calibration_files import (
    CALIBRATION_FILE,
    load_calibration,
    save_calibration,
    save_reliability_png,
    save_threshold,
)


def _softmax(z: np.ndarray) -> np.ndarray:
    e = np.exp(z - z.max(axis=1, keepdims=True))
    return e / e.sum(axis=1, keepdims=True)


def calibrated_logits(n: int, k: int = 3, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """Logits of a perfectly calibrated model: each label is drawn from the model's own
    probabilities, so "says p" means "right with probability p"."""
    rng = np.random.default_rng(seed)
    z = rng.normal(0.0, 1.5, (n, k))
    p = _softmax(z)
    labels = (rng.random(n)[:, None] > np.cumsum(p, axis=1)).sum(axis=1)
    return z, labels


# ----------------------------------------------------------------------------- measuring


def test_ece_and_reliability_bins_on_numbers_worked_out_by_hand():
    probs = np.array([[0.90, 0.10], [0.90, 0.10], [0.38, 0.62], [0.38, 0.62]])
    labels = np.array([0, 1, 1, 1])
    # 15 bins: 0.90 falls in bin 13 (one right of two: gap |0.90 - 0.5| = 0.40), 0.62 in bin 9
    # (both right: gap |0.62 - 1| = 0.38); each bin holds half the images.
    assert expected_calibration_error(probs, labels) == pytest.approx(0.5 * 0.40 + 0.5 * 0.38)
    bins = reliability_bins(probs, labels)
    assert len(bins) == 15 and sum(b.count for b in bins) == 4
    assert (bins[13].count, bins[13].confidence, bins[13].accuracy) == (2, pytest.approx(0.90), 0.5)
    assert (bins[9].count, bins[9].confidence, bins[9].accuracy) == (2, pytest.approx(0.62), 1.0)
    assert bins[13].low == pytest.approx(13 / 15) and bins[13].high == pytest.approx(14 / 15)
    assert all(b.confidence is None and b.accuracy is None for i, b in enumerate(bins) if i not in (9, 13))
    # One bin: |mean confidence 0.76 - accuracy 0.75|.
    assert expected_calibration_error(probs, labels, n_bins=1) == pytest.approx(0.01)
    # Perfect confidence, always right: no error.
    assert expected_calibration_error(np.eye(3), [0, 1, 2]) == 0.0


def test_temperature_scaling_fixes_a_deliberately_over_confident_model():
    z, labels = calibrated_logits(4000)
    over = 5.0 * z  # the same ranking, five times too sure of itself
    val, test = slice(0, 2000), slice(2000, None)
    assert expected_calibration_error(_softmax(z[test]), labels[test]) < 0.04  # calibrated to start with

    temperature = fit_temperature(over[val], labels[val], kind="logits")
    assert temperature > 1 and temperature == pytest.approx(5.0, rel=0.15)
    # From the model's softmax output instead of logits: the same temperature.
    assert fit_temperature(_softmax(over[val]), labels[val]) == pytest.approx(temperature, rel=1e-3)

    cal = calibrate(_softmax(over[val]), labels[val], _softmax(over[test]), labels[test])
    assert cal.temperature == pytest.approx(temperature, rel=1e-3)
    assert cal.ece_before > 0.15
    assert cal.ece_after < cal.ece_before and cal.ece_after < 0.05
    assert cal.val_nll_after < cal.val_nll_before
    assert cal.mean_confidence_before > cal.accuracy + 0.1
    assert abs(cal.mean_confidence_after - cal.accuracy) < 0.03
    assert "over-confident" in cal.reading() and f"{cal.ece_before:.1%}" in cal.reading()


def test_an_under_confident_model_gets_a_temperature_below_one():
    z, labels = calibrated_logits(3000, seed=1)
    temperature = fit_temperature(z[:1500] / 3.0, labels[:1500], kind="logits")
    assert temperature == pytest.approx(1 / 3, rel=0.15)


def test_scaling_keeps_every_predicted_class_so_accuracy_is_unchanged():
    z, labels = calibrated_logits(500, k=4, seed=2)
    probs = _softmax(4.0 * z)
    for temperature in (0.3, 1.0, 2.5, 12.0):
        scaled = apply_temperature(probs, temperature)
        np.testing.assert_allclose(scaled.sum(axis=1), 1.0, atol=1e-9)
        assert np.array_equal(scaled.argmax(axis=1), probs.argmax(axis=1))
    np.testing.assert_allclose(apply_temperature(probs, 1.0), probs, atol=1e-9)
    cal = calibrate(probs[:250], labels[:250], probs[250:], labels[250:])
    assert cal.accuracy == pytest.approx(float(np.mean(probs[250:].argmax(axis=1) == labels[250:])))
    with pytest.raises(ValueError, match="Received: temperature=0"):
        apply_temperature(probs, 0)


def test_a_few_all_correct_validation_images_do_not_make_the_model_arbitrarily_sure():
    # Nine validation images, all right at 60-90%: the likelihood alone would push T to 0.
    probs = np.array([[0.6, 0.3, 0.1], [0.7, 0.2, 0.1], [0.9, 0.05, 0.05]] * 3)
    temperature = fit_temperature(probs, [0] * 9)
    assert 0.5 < temperature < 1.0


# ----------------------------------------------------------------------------- abstention


def test_coverage_curve_starts_at_one_and_never_rises():
    probs = np.array([[0.95, 0.05], [0.85, 0.15], [0.30, 0.70], [0.45, 0.55], [0.52, 0.48]])
    labels = np.array([0, 1, 1, 1, 1])
    curve = coverage_curve(probs, labels)
    assert curve[0].threshold == 0.0 and curve[0].coverage == 1.0 and curve[0].accuracy == pytest.approx(3 / 5)
    coverages = [p.coverage for p in curve]
    assert all(a >= b for a, b in zip(coverages, coverages[1:]))
    by = {p.threshold: p for p in curve}
    # At 0.6 the 0.52 and 0.55 answers are withheld: 3 answered (0.95 right, 0.85 wrong, 0.70 right).
    assert (by[0.6].answered, by[0.6].uncertain, by[0.6].accuracy) == (3, 2, pytest.approx(2 / 3))
    assert (by[0.9].answered, by[0.9].accuracy) == (1, 1.0)
    assert by[1.0].coverage == 0.0 and by[1.0].accuracy is None


def test_threshold_must_be_between_zero_and_one():
    assert check_threshold(0) == 0.0 and check_threshold(1) == 1.0
    for bad in (-0.1, 1.5, "0.5", True, None):
        with pytest.raises(ConfigError, match="Received: threshold="):
            check_threshold(bad)


# ----------------------------------------------------------------------------- files


@pytest.fixture
def calibration() -> Calibration:
    z, labels = calibrated_logits(600, seed=3)
    probs = _softmax(3.0 * z)
    return calibrate(probs[:300], labels[:300], probs[300:], labels[300:])


def test_calibration_round_trips_through_json(calibration, tmp_path):
    save_calibration(calibration, tmp_path)
    doc = json.loads((tmp_path / CALIBRATION_FILE).read_text())
    assert doc["threshold"] == 0.0 and doc["temperature"] == pytest.approx(calibration.temperature)
    assert len(doc["coverage"]) == 101 and len(doc["bins_before"]) == 15 and len(doc["test_confidence"]) == 300
    loaded = load_calibration(tmp_path)
    assert loaded.temperature == calibration.temperature and loaded.ece_after == calibration.ece_after
    assert loaded.bins_before == calibration.bins_before and loaded.bins_after == calibration.bins_after
    assert loaded.coverage_at(0.8) == calibration.coverage_at(0.8)
    assert load_calibration(tmp_path / "model.keras").temperature == calibration.temperature  # beside a model file
    assert load_calibration(tmp_path / "elsewhere") is None


def test_a_saved_threshold_round_trips_and_updates_metrics(calibration, tmp_path):
    save_calibration(calibration, tmp_path)
    (tmp_path / "metrics.json").write_text(json.dumps({"accuracy": 0.8, "calibration": calibration.summary()}))
    saved = save_threshold(tmp_path, 0.8)
    assert saved.threshold == 0.8
    assert load_calibration(tmp_path).threshold == 0.8
    assert json.loads((tmp_path / "metrics.json").read_text())["calibration"]["threshold"] == 0.8
    point = calibration.coverage_at(0.8)
    assert 0 < point.answered < point.total
    assert f"answers {point.coverage:.0%} of the test images" in saved.reading()
    report = format_report(saved)
    assert "| 0.80 (saved) |" in report and f"{point.answered} of {point.total}" in report
    with pytest.raises(ConfigError):
        save_threshold(tmp_path, 2.0)
    assert load_calibration(tmp_path).threshold == 0.8  # a refused threshold changes nothing


def test_missing_or_damaged_calibration_is_plain_words(tmp_path):
    with pytest.raises(RunError, match="has no calibration"):
        save_threshold(tmp_path, 0.5)
    (tmp_path / CALIBRATION_FILE).write_text("{not json")
    with pytest.raises(RunError, match="damaged") as info:
        load_calibration(tmp_path)
    assert info.value.path == str(tmp_path / CALIBRATION_FILE)


def test_reliability_png_is_written(calibration, tmp_path):
    path = save_reliability_png(calibration.with_threshold(0.7), tmp_path / "reliability.png")
    assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert Image.open(path).size == (1000, 440)


# ----------------------------------------------------------------------------- predict


CLASSES = ["cats", "dogs", "birds"]


def _tiny_run(workspace: Path):
    import keras

    from tlstudio.core.outputs.runs import RunFolder

    keras.utils.set_random_seed(0)
    image = keras.Input(shape=(None, None, 3), name="image")
    x = keras.layers.Resizing(16, 16, name="resize")(image)
    x = keras.layers.Rescaling(1 / 64.0)(x)
    x = keras.layers.Flatten()(x)
    model = keras.Model(image, keras.layers.Dense(3, activation="softmax", name="predictions")(x))
    run = RunFolder.create(workspace, {"data": "/images"}, name="tiny")
    run.save_model(model)
    run.write_classes(CLASSES)
    return run, model


def _images(folder: Path, count: int) -> list[str]:
    rng = np.random.default_rng(5)
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(count):
        path = folder / f"img_{i:02d}.png"
        Image.fromarray(rng.integers(0, 256, (16, 16, 3), dtype=np.uint8)).save(path)
        paths.append(str(path))
    return paths


def test_predict_applies_the_temperature_and_answers_uncertain_below_the_threshold(calibration, tmp_path):
    from tlstudio.core.data.imageio import load_image
    from tlstudio.core.evaluation.predict import load_classifier, predict_paths, write_predictions_csv

    run, model = _tiny_run(tmp_path / "ws")
    paths = _images(tmp_path / "new", 12)
    raw = np.asarray(model.predict(np.stack([load_image(p, size=16) for p in paths]).astype("float32"), verbose=0))

    plain = load_classifier(run.path)
    assert (plain.temperature, plain.threshold) == (1.0, 0.0)  # no calibration.json: nothing changes
    assert not any(p.uncertain for p in predict_paths(plain, paths))

    expected = apply_temperature(raw, 2.0, kind="probs")
    confidence = expected.max(axis=1)
    threshold = float(np.median(confidence))
    save_calibration(replace(calibration, temperature=2.0, threshold=round(threshold, 6)), run.path)
    loaded = load_classifier(run.path)
    assert loaded.temperature == 2.0 and loaded.threshold == pytest.approx(threshold, abs=1e-6)
    predictions = predict_paths(loaded, paths, batch_size=5)
    for p, row in zip(predictions, expected):
        assert np.allclose([p.probabilities[c] for c in CLASSES], row, atol=1e-5)
        assert p.best == CLASSES[int(row.argmax())]
        assert p.uncertain == (row.max() < loaded.threshold)
        assert p.predicted == (UNCERTAIN if p.uncertain else p.best)
        assert p.confidence == pytest.approx(float(row.max()), abs=1e-5)
    assert 0 < sum(p.uncertain for p in predictions) < len(paths)

    # A threshold given for this prediction overrides the saved one.
    assert not any(p.uncertain for p in predict_paths(loaded, paths, threshold=0.0))
    assert all(p.uncertain for p in predict_paths(loaded, paths, threshold=1.0))
    with pytest.raises(ConfigError):
        predict_paths(loaded, paths, threshold=1.2)

    out = write_predictions_csv(predictions, CLASSES, tmp_path / "predictions.csv")
    rows = list(csv.DictReader(out.open(newline="", encoding="utf-8")))
    assert list(rows[0]) == ["path", "predicted", "best_class", "confidence", *CLASSES, "error"]
    for row, p in zip(rows, predictions):
        assert row["predicted"] == (UNCERTAIN if p.uncertain else p.best) and row["best_class"] == p.best
        assert float(row["confidence"]) == pytest.approx(p.confidence, abs=1e-6)


# ----------------------------------------------------------------------------- a real run


def test_a_training_run_writes_its_calibration(make_image_folder, tmp_path):
    from tlstudio.core.config import HeadConfig, ModelConfig, RunConfig, SplitConfig, TrainConfig
    from tlstudio.core.training.train import train

    data = make_image_folder(tmp_path / "data", classes=("circle", "square", "stripes"), per_class=15, size=48)
    config = RunConfig(
        data=str(data),
        split=SplitConfig(val_fraction=0.2, test_fraction=0.2, seed=3),
        model=ModelConfig(backbone="mobilenet_v2", mode="transfer", weights=None, image_size=32,
                          head=HeadConfig(pooling="avg", dense=(16,), dropout=0.0)),
        train=TrainConfig(epochs=2, batch_size=8, learning_rate=3e-3, patience=5, seed=3),
    )
    result = train(config, workspace=tmp_path / "ws")
    assert result.status == "finished"
    run = result.run_dir
    assert (run / CALIBRATION_FILE).is_file() and (run / "reliability.png").is_file()
    cal = load_calibration(run)
    assert (cal.val_count, cal.test_count, cal.threshold) == (9, 9, 0.0)
    assert sum(b.count for b in cal.bins_before) == 9 == sum(b.count for b in cal.bins_after)
    assert cal.accuracy == pytest.approx(result.evaluation.accuracy)  # scaling never changes an answer
    assert cal.coverage_at(0.0).coverage == 1.0
    metrics = json.loads((run / "metrics.json").read_text())
    assert metrics["calibration"] == pytest.approx(cal.summary())
    assert result.calibration == pytest.approx(cal.summary()) and result.to_dict()["calibration"] == result.calibration
    assert cal.temperature > 0 and 0.0 <= cal.ece_before <= 1.0 and 0.0 <= cal.ece_after <= 1.0
