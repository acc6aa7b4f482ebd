"""Push and pull between real devices through a real hub, on both stores."""

from __future__ import annotations

from pathlib import Path

from helpers import data, device, enrolled, hub_data

from fieldapp import demo
from fieldapp.domain import borehole, project
from fieldapp.hub.service import HubService
from fieldapp.store.verify import verify
from fieldapp.sync.engine import sync


def test_demo_project_reaches_another_device(hub: tuple[HubService, str], tmp_path: Path) -> None:
    service, url = hub
    a, b = device(tmp_path, "a"), device(tmp_path, "b")
    ca, cb = enrolled(service, url, a), enrolled(service, url, b)
    demo.create(a, boreholes=5, seed=3)
    first = sync(a.store, ca)
    assert first.pushed == a.store.count("journal") and first.pending == 0
    got = sync(b.store, cb)
    assert got.pulled == first.pushed
    assert data(b) == data(a) == hub_data(service)
    again = sync(b.store, cb)
    assert (again.pushed, again.pulled) == (0, 0)
    for s in (a, b):
        verify(s.store)
        s.close()
    ca.close()
    cb.close()


def test_edits_to_different_fields_both_apply(hub: tuple[HubService, str], tmp_path: Path) -> None:
    service, url = hub
    a, b = device(tmp_path, "a"), device(tmp_path, "b")
    ca, cb = enrolled(service, url, a), enrolled(service, url, b)
    proj = project.create(a, code="P1", name="one")
    hole = borehole.create(a, proj.id, code="B01")
    sync(a.store, ca)
    sync(b.store, cb)
    with a.store.action("edit") as tx:
        tx.update("borehole", hole.id, {"remarks": "from a"})
    with b.store.action("edit") as tx:
        tx.update("borehole", hole.id, {"technique": "handDraaien"})
    for _ in range(2):
        sync(a.store, ca)
        sync(b.store, cb)
    row = a.store.get("borehole", hole.id)
    assert row is not None and row["remarks"] == "from a" and row["technique"] == "handDraaien"
    assert data(a) == data(b) == hub_data(service)
    verify(a.store)
    verify(b.store)
    for x in (a, b, ca, cb):
        x.close()


def test_big_changes_are_pushed_in_requests_under_the_body_limit(hub: tuple[HubService, str],
                                                                   tmp_path: Path) -> None:
    service, url = hub
    a = device(tmp_path, "a")
    ca = enrolled(service, url, a)
    proj = project.create(a, code="P1", name="one")
    nmea = "$GPGGA,073012.00,5205.17160,N,00506.51017,E,2,12,0.9,1.2,M,44.7,M,,*64\\r\\n" * 150  # ~11 kB
    with a.store.action("many positions") as tx:
        for n in range(2000):  # 2,000 x 11 kB: one request would be refused as too large
            tx.insert("borehole", {"project_id": proj.id, "code": f"B{n}", "kind": "boring", "raw_nmea": nmea})
    report = sync(a.store, ca)
    assert report.pushed == 2001 and report.pending == 0
    a.close()
    ca.close()
