"""Issue 17, finding 5: the hub judges what a device has seen from what it
served it, not from the device's word; push and pull take turns, so a sync
with a busy writer still pulls (and ends)."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from helpers import data, device, enrolled

from fieldapp.domain import project
from fieldapp.hub import unique
from fieldapp.hub.service import HubService
from fieldapp.session import Session
from fieldapp.sync.changes import Change
from fieldapp.sync.client import HubClient
from fieldapp.sync.engine import sync
from fieldapp.sync.local import Replica


def test_an_absurd_seen_does_not_hide_a_conflict(hub: tuple[HubService, str], tmp_path: Path) -> None:
    service, url = hub
    a, b = device(tmp_path, "a"), device(tmp_path, "b")
    ca, cb = enrolled(service, url, a), enrolled(service, url, b)
    proj = project.create(a, code="P1", name="one")
    sync(a.store, ca)
    sync(b.store, cb)
    with a.store.action("a edits") as tx:
        tx.update("project", proj.id, {"remarks": "from a"})
    sync(a.store, ca)
    with b.store.action("b edits, not having pulled a's edit") as tx:
        tx.update("project", proj.id, {"remarks": "from b"})
    claimed = [dataclasses.replace(c, seen=10**9) for c in Replica(b.store).unsent(10)]
    assert cb.push(claimed)["conflicts"] == 1
    lost = [(c["tbl"], c["field"], c["kind"]) for c in service.list_conflicts()]
    assert lost == [("project", "remarks", "edit")]
    for x in (a, b, ca, cb):
        x.close()


class BusyWriter(HubClient):
    """A device's client while someone keeps writing on the device: every push
    is followed by more local changes (a writer far faster than the hub)."""

    def __init__(self, url: str, token: str, writer: Session, project_id: str, bursts: int) -> None:
        super().__init__(url, token=token)
        self.writer, self.project_id, self.bursts = writer, project_id, bursts
        self.calls: list[str] = []

    def push(self, changes: Sequence[Change], *, base: tuple[int, str] | None = None,
             head: tuple[int, str] | None = None) -> dict[str, Any]:
        self.calls.append("push")
        answer = super().push(changes, base=base, head=head)
        if self.bursts:
            self.bursts -= 1
            with self.writer.store.action("busy") as tx:
                for _ in range(10):
                    tx.insert("borehole", {"project_id": self.project_id, "code": f"W{len(self.calls)}-{_}",
                                           "kind": "boring"})
        return answer

    def pull(self, cursor: int, limit: int, *, replica: str = "") -> dict[str, Any]:
        self.calls.append("pull")
        return super().pull(cursor, limit, replica=replica)


def test_a_busy_writer_does_not_starve_pulling(hub: tuple[HubService, str], tmp_path: Path) -> None:
    service, url = hub
    busy, other = device(tmp_path, "busy"), device(tmp_path, "other")
    cb, co = enrolled(service, url, busy), enrolled(service, url, other)
    proj = project.create(other, code="P1", name="one")
    sync(other.store, co)
    sync(busy.store, cb)
    with other.store.action("work elsewhere") as tx:
        theirs = [tx.insert("borehole", {"project_id": proj.id, "code": f"O{n}", "kind": "boring"})
                  for n in range(3)]
    sync(other.store, co)
    with busy.store.action("backlog") as tx:
        for n in range(25):
            tx.insert("borehole", {"project_id": proj.id, "code": f"B{n}", "kind": "boring"})
    writer = device(tmp_path, "busy")  # a second connection to the same file, as the GUI has
    client = BusyWriter(url, cb.token, writer, proj.id, bursts=30)
    report = sync(busy.store, client, push_batch=10)
    first_pull, last_push = client.calls.index("pull"), len(client.calls) - 1 - client.calls[::-1].index("push")
    assert first_pull < last_push, client.calls  # it pulled while the writer was still going
    assert all(busy.store.get("borehole", row) is not None for row in theirs)
    assert report.pushed == 25  # the backlog it started with, no more
    assert report.pending > 0  # what was written during the sync waits for the next one
    client.bursts = 0
    sync(busy.store, client)
    sync(other.store, co)
    assert data(busy) == data(other)
    for x in (busy, other, cb, co, writer, client):
        x.close()


def test_an_upgraded_hub_indexes_the_codes_it_already_holds(hub: tuple[HubService, str], tmp_path: Path) -> None:
    service, url = hub
    a, b = device(tmp_path, "a"), device(tmp_path, "b")
    ca, cb = enrolled(service, url, a), enrolled(service, url, b)
    proj = project.create(a, code="P1", name="one")
    sync(a.store, ca)
    sync(b.store, cb)
    with a.store.action("holes") as tx:
        for code in ("B1", "B2"):
            tx.insert("borehole", {"project_id": proj.id, "code": code, "kind": "boring"})
    sync(a.store, ca)
    with b.store.action("the same code, offline") as tx:
        tx.insert("borehole", {"project_id": proj.id, "code": "B2", "kind": "boring"})
    with service.db.write() as conn:
        indexed = sorted(conn.execute("SELECT tbl, key, row_id FROM hub_unique"))
        assert len(indexed) == 3  # the project's code and two boreholes'
        conn.execute("DELETE FROM hub_unique")  # as on a hub made before the index
        unique.backfill(conn)
        assert sorted(conn.execute("SELECT tbl, key, row_id FROM hub_unique")) == indexed
    sync(b.store, cb)
    assert [c["kind"] for c in service.list_conflicts()] == ["unique"]
    for x in (a, b, ca, cb):
        x.close()
