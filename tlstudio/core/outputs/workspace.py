"""Where tlstudio writes, and how: the workspace folder, atomic writes and stamped folders.

Every file is written atomically (a temporary file in the same folder, flushed to disk, then
renamed over the old one), so a crash or a full disk never leaves a half-written file and never
destroys the previous version. The user's image folder is never written to: a workspace inside
it is refused (:func:`new_stamped_folder`).
"""

from __future__ import annotations

import contextlib
import csv
import errno
import io
import json
import math
import os
import re
import sys
import tempfile
import unicodedata
from datetime import datetime
from pathlib import Path
from typing import Any, Iterable, Mapping, Sequence, Union

from tlstudio.core.errors import RunError

PathLike = Union[str, "os.PathLike[str]"]

#: Environment variable that overrides the default workspace folder.
WORKSPACE_ENV = "TLSTUDIO_WORKSPACE"
APP_NAME = "tlstudio"
WORKSPACE_SUBFOLDERS: tuple[str, ...] = ("runs", "cache", "exports")
STAMP_FORMAT = "%Y%m%d-%H%M%S"
_DISK_FULL = {errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC), getattr(errno, "EFBIG", errno.ENOSPC)}
_NOT_WRITABLE = {errno.EACCES, errno.EPERM, errno.EROFS}


def default_workspace() -> Path:
    """The workspace folder: ``$TLSTUDIO_WORKSPACE`` when set, else the per-user data folder.

    Linux: ``$XDG_DATA_HOME/tlstudio`` (``~/.local/share/tlstudio``); macOS:
    ``~/Library/Application Support/tlstudio``; Windows: ``%LOCALAPPDATA%\\tlstudio``.
    Nothing is created here (see :func:`ensure_workspace`).
    """
    override = os.environ.get(WORKSPACE_ENV, "").strip()
    if override:
        return Path(override).expanduser()
    home = Path.home()
    if sys.platform == "win32":
        local = os.environ.get("LOCALAPPDATA", "").strip()
        return (Path(local) if local else home / "AppData" / "Local") / APP_NAME
    if sys.platform == "darwin":
        return home / "Library" / "Application Support" / APP_NAME
    xdg = os.environ.get("XDG_DATA_HOME", "").strip()
    base = Path(xdg) if xdg and os.path.isabs(xdg) else home / ".local" / "share"  # XDG: relative paths are ignored
    return base / APP_NAME


def ensure_workspace(workspace: PathLike) -> Path:
    """Create the workspace and its ``runs/``, ``cache/`` and ``exports/`` folders if needed."""
    root = Path(workspace).expanduser()
    for sub in WORKSPACE_SUBFOLDERS:
        try:
            (root / sub).mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise write_error(root / sub, exc, what="create the folder") from exc
    return root


def is_inside(path: Path, folder: Path) -> bool:
    """True when ``path`` is ``folder`` or lies inside it (symbolic links resolved)."""
    a = os.path.normcase(os.path.realpath(path))
    b = os.path.normcase(os.path.realpath(folder))
    return a == b or a.startswith(b.rstrip(os.sep) + os.sep)


def write_error(path: Path, exc: OSError, *, what: str = "save") -> RunError:
    """An OSError from writing ``path`` in plain words."""
    target = str(path)
    if exc.errno in _DISK_FULL:
        return RunError(f"Could not {what} {target} because the disk is full.",
                        hint="Free some space and try again.", path=target, details=str(exc))
    if exc.errno in _NOT_WRITABLE:
        return RunError(f"Could not {what} {target} because the folder cannot be written to.",
                        hint="Choose a workspace folder you are allowed to write to, or ask for write access.",
                        path=target, details=str(exc))
    reason = exc.strerror or str(exc)
    return RunError(f"Could not {what} {target} ({reason}).", hint="Check the disk and try again.",
                    path=target, details=str(exc))


def _new_file_mode() -> int:
    """The permissions a normally created file gets (``0o666`` less the umask)."""
    if sys.platform == "win32":
        return 0o666
    try:  # /proc shows the umask without changing it (Linux); else read and restore it
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("Umask:"):
                return 0o666 & ~int(line.split()[1], 8)
    except (OSError, ValueError):
        pass
    mask = os.umask(0o022)
    os.umask(mask)
    return 0o666 & ~mask


def atomic_write_bytes(path: PathLike, data: bytes) -> Path:
    """Write ``data`` to ``path`` so that readers see the old file or the new one, never half.

    A temporary file in the same folder is written, flushed and fsynced, then renamed over
    ``path`` with :func:`os.replace`. If anything fails the temporary file is removed and the
    old file is left as it was; disk-full and permission problems become :class:`RunError`.
    """
    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        mode = path.stat().st_mode & 0o777 if path.exists() else _new_file_mode()
        fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as exc:
        raise write_error(path, exc) from exc
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        with contextlib.suppress(OSError):
            os.chmod(tmp_name, mode)
        os.replace(tmp_name, path)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp_name)
        if isinstance(exc, OSError):
            raise write_error(path, exc) from exc
        raise
    fsync_folder(path.parent)
    return path


def fsync_folder(folder: Path) -> None:
    """Make the rename itself durable (POSIX); a no-op where folders cannot be opened."""
    if sys.platform == "win32":
        return
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def atomic_write_text(path: PathLike, text: str) -> Path:
    """:func:`atomic_write_bytes` for text (UTF-8, newlines written as given)."""
    return atomic_write_bytes(path, text.encode("utf-8"))


def to_jsonable(obj: Any) -> Any:
    """``obj`` as plain JSON types: tuples and numpy arrays become lists, numpy numbers
    Python numbers, paths strings, and NaN/infinity ``null`` (strict JSON has no NaN)."""
    if obj is None or isinstance(obj, (bool, str)):
        return obj
    if isinstance(obj, int):
        return int(obj)
    if isinstance(obj, float):
        return obj if math.isfinite(obj) else None
    if isinstance(obj, os.PathLike):
        return os.fspath(obj)
    if isinstance(obj, Mapping):
        return {str(k): to_jsonable(v) for k, v in obj.items()}
    if hasattr(obj, "tolist") and callable(obj.tolist):  # numpy arrays and scalars
        return to_jsonable(obj.tolist())
    if hasattr(obj, "to_dict") and callable(obj.to_dict):
        return to_jsonable(obj.to_dict())
    if isinstance(obj, (list, tuple, set, frozenset)):
        return [to_jsonable(v) for v in obj]
    raise TypeError(f"Cannot write a {type(obj).__name__} to JSON. Received: {obj!r}")


def atomic_write_json(path: PathLike, obj: Any) -> Path:
    """Write ``obj`` as indented JSON, atomically (see :func:`to_jsonable` for conversions)."""
    text = json.dumps(to_jsonable(obj), indent=2, ensure_ascii=False, allow_nan=False)
    return atomic_write_text(path, text + "\n")


def read_json(path: Path, what: str, hint: str = "The run folder is incomplete; start a new run.") -> Any:
    """The JSON in ``path``; a RunError naming the ``what`` file when it is missing or damaged."""
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise RunError(f"The {what} file {path} is missing.", hint=hint, path=str(path)) from exc
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise RunError(f"The {what} file {path} is damaged and cannot be read.", hint=hint, path=str(path),
                       details=str(exc)) from exc


def this_process() -> dict[str, Any]:
    """Who runs a run: enough to tell later whether that process has ended without saying so."""
    import platform

    import psutil

    return {"pid": os.getpid(), "host": platform.node(), "process_started": psutil.Process().create_time()}


def process_alive(status: Mapping[str, Any]) -> bool | None:
    """Whether the process a ``"running"`` status names still runs: ``False`` when it has
    ended (or its process id now belongs to a later process), ``None`` when this cannot be
    told (the run is running on another computer, or the status predates the process record)."""
    import platform

    import psutil

    pid, started = status.get("pid"), status.get("process_started")
    if not isinstance(pid, int) or not isinstance(started, (int, float)) or status.get("host") != platform.node():
        return None
    try:
        return abs(psutil.Process(pid).create_time() - float(started)) < 1.0
    except psutil.NoSuchProcess:
        return False
    except psutil.Error:  # e.g. another user's process: it exists
        return True


def now_text() -> str:
    return datetime.now().astimezone().isoformat(timespec="seconds")


def slugify(name: str, max_length: int = 40) -> str:
    """A file-name-safe version of a run name: ``"Fine-tune VGG16 (lr 1e-4)"`` ->
    ``"fine-tune-vgg16-lr-1e-4"``; ``"run"`` when nothing usable is left."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9._]+", "-", ascii_name.lower()).strip("-._")
    return slug[:max_length].rstrip("-._") or "run"


def new_stamped_folder(workspace: PathLike, kind: str, name: str, *, data_root: PathLike | None = None,
                       what: str = "create the folder") -> Path:
    """Make ``<workspace>/<kind>/<YYYYmmdd-HHMMSS>-<name>/`` for a run or a study and return it.

    The name is unique even when two start in the same second (``-2``, ``-3``... is appended).
    ``data_root`` is the user's image folder: a workspace inside it is refused, because tlstudio
    never writes into the dataset. ``what`` begins the error message ("Could not <what> ...").
    """
    workspace = Path(workspace).expanduser()
    if data_root is not None and is_inside(workspace, Path(data_root).expanduser()):
        raise RunError(
            f"The workspace folder {workspace} is inside the image folder {data_root}; tlstudio never writes "
            "into the images' folder.",
            hint="Choose a workspace folder outside the image folder.", path=str(workspace))
    parent = ensure_workspace(workspace) / kind
    base = f"{datetime.now().strftime(STAMP_FORMAT)}-{slugify(name)}"
    for attempt in range(1, 10_000):
        folder = parent / (base if attempt == 1 else f"{base}-{attempt}")
        try:
            folder.mkdir(parents=True)
            return folder
        except FileExistsError:
            continue
        except OSError as exc:
            raise write_error(folder, exc, what=what) from exc
    raise RunError(f"Could not find a free folder name in {parent}.", hint="Try again.",  # pragma: no cover
                   path=str(parent))


def printable(text: str) -> str:
    """``text`` that can be written as UTF-8: bytes of a file name that are not valid UTF-8
    (kept by Python as lone surrogates) become the replacement character."""
    return text.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


#: A cell starting with one of these is read by spreadsheets as a formula (OWASP "CSV Injection").
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(value: Any) -> Any:
    """``value`` as a CSV cell that no spreadsheet runs: text starting with ``= + - @``, a tab or a
    carriage return gets a leading apostrophe (OWASP's advice), so a file named
    ``=HYPERLINK(...).jpg`` or a class ``=2+5`` is shown as written, never evaluated. Numbers,
    and text that is a number (``-0.25``), are kept as they are."""
    if not isinstance(value, str) or not value.startswith(FORMULA_STARTS):
        return value
    try:
        float(value)
        return value
    except ValueError:
        return "'" + value


def csv_text(header: Sequence[Any], rows: Iterable[Sequence[Any]]) -> str:
    """A CSV file's text (``\\n`` line ends; ``None`` as an empty cell), every cell made
    :func:`spreadsheet_safe`. Every CSV tlstudio writes goes through here."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    for row in (header, *rows):
        writer.writerow(["" if v is None else spreadsheet_safe(v) for v in row])
    return buffer.getvalue()
