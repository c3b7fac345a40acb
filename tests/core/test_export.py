"""Exports of a tiny real run (a from-scratch CNN at 40 px, 1 epoch, on 3 x 15 generated images):
every format written beside labels.txt, the model card, calibration.json and verification.json;
each export reloaded here with its own runtime and compared with the in-app model; a broken
export refused with nothing left behind; a stop leaves nothing."""

from __future__ import annotations

import json
import warnings
from pathlib import Path
from typing import Any

import numpy as np
import pytest

pytest.importorskip("tensorflow")

from tests.conftest import write_class_images  # noqa: E402
from tlstudio.core.errors import ConfigError, ExportError, RunError  # noqa: E402
from tlstudio.core.outputs import export_checks  # noqa: E402
from tlstudio.core.outputs.export import export_run  # noqa: E402
from tlstudio.core.outputs.export_checks import TOLERANCES, verify  # noqa: E402
from tlstudio.core.outputs.export_formats import FILE_NAMES, FORMATS, parse_formats  # noqa: E402

HAS_ONNX = all(__import__("importlib").util.find_spec(m) for m in ("onnx", "tf2onnx", "onnxruntime"))


@pytest.fixture(scope="module")
def run_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from tlstudio.core.config import HeadConfig, ModelConfig, RunConfig, SplitConfig, TrainConfig
    from tlstudio.core.training.train import train

    root = tmp_path_factory.mktemp("export")
    rng = np.random.default_rng(0)
    for i, name in enumerate(("circle", "square", "stripes")):
        write_class_images(root / "data" / name, i, 15, 48, rng, ext=".png")
    config = RunConfig(
        data=str(root / "data"), name="shapes",
        split=SplitConfig(val_fraction=0.2, test_fraction=0.2, seed=3),
        model=ModelConfig(backbone="scratch_cnn", mode="scratch", weights=None, image_size=40,
                          head=HeadConfig(pooling="flatten", dense=(16,), dropout=0.0)),
        train=TrainConfig(epochs=1, batch_size=8, learning_rate=3e-3, patience=5, seed=3),
    )
    result = train(config, workspace=root / "ws")
    assert result.status == "finished"
    return result.run_dir


def _pixels(paths: list[str], size: int) -> np.ndarray:
    from tlstudio.core.data.imageio import load_image

    return np.stack([load_image(p, size=size) for p in paths]).astype(np.float32)


def _reload_and_predict(fmt: str, path: Path, images: np.ndarray) -> np.ndarray:
    """Each export run with its own runtime, written here independently of core.outputs.export."""
    if fmt == "keras":
        import keras

        import tlstudio.core.models.backbones  # noqa: F401  (registers the safe custom layers)

        return np.asarray(keras.saving.load_model(path, safe_mode=True, compile=False).predict(images, verbose=0))
    if fmt == "savedmodel":
        import tensorflow as tf

        signature = tf.saved_model.load(str(path)).signatures["serving_default"]
        return np.asarray(next(iter(signature(tf.constant(images)).values())))
    if fmt in ("tflite", "tflite_int8"):
        import tensorflow as tf

        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # deprecated for LiteRT's, still the one TensorFlow 2.21 ships
            interpreter = tf.lite.Interpreter(model_path=str(path))
        source = interpreter.get_input_details()[0]
        interpreter.resize_tensor_input(source["index"], list(images.shape))
        interpreter.allocate_tensors()
        interpreter.set_tensor(source["index"], images)
        interpreter.invoke()
        return np.asarray(interpreter.get_tensor(interpreter.get_output_details()[0]["index"]))
    import onnxruntime

    session = onnxruntime.InferenceSession(str(path), providers=["CPUExecutionProvider"])
    return np.asarray(session.run(None, {session.get_inputs()[0].name: images})[0])


@pytest.mark.skipif(not HAS_ONNX, reason="the export extra (tf2onnx, onnx, onnxruntime) is not installed")
def test_every_format_is_written_checked_and_gives_the_in_app_answers(run_dir: Path) -> None:
    from tlstudio.core.evaluation.predict import load_classifier
    from tlstudio.core.outputs.runs import load_run

    steps: list[tuple[int, int, str]] = []
    result = export_run(run_dir, "all", on_progress=lambda d, n, m: steps.append((d, n, m)))
    folder = result.folder
    assert result.status == "finished" and folder is not None
    assert folder.parent == run_dir.parent.parent / "exports" and folder.name.endswith("-shapes")
    assert [f.format for f in result.files] == list(FORMATS)
    assert steps[-1][:2] == (11, 11) and [d for d, _, _ in steps] == list(range(1, 12))
    assert not [p for p in folder.parent.iterdir() if p.name.startswith(".")]  # no temporary folder left
    for fmt in FORMATS:
        assert (folder / FILE_NAMES[fmt]).exists(), fmt
    assert (folder / "savedmodel" / "saved_model.pb").is_file()
    assert not (folder / ".work").exists()

    run = load_run(run_dir)
    assert (folder / "labels.txt").read_text().splitlines() == run.classes == ["circle", "square", "stripes"]
    assert json.loads((folder / "calibration.json").read_text()) == json.loads((run_dir / "calibration.json").read_text())

    card = (folder / "model_card.md").read_text()
    accuracy = run.metrics["accuracy"]
    low, high = run.metrics["accuracy_ci"]
    from tlstudio.core.evaluation.metrics import MIN_FOR_INTERVAL, TOO_FEW

    shown = f"{low:.1%} to {high:.1%}" if run.metrics["n"] >= MIN_FOR_INTERVAL else TOO_FEW
    assert f"Test accuracy: **{accuracy:.1%}** (95% interval {shown})" in card
    assert f"Balanced accuracy (mean of the per-class recalls): {run.metrics['balanced_accuracy']:.1%}" in card
    split = json.loads((run_dir / "split.json").read_text())
    for name in run.classes:
        c = split["counts"]
        assert f"| {name} | {c['train'][name]} | {c['val'][name]} | {c['test'][name]} |" in card
    assert "Not a medical device" in card and f"tested on {run.metrics['n']} images from one source" in card
    assert "seed 3, validation fraction 0.2, test fraction 0.2" in card
    assert "Backbone: scratch_cnn; training: scratch" in card and "40 x 40" in card
    assert f"Temperature {run.metrics['calibration']['temperature']:.3f}" in card
    assert "full-integer quantisation" in card or "integer quantisation where possible" in card
    for name in ("Intended use", "Limits", "raw RGB pixels 0–255"):
        assert name in card

    checks = json.loads((folder / "verification.json").read_text())
    assert checks["image_size"] == 40 and len(checks["images"]) == 32  # the 8-bit model's check needs 32
    assert checks["images"][:9] == sorted(checks["images"][:9], key=lambda p: "/" + p.split("/")[-2])  # test first
    for fmt in FORMATS:
        figures = checks["exports"][fmt]
        n = 32 if fmt == "tflite_int8" else 8
        assert figures["passed"] and figures["images"] == checks["images_per_format"][fmt] == n
        assert figures["max_abs_diff"] <= TOLERANCES[fmt].max_diff
        assert figures["top1_agreement"] >= n * 7 / 8

    # Recomputed here, not taken from verification.json: each export against the in-app model.
    loaded = load_classifier(run_dir)
    images = _pixels(checks["images"], 40)
    reference = np.asarray(loaded.model.predict_on_batch(images))
    for fmt in FORMATS:
        probs = _reload_and_predict(fmt, folder / FILE_NAMES[fmt], images)
        assert probs.shape == reference.shape, fmt
        diff = float(np.abs(probs - reference).max())
        agree = int((probs.argmax(1) == reference.argmax(1)).sum())
        if fmt == "tflite_int8":
            assert diff <= 0.15 and agree >= 28, (fmt, diff, agree)
        else:
            assert diff <= 1e-4 and agree == 32, (fmt, diff, agree)
    # The keras export still takes raw pictures of any size, like the run's model.
    odd = np.random.default_rng(1).uniform(0, 255, (2, 57, 91, 3)).astype(np.float32)
    np.testing.assert_allclose(_reload_and_predict("keras", folder / "model.keras", odd),
                               loaded.model.predict_on_batch(odd), atol=1e-6)


def test_an_export_that_gives_other_answers_is_refused_and_nothing_is_left(run_dir: Path, tmp_path: Path,
                                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    import keras

    def other_weights(path: Path, images: np.ndarray) -> np.ndarray:
        model = keras.saving.load_model(path, safe_mode=True, compile=False)
        model.set_weights([w + np.random.default_rng(0).normal(0, 0.5, w.shape) for w in model.get_weights()])
        return np.asarray(model.predict_on_batch(images))

    monkeypatch.setitem(export_checks.RUNTIMES, "keras", other_weights)
    target = tmp_path / "out" / "my export"
    with pytest.raises(ExportError) as caught:
        export_run(run_dir, ["keras"], target)
    message = str(caught.value)
    assert "Keras (.keras) export does not give the in-app model's answers" in message
    assert "largest probability difference" in message and "It was not kept." in message
    assert caught.value.exit_code == 6
    assert not target.exists()
    assert list((tmp_path / "out").iterdir()) == []  # no half export, no temporary folder


def test_int8_falls_back_to_dynamic_range_when_full_integer_is_too_coarse(run_dir: Path, tmp_path: Path,
                                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[int] = []

    def coarse_first(path: Path, images: np.ndarray) -> np.ndarray:
        calls.append(len(calls))
        probs = export_checks.run_tflite(path, images)
        return np.roll(probs, 1, axis=1) if len(calls) == 1 else probs  # the full-integer model "misbehaves"

    monkeypatch.setitem(export_checks.RUNTIMES, "tflite_int8", coarse_first)
    result = export_run(run_dir, "tflite_int8", tmp_path / "int8")
    assert len(calls) == 2 and result.file("tflite_int8").verification.passed
    card = (tmp_path / "int8" / "model_card.md").read_text()
    assert "dynamic-range quantisation (weights in int8, computations in float)" in card
    assert "full-integer quantisation was tried first" in card


def test_stop_leaves_nothing_and_bad_requests_are_plain(run_dir: Path, tmp_path: Path) -> None:
    calls = iter(range(100))
    result = export_run(run_dir, "keras,savedmodel", tmp_path / "stopped", should_stop=lambda: next(calls) >= 2)
    assert result.status == "cancelled" and result.folder is None and result.files == ()
    assert not (tmp_path / "stopped").exists() and list(tmp_path.iterdir()) == []

    with pytest.raises(ConfigError, match="Received: formats='keras,pdf'"):
        parse_formats("keras,pdf")
    assert parse_formats("onnx, keras,onnx") == ("keras", "onnx")
    busy = tmp_path / "busy"
    (busy / "something").mkdir(parents=True)
    with pytest.raises(ExportError, match="already exists and is not empty"):
        export_run(run_dir, "keras", busy)
    data = json.loads((run_dir / "config.json").read_text())["data"]
    with pytest.raises(ExportError, match="inside the image folder"):
        export_run(run_dir, "keras", Path(data) / "exports")
    with pytest.raises(RunError, match="does not exist"):
        export_run(tmp_path / "nowhere", "keras")


def test_verify_counts_near_ties_apart() -> None:
    reference = np.array([[0.7, 0.2, 0.1], [0.34, 0.33, 0.33], [0.1, 0.1, 0.8]])
    close = reference + np.array([[-0.05, 0.05, 0], [-0.02, 0.02, 0], [0, 0, 0]])
    check = verify("tflite_int8", reference, close)
    assert check.passed and check.decisive == 2 and check.agreement == 2 and check.max_abs_diff == pytest.approx(0.05)
    assert not verify("tflite", reference, close).passed  # 0.05 is far beyond float rounding
    assert not verify("onnx", reference, reference[:, :2]).passed


def test_onnx_without_its_converter_says_what_is_missing(run_dir: Path, tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    import builtins

    real_import = builtins.__import__

    def no_tf2onnx(name: str, *args: Any, **kwargs: Any) -> Any:
        if name == "tf2onnx":
            raise ModuleNotFoundError("No module named 'tf2onnx'", name="tf2onnx")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_tf2onnx)
    with pytest.raises(ExportError) as caught:
        export_run(run_dir, "onnx", tmp_path / "onnx")
    assert "ONNX export needs the tf2onnx and onnx packages" in caught.value.message
    assert "tlstudio[export]" in caught.value.hint
    assert not (tmp_path / "onnx").exists() and list(tmp_path.iterdir()) == []
