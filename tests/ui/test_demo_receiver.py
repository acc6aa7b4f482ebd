"""The demo's receiver is at the demo project's site, with today's times, and loops without ever
saying "no receiver" (issue 16, item 10). The real Rotterdam recording, moved; the real pipeline."""

from __future__ import annotations

import math
from datetime import UTC, datetime, timedelta
from pathlib import Path

from pytestqt.qtbot import QtBot

from drivers.gnss.receiver import ReceiverState, Status
from drivers.gnss.sources import SiteReplay, move_sentence
from fieldapp import demo
from fieldapp.domain import borehole, project
from fieldapp.positions.pipeline import NmeaPipeline
from fieldapp.positions.rdnap import RdNap
from fieldapp.positions.replay import read_log, replay_bytes
from fieldapp.session import Session
from fieldapp.settings import Settings
from ui.gnss_bridge import GnssBridge
from ui.gnss_sources import DEMO_LOG, DEMO_SITE, source_for

_M_PER_DEG = 111_320.0


def metres(a: tuple[float, float], b: tuple[float, float]) -> float:
    return math.hypot((a[0] - b[0]) * _M_PER_DEG, (a[1] - b[1]) * _M_PER_DEG * math.cos(math.radians(a[0])))


def test_the_demo_site_is_the_demo_projects_first_planned_borehole(session: Session) -> None:
    demo.create(session, boreholes=3, seed=1)
    [proj] = project.all_projects(session.store)
    b01 = next(b for b in borehole.of_project(session.store, proj.id) if b.code == "B01")
    assert b01.planned_x_rd is not None and b01.planned_y_rd is not None
    site = RdNap().from_rd(b01.planned_x_rd, b01.planned_y_rd, 1.2)
    assert metres((site.lat, site.lon), DEMO_SITE) < 0.05
    assert b01.lat is not None and b01.lon is not None
    assert metres((b01.lat, b01.lon), DEMO_SITE) < 5  # where the demo says B01 was measured


def test_a_moved_sentence_keeps_what_the_receiver_measured() -> None:
    now = datetime(2026, 12, 6, 10, 41, 7, 250_000, tzinfo=UTC)
    gga = "$GPGGA,083723.00,5155.55442,N,00434.65873,E,1,06,2.51,-4.0,M,46.0,M,,*70"
    assert move_sentence(gga, 0.0, 0.0, datetime(2010, 8, 21, 8, 37, 23, tzinfo=UTC)) == gga
    moved = move_sentence(gga, 0.15, 0.5, now)
    assert moved.startswith("$GPGGA,104107.25,5204.55442,N,00504.65873,E,1,06,2.51,-4.0,M,46.0,M,,*")
    rmc = move_sentence("$GPRMC,083723.00,A,5155.55442,N,00434.65873,E,0.211,,210810,,,A*7F", 0.0, 0.0, now)
    assert rmc.split(",")[9] == "061226"
    [judged] = replay_bytes(f"{rmc}\r\n{moved}\r\n".encode())
    assert judged.fix is not None, judged.reasons  # the checksums are right: the pipeline takes them
    assert judged.fix.time == now.replace(microsecond=250_000)


def test_the_replay_is_at_the_site_now_and_loops_without_a_gap() -> None:
    recorded = [j.fix for j in replay_bytes(read_log(DEMO_LOG)) if j.fix is not None]
    assert metres((recorded[0].lat, recorded[0].lon), DEMO_SITE) > 35_000  # Rotterdam, 40 km away
    clock = [datetime.now(UTC)]

    def tick() -> datetime:
        clock[0] += timedelta(seconds=1)
        return clock[0]

    source = SiteReplay(DEMO_LOG, DEMO_SITE, speed=1000.0, clock=tick)
    source.open()
    pipeline = NmeaPipeline()
    fixes = []
    for _ in range(3 * 18 + 5):  # the 18 epochs with a fix, three times over and then some
        fixes += [j.fix for j in pipeline.feed(source.read()) if j.fix is not None]
    fixes += [j.fix for j in pipeline.flush() if j.fix is not None]
    assert len(fixes) >= 3 * 18
    assert all(metres((f.lat, f.lon), DEMO_SITE) < 30 for f in fixes)
    mean = (sum(f.lat for f in fixes) / len(fixes), sum(f.lon for f in fixes) / len(fixes))
    assert metres(mean, DEMO_SITE) < 2
    times = [f.time for f in fixes]
    assert times == sorted(times) and len(set(times)) == len(times)  # never back in time
    assert abs((times[-1] - clock[0]).total_seconds()) < 2  # today's date and the time now


def test_the_indicator_never_says_no_receiver_while_the_demo_loops(qtbot: QtBot, tmp_path: Path) -> None:
    assert isinstance(source_for(Settings(), demo=True), SiteReplay)  # what `fieldapp --demo` plays
    bridge = GnssBridge()
    states: list[str] = []
    fixes: list[object] = []
    bridge.status_changed.connect(lambda s: states.append(s.status) if isinstance(s, ReceiverState) else None)
    bridge.fix_received.connect(lambda fix, _arrived: fixes.append(fix))
    bridge.start(SiteReplay(DEMO_LOG, DEMO_SITE, speed=8.0))
    try:
        qtbot.waitUntil(lambda: len(fixes) >= 18 + 6, timeout=30_000)  # once round the log and on
    finally:
        bridge.stop()
    seen_fix = states.index(Status.FIX)
    assert Status.NO_RECEIVER not in states[seen_fix:], states
