"""Identifiers and clocks that must be unique and ordered across devices.

Primary keys are UUIDv7: time-ordered (so indexes stay compact and rows sort by
creation) and unique across laptops without coordination. Changes carry a
hybrid logical clock (HLC) so that sync can order edits from devices whose
wall clocks disagree, without letting a clock that runs a day ahead reorder
that device's own edits.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

# uuid_utils (and the uuid and platform modules it loads, ~4 ms) on the first new id: a program that
# only reads (the GUI's first window) never needs it
_uuid7: Callable[[], Any] | None = None


def new_id() -> str:
    """A new UUIDv7 as its canonical 36-character string."""
    global _uuid7
    if _uuid7 is None:
        import uuid_utils

        _uuid7 = uuid_utils.uuid7
    return str(_uuid7())


# 16 bits of logical counter below the millisecond: 65,536 events per ms
# before the physical part has to be pushed forward.
_LOGICAL_BITS = 16
_LOGICAL_MASK = (1 << _LOGICAL_BITS) - 1


def hlc_pack(physical_ms: int, logical: int) -> int:
    return (physical_ms << _LOGICAL_BITS) | logical


def hlc_unpack(stamp: int) -> tuple[int, int]:
    return stamp >> _LOGICAL_BITS, stamp & _LOGICAL_MASK


@dataclass
class HybridLogicalClock:
    """An HLC (Kulkarni et al. 2014) packed into one sortable integer.

    ``now()`` is strictly increasing for this device whatever the wall clock
    does; ``observe()`` folds in a stamp received from another device so that
    causally later edits get later stamps.
    """

    last: int = 0
    wall_ms: Callable[[], int] = field(default=lambda: time.time_ns() // 1_000_000)

    def now(self) -> int:
        phys, logical = hlc_unpack(self.last)
        wall = self.wall_ms()
        if wall > phys:
            self.last = hlc_pack(wall, 0)
        elif logical < _LOGICAL_MASK:
            self.last = hlc_pack(phys, logical + 1)
        else:
            self.last = hlc_pack(phys + 1, 0)
        return self.last

    def reserve(self, count: int) -> int:
        """The first of ``count`` consecutive stamps, all later than any given
        before; the batch form of :meth:`now` (an import stamps each of its
        rows, and one wall-clock read per row was a tenth of its cost).

        The logical counter carries into the millisecond above it, so a
        large batch may stamp a few milliseconds ahead of the wall clock,
        which the next :meth:`now` then continues from."""
        first = self.now()
        self.last = first + max(0, count - 1)
        return first

    def observe(self, stamp: int) -> None:
        if stamp > self.last:
            self.last = stamp
