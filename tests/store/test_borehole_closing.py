"""Borehole completeness (issue 12 item 4): boring processes per depth interval,
groundwater status, backfill, surface level from GNSS, and closing with the list
of what is missing. Each requirement broken through the core API gets its
message, and a refused action writes nothing."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from tests_store_helpers import refused, snapshot

from fieldapp.domain import borehole, borehole_closing, boring_process, layer, project
from fieldapp.domain.boring_process import Interval
from fieldapp.errors import IncompleteError, ValidationError
from fieldapp.positions.averaging import Averager, AveragingTarget
from fieldapp.positions.pipeline import fixes
from fieldapp.positions.rdnap import RdNap
from fieldapp.positions.replay import read_log, replay_bytes
from fieldapp.rules import load_rules
from fieldapp.session import Session
from fieldapp.store.verify import verify

ROTTERDAM = Path(__file__).resolve().parents[1] / "data" / "nmea" / "gpsd__ublox-lea-5h.log"
EDELMAN_THEN_PISTON = [Interval("0", "1.5", "handDraaien", "Edelmanboor", 70),
                       Interval("1.5", None, "handDrukkenZuiger", "Zuigerboor", 63)]


GAP = [Interval("0", "1.5", "handDraaien", "Edelmanboor", 70),
       Interval("1.7", None, "handDrukkenZuiger", "Zuigerboor", 63)]


def _complete(session: Session, skip: str = "") -> tuple[str, str]:
    """A borehole with everything a closed one needs, except the requirement ``skip``."""
    proj = project.create(session, code="P1", name="Gasfabriek")
    hole = borehole.create(session, proj.id, code="B01", technique=None if skip == "technique" else "handDraaien",
                           diameter_mm=None if skip == "diameter" else 70).id
    layer.add(session, hole, upper="0", lower="1.4", soil="Zs1h2")
    layer.add(session, hole, upper="1.4", lower="2.0", soil="Kz2")
    borehole.set_final_depth(session, hole, None if skip == "final depth" else "2.0",
                             None if skip == "stop criterion" else "einddoel")
    boring_process.save_intervals(session, hole, GAP if skip == "boring process" else EDELMAN_THEN_PISTON)
    if skip != "groundwater level":
        borehole.set_groundwater(session, hole, "1.6")
    if skip != "backfill":
        borehole_closing.set_details(session, hole, backfill="verwijderdMateriaal")
    if skip != "surface level":
        borehole_closing.set_surface_level(session, hole, method="waterpassing", level_nap_m="-1.25", accuracy_cm=2)
    return proj.id, hole


def test_an_empty_borehole_lists_everything_missing_and_stays_open(session: Session) -> None:
    proj = project.create(session, code="P1", name="Gasfabriek")
    hole = borehole.create(session, proj.id, code="B01")
    error = refused(session, IncompleteError, ("B01 cannot be closed", "stop criterion", "backfill"),
                    lambda: borehole_closing.close_borehole(session, hole.id))
    assert isinstance(error, IncompleteError)
    assert [f for f, _nl, _en in error.missing] == [
        "technique", "diameter", "final depth", "boring process", "stop criterion", "groundwater level",
        "backfill", "surface level"]
    dutch = error.items("nl")
    assert dutch[0] == "De boortechniek ontbreekt." and "maaiveldhoogte" in dutch[-1]
    assert borehole.get(session.store, hole.id).closed_at is None


MESSAGES = {
    "technique": "The boring technique is missing.",
    "diameter": "The borehole diameter is missing.",
    "boring process": "No boring process (apparatus per depth interval) covers 1.50-1.70 m.",
    "final depth": "The final depth is missing.",
    "stop criterion": "The reason the drilling stopped (stop criterion) is missing.",
    "groundwater level": "The groundwater level is missing: give the level, or 'not encountered' or 'not measured'.",
    "backfill": "The backfill of the hole is missing.",
    "surface level": "The surface level (NAP) with its method is missing.",
}


@pytest.mark.parametrize("field", list(MESSAGES))
def test_each_closing_requirement_is_refused_with_its_message(session: Session, field: str) -> None:
    _proj, hole = _complete(session, skip=field)
    error = refused(session, IncompleteError, (MESSAGES[field],),
                    lambda: borehole_closing.close_borehole(session, hole))
    assert isinstance(error, IncompleteError)
    assert [f for f, _nl, _en in error.missing] == [field]
    assert borehole.get(session.store, hole).closed_at is None


def test_clearing_a_requirement_through_the_api_stops_closing(session: Session) -> None:
    _proj, hole = _complete(session)
    borehole_closing.set_details(session, hole, backfill=None)
    borehole.set_groundwater(session, hole, None)
    error = refused(session, IncompleteError, ("backfill", "groundwater"),
                    lambda: borehole_closing.close_borehole(session, hole))
    assert isinstance(error, IncompleteError)
    assert [f for f, _nl, _en in error.missing] == ["groundwater level", "backfill"]


def test_a_complete_borehole_closes_in_one_journalled_action(session: Session) -> None:
    proj, hole = _complete(session)
    book = load_rules()
    open_findings = borehole_closing.findings(session.store.conn, proj, book)
    assert [(f.rule_id, f.severity, f.object_code) for f in open_findings] == [
        ("borehole_not_closed", "warning", "B01")]
    closed = borehole_closing.close_borehole(session, hole)
    assert closed.closed_at and closed.closed_by == "J. de Vries"
    assert borehole_closing.findings(session.store.conn, proj, book) == []
    last = session.store.query("SELECT action, tbl FROM journal_entry ORDER BY seq DESC LIMIT 1")[0]
    assert last == {"action": "Close borehole", "tbl": "borehole"}
    verify(session.store)


def test_findings_name_each_missing_item_with_its_source(session: Session) -> None:
    proj = project.create(session, code="P1", name="Gasfabriek")
    borehole.create(session, proj.id, code="B07", technique="handDraaien", diameter_mm=70)
    found = borehole_closing.findings(session.store.conn, proj.id, load_rules())
    assert {f.object_code for f in found} == {"B07"} and all(f.severity == "error" for f in found)
    assert [f.field for f in found] == ["final depth", "boring process", "stop criterion", "groundwater level",
                                        "backfill", "surface level"]
    assert all(f.source for f in found)
    assert "Aanvulmateriaal" in next(f for f in found if f.field == "backfill").source


def test_not_encountered_and_not_measured_are_kept_apart(session: Session) -> None:
    proj = project.create(session, code="P1", name="Gasfabriek")
    hole = borehole.create(session, proj.id, code="B01")
    dry = borehole.set_groundwater(session, hole.id, None, "not_encountered")
    assert (dry.groundwater_cm, dry.groundwater_status) == (None, "not_encountered")
    # the level field alone (the layer tab) leaves "not encountered" as it was
    assert borehole.set_groundwater(session, hole.id, "").groundwater_status == "not_encountered"
    assert borehole.set_groundwater(session, hole.id, None, "not_measured").groundwater_status == "not_measured"
    wet = borehole.set_groundwater(session, hole.id, "1.20")
    assert (wet.groundwater_cm, wet.groundwater_status) == (120, "measured")
    refused(session, ValidationError, ("groundwater", "not encountered", "Clear the level"),
            lambda: borehole.set_groundwater(session, hole.id, "1.30", "not_encountered"))
    refused(session, ValidationError, ("groundwater level", "no level"),
            lambda: borehole.set_groundwater(session, hole.id, None, "measured"))
    refused(session, ValidationError, ("groundwater_status", "dry"),
            lambda: borehole.set_groundwater(session, hole.id, None, "dry"))


def test_boring_processes_per_interval_and_the_layers_they_hold(session: Session) -> None:
    _proj, hole = _complete(session)
    edelman, piston = boring_process.of_borehole(session.store, hole)
    assert (edelman.upper_cm, edelman.lower_cm, edelman.apparatus) == (0, 150, "Edelmanboor")
    assert (piston.upper_cm, piston.lower_cm, piston.apparatus) == (150, None, "Zuigerboor")
    layers = {lay.upper_cm: lay.id for lay in layer.of_borehole(session.store, hole)}
    links = boring_process.for_layers(session.store, hole)
    # 1.40-2.00 lies mostly below 1.50 m: drilled with the piston sampler
    assert links[layers[0]].id == edelman.id and links[layers[140]].id == piston.id
    # editing an interval keeps its row (same id, journalled as an update)
    again = boring_process.save_intervals(session, hole, [Interval("0", "1.6", "handDraaien", "Edelmanboor", 70,
                                                                   id=edelman.id),
                                                          Interval("1.6", None, "handDrukkenZuiger", "Zuigerboor",
                                                                   63, id=piston.id)])
    assert [p.id for p in again] == [edelman.id, piston.id] and again[0].lower_cm == 160
    verify(session.store)


@pytest.mark.parametrize(("intervals", "words"), [
    ([Interval("0", "1.6", "handDraaien", "Edelmanboor"), Interval("1.5", None, "handDrukkenZuiger")],
     ("overlaps", "from 1.50 m")),
    ([Interval("0", None, "handDraaien"), Interval("1.5", None, "handDrukkenZuiger")],
     ("from 0.00 m to the final depth overlaps",)),
    ([Interval("0", "2.5", "handDraaien")], ("below the final depth 2.00 m",)),
    ([Interval("0", "1.5", None, None)], ("names no technique or apparatus",)),
    ([Interval("0", "1.5", "handDraaien", "Boomzaag")], ("borehole_apparatus", "Boomzaag")),
    ([Interval("1.5", "1.0", "handDraaien")], ("lower depth", "not below the upper depth")),
    ([Interval("0", "1.5", "handDraaien", diameter_mm=5)], ("diameter", "not plausible")),
])
def test_bad_boring_processes_are_refused(session: Session, intervals: list[Interval],
                                          words: tuple[str, ...]) -> None:
    _proj, hole = _complete(session)
    refused(session, ValidationError, words, lambda: boring_process.save_intervals(session, hole, intervals))


def _measured_hole(session: Session) -> str:
    avg = Averager(AveragingTarget(count=5))
    for fix in fixes(replay_bytes(read_log(ROTTERDAM))):  # a real recorded receiver log
        avg.add(fix)
    result = avg.result()
    rd = RdNap().to_rd(result.lat, result.lon, result.alt_hae)
    evidence = borehole.evidence_from_average(result, rd, "hdop")
    proj = project.create(session, code="P1", name="Haven")
    return borehole.create(session, proj.id, code="B01", position=evidence).id


def test_surface_level_from_gnss_is_the_antenna_height_below_the_receiver(session: Session) -> None:
    hole = _measured_hole(session)
    antenna_nap = borehole.get(session.store, hole).nap_m
    assert antenna_nap is not None
    session.settings.antenna_height_m = 2.0  # the receiver profile (Settings)
    bh = borehole_closing.set_surface_level(session, hole, method="GNSS", accuracy_cm=4)
    assert bh.ground_level_nap_cm == round((antenna_nap - 2.0) * 100)
    assert (bh.antenna_height_m, bh.surface_method, bh.surface_accuracy_cm) == (2.0, "GNSS", 4)
    assert bh.nap_m == antenna_nap  # the receiver's own height stays as measured
    # a height given for this borehole wins over the profile's
    assert borehole_closing.set_surface_level(session, hole, method="GNSS",
                                              antenna_height_m="1,80").antenna_height_m == 1.8
    verify(session.store)


def test_gnss_surface_level_needs_an_antenna_height_and_a_gnss_height(session: Session) -> None:
    hole = _measured_hole(session)
    session.settings.antenna_height_m = 0.0  # never set
    refused(session, ValidationError, ("antenna height", "Settings"),
            lambda: borehole_closing.set_surface_level(session, hole, method="GNSS"))
    unmeasured = borehole.create(session, borehole.get(session.store, hole).project_id, code="B02")
    session.settings.antenna_height_m = 2.0
    refused(session, ValidationError, ("B02 has no GNSS height", "another method"),
            lambda: borehole_closing.set_surface_level(session, unmeasured.id, method="GNSS"))


@pytest.mark.parametrize(("kwargs", "words"), [
    ({"method": "AHN"}, ("surface level", "empty")),
    ({"method": "AHN", "level_nap_m": "hoog"}, ("surface level", "not a height")),
    ({"method": "AHN", "level_nap_m": "900"}, ("not in the Netherlands",)),
    ({"method": "radar", "level_nap_m": "1"}, ("vertical_method", "radar")),
    ({"method": "geschat", "level_nap_m": "1", "accuracy_cm": 0}, ("accuracy", "not plausible")),
])
def test_bad_surface_levels_are_refused(session: Session, kwargs: dict[str, Any], words: tuple[str, ...]) -> None:
    _proj, hole = _complete(session)
    refused(session, ValidationError, words, lambda: borehole_closing.set_surface_level(session, hole, **kwargs))


def test_details_take_only_listed_values(session: Session) -> None:
    _proj, hole = _complete(session)
    refused(session, ValidationError, ("backfill_material", "zaagsel"),
            lambda: borehole_closing.set_details(session, hole, backfill="zaagsel"))
    refused(session, ValidationError, ("stop_criterion", "moe"),
            lambda: borehole_closing.set_details(session, hole, stop_criterion="moe"))
    refused(session, ValidationError, ("colour", "not a borehole detail"),
            lambda: borehole_closing.set_details(session, hole, colour="bruin"))
    before = snapshot(session)
    borehole_closing.set_details(session, hole, backfill="verwijderdMateriaal")  # unchanged: nothing journalled
    assert snapshot(session) == before


def test_restore_writes_a_borehole_back_as_it_was(session: Session) -> None:
    _proj, hole = _complete(session)
    before = borehole_closing.state(session, hole)
    borehole_closing.close_borehole(session, hole)
    boring_process.save_intervals(session, hole, [Interval("0", None, "handDraaien", "Edelmanboor", 70)])
    borehole_closing.set_details(session, hole, backfill="bentoniet")
    restored = borehole_closing.restore(session, hole, before)
    assert (restored.closed_at, restored.backfill) == (None, "verwijderdMateriaal")
    assert [(p.upper_cm, p.lower_cm, p.apparatus) for p in boring_process.of_borehole(session.store, hole)] == [
        (0, 150, "Edelmanboor"), (150, None, "Zuigerboor")]
    assert borehole_closing.state(session, hole).values == before.values
    # a layer logged since makes an older, shallower final depth impossible: refused, nothing written
    shallow = borehole_closing.State(tuple((c, 100 if c == "final_depth_cm" else v) for c, v in before.values),
                                     before.processes)
    refused(session, ValidationError, ("final depth", "above the deepest layer"),
            lambda: borehole_closing.restore(session, hole, shallow))
    verify(session.store)
