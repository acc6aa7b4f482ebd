"""Wells, sampling rounds and their readings travel through a real hub (SQLite and
PostgreSQL); two devices correcting different readings of one round both keep both."""

from __future__ import annotations

from pathlib import Path

from helpers import data, device, enrolled, hub_data

from fieldapp.domain import borehole, project, well
from fieldapp.domain import groundwater_sample as gw
from fieldapp.domain import sampling_round as sr
from fieldapp.domain.purge import Reading
from fieldapp.hub.service import HubService
from fieldapp.store.verify import verify
from fieldapp.sync.engine import sync

READINGS = [Reading(volume_l=0.5 * (i + 1), ec_us_cm=ec, ph=ph, temperature_c=11.0)
            for i, (ec, ph) in enumerate(((980, 6.5), (850, 6.6), (790, 6.6), (772, 6.7)))]


def test_a_round_and_its_readings_merge_across_devices(hub: tuple[HubService, str], tmp_path: Path) -> None:
    service, url = hub
    a, b = device(tmp_path, "a"), device(tmp_path, "b")
    ca, cb = enrolled(service, url, a), enrolled(service, url, b)
    proj = project.create(a, code="P1", name="Gasfabriek")
    hole = borehole.create(a, proj.id, code="PB01", kind="peilbuis")
    borehole.set_final_depth(a, hole.id, "3.5", "einddoel")
    placed = well.place(a, hole.id, well.WellSpec(filter_top="2.0", filter_bottom="3.0", pipe_diameter_mm=25,
                                                  pipe_top="-0.05", placed_at="2026-11-09T10:00:00+01:00"))
    started = sr.start(a, placed.id, sr.RoundSpec(started_at="2026-11-18T09:00:00+01:00", water_level="1.10",
                                                  pump_type="peristaltischePomp", intake="2.5", flow_ml_min=500))
    taken = sr.add_readings(a, started.id, READINGS)
    sync(a.store, ca)
    sync(b.store, cb)
    assert [r.ec_us_cm for r in sr.readings(b.store, started.id)] == [980, 850, 790, 772]
    assert well.get(b.store, placed.id).filter_bottom_cm == 300
    # a corrects the EC of the second reading, b the pH of the third and adds a fifth, offline
    sr.update_reading(a, taken[1].id, Reading(volume_l=1.0, ec_us_cm=855, ph=6.6, temperature_c=11.0))
    third = sr.readings(b.store, started.id)[2]
    sr.update_reading(b, third.id, Reading(volume_l=1.5, ec_us_cm=790, ph=6.65, temperature_c=11.0))
    sr.add_reading(b, started.id, Reading(volume_l=2.5, ec_us_cm=768, ph=6.7, temperature_c=11.0))
    for session, client in ((a, ca), (b, cb), (a, ca)):
        sync(session.store, client)
    for s in (a, b):
        got = sr.readings(s.store, started.id)
        assert [(r.volume_l, r.ec_us_cm, r.ph) for r in got] == [
            (0.5, 980, 6.5), (1.0, 855, 6.6), (1.5, 790, 6.65), (2.0, 772, 6.7), (2.5, 768, 6.7)]
    # the sample taken on b reaches a, in its round
    gw.take(b, started.id, code="GW01", sampled_at="2026-11-18T09:40:00+01:00")
    sync(b.store, cb)
    sync(a.store, ca)
    assert [s.code for s in gw.of_round(a.store, started.id)] == ["GW01"]
    assert data(a) == data(b) == hub_data(service)
    for s in (a, b):
        verify(s.store)
        s.close()
    ca.close()
    cb.close()


def test_filter_depths_kept_as_given_travel_with_their_reference(hub: tuple[HubService, str], tmp_path: Path) -> None:
    """A SIKB0101 file's filter depths from the top of the tube or in NAP (migration 0022_filter_depth_reference)
    reach the hub and the other device as given, below-surface depths still empty."""
    from fieldapp.sikb.import_sikb import import_sikb

    service, url = hub
    a, b = device(tmp_path, "a"), device(tmp_path, "b")
    ca, cb = enrolled(service, url, a), enrolled(service, url, b)
    import_sikb(a, Path(__file__).parent.parent / "data" / "sikb" / "examples" /
                "1b._SAD_registrationRequest_IMBROA_-_filter_scenarios.xml")
    sync(a.store, ca)
    sync(b.store, cb)
    given = {(w.filter_depth_reference, w.filter_top_given_cm, w.filter_bottom_given_cm, w.filter_top_cm)
             for w in (well.get(b.store, r["id"]) for r in b.store.query("SELECT id FROM well"))}
    assert {("tube_top", 120, 240, None), ("nap", 90, 210, None)} <= given
    assert data(a) == data(b) == hub_data(service)
    for s in (a, b):
        verify(s.store)
        s.close()
    ca.close()
    cb.close()
