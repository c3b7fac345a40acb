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

This module runs the export; the formats' names and writers are ``core.outputs.export_formats``
(:data:`~tlstudio.core.outputs.export_formats.REPRESENTATIVE_IMAGES` there), the runtimes and
the check ``core.outputs.export_checks`` (:data:`~tlstudio.core.outputs.export_checks.TOLERANCES`,
:data:`~tlstudio.core.outputs.export_checks.VERIFY_IMAGES`), the run's pictures
``core.outputs.export_images`` and the model card ``core.outputs.model_card``.
"""

from __future__ import annotations

import os
import shutil
import uuid
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Mapping, Sequence, Union

import numpy as np

from tlstudio.core.errors import ExportError, RunError, TlStudioError
from tlstudio.core.outputs.export_checks import VERIFY_IMAGES, VERIFY_IMAGES_INT8, Verification, run_export, verify
from tlstudio.core.outputs.export_formats import (
    CARD_FILE,
    FILE_NAMES,
    FORMAT_NAMES,
    LABELS_FILE,
    VERIFICATION_FILE,
    parse_formats,
    write_format,
    write_tflite,
)
from tlstudio.core.outputs.export_images import read_images, read_split, split_paths, spread
from tlstudio.core.outputs.locks import locked
from tlstudio.core.outputs.model_card import model_card
from tlstudio.core.outputs.workspace import write_error

if TYPE_CHECKING:
    import keras

PathLike = Union[str, "os.PathLike[str]"]
#: ``on_progress(done, total, message)``: after each step (a format written, a format checked).
ProgressHandler = Callable[[int, int, str], None]
StopFlag = Callable[[], bool]


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
    give the in-app model's answers within
    :data:`~tlstudio.core.outputs.export_checks.TOLERANCES`, :class:`RunError` for a run
    without a model or test results.
    """
    chosen = parse_formats(formats)
    run, loaded, size = _finished_model(run_dir)
    split = read_split(run.path)
    check_paths, check_images = _check_images(run, split, size, chosen)
    reference = _reference_probabilities(loaded.model, check_images)
    final = _target_folder(run.path, out_dir, _export_name(run), run.config.get("data"))
    with locked(final, what="export folder", beside=True):  # one writer at a time
        return _export_into(final, chosen, run, loaded, size, split, reference, check_images, check_paths,
                            on_progress, should_stop)


def _export_into(final: Path, chosen: Sequence[str], run: Any, loaded: Any, size: int, split: Mapping[str, Any],
                 reference: np.ndarray, check_images: np.ndarray, check_paths: Sequence[str],
                 on_progress: ProgressHandler | None, should_stop: StopFlag | None) -> ExportResult:
    """:func:`export_run` once its folder is chosen and locked."""
    staging = _staging_folder(final)
    stop = should_stop or (lambda: False)
    progress = _Steps(2 * len(chosen) + 1, on_progress)
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
        _publish(staging, final)
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


def _finished_model(run_dir: PathLike) -> tuple[Any, Any, int]:
    """The run, its model loaded as the app uses it (``load_classifier``) and the image size it
    works at; RunError for a run without a finished model or without an image size."""
    from tlstudio.core.evaluation.predict import load_classifier
    from tlstudio.core.outputs.runs import load_run

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
    return run, loaded, size


def _check_images(run: Any, split: Mapping[str, Any], size: int, chosen: Sequence[str]) -> tuple[list[str], np.ndarray]:
    """The pictures every export is checked on: test images spread over the classes first, then
    validation and training ones standing in for any that can no longer be read (ExportError
    when none can)."""
    wanted = VERIFY_IMAGES_INT8 if "tflite_int8" in chosen else VERIFY_IMAGES
    check_paths, check_images = read_images(spread(split_paths(split, "test"), wanted)
                                            + split_paths(split, "val") + split_paths(split, "train"),
                                            size, wanted)
    if not len(check_images):
        raise ExportError(f"None of the run's images can be read any more (the image folder "
                          f"{run.config.get('data')} has moved or gone), so the exports cannot be checked.",
                          hint="Put the image folder back where it was and export again.",
                          path=str(run.config.get("data")))
    return check_paths, check_images


def _reference_probabilities(model: "keras.Model", images: np.ndarray) -> np.ndarray:
    """The in-app model's probabilities on the check images, in batches of :data:`VERIFY_IMAGES`."""
    return np.concatenate([np.asarray(model.predict_on_batch(images[i:i + VERIFY_IMAGES]), dtype=np.float64)
                           for i in range(0, len(images), VERIFY_IMAGES)])


def _export_name(run: Any) -> str:
    """The run's name for the export folder: its own name, else its folder's name without the time stamp."""
    name = str(run.status.get("name") or run.config.get("name") or run.path.name)
    if name == run.path.name or not name:
        name = run.path.name.split("-", 2)[-1] if run.path.name.count("-") >= 2 else run.path.name
    return name


def _staging_folder(final: Path) -> Path:
    """A new hidden folder beside ``final`` that the export is written into until it is complete."""
    staging = final.parent / f".{final.name}.{uuid.uuid4().hex[:8]}.partial"
    try:
        staging.mkdir(parents=True)
    except OSError as exc:
        raise write_error(final, exc, what="create the export folder") from exc
    return staging


def _publish(staging: Path, final: Path) -> None:
    """Give the complete export its name (replacing the empty folder the user may have chosen)."""
    if final.exists():
        final.rmdir()
    os.rename(staging, final)


class _Steps:
    """Counts the export's steps and tells ``on_progress(done, total, message)`` after each."""

    def __init__(self, total: int, on_progress: ProgressHandler | None) -> None:
        self.total, self.done, self.on_progress = total, 0, on_progress

    def __call__(self, message: str) -> None:
        self.done += 1
        if self.on_progress is not None:
            self.on_progress(self.done, self.total, message)


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
        note = write_format(fmt, model, run, target, size, split, saved_model)
    except TlStudioError:
        raise
    except Exception as exc:  # TensorFlow's and the converters' many kinds
        raise ExportError(f"Writing the {FORMAT_NAMES[fmt]} export failed: {type(exc).__name__}: {str(exc)[:300]}",
                          hint="The other formats may still work; try them alone.",
                          details=f"{type(exc).__name__}: {exc}") from exc
    progress(f"Wrote {FORMAT_NAMES[fmt]}")
    n = len(images) if fmt == "tflite_int8" else VERIFY_IMAGES
    check = verify(fmt, reference[:n], run_export(fmt, target, images[:n]))
    if not check.passed and fmt == "tflite_int8":
        # Float activations are far closer at the same file size (measured: docs/results.md, "The 8-bit TensorFlow Lite fallback").
        first = check
        note = write_tflite(saved_model, target, size, None, dynamic_range=True)
        note += (f" (full-integer quantisation was tried first: its probabilities differed by up to "
                 f"{first.max_abs_diff:.2f} from the in-app model's, beyond the limit {first.tolerance.max_diff:g})")
        check = verify(fmt, reference[:n], run_export(fmt, target, images[:n]))
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


class _Cancelled(Exception):
    """Stop was asked for between two steps."""


def _size(path: Path) -> int:
    if path.is_dir():
        return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())
    return path.stat().st_size


def _write_text(path: Path, text: str) -> None:
    path.write_text(text, encoding="utf-8")
