"""How an export is checked: each format reloaded with its own runtime (Keras in safe mode,
``tf.saved_model.load``, the TensorFlow Lite interpreter, ONNX Runtime) and its probabilities on
some of the run's test images compared with the in-app model's, within :data:`TOLERANCES`."""

from __future__ import annotations

import warnings
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

import numpy as np

from tlstudio.core.errors import ExportError, TlStudioError
from tlstudio.core.outputs.export_formats import FORMAT_NAMES

#: ``runtime(path, images) -> probabilities``: runs an export on float32 pixel batches.
Runtime = Callable[[Path, np.ndarray], np.ndarray]

#: Test images each export is checked on.
VERIFY_IMAGES = 8
#: The 8-bit model is checked on more: on 200 chest X-rays its full-integer version was within 0.12
#: of the in-app model on a given 8 but 0.52 apart on the worst picture.
VERIFY_IMAGES_INT8 = 32


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


# ----------------------------------------------------------------------------- runtimes


def run_keras(path: Path, images: np.ndarray) -> np.ndarray:
    """Probabilities of a ``.keras`` export, loaded by Keras in safe mode."""
    import keras

    from tlstudio.core.evaluation.predict import register_custom_layers

    register_custom_layers()
    model = keras.saving.load_model(path, safe_mode=True, compile=False)
    return np.asarray(model.predict_on_batch(images), dtype=np.float64)


def run_savedmodel(path: Path, images: np.ndarray) -> np.ndarray:
    """Probabilities of a SavedModel export, through its ``serve`` function."""
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


def run_tflite(path: Path, images: np.ndarray) -> np.ndarray:
    """Probabilities of a TensorFlow Lite export, one picture per call (its input is ``(1, S, S, 3)``)."""
    interpreter = _interpreter(path)
    interpreter.allocate_tensors()
    source, target = interpreter.get_input_details()[0], interpreter.get_output_details()[0]
    rows = []
    for image in images:
        interpreter.set_tensor(source["index"], image[None].astype(source["dtype"]))
        interpreter.invoke()
        rows.append(np.asarray(interpreter.get_tensor(target["index"])[0], dtype=np.float64))
    return np.stack(rows)


def run_onnx(path: Path, images: np.ndarray) -> np.ndarray:
    """Probabilities of an ONNX export, with ONNX Runtime on the CPU (ExportError when it is not installed)."""
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
    "keras": run_keras, "savedmodel": run_savedmodel, "tflite": run_tflite, "tflite_int8": run_tflite,
    "onnx": run_onnx,
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


def run_export(fmt: str, target: Path, images: np.ndarray) -> np.ndarray:
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
