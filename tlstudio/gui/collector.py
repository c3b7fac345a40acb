"""Python's garbage collector, kept from freezing the window while a run trains.

A full collection walks every object Python tracks while holding Python's lock, whichever thread
triggers it (usually the training thread, which allocates the most). With TensorFlow and a
network loaded that took 0.1-0.3 s on a 2-core laptop, and the window froze each time (measured
by ``bench/responsiveness.py``). So:

* once TensorFlow is imported, what the imports made is frozen (:func:`gc.freeze`): those
  objects live as long as the app and are never walked again;
* while a run trains, the collector only makes its quick passes over young objects (cyclic
  garbage made and dropped within a few steps is still freed); the full collection is made by
  the run's own clean-up when it ends (``core.training.session``), in the training thread, before its
  results reach the window. (Putting it off to a job thread after the run deadlocked once: its
  finalizers freed TensorFlow objects while the next job was loading a model.)
"""

from __future__ import annotations

import gc
import threading

from PySide6.QtCore import QObject, Slot

#: A generation-2 threshold no run reaches: full collections only when asked for.
_NEVER = 1 << 30

_freeze_lock = threading.Lock()
_frozen = False


def freeze_imported_objects() -> None:
    """Move every object alive now out of the collector's sight, once per process (after
    TensorFlow's import: some 350,000 objects). Garbage is collected first, so none is kept."""
    global _frozen
    with _freeze_lock:
        if not _frozen:
            _frozen = True
            gc.collect()
            gc.freeze()


class QuietCollector(QObject):
    """Connect ``running_changed(bool)`` of the run thread to :meth:`set_running`: no full
    collection while a run trains; the thresholds are restored when it has ended."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._thresholds: tuple[int, int, int] | None = None

    @Slot(bool)
    def set_running(self, running: bool) -> None:
        if running and self._thresholds is None:
            self._thresholds = gc.get_threshold()
            gc.set_threshold(self._thresholds[0], self._thresholds[1], _NEVER)
        elif not running and self._thresholds is not None:
            gc.set_threshold(*self._thresholds)
            self._thresholds = None
