"""How often the hub lets a client fail to enrol.

An enrolment code is 12 characters of a 32-letter alphabet (60 bits), so
guessing one is hopeless at any rate; the limits make it hopeless by a wide
margin and make a guessing client visible, while a person who mistypes a
code a few times never meets them. Only failed attempts count: a site may
enrol any number of laptops. They
are kept per hub process, in memory: a restart forgets them, which costs an
attacker a restart per window.
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict, deque
from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Limit:
    attempts: int
    window_s: float
    reason: str


# One client address: a site behind one router enrols a few laptops at a
# time, each with at most a few typing slips.
ENROL_PER_ADDRESS = Limit(20, 600.0, "a site enrols a few laptops at once, each with a few typing slips")
# One code: its holder mistypes it a few times at most; more tries on one
# code are someone else's guesses at it.
ENROL_PER_CODE = Limit(5, 600.0, "the holder of a code mistypes it a few times at most")
# Clients remembered at once (the oldest are forgotten first): bounds the
# memory a flood of addresses can take.
MAX_KEYS = 100_000


class RateLimiter:
    """A sliding window of failed attempts per key; thread-safe (FastAPI runs handlers in threads)."""

    def __init__(self, limit: Limit, clock: Callable[[], float] = time.monotonic) -> None:
        self.limit = limit
        self.clock = clock
        self._seen: OrderedDict[str, deque[float]] = OrderedDict()
        self._lock = threading.Lock()

    def wait_s(self, key: str) -> float:
        """0 if an attempt for ``key`` may go ahead now, else the seconds to wait."""
        now = self.clock()
        with self._lock:
            times = self._seen.get(key)
            while times and times[0] <= now - self.limit.window_s:
                times.popleft()
            if not times or len(times) < self.limit.attempts:
                return 0.0
            return max(1.0, times[0] + self.limit.window_s - now)

    def failed(self, key: str) -> None:
        """Count a failed attempt for ``key`` (a good code enrols and counts for nothing)."""
        with self._lock:
            times = self._seen.pop(key, None) or deque()
            times.append(self.clock())
            self._seen[key] = times  # most recent last: the oldest are forgotten first
            if len(self._seen) > MAX_KEYS:
                self._seen.popitem(last=False)
