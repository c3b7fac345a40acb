"""Use a trained classifier on new pictures: load it, predict files or folders, write a CSV.

A saved ``model.keras`` takes raw pixels and returns class probabilities (resizing and the
backbone's preprocessing are inside it); ``classes.json`` beside it names the outputs. Models
are loaded with Keras' safe mode on, so a model file cannot run arbitrary code. A picture that
cannot be read gives a row with an ``error`` instead of stopping the whole batch.

When a ``calibration.json`` lies beside the model (every finished run with validation images has
one, see ``core.evaluation.calibration``), its temperature is applied to the probabilities and its
confidence threshold decides abstention: a picture whose calibrated top probability is below
the threshold is answered ``"uncertain"``, its best class and probabilities still given.
(``core.outputs.export`` puts ``calibration.json`` beside every exported model.)
"""

from __future__ import annotations

import importlib
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Iterable, Sequence, Union

import numpy as np

from tlstudio.core.config_reading import ReadingConfig, run_reading
from tlstudio.core.errors import DatasetError, RunError, TlStudioError
from tlstudio.core.evaluation.calibration import UNCERTAIN, apply_temperature, check_threshold
from tlstudio.core.evaluation.calibration_files import load_calibration
from tlstudio.core.outputs.runs import read_classes_file
from tlstudio.core.outputs.workspace import atomic_write_text, csv_text

if TYPE_CHECKING:
    import keras

PathLike = Union[str, "os.PathLike[str]"]
ProgressHandler = Callable[[int, int], None]

MODEL_FILE = "model.keras"
CLASSES_FILE = "classes.json"
#: Fixed columns of the predictions CSV; one probability column per class goes in between.
CSV_COLUMNS: tuple[str, ...] = ("path", "predicted", "best_class", "confidence", "error")


@dataclass(frozen=True)
class LoadedModel:
    """A classifier ready to predict: the Keras model, its class names (output order), the
    square size it resizes pictures to (``None`` if it accepts any size), and from its
    ``calibration.json`` the temperature applied to its probabilities and the confidence
    threshold below which it answers "uncertain" (1.0 and 0.0 without calibration). ``reading`` is
    how its run read 16-bit pictures and DICOM files (from the ``config.json`` beside the model),
    so new pictures are read the same way."""

    model: "keras.Model" = field(repr=False)
    class_names: tuple[str, ...]
    image_size: int | None
    path: Path | None = None
    temperature: float = 1.0
    threshold: float = 0.0
    reading: ReadingConfig = field(default_factory=ReadingConfig)


@dataclass(frozen=True)
class Prediction:
    """The model's answer for one picture: ``predicted`` is a class, or ``"uncertain"`` when the
    (calibrated) top probability is below ``threshold``; ``probabilities`` are calibrated.
    ``error`` says why a picture could not be used (then ``predicted`` is ``""`` and
    ``probabilities`` is empty)."""

    path: str
    predicted: str
    probabilities: dict[str, float]
    error: str | None = None
    uncertain: bool = False
    threshold: float = 0.0

    @property
    def best(self) -> str:
        """The most probable class, whether or not the model answered with it."""
        if self.error or not self.probabilities:
            return ""
        return max(self.probabilities, key=self.probabilities.__getitem__)

    @property
    def confidence(self) -> float | None:
        """The probability of the most probable class."""
        return self.probabilities.get(self.best) if not self.error else None

    def to_dict(self) -> dict[str, Any]:
        return {"path": self.path, "predicted": self.predicted, "best_class": self.best or None,
                "confidence": self.confidence, "uncertain": self.uncertain, "threshold": self.threshold,
                "probabilities": dict(self.probabilities), "error": self.error}


def register_custom_layers() -> None:
    """Import the backbones module, which registers the (safe) custom layers some backbones'
    preprocessing uses, so safe-mode loading can find them."""
    try:
        importlib.import_module("tlstudio.core.models.backbones")
    except ModuleNotFoundError as exc:
        if exc.name != "tlstudio.core.models.backbones":
            raise


def _model_size(model: "keras.Model") -> int | None:
    """The square size the model works at: its ``resize`` layer's, else its fixed input size."""
    try:
        resize = model.get_layer("resize")
        height, width = int(resize.height), int(resize.width)
        if height == width:
            return height
    except (ValueError, AttributeError):
        pass
    shape = model.input_shape
    if isinstance(shape, list):
        shape = shape[0]
    if len(shape) == 4 and shape[1] is not None and shape[1] == shape[2]:
        return int(shape[1])
    return None


def _contains_code(model_path: Path, details: str) -> RunError:
    return RunError(f"The model file {model_path} contains program code, which tlstudio never runs from a "
                    "model file: code in a file could do anything on this computer.",
                    hint="Use a model trained with tlstudio, or one saved without Lambda layers or custom code.",
                    path=str(model_path), details=details)


#: What a ``.keras`` file's ``config.json`` names where it holds code: a Lambda layer, or a function
#: (Keras writes ``{"class_name": "function", "config": "<name>"}`` for a layer given a function).
_CODE_CLASSES = frozenset({"Lambda", "function", "__lambda__"})


def code_in_model(model_path: PathLike) -> str | None:
    """The name of the first layer (or function) in a ``.keras`` file that holds program code,
    read from its ``config.json`` without loading anything; None when there is none, or when
    the file cannot be read as a ``.keras`` archive (loading it then says it is damaged)."""
    import json
    import zipfile

    try:
        with zipfile.ZipFile(model_path) as archive:
            config = json.loads(archive.read("config.json"))
    except (OSError, KeyError, ValueError, zipfile.BadZipFile):
        return None
    found: list[str] = []

    def walk(node: Any, layer: str) -> None:
        if found:
            return
        if isinstance(node, dict):
            inner = node.get("config")
            name = inner.get("name", layer) if isinstance(inner, dict) else layer
            if node.get("class_name") in _CODE_CLASSES:
                found.append(str(name if node.get("class_name") == "Lambda" else layer))
                return
            for value in node.values():
                walk(value, str(name))
        elif isinstance(node, list):
            for value in node:
                walk(value, layer)

    walk(config, "")
    return found[0] if found else None


def load_classifier(path: PathLike) -> LoadedModel:
    """Load a saved classifier from a run folder or a ``.keras`` file, with its class names
    from the ``classes.json`` beside it.

    Raises :class:`RunError` in plain words when the model or the class names are missing,
    damaged, or do not match each other.
    """
    path = Path(path).expanduser()
    model_path = path / MODEL_FILE if path.is_dir() else path
    if path.is_dir() and not model_path.is_file():
        raise RunError(f"There is no saved model ({MODEL_FILE}) in {path}.",
                       hint="Pick the folder of a finished run, or a model.keras file.", path=str(path))
    if not model_path.is_file():
        raise RunError(f"The model file {model_path} does not exist.",
                       hint="Pick the folder of a finished run, or a model.keras file.", path=str(model_path))
    if model_path.suffix.lower() != ".keras":
        raise RunError(f"{model_path} is not a tlstudio model (those end in .keras).",
                       hint="Pick the folder of a finished run, or its model.keras file.", path=str(model_path))
    classes_path = model_path.parent / CLASSES_FILE
    if not classes_path.is_file():
        raise RunError(f"The class names ({CLASSES_FILE}) are missing next to {model_path}.",
                       hint="Keep classes.json in the same folder as the model (it is saved with every run).",
                       path=str(classes_path))
    class_names = read_classes_file(classes_path)
    calibration = load_calibration(model_path)

    import keras

    register_custom_layers()
    code = code_in_model(model_path)
    if code is not None:  # e.g. a Lambda layer naming a function: refused before Keras reads anything
        raise _contains_code(model_path, f"the layer {code!r} holds program code")
    try:
        model = keras.saving.load_model(model_path, safe_mode=True, compile=False)
    except Exception as exc:  # Keras raises many kinds for a broken or foreign file
        if "safe_mode" in str(exc):  # a Lambda layer or other code that safe mode refused to load
            raise _contains_code(model_path, f"{type(exc).__name__}: {exc}") from exc
        raise RunError(f"The model file {model_path} could not be opened: it is damaged or was not saved by tlstudio.",
                       hint="Train the model again, or pick another model file.", path=str(model_path),
                       details=f"{type(exc).__name__}: {exc}") from exc
    outputs = model.output_shape[-1] if not isinstance(model.output_shape, list) else None
    if outputs != len(class_names):
        raise RunError(
            f"The model in {model_path} gives {outputs} outputs but {classes_path} names {len(class_names)} classes.",
            hint="Keep the classes.json that was saved with this model.", path=str(classes_path))
    return LoadedModel(model=model, class_names=tuple(class_names), image_size=_model_size(model), path=model_path,
                       temperature=1.0 if calibration is None else calibration.temperature,
                       threshold=0.0 if calibration is None else calibration.threshold,
                       reading=run_reading(model_path.parent))


def collect_images(paths_or_folders: Iterable[PathLike]) -> list[str]:
    """The files to predict among ``paths_or_folders``: every file named, whatever its kind (one
    that cannot be read gets a row saying why, see :func:`predict_paths`), and every image inside
    the folders (recursively; hidden files and folders skipped). Sorted, without duplicates.
    Raises :class:`DatasetError` for a path that does not exist."""
    from tlstudio.core.data.dicom import has_dicom_preamble
    from tlstudio.core.data.imageio import is_image_path

    found: set[str] = set()
    for item in paths_or_folders:
        path = Path(item).expanduser()
        if path.is_dir():
            for folder, subfolders, files in os.walk(path):
                subfolders[:] = [s for s in subfolders if not s.startswith(".")]
                found.update(os.path.join(folder, f) for f in files if not f.startswith(".")
                             and (is_image_path(f) or has_dicom_preamble(os.path.join(folder, f))))
        elif path.exists():  # a file named on purpose: never dropped in silence (pipes are not read)
            found.add(str(path))
        else:
            raise DatasetError(f"{path} does not exist.", hint="Check the file or folder name.", path=str(path))
    return sorted(found)


def _read(path: str, size: int | None, reading: ReadingConfig | None = None) -> np.ndarray | str:
    """The picture as uint8 pixels, or a plain-words reason it cannot be used."""
    from PIL import Image, UnidentifiedImageError

    from tlstudio.core.data.dicom import DicomProblem
    from tlstudio.core.data.imageio import load_image
    from tlstudio.core.data.opening import too_many_pixels_message

    try:
        return load_image(path, size=size, reading=reading)
    except DicomProblem as problem:
        return problem.reason
    except FileNotFoundError:
        return "the file no longer exists"
    except PermissionError:
        return "tlstudio is not allowed to read the file"
    except Image.DecompressionBombError:
        return too_many_pixels_message(path, "an enormous size")
    except TlStudioError as exc:
        return exc.message
    except UnidentifiedImageError:
        kind = os.path.splitext(path)[1] or "without an extension"
        return (f"tlstudio cannot open this kind of file ({kind}); it opens JPEG, PNG, BMP, GIF, WebP and TIFF. "
                "Save it as JPEG or PNG")
    except (OSError, ValueError, SyntaxError) as exc:  # Pillow's errors for broken or non-image files
        return f"the file is not a readable picture or is damaged ({exc})"


def predict_paths(loaded: LoadedModel, paths: Sequence[PathLike], *, batch_size: int = 32,
                  on_progress: ProgressHandler | None = None, threshold: float | None = None) -> list[Prediction]:
    """Predict every picture in ``paths`` (in order), ``batch_size`` at a time.

    Pictures are read with :func:`tlstudio.core.data.imageio.load_image` at the model's size.
    ``on_progress(done, total)`` is called after each batch. A picture that cannot be read
    gets a row with ``error`` set. The model's temperature is applied; a picture whose top
    probability is below ``threshold`` (default: the model's saved threshold) is answered
    ``"uncertain"``.
    """
    if batch_size < 1:
        raise ValueError(f"batch_size must be at least 1. Received: batch_size={batch_size}")
    threshold = check_threshold(loaded.threshold if threshold is None else threshold)
    names = list(loaded.class_names)
    files = [os.fspath(p) for p in paths]
    total = len(files)
    # Without a fixed size, pictures of different sizes cannot share a batch.
    step = batch_size if loaded.image_size is not None else 1
    results: list[Prediction] = []
    for start in range(0, total, step):
        chunk = files[start:start + step]
        images: list[np.ndarray] = []
        rows: list[Prediction | None] = []
        for path in chunk:
            pixels = _read(path, loaded.image_size, loaded.reading)
            if isinstance(pixels, str):
                rows.append(Prediction(path=path, predicted="", probabilities={}, error=pixels))
            else:
                images.append(pixels)
                rows.append(None)
        if images:
            probs = np.asarray(loaded.model.predict_on_batch(np.stack(images).astype(np.float32)), dtype=np.float64)
            if loaded.temperature != 1.0:
                probs = apply_temperature(probs, loaded.temperature, kind="probs")
            it = iter(probs)
            for i, row in enumerate(rows):
                if row is None:
                    p = next(it)
                    uncertain = bool(p.max() < threshold)
                    rows[i] = Prediction(path=chunk[i], predicted=UNCERTAIN if uncertain else names[int(np.argmax(p))],
                                         probabilities={n: float(v) for n, v in zip(names, p)},
                                         uncertain=uncertain, threshold=threshold)
        results.extend(r for r in rows if r is not None)
        if on_progress is not None:
            on_progress(min(start + step, total), total)
    return results


def _probability_columns(class_names: Sequence[str]) -> list[str]:
    """One column name per class; a class named like a fixed column gets a ``p_`` prefix."""
    return [f"p_{c}" if c in CSV_COLUMNS else c for c in class_names]


def write_predictions_csv(predictions: Sequence[Prediction], class_names: Sequence[str], path: PathLike) -> Path:
    """Write one row per picture — ``path, predicted, best_class, confidence, <one column per
    class>, error`` — atomically (UTF-8; probabilities with 6 decimals, empty for unreadable
    files). ``predicted`` is ``uncertain`` below the threshold; ``best_class`` is always the most
    probable class."""
    names = list(class_names)
    rows = []
    for p in predictions:
        if p.error:
            rows.append([p.path, "", "", "", *([""] * len(names)), p.error])
        else:
            confidence = p.confidence
            rows.append([p.path, p.predicted, p.best, "" if confidence is None else f"{confidence:.6f}",
                         *(f"{p.probabilities.get(c, 0.0):.6f}" for c in names), ""])
    header = ["path", "predicted", "best_class", "confidence", *_probability_columns(names), "error"]
    return atomic_write_text(path, csv_text(header, rows))
