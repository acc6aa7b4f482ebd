"""Fewer cycle collections while a sync batch is merged.

A batch of thousands of changes builds thousands of dicts that all live until
it is written; CPython's collector, triggered every 700 allocations, walks
them again and again (a fifth of a pull's time, measured). Inside
:func:`fewer_collections` the first generation's threshold is raised; the
batch's objects are freed by their reference counts when it ends. Where
automatic collection is off (the GUI collects on its own thread and
schedule, ui/collector.py) nothing changes. Nested and concurrent batches
share one raise: the first in sets it, the last out puts the old one back.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

_BATCH_THRESHOLD = 200_000
_lock = threading.Lock()
_inside = 0
_saved: tuple[int, int, int] | None = None


@contextmanager
def fewer_collections() -> Iterator[None]:
    global _inside, _saved
    with _lock:
        if _inside == 0 and gc.isenabled():
            _saved = gc.get_threshold()
            gc.set_threshold(max(_saved[0], _BATCH_THRESHOLD), _saved[1], _saved[2])
        _inside += 1
    try:
        yield
    finally:
        with _lock:
            _inside -= 1
            if _inside == 0 and _saved is not None:
                gc.set_threshold(*_saved)
                _saved = None
