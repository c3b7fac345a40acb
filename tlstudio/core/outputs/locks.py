"""One writer at a time: a lock file in every workspace folder tlstudio writes into.

A run folder (new run, resume, report, calibration), a study, a synthetic set or generator, an
export and a feature-cache entry are each written by one process at a time. The writer makes
``.tlstudio-lock`` in the folder (or ``<name>.lock`` beside a single file) holding who it is:
process id, computer (host), when the process started, when the lock was taken and the command.
A second writer — another command, the app, the same computer or another one sharing the
workspace — is refused with :class:`FolderLocked`, which names that process and computer.

A lock left by a process that has ended on this computer (killed, crashed, the computer
stopped) is stale: the next writer takes it over. The takeover is atomic: the lock file is
created with ``O_CREAT | O_EXCL`` (one creator wins, also over NFS), and the holder keeps an
``fcntl.flock`` on it for as long as it writes; a process taking over a stale lock must first
get that flock (a second contender cannot), then checks that the file is still the one it
read before writing itself into it. A lock held by a process on another computer cannot be
tested from here, so it is never taken over silently: the message names the computer and says
which file to delete once that process is known to have ended.

The ``filelock`` library was not used: its ``FileLock`` is a bare ``flock`` (no record of who
holds it, so no message naming the process, and ``flock`` is not honoured across computers on
every shared file system), and its ``SoftFileLock`` cannot tell a stale lock from a live one.
"""

from __future__ import annotations

import contextlib
import json
import os
import shlex
import sys
import time
from pathlib import Path
from typing import Any, Iterator, Mapping, Union

from tlstudio.core.errors import RunError
from tlstudio.core.outputs.workspace import now_text, process_alive, this_process, write_error

try:  # POSIX; on Windows the O_EXCL file alone decides, and a stale lock is replaced by rename
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]

PathLike = Union[str, "os.PathLike[str]"]

#: The lock file's name inside a locked folder.
LOCK_FILE = ".tlstudio-lock"
#: Bytes a run folder's lock file keeps on the disk for the run's last status (see ``free_reserve``).
RUN_RESERVE = 256 * 1024


class FolderLocked(RunError):
    """Another process is writing into this folder (the message names it and its computer)."""

    def __init__(self, message: str, *, hint: str, path: str, holder: Mapping[str, Any]) -> None:
        super().__init__(message, hint=hint, path=path)
        self.holder = dict(holder)


def lock_path(target: PathLike, *, beside: bool = False) -> Path:
    """The lock file of ``target``: ``.tlstudio-lock`` in a folder, ``<file>.lock`` beside a file,
    or ``.<name>.lock`` beside a folder that is made by renaming (``beside``; an export)."""
    target = Path(target)
    if beside:
        return target.with_name(f".{target.name}.lock")
    return target / LOCK_FILE if target.is_dir() or not target.suffix else target.with_name(target.name + ".lock")


def current_command() -> str:
    """The command line of this process, as a user would type it."""
    args = [Path(sys.argv[0]).name if sys.argv and sys.argv[0] else "python", *sys.argv[1:]]
    return shlex.join(args)


def read_holder(path: Path) -> dict[str, Any] | None:
    """The record in the lock file ``path``; None when it is gone; ``{}`` when it is unreadable
    (still being written, or damaged)."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None
    except OSError:
        return {}
    try:
        record = json.loads(text)
    except json.JSONDecodeError:
        return {}
    return record if isinstance(record, dict) else {}


def holder_text(holder: Mapping[str, Any]) -> str:
    """``process 1234 on host lab-pc (tlstudio train ..., since 2026-...)``."""
    pid, host = holder.get("pid", "?"), holder.get("host") or "an unknown computer"
    extra = ", ".join(str(v) for v in (holder.get("command"), f"since {holder['since']}" if holder.get("since") else None) if v)
    return f"process {pid} on {host}" + (f" ({extra})" if extra else "")


class WorkspaceLock:
    """The lock of one folder or file; :meth:`acquire` or refuse, :meth:`release` when done."""

    def __init__(self, target: PathLike, *, what: str = "folder", command: str | None = None,
                 reserve: int = 0, beside: bool = False) -> None:
        self.target = Path(target)
        self.reserve = reserve  # bytes the lock file keeps allocated until :meth:`free_reserve`
        self.size = 0
        self.path = lock_path(self.target, beside=beside)
        self.what = what
        self.command = command or current_command()
        self.fd: int | None = None

    def record(self) -> dict[str, Any]:
        return {**this_process(), "since": now_text(), "command": self.command}

    def acquire(self) -> "WorkspaceLock":
        """Take the lock, taking over a stale one; :class:`FolderLocked` when a live process holds it."""
        for _ in range(400):  # each turn either wins, refuses, or saw the lock change under it
            try:
                self.path.parent.mkdir(parents=True, exist_ok=True)
                fd = os.open(self.path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644)
            except FileExistsError:
                if self._take_over_stale():
                    return self
                continue
            except OSError as exc:
                raise write_error(self.target, exc, what=f"write into the {self.what}") from exc
            if not self._flock(fd):  # someone judged the empty new file stale and took it: it is theirs
                os.close(fd)
                continue
            self._write(fd)
            return self
        raise self._refusal(read_holder(self.path) or {})

    def _flock(self, fd: int) -> bool:
        if fcntl is None:
            return True
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return True
        except BlockingIOError:
            return False
        except OSError:  # a file system without flock: the O_EXCL file and the record decide
            return True

    def _write(self, fd: int) -> None:
        data = (json.dumps(self.record(), indent=2) + "\n").encode("utf-8")
        self.size = len(data)
        data += b" " * max(0, self.reserve - len(data))  # trailing blanks: still the same JSON
        try:
            os.ftruncate(fd, 0)
            os.pwrite(fd, data, 0) if hasattr(os, "pwrite") else os.write(fd, data)
            os.fsync(fd)
        except OSError as exc:
            os.close(fd)
            with contextlib.suppress(OSError):
                os.unlink(self.path)
            raise write_error(self.target, exc, what=f"write into the {self.what}") from exc
        self.fd = fd

    def _take_over_stale(self) -> bool:
        """True when the existing lock was stale and is now ours; raises when it is live; False
        when it changed (or vanished) while looking, to try again."""
        holder = read_holder(self.path)
        if holder is None:
            return False
        try:
            fd = os.open(self.path, os.O_RDWR)
        except FileNotFoundError:
            return False
        except OSError as exc:
            raise write_error(self.path, exc, what="open the lock file") from exc
        keep = False
        try:
            if not self._flock(fd):
                now = read_holder(self.path) or {}
                if not now or process_alive({**now, "status": "running"}) is False:
                    time.sleep(0.005)  # another process is taking this stale lock over: see who won
                    return False
                raise self._refusal(now, own=_is_this_process(now))
            holder = read_holder(self.path)  # now that no one else can change it
            if holder is None or not _same_file(fd, self.path):
                return False
            if _is_this_process(holder):
                raise self._refusal(holder, own=True)
            if holder and process_alive({**holder, "status": "running"}) is not False:
                raise self._refusal(holder)
            self._write(fd)  # an empty record with no flock held: its writer died before writing
            keep = True
            return True
        finally:
            if not keep:
                with contextlib.suppress(OSError):
                    os.close(fd)

    def _refusal(self, holder: Mapping[str, Any], *, own: bool = False) -> FolderLocked:
        who = holder_text(holder) if holder else "another process"
        if own:
            message = f"This {self.what} {self.target} is already being written by this same program ({who})."
            hint = "Wait until that finishes, or stop it first."
        elif holder and process_alive({**holder, "status": "running"}) is None:
            message = f"The {self.what} {self.target} is being written by {who}, on another computer."
            hint = (f"Wait until it finishes there. If you know that process has ended, delete the lock file "
                    f"{self.path} and try again.")
        else:
            message = f"The {self.what} {self.target} is being written by {who}."
            hint = "Wait until it finishes, or stop it first (a lock left by a process that ended is taken over)."
        return FolderLocked(message, hint=hint, path=str(self.target), holder=holder)

    def free_reserve(self) -> None:
        """Give back the room the lock file kept (for the last words of a run on a full disk:
        its status "failed" and the reason)."""
        if self.fd is not None and self.reserve:
            with contextlib.suppress(OSError):
                os.ftruncate(self.fd, self.size)

    def release(self) -> None:
        """Remove the lock file (while still holding it, so no one takes over a file being removed)."""
        if self.fd is None:
            return
        with contextlib.suppress(OSError):
            if _same_file(self.fd, self.path):
                os.unlink(self.path)
        with contextlib.suppress(OSError):
            os.close(self.fd)
        self.fd = None

    def __enter__(self) -> "WorkspaceLock":
        return self if self.fd is not None else self.acquire()

    def __exit__(self, *exc: Any) -> None:
        self.release()


def _is_this_process(holder: Mapping[str, Any]) -> bool:
    me = this_process()
    return holder.get("pid") == me["pid"] and holder.get("host") == me["host"]


def _same_file(fd: int, path: Path) -> bool:
    try:
        a, b = os.fstat(fd), os.stat(path)
    except OSError:
        return False
    return (a.st_dev, a.st_ino) == (b.st_dev, b.st_ino)


@contextlib.contextmanager
def locked(target: PathLike, *, what: str = "folder", command: str | None = None,
           beside: bool = False) -> Iterator[WorkspaceLock]:
    """``with locked(folder, what="run folder"):`` — write into ``folder`` as its only writer."""
    lock = WorkspaceLock(target, what=what, command=command, beside=beside).acquire()
    try:
        yield lock
    finally:
        lock.release()


def holder_of(target: PathLike) -> dict[str, Any] | None:
    """Who holds the lock of ``target`` now (None when no live process on this computer does;
    a record from another computer is returned, as it cannot be tested)."""
    holder = read_holder(lock_path(target))
    if not holder:
        return None
    return None if process_alive({**holder, "status": "running"}) is False else holder


def run_lock(run_dir: PathLike) -> WorkspaceLock:
    """The taken lock of a run folder (a new run, a resume, its report or calibration). It keeps
    :data:`RUN_RESERVE` bytes allocated, so that a run that filled the disk can still say so."""
    return WorkspaceLock(run_dir, what="run folder", reserve=RUN_RESERVE).acquire()
