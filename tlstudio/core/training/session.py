"""Keeping a long session's memory flat: what a finished run leaves behind is released.

The desktop app trains many models in one process. With the TensorFlow backend, every traced
training step registers a custom gradient (the optimizer's all-reduce, even on one device) in
TensorFlow's process-wide gradient registry, and each registration holds on to the whole traced
graph of that step. Nothing ever removes them, so every run used to leave tens of megabytes
behind (a known TensorFlow issue). The registrations are only needed while a step is being
traced; :func:`released_after_run` removes those a run added once it has ended, and collects
the garbage they kept alive. Other backends need nothing; a TensorFlow without that registry
is left alone.
"""

from __future__ import annotations

import contextlib
import gc
import sys
import threading
from typing import Any, Iterator

_PREFIX = "CustomGradient-"
#: Whether :func:`release` collects the garbage itself (it does, at the end of each run, in the
#: run's thread, before its results are delivered).
collect_on_release = True
#: Runs can nest (a comparison trains several runs); the outermost one cleans up.
_depth = threading.local()


def _gradient_registry() -> dict[str, Any] | None:
    """TensorFlow's registry of gradient functions, or None (TensorFlow not loaded, another
    version without it, another backend)."""
    ops = sys.modules.get("tensorflow.python.framework.ops")
    registry = getattr(getattr(ops, "_gradient_registry", None), "_registry", None)
    return registry if isinstance(registry, dict) else None


def registered_custom_gradients() -> set[str]:
    """The names of the custom gradients traced training steps registered in TensorFlow's process-wide
    gradient registry (what a finished run leaves behind there)."""
    registry = _gradient_registry()
    return set() if registry is None else {k for k in list(registry) if isinstance(k, str) and k.startswith(_PREFIX)}


@contextlib.contextmanager
def released_after_run() -> Iterator[None]:
    """Around a training run (or a learning curve, a cross-validation): afterwards, forget the
    custom gradients its traced steps registered and collect what they held."""
    depth = getattr(_depth, "value", 0)
    _depth.value = depth + 1
    before = registered_custom_gradients() if depth == 0 else set()
    try:
        yield
    finally:
        _depth.value = depth
        if depth == 0:
            release(before)


def release(keep: set[str]) -> int:
    """Remove the custom gradients registered since ``keep`` was taken; returns how many."""
    registry = _gradient_registry()
    removed = 0
    if registry is not None:
        for name in registered_custom_gradients() - keep:
            if registry.pop(name, None) is not None:
                removed += 1
    if collect_on_release:
        gc.collect()
    return removed


def releases_memory(fn: Any) -> Any:
    """Decorator: ``fn`` runs inside :func:`released_after_run`."""
    import functools

    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        with released_after_run():
            return fn(*args, **kwargs)

    return wrapper
