"""Room on the disk before a write that cannot fail cleanly.

Most of tlstudio's files are written by Python (:mod:`~tlstudio.core.outputs.workspace`), and a
full disk there is an ``OSError`` that becomes a plain-words error. Two writers are different:

* HDF5 (``h5py``), which writes a checkpoint's ``.weights.h5``: when the disk fills under it,
  its file objects are left half closed and the process dies with a segmentation fault when it
  ends (h5py 3.14, HDF5 1.14). So the room a checkpoint needs is checked first
  (:func:`ensure_room_for_weights`) and a full disk is refused before HDF5 writes a byte.
* A memory-mapped file (the feature cache): a page that cannot be given a disk block kills the
  process (``SIGBUS``). So the cache file's blocks are allocated first (:func:`allocate`).

What remains is a disk filled by another program in the instant between the check and the write.
"""

from __future__ import annotations

import errno
import math
import os
import shutil
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import keras

#: Kept free besides the estimate: HDF5's metadata, the state file beside it, the status file.
MARGIN_BYTES = 1 << 20


def disk_full(path: Path, needed: int, free: int) -> OSError:
    """The OSError a full disk gives, with the sizes in its text."""
    return OSError(errno.ENOSPC, f"No space left on device ({needed:,} bytes needed, {free:,} free)", str(path))


def free_bytes(folder: Path) -> int:
    """Bytes that can still be written in ``folder`` (its nearest existing parent)."""
    folder = Path(folder)
    while not folder.exists() and folder.parent != folder:
        folder = folder.parent
    return shutil.disk_usage(folder).free


def ensure_room(folder: Path, needed: int, path: Path | None = None) -> None:
    """Raise the ENOSPC ``OSError`` when fewer than ``needed`` + :data:`MARGIN_BYTES` bytes are free."""
    free = free_bytes(folder)
    if free < needed + MARGIN_BYTES:
        raise disk_full(path or folder, needed + MARGIN_BYTES, free)


def weights_bytes(model: "keras.Model") -> int:
    """About the size of ``model``'s ``.weights.h5``: its variables plus HDF5's bookkeeping."""
    variables: list[Any] = list(model.weights)
    data = sum(math.prod(int(d) for d in v.shape) * _itemsize(v) for v in variables)
    return data + 2048 * len(variables) + 65536


def _itemsize(variable: Any) -> int:
    import numpy as np

    try:
        return np.dtype(str(getattr(variable, "dtype", "float32"))).itemsize
    except TypeError:
        return 4


def ensure_room_for_weights(folder: Path, model: "keras.Model", path: Path | None = None) -> None:
    """Refuse (ENOSPC ``OSError``) a checkpoint that would not fit: see the module docstring."""
    ensure_room(folder, weights_bytes(model), path)


def allocate(fd: int, size: int, path: Path) -> None:
    """Give the file ``fd`` its ``size`` bytes of disk now (a full disk raises ENOSPC here, not a
    ``SIGBUS`` later when a memory map writes into it)."""
    if hasattr(os, "posix_fallocate"):
        try:
            os.posix_fallocate(fd, 0, size)
            return
        except OSError as exc:
            if exc.errno not in (errno.EOPNOTSUPP, errno.EINVAL, getattr(errno, "ENOTSUP", errno.EOPNOTSUPP)):
                raise
    ensure_room(path.parent, size, path)
