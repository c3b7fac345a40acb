"""Proof that tlstudio leaves the user's image folder alone.

Two independent checks, used together:

``tree_hash(folder)`` hashes everything under a folder without following links: every
folder, every file's relative path, bytes, permission bits and modification time, and where
every symbolic link points. Equal hashes before and after mean the folder is byte for byte
unchanged, whatever wrote to it (Python, TensorFlow's C++ code, anything).

``watch_writes(folder)`` records, while it is active, every attempt made from Python to
change something inside the folder: opening a file for writing, appending or creating;
renaming, replacing, removing, creating folders or links, changing permissions or times;
``shutil`` copies, moves and tree removals. It uses an audit hook (:func:`sys.addaudithook`),
which cannot be removed once added, so the hook is added on first use and does nothing
unless a ``watch_writes`` block is active (the module-level ``_watched`` is set). A write is
recorded even when it fails (a read-only folder stops other users, not root), so a test run
as root still sees it.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import stat
import sys
import threading
from pathlib import Path
from typing import Any, Iterator

# Audit events that change the file system, and the positions of their arguments that name
# what is changed (https://docs.python.org/3/library/audit_events.html).
_CHANGING_EVENTS: dict[str, tuple[int, ...]] = {
    "os.rename": (0, 1),  # os.rename and os.replace
    "os.remove": (0,),  # os.remove and os.unlink
    "os.rmdir": (0,),
    "os.mkdir": (0,),
    "os.mkfifo": (0,),
    "os.mknod": (0,),
    "os.chmod": (0,),
    "os.chown": (0,),
    "os.chflags": (0,),
    "os.utime": (0,),
    "os.truncate": (0,),
    "os.symlink": (1,),
    "os.link": (1,),
    "os.setxattr": (0,),
    "os.removexattr": (0,),
    "shutil.rmtree": (0,),
    "shutil.move": (0, 1),
    "shutil.copyfile": (1,),
    "shutil.copymode": (1,),
    "shutil.copystat": (1,),
    "shutil.copytree": (1,),
    "shutil.chown": (0,),
    "shutil.unpack_archive": (1,),
    "tempfile.mkstemp": (0,),
    "tempfile.mkdtemp": (0,),
}
_WRITE_FLAGS = os.O_WRONLY | os.O_RDWR | os.O_APPEND | os.O_CREAT | os.O_TRUNC

_watched: tuple[str, ...] | None = None  # the folders being watched; None: the hook is inert
_recorded: list[tuple[str, str]] = []
_installed = False
_busy = threading.local()


def tree_hash(folder: str | os.PathLike[str], *, metadata: bool = True) -> str:
    """A sha256 of everything under ``folder`` (links are not followed).

    Covers each entry's path relative to ``folder``, its kind and permission bits; a file's
    bytes, size and modification time; a link's target. A file that cannot be read (as a
    non-root user, after ``chmod 0``) counts by its metadata alone. ``metadata=False`` leaves
    out permission bits and modification times: two folders written at different times with
    the same names and bytes hash alike.
    """
    root = Path(folder)
    h = hashlib.sha256()
    for dirpath, dirnames, filenames in os.walk(root, followlinks=False):
        dirnames.sort()
        for name in sorted(dirnames + filenames):
            path = Path(dirpath, name)
            st = path.lstat()
            rel = os.fsencode(path.relative_to(root))
            mode = f"\0{stat.S_IMODE(st.st_mode):o}" if metadata else ""
            h.update(b"\0entry\0" + rel + f"\0{stat.S_IFMT(st.st_mode)}{mode}".encode())
            if stat.S_ISLNK(st.st_mode):
                h.update(b"\0link\0" + os.fsencode(os.readlink(path)))
            elif stat.S_ISREG(st.st_mode):
                h.update(f"\0{st.st_size}\0{st.st_mtime_ns if metadata else ''}\0".encode())
                try:
                    h.update(path.read_bytes())
                except PermissionError:
                    h.update(b"\0unreadable\0")
    if metadata:
        h.update(f"\0root\0{stat.S_IMODE(root.lstat().st_mode):o}".encode())
    return h.hexdigest()


def _path_of(value: Any) -> str | None:
    """An absolute path from an audit argument, or None for a file descriptor or anything else."""
    if isinstance(value, int) or value is None:
        return None
    try:
        return os.path.abspath(os.fsdecode(os.fspath(value)))
    except TypeError:
        return None


def _inside(path: str, folders: tuple[str, ...]) -> bool:
    candidates = {path, os.path.join(os.path.realpath(os.path.dirname(path)), os.path.basename(path))}
    return any(c == f or c.startswith(f + os.sep) for c in candidates for f in folders)


def _is_write(event: str, args: tuple[Any, ...]) -> bool:
    if event != "open":
        return True
    mode, flags = args[1], args[2]
    if isinstance(mode, str) and any(c in mode for c in "wax+"):
        return True
    return isinstance(flags, int) and bool(flags & _WRITE_FLAGS)


def _hook(event: str, args: tuple[Any, ...]) -> None:
    folders = _watched
    if folders is None:
        return
    if event == "open":
        positions: tuple[int, ...] = (0,)
    else:
        found = _CHANGING_EVENTS.get(event)
        if found is None:
            return
        positions = found
    if getattr(_busy, "active", False) or not _is_write(event, args):
        return
    _busy.active = True  # realpath below must not re-enter the hook
    try:
        for i in positions:
            path = _path_of(args[i]) if i < len(args) else None
            if path is not None and _inside(path, folders):
                _recorded.append((event, path))
    finally:
        _busy.active = False


@contextlib.contextmanager
def watch_writes(folder: str | os.PathLike[str]) -> Iterator[list[tuple[str, str]]]:
    """Record every change Python attempts inside ``folder`` while the block runs.

    Yields the list of ``(audit event, path)`` that fills as writes are attempted; it is
    complete when the block ends.
    """
    global _watched, _installed
    if not _installed:
        sys.addaudithook(_hook)
        _installed = True
    absolute = os.path.abspath(folder)
    _recorded.clear()
    seen: list[tuple[str, str]] = []
    _watched = tuple(sorted({absolute, os.path.realpath(absolute)}))
    try:
        yield seen
    finally:
        _watched = None
        seen.extend(_recorded)
        _recorded.clear()


__all__ = ["tree_hash", "watch_writes"]
