"""The monitoring well and its sampling round through the core (issue 13): a well and a
complete round recorded from a real purge's readings, the stop rule found at the right
reading; each rule broken gets its message and nothing is written; the overridable
ones (sampled too soon, purge stopped early) pass only with a recorded deviation."""

from __future__ import annotations

from dataclasses import replace

import pytest
from tests_store_helpers import refused

from fieldapp import check
from fieldapp.domain import borehole, bottle, deviation, project, purge, sample, staff, well
from fieldapp.domain import groundwater_sample as gw
from fieldapp.domain import sampling_round as sr
from fieldapp.domain.deviation import DeviationDraft, Overrides
from fieldapp.domain.purge import Reading
from fieldapp.domain.sample import Part
from fieldapp.errors import DuplicateCodeError, ValidationError
from fieldapp.rules import RuleError, default_book
from fieldapp.session import Session
from fieldapp.store.verify import verify

PLACED = "2026-11-09T10:30:00+01:00"
SAMPLED = "2026-11-18T09:15:00+01:00"
SPEC = well.WellSpec(filter_top="2.00", filter_bottom="3.00", pipe_diameter_mm=25, pipe_material="pvc",
                     filter_diameter_mm=32, filter_material="pvc", slot_width_mm="0.3", gravel_top="1.80",
                     gravel_bottom="3.20", seal_top="1.30", seal_bottom="1.80", finish="straatpot", pipe_top="-0.05",
                     pipe_top_nap="0.72", placed_at=PLACED, development="afgepompt tot helder water",
                     development_minutes=20)
ROUND = sr.RoundSpec(started_at=SAMPLED, water_level="1.10", pump_type="peristaltischePomp", intake="2.50",
                     flow_ml_min=500)
# A purge of PB01 (25 mm pipe, 1.85 m of water: 0.91 l per well volume) as the field form has it:
# EC settles from 3.5 l on, O2 keeps falling; 5 well volumes are 4.54 l, so "EC stable and at
# least 5 well volumes" first holds at the reading at 5.0 l (the one at 4.5 l is 4.96 volumes).
EC = (1250, 1020, 860, 745, 690, 668, 661, 659, 660, 658, 659)
PH = (6.42, 6.51, 6.58, 6.63, 6.66, 6.68, 6.69, 6.69, 6.70, 6.70, 6.70)
TEMP = (11.8, 11.5, 11.3, 11.2, 11.1, 11.1, 11.0, 11.0, 11.0, 11.0, 11.0)
TURBIDITY = (48.0, 35.0, 22.0, 14.0, 9.5, 7.1, 6.0, 5.2, 4.9, 4.8, 4.7)
O2 = (6.8, 5.9, 5.0, 4.2, 3.5, 2.9, 2.4, 2.0, 1.7, 1.5, 1.4)
PURGE = [Reading(volume_l=0.5 * (i + 1), ec_us_cm=EC[i], ph=PH[i], temperature_c=TEMP[i],
                 turbidity_ntu=TURBIDITY[i], o2_mg_l=O2[i], water_level_cm=112 + i % 2,
                 measured_at=f"2026-11-18T09:{16 + i:02d}:00+01:00") for i in range(len(EC))]
TOO_SOON = DeviationDraft("well_sampling_wait", "Protocol 2002, wachttijd na plaatsing", "",
                          "Terrein sluit op 12 november (opdrachtgever); later bemonsteren kan niet.",
                          "Het filter is mogelijk nog niet uitgewerkt; troebelheid en EC kunnen afwijken.")
STOPPED = DeviationDraft("purge_stop_rule_required", "Protocol 2002, voorpompen", "",
                         "Peilbuis viel droog na 1,5 l; bemonsterd na herstel van de stand.",
                         "Het monster kan stilstaand water bevatten; resultaten met voorbehoud.")


@pytest.fixture
def site(session: Session) -> dict[str, str]:
    proj = project.create(session, code="P1", name="Gasfabriek", start_date="2026-11-01")
    hole = borehole.create(session, proj.id, code="PB01", kind="peilbuis", started_at="2026-11-09T09:00:00+01:00")
    borehole.set_final_depth(session, hole.id, "3.50", "einddoel")
    return {"project": proj.id, "borehole": hole.id}


def _placed(session: Session, site: dict[str, str]) -> well.Well:
    return well.place(session, site["borehole"], SPEC)


def test_a_well_and_a_complete_round_from_recorded_readings(session: Session, site: dict[str, str]) -> None:
    placed = _placed(session, site)
    assert (placed.filter_top_cm, placed.filter_bottom_cm, placed.gravel_top_cm, placed.seal_bottom_cm) == \
        (200, 300, 180, 180)
    assert (placed.pipe_top_cm, placed.pipe_top_nap_cm, placed.pipe_bottom_cm) == (-5, 72, 295)
    sampler = staff.create(session, name="J. de Vries", role="experienced", registration_number="BBK-2001-04172",
                           protocols=("2001", "2002"), valid_until="2028-12-31")
    started = sr.start(session, placed.id, replace(ROUND, staff_id=sampler.id))
    assert started.staff_id == sampler.id
    assert placed.below_surface(started.water_level_cm) == 115  # 1.10 m below a pipe top 5 cm under the surface
    assert sr.days_since(placed.placed_at, started.started_at) == 9
    for reading in PURGE:  # typed one by one, as in the field
        sr.add_reading(session, started.id, reading)
    state = sr.state(session.store, started.id)
    assert state.water_column_cm == 185
    assert state.well_volume_l == pytest.approx(0.908, abs=0.001)
    assert not state.slow and state.drawdown_cm == 3
    assert state.met is not None
    assert (state.met.rule.id, state.met.index, state.met.reading.volume_l) == ("ec_stable_5_volumes", 9, 5.0)
    assert state.met.volumes == pytest.approx(5.5, abs=0.01)
    # one reading fewer: 4.5 l is just short of 5 well volumes, and O2 never settles
    assert purge.first_met(PURGE[:9], state.well_volume_l, False) is None
    done = sr.finish(session, started.id, observations=sr.NONE_OBSERVED)
    assert done.stop_rule == "ec_stable_5_volumes" and done.finished_at
    assert done.hose_reused == 0 and done.groundwater_level_dropped_too_much == 0
    taken = gw.take(session, started.id, code="GW01", sampled_at="2026-11-18T09:40:00+01:00")
    assert sample.parts_of(session.store, taken.id)[0].upper_cm == 200  # the filter
    assert taken.sampling_round_id == started.id and taken.matrix == "GW"
    metals = bottle.fill(session, taken.id, package="ZWARE_METALEN", container_type="Fles", material="PE",
                         volume_ml=100, preservation="HNO3", filtered=True)
    vocl = bottle.fill(session, taken.id, package="VOCL", container_type="Vial", material="G", volume_ml=40)
    assert (metals.filtered, metals.preservation, metals.analysis_package) == (1, "HNO3", "ZWARE_METALEN")
    assert (vocl.filtered, vocl.analysis_package) == (0, "VOCL")
    findings = [f for f in check.run(session.store.conn, site["project"])
                if f.object_kind in ("well", "sampling_round") or f.rule_id.startswith(("well_", "bottle_"))]
    assert findings == []
    verify(session.store)


def test_the_slow_well_rule_stops_at_three_volumes() -> None:
    slow = [Reading(volume_l=v, ec_us_cm=e, water_level_cm=lv) for v, e, lv in
            ((0.5, 900, 150), (1.0, 820, 170), (1.5, 760, 190), (2.0, 700, 200), (2.8, 650, 205))]
    book = default_book()
    drawdown = purge.drawdown_cm(110, slow)
    assert drawdown == 95 and purge.is_slow(drawdown, 100, book) and not purge.is_slow(drawdown, 250, book)
    met = purge.first_met(slow, 0.908, True)
    assert met is not None and (met.rule.id, met.index) == ("slow_well_3_volumes", 4)
    assert purge.first_met(slow, 0.908, False) is None
    band = purge.band(PURGE, "ec_us_cm")
    assert band is not None and band[0] < 659 < band[1] and band[1] - band[0] == pytest.approx(65.9, abs=0.1)


def test_a_well_outside_a_peilbuis_or_below_the_hole_is_refused(session: Session, site: dict[str, str]) -> None:
    plain = borehole.create(session, site["project"], code="B02")
    refused(session, RuleError, ("B02", "kind boring"), lambda: well.place(session, plain.id, SPEC))
    refused(session, RuleError, ("reaches 4.00 m", "3.50 m"),
            lambda: well.place(session, site["borehole"], replace(SPEC, filter_bottom="4.00", gravel_bottom="4.2")))
    refused(session, RuleError, ("gravel (2.10-3.20 m)", "does not surround"),
            lambda: well.place(session, site["borehole"], replace(SPEC, gravel_top="2.10")))
    refused(session, RuleError, ("seal (1.30-1.90 m)",),
            lambda: well.place(session, site["borehole"], replace(SPEC, seal_bottom="1.90")))
    refused(session, ValidationError, ("karton", "well_tube_material"),
            lambda: well.place(session, site["borehole"], replace(SPEC, pipe_material="karton")))
    _placed(session, site)
    refused(session, DuplicateCodeError, ("already has tube 1",), lambda: _placed(session, site))


def test_a_sample_outside_the_filter_is_refused(session: Session, site: dict[str, str]) -> None:
    started = sr.start(session, _placed(session, site).id, ROUND)
    refused(session, RuleError, ("GW01 (3.00-3.50 m) is outside the filter of well PB01-1 (2.00-3.00 m)",),
            lambda: gw.take(session, started.id, code="GW01", upper="3.0", lower="3.5"))
    # the way the old bug came in: a groundwater sample at 10-11 m typed on the borehole, 3.5 m deep
    refused(session, RuleError, ("GW02 (10.00-11.00 m) is deeper than borehole PB01 (3.50 m)",),
            lambda: sample.create(session, site["project"], code="GW02", kind="groundwater", matrix="GW",
                                  parts=[Part(site["borehole"], "10", "11")]))
    refused(session, RuleError, ("outside the filter",),
            lambda: sample.create(session, site["project"], code="GW02", kind="groundwater", matrix="GW",
                                  parts=[Part(site["borehole"], "1.0", "1.5")]))


def test_sampling_too_soon_needs_a_deviation(session: Session, site: dict[str, str]) -> None:
    placed = _placed(session, site)
    early = replace(ROUND, started_at="2026-11-12T09:00:00+01:00")
    err = refused(session, RuleError, ("sampled 3 day(s) after it was placed", "wait at least 7 days",
                                       "2026-11-16", "record a deviation"),
                  lambda: sr.start(session, placed.id, early))
    assert isinstance(err, RuleError) and err.rule.id == "well_sampling_wait" and err.deviation_possible
    refused(session, RuleError, ("before well PB01-1 was placed",),
            lambda: sr.start(session, placed.id, replace(ROUND, started_at="2026-11-08T09:00:00+01:00"),
                             overrides=Overrides([TOO_SOON])))
    started = sr.start(session, placed.id, early, overrides=Overrides([TOO_SOON]))
    recorded = deviation.for_object(session.store.conn, started.id)
    assert [(d.rule_id, d.object_kind) for d in recorded] == [("well_sampling_wait", "sampling_round")]
    covered = [f for f in check.run(session.store.conn, site["project"]) if f.rule_id == "well_sampling_wait"]
    assert len(covered) == 1 and covered[0].deviation_id == recorded[0].id


def test_filtered_organics_are_refused(session: Session, site: dict[str, str]) -> None:
    started = sr.start(session, _placed(session, site).id, ROUND)
    taken = gw.take(session, started.id, code="GW01", sampled_at="2026-11-18T09:40:00+01:00")
    refused(session, RuleError, ("filtered", "are organic", "VOCL"),
            lambda: bottle.fill(session, taken.id, package="VOCL", container_type="Vial", material="G",
                                filtered=True))
    # the standard package holds organics too; its metals alone may be filtered
    refused(session, RuleError, ("are organic",),
            lambda: bottle.fill(session, taken.id, package="NEN5740_GRONDWATER", container_type="Fles",
                                material="PE", filtered=True))
    bottle.fill(session, taken.id, package="NEN5740_GRONDWATER", container_type="Fles", material="PE",
                filtered=True, preservation="HNO3", parameters=["Cd", "Zn"])


def test_a_bottle_the_package_does_not_allow_is_refused_with_the_reason(
        session: Session, site: dict[str, str]) -> None:
    started = sr.start(session, _placed(session, site).id, ROUND)
    taken = gw.take(session, started.id, code="GW01", sampled_at="2026-11-18T09:40:00+01:00")
    err = refused(session, RuleError, ("A bottle of glass is not allowed for PFAS in GW",
                                       "PFAS adsorbs to glass", "Use PP / HDPE / PE"),
                  lambda: bottle.fill(session, taken.id, package="PFAS", container_type="Fles", material="G"))
    assert isinstance(err, RuleError)
    assert "Een fles van glas is niet toegestaan voor PFAS in GW" in err.message_in("nl")
    assert bottle.fill(session, taken.id, package="PFAS", container_type="Fles", material="HDPE").material == "HDPE"


def test_a_purge_stopped_before_any_stop_rule_needs_a_deviation(session: Session, site: dict[str, str]) -> None:
    started = sr.start(session, _placed(session, site).id, ROUND)
    sr.add_readings(session, started.id, PURGE[:4])
    refused(session, RuleError, ("stopped after 2 l (2.2 well volumes) before any stop rule held",
                                 "record a deviation"),
            lambda: sr.finish(session, started.id, observations=sr.NONE_OBSERVED))
    done = sr.finish(session, started.id, observations=sr.NONE_OBSERVED, overrides=Overrides([STOPPED]))
    assert done.stop_rule is None and done.finished_at
    found = [f for f in check.run(session.store.conn, site["project"]) if f.rule_id == "purge_stop_rule_required"]
    assert len(found) == 1 and found[0].deviation_id
    refused(session, ValidationError, ("finished",), lambda: sr.add_reading(session, started.id, PURGE[5]))


def test_fieldapp_check_lists_what_a_well_and_a_round_lack(session: Session, site: dict[str, str]) -> None:
    other = borehole.create(session, site["project"], code="PB02", kind="peilbuis")
    bare = well.place(session, site["borehole"], well.WellSpec(filter_top="2.0", filter_bottom="3.0",
                                                               placed_at=PLACED))
    started = sr.start(session, bare.id, sr.RoundSpec(started_at=SAMPLED))
    found = check.run(session.store.conn, site["project"])
    by = {(f.object_code, f.rule_id, f.field) for f in found}
    assert ("PB02", "well_missing", "well") in by and other.code == "PB02"
    assert {("PB01-1", "well_incomplete", f) for f in ("pipe diameter", "slot width", "seal top", "finish")} <= by
    code = f"PB01-1 {started.started_at[:10]}"
    assert {(code, "round_incomplete", f) for f in ("water level", "pump type", "readings", "observations",
                                                     "staff")} <= by
    assert (code, "round_not_finished", "readings") in by
    text = next(f for f in found if f.field == "water level").message("nl")
    assert text.startswith("Bemonsteringsronde PB01-1") and "waterniveau" in text


def test_bad_readings_are_refused_by_name(session: Session, site: dict[str, str]) -> None:
    started = sr.start(session, _placed(session, site).id, ROUND)
    refused(session, ValidationError, ("ph", "15"), lambda: sr.add_reading(session, started.id,
                                                                           Reading(volume_l=1.0, ph=15)))
    refused(session, ValidationError, ("volume",), lambda: sr.add_reading(session, started.id,
                                                                          Reading(volume_l=-1.0)))
    refused(session, ValidationError, ("not allowed under NEN 5744",),
            lambda: sr.update(session, started.id, replace(ROUND, pump_type="vacuümpomp")))
    refused(session, RuleError, ("water level", "below the bottom of well PB01-1"),
            lambda: sr.update(session, started.id, replace(ROUND, water_level="3.20")))


def test_undoing_a_round_and_a_well_removes_them_unless_something_hangs_on_them(
        session: Session, site: dict[str, str]) -> None:
    placed = _placed(session, site)
    started = sr.start(session, placed.id, ROUND)
    sr.add_readings(session, started.id, PURGE[:3])
    refused(session, ValidationError, ("has sampling rounds",), lambda: well.delete(session, placed.id))
    taken = gw.take(session, started.id, code="GW01", sampled_at="2026-11-18T09:40:00+01:00")
    refused(session, ValidationError, ("GW01 was taken in this round",), lambda: sr.delete(session, started.id))
    sample.delete(session, taken.id)
    sr.delete(session, started.id)
    assert sr.of_well(session.store, placed.id) == [] and session.store.count("purge_reading") == 0
    well.delete(session, placed.id)
    assert well.of_borehole(session.store, site["borehole"]) == []
    verify(session.store)
