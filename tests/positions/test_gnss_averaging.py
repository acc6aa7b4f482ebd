"""Averaging real fixes, and the session log replaying to the same fixes."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from fieldapp.errors import GnssError
from fieldapp.positions.averaging import Averager, AveragingTarget
from fieldapp.positions.model import Fix, FixType
from fieldapp.positions.pipeline import NmeaPipeline, fixes
from fieldapp.positions.rawlog import RawLog
from fieldapp.positions.replay import read_log, replay_bytes

DATA = Path(__file__).resolve().parents[1] / "data" / "nmea"
RTK = fixes(replay_bytes(read_log(DATA / "gpsd__nmea-rtk.log")))


def test_averaging_rtk_fixed_only_keeps_evidence() -> None:
    a = Averager(AveragingTarget(rtk_fixed_only=True))
    used = [f for f in RTK if a.add(f)]
    assert len(used) == 18 and all(f.fix_type is FixType.RTK_FIXED for f in used)
    r = a.result()
    assert r.count == 18 and r.fix_type_counts == (("rtk-fixed", 18),)
    assert r.lat == pytest.approx(sum(f.lat for f in used) / 18, abs=1e-12)
    assert r.drms2 == pytest.approx(2 * (r.sigma_north**2 + r.sigma_east**2) ** 0.5)
    assert r.drms2 < 0.2  # an RTK fixed receiver standing still
    assert r.span_s == pytest.approx((used[-1].time - used[0].time).total_seconds())
    assert r.raw == tuple(s for f in used for s in f.raw)
    assert r.bro_class is not None and r.bro_class.startswith("RTKGPS")


def test_targets_stop_the_averaging() -> None:
    by_count = Averager(AveragingTarget(count=10))
    taken = sum(by_count.add(f) for f in RTK)
    assert taken == 10 and by_count.done
    by_time = Averager(AveragingTarget(seconds=2.0))
    for f in RTK:
        by_time.add(f)
    assert by_time.result().span_s == pytest.approx(2.0)
    mixed = Averager()
    for f in RTK:
        mixed.add(f)
    r = mixed.result()
    assert r.fix_type is FixType.DGPS and dict(r.fix_type_counts) == {"dgps": 104, "rtk-fixed": 18}
    with pytest.raises(GnssError):
        Averager().result()


def test_session_log_replays_to_the_same_fixes(tmp_path: Path) -> None:
    data = read_log(DATA / "gpsd__ublox8-uniqid-monhw.log")
    with RawLog(tmp_path, "socket://10.0.0.5:2947", datetime(2026, 5, 4, tzinfo=UTC)) as log:
        for i in range(0, len(data), 333):
            log.write(data[i : i + 333])
        log.note("receiver lost")
    assert log.path.name == "nmea-20260504T000000Z-socket-10-0-0-5-2947.log"
    assert fixes(replay_bytes(read_log(log.path))) == fixes(replay_bytes(data))


def _twelve_seconds() -> list[bytes]:
    lines = read_log(DATA / "gpsd__ublox-lea-5h.log").splitlines(keepends=True)  # RMC, VTG, then GGA
    return lines[: [i for i, line in enumerate(lines) if line.startswith(b"$GPRMC")][12]]


def _paused_before_gga(lines: list[bytes]) -> list[Fix]:
    """The fixes of a receiver whose link pauses (0.15 s of quiet closes an epoch) before each GGA."""
    pipeline, split = NmeaPipeline(), []
    for line in lines:
        if line.startswith(b"$GPGGA"):
            split += fixes(pipeline.close_epoch())  # the pause before the GGA
        split += fixes(pipeline.feed(line))
        split += fixes(pipeline.close_epoch()) if line.startswith(b"$GPGLL") else []  # the end of the burst
    return split + fixes(pipeline.flush())


def _with_checksum(body: str) -> bytes:
    x = 0
    for c in body.encode():
        x ^= c
    return f"${body}*{x:02X}\r\n".encode()


def test_a_burst_split_by_a_pause_is_one_fix_with_all_its_nmea() -> None:
    # a busy laptop: the receiver closes an epoch after 0.15 s of quiet; a pause after RMC
    # must not give an RMC-only fix, the GGA of the same second still to come
    lines = _twelve_seconds()
    whole = fixes(replay_bytes(b"".join(lines)))
    split = _paused_before_gga(lines)
    assert len(whole) == 12 and all(f.sats is not None for f in whole)
    assert split == whole  # each second once, whole, with its GGA
    averager = Averager(AveragingTarget(count=10))
    for f in split:
        averager.add(f)
    r = averager.result()
    assert r.count == 10 and r.first == whole[0].time and r.last == whole[9].time
    assert r.raw == tuple(s for f in whole[:10] for s in f.raw)  # every GGA, and the RMC beside it


def test_a_gga_after_a_pause_that_refuses_the_second_keeps_it_out_of_the_average() -> None:
    # RMC says 'A', the link stalls, then the GGA of that second says 3 satellites or quality 0:
    # the receiver said the position is not good enough, so no fix, and nothing to average
    stream, refused, n = [], set(), 0
    for line in _twelve_seconds():
        if line.startswith(b"$GPGGA"):
            n += 1
            if n % 3 == 2:
                f = line.decode("ascii").strip().split("*")[0][1:].split(",")
                if n % 2:
                    f[6] = "0"
                else:
                    f[7] = "03"
                refused.add(f[1])
                line = _with_checksum(",".join(f))
        stream.append(line)
    assert len(refused) == 4
    whole = fixes(replay_bytes(b"".join(stream)))
    split = _paused_before_gga(stream)
    assert len(whole) == 8 and split == whole
    assert {f.time.strftime("%H%M%S.00") for f in split}.isdisjoint(refused)
    averager = Averager(AveragingTarget(count=10))
    for f in split:
        averager.add(f)
    assert averager.count == 8 and not averager.done
