"""The project metadata columns travel through a real hub like every other project field."""

from __future__ import annotations

from pathlib import Path

from helpers import data, device, enrolled, hub_data

from fieldapp.domain import project
from fieldapp.hub.service import HubService
from fieldapp.store.verify import verify
from fieldapp.sync.engine import sync

CONTOUR = "POLYGON ((135880 455280, 135990 455275, 136000 455350, 135940 455395, 135875 455370, 135880 455280))"


def test_metadata_and_contour_reach_another_device(hub: tuple[HubService, str], tmp_path: Path) -> None:
    service, url = hub
    a, b = device(tmp_path, "a"), device(tmp_path, "b")
    ca, cb = enrolled(service, url, a), enrolled(service, url, b)
    proj = project.create(a, code="P1", name="Croeselaan", start_date="2026-03-02",
                          metadata={"investigation_type": "naderOnderzoek", "site_contour": CONTOUR})
    sync(a.store, ca)
    sync(b.store, cb)
    project.edit(b, proj.id, {"report_number": "R-7", "contractor_kvk": "30123456"})
    sync(b.store, cb)
    sync(a.store, ca)
    got = project.get(a.store, proj.id)
    assert (got.investigation_type, got.report_number, got.contractor_kvk) == ("naderOnderzoek", "R-7", "30123456")
    assert got.site_contour == project.get(b.store, proj.id).site_contour and got.site_contour
    assert data(a) == data(b) == hub_data(service)
    for s in (a, b):
        verify(s.store)
    for x in (a, b, ca, cb):
        x.close()
