"""Issue 18 item 4: the bulk paths of a push and a pull keep every guarantee.

- a hub asks for thousands of rows at once (``select_in``): every one comes
  back, on SQLite (in chunks under its variable limit) and PostgreSQL (one array);
- a hub row stored in the older state form (a stamp per field) is still read
  and merged after an upgrade, and written back in the shared-stamp form;
- pushes and pulls in many small batches, interleaved, send and apply each
  change exactly once.
"""

from __future__ import annotations

import json
from pathlib import Path

import orjson
from helpers import data, device, enrolled, hub_data

from fieldapp.hub.service import HubService
from fieldapp.store.verify import verify
from fieldapp.sync.engine import sync
from fieldapp.sync.local import Replica
from fieldapp.sync.merge import RowState, Stamp, apply


def test_select_in_returns_every_asked_row(hub: tuple[HubService, str]) -> None:
    service, _ = hub
    ids = [f"row-{n:05}" for n in range(1_234)]
    with service.db.write() as conn:
        conn.executemany("INSERT INTO hub_row (tbl, row_id, project_id, lab, state) VALUES (?, ?, ?, ?, ?)",
                         [("borehole", i, "p", None, "{}") for i in ids])
    asked = [*ids[::2], "row-absent"]
    with service.db.read() as conn:
        found = conn.select_in("SELECT row_id FROM hub_row WHERE tbl = ? AND row_id IN ?", ("borehole",), asked)
        none = conn.select_in("SELECT row_id FROM hub_row WHERE tbl = ? AND row_id IN ?", ("borehole",), [])
    assert sorted(r[0] for r in found) == ids[::2]
    assert none == []


def test_a_row_state_in_the_older_form_is_read_and_merged(hub: tuple[HubService, str], tmp_path: Path) -> None:
    service, url = hub
    a = device(tmp_path, "a")
    client = enrolled(service, url, a)
    with a.store.action("project") as tx:
        proj = tx.insert("project", {"code": "P1", "name": "first"})
    sync(a.store, client)
    # as a hub before the shared-stamp form stored it: one stamp per field
    with service.db.read() as conn:
        stored = orjson.loads(conn.execute("SELECT state FROM hub_row WHERE row_id = ?", (proj,))[0][0])
    state = RowState.from_json(stored)
    older = {"v": state.values, "s": {k: s.as_list() for k, s in state.stamps.items()}, "i": state.inserted,
             "d": None}
    with service.db.write() as conn:
        conn.execute("UPDATE hub_row SET state = ? WHERE row_id = ?", (json.dumps(older), proj))
    with a.store.action("rename") as tx:
        tx.update("project", proj, {"name": "second"})
    sync(a.store, client)
    with service.db.read() as conn:
        now = orjson.loads(conn.execute("SELECT state FROM hub_row WHERE row_id = ?", (proj,))[0][0])
    assert "t" in now and "s" not in now  # written back in the shared form
    merged = RowState.from_json(now)
    assert merged.values["name"] == "second" and merged.values["code"] == "P1"
    assert merged.stamps["code"] == state.stamps["code"] != merged.stamps["name"]
    assert hub_data(service)[("project", proj)]["name"] == "second"
    a.close()
    client.close()


def test_the_shared_stamp_form_round_trips() -> None:
    first, later = Stamp(5, "d1", 5, 1, 1), Stamp(9, "d2", 9, 4, 7)
    state = RowState()
    apply(state, "insert", {"id": "r", "a": 1, "b": "x", "c": None}, first)
    single = state.to_json()
    assert single["t"] == [first.as_list()] and single["x"] == 0
    assert RowState.from_json(orjson.loads(orjson.dumps(single))) == state
    apply(state, "update", {"b": "y"}, later)
    apply(state, "delete", {}, later)
    assert RowState.from_json(orjson.loads(orjson.dumps(state.to_json()))) == state
    assert RowState.from_json(RowState().to_json()) == RowState()


def test_small_interleaved_batches_send_and_apply_each_change_once(hub: tuple[HubService, str],
                                                                   tmp_path: Path) -> None:
    service, url = hub
    a, b = device(tmp_path, "a"), device(tmp_path, "b")
    ca, cb = enrolled(service, url, a), enrolled(service, url, b)
    with a.store.action("holes") as tx:
        pid = tx.insert("project", {"code": "P1", "name": "bulk"})
        for n in range(60):
            tx.insert("borehole", {"project_id": pid, "code": f"B{n:03}", "kind": "boring"})
    with b.store.action("b's own") as tx:
        tx.insert("project", {"code": "P2", "name": "other"})
    sent = Replica(a.store).pending()
    report = sync(a.store, ca, push_batch=7, pull_batch=5)
    assert (report.pushed, report.duplicates, Replica(a.store).pending()) == (sent, 0, 0)
    # b pushes its one change, then pulls a's in batches of 4
    report = sync(b.store, cb, push_batch=7, pull_batch=4)
    assert report.pushed == 1 and report.pulled == sent and report.skipped == 0
    assert len(service.change_ids()) == len(set(service.change_ids())) == sent + 1
    sync(a.store, ca, pull_batch=4)
    for replica in (a, b):
        assert data(replica) == hub_data(service)
        verify(replica.store)
    for x in (a, b, ca, cb):
        x.close()
