"""The byte stream: chunking does not change the result; garbage never makes a fix."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fieldapp.positions.framing import Framer, nmea_checksum
from fieldapp.positions.model import Fix
from fieldapp.positions.pipeline import NmeaPipeline, fixes
from fieldapp.positions.replay import read_log, replay_bytes

DATA = Path(__file__).resolve().parents[1] / "data" / "nmea"
ALL_LOGS = sorted([*DATA.glob("*.log"), *DATA.glob("*.txt")])


def _whole(data: bytes) -> list[Fix]:
    return fixes(replay_bytes(data))


@pytest.mark.parametrize("log", ALL_LOGS, ids=lambda p: p.name)
def test_every_log_replays_and_random_chunking_gives_the_same_fixes(log: Path) -> None:
    data = read_log(log)
    whole = _whole(data)
    rng = random.Random(log.name)
    for _ in range(5):
        p = NmeaPipeline()
        got = []
        i = 0
        while i < len(data):
            n = rng.randint(1, 4096)
            got += fixes(p.feed(data[i : i + n]))
            i += n
        got += fixes(p.flush())
        assert got == whole


def test_byte_by_byte_equals_whole_on_the_torture_log() -> None:
    data = read_log(DATA / "gpsd__gp-320fw-2019-04-07-coldboot.log")
    p = NmeaPipeline()
    got = [f for b in data for f in fixes(p.feed(bytes([b])))] + fixes(p.flush())
    assert got == _whole(data)
    assert p.framing.bad_checksum > 0


def test_framer_handles_splices_double_dollar_lower_case_and_binary() -> None:
    good = "GPGGA,120000,5200.000,N,00500.000,E,1,08,0.9,1.0,M,46.0,M,,"
    frame = f"${good}*{nmea_checksum(good.encode()):02x}"
    spliced = f"$GPRMC,120000,A,52{frame}"
    f = Framer()
    out = f.feed(b"\xb5b\x01\x07$" + frame.encode() + b"\x00\xff" + spliced.encode() + b"\r\n")
    assert out == [frame, frame]
    assert f.stats.no_checksum == 2  # the '$' of '$$' and the cut-off RMC


def test_a_wrong_or_missing_checksum_is_dropped_and_counted() -> None:
    good = "GPGGA,120000,5200.000,N,00500.000,E,1,08,0.9,1.0,M,46.0,M,,"
    cs = nmea_checksum(good.encode())
    f = Framer()
    assert f.feed(f"${good}*{cs ^ 1:02X}\r\n${good}\r\n${good}*3)\r\n".encode()) == []
    assert (f.stats.bad_checksum, f.stats.no_checksum) == (2, 1)


def test_the_length_cap_stops_a_runaway_frame() -> None:
    f = Framer(max_body=50)
    assert f.feed(b"$" + b"A" * 51) == []
    assert f.stats.too_long == 1


def test_empty_latitude_is_no_position_never_zero() -> None:
    body = "GPGGA,120000,,,,,1,08,0.9,1.0,M,46.0,M,,"
    rmc = "GPRMC,120000,A,,,,,0.0,0.0,010120,,"
    data = b"".join(f"${s}*{nmea_checksum(s.encode()):02X}\r\n".encode() for s in (body, rmc))
    judged = replay_bytes(data)
    assert [j.epoch.lat for j in judged] == [None]
    assert judged[0].fix is None and "no position" in judged[0].reasons


# --- fuzzing -------------------------------------------------------------------

def _single_good_frame(line: bytes) -> bool:
    # One whole frame per line, with a right checksum (some real ones are
    # wrong, and a corruption can repair those).
    line = line.rstrip()
    return line.count(b"$") == 1 and Framer().feed(line) == [line.decode("ascii", "replace")]


_REAL = [
    line for log in ALL_LOGS for line in read_log(log).splitlines() if _single_good_frame(line)
]


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=2000))
def test_random_bytes_never_raise_and_never_make_a_fix(data: bytes) -> None:
    assert _whole(data) == []


@st.composite
def _corrupted(draw: st.DrawFn) -> bytes:
    line = bytearray(draw(st.sampled_from(_REAL)))
    star = line.rindex(b"*")
    kind = draw(st.sampled_from(["flip", "insert", "delete"]))
    # Corrupt the body only: a changed checksum field is a different
    # corruption of the same kind, and deleting '*' makes it checksum-less.
    i = draw(st.integers(1, max(1, star - 1)))
    # A new '$' or '*' would start or end a different frame, not corrupt this one.
    framing = {ord("$"), ord("*")}
    if kind == "flip":
        bit = draw(st.integers(0, 6).filter(lambda b: line[i] ^ (1 << b) not in framing))
        line[i] ^= 1 << bit
    elif kind == "insert":
        line.insert(i, draw(st.integers(0x20, 0x7E).filter(lambda c: c not in framing)))
    else:
        del line[i]
    return bytes(line)


@settings(max_examples=500)
@given(st.lists(_corrupted(), min_size=1, max_size=12))
def test_corrupted_real_sentences_never_make_a_fix(lines: list[bytes]) -> None:
    # XOR checksums miss two compensating errors; a single corruption per
    # sentence is always caught, which is what a serial line produces.
    data = b"\r\n".join(lines) + b"\r\n"
    p = NmeaPipeline()
    judged = p.feed(data) + p.flush()
    assert fixes(judged) == []
    assert p.framing.frames == 0
