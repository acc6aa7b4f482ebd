"""Merge rules end to end: conflicts, tombstones, a wrong clock, a lab's receipt."""

from __future__ import annotations

import time
from pathlib import Path

from helpers import data, device, enrolled, hub_data

from fieldapp.domain import project
from fieldapp.hub import devices
from fieldapp.hub.service import HubService
from fieldapp.session import Session
from fieldapp.store import Store
from fieldapp.store.verify import verify
from fieldapp.sync.client import HubClient
from fieldapp.sync.engine import enroll, sync

DAY_MS = 24 * 3600 * 1000


def _borehole(a: Session) -> str:
    proj = project.create(a, code="P1", name="one")
    with a.store.action("hole") as tx:
        return tx.insert("borehole", {"project_id": proj.id, "code": "B01", "kind": "boring"})


def _edit(s: Session, row_id: str, **values: object) -> None:
    with s.store.action("edit") as tx:
        tx.update("borehole", row_id, values)


def _everyone(pairs: list[tuple[Session, HubClient]]) -> None:
    for _ in range(2):
        for s, c in pairs:
            sync(s.store, c)


def test_same_field_conflict_identical_edit_and_tombstone(hub: tuple[HubService, str], tmp_path: Path) -> None:
    service, url = hub
    a, b = device(tmp_path, "a"), device(tmp_path, "b")
    pairs = [(a, enrolled(service, url, a)), (b, enrolled(service, url, b))]
    hole = _borehole(a)
    _everyone(pairs)
    _edit(a, hole, remarks="wet", technique="same")
    _edit(b, hole, remarks="dry", technique="same")
    _everyone(pairs)
    conflicts = pairs[0][1].conflicts()
    assert [(c["field"], c["kind"]) for c in conflicts] == [("remarks", "edit")]  # identical edits: no conflict
    winner = a.store.get("borehole", hole)
    assert winner is not None and {winner["remarks"], conflicts[0]["value"].strip('"')} == {"wet", "dry"}
    # a delete wins over a concurrent edit, which is kept as a conflict
    with a.store.action("delete") as tx:
        tx.delete("borehole", hole)
    _edit(b, hole, remarks="after")
    _everyone(pairs)
    assert a.store.get("borehole", hole) is None and b.store.get("borehole", hole) is None
    kinds = {(c["field"], c["kind"], c["value"]) for c in pairs[0][1].conflicts()}
    assert ("remarks", "deleted", '"after"') in kinds or ("remarks", "after_delete", '"after"') in kinds
    assert data(a) == data(b) == hub_data(service)
    pairs[0][1].resolve(conflicts[0]["id"], "kept the hub's value")
    assert len(pairs[0][1].conflicts(all=True)) > len(pairs[0][1].conflicts())
    for s, c in pairs:
        verify(s.store)
        s.close()
        c.close()


def test_a_clock_a_day_ahead_is_flagged_and_does_not_win_everything(hub: tuple[HubService, str],
                                                                     tmp_path: Path) -> None:
    service, url = hub
    service.clock_tolerance_ms = 0  # the test cannot wait out the real tolerance of minutes
    a, skewed = device(tmp_path, "a"), device(tmp_path, "skewed")
    skewed.store.clock.wall_ms = lambda: time.time_ns() // 1_000_000 + DAY_MS
    pairs = [(a, enrolled(service, url, a)), (skewed, enrolled(service, url, skewed))]
    hole = _borehole(a)
    _everyone(pairs)
    _edit(skewed, hole, technique="first")
    _edit(skewed, hole, technique="second", remarks="from the future")
    report = sync(skewed.store, pairs[1][1])
    assert report.clock_flagged and report.clock_offset_ms > DAY_MS - 60_000
    assert "clock" in report.summary()
    time.sleep(0.01)  # not a timing assertion: the honest edit must fall in a later millisecond
    _edit(a, hole, remarks="from today")  # made without having seen the skewed edit
    _everyone(pairs)
    for s, _ in pairs:
        row = s.store.get("borehole", hole)
        assert row is not None
        assert row["remarks"] == "from today"  # the day-ahead stamp did not win
        assert row["technique"] == "second"  # and its own edits kept their order
    assert any(c["value"] == '"from the future"' for c in pairs[0][1].conflicts())
    assert data(a) == data(skewed) == hub_data(service)
    for s, c in pairs:
        verify(s.store)
        s.close()
        c.close()


def test_lab_reads_its_shipments_and_records_receipt(hub: tuple[HubService, str], tmp_path: Path) -> None:
    service, url = hub
    a, lab = device(tmp_path, "a"), device(tmp_path, "lab")
    ca = enrolled(service, url, a, "sampler")
    cl = enrolled(service, url, lab, "lab", lab="Eurofins")
    proj = project.create(a, code="P1", name="one")
    with a.store.action("fill a jar") as tx:
        smp = tx.insert("sample", {"project_id": proj.id, "code": "M1", "kind": "field_sample", "matrix": "BS"})
        jar = tx.insert("container", {"sample_id": smp, "barcode": "FA-1", "container_type": "Pot"})
    sync(a.store, ca)
    sync(lab.store, cl)
    assert lab.store.get("container", jar) is None  # not yet packed for this lab
    with a.store.action("ship") as tx:
        ours = tx.insert("shipment", {"project_id": proj.id, "code": "C1", "lab": "Eurofins"})
        tx.insert("shipment_item", {"shipment_id": ours, "container_id": jar})
        other = tx.insert("shipment", {"project_id": proj.id, "code": "C2", "lab": "SYNLAB"})
        tx.insert("custody_event", {"shipment_id": ours, "kind": "relinquished", "actor": "a", "at_laptop": "t"})
    sync(a.store, ca)
    sync(lab.store, cl)
    assert lab.store.get("shipment", ours) is not None and lab.store.get("shipment", other) is None
    assert lab.store.get("project", proj.id) is None  # a lab reads its shipments, nothing else
    assert lab.store.get("sample", smp) is None
    assert lab.store.get("container", jar) is not None  # packed for it: its earlier changes came along
    with lab.store.action("scan") as tx:  # foreign keys on: the container is really there
        tx.insert("custody_event", {"container_id": jar, "shipment_id": ours, "kind": "received",
                                    "actor": "lab", "at_laptop": "t3"})
    with lab.store.action("receive") as tx:
        tx.update("shipment", ours, {"received_by": "lab", "received_at": "2026-09-15T08:00:00Z",
                                     "temperature_c": 4.0})
        tx.insert("custody_event", {"shipment_id": ours, "kind": "received", "actor": "lab", "at_laptop": "t2"})
    assert sync(lab.store, cl).pushed == 3
    sync(a.store, ca)
    row = a.store.get("shipment", ours)
    assert row is not None and row["received_by"] == "lab"
    assert len(a.store.query("SELECT * FROM custody_event WHERE shipment_id = ?", (ours,))) == 3
    verify(lab.store)
    verify(a.store)
    for x in (a, lab, ca, cl):
        x.close()


def test_one_code_given_twice_offline_is_a_hub_conflict_and_hides_no_row(hub: tuple[HubService, str],
                                                                         tmp_path: Path) -> None:
    """Issue 17, finding 5: the clash is in `hub conflicts`, the later row is
    renamed by the hub, and every device holds both rows."""
    service, url = hub
    a, b, c = device(tmp_path, "a"), device(tmp_path, "b"), device(tmp_path, "c")  # c only watches
    pairs = [(a, enrolled(service, url, a)), (b, enrolled(service, url, b)), (c, enrolled(service, url, c))]
    proj = project.create(a, code="P1", name="one")
    _everyone(pairs)
    made = {}
    for s in (a, b):
        with s.store.action("hole") as tx:
            made[s.actor] = tx.insert("borehole", {"project_id": proj.id, "code": "B01", "kind": "boring"})
    _everyone(pairs)
    with a.store.action("after") as tx:
        tx.insert("borehole", {"project_id": proj.id, "code": "B02", "kind": "boring"})
    _everyone(pairs)  # later changes still flow
    clashes = [c for c in service.list_conflicts() if c["kind"] == "unique"]
    assert [(c["tbl"], c["row_id"], c["field"], c["value"]) for c in clashes] == [
        ("borehole", made["b"], "code", '"B01"')]  # b pushed second: its row is renamed
    assert clashes[0]["loser_device"] == b.store.device_id and clashes[0]["winner_device"] == a.store.device_id
    for s in (a, b, c):
        codes = {r["id"]: r["code"] for r in s.store.query("SELECT id, code FROM borehole")}
        assert codes[made["a"]] == "B01" and codes[made["b"]] == "B01-2" and len(codes) == 3
        assert data(s) == hub_data(service)
        verify(s.store)
    for s, client in pairs:
        s.close()
        client.close()


def test_sampler_works_on_its_own_and_granted_projects(hub: tuple[HubService, str], tmp_path: Path) -> None:
    service, url = hub
    a, b, c = device(tmp_path, "a"), device(tmp_path, "b"), device(tmp_path, "c")
    ca = enrolled(service, url, a, "sampler")
    cb = enrolled(service, url, b, "sampler", projects=("P1",))
    cc = enrolled(service, url, c, "sampler")
    p1 = project.create(a, code="P1", name="one")
    project.create(a, code="P9", name="not shared")
    sync(a.store, ca)
    sync(b.store, cb)
    sync(c.store, cc)
    assert {r["code"] for r in b.store.query("SELECT code FROM project")} == {"P1"}
    assert c.store.query("SELECT code FROM project") == []
    with b.store.action("hole") as tx:  # a granted project may be edited
        hole = tx.insert("borehole", {"project_id": p1.id, "code": "B01", "kind": "boring"})
    sync(b.store, cb)
    sync(a.store, ca)
    assert a.store.get("borehole", hole) is not None
    for x in (a, b, c, ca, cb, cc):
        x.close()


def test_an_edit_after_a_background_pull_wins_over_what_it_saw(hub: tuple[HubService, str],
                                                                tmp_path: Path) -> None:
    """The GUI and the background sync use two connections (two clocks) on one
    file; an edit in the GUI after the sync pulled a value must stamp later,
    even when the other device's clock runs a little (within tolerance) ahead."""
    service, url = hub
    a, ahead = device(tmp_path, "a"), device(tmp_path, "ahead")
    ahead.store.clock.wall_ms = lambda: time.time_ns() // 1_000_000 + 120_000
    ca, cb = enrolled(service, url, a), enrolled(service, url, ahead)
    hole = _borehole(a)
    sync(a.store, ca)
    sync(ahead.store, cb)
    _edit(ahead, hole, remarks="theirs")
    sync(ahead.store, cb)
    background = Store.open(a.store.path, actor="sync")  # the worker's own connection
    sync(background, ca)
    _edit(a, hole, remarks="mine, having seen theirs")  # the GUI's connection and clock
    sync(background, ca)
    sync(ahead.store, cb)
    for s in (a.store, ahead.store, background):
        row = s.get("borehole", hole)
        assert row is not None and row["remarks"] == "mine, having seen theirs"
    assert ca.conflicts() == []  # a later edit, not a conflict
    for x in (background, a, ahead, ca, cb):
        x.close()


def test_a_revoked_device_can_be_enrolled_again(hub: tuple[HubService, str], tmp_path: Path) -> None:
    service, url = hub
    a = device(tmp_path, "a")
    ca = enrolled(service, url, a)
    devices.revoke(service.db, "a-coordinator")
    code = devices.create_enrolment(service.db, role="coordinator", name="a-again")
    enroll(a.store, ca, code)
    project.create(a, code="P1", name="one")
    assert sync(a.store, ca).pushed == 1
    a.close()
    ca.close()
