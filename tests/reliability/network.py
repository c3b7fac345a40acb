"""``watch_network()``: records every attempt of the process to reach the network.

An audit hook (:func:`sys.addaudithook`) sees ``socket.connect``, ``socket.getaddrinfo``,
``socket.gethostbyname`` and ``urllib.Request`` events from any thread. Audit hooks cannot be
removed, so it is added on first use and records only while a ``watch_network`` block is active.
"""

from __future__ import annotations

import contextlib
import sys
import threading
from typing import Any, Iterator

_EVENTS = ("socket.connect", "socket.getaddrinfo", "socket.gethostbyname", "urllib.Request")
_lock = threading.Lock()
_state: dict[str, Any] = {"hooked": False, "active": None}


def _hook(event: str, args: tuple) -> None:
    active = _state["active"]
    if active is not None and event in _EVENTS:
        active.append((event, repr(args)[:200]))


@contextlib.contextmanager
def watch_network() -> Iterator[list[tuple[str, str]]]:
    """``with watch_network() as attempts:`` -> (event, arguments) of each attempt inside."""
    with _lock:
        if not _state["hooked"]:
            sys.addaudithook(_hook)
            _state["hooked"] = True
    attempts: list[tuple[str, str]] = []
    _state["active"] = attempts
    try:
        yield attempts
    finally:
        _state["active"] = None
