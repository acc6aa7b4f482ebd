"""Dates, accuracy, BRO classes and the replay command, on small crafted streams."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from fieldapp.cli import CommandLine, gps_commands, run_handler
from fieldapp.positions.accuracy import bro_class
from fieldapp.positions.dates import ROLLOVER
from fieldapp.positions.framing import nmea_checksum
from fieldapp.positions.model import DateFlag, FixType, SigmaSource
from fieldapp.positions.pipeline import NmeaPipeline, fixes
from fieldapp.positions.replay import replay_bytes

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "tests" / "data" / "nmea"


def nmea(*bodies: str) -> bytes:
    return b"".join(f"${b}*{nmea_checksum(b.encode()):02X}\r\n".encode() for b in bodies)


def gga(t: str, q: int = 4, sats: int = 12, hdop: float = 0.8) -> str:
    return f"GNGGA,{t},5205.1234567,N,00507.7654321,E,{q},{sats:02d},{hdop},1.50,M,43.2,M,1.0,0001"


def rmc(t: str, d: str, status: str = "A", mode: str = "R") -> str:
    return f"GNRMC,{t},{status},5205.1234567,N,00507.7654321,E,0.0,,{d},,,{mode}"


def test_week_rollover_is_corrected_against_the_laptop_clock() -> None:
    now = datetime(2026, 11, 27, 12, 0, 5, tzinfo=UTC)
    old = now - ROLLOVER  # what a receiver with pre-rollover firmware reports
    p = NmeaPipeline(reference_clock=lambda: now)
    d = old.strftime("%d%m%y")
    got = fixes(p.feed(nmea(gga("120004.00"), rmc("120004.00", d), gga("120005.00"))) + p.flush())
    assert [f.date_flag for f in got] == [DateFlag.ROLLOVER_CORRECTED] * 2
    assert got[0].time == datetime(2026, 11, 27, 12, 0, 4, tzinfo=UTC)


def test_a_date_far_off_the_clock_is_held_then_flagged_and_a_replay_is_unchecked() -> None:
    # the first epoch alone cannot say whether the receiver or the clock is wrong: held, no fix; the
    # receiver's next epoch going on from it confirms it, and that one is given, flagged
    stream = nmea(gga("120004.00"), rmc("120004.00", "010120"))
    now = datetime(2026, 11, 27, tzinfo=UTC)
    p = NmeaPipeline(reference_clock=lambda: now)
    judged = p.feed(stream + nmea(gga("120005.00"), rmc("120005.00", "010120"))) + p.flush()
    assert [j.reasons for j in judged] == [("date not yet confirmed",), ()]
    assert [f.date_flag for f in fixes(judged)] == [DateFlag.CLOCK_MISMATCH]
    (g,) = fixes(replay_bytes(stream))
    assert g.date_flag is DateFlag.UNCHECKED


def test_one_date_far_ahead_does_not_refuse_the_right_dates_after_it() -> None:
    # a corrupted RMC date (300 days ahead) among right ones: refused, and the receiver goes on
    now = datetime(2026, 11, 27, 12, 0, 10, tzinfo=UTC)
    ahead = (now + timedelta(days=300)).strftime("%d%m%y")
    today = now.strftime("%d%m%y")
    seconds = [f"12000{k}.00" for k in range(6)]
    stream = nmea(*(s for k, t in enumerate(seconds) for s in (rmc(t, ahead if k == 2 else today), gga(t))))
    judged = NmeaPipeline(reference_clock=lambda: now).feed(stream + nmea(rmc("120006.00", today)))
    assert [j.fix is not None for j in judged] == [True, True, False, True, True, True]
    assert judged[2].reasons == ("date disagrees with the clock",)
    assert {j.fix.date_flag for j in judged if j.fix is not None} == {DateFlag.OK}
    # the wrong date first, before any the clock agrees with: held, not given; the right ones still follow
    stream = nmea(*(s for k, t in enumerate(seconds) for s in (rmc(t, ahead if k == 0 else today), gga(t))))
    judged = NmeaPipeline(reference_clock=lambda: now).feed(stream + nmea(rmc("120006.00", today)))
    assert judged[0].fix is None and judged[0].reasons == ("date not yet confirmed",)
    assert [f.date_flag for f in fixes(judged)] == [DateFlag.OK] * 5


@pytest.mark.parametrize(("off", "flag"), [
    (timedelta(minutes=9), DateFlag.FROM_CLOCK),
    (timedelta(minutes=-30), DateFlag.CLOCK_MISMATCH),  # dated right, flagged
    (timedelta(hours=2), DateFlag.CLOCK_MISMATCH),  # a laptop set to summer time, not UTC
    (timedelta(hours=4), None),  # too far off to trust the day it gives
])
def test_a_receiver_without_dates_is_dated_by_a_clock_somewhat_off(off: timedelta, flag: DateFlag | None) -> None:
    # GGA only (many RTK setups): the laptop clock gives the day, also when it is more than 10 minutes off
    seconds = [f"23595{k}.00" for k in range(5)] + [f"00000{k}.00" for k in range(5)]
    now = datetime(2026, 11, 27, 23, 59, 50, tzinfo=UTC) + off
    judged = NmeaPipeline(reference_clock=lambda: now).feed(nmea(*(gga(t) for t in seconds)) + nmea(gga("000005.00")))
    got = fixes(judged)
    if flag is None:
        assert got == [] and all(j.reasons == ("no date",) for j in judged)
        return
    assert [f.date_flag for f in got] == [flag] * 10
    assert got[0].time == datetime(2026, 11, 27, 23, 59, 50, tzinfo=UTC)
    assert got[-1].time == datetime(2026, 11, 28, 0, 0, 4, tzinfo=UTC)  # the day carried over midnight


def test_midnight_crossing_carries_the_date_forward() -> None:
    stream = nmea(rmc("235959.00", "311224"), gga("235959.00"), gga("000000.00"), gga("000001.00"))
    times = [f.time for f in fixes(replay_bytes(stream))]
    assert times[1] == datetime(2025, 1, 1, 0, 0, 0, tzinfo=UTC)
    assert times[2] - times[1] == timedelta(seconds=1)


def test_time_must_advance_and_no_time_without_a_date() -> None:
    stream = nmea(gga("120000.00"), rmc("120001.00", "010125"), gga("120001.00"),
                  gga("120000.50"), gga("120002.00"))  # fmt: skip
    judged = replay_bytes(stream)
    assert judged[0].reasons == ("no date",)
    assert "time did not advance" in judged[2].reasons
    assert [j.fix is not None for j in judged] == [False, True, False, True]


@pytest.mark.parametrize(
    ("q", "fix"),
    [
        (0, None),
        (1, "gps"),
        (2, "dgps"),
        (4, "rtk-fixed"),
        (5, "rtk-float"),
        (6, None),
        (7, None),
        (8, None),
    ],
)
def test_only_real_fix_types_are_accepted(q: int, fix: str | None) -> None:
    got = fixes(replay_bytes(nmea(gga("120000.00", q=q), rmc("120000.00", "010125", mode="A"))))
    assert [str(f.fix_type) for f in got] == ([fix] if fix else [])


def test_rejections_void_rmc_few_satellites_zero_position() -> None:
    void = replay_bytes(nmea(gga("120000.00"), rmc("120000.00", "010125", status="V")))
    assert void[0].fix is None and "RMC status void" in void[0].reasons
    few = replay_bytes(nmea(gga("120000.00", sats=3), rmc("120000.00", "010125")))
    assert few[0].fix is None
    zero = "GPGGA,120000.00,0000.000,N,00000.000,E,1,08,1.0,0.0,M,0.0,M,,"
    z = replay_bytes(nmea(zero, "GPRMC,120000.00,A,0000.000,N,00000.000,E,0,0,010125,,"))
    assert z[0].fix is None and "position 0/0" in z[0].reasons


def test_accuracy_prefers_gst_then_pgrme_then_hdop() -> None:
    gst = "GNGST,120000.00,0.01,0.012,0.009,45.0,0.009,0.012,0.020"
    (f,) = fixes(replay_bytes(nmea(gga("120000.00"), gst, rmc("120000.00", "010125"))))
    assert f.accuracy.source is SigmaSource.GST and f.accuracy.sigma_m == pytest.approx(0.015)
    assert f.bro_class == "RTKGPS0tot2cm"
    pgrme = "PGRME,3.5,M,5.0,M,6.1,M"
    (g,) = fixes(replay_bytes(nmea(gga("120000.00", q=1), pgrme, rmc("120000.00", "010125"))))
    assert (g.accuracy.source, g.accuracy.sigma_m) == (SigmaSource.PGRME, 3.5)
    (h,) = fixes(replay_bytes(nmea(gga("120000.00", q=2, hdop=1.0), rmc("120000.00", "010125"))))
    assert h.accuracy.source is SigmaSource.HDOP and h.bro_class == "DGPS50tot200cm"


def test_bro_class_never_claims_more_than_the_fix_type_gives() -> None:
    assert bro_class(FixType.RTK_FIXED, 0.03) == "RTKGPS2tot5cm"
    assert bro_class(FixType.RTK_FLOAT, 0.01) == "RTKGPS10tot50cm"
    assert bro_class(FixType.DGPS, 0.01) == "DGPS50tot200cm"
    assert bro_class(FixType.GPS, 0.5) == "GPS200tot1000cm"
    assert bro_class(FixType.GPS, 50.0) is None
    assert bro_class(FixType.RTK_FIXED, None) is None


def test_every_bro_class_is_on_the_code_list() -> None:
    path = ROOT / "resources" / "codelists" / "horizontal_positioning_method.json"
    codes = {e["code"] for e in json.loads(path.read_text(encoding="utf-8"))["entries"]}
    for t in FixType:
        for sigma in (0.005, 0.03, 0.07, 0.2, 1.0, 5.0):
            c = bro_class(t, sigma)
            assert c is None or c in codes


def _cli(argv: list[str]) -> int:
    cli = CommandLine()
    gps_commands.register(cli)
    args = cli.parser.parse_args(argv)
    return run_handler(args.handler, args)


def test_gps_replay_json_lines(capsys: pytest.CaptureFixture[str]) -> None:
    assert _cli(["gps", "replay", str(DATA / "gpsd__nmea-rtk.log"), "--json"]) == 0
    records = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert len(records) == 122
    first = records[0]
    assert first["time"] == "2020-03-18T13:28:19.600Z"
    assert first["lat"] == pytest.approx(41.574965910, abs=1e-8)
    assert first["lon"] == pytest.approx(-93.750571901, abs=1e-8)
    assert (first["alt_msl"], first["fix"]) == (278.161, "dgps")
    assert (first["sats"], first["hdop"]) == (10, 0.9)
    assert first["sigma_source"] == "hdop" and first["sigma_m"] > 0
    assert {r["fix"] for r in records} == {"dgps", "rtk-fixed"}


def test_gps_replay_of_a_log_without_fix_prints_nothing(capsys: pytest.CaptureFixture[str]) -> None:
    assert _cli(["gps", "replay", str(DATA / "gpsd__holux-gm-210.log")]) == 0
    assert capsys.readouterr().out == ""
    assert _cli(["gps", "replay", str(DATA / "no-such.log")]) == 1
    assert "cannot read" in capsys.readouterr().err
