"""Keep None, True and False alive under PySide6 6.12 on Python 3.11.

shiboken6 6.12 releases one reference to None after every call of a void
Qt method from Python (``setText``, ``clear``, ``QTimer.start`` ...) and one
to True after every ``Signal.emit``: harmless on Python 3.12+, where these
objects are immortal, fatal on 3.11, where their counts start at a few
thousand (True: ~150). The intake window makes ~25 such calls per scan, so a
clerk's session would abort ("deallocating None") within a few hundred
scans. Giving the three objects the huge count 3.12 gives them restores the
3.12 behaviour; nothing else is touched.
"""

from __future__ import annotations

import ctypes
import sys

_HEADROOM = 1 << 40


def keep_singletons_alive() -> None:
    if sys.implementation.name != "cpython" or sys.version_info >= (3, 12):
        return
    for obj in (None, True, False):
        # ob_refcnt is the first field of every object in a release build of CPython
        count = ctypes.c_ssize_t.from_address(id(obj))
        if count.value < _HEADROOM:
            count.value += _HEADROOM
