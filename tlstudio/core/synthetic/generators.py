"""Generators and synthetic sets on disk: their folders, checkpoints, events and summaries.

The rest of the package builds on these: ``training`` (train a generator), ``sets`` (generate,
accept a set, what a run adds from one), ``quality`` (how good a set is), ``networks`` (the
Keras networks). No Qt here; the CLI and the desktop app both call these.

A *generator* learns the training images of every class of a dataset (only ``split.train``
of the same split the classifier runs use, so it never sees their validation or test images)
and makes new images of a chosen class. Its folder, ``<workspace>/generators/<stamp>-<name>/``,
holds ``config.json``, ``status.json``, ``history.csv`` (one row per epoch), ``classes.txt``,
``checkpoints/`` (saved every epoch, atomically) and ``samples/epoch_0001.png`` (a grid: one row
per class, 8 samples each, from the same noise every epoch so the rows can be compared).

A *synthetic set* is what the user accepted from a generator:
``<workspace>/synthetic/<stamp>-<name>/<class>/synthetic_0001.png ...`` with ``provenance.json``
(generator, epoch, seed, data folder, split). It is never written into the user's folder.
Runs add it to their training images only (``RunConfig.synthetic``; ``sets.synthetic_for_run``).
"""

from __future__ import annotations

import contextlib
import csv
import io
import os
import shutil
import warnings
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Mapping, Sequence

import numpy as np

from tlstudio.core.config import GeneratorConfig
from tlstudio.core.errors import RunError, TlStudioError
from tlstudio.core.outputs.workspace import (
    atomic_write_bytes,
    atomic_write_json,
    atomic_write_text,
    csv_text,
    now_text,
    read_json,
)

if TYPE_CHECKING:
    pass

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
    ``class_consistency``: the share of the synthetic images that a classifier trained on the
    real images of every class labels as this class (1.0 = all; chance = 1 / classes).
    """

    fid: float
    real_vs_synthetic_accuracy: float
    n_real: int
    n_synthetic: int
    class_consistency: float = float("nan")


@dataclass(frozen=True)
class QualityReport:
    """The quality of a synthetic set, per class, and which features were used."""

    per_class: Mapping[str, ClassQuality]
    feature: str
    #: The class-consistency threshold (``core.synthetic.consistency``).
    threshold: float = 0.0

    @property
    def below(self) -> tuple[str, ...]:
        """The classes whose class consistency is under the threshold."""
        return tuple(c for c, q in self.per_class.items() if not q.class_consistency >= self.threshold)

    def to_dict(self) -> dict[str, Any]:
        return {"feature": self.feature, "consistency_threshold": self.threshold, "below_threshold": list(self.below),
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


def read_folder_json(path: Path, what: str) -> Any:
    return read_json(path, what, hint="The folder is incomplete; choose another one.")


def save_png(path: PathLike, image: np.ndarray) -> Path:
    """Write a ``uint8`` RGB image as a PNG file, atomically."""
    return atomic_write_bytes(path, png_bytes(image))


def png_bytes(image: np.ndarray) -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.fromarray(np.ascontiguousarray(image, dtype=np.uint8)).save(buffer, format="PNG")
    return buffer.getvalue()


def make_grid(rows: Sequence[np.ndarray]) -> np.ndarray:
    """Tile images into one ``uint8`` picture: ``rows[i]`` (``(k, S, S, 3)``) is row ``i``, side by side."""
    return np.concatenate([np.concatenate(list(row), axis=1) for row in rows], axis=0).astype(np.uint8)


def real_path(path: PathLike) -> str:
    return os.path.normcase(os.path.realpath(os.fspath(path)))


class GeneratorFolder:
    """A generator's folder and its files (see the module docstring)."""

    def __init__(self, path: PathLike) -> None:
        self.path = Path(path)

    def config(self) -> GeneratorConfig:
        return GeneratorConfig.from_dict(read_folder_json(self.path / "config.json", "generator settings"))

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
        data = read_folder_json(self.path / "status.json", "generator status")
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
        data = read_folder_json(path, "checkpoint")
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
                try:
                    model.load_weights(folder / f"{stem}.weights.h5")
                except ValueError as exc:  # another layout: a generator saved by an earlier version
                    raise RunError(f"The generator {self.path} was saved with networks of another layout (an "
                                   "earlier version of tlstudio), so its weights cannot be loaded.",
                                   hint="Train a new generator on the same images.", path=str(self.path),
                                   details=repr(exc)) from exc
        return epoch

    def train_images(self) -> dict[str, list[str]]:
        data = read_folder_json(self.path / TRAIN_IMAGES_FILE, "training image list")
        return {str(k): [str(p) for p in v] for k, v in data.items()}


def write_history(folder: Path, history: Mapping[str, list[float]], seconds: Sequence[float]) -> None:
    names = list(history)
    rows = ([i + 1, *(f"{history[n][i]:.6g}" for n in names), f"{seconds[i]:.3f}"] for i in range(len(seconds)))
    atomic_write_text(folder / "history.csv", csv_text(["epoch", *names, "seconds"], rows))


def read_history(folder: Path) -> tuple[dict[str, list[float]], list[float]]:
    path = folder / "history.csv"
    if not path.is_file():
        return {}, []
    with path.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    names = [k for k in (rows[0].keys() if rows else []) if k not in ("epoch", "seconds")]
    return ({n: [float(r[n]) for r in rows] for n in names}, [float(r.get("seconds") or 0.0) for r in rows])


def generator_config(generator_dir: PathLike) -> GeneratorConfig:
    """The settings a generator was trained with (its ``config.json``)."""
    return GeneratorFolder(generator_dir).config()


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
    folder = GeneratorFolder(path)
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
