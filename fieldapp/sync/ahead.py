"""The next pull batch, asked for while this one is applied.

Applying a batch is the device's own work (its database and the journal);
fetching the next one is the hub's and the network's. With nothing left to
push, the next batch's cursor is known from the answer in hand, so it is
asked for on a thread while the main thread applies: the two overlap.

Nothing changes about what is kept: an answer is used only when the
device's cursor, after applying, is the one it was asked from (otherwise it
is dropped and asked again), and a failed fetch raises where the plain
fetch would have, after the batch before it was committed. The client is
used by one thread at a time: the main thread takes (or drops) the answer
before it talks to the hub again.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager, suppress
from typing import Any

Fetch = Callable[[], dict[str, Any]]


class Ahead:
    """At most one pull answer in flight, with what it was asked for (cursor and replica id)."""

    def __init__(self, pool: ThreadPoolExecutor) -> None:
        self._pool = pool
        self._key: object = None
        self._future: Future[dict[str, Any]] | None = None

    def ask(self, key: object, fetch: Fetch) -> None:
        self.drop()
        self._key, self._future = key, self._pool.submit(fetch)

    def take(self, key: object) -> dict[str, Any] | None:
        """The answer asked for ``key`` (its fetch's error raised here), or None."""
        future, asked = self._future, self._key
        self._future, self._key = None, None
        if future is None:
            return None
        if asked != key:
            _settled(future)
            return None
        return future.result()

    def drop(self) -> None:
        """Wait for an answer in flight and forget it (the client is free again)."""
        if self._future is not None:
            _settled(self._future)
        self._future, self._key = None, None


def _settled(future: Future[dict[str, Any]]) -> None:
    with suppress(Exception):  # an answer nobody uses: its failure does not matter
        future.result()


@contextmanager
def ahead(pool: ThreadPoolExecutor) -> Iterator[Ahead]:
    """An :class:`Ahead` on ``pool`` whose batch asked ahead, if any, is dropped when the block ends."""
    fetcher = Ahead(pool)
    try:
        yield fetcher
    finally:
        fetcher.drop()
