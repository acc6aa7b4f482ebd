"""A recorded log played in a loop keeps time moving forward (drivers/gnss/looped_log.py).

The u-blox log the GUI tests replay runs 08:37:23 to 08:55:20 and then starts again: played
as recorded, time jumps back there and no fix is taken until it passes 08:55:20 again, so an
averaging that starts late meets no fix. Each play after the first is stamped on from the last.
"""

from __future__ import annotations

import itertools
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from drivers.gnss.looped_log import LoopedLog, shift_times
from fieldapp.positions.averaging import Averager, AveragingTarget, StopReason
from fieldapp.positions.model import Fix
from fieldapp.positions.pipeline import NmeaPipeline, fixes
from fieldapp.positions.replay import read_log, replay_bytes

DATA = Path(__file__).resolve().parents[1] / "data" / "nmea"
ROTTERDAM = DATA / "gpsd__ublox-lea-5h.log"  # 1 Hz, 18 min spliced out after 13 s, then 5 s more


def _sentence(body: str) -> bytes:
    total = 0
    for byte in body.encode("ascii"):
        total ^= byte
    return f"${body}*{total:02X}\r\n".encode("ascii")


def _checksum_ok(line: bytes) -> bool:
    body, _, stated = line.strip()[1:].rpartition(b"*")
    total = 0
    for byte in body:
        total ^= byte
    return f"{total:02X}".encode("ascii") == stated.upper()


def test_each_play_is_the_recording_with_only_its_times_and_dates_moved_on() -> None:
    data = read_log(ROTTERDAM)
    log = LoopedLog(data)
    assert log.span == 1078.0  # 08:37:23 to 08:55:20, and one second more
    plays = [b"".join(chunk for _wait, chunk in log.play()) for _ in range(3)]
    assert plays[0] == data  # the first play is the recording, byte for byte
    recorded = data.splitlines(keepends=True)
    for n, play in enumerate(plays[1:], 1):
        lines = play.splitlines(keepends=True)
        assert len(lines) == len(recorded)
        changed = [(new, old) for new, old in zip(lines, recorded, strict=True) if new != old]
        assert {new[3:6] for new, _old in changed} == {b"RMC", b"GGA", b"GLL"}  # those that say when
        assert all(_checksum_ok(new) for new, _old in changed)
        assert shift_times(play, -n * log.span) == data  # nothing else was touched

    # through the real parser, in one stream: every epoch with a fix is taken, time only goes forward
    pipeline = NmeaPipeline()
    judged = [j for play in plays for j in pipeline.feed(play)] + pipeline.flush()
    taken = fixes(judged)
    assert len(taken) == 3 * len(fixes(replay_bytes(data)))
    assert all(a.time < b.time for a, b in itertools.pairwise(taken))
    assert taken[-1].time.date().isoformat() == "2010-08-21"


def test_a_time_moved_past_midnight_turns_the_date_and_keeps_its_decimals() -> None:
    rmc = _sentence("GPRMC,235959.50,A,5155.55442,N,00434.65873,E,0.211,,311226,,,A")
    gga = _sentence("GPGGA,235959.50,5155.55442,N,00434.65873,E,1,06,2.51,-4.0,M,47.1,M,,")
    zda = _sentence("GPZDA,235959.500,31,12,2026,00,00")
    moved = shift_times(rmc + gga + zda, 1.0)
    assert moved.splitlines(keepends=True) == [
        _sentence("GPRMC,000000.50,A,5155.55442,N,00434.65873,E,0.211,,010127,,,A"),
        _sentence("GPGGA,000000.50,5155.55442,N,00434.65873,E,1,06,2.51,-4.0,M,47.1,M,,"),
        _sentence("GPZDA,000000.500,01,01,2027,00,00")]
    pipeline = NmeaPipeline()
    fix = fixes(pipeline.feed(moved) + pipeline.flush())
    assert [f.time for f in fix] == [datetime(2027, 1, 1, 0, 0, 0, 500_000, tzinfo=UTC)]
    # a sentence recorded with a wrong checksum stays wrong, by as much
    damaged = rmc.replace(rmc[-4:-2], b"00" if rmc[-4:-2] != b"00" else b"11")
    assert not _checksum_ok(shift_times(damaged, 1.0))


def test_an_averaging_begun_after_the_log_wrapped_on_the_pty_gets_its_fixes(tmp_path: Path) -> None:
    pytest.importorskip("termios", reason="pseudo-terminals are POSIX only")
    from pty_receiver import PtyReceiver

    from drivers.gnss.receiver import GnssReceiver
    from drivers.gnss.sources import SerialSource

    log = LoopedLog(read_log(ROTTERDAM))
    first = fixes(replay_bytes(read_log(ROTTERDAM)))[0].time
    third_play = first + timedelta(seconds=2 * log.span)
    writer = PtyReceiver(tmp_path / "gnss0", ROTTERDAM, baud=4800)
    writer.plug(epochs=2 * len(log.chunks) + 10)  # past the second wrap, ten epochs into the third play
    got: list[Fix] = []
    with GnssReceiver(SerialSource(str(writer.path), 4800)) as rx:
        deadline = time.monotonic() + 60  # an upper bound; the writer is done in some six seconds
        while not writer.done and time.monotonic() < deadline:
            time.sleep(0.05)
        time.sleep(0.5)  # the last epoch is closed on the quiet after it
        while not rx.events.empty():
            event = rx.events.get()
            if isinstance(event, Fix):
                got.append(event)
    writer.unplug()
    assert writer.done
    assert all(a.time < b.time for a, b in itertools.pairwise(got))
    averager = Averager(AveragingTarget(count=5))
    for fix in got:
        if fix.time >= third_play:  # the sampler pressed "average" late
            averager.add(fix)
    assert averager.stop_reason is StopReason.COUNT
    assert averager.result().count == 5
