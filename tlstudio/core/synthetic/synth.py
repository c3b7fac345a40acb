"""Synthetic images: a per-class generator (conditional DCGAN or VAE), acceptance with
provenance, and quality numbers. No Qt here; the CLI and the desktop app both call these.

A *generator* learns the training images of every class of a dataset (only ``split.train``
of the same split the classifier runs use, so it never sees their validation or test images)
and makes new images of a chosen class. Its folder, ``<workspace>/generators/<stamp>-<name>/``,
holds ``config.json``, ``status.json``, ``history.csv`` (one row per epoch), ``classes.txt``,
``checkpoints/`` (saved every epoch, atomically) and ``samples/epoch_0001.png`` (a grid: one row
per class, 8 samples each, from the same noise every epoch so the rows can be compared).

A *synthetic set* is what the user accepted from a generator:
``<workspace>/synthetic/<stamp>-<name>/<class>/synthetic_0001.png ...`` with ``provenance.json``
(generator, epoch, seed, data folder, split). It is never written into the user's folder.
Runs add it to their training images only (``RunConfig.synthetic``); see ``core.training.train``.
"""

from __future__ import annotations

import contextlib
import csv
import dataclasses
import io
import math
import os
import shutil
import threading
import time
import warnings
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Mapping, Sequence

import numpy as np

from tlstudio.core.config import GeneratorConfig, SplitConfig, SyntheticConfig
from tlstudio.core.errors import ConfigError, DatasetError, RunError, TlStudioError
from tlstudio.core.outputs.workspace import (
    atomic_write_bytes,
    atomic_write_json,
    atomic_write_text,
    new_stamped_folder,
    now_text,
    read_json,
)

if TYPE_CHECKING:
    from tlstudio.core.data.records import ImageRecord, Split

PathLike = str | Path


@dataclass(frozen=True)
class SynthEvent:
    """One piece of progress news from a generator's training. Small and immutable: it crosses threads.

    ``kind``: ``"status"`` (a sentence in ``message``) or ``"epoch"`` (an epoch finished: its
    1-based number, the losses and the sample grid). ``losses``: for a DCGAN ``generator`` and
    ``discriminator``; for a VAE ``reconstruction``, ``kl`` and ``total``. ``grid``: ``uint8``
    ``(H, W, 3)``, one row per class with 8 samples each, made from fixed noise (the same every
    epoch).
    """

    kind: str
    message: str = ""
    epoch: int = 0
    epochs: int = 0
    losses: Mapping[str, float] = field(default_factory=dict)
    grid: np.ndarray | None = field(default=None, compare=False, repr=False)


@dataclass(frozen=True)
class GeneratorResult:
    """What a finished (or cancelled) generator training produced."""

    path: Path
    status: str  # "finished" | "cancelled"
    classes: tuple[str, ...]
    epochs_done: int
    history: Mapping[str, list[float]]


@dataclass(frozen=True)
class GeneratorSummary:
    """One line of the generator list."""

    path: Path
    name: str
    kind: str
    image_size: int
    classes: tuple[str, ...]
    epochs_done: int
    epochs: int
    status: str
    created: str


@dataclass(frozen=True)
class SyntheticSetSummary:
    """One line of the synthetic-set list. ``quality`` is ``quality.json`` when it was measured."""

    path: Path
    name: str
    counts: Mapping[str, int]
    provenance: Mapping[str, Any]
    quality: Mapping[str, Any] | None


@dataclass(frozen=True)
class ClassQuality:
    """Quality numbers of one class of a synthetic set.

    ``fid``: Fréchet distance between real and synthetic features (0 = same distribution; with
    few images it is biased upward, so compare sets of similar sizes). ``real_vs_synthetic_accuracy``:
    how often a small classifier tells them apart (0.5 = indistinguishable, 1.0 = always).
    """

    fid: float
    real_vs_synthetic_accuracy: float
    n_real: int
    n_synthetic: int


@dataclass(frozen=True)
class QualityReport:
    """The quality of a synthetic set, per class, and which features were used."""

    per_class: Mapping[str, ClassQuality]
    feature: str

    def to_dict(self) -> dict[str, Any]:
        return {"feature": self.feature,
                "per_class": {name: vars(q).copy() for name, q in self.per_class.items()}}


EventHandler = Callable[[SynthEvent], None]
StopFlag = Callable[[], bool]

GENERATORS_FOLDER = "generators"
SYNTHETIC_FOLDER = "synthetic"
#: Samples per class in the grid shown after every epoch.
GRID_COLUMNS = 8
#: The generator's training images per class, in its folder and copied into every set it makes
#: (the quality numbers compare against them; runs check them against their validation/test images).
TRAIN_IMAGES_FILE = "train_images.json"
PROVENANCE_FILE = "provenance.json"
QUALITY_FILE = "quality.json"
_CHECKPOINTS = "checkpoints"
_LATEST = "latest.json"


# ----------------------------------------------------------------------------- small helpers


def _read_json(path: Path, what: str) -> Any:
    return read_json(path, what, hint="The folder is incomplete; choose another one.")


def save_png(path: PathLike, image: np.ndarray) -> Path:
    """Write a ``uint8`` RGB image as a PNG file, atomically."""
    return atomic_write_bytes(path, _png_bytes(image))


def _png_bytes(image: np.ndarray) -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.fromarray(np.ascontiguousarray(image, dtype=np.uint8)).save(buffer, format="PNG")
    return buffer.getvalue()


def make_grid(rows: Sequence[np.ndarray]) -> np.ndarray:
    """Tile images into one ``uint8`` picture: ``rows[i]`` (``(k, S, S, 3)``) is row ``i``, side by side."""
    return np.concatenate([np.concatenate(list(row), axis=1) for row in rows], axis=0).astype(np.uint8)


def _real(path: PathLike) -> str:
    return os.path.normcase(os.path.realpath(os.fspath(path)))


# ----------------------------------------------------------------------------- generator folders


class _GeneratorFolder:
    """A generator's folder and its files (see the module docstring)."""

    def __init__(self, path: PathLike) -> None:
        self.path = Path(path)

    def config(self) -> GeneratorConfig:
        return GeneratorConfig.from_dict(_read_json(self.path / "config.json", "generator settings"))

    def classes(self) -> tuple[str, ...]:
        path = self.path / "classes.txt"
        try:
            names = tuple(line for line in path.read_text(encoding="utf-8").splitlines() if line)
        except OSError as exc:
            raise RunError(f"The class list {path} is missing or cannot be read.",
                           hint="The generator folder is incomplete; train a new generator.", path=str(path)) from exc
        if not names:
            raise RunError(f"The class list {path} is empty.", hint="Train a new generator.", path=str(path))
        return names

    def status(self) -> dict[str, Any]:
        data = _read_json(self.path / "status.json", "generator status")
        return data if isinstance(data, dict) else {}

    def write_status(self, status: str, **extra: Any) -> None:
        from tlstudio.core.outputs.workspace import this_process

        who = this_process() if status == "running" else {}  # lets the list tell an interrupted one
        atomic_write_json(self.path / "status.json", {"status": status, "updated": now_text(), **who, **extra})

    def latest(self) -> tuple[int, Path] | None:
        """(epoch, checkpoint folder) of the last saved checkpoint, None when there is none."""
        path = self.path / _CHECKPOINTS / _LATEST
        if not path.is_file():
            return None
        data = _read_json(path, "checkpoint")
        folder = self.path / _CHECKPOINTS / str(data.get("folder", ""))
        if not folder.is_dir():
            return None
        return int(data["epoch"]), folder

    def save_checkpoint(self, models: Mapping[str, Any], epoch: int, state: Mapping[str, Any]) -> None:
        """Write every model's weights into a new folder, then point ``latest.json`` at it (atomic:
        a crash leaves the previous checkpoint in use), then remove checkpoint folders older than
        the previous one."""
        root = self.path / _CHECKPOINTS
        name = f"epoch_{epoch:04d}"
        tmp = root / f".{name}.{os.getpid()}.tmp"
        try:
            root.mkdir(parents=True, exist_ok=True)
            shutil.rmtree(tmp, ignore_errors=True)
            tmp.mkdir()
            for stem, model in models.items():
                model.save_weights(tmp / f"{stem}.weights.h5")
            atomic_write_json(tmp / "state.json", dict(state))
            final = root / name
            shutil.rmtree(final, ignore_errors=True)
            os.replace(tmp, final)
        except OSError as exc:
            shutil.rmtree(tmp, ignore_errors=True)
            raise RunError(f"Could not save the generator's checkpoint in {root} ({exc.strerror or exc}).",
                           hint="Free some disk space or choose a workspace you can write to; the previous "
                                "checkpoint is kept.", path=str(root), details=str(exc)) from exc
        atomic_write_json(root / _LATEST, {"epoch": epoch, "folder": name})
        # The previous checkpoint stays one epoch longer: a reader that has just read the old
        # pointer (the gallery sampling while training goes on) still finds its files.
        keep = {name, f"epoch_{epoch - 1:04d}"}
        for old in root.glob("epoch_*"):
            if old.name not in keep:
                shutil.rmtree(old, ignore_errors=True)

    def load_weights(self, models: Mapping[str, Any]) -> int:
        """Load the last checkpoint into ``models``; return its epoch."""
        latest = self.latest()
        if latest is None:
            raise RunError(f"The generator {self.path} has no saved checkpoint yet.",
                           hint="Train it for at least one epoch.", path=str(self.path))
        epoch, folder = latest
        with warnings.catch_warnings():
            # The files also hold the optimisers' state, which a fresh, not yet built optimiser
            # skips with a warning: the optimisers restart (see train_generator), the weights load.
            warnings.filterwarnings("ignore", message="Skipping variable loading for optimizer")
            for stem, model in models.items():
                model.load_weights(folder / f"{stem}.weights.h5")
        return epoch

    def train_images(self) -> dict[str, list[str]]:
        data = _read_json(self.path / TRAIN_IMAGES_FILE, "training image list")
        return {str(k): [str(p) for p in v] for k, v in data.items()}


def _load_training_images(paths: Sequence[str], size: int, should_stop: StopFlag) -> np.ndarray | None:
    """The images as ``(n, size, size, 3)`` ``uint8``; None when stopped."""
    from tlstudio.core.data.imageio import load_image

    images = np.empty((len(paths), size, size, 3), dtype=np.uint8)
    for i, path in enumerate(paths):
        if should_stop():
            return None
        try:
            images[i] = load_image(path, size)
        except (OSError, ValueError) as exc:
            raise DatasetError(f"The image {path} can no longer be read ({exc}).",
                               hint="Check the image folder again (it may have moved), then start again.",
                               path=path, details=repr(exc)) from exc
    return images


def _fixed_noise(config: GeneratorConfig) -> np.ndarray:
    """The grid's noise: the same 8 vectors for every class and every epoch."""
    return np.random.default_rng(config.seed).standard_normal((GRID_COLUMNS, config.latent_dim)).astype("float32")


def _grid(generator: Any, kind: str, noise: np.ndarray, num_classes: int) -> np.ndarray:
    rows = []
    for label in range(num_classes):
        labels = np.full((len(noise), 1), label, dtype="int32")
        rows.append(to_uint8(generator.predict_on_batch([noise, labels]), kind))
    return make_grid(rows)


def _write_history(folder: Path, history: Mapping[str, list[float]], seconds: Sequence[float]) -> None:
    names = list(history)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["epoch", *names, "seconds"])
    for i in range(len(seconds)):
        writer.writerow([i + 1, *(f"{history[n][i]:.6g}" for n in names), f"{seconds[i]:.3f}"])
    atomic_write_text(folder / "history.csv", buffer.getvalue())


def _read_history(folder: Path) -> tuple[dict[str, list[float]], list[float]]:
    path = folder / "history.csv"
    if not path.is_file():
        return {}, []
    with path.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    names = [k for k in (rows[0].keys() if rows else []) if k not in ("epoch", "seconds")]
    return ({n: [float(r[n]) for r in rows] for n in names}, [float(r.get("seconds") or 0.0) for r in rows])


def _loss_names(kind: str) -> tuple[str, ...]:
    return ("generator", "discriminator") if kind == "dcgan" else ("reconstruction", "kl", "total")


def train_generator(config: GeneratorConfig, workspace: PathLike, *, on_event: EventHandler | None = None,
                    should_stop: StopFlag | None = None, resume: PathLike | None = None) -> GeneratorResult:
    """Train a per-class generator on the training images of ``config.data`` (``split.train`` only).

    Writes ``<workspace>/generators/<stamp>-<name>/`` (see the module docstring). Sends a
    ``"status"`` event for each step and one ``"epoch"`` event per finished epoch. Cancel by
    making ``should_stop()`` return True: it is polled every batch; training stops at the end of
    that batch, the last finished epoch's checkpoint is kept and the status is ``"cancelled"``
    (an unfinished epoch is not counted). ``resume=<generator folder>`` continues that generator
    from its last checkpoint up to ``config.epochs`` (its own saved settings are used otherwise);
    the optimisers start afresh, so the first resumed epoch may wobble a little.
    Seeded with ``config.seed`` (``keras.utils.set_random_seed``; each epoch's shuffling and
    noise come from ``seed`` and the epoch number, so a resumed generator gets the same batches).
    """
    from tlstudio.core.data.scan import scan_dataset
    from tlstudio.core.data.split import make_split

    emit = on_event or (lambda event: None)
    stop = should_stop or (lambda: False)

    def status(message: str) -> None:
        emit(SynthEvent(kind="status", message=message))

    if resume is not None:
        folder = _GeneratorFolder(resume)
        saved = folder.config()
        config = dataclasses.replace(saved, epochs=max(config.epochs, 1))
        classes = folder.classes()
        train_images = folder.train_images()
        status(f"Resuming the generator in {folder.path}")
    else:
        status("Checking the images")
        scan = scan_dataset(config.data, should_stop=stop)
        split = make_split(scan, config.split)
        classes = tuple(split.classes)
        train_images = {c: [r.path for r in split.train if r.class_name == c] for c in classes}
        empty = [c for c, paths in train_images.items() if not paths]
        if empty:
            raise DatasetError(f"The class {empty[0]!r} has no training image, so no generator can learn it.",
                               hint="Add images to that class, or lower the validation and test shares.",
                               path=config.data)
        path = new_stamped_folder(workspace, GENERATORS_FOLDER, config.name or f"{config.kind}-{config.image_size}",
                                  data_root=config.data, what="create the generator folder")
        folder = _GeneratorFolder(path)
        atomic_write_json(path / "config.json", config.to_dict())
        atomic_write_text(path / "classes.txt", "".join(f"{c}\n" for c in classes))
        atomic_write_json(path / TRAIN_IMAGES_FILE, train_images)
    # A continued generator that fails before its first new epoch keeps its earlier status (its
    # checkpoint is untouched), unless that status says it was still running (a crash).
    previous: dict[str, Any] = {}
    start = None
    if resume is not None:
        with contextlib.suppress(RunError):
            previous = folder.status()
        start = folder.latest()
    try:
        return _train(folder, config, classes, train_images, emit, stop, resumed=resume is not None)
    except BaseException as exc:
        with contextlib.suppress(Exception):
            latest = folder.latest()
            done = 0 if latest is None else latest[0]
            if previous.get("status") not in (None, "running") and latest == start:
                atomic_write_json(folder.path / "status.json", previous)
            elif isinstance(exc, KeyboardInterrupt):
                folder.write_status("cancelled", epochs_done=done, epochs=config.epochs)
            elif folder.status().get("status") != "failed":
                folder.write_status("failed", epochs_done=done, epochs=config.epochs,
                                    reason=f"{type(exc).__name__}: {exc}"[:2000])
        raise


def _train(folder: _GeneratorFolder, config: GeneratorConfig, classes: tuple[str, ...],
           train_images: Mapping[str, list[str]], emit: EventHandler, stop: StopFlag, *, resumed: bool) -> GeneratorResult:
    """The training loop of :func:`train_generator` (its folder is made)."""
    import keras

    def status(message: str) -> None:
        emit(SynthEvent(kind="status", message=message))

    latest = folder.latest() if resumed else None
    if latest is not None and latest[0] > config.epochs:
        config = dataclasses.replace(config, epochs=latest[0])
    folder.write_status("running", epochs_done=0 if latest is None else latest[0], epochs=config.epochs)

    labels_all = np.array([i for i, c in enumerate(classes) for _ in train_images[c]], dtype="int32")
    paths_all = [p for c in classes for p in train_images[c]]
    status(f"Reading {len(paths_all)} training images at {config.image_size} x {config.image_size}")
    images = _load_training_images(paths_all, config.image_size, stop)
    history: dict[str, list[float]] = {name: [] for name in _loss_names(config.kind)}
    seconds: list[float] = []
    if latest is not None:
        old, old_seconds = _read_history(folder.path)
        history = {name: old.get(name, [])[: latest[0]] for name in history}
        seconds = old_seconds[: latest[0]]
    if images is None:
        return _stopped(folder, config, classes, history)

    keras.utils.set_random_seed(config.seed)
    nets = build_models(config.kind, config.image_size, config.latent_dim, len(classes), config.learning_rate,
                        config.seed)
    start_epoch = 0
    if resumed:
        start_epoch = folder.load_weights(nets.weights())
        history = {name: values[:start_epoch] for name, values in history.items()}
        seconds = seconds[:start_epoch]
        keras.utils.set_random_seed(config.seed + start_epoch)
    data = to_network(images, config.kind)
    noise = _fixed_noise(config)
    n = len(data)
    status(f"Training a {config.kind.upper()} on {n} images of {len(classes)} classes")
    for epoch in range(start_epoch, config.epochs):
        t0 = time.monotonic()
        rng = np.random.default_rng([config.seed, epoch])
        order = rng.permutation(n)
        sums: dict[str, float] = {}
        batches = 0
        for begin in range(0, n, config.batch_size):
            idx = np.sort(order[begin : begin + config.batch_size])
            losses = nets.train_batch(data[idx], labels_all[idx], rng)
            for name, value in losses.items():
                sums[name] = sums.get(name, 0.0) + value
            batches += 1
            if stop():
                return _stopped(folder, config, classes, history)
        means = {name: sums[name] / batches for name in history}
        bad = [name for name, value in means.items() if not math.isfinite(value)]
        if bad:
            folder.write_status("failed", epochs_done=epoch, epochs=config.epochs,
                                reason=f"the {bad[0]} loss became {means[bad[0]]} in epoch {epoch + 1}")
            raise RunError(f"Training the generator stopped because its {bad[0]} loss became {means[bad[0]]} in "
                           f"epoch {epoch + 1}: it diverged.",
                           hint=f"Train again with a lower learning rate (e.g. {config.learning_rate / 10:g}). The "
                                "checkpoint of the previous epoch is kept.", path=str(folder.path))
        for name, value in means.items():
            history[name].append(value)
        seconds.append(time.monotonic() - t0)
        grid = _grid(nets.generator, config.kind, noise, len(classes))
        atomic_write_bytes(folder.path / "samples" / f"epoch_{epoch + 1:04d}.png", _png_bytes(grid))
        folder.save_checkpoint(nets.weights(), epoch + 1, {"epoch": epoch + 1, "losses": means})
        _write_history(folder.path, history, seconds)
        folder.write_status("running", epochs_done=epoch + 1, epochs=config.epochs)
        emit(SynthEvent(kind="epoch", epoch=epoch + 1, epochs=config.epochs, losses=dict(means), grid=grid,
                        message=f"Epoch {epoch + 1}/{config.epochs} " + "  ".join(f"{k} {v:.4g}" for k, v in means.items())))
    folder.write_status("finished", epochs_done=config.epochs, epochs=config.epochs)
    atomic_write_json(folder.path / "config.json", config.to_dict())
    status(f"Finished all {config.epochs} epochs")
    return GeneratorResult(folder.path, "finished", classes, config.epochs, history)


def _stopped(folder: _GeneratorFolder, config: GeneratorConfig, classes: tuple[str, ...],
             history: Mapping[str, list[float]]) -> GeneratorResult:
    """End a stopped training: the unfinished epoch is dropped, the last checkpoint kept."""
    latest = folder.latest()
    done = 0 if latest is None else latest[0]
    folder.write_status("cancelled", epochs_done=done, epochs=config.epochs)
    return GeneratorResult(folder.path, "cancelled", classes, done, {k: list(v[:done]) for k, v in history.items()})


def build_models(kind: str, image_size: int, latent_dim: int, num_classes: int, learning_rate: float, seed: int) -> Any:
    """The networks of a generator (``core.synthetic.networks``)."""
    from tlstudio.core.synthetic.networks import build

    return build(kind, image_size, latent_dim, num_classes, learning_rate, seed)


def to_uint8(images: np.ndarray, kind: str) -> np.ndarray:
    from tlstudio.core.synthetic.networks import to_uint8 as convert

    return convert(images, kind)


def to_network(images: np.ndarray, kind: str) -> np.ndarray:
    from tlstudio.core.synthetic.networks import to_network as convert

    return convert(images, kind)


def generator_config(generator_dir: PathLike) -> GeneratorConfig:
    """The settings a generator was trained with (its ``config.json``)."""
    return _GeneratorFolder(generator_dir).config()


def read_generator(generator_dir: PathLike) -> GeneratorSummary:
    """One generator's summary (as :func:`list_generators` gives it); a :class:`RunError` in plain
    words when the folder is not a generator's."""
    from tlstudio.core.outputs.runs import INTERRUPTED
    from tlstudio.core.outputs.workspace import process_alive

    path = Path(generator_dir).expanduser()
    if not (path / "config.json").is_file():
        raise RunError(f"{path} is not a generator folder (it has no config.json).",
                       hint="Choose a folder listed by 'tlstudio synth generators' (or in the Synthetic images tab).",
                       path=str(path))
    folder = _GeneratorFolder(path)
    config, classes, status = folder.config(), folder.classes(), folder.status()
    state = str(status.get("status", "unknown"))
    latest = folder.latest()
    if state == "running" and process_alive(status) is False:
        state = INTERRUPTED
    return GeneratorSummary(path=path, name=config.name or path.name, kind=config.kind, image_size=config.image_size,
                            classes=classes, epochs_done=0 if latest is None else latest[0], epochs=config.epochs,
                            status=state, created=_created(path))


def list_generators(workspace: PathLike) -> list[GeneratorSummary]:
    """The generators in ``<workspace>/generators``, newest first; damaged folders are skipped.

    A generator whose status says ``"running"`` but whose process has ended shows as
    ``"interrupted"`` (it can be resumed)."""
    root = Path(workspace).expanduser() / GENERATORS_FOLDER
    found: list[GeneratorSummary] = []
    for path in sorted(root.iterdir() if root.is_dir() else [], reverse=True):
        if path.is_dir() and not path.name.startswith("."):
            with contextlib.suppress(TlStudioError):
                found.append(read_generator(path))
    return found


def _created(path: Path) -> str:
    """The folder's time stamp as ``YYYY-mm-dd HH:MM:SS`` (from its name, else its modification time)."""
    stamp = path.name[:15]
    try:
        return datetime.strptime(stamp, "%Y%m%d-%H%M%S").strftime("%Y-%m-%d %H:%M:%S")
    except ValueError:
        return datetime.fromtimestamp(path.stat().st_mtime).strftime("%Y-%m-%d %H:%M:%S")


class _Loaded:
    """A generator loaded for sampling (cached per folder and checkpoint, so a gallery can ask often)."""

    cache: dict[tuple[str, int], "_Loaded"] = {}

    def __init__(self, folder: _GeneratorFolder) -> None:
        self.config = folder.config()
        self.classes = folder.classes()
        nets = build_models(self.config.kind, self.config.image_size, self.config.latent_dim, len(self.classes),
                            self.config.learning_rate, self.config.seed)
        self.epoch = folder.load_weights(nets.weights())
        self.generator = nets.generator

    @classmethod
    def get(cls, generator_dir: PathLike) -> "_Loaded":
        folder = _GeneratorFolder(generator_dir)
        latest = folder.latest()
        key = (_real(folder.path), -1 if latest is None else latest[0])
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


def accept(generator_dir: PathLike, images: Mapping[str, Sequence[np.ndarray]], workspace: PathLike, *,
           seed: int, name: str = "", epoch: int | None = None) -> Path:
    """Store accepted images as a synthetic set and return its folder.

    ``epoch``: the checkpoint that made the images (as :func:`generate_with_epoch` reports it);
    None records the generator's latest checkpoint.

    Writes ``<workspace>/synthetic/<stamp>-<name>/<class>/synthetic_0001.png ...`` and
    ``provenance.json`` (generator folder, kind, image size, epoch, seed, classes, counts per
    class, data folder, split config, created), plus a copy of the generator's training-image
    list, into a temporary folder first, then renames it, so a set is either whole or absent.
    Refuses a workspace inside the dataset folder, a class the generator does not know, and
    images of the wrong size.
    """
    folder = _GeneratorFolder(generator_dir)
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
    for class_name, items in images.items():
        if class_name not in classes:
            raise ConfigError(f"The generator knows no class {class_name!r}; its classes are {', '.join(classes)}. "
                              f"Received: class_name={class_name!r}")
        for image in items:
            if np.asarray(image).shape != (size, size, 3):
                raise ConfigError(f"Accepted images must be {size} x {size} RGB images from this generator. "
                                  f"Received: shape={np.asarray(image).shape!r}")
    counts = {c: len(images.get(c, ())) for c in classes if len(images.get(c, ())) > 0}
    if not counts:
        raise ConfigError("No image was accepted, so there is nothing to store. Received: images={}")
    target = new_stamped_folder(workspace, SYNTHETIC_FOLDER, name or f"{folder.path.name}-e{epoch}",
                                data_root=config.data, what="create the synthetic set folder")
    tmp = target.parent / f".{target.name}.tmp"
    try:
        shutil.rmtree(tmp, ignore_errors=True)
        tmp.mkdir()
        for class_name in counts:
            for i, image in enumerate(images[class_name], start=1):
                atomic_write_bytes(tmp / class_name / f"synthetic_{i:04d}.png", _png_bytes(np.asarray(image)))
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


def _set_counts(path: Path, classes: Sequence[str]) -> dict[str, int]:
    return {c: len(sorted((path / c).glob("synthetic_*.png"))) for c in classes}


def read_synthetic_set(set_dir: PathLike) -> SyntheticSetSummary:
    """One synthetic set's summary; a :class:`RunError` in plain words when it is missing or damaged."""
    path = Path(set_dir).expanduser()
    if not path.is_dir():
        raise RunError(f"The synthetic set {path} does not exist.",
                       hint="Choose a folder listed by 'tlstudio synth sets' (or in the Synthetic images tab).",
                       path=str(path))
    provenance = _read_json(path / PROVENANCE_FILE, "synthetic set provenance")
    if not isinstance(provenance, dict) or not isinstance(provenance.get("classes"), list):
        raise RunError(f"The file {path / PROVENANCE_FILE} does not describe a synthetic set.",
                       hint="Choose the folder of an accepted synthetic set.", path=str(path))
    quality = None
    if (path / QUALITY_FILE).is_file():
        with contextlib.suppress(TlStudioError):
            quality = _read_json(path / QUALITY_FILE, "quality")
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


# ----------------------------------------------------------------------------- quality


@dataclass(frozen=True)
class FeatureExtractor:
    """Turns images into feature vectors for the quality numbers.

    ``embed`` takes ``uint8`` ``(n, image_size, image_size, 3)`` and returns ``(n, d)`` floats.
    ``image_size=None``: the images are used at the size they have."""

    name: str
    image_size: int | None
    embed: Callable[[np.ndarray], np.ndarray]


#: The input size of the quality measure's features. Fixed, not the backbone's training default
#: (which moved from 256 to 320): a Fréchet distance is only comparable with one measured the same way.
QUALITY_FEATURE_SIZE = 256


def lite0_features(batch_size: int = 32) -> FeatureExtractor:
    """EfficientNet-Lite0 with its bundled ImageNet weights (no network needed), at
    :data:`QUALITY_FEATURE_SIZE`, average-pooled: 1280 numbers per image."""
    import keras

    from tlstudio.core.models.backbones import build_backbone, preprocess_layer

    size = QUALITY_FEATURE_SIZE
    backbone = build_backbone("efficientnet_lite0", image_size=size, weights="imagenet")
    inputs = keras.Input((size, size, 3))
    pooled = keras.layers.GlobalAveragePooling2D()(backbone(preprocess_layer("efficientnet_lite0")(inputs)))
    model = keras.Model(inputs, pooled)

    def embed(images: np.ndarray) -> np.ndarray:
        out = [np.asarray(model.predict_on_batch(images[i : i + batch_size].astype("float32")))
               for i in range(0, len(images), batch_size)]
        return np.concatenate(out).astype("float64") if out else np.zeros((0, 1280))

    return FeatureExtractor(name=f"EfficientNet-Lite0 (ImageNet), average-pooled, {size} px", image_size=size, embed=embed)


def frechet_distance(a: np.ndarray, b: np.ndarray) -> float:
    """Fréchet distance between Gaussians fitted to two sets of feature vectors (rows).

    ``|mu_a - mu_b|^2 + tr(C_a + C_b - 2 (C_a C_b)^(1/2))``, with ``scipy.linalg.sqrtm`` (its
    real part). 0 for identical sets. With fewer images than feature dimensions the covariances
    are poor estimates and the value is biased upward: compare sets of similar sizes only."""
    from scipy import linalg

    a, b = np.asarray(a, dtype="float64"), np.asarray(b, dtype="float64")
    mu = a.mean(axis=0) - b.mean(axis=0)
    ca = np.atleast_2d(np.cov(a, rowvar=False)) if len(a) > 1 else np.zeros((a.shape[1],) * 2)
    cb = np.atleast_2d(np.cov(b, rowvar=False)) if len(b) > 1 else np.zeros((b.shape[1],) * 2)
    with warnings.catch_warnings():  # with fewer images than features the product is singular, as expected
        warnings.simplefilter("ignore", linalg.LinAlgWarning)
        root = np.real(linalg.sqrtm(ca @ cb))
    value = float(mu @ mu + np.trace(ca) + np.trace(cb) - 2.0 * np.trace(root))
    return max(0.0, value)


def real_vs_synthetic_accuracy(real: np.ndarray, synthetic: np.ndarray, *, seed: int = 0) -> float:
    """Cross-validated accuracy of a logistic regression telling real (0) from synthetic (1)
    feature vectors: stratified k-fold with ``k = min(5, smaller count)``. 0.5 = the two cannot
    be told apart (best); 1.0 = always told apart. NaN when a side has fewer than 2 images."""
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import StratifiedKFold, cross_val_score
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import StandardScaler

    k = min(5, len(real), len(synthetic))
    if k < 2:
        return float("nan")
    x = np.concatenate([real, synthetic])
    y = np.concatenate([np.zeros(len(real), int), np.ones(len(synthetic), int)])
    model = make_pipeline(StandardScaler(), LogisticRegression(max_iter=2000))
    scores = cross_val_score(model, x, y, cv=StratifiedKFold(k, shuffle=True, random_state=seed), scoring="accuracy")
    return float(np.mean(scores))


def _load_many(paths: Sequence[PathLike], size: int | None, via: int) -> np.ndarray:
    """The images at ``via`` pixels (the generator's size), then resized to ``size`` (the feature
    extractor's; None: kept at ``via``)."""
    from tlstudio.core.data.imageio import load_image, resize_array

    side = size or via
    if not paths:
        return np.zeros((0, side, side, 3), np.uint8)
    return np.stack([resize_array(load_image(p, via), side) for p in paths])


def measure_quality(set_dir: PathLike, *, on_event: EventHandler | None = None,
                    should_stop: StopFlag | None = None, features: FeatureExtractor | None = None) -> QualityReport:
    """Measure how close a synthetic set is to the real training images, class by class.

    For each class: the Fréchet distance (:func:`frechet_distance`) between EfficientNet-Lite0
    pooled features (bundled offline weights, images resized to its usual input size) of the
    generator's real training images and of the set's images, the real ones first shrunk to the
    generator's size (so the numbers measure what the generator makes, not its lower resolution:
    at full resolution a classifier tells even real 64 px pictures from the originals), and the cross-validated accuracy
    of a logistic regression telling real from synthetic on the same features
    (:func:`real_vs_synthetic_accuracy`; 0.5 = indistinguishable). With few images the Fréchet
    distance is biased upward, so it is reported with the numbers of images. Writes
    ``<set>/quality.json``. ``features``: another extractor (tests use a tiny one). When
    ``should_stop()`` says so (checked between classes), the classes measured so far are
    returned and nothing is written.
    """
    emit = on_event or (lambda event: None)
    stop = should_stop or (lambda: False)
    summary = read_synthetic_set(set_dir)
    train_file = summary.path / TRAIN_IMAGES_FILE
    real_paths = {str(k): list(v) for k, v in _read_json(train_file, "training image list").items()}
    emit(SynthEvent(kind="status", message="Loading the feature extractor"))
    extractor = features or lite0_features()
    size = int(summary.provenance.get("image_size") or 64)
    per_class: dict[str, ClassQuality] = {}
    for class_name, n_synthetic in summary.counts.items():
        if stop():
            return QualityReport(per_class=per_class, feature=extractor.name)
        if n_synthetic == 0:
            continue
        reals = real_paths.get(class_name, [])
        emit(SynthEvent(kind="status", message=f"Measuring {class_name}: {len(reals)} real and {n_synthetic} synthetic images"))
        try:
            real = extractor.embed(_load_many(reals, extractor.image_size, via=size))
        except (OSError, ValueError) as exc:
            raise DatasetError(f"A real training image of {class_name!r} can no longer be read ({exc}).",
                               hint="Check that the image folder is where it was when the generator was trained.",
                               path=summary.provenance.get("data"), details=repr(exc)) from exc
        fake = extractor.embed(_load_many(sorted((summary.path / class_name).glob("synthetic_*.png")),
                                          extractor.image_size, via=size))
        per_class[class_name] = ClassQuality(fid=frechet_distance(real, fake) if len(real) and len(fake) else float("nan"),
                                             real_vs_synthetic_accuracy=real_vs_synthetic_accuracy(real, fake),
                                             n_real=len(real), n_synthetic=len(fake))
    report = QualityReport(per_class=per_class, feature=extractor.name)
    atomic_write_json(summary.path / QUALITY_FILE, {**report.to_dict(), "measured": now_text()})
    return report


# ----------------------------------------------------------------------------- runs with synthetic images


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
    training images per class only removes training images, so it does not matter here)."""
    return {k: v for k, v in split.items() if k != "train_per_class"}


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
    if _real(prov.get("data", "")) != _real(data):
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
    held_out = {_real(r.path) for r in (*split.val, *split.test)}
    seen = [p for paths in _read_json(summary.path / TRAIN_IMAGES_FILE, "training image list").values()
            for p in paths if _real(p) in held_out]
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
