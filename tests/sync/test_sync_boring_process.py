"""Boring processes and a closed borehole travel through a real hub like any other record."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import data, device, enrolled, forged, hub_data

from fieldapp.domain import borehole, borehole_closing, boring_process, project
from fieldapp.domain.boring_process import Interval
from fieldapp.errors import SyncError
from fieldapp.hub.service import HubService
from fieldapp.store.verify import verify
from fieldapp.sync.engine import sync


def test_boring_processes_and_closing_reach_another_device(hub: tuple[HubService, str], tmp_path: Path) -> None:
    service, url = hub
    a, b = device(tmp_path, "a"), device(tmp_path, "b")
    ca, cb = enrolled(service, url, a), enrolled(service, url, b)
    proj = project.create(a, code="P1", name="Gasfabriek")
    hole = borehole.create(a, proj.id, code="B01", technique="handDraaien", diameter_mm=70)
    borehole.set_final_depth(a, hole.id, "3.0", "einddoel")
    boring_process.save_intervals(a, hole.id, [Interval("0", "1.5", "handDraaien", "Edelmanboor", 70),
                                               Interval("1.5", None, "handDrukkenZuiger", "Zuigerboor", 63)])
    borehole.set_groundwater(a, hole.id, None, "not_encountered")
    borehole_closing.set_details(a, hole.id, backfill="bentoniet")
    borehole_closing.set_surface_level(a, hole.id, method="AHN", level_nap_m="0.85", accuracy_cm=15)
    borehole_closing.close_borehole(a, hole.id)
    sync(a.store, ca)
    sync(b.store, cb)
    got = boring_process.of_borehole(b.store, hole.id)
    assert [(p.upper_cm, p.lower_cm, p.apparatus) for p in got] == [(0, 150, "Edelmanboor"), (150, None, "Zuigerboor")]
    there = borehole.get(b.store, hole.id)
    assert (there.groundwater_status, there.backfill, there.surface_method) == ("not_encountered", "bentoniet", "AHN")
    assert there.closed_at is not None
    assert data(b) == data(a) == hub_data(service)
    # an edit of one interval on b comes back to a as an update of the same row
    boring_process.save_intervals(b, hole.id, [Interval("0", "1.6", "handDraaien", "Edelmanboor", 70, id=got[0].id),
                                               Interval("1.6", None, "handDrukkenZuiger", "Zuigerboor", 63,
                                                        id=got[1].id)])
    sync(b.store, cb)
    sync(a.store, ca)
    assert [p.lower_cm for p in boring_process.of_borehole(a.store, hole.id)] == [160, None]
    assert data(a) == data(b) == hub_data(service)
    for s in (a, b):
        verify(s.store)
        s.close()
    ca.close()
    cb.close()


def test_the_hub_refuses_a_boring_process_upside_down(hub: tuple[HubService, str], tmp_path: Path) -> None:
    service, url = hub
    a = device(tmp_path, "a")
    ca = enrolled(service, url, a)
    proj = project.create(a, code="P1", name="Gasfabriek")
    hole = borehole.create(a, proj.id, code="B01")
    sync(a.store, ca)
    bad = forged(a, "boring_process", {"borehole_id": hole.id, "upper_cm": 150, "lower_cm": 100,
                                        "technique": "handDraaien"})
    with pytest.raises(SyncError, match="422") as caught:
        ca.push([bad])
    assert f"boring_process {bad.row_id}: lower_cm" in str(caught.value)
    assert not [k for k in hub_data(service) if k[0] == "boring_process"]
    a.close()
    ca.close()
