"""Python's garbage collector, kept from freezing the window while a run trains.

A full collection walks every object Python tracks while holding Python's lock, whichever thread
triggers it (usually the training thread, which allocates the most). With TensorFlow and a
network loaded that took 0.1-0.3 s on a 2-core laptop, and the window froze each time (measured
by ``bench/responsiveness.py``). So:

* once TensorFlow is imported, what the imports made is frozen (:func:`gc.freeze`): those
  objects live as long as the app and are never walked again;
* while a run trains, the collector only makes its quick passes over young objects (cyclic
  garbage made and dropped within a few steps is still freed); the full collection waits
  until the run has ended and its results are shown (``core.session``, which collects what a
  run's traced graphs held, leaves it to this one too).
"""

from __future__ import annotations

import gc
import threading
from typing import Callable

from PySide6.QtCore import QObject, QTimer, Slot

#: A generation-2 threshold no run reaches: full collections only when asked for.
_NEVER = 1 << 30
#: How long after a run its put-off full collection is made (the results are shown first).
COLLECT_AFTER_MS = 1500

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
    """Connect ``running_changed(bool)`` of the run manager to :meth:`set_running`.

    The full collection a run has put off is made :data:`COLLECT_AFTER_MS` after it ended (the
    results are on screen by then), handed to ``background`` (the studio's job pool): freeing a
    run's traced graphs takes a few hundred milliseconds, and the finalizers it runs let the
    window take turns. A run that starts before then gets it made at once, in the background.
    """

    def __init__(self, parent: QObject | None = None, *,
                 background: Callable[[Callable[[], object]], object] | None = None) -> None:
        super().__init__(parent)
        self._background = background or (lambda fn: fn())
        self._thresholds: tuple[int, int, int] | None = None
        self._later = QTimer(self)
        self._later.setSingleShot(True)
        self._later.setInterval(COLLECT_AFTER_MS)
        self._later.timeout.connect(self._collect)

    @Slot(bool)
    def set_running(self, running: bool) -> None:
        from tlstudio.core import session

        if running and self._thresholds is None:
            if self._later.isActive():  # the last run's garbage, before this run adds its own
                self._later.stop()
                self._collect()
            self._thresholds = gc.get_threshold()
            gc.set_threshold(self._thresholds[0], self._thresholds[1], _NEVER)
            session.collect_on_release = False  # the run's clean-up leaves the collection to us
        elif not running and self._thresholds is not None:
            gc.set_threshold(*self._thresholds)
            self._thresholds = None
            session.collect_on_release = True
            self._later.start()

    def _collect(self) -> None:
        self._background(gc.collect)
