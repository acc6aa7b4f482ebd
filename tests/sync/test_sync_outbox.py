"""Issue 18: a push reads and encodes its next batch while the hub logs the one
on the wire (fieldapp.sync.outbox). A push cut off at any request, with a
batch read ahead, is finished by the next sync with every change on the hub
exactly once; a batch that cannot be read is refused only when it is due,
after the batch before it is recorded as sent."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import httpx
import pytest
from faults import FaultyTransport
from helpers import data, device, enrolled, hub_data

from fieldapp import demo
from fieldapp.errors import HubUnreachableError, IntegrityError
from fieldapp.hub.service import HubService
from fieldapp.store.verify import verify
from fieldapp.sync.engine import sync
from fieldapp.sync.local import Replica

BATCH = 40


class PushFault(FaultyTransport):
    """The planned fault on the n-th push request (photo uploads and pulls pass)."""

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        if request.url.path != "/v1/push":
            response = self.inner.handle_request(request)
            response.read()
            response.close()
            return response
        return super().handle_request(request)


def _own(session: object) -> list[tuple[str, int]]:
    store = session.store  # type: ignore[attr-defined]
    return sorted((str(d), int(s)) for d, s in store.conn.execute(
        "SELECT device_id, device_seq FROM journal_entry"))


@pytest.mark.parametrize("fault", ["lost", "drop"])
@pytest.mark.parametrize("at", [0, 1, 2])
def test_a_push_cut_off_with_a_batch_read_ahead_ends_with_every_change_once(
        hub: tuple[HubService, str], tmp_path: Path, fault: str, at: int) -> None:
    service, url = hub
    wire = PushFault()
    a = device(tmp_path, "a")
    ca = enrolled(service, url, a, transport=wire)
    demo.create(a, boreholes=3, seed=5)
    own = _own(a)
    assert len(own) > 4 * BATCH
    wire.plan(fault, at)  # on the first, second or third push
    with pytest.raises(HubUnreachableError):
        sync(a.store, ca, push_batch=BATCH, pull_batch=BATCH)
    held = service.change_ids()
    assert len(held) == len(set(held)) and len(held) >= at * BATCH
    # the batches answered before the cut are recorded; none after it
    assert Replica(a.store).pushed_upto == at * BATCH
    wire.plan("", -1)
    again = sync(a.store, ca, push_batch=BATCH, pull_batch=BATCH)
    assert again.pending == 0
    assert sorted(service.change_ids()) == own  # every change, once
    assert hub_data(service) == data(a)
    verify(a.store)
    a.close()
    ca.close()


def test_a_batch_that_cannot_be_read_stops_the_push_after_the_batch_before_it(
        hub: tuple[HubService, str], tmp_path: Path) -> None:
    service, url = hub
    a = device(tmp_path, "a")
    ca = enrolled(service, url, a)
    demo.create(a, boreholes=3, seed=5)
    own = _own(a)
    # a row whose insert is in the second batch changed behind FieldApp's back:
    # read ahead while the first batch is on the wire, refused when it is due
    first = Replica(a.store).unsent(BATCH)
    second = Replica(a.store).unsent(BATCH, after=first[-1].device_seq)
    conn = a.store.conn
    victim = next(c for c in second if c.op == "insert"
                  and "remarks" in {r[1] for r in conn.execute(f"PRAGMA table_info({c.tbl})")}
                  and conn.execute("SELECT fields IS NULL FROM journal WHERE device_seq = ?",
                                   (c.device_seq,)).fetchone()[0])  # its text is left to the row
    raw = sqlite3.connect(a.store.path)
    raw.execute(f"UPDATE {victim.tbl} SET remarks = 'later' WHERE id = ?", (victim.row_id,))
    raw.commit()
    raw.close()
    with pytest.raises(IntegrityError, match="changed outside FieldApp"):
        sync(a.store, ca, push_batch=BATCH, pull_batch=BATCH)
    assert Replica(a.store).pushed_upto == first[-1].device_seq
    assert sorted(service.change_ids()) == own[:BATCH]
    a.close()
    ca.close()
