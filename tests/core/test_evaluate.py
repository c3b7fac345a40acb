"""Test results a user reads: accuracy and its interval, the confusion matrix, per-class recall,
the most confident mistakes first, the pictures, and Grad-CAM pointing at the evidence."""

from __future__ import annotations

import json

import numpy as np
import pytest
from PIL import Image

from tlstudio.core.evaluation.metrics import (
    Evaluation,
    evaluate_predictions,
    grad_cam,
    overlay_heatmap,
    save_confusion_png,
    save_curves_png,
)

NAMES = ["cat", "dog"]


def _probs(predicted: list[int], confidence: list[float], k: int = 2) -> np.ndarray:
    """Rows that put ``confidence`` on ``predicted`` and share the rest equally."""
    rows = np.full((len(predicted), k), 0.0)
    for i, (p, c) in enumerate(zip(predicted, confidence)):
        rows[i] = (1 - c) / (k - 1)
        rows[i, p] = c
    return rows


def _eight_of_ten(n_repeat: int = 1) -> tuple[np.ndarray, np.ndarray, list[str]]:
    # cats 0..4 (one called dog), dogs 5..9 (one called cat)
    y = [0, 0, 0, 0, 0, 1, 1, 1, 1, 1]
    pred = [0, 0, 0, 0, 1, 1, 1, 1, 1, 0]
    conf = [0.9, 0.8, 0.7, 0.95, 0.6, 0.9, 0.85, 0.75, 0.8, 0.99]
    y_all, p_all = y * n_repeat, _probs(pred * n_repeat, conf * n_repeat)
    return np.array(y_all), p_all, [f"img{i}.jpg" for i in range(len(y_all))]


def _evaluate(n_repeat: int = 1, **kwargs) -> Evaluation:
    y, probs, paths = _eight_of_ten(n_repeat)
    return evaluate_predictions(y, probs, NAMES, paths, **kwargs)


def test_accuracy_confusion_and_per_class_on_a_hand_made_case():
    y, probs, paths = _eight_of_ten()
    ev = evaluate_predictions(y, probs, NAMES, paths)
    assert ev.accuracy == pytest.approx(0.8)
    assert ev.balanced_accuracy == pytest.approx(0.8)
    assert ev.confusion == ((4, 1), (1, 4))
    assert ev.confusion_normalized == ((0.8, 0.2), (0.2, 0.8))
    assert ev.n == 10
    cat, dog = ev.per_class
    assert (cat.name, cat.support, dog.support) == ("cat", 5, 5)
    assert cat.recall == pytest.approx(0.8) and cat.precision == pytest.approx(0.8) and cat.f1 == pytest.approx(0.8)
    low, high = ev.accuracy_ci
    assert 0.0 <= low <= 0.8 <= high <= 1.0 and high - low > 0.2  # ten images: a wide interval
    assert cat.recall_ci[0] <= 0.8 <= cat.recall_ci[1]
    # log loss by hand: mean of -log(probability of the true class)
    p_true = probs[np.arange(10), y]
    assert ev.loss == pytest.approx(float(np.mean(-np.log(p_true))))


def test_interval_shrinks_with_more_test_images_and_does_not_depend_on_a_seed():
    small = _evaluate(1)
    large = _evaluate(20)
    assert large.accuracy == pytest.approx(0.8)
    width = lambda ci: ci[1] - ci[0]  # noqa: E731
    assert width(large.accuracy_ci) < width(small.accuracy_ci) / 2
    assert large.accuracy_ci[0] <= 0.8 <= large.accuracy_ci[1]
    assert width(large.per_class[1].recall_ci) < width(small.per_class[1].recall_ci)
    again = _evaluate(20)
    assert again.accuracy_ci == large.accuracy_ci
    other_seed = _evaluate(20, seed=1)  # Wilson intervals are exact formulas, not resamples
    assert other_seed.accuracy_ci == large.accuracy_ci


def test_misclassified_most_confident_first():
    y = np.array([0, 1, 2, 0, 1, 2])
    probs = np.array([
        [0.2, 0.7, 0.1],  # wrong, 0.7 on class 1
        [0.1, 0.8, 0.1],  # right
        [0.95, 0.03, 0.02],  # wrong, 0.95 on class 0
        [0.3, 0.2, 0.5],  # wrong, 0.5 on class 2
        [0.05, 0.9, 0.05],  # right
        [0.1, 0.1, 0.8],  # right
    ])
    ev = evaluate_predictions(y, probs, ["a", "b", "c"], [f"f{i}" for i in range(6)])
    assert [m.path for m in ev.misclassified] == ["f2", "f0", "f3"]
    first = ev.misclassified[0]
    assert (first.true_index, first.predicted_index, first.confidence) == (2, 0, 0.95)
    assert first.probabilities == (0.95, 0.03, 0.02)


def test_class_without_test_images_and_one_hot_labels():
    y = np.eye(3)[[0, 0, 1, 1]]  # no image of class 2
    probs = _probs([0, 2, 1, 1], [0.9, 0.6, 0.8, 0.7], k=3)
    ev = evaluate_predictions(y, probs, ["a", "b", "c"], list("wxyz"))
    assert ev.confusion == ((1, 0, 1), (0, 2, 0), (0, 0, 0))
    assert ev.per_class[2].support == 0 and ev.per_class[2].recall == 0.0 and ev.per_class[2].recall_ci == (0.0, 0.0)
    assert ev.per_class[2].precision == 0.0
    assert ev.confusion_normalized[2] == (0.0, 0.0, 0.0)


def test_bad_inputs_say_what_was_received():
    y, probs, paths = _eight_of_ten()
    with pytest.raises(ValueError, match=r"Received: probs.shape=\(10, 3\)"):
        evaluate_predictions(y, np.ones((10, 3)) / 3, NAMES, paths)
    with pytest.raises(ValueError, match="len\\(paths\\)=9"):
        evaluate_predictions(y, probs, NAMES, paths[:9])
    with pytest.raises(ValueError, match="no test images"):
        evaluate_predictions([], np.zeros((0, 2)), NAMES, [])


def test_bootstrap_interval_brackets_the_accuracy_on_a_flowers_sized_test_set():
    rng = np.random.default_rng(0)
    y = rng.integers(0, 5, 1100)
    probs = rng.dirichlet(np.ones(5), 1100)
    evaluate_predictions(y[:20], probs[:20], list("abcde"), ["p"] * 20)  # import scikit-learn first
    ev = evaluate_predictions(y, probs, list("abcde"), [f"{i}.jpg" for i in range(1100)], n_boot=1000)
    assert ev.accuracy_ci[0] < ev.accuracy < ev.accuracy_ci[1]


def test_to_dict_is_json_and_round_trips():
    ev = _evaluate()
    data = json.loads(json.dumps(ev.to_dict(), allow_nan=False))
    assert data["confusion"] == [[4, 1], [1, 4]] and data["accuracy_ci"] == list(ev.accuracy_ci)
    assert data["per_class"][0]["name"] == "cat" and data["per_class"][0]["support"] == 5
    assert Evaluation.from_dict({**data, "mode": "transfer"}) == ev


# ----------------------------------------------------------------------------- pictures


def _decoded(path) -> np.ndarray:
    with Image.open(path) as img:
        img.load()
        return np.asarray(img)


def test_confusion_png_written_and_decodable(tmp_path):
    ev = _evaluate()
    path = save_confusion_png(ev, tmp_path / "confusion.png")
    normalized = save_confusion_png(ev, tmp_path / "confusion_normalized.png", normalized=True)
    pixels = _decoded(path)
    assert pixels.shape[0] > 100 and pixels.shape[1] > 100
    assert pixels[..., :3].std() > 10  # a drawing, not a blank canvas
    assert path.read_bytes() != normalized.read_bytes()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["confusion.png", "confusion_normalized.png"]


def test_curves_png_with_a_fine_tuning_phase_and_with_no_epoch(tmp_path):
    history = {"epoch": [1, 2, 3, 4], "phase": ["head", "head", "finetune", "finetune"],
               "loss": [1.0, 0.8, 0.6, 0.5], "accuracy": [0.5, 0.6, 0.7, 0.8],
               "val_loss": [1.1, 0.9, None, 0.7], "val_accuracy": [0.4, 0.55, None, 0.75]}
    assert _decoded(save_curves_png(history, tmp_path / "curves.png")).shape[1] > 300
    assert _decoded(save_curves_png({}, tmp_path / "empty.png")).size > 0


def test_plots_do_not_select_a_gui_backend(tmp_path):
    # In a fresh interpreter: other tests (or libraries they load) may import pyplot themselves.
    import subprocess
    import sys

    code = (
        "import sys, numpy as np\n"
        "from tlstudio.core.evaluation.metrics import evaluate_predictions, save_confusion_png, save_curves_png\n"
        "ev = evaluate_predictions([0, 1, 1], np.array([[.9, .1], [.2, .8], [.6, .4]]), ['a', 'b'], ['x', 'y', 'z'])\n"
        f"save_confusion_png(ev, {str(tmp_path / 'c.png')!r})\n"
        f"save_curves_png({{'epoch': [1], 'loss': [1.0]}}, {str(tmp_path / 'k.png')!r})\n"
        "print('pyplot' if 'matplotlib.pyplot' in sys.modules else 'clean')\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "clean"
    assert (tmp_path / "c.png").stat().st_size > 1000


def test_overlay_blends_colours_over_the_picture():
    image = np.full((20, 30, 3), 100, np.uint8)
    heat = np.zeros((10, 15), np.float32)
    heat[:5, :7] = 1.0
    out = overlay_heatmap(image, heat, alpha=0.5)
    assert out.dtype == np.uint8 and out.shape == image.shape
    assert not np.array_equal(out[0, 0], out[-1, -1])  # hot and cold corners differ
    assert np.array_equal(overlay_heatmap(image, heat, alpha=0.0), image)


# ----------------------------------------------------------------------------- Grad-CAM


def build_tiny_classifier(num_classes: int, size: int = 48):
    """A classifier with tlstudio's layout: image -> resize -> preprocess -> backbone ->
    head_pool -> head_dense_1 -> head_dropout_1 -> predictions."""
    import keras

    feats_in = keras.Input(shape=(size, size, 3))
    x = keras.layers.Conv2D(8, 3, padding="same", activation="relu")(feats_in)
    x = keras.layers.MaxPooling2D()(x)
    x = keras.layers.Conv2D(16, 3, padding="same", activation="relu")(x)
    x = keras.layers.MaxPooling2D()(x)
    backbone = keras.Model(feats_in, x, name="backbone")

    image = keras.Input(shape=(None, None, 3), name="image")
    x = keras.layers.Resizing(size, size, name="resize")(image)
    x = keras.layers.Rescaling(1 / 255.0, name="preprocess")(x)
    x = backbone(x)
    x = keras.layers.GlobalAveragePooling2D(name="head_pool")(x)
    x = keras.layers.Dense(16, activation="relu", name="head_dense_1")(x)
    x = keras.layers.Dropout(0.2, name="head_dropout_1")(x)
    out = keras.layers.Dense(num_classes, activation="softmax", name="predictions")(x)
    return keras.Model(image, out, name="classifier")


QUADRANTS = ("top-left", "top-right", "bottom-left", "bottom-right")


def square_image(rng: np.random.Generator, corner: str | None, size: int = 48) -> np.ndarray:
    """Dim noise; with ``corner``, a bright 12 px square in that corner (6 px from the edges)."""
    image = rng.normal(60, 15, (size, size, 3))
    if corner is not None:
        top = 6 if corner.startswith("top") else size - 18
        left = 6 if corner.endswith("left") else size - 18
        image[top:top + 12, left:left + 12] = rng.normal(235, 10, (12, 12, 3))
    return np.clip(image, 0, 255).astype(np.uint8)


@pytest.fixture(scope="module")
def square_model():
    """Class 1 ("square") has a bright square in one of the corners; class 0 ("plain") none."""
    import keras

    keras.utils.set_random_seed(0)
    rng = np.random.default_rng(0)
    labels = np.arange(240) % 2
    images = np.stack([square_image(rng, QUADRANTS[i // 2 % 4] if label else None) for i, label in enumerate(labels)])
    model = build_tiny_classifier(2)
    model.compile(optimizer=keras.optimizers.Adam(3e-3), loss="sparse_categorical_crossentropy", metrics=["accuracy"])
    model.fit(images.astype("float32"), labels, epochs=6, batch_size=16, verbose=0)
    return model


def test_grad_cam_peaks_where_the_square_is(square_model):
    rng = np.random.default_rng(123)
    for corner in QUADRANTS:
        image = square_image(rng, corner)
        probs = square_model.predict(image[None].astype("float32"), verbose=0)[0]
        assert probs.argmax() == 1, f"the tiny model did not learn the square ({corner}): {probs}"
        heat = grad_cam(square_model, image)
        assert heat.shape == (48, 48) and heat.dtype == np.float32
        assert heat.min() >= 0.0 and heat.max() == pytest.approx(1.0)
        row, col = np.unravel_index(int(np.argmax(heat)), heat.shape)
        found = ("top" if row < 24 else "bottom") + "-" + ("left" if col < 24 else "right")
        assert found == corner


def test_grad_cam_upsamples_to_the_picture_and_takes_a_class(square_model):
    image = np.asarray(Image.fromarray(square_image(np.random.default_rng(5), "top-left")).resize((80, 64)))
    heat = grad_cam(square_model, image, class_index=1)
    assert heat.shape == (64, 80)
    assert heat[:32, :40].mean() > heat[32:, 40:].mean()
    overlay = overlay_heatmap(image, heat)
    assert overlay.shape == (64, 80, 3) and overlay.dtype == np.uint8
    with pytest.raises(ValueError, match="class_index must be between 0 and 1"):
        grad_cam(square_model, image, class_index=2)


def test_grad_cam_refuses_a_backbone_without_a_feature_map():
    import keras

    inner_in = keras.Input(shape=(32, 32, 3))
    backbone = keras.Model(inner_in, keras.layers.GlobalAveragePooling2D()(inner_in), name="backbone")
    image = keras.Input(shape=(None, None, 3), name="image")
    x = keras.layers.Resizing(32, 32, name="resize")(image)
    x = keras.layers.Rescaling(1 / 255.0, name="preprocess")(x)
    out = keras.layers.Dense(2, activation="softmax", name="predictions")(backbone(x))
    model = keras.Model(image, out, name="classifier")
    with pytest.raises(ValueError, match="feature map"):
        grad_cam(model, np.zeros((32, 32, 3), np.uint8))
    plain = keras.Sequential([keras.Input((8, 8, 3)), keras.layers.Flatten(), keras.layers.Dense(2)])
    with pytest.raises(ValueError, match="no layer named 'resize'"):
        grad_cam(plain, np.zeros((8, 8, 3), np.uint8))
