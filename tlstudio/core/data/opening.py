"""What tlstudio agrees to open as a picture: a regular file (or a link to one) of at most
:func:`pixel_limit` pixels. One check and one message each, used by the folder check
(:mod:`~tlstudio.core.data.files`), by every picture read (:func:`~tlstudio.core.data.imageio.open_rgb`)
and by predictions.

* A named pipe (FIFO), a socket or a device (``/dev/urandom``) named like a picture would make a
  read wait forever or never end. They are told apart from files by ``stat`` before any read,
  and a file is opened with ``O_NONBLOCK`` and checked again on the open descriptor, so a file
  swapped for a pipe in between cannot block either.
* Pillow warns (``DecompressionBombWarning``) above ``Image.MAX_IMAGE_PIXELS`` and refuses only
  above twice that, so a 169-megapixel picture used to be decoded by some paths and refused by
  others. Here every path refuses above the limit itself, with one message, and Pillow's warning
  (which would only repeat it in developer words) is silenced.
"""

from __future__ import annotations

import os
import stat
import warnings
from typing import BinaryIO, Union

from PIL import Image

from tlstudio.core.errors import DatasetError

PathLike = Union[str, "os.PathLike[str]"]

# Every picture over the limit is refused by :func:`check_pixels`: Pillow's warning adds nothing.
warnings.filterwarnings("ignore", category=Image.DecompressionBombWarning)


class NotAFile(DatasetError):
    """A path that names a pipe, a socket, a device or a folder rather than a file."""


class TooManyPixels(DatasetError):
    """A picture larger than tlstudio opens safely."""


def pixel_limit() -> int | None:
    """The most pixels a picture may have (Pillow's ``MAX_IMAGE_PIXELS``, 89,478,485 by default)."""
    return Image.MAX_IMAGE_PIXELS


def too_many_pixels_message(path: PathLike, pixels: str) -> str:
    """The one message for a picture over the limit; ``pixels`` like ``"13000×13000 pixels"``."""
    limit = pixel_limit()
    return (f"'{os.path.basename(os.fspath(path))}' claims to be {pixels}, more than tlstudio opens safely "
            f"({limit:,} pixels). It may be damaged or malformed. Save a smaller copy or remove it.")


def check_pixels(size: tuple[int, int], path: PathLike) -> None:
    """Raise :class:`TooManyPixels` when a ``(width, height)`` picture is over the limit."""
    limit = pixel_limit()
    width, height = size
    if limit is not None and width * height > limit:
        raise TooManyPixels(too_many_pixels_message(path, f"{width}×{height} pixels"), path=os.fspath(path))


def _kind(mode: int) -> str | None:
    """What a non-regular file is, in words; None for a regular file."""
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISSOCK(mode):
        return "a socket (a connection between programs)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISDIR(mode):
        return "a folder"
    return "a special file"


def not_a_file_message(path: PathLike, mode: int) -> str | None:
    """Why ``path`` (already ``stat``-ed, links followed, as ``mode``) is not opened; None for a file."""
    kind = _kind(mode)
    if kind is None:
        return None
    path = os.fspath(path)
    name = os.path.basename(path)
    if os.path.islink(path):
        where = f"is a shortcut (symbolic link) to {kind}, {os.path.realpath(path)}"
    else:
        where = f"is {kind}"
    return (f"'{name}' {where}, not a picture file, so tlstudio does not read it (reading it could wait forever "
            "or never end). Remove it, or replace it with the picture it should be.")


def check_regular(path: PathLike) -> None:
    """Raise :class:`NotAFile` unless ``path`` is a regular file or a link to one (OSErrors of
    ``stat``, such as a missing file, are raised as they are)."""
    message = not_a_file_message(path, os.stat(path).st_mode)
    if message is not None:
        raise NotAFile(message, path=os.fspath(path))


def nonblocking(path: PathLike, flags: int) -> int:
    """An ``opener`` for :func:`open` that never waits (a pipe opens at once instead of hanging)."""
    return os.open(path, flags | getattr(os, "O_NONBLOCK", 0))


def check_opened(fh: BinaryIO, path: PathLike) -> None:
    """Raise :class:`NotAFile` when the opened ``fh`` is not a regular file (it was swapped
    after :func:`check_regular`)."""
    message = not_a_file_message(path, os.fstat(fh.fileno()).st_mode)
    if message is not None:
        fh.close()
        raise NotAFile(message, path=os.fspath(path))


def open_regular(path: PathLike) -> BinaryIO:
    """``open(path, "rb")`` for a regular file only, never blocking (see the module docstring)."""
    check_regular(path)
    fh = open(path, "rb", opener=nonblocking)
    check_opened(fh, path)
    return fh
