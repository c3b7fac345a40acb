"""Generating pictures from a trained generator, accepting them as a synthetic set with its
provenance, listing the sets, and what a run adds to its training images from one."""

from __future__ import annotations

import contextlib
import math
import os
import shutil
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Mapping, Sequence

import numpy as np

from tlstudio.core.config import SplitConfig, SyntheticConfig
from tlstudio.core.errors import ConfigError, RunError, TlStudioError
from tlstudio.core.outputs.workspace import (
    atomic_write_bytes,
    atomic_write_json,
    new_stamped_folder,
    now_text,
)
from tlstudio.core.synthetic.generators import (
    PROVENANCE_FILE,
    QUALITY_FILE,
    SYNTHETIC_FOLDER,
    TRAIN_IMAGES_FILE,
    GeneratorFolder,
    PathLike,
    SyntheticSetSummary,
    png_bytes,
    read_folder_json,
    real_path,
)
from tlstudio.core.synthetic.training import build_models, to_uint8

if TYPE_CHECKING:
    from tlstudio.core.data.records import ImageRecord, Split
    from tlstudio.core.synthetic.consistency import ConsistencyReport
    from tlstudio.core.synthetic.features import FeatureExtractor

class _Loaded:
    """A generator loaded for sampling (cached per folder and checkpoint, so a gallery can ask often)."""

    cache: dict[tuple[str, int], "_Loaded"] = {}

    def __init__(self, folder: GeneratorFolder) -> None:
        self.config = folder.config()
        self.classes = folder.classes()
        nets = build_models(self.config.kind, self.config.image_size, self.config.latent_dim, len(self.classes),
                            self.config.learning_rate, self.config.seed)
        self.epoch = folder.load_weights(nets.weights())
        self.generator = nets.generator

    @classmethod
    def get(cls, generator_dir: PathLike) -> "_Loaded":
        folder = GeneratorFolder(generator_dir)
        latest = folder.latest()
        key = (real_path(folder.path), -1 if latest is None else latest[0])
        if key not in cls.cache:
            cls.cache.clear()  # one generator at a time is plenty
            cls.cache[key] = cls(folder)
        return cls.cache[key]


def generate(generator_dir: PathLike, class_name: str, n: int, *, seed: int) -> list[np.ndarray]:
    """``n`` new ``uint8`` ``(S, S, 3)`` images of ``class_name`` from the generator's last checkpoint.

    The same ``seed`` gives the same images."""
    images, _ = generate_with_epoch(generator_dir, (class_name,), n, seed=seed)
    return images[class_name]


def generate_with_epoch(generator_dir: PathLike, class_names: Sequence[str], n: int, *,
                        seed: int) -> tuple[dict[str, list[np.ndarray]], int]:
    """``n`` images of each class in ``class_names`` (as :func:`generate`, one seed for all), all
    from the same checkpoint, and that checkpoint's epoch: the generator may still be training,
    so a later :func:`accept` records this epoch rather than whichever is latest by then."""
    if not isinstance(n, int) or n < 0 or n > 100_000:
        raise ConfigError(f"n must be a number of images between 0 and 100000. Received: n={n!r}")
    with _LOADED_LOCK:  # one model, asked from the gallery's worker threads
        loaded = _Loaded.get(generator_dir)
        return {name: _generate(loaded, name, n, seed) for name in class_names}, loaded.epoch


_LOADED_LOCK = threading.Lock()


def _generate(loaded: _Loaded, class_name: str, n: int, seed: int) -> list[np.ndarray]:
    if class_name not in loaded.classes:
        raise ConfigError(f"The generator knows no class {class_name!r}; its classes are "
                          f"{', '.join(loaded.classes)}. Received: class_name={class_name!r}")
    if n == 0:
        return []
    label = loaded.classes.index(class_name)
    z = np.random.default_rng(seed).standard_normal((n, loaded.config.latent_dim)).astype("float32")
    out: list[np.ndarray] = []
    for begin in range(0, n, 64):
        chunk = z[begin : begin + 64]
        labels = np.full((len(chunk), 1), label, dtype="int32")
        out.extend(to_uint8(loaded.generator.predict_on_batch([chunk, labels]), loaded.config.kind))
    return out


def label_generated(generator_dir: PathLike, images: Mapping[str, Sequence[np.ndarray]], *,
                    features: "FeatureExtractor | None" = None) -> tuple[dict[str, list[str]], str]:
    """The class a classifier trained on the generator's real training images gives each of
    ``images`` (per class), and the features' name (:func:`core.synthetic.consistency.label_pictures`)."""
    from tlstudio.core.synthetic.consistency import label_pictures

    folder = GeneratorFolder(generator_dir)
    train_images = folder.train_images()
    ordered = {c: train_images.get(c, []) for c in folder.classes()}
    return label_pictures(ordered, images, folder.config().image_size, features=features)


def measure_consistency(generator_dir: PathLike, images: Mapping[str, Sequence[np.ndarray]], *,
                        features: "FeatureExtractor | None" = None) -> "ConsistencyReport":
    """How often a classifier trained on the generator's real training images labels ``images``
    (per class) as their own class (:func:`core.synthetic.consistency.summarise`)."""
    from tlstudio.core.synthetic.consistency import summarise

    labels, feature = label_generated(generator_dir, images, features=features)
    return summarise(labels, feature)


def accept(generator_dir: PathLike, images: Mapping[str, Sequence[np.ndarray]], workspace: PathLike, *,
           seed: int, name: str = "", epoch: int | None = None, consistency: "ConsistencyReport | None" = None,
           accept_anyway: bool = False) -> Path:
    """Store accepted images as a synthetic set and return its folder.

    ``epoch``: the checkpoint that made the images (as :func:`generate_with_epoch` reports it);
    None records the generator's latest checkpoint. ``consistency``: the class consistency of
    these images (:func:`measure_consistency`), stored in the provenance; a flagged one (a class
    below the threshold) is refused with a :class:`ConfigError` unless ``accept_anyway``.

    Writes ``<workspace>/synthetic/<stamp>-<name>/<class>/synthetic_0001.png ...`` and
    ``provenance.json`` (generator folder, kind, image size, epoch, seed, classes, counts per
    class, data folder, split config, created, class consistency), plus a copy of the generator's training-image
    list, into a temporary folder first, then renames it, so a set is either whole or absent.
    Refuses a workspace inside the dataset folder, a class the generator does not know, and
    images of the wrong size.
    """
    folder = GeneratorFolder(generator_dir)
    config, classes = folder.config(), folder.classes()
    latest = folder.latest()
    if latest is None:
        raise RunError(f"The generator {folder.path} has no saved checkpoint yet.",
                       hint="Train it for at least one epoch.", path=str(folder.path))
    if epoch is None:
        epoch = latest[0]
    if isinstance(epoch, bool) or not isinstance(epoch, int) or not 1 <= epoch <= latest[0]:
        raise ConfigError(f"epoch must be a checkpoint the generator has saved, from 1 to {latest[0]}. "
                          f"Received: epoch={epoch!r}")
    size = config.image_size
    _check_images(images, classes, size)
    counts = {c: len(images.get(c, ())) for c in classes if len(images.get(c, ())) > 0}
    if not counts:
        raise ConfigError("No image was accepted, so there is nothing to store. Received: images={}")
    if consistency is not None and consistency.flagged and not accept_anyway:
        raise ConfigError(consistency.warning(), hint="Train the generator longer (or with more images per class) and "
                          "generate again; to keep these pictures all the same, accept them anyway "
                          "(tlstudio synth accept --accept-anyway).")
    target = new_stamped_folder(workspace, SYNTHETIC_FOLDER, name or f"{folder.path.name}-e{epoch}",
                                data_root=config.data, what="create the synthetic set folder")
    tmp = target.parent / f".{target.name}.tmp"
    try:
        shutil.rmtree(tmp, ignore_errors=True)
        tmp.mkdir()
        for class_name in counts:
            for i, image in enumerate(images[class_name], start=1):
                atomic_write_bytes(tmp / class_name / f"synthetic_{i:04d}.png", png_bytes(np.asarray(image)))
        provenance = {
            "generator": str(folder.path.resolve()),
            "kind": config.kind,
            "image_size": size,
            "epoch": epoch,
            "seed": seed,
            "classes": list(counts),
            "counts": counts,
            "data": os.path.realpath(config.data),
            "split": config.split.to_dict(),
            "created": now_text(),
            "class_consistency": None if consistency is None else consistency.to_dict(),
            "accepted_below_threshold": bool(consistency is not None and consistency.flagged),
        }
        atomic_write_json(tmp / TRAIN_IMAGES_FILE, folder.train_images())
        atomic_write_json(tmp / PROVENANCE_FILE, provenance)
        target.rmdir()  # made empty by new_stamped_folder to reserve the name
        os.replace(tmp, target)
    except BaseException as exc:
        shutil.rmtree(tmp, ignore_errors=True)
        with contextlib.suppress(OSError):
            target.rmdir()
        if isinstance(exc, OSError):
            raise RunError(f"Could not store the synthetic set in {target.parent} ({exc.strerror or exc}).",
                           hint="Free some disk space or choose a workspace you can write to.",
                           path=str(target.parent), details=str(exc)) from exc
        raise
    return target


def _check_images(images: Mapping[str, Sequence[np.ndarray]], classes: Sequence[str], size: int) -> None:
    """A ConfigError unless every class is the generator's and every image its size."""
    for class_name, items in images.items():
        if class_name not in classes:
            raise ConfigError(f"The generator knows no class {class_name!r}; its classes are {', '.join(classes)}. "
                              f"Received: class_name={class_name!r}")
        for image in items:
            if np.asarray(image).shape != (size, size, 3):
                raise ConfigError(f"Accepted images must be {size} x {size} RGB images from this generator. "
                                  f"Received: shape={np.asarray(image).shape!r}")


def _set_counts(path: Path, classes: Sequence[str]) -> dict[str, int]:
    return {c: len(sorted((path / c).glob("synthetic_*.png"))) for c in classes}


def read_synthetic_set(set_dir: PathLike) -> SyntheticSetSummary:
    """One synthetic set's summary; a :class:`RunError` in plain words when it is missing or damaged."""
    path = Path(set_dir).expanduser()
    if not path.is_dir():
        raise RunError(f"The synthetic set {path} does not exist.",
                       hint="Choose a folder listed by 'tlstudio synth sets' (or in the Synthetic images tab).",
                       path=str(path))
    provenance = read_folder_json(path / PROVENANCE_FILE, "synthetic set provenance")
    if not isinstance(provenance, dict) or not isinstance(provenance.get("classes"), list):
        raise RunError(f"The file {path / PROVENANCE_FILE} does not describe a synthetic set.",
                       hint="Choose the folder of an accepted synthetic set.", path=str(path))
    quality = None
    if (path / QUALITY_FILE).is_file():
        with contextlib.suppress(TlStudioError):
            quality = read_folder_json(path / QUALITY_FILE, "quality")
    counts = _set_counts(path, [str(c) for c in provenance["classes"]])
    return SyntheticSetSummary(path=path, name=path.name, counts=counts, provenance=provenance, quality=quality)


def list_synthetic_sets(workspace: PathLike) -> list[SyntheticSetSummary]:
    """The synthetic sets in ``<workspace>/synthetic``, newest first; damaged folders are skipped."""
    root = Path(workspace).expanduser() / SYNTHETIC_FOLDER
    found = []
    for path in sorted(root.iterdir() if root.is_dir() else [], reverse=True):
        if path.is_dir() and not path.name.startswith("."):
            with contextlib.suppress(TlStudioError):
                found.append(read_synthetic_set(path))
    return found


@dataclass(frozen=True)
class SyntheticAddition:
    """The synthetic images a run adds to its training images (``core.training.train``)."""

    records: tuple["ImageRecord", ...]
    per_class: Mapping[str, int]
    set_dir: Path
    ratio: float

    def to_dict(self) -> dict[str, Any]:
        return {"set": str(self.set_dir), "ratio": self.ratio, "images": len(self.records),
                "per_class": dict(self.per_class)}


def _split_defining(split: Mapping[str, Any]) -> dict[str, Any]:
    """The settings that decide which images are validation and test images (a cap on the
    training images per class only removes training images, so it does not matter here), as JSON
    reads them back (a tuple of left-out paths is a list in a saved provenance)."""
    import json

    return json.loads(json.dumps({k: v for k, v in split.items() if k != "train_per_class"}))


def synthetic_for_run(synthetic: SyntheticConfig, data: str, split_config: SplitConfig, split: "Split", *,
                      seed: int) -> SyntheticAddition | None:
    """Choose the synthetic images a run adds to its training images, after checking the set.

    Per class ``round(ratio * real training images)`` images, chosen with ``seed`` (all of the
    set's when it has fewer). Refused, in plain words: a missing set, a set made for another
    image folder or another split (its generator may have seen this run's test images), a class
    the dataset lacks, and any of the generator's training images among the run's validation or
    test images. None when ``synthetic`` adds nothing.
    """
    from tlstudio.core.data.records import ImageRecord

    if not synthetic.active:
        return None
    summary = read_synthetic_set(synthetic.set)
    prov = summary.provenance
    what = "Choose a synthetic set made from this image folder with the same split, or train a generator on it."
    if real_path(prov.get("data", "")) != real_path(data):
        raise ConfigError(f"The synthetic set {summary.path} was made from another image folder "
                          f"({prov.get('data')}), not {data}. " + what + f" Received: set={synthetic.set!r}")
    if _split_defining(prov.get("split") or {}) != _split_defining(split_config.to_dict()):
        raise ConfigError(f"The synthetic set {summary.path} comes from a generator trained on another split, so it "
                          "may have seen this run's test images. Use the split settings the generator used "
                          f"({prov.get('split')}), or train a generator with this run's split. "
                          f"Received: set={synthetic.set!r}")
    missing = [c for c in summary.counts if c not in split.classes]
    if missing:
        raise ConfigError(f"The synthetic set {summary.path} has the class {missing[0]!r}, which the image folder "
                          f"lacks (its classes: {', '.join(split.classes)}). " + what + f" Received: set={synthetic.set!r}")
    held_out = {real_path(r.path) for r in (*split.val, *split.test)}
    seen = [p for paths in read_folder_json(summary.path / TRAIN_IMAGES_FILE, "training image list").values()
            for p in paths if real_path(p) in held_out]
    if seen:
        raise ConfigError(f"The generator of the synthetic set {summary.path} was trained on {len(seen)} of this "
                          f"run's validation or test images (e.g. {seen[0]}), so its images could leak them. "
                          + what + f" Received: set={synthetic.set!r}")
    rng = np.random.default_rng(seed)
    records: list[ImageRecord] = []
    per_class: dict[str, int] = {}
    size = int(prov.get("image_size", 0))
    for label, class_name in enumerate(split.classes):
        files = sorted((summary.path / class_name).glob("synthetic_*.png")) if class_name in summary.counts else []
        real = sum(1 for r in split.train if r.label == label)
        want = min(len(files), int(math.floor(synthetic.ratio * real + 0.5)))
        chosen = sorted(rng.choice(len(files), size=want, replace=False)) if want else []
        for i in chosen:
            path = files[int(i)]
            records.append(ImageRecord(path=str(path.resolve()), label=label, class_name=class_name, width=size,
                                       height=size, size_bytes=path.stat().st_size))
        per_class[class_name] = want
    return SyntheticAddition(records=tuple(records), per_class=per_class, set_dir=summary.path.resolve(),
                             ratio=synthetic.ratio)
