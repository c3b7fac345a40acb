"""The export formats and their writers: the names the app and the command line show, the
files each one writes, and how each is made from the run's model (a copy of ``model.keras``, a
SavedModel, TensorFlow Lite in float32 or 8-bit integers, ONNX through tf2onnx)."""

from __future__ import annotations

import shutil
import warnings
from pathlib import Path
from typing import TYPE_CHECKING, Any, Mapping, Sequence

import numpy as np

from tlstudio.core.errors import ConfigError, ExportError
from tlstudio.core.outputs.export_images import read_images, split_paths, spread

if TYPE_CHECKING:
    import keras

FORMATS: tuple[str, ...] = ("keras", "savedmodel", "tflite", "tflite_int8", "onnx")
#: The formats the app ticks by default: every one whose probabilities match the in-app model's.
FLOAT_FORMATS: tuple[str, ...] = ("keras", "savedmodel", "tflite", "onnx")
FORMAT_NAMES: dict[str, str] = {
    "keras": "Keras (.keras)", "savedmodel": "TensorFlow SavedModel", "tflite": "TensorFlow Lite (float32)",
    "tflite_int8": "TensorFlow Lite (8-bit integer)", "onnx": "ONNX",
}
FILE_NAMES: dict[str, str] = {
    "keras": "model.keras", "savedmodel": "savedmodel", "tflite": "model.tflite",
    "tflite_int8": "model_int8.tflite", "onnx": "model.onnx",
}
#: Training images the 8-bit quantisation measures value ranges on.
REPRESENTATIVE_IMAGES = 100
LABELS_FILE = "labels.txt"
CARD_FILE = "model_card.md"
VERIFICATION_FILE = "verification.json"


def parse_formats(formats: str | Sequence[str]) -> tuple[str, ...]:
    """``"keras,onnx"`` or ``["keras", "onnx"]`` -> ``("keras", "onnx")`` in :data:`FORMATS`
    order, without duplicates; ``"all"`` is every format. Unknown names are a ConfigError."""
    items = formats.split(",") if isinstance(formats, str) else list(formats)
    names = {str(f).strip().lower().replace("-", "_") for f in items if str(f).strip()}
    if "all" in names:
        names = set(FORMATS)
    unknown = sorted(names - set(FORMATS))
    if unknown or not names:
        raise ConfigError(f"Export formats are {', '.join(FORMATS)} (or all). Received: formats={formats!r}")
    return tuple(f for f in FORMATS if f in names)


# ----------------------------------------------------------------------------- writers


def _input_spec(size: int) -> list:
    import keras

    return [keras.InputSpec(shape=(None, size, size, 3), dtype="float32")]


def write_keras(model_path: Path, target: Path) -> str:
    """Copy the run's own ``model.keras``; returns its input, in words."""
    shutil.copyfile(model_path, target)
    return "raw RGB pixels of any size (0-255); resizing and preprocessing are inside the model"


def write_savedmodel(model: "keras.Model", target: Path, size: int) -> str:
    """Export ``model`` as a SavedModel with a fixed float32 input; returns its input, in words."""
    model.export(str(target), format="tf_saved_model", input_signature=_input_spec(size), verbose=False)
    return f"float32 (N, {size}, {size}, 3), raw RGB 0-255; signature 'serving_default' (or .serve)"


def write_tflite(saved_model: Path, target: Path, size: int, representative: np.ndarray | None, *,
                  dynamic_range: bool = False) -> str:
    """Convert the SavedModel to TensorFlow Lite. With ``representative``: full-integer
    quantisation (integer where possible when an operation has no int8 version), value ranges
    measured on those images. With ``dynamic_range``: weights stored in int8, activations
    computed in float. Returns what was done, in words."""
    import tensorflow as tf

    def convert(ops: list | None) -> bytes:
        converter = tf.lite.TFLiteConverter.from_saved_model(str(saved_model))
        if representative is not None or dynamic_range:
            converter.optimizations = [tf.lite.Optimize.DEFAULT]
        if representative is not None and not dynamic_range:
            converter.representative_dataset = lambda: ([representative[i:i + 1]] for i in range(len(representative)))
            if ops is not None:
                converter.target_spec.supported_ops = ops
        return converter.convert()

    note = f"float32 (1, {size}, {size}, 3), raw RGB 0-255"
    if dynamic_range:
        data = convert(None)
        note += "; dynamic-range quantisation (weights in int8, computations in float)"
    elif representative is None:
        data = convert(None)
    else:
        try:
            data = convert([tf.lite.OpsSet.TFLITE_BUILTINS_INT8])
            note += (f"; full-integer quantisation (every operation in int8, float32 input and output), value "
                     f"ranges measured on {len(representative)} training images")
        except Exception:  # an operation without an int8 kernel: keep it in float
            data = convert([tf.lite.OpsSet.TFLITE_BUILTINS_INT8, tf.lite.OpsSet.TFLITE_BUILTINS])
            note += (f"; integer quantisation where possible, float for operations without an int8 version, "
                     f"value ranges measured on {len(representative)} training images")
    target.write_bytes(data)
    return note


#: The ONNX operator set written (ONNX Runtime 1.14 and later read it).
ONNX_OPSET = 17


def write_onnx(model: "keras.Model", target: Path, size: int, backbone: str) -> str:
    """Convert with tf2onnx from the model's frozen graph (weights and the preprocessing's
    constants folded in). Keras's own ``export(format="onnx")`` leaves the mean and variance of
    a Normalization layer (EfficientNet-B0, ResNet50, VGG16 preprocessing) as extra inputs of
    the ONNX file, which then cannot run on pictures alone."""
    try:
        import onnx  # noqa: F401
        import tf2onnx
    except ImportError as exc:
        raise ExportError(
            f"ONNX export needs the tf2onnx and onnx packages, which are not installed ({exc.name} is missing).",
            hint='Install the export extra: pip install "tlstudio[export]" (tf2onnx, onnx, onnxruntime).',
            details=str(exc)) from exc
    import tensorflow as tf
    from tensorflow.python.framework.convert_to_constants import convert_variables_to_constants_v2

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            spec = tf.TensorSpec((None, size, size, 3), tf.float32, name="image")
            function = tf.function(lambda image: model(image, training=False)).get_concrete_function(spec)
            frozen = convert_variables_to_constants_v2(function)
            tf2onnx.convert.from_graph_def(frozen.graph.as_graph_def(), input_names=[t.name for t in frozen.inputs],
                                           output_names=[t.name for t in frozen.outputs], opset=ONNX_OPSET,
                                           output_path=str(target))
    except Exception as exc:  # the converter's own errors, many kinds
        raise ExportError(f"The ONNX converter (tf2onnx {_version('tf2onnx')}) could not convert the {backbone} "
                          f"network: {type(exc).__name__}: {str(exc)[:300]}",
                          hint="Use the SavedModel or TensorFlow Lite export for this network instead.",
                          details=f"{type(exc).__name__}: {exc}") from exc
    return f"float32 (N, {size}, {size}, 3), raw RGB 0-255, input 'image'; ONNX opset {ONNX_OPSET} (tf2onnx " \
           f"{_version('tf2onnx')})"


def _version(package: str) -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(package)
    except PackageNotFoundError:
        return "not installed"


def write_format(fmt: str, model: "keras.Model", run: Any, target: Path, size: int, split: Mapping[str, Any],
           saved_model: Path) -> str:
    """Write ``fmt`` to ``target``; returns its input and how it was made, in words."""
    if fmt == "keras":
        return write_keras(run.model_path, target)
    if fmt == "savedmodel":
        return write_savedmodel(model, target, size)
    if fmt == "onnx":
        model_cfg = run.config.get("model") if isinstance(run.config.get("model"), dict) else {}
        return write_onnx(model, target, size, str(model_cfg.get("backbone", "this")))
    if not saved_model.exists():  # TensorFlow Lite converts from a SavedModel: make one aside
        saved_model.parent.mkdir(exist_ok=True)
        write_savedmodel(model, saved_model, size)
    representative = None
    if fmt == "tflite_int8":
        _, representative = read_images(spread(split_paths(split, "train"), REPRESENTATIVE_IMAGES), size,
                                         REPRESENTATIVE_IMAGES)
        if not len(representative):
            raise ExportError("The 8-bit TensorFlow Lite export needs the run's training images to measure value "
                              f"ranges, and none of them can be read any more (the image folder "
                              f"{run.config.get('data')} has moved or gone).",
                              hint="Put the image folder back where it was, or export the float formats.",
                              path=str(run.config.get("data")))
    return write_tflite(saved_model, target, size, representative)
