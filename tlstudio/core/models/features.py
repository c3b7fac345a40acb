"""The feature cache: run the frozen part of the network once, train on its outputs.

Training a head on a frozen backbone does not need the backbone every epoch: its outputs do
not change. tlstudio computes them once per image (and, with augmentation on, for a fixed
number of augmented views per image), stores them in the workspace as ``.npy`` files and
trains on those. The key covers everything that changes the numbers: the images (paths,
sizes, modification times), the backbone, its weights, the input size, where the network is
cut, pooling, and the augmentation with its seed.

Arrays are written through a memory map, a batch at a time, so a dataset ten times larger
does not need ten times the memory; finished files are renamed into place (atomic), and read
back memory-mapped.
"""

from __future__ import annotations

import hashlib
import json
import math
import os
import time
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Sequence

import numpy as np

from tlstudio.core.errors import RunError
from tlstudio.core.outputs.diskspace import allocate
from tlstudio.core.outputs.locks import WorkspaceLock
from tlstudio.core.outputs.workspace import write_error

if TYPE_CHECKING:
    import keras

    from tlstudio.core.data.records import ImageRecord

CACHE_VERSION = 1


class Cancelled(Exception):
    """Raised inside tlstudio when ``should_stop()`` asked a long job to stop.

    It never crosses Keras: the trainer catches it and ends the run as cancelled."""


def weights_identity(weights: str | None, seed: int) -> str:
    """A stable description of the weights for the cache key."""
    if weights is None:
        return f"random-seed{seed}"
    if weights == "imagenet":
        return "imagenet"
    path = Path(weights)
    try:
        stat = path.stat()
        return f"file:{path.resolve()}:{stat.st_size}:{stat.st_mtime_ns}"
    except OSError:
        return f"file:{weights}"


def cache_key(**parts: object) -> str:
    """sha256 of the JSON of ``parts`` (sorted), shortened; the cache file's name."""
    text = json.dumps({"version": CACHE_VERSION, **parts}, sort_keys=True, default=str)
    return hashlib.sha256(text.encode()).hexdigest()[:32]


@dataclass
class FeatureCache:
    """A folder of cached arrays: ``<key>.npy`` plus ``<key>.json`` describing it."""

    root: Path

    def __post_init__(self) -> None:
        self.root = Path(self.root)

    def path(self, key: str) -> Path:
        return self.root / f"{key}.npy"

    def get(self, key: str) -> np.ndarray | None:
        path = self.path(key)
        if not path.exists() or not (self.root / f"{key}.json").exists():
            return None
        try:
            return np.load(path, mmap_mode="r")
        except (OSError, ValueError):
            return None  # a damaged entry is recomputed

    def put_from(self, key: str, shape: tuple[int, ...], dtype: str, fill: Callable[[np.ndarray], None],
                 meta: dict[str, object]) -> np.ndarray:
        """Create ``<key>.npy`` of ``shape``/``dtype``, let ``fill`` write into the memory map,
        then move it into place. If ``fill`` raises (e.g. :class:`Cancelled`), nothing is left."""
        try:
            self.root.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise RunError(f"Could not create the feature cache folder {self.root}.", hint="Check that the workspace folder can be written to.", path=str(self.root)) from exc
        tmp = self.root / f".{key}.{os.getpid()}.{time.monotonic_ns()}.tmp.npy"
        try:
            lock = WorkspaceLock(self.path(key), what="feature cache entry").acquire()  # one writer at a time
        except RunError as exc:
            if isinstance(exc.__cause__, OSError):  # the lock file could not be written: say what for
                raise write_error(self.root, exc.__cause__, what="write the feature cache in") from exc
            raise
        try:
            array = np.lib.format.open_memmap(tmp, mode="w+", dtype=dtype, shape=shape)
            _allocate(tmp)  # a full disk is an error here, not a crash when the memory map is written
            fill(array)
            array.flush()
            del array
            os.replace(tmp, self.path(key))
            meta_tmp = self.root / f".{key}.json.tmp"
            meta_tmp.write_text(json.dumps(meta, indent=2, default=str))
            os.replace(meta_tmp, self.root / f"{key}.json")
        except OSError as exc:
            tmp.unlink(missing_ok=True)
            raise write_error(self.root, exc, what="write the feature cache in") from exc
        except BaseException:
            tmp.unlink(missing_ok=True)
            raise
        finally:
            lock.release()
        result = self.get(key)
        assert result is not None
        return result


def _allocate(path: Path) -> None:
    fd = os.open(path, os.O_RDWR)
    try:
        allocate(fd, os.fstat(fd).st_size, path)
    finally:
        os.close(fd)


def extract_features(
    trunk: "keras.Model",
    records: Sequence["ImageRecord"],
    *,
    image_size: int,
    batch_size: int,
    cache: FeatureCache,
    key: str,
    views: int = 1,
    augmenter: "keras.Layer | None" = None,
    seed: int = 0,
    on_batch: Callable[[int, int], None] | None = None,
    should_stop: Callable[[], bool] | None = None,
    meta: dict[str, object] | None = None,
) -> np.ndarray:
    """Outputs of ``trunk`` for every image, from the cache when present.

    Returns an array of shape ``(views, n_images, *trunk_output)``; with ``views > 1`` each
    view is the trunk applied to a differently augmented copy (view 0 is augmented too when an
    augmenter is given). ``on_batch(done, total)`` reports progress; ``should_stop()`` is polled
    between batches and raises :class:`Cancelled`.
    """
    return extract_outputs(trunk, records, image_size=image_size, batch_size=batch_size, cache=cache, keys=(key,),
                           views=views, augmenter=augmenter, seed=seed, on_batch=on_batch, should_stop=should_stop,
                           metas=(meta,))[0]


def extract_outputs(
    trunk: "keras.Model",
    records: Sequence["ImageRecord"],
    *,
    image_size: int,
    batch_size: int,
    cache: FeatureCache,
    keys: Sequence[str],
    views: int = 1,
    augmenter: "keras.Layer | None" = None,
    seed: int = 0,
    on_batch: Callable[[int, int], None] | None = None,
    should_stop: Callable[[], bool] | None = None,
    metas: Sequence[dict[str, object] | None] = (),
) -> list[np.ndarray]:
    """:func:`extract_features` of a trunk with one output per key (``keys[i]`` caches output
    ``i``), every output from one pass over the images: a fine-tune run's pooled features and its
    cutoff's activations cost one pass, not two. All from the cache when every key is there."""
    cached = [cache.get(key) for key in keys]
    if all(c is not None and c.shape[:2] == (views, len(records)) for c in cached):
        return cached  # type: ignore[return-value]

    from tlstudio.core.data.pipeline import make_tf_dataset

    outputs = trunk.outputs
    shapes = [tuple(int(d) for d in out.shape[1:]) for out in outputs]
    dtypes = ["float16" if len(shape) >= 3 else "float32" for shape in shapes]
    n = len(records)
    steps = math.ceil(n / batch_size)
    total = steps * views
    num_classes = max(2, 1 + max((r.label for r in records), default=0))

    def fill(arrays: Sequence[np.ndarray]) -> None:
        done = 0
        for view in range(views):
            ds = make_tf_dataset(records, image_size, batch_size, num_classes, shuffle=False, seed=seed, one_hot=False)
            start = 0
            for images, _ in ds:
                if should_stop is not None and should_stop():
                    raise Cancelled()
                if augmenter is not None:
                    images = augmenter(images, training=True)
                out = trunk.predict_on_batch(images)
                out = out if isinstance(out, (list, tuple)) else [out]
                for array, values, dtype in zip(arrays, out, dtypes):
                    values = np.asarray(values)
                    array[view, start : start + len(values)] = values.astype(dtype, copy=False)
                start += len(np.asarray(out[0]))
                done += 1
                if on_batch is not None:
                    on_batch(done, total)

    metas = list(metas) + [None] * (len(keys) - len(metas))

    def nested(i: int, arrays: list[np.ndarray]) -> list[np.ndarray]:
        """Each output's cache file opened inside the previous one's: all are written, or none."""
        if i == len(keys):
            fill(arrays)
            return []
        info = {"images": n, "views": views, "shape": list(shapes[i]), **(metas[i] or {})}
        inner: list[np.ndarray] = []

        def fill_one(array: np.ndarray) -> None:
            inner.extend(nested(i + 1, [*arrays, array]))

        return [cache.put_from(keys[i], (views, n, *shapes[i]), dtypes[i], fill_one, info), *inner]

    return nested(0, [])
