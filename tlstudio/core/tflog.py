"""TensorFlow's import, without the log lines that its log level should already have hidden.

``TF_CPP_MIN_LOG_LEVEL=2`` (:func:`install` sets it unless the user did) hides TensorFlow's
information messages, but TensorFlow 2.19-2.21 prints two kinds while it is being
imported anyway, before its logging is set up (tensorflow/tensorflow#100442)::

    WARNING: All log messages before absl::InitializeLog() is called are written to STDERR
    I0000 00:00:1795672723.141426   26329 port.cc:153] oneDNN custom operations are on. ...

every time, twice. :func:`install` makes the first ``import tensorflow``, wherever it happens
(usually deep inside ``import keras``), run with the process's standard error captured at the
file-descriptor level, where TensorFlow's C++ logging writes; afterwards everything captured is
written back except those lines. Nothing is hidden when the log level asks for information
messages (``TF_CPP_MIN_LOG_LEVEL=0`` set by the user), or when standard error cannot be captured.
"""

from __future__ import annotations

import importlib.abc
import importlib.machinery
import os
import re
import sys
import tempfile
import threading
from typing import Any, Sequence

#: What TensorFlow prints during its import at information level, whatever the log level says.
NOISE = (
    re.compile(rb"^WARNING: All log messages before absl::InitializeLog\(\) is called are written to STDERR\r?$"),
    re.compile(rb"^I\d{4} [\d:. ]+\d+ port\.cc:\d+\] oneDNN custom operations are on\..*$"),
)

_lock = threading.Lock()


def hides_information() -> bool:
    """Whether the log level asks TensorFlow to hide its information messages."""
    return os.environ.get("TF_CPP_MIN_LOG_LEVEL", "0").strip() not in ("", "0")


def _flush_stderr() -> None:
    try:
        sys.stderr.flush()
    except (AttributeError, OSError, ValueError):
        pass  # no Python-level stderr (a windowed app): descriptor 2 may still be there


def without_noise(captured: bytes) -> bytes:
    """``captured`` without the lines that match :data:`NOISE`."""
    lines = captured.splitlines(keepends=True)
    return b"".join(line for line in lines if not any(p.match(line.rstrip(b"\n")) for p in NOISE))


class _Capture:
    """Standard error (file descriptor 2) goes to a temporary file until :meth:`close`, which
    writes back what is not :data:`NOISE`. Does nothing when descriptor 2 cannot be duplicated."""

    def __init__(self) -> None:
        self._saved: int | None = None
        self._file: Any = None
        _flush_stderr()
        try:
            self._file = tempfile.TemporaryFile()
            self._saved = os.dup(2)
            os.dup2(self._file.fileno(), 2)
        except OSError:
            self._restore_descriptor()
            if self._file is not None:
                self._file.close()
                self._file = None

    def _restore_descriptor(self) -> None:
        if self._saved is not None:
            os.dup2(self._saved, 2)
            os.close(self._saved)
            self._saved = None

    def close(self) -> None:
        if self._file is None:
            return
        _flush_stderr()
        self._restore_descriptor()
        self._file.seek(0)
        kept = without_noise(self._file.read())
        self._file.close()
        self._file = None
        if kept:
            try:
                os.write(2, kept)
            except OSError:
                pass


class _QuietLoader(importlib.abc.Loader):
    """Runs the real loader under a :class:`_Capture`, then puts the real loader back on the
    module (``__loader__``, ``__spec__.loader``): nothing later sees this wrapper."""

    def __init__(self, loader: importlib.abc.Loader) -> None:
        self._loader = loader

    def __getattr__(self, name: str) -> Any:
        return getattr(self._loader, name)  # is_package, get_code, get_resource_reader...

    def create_module(self, spec: importlib.machinery.ModuleSpec) -> Any:
        return self._loader.create_module(spec)

    def exec_module(self, module: Any) -> None:
        module.__loader__ = self._loader
        if getattr(module, "__spec__", None) is not None:
            module.__spec__.loader = self._loader
        capture = _Capture()
        try:
            self._loader.exec_module(module)  # type: ignore[attr-defined]
        finally:
            capture.close()


class _QuietFinder(importlib.abc.MetaPathFinder):
    """Finds ``tensorflow`` as the other finders do, and loads it under a :class:`_Capture`."""

    def find_spec(self, fullname: str, path: Sequence[str] | None, target: Any = None) -> Any:
        if fullname != "tensorflow":
            return None
        _uninstall()  # once: TensorFlow is imported only once per process
        if not hides_information():
            return None
        for finder in sys.meta_path:
            spec = finder.find_spec(fullname, path, target) if hasattr(finder, "find_spec") else None
            if spec is not None:
                if spec.loader is not None and hasattr(spec.loader, "exec_module"):
                    spec.loader = _QuietLoader(spec.loader)
                return spec
        return None


_finder: _QuietFinder | None = None


def install() -> None:
    """Hide TensorFlow's information messages: ``TF_CPP_MIN_LOG_LEVEL=2`` unless the user set a
    level, and the first ``import tensorflow`` of this process made quiet (see the module
    docstring; not when TensorFlow is already imported). Safe to call more than once."""
    global _finder
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
    with _lock:
        if _finder is None and "tensorflow" not in sys.modules:
            _finder = _QuietFinder()
            sys.meta_path.insert(0, _finder)


def _uninstall() -> None:
    global _finder
    with _lock:
        if _finder is not None:
            try:
                sys.meta_path.remove(_finder)
            except ValueError:
                pass
            _finder = None
