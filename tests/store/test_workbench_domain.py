"""The core actions the workbench adds: removing a borehole or sample as the
compensating action of an undo, next free codes, and position evidence from
an averaged GNSS position. Each is one journalled action; a refusal writes nothing."""

from __future__ import annotations

from pathlib import Path

import pytest
from tests_store_helpers import refused

from fieldapp.domain import borehole, container, layer, project, sample
from fieldapp.domain.sample import Part
from fieldapp.errors import ValidationError
from fieldapp.positions.averaging import Averager, AveragingTarget
from fieldapp.positions.pipeline import fixes
from fieldapp.positions.rdnap import RdNap
from fieldapp.positions.replay import read_log, replay_bytes
from fieldapp.session import Session
from fieldapp.store.verify import verify

ROTTERDAM = Path(__file__).resolve().parents[1] / "data" / "nmea" / "gpsd__ublox-lea-5h.log"


def _journal_ops(session: Session, table: str) -> list[str]:
    return [r["op"] for r in session.store.query("SELECT op FROM journal WHERE tbl = ? ORDER BY seq", (table,))]


def test_remove_borehole_is_journalled_and_refused_when_logged(session: Session) -> None:
    p = project.create(session, code="P1", name="Site")
    b = borehole.create(session, p.id, code="B01")
    borehole.delete(session, b.id)
    assert borehole.of_project(session.store, p.id) == []
    assert _journal_ops(session, "borehole") == ["insert", "delete"]
    b2 = borehole.create(session, p.id, code="B01")
    layer.add(session, b2.id, upper="0", lower="0.5", soil="Zs1")
    refused(session, ValidationError, ("B01", "layers"), lambda: borehole.delete(session, b2.id))
    verify(session.store)


def test_remove_sample_with_its_parts_and_refused_with_containers(session: Session) -> None:
    p = project.create(session, code="P1", name="Site")
    b = borehole.create(session, p.id, code="B01")
    layer.add(session, b.id, upper="0", lower="1", soil="Zs1")
    m = sample.create(session, p.id, code="M01", kind="field_sample", matrix="BS", parts=[Part(b.id, "0", "0.5")])
    sample.delete(session, m.id)
    assert sample.of_project(session.store, p.id) == []
    assert session.store.query("SELECT * FROM sample_part") == []
    m2 = sample.create(session, p.id, code="M01", kind="field_sample", matrix="BS", parts=[Part(b.id, "0", "0.5")])
    container.add(session, m2.id, container_type="Pot", barcode="FA-1234")
    refused(session, ValidationError, ("M01", "containers"), lambda: sample.delete(session, m2.id))
    verify(session.store)


def test_next_codes_follow_the_highest_number(session: Session) -> None:
    p = project.create(session, code="P1", name="Site")
    assert borehole.next_code(session.store, p.id) == "B01"
    for code in ("B01", "B02", "B07", "PB03", "B02a"):
        borehole.create(session, p.id, code=code)
    assert borehole.next_code(session.store, p.id) == "B08"
    assert borehole.next_code(session.store, p.id, prefix="PB") == "PB04"
    assert sample.next_code(session.store, p.id) == "M01"


def test_evidence_from_an_averaged_position(session: Session) -> None:
    avg = Averager(AveragingTarget(count=5))
    for f in fixes(replay_bytes(read_log(ROTTERDAM))):
        avg.add(f)
    result = avg.result()
    rd = RdNap().to_rd(result.lat, result.lon, result.alt_hae)
    ev = borehole.evidence_from_average(result, rd, "hdop")
    assert (ev.epoch_count, ev.fix_type, ev.sigma_source) == (5, "gps", "hdop")
    assert ev.x_rd == pytest.approx(rd.x, abs=1e-3) and 99_000 < rd.x < 100_000
    assert ev.raw_nmea.count("\n") == len(result.raw) and ev.raw_nmea.startswith("$")
    p = project.create(session, code="P1", name="Site")
    b = borehole.create(session, p.id, code="B01", position=ev)
    assert b.measured and b.epoch_count == 5 and b.raw_nmea == ev.raw_nmea
    outside = borehole.evidence_from_average(result, None, None)
    assert outside.x_rd is None and outside.nap_m is None
