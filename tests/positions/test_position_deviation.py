"""A position that strays from the plan is saved only with a reason, which the borehole keeps
(journalled); why averaging stopped (issue 16, item 3). Real fixes from a recorded RTK log."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from fieldapp.domain import borehole, project
from fieldapp.domain.borehole import evidence_from_average
from fieldapp.errors import PositionDeviationError
from fieldapp.positions.averaging import Averager, AveragingTarget, StopReason
from fieldapp.positions.deviation import RULES_FILE, deviations, rules
from fieldapp.positions.pipeline import fixes
from fieldapp.positions.rdnap import RdNap
from fieldapp.positions.replay import read_log, replay_bytes
from fieldapp.session import Session
from fieldapp.store import journal

DATA = Path(__file__).resolve().parents[1] / "data" / "nmea"
RTK = fixes(replay_bytes(read_log(DATA / "gpsd__nmea-rtk.log")))  # Iowa: outside the RD grid
ROTTERDAM = fixes(replay_bytes(read_log(DATA / "gpsd__ublox-lea-5h.log")))


def averaged(target: AveragingTarget, log: list | None = None) -> Averager:  # type: ignore[type-arg]
    a = Averager(target)
    for f in RTK if log is None else log:
        a.add(f)
    return a


def test_each_stop_says_why() -> None:
    assert averaged(AveragingTarget(count=10)).stop_reason is StopReason.COUNT
    assert averaged(AveragingTarget(count=1000, seconds=2.0)).stop_reason is StopReason.TIME
    assert averaged(AveragingTarget(count=None, spread_m=50.0)).stop_reason is StopReason.SPREAD
    running = Averager(AveragingTarget(count=30))
    for f in RTK[:21]:
        running.add(f)
    assert running.stop_reason is None and not running.done
    running.stop()  # "take the average so far": the 21 fixes stay
    assert running.stop_reason is StopReason.STOPPED and running.result().count == 21
    assert not running.add(RTK[21])


def test_the_distance_rule_is_a_table_with_its_source() -> None:
    raw = json.loads(RULES_FILE.read_text(encoding="utf-8"))
    [distance] = [r for r in raw["rules"] if r["rule"] == "planned_distance_m"]
    assert distance["source"] and distance["confirmed"] is False  # no norm found: marked so
    assert rules().planned_distance_m == distance["value"] == 5.0
    assert deviations(100.0, 100.0, "RTKGPS0tot2cm", (104.0, 103.0), "RTKGPS0tot2cm") == ()  # 5.0 m: fine
    assert deviations(100.0, 100.0, "GPS200tot1000cm", (700.0, 100.0), "RTKGPS0tot2cm") == (
        "600.0 m from the planned location (more than 5 m)",
        "class GPS200tot1000cm is below the required RTKGPS0tot2cm",
    )


def test_a_stray_position_needs_a_reason_which_is_kept_and_journalled(session: Session) -> None:
    proj = project.create(session, code="P1", name="Haven")
    avg = averaged(AveragingTarget(count=10), ROTTERDAM).result()
    rd = RdNap().to_rd(avg.lat, avg.lon, avg.alt_hae)
    evidence = evidence_from_average(avg, rd, "gst")
    near = (rd.x + 1.0, rd.y - 1.0)
    far = (rd.x - 615.0, rd.y)

    fine = borehole.create(session, proj.id, code="B01", planned_x_rd=near[0], planned_y_rd=near[1],
                           position=evidence)
    assert fine.measured and fine.position_deviation is None

    before = session.store.conn.execute("SELECT COUNT(*) FROM journal").fetchone()[0]
    with pytest.raises(PositionDeviationError) as caught:
        borehole.create(session, proj.id, code="B02", planned_x_rd=far[0], planned_y_rd=far[1],
                        position=evidence)
    assert caught.value.field == "position"
    assert caught.value.deviations == ("615.0 m from the planned location (more than 5 m)",)
    assert [b.code for b in borehole.of_project(session.store, proj.id)] == ["B01"]  # nothing written
    assert session.store.conn.execute("SELECT COUNT(*) FROM journal").fetchone()[0] == before

    b2 = borehole.create(session, proj.id, code="B02", planned_x_rd=far[0], planned_y_rd=far[1],
                         position=evidence, position_reason="ditch at the planned spot")
    assert b2.position_deviation == ("615.0 m from the planned location (more than 5 m). "
                                     "Reason: ditch at the planned spot")
    fields = json.loads(journal.history(session.store.conn, "borehole", b2.id)[0][1])
    assert fields["position_deviation"] == b2.position_deviation

    # a planned borehole measured later: the same rule, through set_position
    planned = borehole.create(session, proj.id, code="B03", planned_x_rd=far[0], planned_y_rd=far[1])
    with pytest.raises(PositionDeviationError):
        borehole.set_position(session, planned.id, evidence)
    assert not borehole.get(session.store, planned.id).measured
    measured = borehole.set_position(session, planned.id, evidence, "moved: tree roots")
    assert measured.measured and measured.position_deviation is not None
    assert measured.position_deviation.endswith("Reason: moved: tree roots")


def test_below_the_required_class_needs_a_reason(session: Session) -> None:
    proj = project.create(session, code="P2", name="Class", required_position_class="RTKGPS0tot2cm")
    avg = averaged(AveragingTarget()).result()  # DGPS fixes among them: no RTK class
    evidence = evidence_from_average(avg, None, "gst")  # outside the RD grid: no distance, still a class
    with pytest.raises(PositionDeviationError) as caught:
        borehole.create(session, proj.id, code="B01", position=evidence)
    assert caught.value.deviations[0].startswith("class ")
    assert caught.value.deviations[0].endswith("is below the required RTKGPS0tot2cm")
    bh = borehole.create(session, proj.id, code="B01", position=evidence, position_reason="no RTK network")
    assert bh.position_deviation is not None and "no RTK network" in bh.position_deviation
