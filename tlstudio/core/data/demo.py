"""Datasets a first-time user can train on at once: the bundled digits, and tf_flowers on demand.

:func:`ensure_demo_dataset` writes the 1,797 handwritten digit scans that scikit-learn ships
(``sklearn.datasets.load_digits``, BSD licence; 8x8 grey scans of 43 writers) as 64x64 RGB
PNG files, one folder per digit, into the workspace. It works with no network at all, so the
app has something real to open on its very first start.

:func:`download_flowers` fetches TensorFlow's ``flower_photos`` archive (tf_flowers: 3,670
photos of five kinds of flowers, CC-BY 2.0) from its official address, with progress and
cancellation, and unpacks it into the workspace.

Both write into a temporary folder next to the target and rename it into place at the end, so
an interrupted write never leaves a half dataset that looks complete. The user's folders are
never touched. No Qt and no TensorFlow here.
"""

from __future__ import annotations

import os
import shutil
import socket
import tarfile
import tempfile
import time
import urllib.error
from pathlib import Path
from typing import Callable
from urllib.request import Request, urlopen

import numpy as np
from PIL import Image

from tlstudio.core.errors import DatasetError

DEMO_FOLDER = "demo"
DIGITS_FOLDER = "digits"
DIGITS_COUNT = 1797
DIGITS_SIZE = 64

FLOWERS_URL = "https://storage.googleapis.com/download.tensorflow.org/example_images/flower_photos.tgz"
FLOWERS_FOLDER = "flower_photos"
FLOWERS_CLASSES: tuple[str, ...] = ("daisy", "dandelion", "roses", "sunflowers", "tulips")
_CHUNK = 256 * 1024
_TIMEOUT_S = 30.0

ProgressCallback = Callable[[int, int], None]
StopFlag = Callable[[], bool]


class DownloadCancelled(Exception):
    """Raised by :func:`download_flowers` when ``should_stop()`` returned True (not an error)."""


def digits_folder(workspace: Path | str) -> Path:
    """Where :func:`ensure_demo_dataset` puts the digits."""
    return Path(workspace) / DEMO_FOLDER / DIGITS_FOLDER


def flowers_folder(workspace: Path | str) -> Path:
    """Where :func:`download_flowers` puts tf_flowers."""
    return Path(workspace) / "datasets" / FLOWERS_FOLDER


def _digits_complete(folder: Path) -> bool:
    if not folder.is_dir():
        return False
    return sum(1 for _ in folder.glob("*/*.png")) == DIGITS_COUNT


def ensure_demo_dataset(workspace: Path | str) -> Path:
    """Write scikit-learn's handwritten digits as ``<workspace>/demo/digits/<digit>/*.png``.

    Each 8x8 scan (16 grey levels) is scaled to 0..255, inverted to dark ink on light paper,
    enlarged to 64x64 with bicubic interpolation and saved as RGB. Idempotent: a complete
    folder is returned as it is; an incomplete one (files deleted by hand) is rebuilt.
    Returns the dataset folder.
    """
    from sklearn.datasets import load_digits

    target = digits_folder(workspace)
    if _digits_complete(target):
        return target
    target.parent.mkdir(parents=True, exist_ok=True)
    digits = load_digits()
    images = np.asarray(digits.images, dtype=np.float64)
    labels = np.asarray(digits.target)
    pixels = 255 - np.round(images * (255.0 / 16.0)).clip(0, 255).astype(np.uint8)
    tmp = Path(tempfile.mkdtemp(prefix=".digits-", dir=target.parent))
    try:
        for digit in sorted(set(int(d) for d in labels)):
            (tmp / str(digit)).mkdir()
        for index, (image, label) in enumerate(zip(pixels, labels)):
            img = Image.fromarray(image, mode="L").resize((DIGITS_SIZE, DIGITS_SIZE), Image.Resampling.BICUBIC)
            img.convert("RGB").save(tmp / str(int(label)) / f"digit_{index:04d}.png", optimize=False)
        _replace_folder(tmp, target)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return target


def _replace_folder(new: Path, target: Path) -> None:
    """Move ``new`` to ``target``; an old ``target`` is moved aside first and then deleted."""
    old = None
    if target.exists():
        old = target.with_name(f".{target.name}-old-{os.getpid()}-{time.monotonic_ns()}")
        os.replace(target, old)
    os.replace(new, target)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


def _offline_error(url: str, exc: BaseException) -> DatasetError:
    host = url.split("/")[2] if "//" in url else url
    return DatasetError(
        f"The flower photos could not be downloaded: there is no connection to {host}.",
        hint="Check the internet connection and try again. The handwritten digits demo works without one.",
        details=repr(exc),
    )


def download_flowers(
    workspace: Path | str,
    *,
    on_progress: ProgressCallback | None = None,
    should_stop: StopFlag | None = None,
    url: str = FLOWERS_URL,
) -> Path:
    """Download and unpack tf_flowers into ``<workspace>/datasets/flower_photos``.

    ``on_progress(bytes_done, bytes_total)`` is called as the archive arrives (``bytes_total``
    is 0 when the server does not say). ``should_stop()`` is checked between chunks; when it
    returns True the partial download is deleted and :class:`DownloadCancelled` is raised.
    An existing complete folder is returned at once. Raises :class:`DatasetError` when offline
    or when the archive is damaged.
    """
    target = flowers_folder(workspace)
    if target.is_dir() and all((target / name).is_dir() for name in FLOWERS_CLASSES):
        return target
    stop = should_stop or (lambda: False)
    downloads = Path(workspace) / "downloads"
    downloads.mkdir(parents=True, exist_ok=True)
    part = downloads / f"flower_photos-{os.getpid()}.tgz.part"
    try:
        _fetch(url, part, on_progress, stop)
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = Path(tempfile.mkdtemp(prefix=".flowers-", dir=target.parent))
        try:
            _unpack(part, tmp, url)
            unpacked = tmp / FLOWERS_FOLDER
            if not unpacked.is_dir():
                raise DatasetError(
                    f"The archive downloaded from {url} does not hold a '{FLOWERS_FOLDER}' folder.",
                    hint="The file on the server may have changed; try again later.",
                )
            _replace_folder(unpacked, target)
        finally:
            shutil.rmtree(tmp, ignore_errors=True)
    finally:
        part.unlink(missing_ok=True)
    return target


def _fetch(url: str, part: Path, on_progress: ProgressCallback | None, stop: StopFlag) -> None:
    request = Request(url, headers={"User-Agent": "tlstudio"})
    try:
        with urlopen(request, timeout=_TIMEOUT_S) as response, open(part, "wb") as out:
            total = int(response.headers.get("Content-Length") or 0)
            done = 0
            if on_progress is not None:
                on_progress(0, total)
            while True:
                if stop():
                    raise DownloadCancelled()
                chunk = response.read(_CHUNK)
                if not chunk:
                    break
                out.write(chunk)
                done += len(chunk)
                if on_progress is not None:
                    on_progress(done, total)
    except (urllib.error.URLError, socket.timeout, ConnectionError) as exc:
        raise _offline_error(url, exc) from exc
    if total and done != total:
        raise DatasetError(
            f"The download of the flower photos stopped early ({done:,} of {total:,} bytes).",
            hint="Check the internet connection and try again.",
        )


def _unpack(archive: Path, into: Path, url: str) -> None:
    try:
        with tarfile.open(archive, "r:gz") as tar:
            tar.extractall(into, filter="data")
    except (tarfile.TarError, EOFError, OSError) as exc:
        raise DatasetError(
            f"The archive downloaded from {url} is damaged and could not be unpacked.",
            hint="Try the download again.",
            details=repr(exc),
        ) from exc


__all__ = [
    "DIGITS_COUNT",
    "FLOWERS_URL",
    "DownloadCancelled",
    "digits_folder",
    "download_flowers",
    "ensure_demo_dataset",
    "flowers_folder",
]
