"""Export a finished run's model for use outside tlstudio, each export checked after writing.

``export_run(run_dir, formats) -> ExportResult`` writes into ``<workspace>/exports/<stamp>-<run
name>/`` (or a folder of the user's, never inside the image folder):

* ``keras``: ``model.keras``, the run's own model: raw pixels of any size in, resizing and the
  backbone's preprocessing inside.
* ``savedmodel``: ``savedmodel/``, a TensorFlow SavedModel (``serve`` / ``serving_default``).
* ``tflite``: ``model.tflite``, TensorFlow Lite in float32.
* ``tflite_int8``: ``model_int8.tflite``, TensorFlow Lite quantised to 8-bit integers with a
  representative set of the run's own training images (:data:`REPRESENTATIVE_IMAGES` at most).
  Full-integer (every operation on int8, float32 input and output; integer where possible when
  an operation has no int8 version). When that rounding moves the probabilities beyond the
  limit, dynamic-range quantisation (int8 weights, float computations) replaces it. The model
  card says which.
* ``onnx``: ``model.onnx``, tf2onnx on the frozen graph (the ``export`` extra).

The four formats other than ``keras`` have a fixed input: a float32 batch ``(N, S, S, 3)`` of
raw RGB pixels in 0..255 at the run's image size ``S`` (TensorFlow Lite: ``(1, S, S, 3)``, one
picture per call, resizable). The output is the model's softmax probabilities, *before* the
calibration temperature (see ``calibration.json`` beside it).

Beside the models: ``labels.txt`` (one class per line, in output order), ``model_card.md`` (data,
split, results, intended use and limits, in plain words), ``calibration.json`` when the run has
one, and ``verification.json``. Each model is reloaded with its own runtime (Keras in safe mode,
``tf.saved_model.load``, the TensorFlow Lite interpreter, ONNX Runtime) and its probabilities on
:data:`VERIFY_IMAGES` of the run's test images (:data:`VERIFY_IMAGES_INT8` for the 8-bit model,
whose rounding errors vary more from picture to picture) are compared with the in-app model's
(:func:`core.evaluation.predict.load_classifier`); :data:`TOLERANCES` says how close they must be. Everything
is written into a hidden temporary folder that is renamed at the end, so a failed conversion or
verification leaves no export that looks complete.
"""

from __future__ import annotations

import os
import shutil
import uuid
import warnings
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Mapping, Sequence, Union

import numpy as np

from tlstudio.core.errors import ConfigError, ExportError, RunError, TlStudioError
from tlstudio.core.outputs.workspace import write_error

if TYPE_CHECKING:
    import keras

PathLike = Union[str, "os.PathLike[str]"]
#: ``on_progress(done, total, message)``: after each step (a format written, a format checked).
ProgressHandler = Callable[[int, int, str], None]
StopFlag = Callable[[], bool]
#: ``runtime(path, images) -> probabilities``: runs an export on float32 pixel batches.
Runtime = Callable[[Path, np.ndarray], np.ndarray]

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
#: Test images each export is checked on.
VERIFY_IMAGES = 8
#: The 8-bit model is checked on more: on 200 chest X-rays its full-integer version was within 0.12
#: of the in-app model on a given 8 but 0.52 apart on the worst picture.
VERIFY_IMAGES_INT8 = 32
#: Training images the 8-bit quantisation measures value ranges on.
REPRESENTATIVE_IMAGES = 100
LABELS_FILE = "labels.txt"
CARD_FILE = "model_card.md"
VERIFICATION_FILE = "verification.json"


@dataclass(frozen=True)
class Tolerance:
    """How close an export must stay to the in-app model on the check images.

    ``max_diff``: the largest allowed difference of any class probability on any image.
    ``min_agreement``: the share of images on which the most probable class must be the same,
    counting only images the in-app model does not call a near tie (its two best classes more
    than ``tie_margin`` apart): on a near tie any rounding may swap them.
    """

    max_diff: float
    min_agreement: float
    tie_margin: float

    def to_dict(self) -> dict[str, float]:
        return dict(self.__dict__)


#: Float formats compute the same function in another runtime: differences are rounding
#: (measured ~1e-7), so they must agree on every image that is not a tie within twice the limit.
#: 8-bit integers round every activation to 1/256 of its range: ~1e-3 on the tiny test runs,
#: a few hundredths on real backbones; 0.15 and 7 of 8 answers catch a broken quantisation
#: (wrong ranges give differences of 0.3 and more) without failing an honest one.
TOLERANCES: dict[str, Tolerance] = {
    "keras": Tolerance(max_diff=1e-5, min_agreement=1.0, tie_margin=2e-5),
    "savedmodel": Tolerance(max_diff=1e-4, min_agreement=1.0, tie_margin=2e-4),
    "tflite": Tolerance(max_diff=1e-3, min_agreement=1.0, tie_margin=2e-3),
    "onnx": Tolerance(max_diff=1e-4, min_agreement=1.0, tie_margin=2e-4),
    "tflite_int8": Tolerance(max_diff=0.15, min_agreement=7 / 8, tie_margin=0.05),
}


@dataclass(frozen=True)
class Verification:
    """An export's probabilities against the in-app model's on ``images`` test pictures."""

    format: str
    images: int
    max_abs_diff: float
    agreement: int  # images whose most probable class is the same
    decisive: int  # images the in-app model does not call a near tie
    decisive_agreement: int
    tolerance: Tolerance
    passed: bool

    def describe(self) -> str:
        """``"8 of 8 answers the same, largest probability difference 1.2e-07 (limit 1e-04)"``."""
        ties = self.images - self.decisive
        tie_text = f", {ties} near tie{'s' if ties != 1 else ''} not counted" if ties else ""
        return (f"{self.agreement} of {self.images} answers the same{tie_text}, largest probability difference "
                f"{self.max_abs_diff:.1e} (limit {self.tolerance.max_diff:.2g})")

    def to_dict(self) -> dict[str, Any]:
        return {"format": self.format, "images": self.images, "max_abs_diff": self.max_abs_diff,
                "top1_agreement": self.agreement, "decisive_images": self.decisive,
                "decisive_agreement": self.decisive_agreement, "tolerance": self.tolerance.to_dict(),
                "passed": self.passed}


@dataclass(frozen=True)
class ExportedFile:
    """One written and checked export."""

    format: str
    path: Path
    size_bytes: int
    verification: Verification
    note: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {"format": self.format, "name": FORMAT_NAMES[self.format], "path": str(self.path),
                "size_bytes": self.size_bytes, "note": self.note, "verification": self.verification.to_dict()}


@dataclass(frozen=True)
class ExportResult:
    """What :func:`export_run` wrote. ``status`` is ``"finished"`` or ``"cancelled"`` (then
    ``folder`` is None: nothing is left behind)."""

    run_dir: Path
    folder: Path | None
    files: tuple[ExportedFile, ...]
    status: str = "finished"
    image_size: int = 0
    verification_images: tuple[str, ...] = field(default=(), repr=False)

    def file(self, fmt: str) -> ExportedFile | None:
        return next((f for f in self.files if f.format == fmt), None)

    def summary(self) -> str:
        """One line per export: ``"ONNX: 8 of 8 answers the same, ..."``."""
        return "\n".join(f"{FORMAT_NAMES[f.format]}: {f.verification.describe()}" for f in self.files)

    def to_dict(self) -> dict[str, Any]:
        folder = self.folder
        return {"status": self.status, "run": str(self.run_dir), "folder": None if folder is None else str(folder),
                "image_size": self.image_size,
                "labels": None if folder is None else str(folder / LABELS_FILE),
                "model_card": None if folder is None else str(folder / CARD_FILE),
                "verification": None if folder is None else str(folder / VERIFICATION_FILE),
                "files": [f.to_dict() for f in self.files]}


# ----------------------------------------------------------------------------- arguments


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


# ----------------------------------------------------------------------------- runtimes


def _run_keras(path: Path, images: np.ndarray) -> np.ndarray:
    import keras

    from tlstudio.core.evaluation.predict import register_custom_layers

    register_custom_layers()
    model = keras.saving.load_model(path, safe_mode=True, compile=False)
    return np.asarray(model.predict_on_batch(images), dtype=np.float64)


def _run_savedmodel(path: Path, images: np.ndarray) -> np.ndarray:
    import tensorflow as tf

    loaded = tf.saved_model.load(str(path))
    return np.asarray(loaded.serve(tf.constant(images)), dtype=np.float64)


def _interpreter(path: Path) -> Any:
    """The TensorFlow Lite interpreter: LiteRT's when installed, else TensorFlow's (deprecated
    there, still working in TensorFlow 2.21)."""
    try:
        from ai_edge_litert.interpreter import Interpreter
    except ImportError:
        import tensorflow as tf

        Interpreter = tf.lite.Interpreter
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return Interpreter(model_path=str(path))


def _run_tflite(path: Path, images: np.ndarray) -> np.ndarray:
    interpreter = _interpreter(path)
    interpreter.allocate_tensors()
    source, target = interpreter.get_input_details()[0], interpreter.get_output_details()[0]
    rows = []
    for image in images:
        interpreter.set_tensor(source["index"], image[None].astype(source["dtype"]))
        interpreter.invoke()
        rows.append(np.asarray(interpreter.get_tensor(target["index"])[0], dtype=np.float64))
    return np.stack(rows)


def _run_onnx(path: Path, images: np.ndarray) -> np.ndarray:
    try:
        import onnxruntime
    except ImportError as exc:
        raise ExportError("The ONNX file was written but cannot be checked: ONNX Runtime (the onnxruntime "
                          "package) is not installed.", hint='Install the export extra: pip install "tlstudio[export]".',
                          path=str(path), details=str(exc)) from exc
    session = onnxruntime.InferenceSession(str(path), providers=["CPUExecutionProvider"])
    name = session.get_inputs()[0].name
    return np.asarray(session.run(None, {name: images})[0], dtype=np.float64)


#: The runtime each format is reloaded with for its check (tests replace entries).
RUNTIMES: dict[str, Runtime] = {
    "keras": _run_keras, "savedmodel": _run_savedmodel, "tflite": _run_tflite, "tflite_int8": _run_tflite,
    "onnx": _run_onnx,
}


def verify(fmt: str, reference: np.ndarray, probs: np.ndarray) -> Verification:
    """Compare an export's probabilities with the in-app model's (same images, same order)."""
    tolerance = TOLERANCES[fmt]
    reference = np.asarray(reference, dtype=np.float64)
    probs = np.asarray(probs, dtype=np.float64)
    if probs.shape != reference.shape:
        return Verification(fmt, len(reference), float("inf"), 0, len(reference), 0, tolerance, False)
    diff = float(np.abs(probs - reference).max()) if probs.size else 0.0
    same = probs.argmax(axis=1) == reference.argmax(axis=1)
    top2 = np.sort(reference, axis=1)[:, -2:]
    decisive = (top2[:, 1] - top2[:, 0]) > tolerance.tie_margin
    n_decisive = int(decisive.sum())
    agree_decisive = int((same & decisive).sum())
    passed = (np.isfinite(diff) and diff <= tolerance.max_diff
              and agree_decisive >= tolerance.min_agreement * n_decisive - 1e-9)
    return Verification(fmt, len(reference), diff, int(same.sum()), n_decisive, agree_decisive, tolerance,
                        bool(passed))


# ----------------------------------------------------------------------------- writers


def _input_spec(size: int) -> list:
    import keras

    return [keras.InputSpec(shape=(None, size, size, 3), dtype="float32")]


def _write_keras(model_path: Path, target: Path) -> str:
    shutil.copyfile(model_path, target)
    return "raw RGB pixels of any size (0-255); resizing and preprocessing are inside the model"


def _write_savedmodel(model: "keras.Model", target: Path, size: int) -> str:
    model.export(str(target), format="tf_saved_model", input_signature=_input_spec(size), verbose=False)
    return f"float32 (N, {size}, {size}, 3), raw RGB 0-255; signature 'serving_default' (or .serve)"


def _write_tflite(saved_model: Path, target: Path, size: int, representative: np.ndarray | None, *,
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


def _write_onnx(model: "keras.Model", target: Path, size: int, backbone: str) -> str:
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


# ----------------------------------------------------------------------------- the run's pictures


def _read_images(paths: Sequence[str], size: int, limit: int) -> tuple[list[str], np.ndarray]:
    """Up to ``limit`` of ``paths`` that can still be read, at ``size`` x ``size``."""
    from tlstudio.core.data.imageio import load_image

    used, pixels = [], []
    for path in paths:
        if len(used) >= limit:
            break
        try:
            pixels.append(load_image(path, size=size))
        except (OSError, ValueError, SyntaxError, TlStudioError):
            continue  # moved or damaged since the run: another picture will do
        used.append(path)
    array = np.stack(pixels).astype(np.float32) if pixels else np.zeros((0, size, size, 3), np.float32)
    return used, array


def _split_paths(split: Mapping[str, Any], part: str) -> list[str]:
    rows = split.get(part) if isinstance(split.get(part), list) else []
    return [str(r["path"]) for r in rows if isinstance(r, dict) and "path" in r]


def _spread(paths: list[str], n: int) -> list[str]:
    """Every k-th path so that ``n`` of them span the list (classes are stored one after another)."""
    if len(paths) <= n:
        return paths
    step = len(paths) / n
    order = [paths[int(i * step)] for i in range(n)]
    return order + [p for p in paths if p not in set(order)]


# ----------------------------------------------------------------------------- the export


def _target_folder(run_dir: Path, out_dir: PathLike | None, name: str, data_root: str | None) -> Path:
    from tlstudio.core.outputs.workspace import default_workspace, slugify

    if out_dir is not None:
        target = Path(out_dir).expanduser()
        if target.exists() and (not target.is_dir() or any(target.iterdir())):
            raise ExportError(f"The export folder {target} already exists and is not empty.",
                              hint="Choose a new folder name; tlstudio never mixes an export with other files.",
                              path=str(target))
    else:
        workspace = run_dir.parent.parent if run_dir.parent.name == "runs" else default_workspace()
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        base = workspace / "exports" / f"{stamp}-{slugify(name)}"
        target = base
        for attempt in range(2, 10_000):
            if not target.exists():
                break
            target = base.with_name(f"{base.name}-{attempt}")
    if data_root:
        a = os.path.normcase(os.path.realpath(target))
        b = os.path.normcase(os.path.realpath(data_root)).rstrip(os.sep)
        if a == b or a.startswith(b + os.sep):
            raise ExportError(f"The export folder {target} is inside the image folder {data_root}; tlstudio never "
                              "writes into the images' folder.", hint="Choose a folder outside the image folder.",
                              path=str(target))
    return target


def export_run(run_dir: PathLike, formats: str | Sequence[str], out_dir: PathLike | None = None, *,
               on_progress: ProgressHandler | None = None, should_stop: StopFlag | None = None) -> ExportResult:
    """Export the model of the finished run in ``run_dir`` in each of ``formats`` and check
    every export against the in-app model (see the module docstring).

    ``out_dir`` is the export folder itself (new or empty); by default a new
    ``<workspace>/exports/<stamp>-<run name>/``. ``should_stop()`` is polled between steps;
    when it says stop nothing is left and the result's status is ``"cancelled"``. Raises
    :class:`ExportError` (nothing left behind) when a converter fails or an export does not
    give the in-app model's answers within :data:`TOLERANCES`, :class:`RunError` for a run
    without a model or test results.
    """
    from tlstudio.core.evaluation.predict import load_classifier
    from tlstudio.core.outputs.runs import load_run

    chosen = parse_formats(formats)
    run = load_run(run_dir)
    if not run.metrics or run.model_path is None:
        raise RunError(f"The run in {run.path} has no finished model to export (status: "
                       f"{run.status.get('status', 'unknown')}).", hint="Export a finished run.", path=str(run.path))
    loaded = load_classifier(run.path)
    model_cfg = run.config.get("model") if isinstance(run.config.get("model"), dict) else {}
    size = int(loaded.image_size or model_cfg.get("image_size") or 0)
    if size < 1:
        raise RunError(f"The model in {run.path} does not say what image size it works at.",
                       hint="Export a run trained with tlstudio.", path=str(run.path))
    split = _split(run.path)
    wanted = VERIFY_IMAGES_INT8 if "tflite_int8" in chosen else VERIFY_IMAGES
    check_paths, check_images = _read_images(_spread(_split_paths(split, "test"), wanted)
                                             + _split_paths(split, "val") + _split_paths(split, "train"),
                                             size, wanted)
    if not len(check_images):
        raise ExportError(f"None of the run's images can be read any more (the image folder "
                          f"{run.config.get('data')} has moved or gone), so the exports cannot be checked.",
                          hint="Put the image folder back where it was and export again.",
                          path=str(run.config.get("data")))
    reference = np.concatenate([np.asarray(loaded.model.predict_on_batch(check_images[i:i + VERIFY_IMAGES]),
                                           dtype=np.float64) for i in range(0, len(check_images), VERIFY_IMAGES)])

    name = str(run.status.get("name") or run.config.get("name") or run.path.name)
    if name == run.path.name or not name:
        name = run.path.name.split("-", 2)[-1] if run.path.name.count("-") >= 2 else run.path.name
    final = _target_folder(run.path, out_dir, name, run.config.get("data"))
    staging = final.parent / f".{final.name}.{uuid.uuid4().hex[:8]}.partial"  # hidden until complete
    try:
        staging.mkdir(parents=True)
    except OSError as exc:
        raise write_error(final, exc, what="create the export folder") from exc
    stop = should_stop or (lambda: False)
    steps = 2 * len(chosen) + 1
    done = 0

    def progress(message: str) -> None:
        nonlocal done
        done += 1
        if on_progress is not None:
            on_progress(done, steps, message)

    files: list[ExportedFile] = []
    try:
        for fmt in chosen:
            if stop():
                raise _Cancelled
            files.append(_export_format(fmt, loaded.model, run, staging, final, size, split, reference,
                                        check_images, progress))
            progress(f"Checked {FORMAT_NAMES[fmt]}: {files[-1].verification.describe()}")
        shutil.rmtree(staging / _WORKDIR, ignore_errors=True)
        result = ExportResult(run_dir=run.path, folder=final, files=tuple(files), image_size=size,
                              verification_images=tuple(check_paths))
        _write_beside(staging, run, loaded.class_names, result, split)
        if stop():
            raise _Cancelled
        if final.exists():  # an empty folder the user chose
            final.rmdir()
        os.rename(staging, final)
        progress(f"Export saved in {final}")
        return result
    except _Cancelled:
        shutil.rmtree(staging, ignore_errors=True)
        return ExportResult(run_dir=run.path, folder=None, files=(), status="cancelled", image_size=size)
    except OSError as exc:
        shutil.rmtree(staging, ignore_errors=True)
        raise write_error(final, exc, what="write the export") from exc
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise


#: A folder inside the temporary export folder for what is needed only while exporting.
_WORKDIR = ".work"


def _export_format(fmt: str, model: "keras.Model", run: Any, staging: Path, final: Path, size: int,
                   split: Mapping[str, Any], reference: np.ndarray, images: np.ndarray,
                   progress: Callable[[str], None]) -> ExportedFile:
    """Write one format into ``staging``, run it again and compare it with ``reference``.
    The 8-bit model falls back from full-integer to dynamic-range quantisation when the first
    is outside its limit; any other failed check is an ExportError."""
    target = staging / FILE_NAMES[fmt]
    saved_model = staging / FILE_NAMES["savedmodel"]
    if not saved_model.exists():
        saved_model = staging / _WORKDIR / "savedmodel"
    try:
        note = _write(fmt, model, run, target, size, split, saved_model)
    except TlStudioError:
        raise
    except Exception as exc:  # TensorFlow's and the converters' many kinds
        raise ExportError(f"Writing the {FORMAT_NAMES[fmt]} export failed: {type(exc).__name__}: {str(exc)[:300]}",
                          hint="The other formats may still work; try them alone.",
                          details=f"{type(exc).__name__}: {exc}") from exc
    progress(f"Wrote {FORMAT_NAMES[fmt]}")
    n = len(images) if fmt == "tflite_int8" else VERIFY_IMAGES
    check = verify(fmt, reference[:n], _run(fmt, target, images[:n]))
    if not check.passed and fmt == "tflite_int8":
        # Full-integer rounding of every activation can be too coarse for a network (measured on 200
        # chest X-rays with EfficientNet-Lite0: up to 0.52 apart, 95.5% same answers); keeping the
        # activations in float is far closer (0.11, 98.5%) at the same file size.
        first = check
        note = _write_tflite(saved_model, target, size, None, dynamic_range=True)
        note += (f" (full-integer quantisation was tried first: its probabilities differed by up to "
                 f"{first.max_abs_diff:.2f} from the in-app model's, beyond the limit {first.tolerance.max_diff:g})")
        check = verify(fmt, reference[:n], _run(fmt, target, images[:n]))
    if not check.passed:
        raise ExportError(f"The {FORMAT_NAMES[fmt]} export does not give the in-app model's answers: "
                          f"{check.describe()}. It was not kept.",
                          hint="Export the other formats; the in-app model itself is unchanged.",
                          details=str(check.to_dict()))
    return ExportedFile(fmt, final / FILE_NAMES[fmt], _size(target), check, note)


def _write_beside(staging: Path, run: Any, class_names: Sequence[str], result: ExportResult,
                  split: Mapping[str, Any]) -> None:
    """labels.txt, calibration.json (when the run has one), verification.json, model_card.md."""
    from tlstudio.core.outputs.workspace import atomic_write_json

    _write_text(staging / LABELS_FILE, "".join(f"{c}\n" for c in class_names))
    calibration = run.path / "calibration.json"
    if calibration.is_file():
        shutil.copyfile(calibration, staging / "calibration.json")
    atomic_write_json(staging / VERIFICATION_FILE, {
        "run": str(run.path), "image_size": result.image_size, "images": list(result.verification_images),
        "images_per_format": {f.format: f.verification.images for f in result.files},
        "reference": "the in-app model (model.keras loaded by tlstudio), probabilities before calibration",
        "exports": {f.format: {"file": FILE_NAMES[f.format], **f.verification.to_dict()} for f in result.files}})
    _write_text(staging / CARD_FILE, model_card(run, class_names, result, split))


def _run(fmt: str, target: Path, images: np.ndarray) -> np.ndarray:
    """The export's probabilities on ``images``; a file its runtime cannot run is an ExportError."""
    try:
        return RUNTIMES[fmt](target, images)
    except TlStudioError:
        raise
    except Exception as exc:  # each runtime has its own errors
        raise ExportError(f"The {FORMAT_NAMES[fmt]} export was written but could not be run again to check it: "
                          f"{type(exc).__name__}: {str(exc)[:300]}. It was not kept.",
                          hint="Export the other formats; the in-app model itself is unchanged.",
                          details=f"{type(exc).__name__}: {exc}") from exc


class _Cancelled(Exception):
    """Stop was asked for between two steps."""


def _write(fmt: str, model: "keras.Model", run: Any, target: Path, size: int, split: Mapping[str, Any],
           saved_model: Path) -> str:
    """Write ``fmt`` to ``target``; returns its input and how it was made, in words."""
    if fmt == "keras":
        return _write_keras(run.model_path, target)
    if fmt == "savedmodel":
        return _write_savedmodel(model, target, size)
    if fmt == "onnx":
        model_cfg = run.config.get("model") if isinstance(run.config.get("model"), dict) else {}
        return _write_onnx(model, target, size, str(model_cfg.get("backbone", "this")))
    if not saved_model.exists():  # TensorFlow Lite converts from a SavedModel: make one aside
        saved_model.parent.mkdir(exist_ok=True)
        _write_savedmodel(model, saved_model, size)
    representative = None
    if fmt == "tflite_int8":
        _, representative = _read_images(_spread(_split_paths(split, "train"), REPRESENTATIVE_IMAGES), size,
                                         REPRESENTATIVE_IMAGES)
        if not len(representative):
            raise ExportError("The 8-bit TensorFlow Lite export needs the run's training images to measure value "
                              f"ranges, and none of them can be read any more (the image folder "
                              f"{run.config.get('data')} has moved or gone).",
                              hint="Put the image folder back where it was, or export the float formats.",
                              path=str(run.config.get("data")))
    return _write_tflite(saved_model, target, size, representative)


def _split(run_dir: Path) -> dict[str, Any]:
    import json

    path = run_dir / "split.json"
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise RunError(f"The split file {path} is missing or damaged; the exports cannot be checked on the run's "
                       "test images.", hint="Export a complete run.", path=str(path), details=str(exc)) from exc
    return data if isinstance(data, dict) else {}


def _size(path: Path) -> int:
    if path.is_dir():
        return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())
    return path.stat().st_size


def _write_text(path: Path, text: str) -> None:
    path.write_text(text, encoding="utf-8")


# ----------------------------------------------------------------------------- the model card


def _pct(value: Any) -> str:
    return f"{float(value):.1%}" if isinstance(value, (int, float)) else "not measured"


def _own_test_folder(data: Any, split: Mapping[str, Any]) -> bool:
    """True when every test image lies in the image folder's own ``test/`` folder."""
    paths = _split_paths(split, "test")
    if not data or not paths:
        return False
    folder = os.path.join(os.path.normcase(os.path.realpath(str(data))), "test") + os.sep
    return all(os.path.normcase(os.path.realpath(p)).startswith(folder) for p in paths)


def model_card(run: Any, class_names: Sequence[str], result: ExportResult, split: Mapping[str, Any]) -> str:
    """The model card: what the model was trained on, how well it did, how to feed it, and
    what it must not be used for, in plain words (Markdown)."""
    cfg, metrics = run.config, run.metrics
    model = cfg.get("model") if isinstance(cfg.get("model"), dict) else {}
    split_cfg = cfg.get("split") if isinstance(cfg.get("split"), dict) else {}
    counts = split.get("counts") if isinstance(split.get("counts"), dict) else {}
    n_test = int(metrics.get("n") or sum((counts.get("test") or {}).values()) or 0)
    ci = metrics.get("accuracy_ci") or [None, None]
    size = result.image_size
    lines = [f"# Model card: {run.path.name}", "",
             "An image classifier trained with tlstudio. **Not a medical device.** It was tested on "
             f"{n_test} images from one source (the folder below); it has not been validated on pictures from other "
             "places, devices or people. Use it to help sort or to study pictures, with a person checking its answers, "
             "never to decide alone.", "",
             "## Data", "",
             f"- Image folder: `{cfg.get('data')}`",
             f"- Classes (output order, as in `{LABELS_FILE}`): {', '.join(class_names)}",
             f"- Split: seed {split.get('seed', split_cfg.get('seed'))}, validation fraction "
             f"{split_cfg.get('val_fraction')}, "
             + ("test images: the folder's own `test/` folder" if _own_test_folder(cfg.get("data"), split)
                else f"test fraction {split_cfg.get('test_fraction')}")
             + (", grouped (no group in two splits)" if split_cfg.get("groups_csv") or split_cfg.get("group_pattern") else ""),
             "", "| class | train | validation | test |", "|---|---:|---:|---:|"]
    for c in class_names:
        lines.append(f"| {c} | {(counts.get('train') or {}).get(c, 0)} | {(counts.get('val') or {}).get(c, 0)} | "
                     f"{(counts.get('test') or {}).get(c, 0)} |")
    lines.append(f"| total | {sum((counts.get('train') or {}).values())} | {sum((counts.get('val') or {}).values())} | "
                 f"{sum((counts.get('test') or {}).values())} |")
    cutoff = model.get("cutoff") or metrics.get("cutoff")
    lines += ["", "## Model", "",
              f"- Backbone: {model.get('backbone')}; training: {model.get('mode')}"
              + (f" from the layer {cutoff}" if cutoff else "") + f"; weights: {model.get('weights') or 'random'}",
              f"- Image size: {size} x {size} pixels", "",
              "## Results on the test images", "",
              f"- Test accuracy: **{_pct(metrics.get('accuracy'))}** (95% interval {_pct(ci[0])} to {_pct(ci[1])}) "
              f"on {n_test} images never used in training",
              f"- Balanced accuracy (mean of the per-class recalls): {_pct(metrics.get('balanced_accuracy'))}",
              "", "| class | recall (found) | 95% interval | test images |", "|---|---:|---|---:|"]
    for c in metrics.get("per_class") or []:
        rci = c.get("recall_ci") or [None, None]
        lines.append(f"| {c.get('name')} | {_pct(c.get('recall'))} | {_pct(rci[0])} – {_pct(rci[1])} | "
                     f"{c.get('support')} |")
    cal = metrics.get("calibration") if isinstance(metrics.get("calibration"), dict) else None
    lines += ["", "## Confidence and calibration", ""]
    if cal:
        threshold = float(cal.get("threshold") or 0.0)
        lines += [f"- Temperature {float(cal['temperature']):.3f}: the exported models give the probabilities *before* "
                  "it. To get the app's calibrated probabilities, divide the logarithm of each probability by the "
                  "temperature and normalise them again (softmax). `calibration.json` holds it.",
                  f"- Expected calibration error on the test images: {_pct(cal.get('ece_before'))} before, "
                  f"{_pct(cal.get('ece_after'))} after scaling.",
                  f"- 'Uncertain' threshold: {threshold:.2f}" + (
                      " (below this calibrated confidence the app answers 'uncertain' and leaves the picture to a "
                      "person)" if threshold > 0 else " (none set: the app always answers)")]
    else:
        lines.append("- This run has no calibration: the probabilities are the model's own, not checked against how "
                     "often it is right.")
    lines += ["", "## Files and how to feed them", "",
              f"- `{LABELS_FILE}`: one class name per line, in the order of the model's outputs.",
              "- Every model outputs one probability per class (they add up to 1).",
              f"- Input: raw RGB pixels 0–255 as float32, **not** normalised (the model does that itself). The "
              f"SavedModel, TensorFlow Lite and ONNX files take pictures already resized to {size} x {size}; "
              "`model.keras` takes any size.", ""]
    for f in result.files:
        lines.append(f"- `{FILE_NAMES[f.format]}` ({FORMAT_NAMES[f.format]}): {f.note}.")
    lines += ["", "## Check after export", "",
              "Each file was loaded again with its own runtime and run on some of the run's images (test images "
              "first; the first images listed in `verification.json`); its probabilities were compared with tlstudio's model (details in "
              f"`{VERIFICATION_FILE}`).", "", "| file | same answer | largest probability difference | limit |",
              "|---|---:|---:|---:|"]
    for f in result.files:
        v = f.verification
        lines.append(f"| `{FILE_NAMES[f.format]}` | {v.agreement} of {v.images} | {v.max_abs_diff:.1e} | "
                     f"{v.tolerance.max_diff:.2g} |")
    lines += ["", "## Intended use", "",
              f"Sorting or pre-screening pictures like the training ones (same kind of picture, same source) into: "
              f"{', '.join(class_names)}; for research and teaching, with a person reviewing every answer.", "",
              "## Limits", "",
              "- Not a medical device and not approved for diagnosis or treatment decisions.",
              f"- Tested on {n_test} images from one source; accuracy on pictures from another hospital, camera or "
              "population may be much lower. The 95% interval above shows how uncertain even this figure is.",
              "- It only knows the classes above: a picture of anything else still gets one of them.",
              "- A picture unlike the training ones (other device, lighting, resolution, cropping) can get a confident "
              "wrong answer."]
    if result.file("tflite_int8") is not None:
        lines.append("- The 8-bit TensorFlow Lite model rounds its numbers: its probabilities differ slightly from the "
                     "other files' (see the check above).")
    return "\n".join(lines) + "\n"
