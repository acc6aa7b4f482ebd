"""Deviations (afwijkingen) travel through a real hub with the sample they allow, to a sampler
device granted the project as to a coordinator."""

from __future__ import annotations

from pathlib import Path

from helpers import data, device, enrolled, hub_data

from fieldapp import check
from fieldapp.domain import borehole, deviation, field_day, layer, project, sample, staff
from fieldapp.domain.deviation import DeviationDraft, Overrides
from fieldapp.domain.sample import Part
from fieldapp.hub import devices
from fieldapp.hub.service import HubService
from fieldapp.store.verify import verify
from fieldapp.sync.engine import sync


def test_a_sample_and_its_deviation_reach_a_sampler(hub: tuple[HubService, str], tmp_path: Path) -> None:
    service, url = hub
    a, b = device(tmp_path, "a"), device(tmp_path, "b")
    ca = enrolled(service, url, a, "sampler")
    proj = project.create(a, code="P1", name="Gasfabriek", start_date="2026-01-05")
    hole = borehole.create(a, proj.id, code="B01", started_at="2026-01-06T09:00:00+01:00")
    layer.add(a, hole.id, upper="0", lower="1.5", soil="Kz1", colour="grijs")
    draft = DeviationDraft("soil_sample_max_span", "Protocol 2001", "", "Puinverharding: een geheel uit de guts.",
                           "Gehalten gemiddeld over 0,6 m.")
    smp = sample.create(a, proj.id, code="M1", kind="field_sample", matrix="BS", parts=[Part(hole.id, "0.5", "1.1")],
                        sampled_at="2026-01-06T10:00:00+01:00", overrides=Overrides([draft]))
    sync(a.store, ca)
    cb = enrolled(service, url, b, "sampler")
    devices.grant(service.db, f"{b.actor}-sampler", "P1")
    sync(b.store, cb)
    got = deviation.for_project(b.store.conn, proj.id)
    assert [(d.object_id, d.rule_id, d.reason) for d in got] == [(smp.id, "soil_sample_max_span", draft.reason)]
    covered = [f for f in check.run(b.store.conn, proj.id) if f.rule_id == "soil_sample_max_span"]
    assert [(f.object_id, bool(f.deviation_id)) for f in covered] == [(smp.id, True)]
    assert data(b) == data(a) == hub_data(service)
    for s in (a, b):
        verify(s.store)
        s.close()
    ca.close()
    cb.close()


def test_the_staff_register_and_field_days_reach_every_sampler(hub: tuple[HubService, str], tmp_path: Path) -> None:
    """The register is the organisation's: a sampler not granted the project still gets it (and may add
    to it); the field day travels with its project only."""
    service, url = hub
    a, b, c = device(tmp_path, "a"), device(tmp_path, "b"), device(tmp_path, "c")
    ca, cb, cc = (enrolled(service, url, s, "sampler") for s in (a, b, c))
    proj = project.create(a, code="P1", name="Gasfabriek", start_date="2026-01-05")
    vries = staff.create(a, name="J. de Vries", role="experienced", registration_number="BBK-1",
                         protocols=["2001", "2002"], valid_until="2027-12-31")
    hole = borehole.create(a, proj.id, code="B01", started_at="2026-01-06T09:00:00+01:00", staff_id=vries.id)
    day = field_day.record(a, proj.id, "2026-01-06", weather="droog", staff_ids=[vries.id])
    sync(a.store, ca)
    devices.grant(service.db, f"{b.actor}-sampler", "P1")
    sync(b.store, cb)
    sync(c.store, cc)
    assert [s.name for s in staff.register(b.store)] == [s.name for s in staff.register(c.store)] == ["J. de Vries"]
    assert field_day.get(b.store, day.id).staff_ids == (vries.id,)
    assert borehole.get(b.store, hole.id).staff_id == vries.id
    assert c.store.get("field_day", day.id) is None and c.store.get("borehole", hole.id) is None
    # c registers a new assistant: it reaches a
    staff.create(c, name="S. Yilmaz", role="assistant")
    sync(c.store, cc)
    sync(a.store, ca)
    assert [s.name for s in staff.register(a.store)] == ["J. de Vries", "S. Yilmaz"]
    for s in (a, b, c):
        verify(s.store)
        s.close()
    for client in (ca, cb, cc):
        client.close()
