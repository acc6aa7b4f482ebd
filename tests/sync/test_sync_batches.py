"""Issue 18, item 4: sync in bounded batches written in bulk, on both hub stores.

A push of more changes than one batch arrives whole and exactly once, and
sending it all again changes nothing; a pull of several batches into a new
device gives the data, journal and chain that applying each change on its
own gives, and `verify` passes; a batch the hub refuses half-way through a
push leaves the hub with the batches before it and the device knowing so.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import data, device, enrolled, hub_data

from fieldapp import demo
from fieldapp.domain import project
from fieldapp.errors import SyncError
from fieldapp.hub.service import HubService
from fieldapp.store.verify import verify
from fieldapp.sync import merge
from fieldapp.sync.changes import Change
from fieldapp.sync.engine import sync
from fieldapp.sync.local import PUSHED, ApplyResult, Replica

BATCH = 40


def _journal(session: object) -> list[tuple[object, ...]]:
    store = session.store  # type: ignore[attr-defined]
    return store.conn.execute(
        "SELECT device_id, device_seq, hlc, tbl, row_id, op, fields, row_hash, hash FROM journal_entry "
        "ORDER BY seq").fetchall()


def test_a_push_of_many_batches_arrives_once_and_again_changes_nothing(hub: tuple[HubService, str],
                                                                      tmp_path: Path) -> None:
    service, url = hub
    a = device(tmp_path, "a")
    ca = enrolled(service, url, a)
    demo.create(a, boreholes=6, seed=5)
    own = sorted(a.store.conn.execute("SELECT device_id, device_seq FROM journal_entry").fetchall())
    assert len(own) > 5 * BATCH
    first = sync(a.store, ca, push_batch=BATCH, pull_batch=BATCH)
    assert (first.pushed, first.duplicates, first.pending) == (len(own), 0, 0)
    assert sorted(service.change_ids()) == own  # every change, once
    assert hub_data(service) == data(a)
    # the hub's answers were lost: its record brings the device back to where the hub stands
    Replica(a.store).put_committed(**{PUSHED: "0"})
    again = sync(a.store, ca, push_batch=BATCH, pull_batch=BATCH)
    assert (again.pushed, again.pending) == (0, 0)
    # and a device that sends it all again, in batches (as an older FieldApp does): all duplicates
    changes = Replica(a.store).unsent(10**6, after=0)
    answers = [ca.push(changes[start:start + BATCH]) for start in range(0, len(changes), BATCH)]
    assert sum(x["accepted"] for x in answers) == 0
    assert sum(x["duplicates"] for x in answers) == len(own)
    assert sorted(service.change_ids()) == own
    assert hub_data(service) == data(a)
    verify(a.store)
    a.close()
    ca.close()


def test_a_pull_of_several_batches_is_what_applying_each_change_gives(hub: tuple[HubService, str],
                                                                     tmp_path: Path) -> None:
    service, url = hub
    a, b, c = device(tmp_path, "a"), device(tmp_path, "b"), device(tmp_path, "c")
    ca, cb, cc = enrolled(service, url, a), enrolled(service, url, b), enrolled(service, url, c)
    demo.create(a, boreholes=6, seed=7)
    pushed = sync(a.store, ca).pushed
    # an edit and a delete, so that rows change after they were made
    hole = a.store.query("SELECT id FROM borehole ORDER BY code LIMIT 1")[0]["id"]
    layer = a.store.query("SELECT id FROM layer ORDER BY id LIMIT 1")[0]["id"]
    with a.store.action("edit") as tx:
        tx.update("borehole", hole, {"remarks": "nat"})
        tx.delete("layer", layer)
    pushed += sync(a.store, ca).pushed
    got = sync(b.store, cb, pull_batch=BATCH)
    assert got.pulled == pushed > 5 * BATCH
    assert data(b) == data(a) == hub_data(service)
    verify(b.store)
    # the same log applied change by change, in one batch each, on a third device
    replica, cursor = Replica(c.store), 0
    while True:
        answer = cc.pull(cursor, BATCH)
        with c.store.remote_batch("Sync: pull") as tx:
            replica._apply_each(tx, [Change.from_wire(x) for x in answer["changes"]], {}, merge.never, None,
                                ApplyResult())
        cursor = int(answer["cursor"])
        if not answer["more"]:
            break
    assert _journal(c) == _journal(b)  # the same entries, row hashes and chain
    assert data(c) == data(b)
    for x in (a, b, c, ca, cb, cc):
        x.close()


def test_a_batch_refused_half_way_leaves_hub_and_device_agreeing(hub: tuple[HubService, str],
                                                                 tmp_path: Path) -> None:
    service, url = hub
    a, b = device(tmp_path, "a"), device(tmp_path, "b")
    ca, cb = enrolled(service, url, a), enrolled(service, url, b)
    proj = project.create(a, code="P1", name="one")
    with a.store.action("holes") as tx:
        holes = [tx.insert("borehole", {"project_id": proj.id, "code": f"B{n:03}", "kind": "boring"})
                 for n in range(3 * BATCH)]
    with a.store.action("a layer no lab can read") as tx:  # the hub refuses it: not a NEN 5104 soil code
        tx.insert("layer", {"borehole_id": holes[0], "upper_cm": 0, "lower_cm": 50, "soil_code": "Qx9"})
    with a.store.action("more holes") as tx:
        for n in range(BATCH):
            tx.insert("borehole", {"project_id": proj.id, "code": f"C{n:03}", "kind": "boring"})
    bad = a.store.conn.execute("SELECT device_seq FROM journal WHERE tbl = 'layer'").fetchone()[0]
    with pytest.raises(SyncError, match="422") as refused:
        sync(a.store, ca, push_batch=BATCH)
    assert "soil_code" in str(refused.value)
    held = sorted(seq for _, seq in service.change_ids())
    # the batches before the refused one, whole; nothing of it or after it
    assert held == list(range(1, len(held) + 1)) and len(held) % BATCH == 0 and len(held) < bad
    assert Replica(a.store).pushed_upto == len(held)
    assert Replica(a.store).pending() == a.store.count("journal") - len(held)
    verify(a.store)
    # another device gets exactly what the hub holds
    sync(b.store, cb, pull_batch=BATCH)
    assert data(b) == hub_data(service)
    assert {k for k in data(b)} < {k for k in data(a)}
    verify(b.store)
    for x in (a, b, ca, cb):
        x.close()
