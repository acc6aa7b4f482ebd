"""The device's unsent changes on their way to the hub, one batch read ahead.

While the hub checks, merges and logs one push batch, the device reads the
next one from its journal, so that the two sides work at the
same time instead of taking turns. The exactly-once rules are those of a
plain push: only one push is ever on the wire, it is sent after the answer
to the one before it, and a batch counts as sent only once the hub has
answered it (a push cut off midway is sent again; the hub skips what it
already logged).
"""

from __future__ import annotations

from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

from fieldapp.errors import ReplicaDivergedError
from fieldapp.store.database import Store
from fieldapp.sync import replica as replica_id
from fieldapp.sync.changes import Change
from fieldapp.sync.client import HubClient
from fieldapp.sync.collect import fewer_collections
from fieldapp.sync.local import Replica
from fieldapp.sync.protocol import MAX_BODY_BYTES


def within(changes: list[Change], budget: int) -> list[Change]:
    """The oldest changes whose request stays well under the hub's body limit
    (a borehole with its raw NMEA is several kB; 2,000 of them would not fit)."""
    size = 0
    for n, change in enumerate(changes):
        size += len(change.fields) * 2 + 400  # JSON escaping and the other fields, generously
        if size > budget and n:
            return changes[:n]
    return changes


@dataclass(frozen=True)
class _Batch:
    replica: str  # the replica id the changes are numbered under
    changes: list[Change]
    base: tuple[int, str]  # (seq, chain hash) the hub is to hold before it
    head: tuple[int, str]  # and after it


class Outbox:
    """Push batches of own changes up to ``ceiling``, each sent on ``sender``'s thread
    (the sync's one worker, which its owner shuts down after the push on the wire, if any)."""

    def __init__(self, store: Store, client: HubClient, limit: int, ceiling: int, sender: ThreadPoolExecutor) -> None:
        self.store, self.client, self.limit, self.ceiling = store, client, limit, ceiling
        self.replica = Replica(store)
        self._ahead: _Batch | None = None
        self._ahead_error: Exception | None = None
        self._sender = sender

    def _read(self, base: tuple[int, str] | None = None) -> _Batch | None:
        """The oldest unsent changes after ``base`` (default: what the hub confirmed); None if none."""
        current = replica_id.current(self.store)
        if base is None:
            pushed = self.replica.pushed_upto
            base = (pushed, replica_id.chain_hash(self.store, current, pushed) or "")
        with fewer_collections():  # a batch's thousands of objects live until it is sent
            changes = [c for c in within(self.replica.unsent(self.limit, base[0]), MAX_BODY_BYTES // 2)
                       if c.device_seq <= self.ceiling]
            if not changes:
                return None
            last = changes[-1].device_seq
            head = (last, replica_id.chain_hash(self.store, current, last) or "")
            return _Batch(current, changes, base, head)

    def push(self) -> tuple[list[Change], dict[str, Any] | None] | None:
        """Send the next batch and wait for the hub's answer, reading the batch
        after it meanwhile. Returns None when nothing is left to send, else the
        batch and the answer, which is None if the hub found this file restored
        or copied (settled here: it has a new replica id, read the unsent again)."""
        if self._ahead_error is not None:  # met while reading ahead: raised when that batch is due
            error, self._ahead_error = self._ahead_error, None
            raise error
        batch, self._ahead = self._ahead, None
        pushed = self.replica.pushed_upto
        if batch is None or batch.base[0] != pushed or batch.replica != replica_id.current(self.store):
            batch = self._read()  # none read ahead, or the hub's answer moved the base
        if batch is None:
            return None
        answered: Future[dict[str, Any]] = self._sender.submit(self.client.push, batch.changes, base=batch.base,
                                                               head=batch.head)
        try:
            self._ahead = self._read(batch.head)
        except Exception as exc:  # kept for when that batch is due, after this one is recorded
            self._ahead_error = exc
        try:
            answer = answered.result()
        except ReplicaDivergedError as exc:
            self._ahead = self._ahead_error = None
            replica_id.settle(self.store, exc.seq, exc.hash, exc.receipt)
            return batch.changes, None
        except BaseException:
            self._ahead = self._ahead_error = None
            raise
        replica_id.keep_receipt(self.store, answer.get("receipt"))
        return batch.changes, answer
