"""The short jobs the studio runs on its job pool (see :class:`~tlstudio.gui.workers.JobPool`).

Plain functions over the core API: no widgets, no Qt. Each returns small immutable values
(dataclasses, tuples, ``uint8`` arrays) that are safe to hand to the GUI thread. Heavy modules
(TensorFlow, Keras) are imported inside the functions, so importing this module stays light.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Sequence

import numpy as np

from tlstudio.core.config import AugmentSpec, ReadingConfig, SplitConfig
from tlstudio.core.config_reading import run_reading
from tlstudio.core.errors import TlStudioError
from tlstudio.gui.state import GalleryItem, PredictionItem

THUMBNAIL_SIDE = 56
GALLERY_SIDE = 160
#: Grad-CAM is computed for at most this many misclassified images (newest request wins).
GALLERY_LIMIT = 48


@dataclass(frozen=True)
class ScanOutcome:
    """A checked folder, its split, and one thumbnail per class."""

    scan: Any
    split: Any  # None when the split settings cannot split these images (see split_error)
    thumbnails: dict[str, np.ndarray]
    split_error: Any = None  # the TlStudioError that make_split raised, e.g. a bad groups CSV


def load_tensorflow() -> str:
    """Import TensorFlow and Keras (seconds) and return the device training will use, with the
    precision it will train in ("CPU, float32"; see ``core.models.accel``)."""
    import keras  # noqa: F401
    import tensorflow as tf

    from tlstudio.core.config import TrainConfig
    from tlstudio.core.models.accel import plan
    from tlstudio.gui.collector import freeze_imported_objects

    tf.constant(np.zeros(1, np.float32))  # TensorFlow's one-time array set-up, here and not mid-job
    freeze_imported_objects()  # else every full garbage collection walks TensorFlow's objects
    return plan(TrainConfig()).describe()


def scan_folder(path: str, split_config: SplitConfig, reading: ReadingConfig | None = None, *,
                should_stop: Callable[[], bool]) -> ScanOutcome | None:
    """Check every image of ``path``, split it, and make a thumbnail per class.

    Returns None when superseded (the user chose another folder meanwhile).
    """
    from tlstudio.core.data.imageio import thumbnail
    from tlstudio.core.data.records import ScanCancelled
    from tlstudio.core.data.scan import scan_dataset
    from tlstudio.core.data.split import make_split

    try:
        scan = scan_dataset(path, should_stop=should_stop, reading=reading)
    except ScanCancelled:
        return None
    thumbs: dict[str, np.ndarray] = {}
    for name in scan.classes:
        record = next((r for r in scan.records if r.class_name == name), None)
        if record is not None:
            try:
                thumbs[name] = thumbnail(record.path, THUMBNAIL_SIDE)
            except OSError:
                continue  # the file vanished since the check; the table shows no picture

    try:
        split, problem = make_split(scan, split_config), None
    except TlStudioError as exc:  # the check is still shown; the split settings need changing
        split, problem = None, exc
    return ScanOutcome(scan=scan, split=split, thumbnails=thumbs, split_error=problem)


def split_scan(scan: Any, config: SplitConfig) -> Any:
    from tlstudio.core.data.split import make_split

    return make_split(scan, config)


def leakage(split: Any) -> tuple:
    from tlstudio.core.data.leakage import find_leakage

    return find_leakage(split)


def backbone_list() -> list:
    from tlstudio.core.models.backbones import list_backbones

    return list_backbones()


def layer_list(backbone: str, image_size: int | None) -> tuple[str, list]:
    """``(backbone, layers)``: the key travels with the answer so a late answer is recognised."""
    from tlstudio.core.models.backbones import list_layers

    return backbone, list_layers(backbone, image_size=image_size)


def augmentation_preview(path: str, spec: AugmentSpec, n: int, seed: int) -> list[np.ndarray]:
    from tlstudio.core.augmentation.augment import preview
    from tlstudio.core.data.imageio import load_image

    return preview(load_image(path, size=320), spec, n, seed=seed, size=GALLERY_SIDE)


def _load_model(model_path: Path) -> Any:
    from tlstudio.core.evaluation.predict import load_classifier

    return load_classifier(model_path)


def _overlay(model: Any, image: np.ndarray, class_index: int) -> np.ndarray | None:
    from tlstudio.core.evaluation.metrics import grad_cam, overlay_heatmap

    try:
        heatmap = grad_cam(model, image, class_index)
    except (ValueError, TypeError):  # a model Grad-CAM cannot look into: show the picture alone
        return None
    return overlay_heatmap(image, heatmap)


def misclassified_gallery(run_dir: str, misclassified: Sequence[Any], limit: int = GALLERY_LIMIT) -> tuple[GalleryItem, ...]:
    """Pictures, Grad-CAM overlays (for the predicted class) and probabilities of wrong answers.

    A saved run whose model file is gone still shows its mistakes (without heatmaps); a picture
    that was moved or deleted since the run is left out."""
    from tlstudio.core.data.imageio import load_image

    items = list(misclassified)[:limit]
    if not items:
        return ()
    model_path = Path(run_dir) / "model.keras"
    loaded = _load_model(model_path) if model_path.is_file() else None
    reading = loaded.reading if loaded is not None else run_reading(run_dir)  # the run's windowing
    gallery = []
    for m in items:
        try:
            image = load_image(m.path, size=GALLERY_SIDE, reading=reading)
        except (OSError, ValueError, TlStudioError):
            continue
        overlay = None if loaded is None else _overlay(loaded.model, image, int(m.predicted_index))
        gallery.append(GalleryItem(path=m.path, true_index=int(m.true_index), predicted_index=int(m.predicted_index),
                                   probabilities=tuple(float(p) for p in m.probabilities), image=image, overlay=overlay))
    return tuple(gallery)


def predict_images(model_path: str, paths: Sequence[str], *,
                   on_progress: Callable[..., None]) -> tuple[tuple[str, ...], tuple[PredictionItem, ...]]:
    """``(class names, items)``: every image predicted with the saved model (its calibration
    applied: temperature and "uncertain" below its saved threshold), with a picture and a
    Grad-CAM heatmap of the most probable class for each readable one."""
    from tlstudio.core.data.imageio import load_image
    from tlstudio.core.evaluation.predict import collect_images, predict_paths

    loaded = _load_model(Path(model_path))
    files = collect_images(list(paths))
    predictions = predict_paths(loaded, files, on_progress=on_progress)
    names = list(loaded.class_names)
    items = []
    for p in predictions:
        if p.error:
            items.append(PredictionItem(path=p.path, error=p.error, prediction=p))
            continue
        image = load_image(p.path, size=GALLERY_SIDE, reading=loaded.reading)
        overlay = _overlay(loaded.model, image, names.index(p.best))
        items.append(PredictionItem(path=p.path, predicted=p.predicted, probabilities=dict(p.probabilities),
                                    image=image, overlay=overlay, prediction=p, uncertain=p.uncertain, best=p.best))
    return tuple(names), tuple(items)


def export_predictions(items: Sequence[PredictionItem], class_names: Sequence[str], path: str) -> str:
    """Write the predictions CSV (core.evaluation.predict's format) and return its path."""
    from tlstudio.core.evaluation.predict import write_predictions_csv

    return str(write_predictions_csv([item.prediction for item in items], class_names, path))


def ensure_demo(workspace: str) -> str:
    from tlstudio.core.data.demo import ensure_demo_dataset

    return str(ensure_demo_dataset(Path(workspace)))


def download_flowers(workspace: str, *, should_stop: Callable[[], bool], on_progress: Callable[..., None]) -> str:
    from tlstudio.core.data.demo import download_flowers as download

    return str(download(Path(workspace), on_progress=on_progress, should_stop=should_stop))


def export_augmented(data: str, spec: AugmentSpec, copies: int, workspace: str, preset: str | None, *,
                     should_stop: Callable[[], bool], on_progress: Callable[..., None]) -> Any:
    """Write augmented copies of every image of ``data`` into the workspace (core.augmentation.export)."""
    from tlstudio.core.augmentation.export import export_augmented as export

    return export(data, spec, copies, workspace=workspace, preset=preset, on_progress=on_progress,
                  should_stop=should_stop)


def export_model(run_dir: str, formats: Sequence[str], *, should_stop: Callable[[], bool],
                 on_progress: Callable[..., None]) -> Any:
    """Export the run's model in ``formats`` into the workspace, each export checked (core.outputs.export)."""
    from tlstudio.core.outputs.export import export_run

    return export_run(run_dir, formats, on_progress=on_progress, should_stop=should_stop)
