"""Training a class-conditional generator (DCGAN or VAE) on a split's training images, with a
sample grid and a checkpoint after every epoch; a stopped generator resumes."""

from __future__ import annotations

import contextlib
import dataclasses
import math
import time
from typing import TYPE_CHECKING, Any, Mapping, Sequence

import numpy as np

from tlstudio.core.config import GeneratorConfig
from tlstudio.core.errors import DatasetError, RunError
from tlstudio.core.outputs.locks import WorkspaceLock
from tlstudio.core.outputs.workspace import (
    atomic_write_bytes,
    atomic_write_json,
    atomic_write_text,
    new_stamped_folder,
)
from tlstudio.core.synthetic.generators import (
    GENERATORS_FOLDER,
    GRID_COLUMNS,
    TRAIN_IMAGES_FILE,
    EventHandler,
    GeneratorFolder,
    GeneratorResult,
    PathLike,
    StopFlag,
    SynthEvent,
    make_grid,
    png_bytes,
    read_history,
    write_history,
)

if TYPE_CHECKING:
    pass

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
        folder = GeneratorFolder(resume)
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
        folder = GeneratorFolder(path)
        atomic_write_json(path / "config.json", config.to_dict())
        atomic_write_text(path / "classes.txt", "".join(f"{c}\n" for c in classes))
        atomic_write_json(path / TRAIN_IMAGES_FILE, train_images)
    # A continued generator that fails before its first new epoch keeps its earlier status (its
    # checkpoint is untouched), unless that status says it was still running (a crash).
    lock = WorkspaceLock(folder.path, what="generator folder").acquire()  # one writer at a time
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
    finally:
        lock.release()


def _train(folder: GeneratorFolder, config: GeneratorConfig, classes: tuple[str, ...],
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
        old, old_seconds = read_history(folder.path)
        history = {name: old.get(name, [])[: latest[0]] for name in history}
        seconds = old_seconds[: latest[0]]
    if images is None:
        return _stopped(folder, config, classes, history)

    keras.utils.set_random_seed(config.seed)
    nets = build_models(config.kind, config.image_size, config.latent_dim, len(classes), config.learning_rate,
                        config.seed, brightness=float(images.mean()) / 255.0 if len(images) else 0.5)
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
        atomic_write_bytes(folder.path / "samples" / f"epoch_{epoch + 1:04d}.png", png_bytes(grid))
        folder.save_checkpoint(nets.weights(), epoch + 1, {"epoch": epoch + 1, "losses": means})
        write_history(folder.path, history, seconds)
        folder.write_status("running", epochs_done=epoch + 1, epochs=config.epochs)
        emit(SynthEvent(kind="epoch", epoch=epoch + 1, epochs=config.epochs, losses=dict(means), grid=grid,
                        message=f"Epoch {epoch + 1}/{config.epochs} " + "  ".join(f"{k} {v:.4g}" for k, v in means.items())))
    folder.write_status("finished", epochs_done=config.epochs, epochs=config.epochs)
    atomic_write_json(folder.path / "config.json", config.to_dict())
    status(f"Finished all {config.epochs} epochs")
    return GeneratorResult(folder.path, "finished", classes, config.epochs, history)


def _stopped(folder: GeneratorFolder, config: GeneratorConfig, classes: tuple[str, ...],
             history: Mapping[str, list[float]]) -> GeneratorResult:
    """End a stopped training: the unfinished epoch is dropped, the last checkpoint kept."""
    latest = folder.latest()
    done = 0 if latest is None else latest[0]
    folder.write_status("cancelled", epochs_done=done, epochs=config.epochs)
    return GeneratorResult(folder.path, "cancelled", classes, done, {k: list(v[:done]) for k, v in history.items()})


def build_models(kind: str, image_size: int, latent_dim: int, num_classes: int, learning_rate: float, seed: int,
                 brightness: float = 0.5) -> Any:
    """The networks of a generator (``core.synthetic.networks``)."""
    from tlstudio.core.synthetic.networks import build

    return build(kind, image_size, latent_dim, num_classes, learning_rate, seed, brightness)


def to_uint8(images: np.ndarray, kind: str) -> np.ndarray:
    from tlstudio.core.synthetic.networks import to_uint8 as convert

    return convert(images, kind)


def to_network(images: np.ndarray, kind: str) -> np.ndarray:
    from tlstudio.core.synthetic.networks import to_network as convert

    return convert(images, kind)
