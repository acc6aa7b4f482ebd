"""Bytes that are not NMEA (a receiver at another baud rate) are told from a receiver that is only
slow to fix, and a healthy receiver never is taken for one.

The real logs of tests/data/nmea arrive as over a serial line at 4800 to 115200 baud (each epoch at
its recorded time, no faster than the line carries it, in reads of 64 bytes); UBX mixed with NMEA,
spliced and zero-filled lines among them, and none may trip the check. The same logs as a UART at
another rate delivers them (tests/drivers/uart.py) must trip it within seconds and never clear on
their own. The pseudo-terminal and window tests are tests/drivers/test_gnss_not_nmea.py and
tests/ui/test_indicator_not_nmea.py.
"""

from __future__ import annotations

import random
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from fieldapp import error_text
from fieldapp.positions.framing import Framer
from fieldapp.positions.linecheck import MIN_BYTES, WINDOW_S, LineCheck, NotNmea, not_nmea_message
from fieldapp.positions.replay import paced, read_log

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "drivers"))
from uart import misread  # the UART model beside the pseudo-terminal receiver

DATA = Path(__file__).resolve().parents[1] / "data" / "nmea"
LOGS = sorted(p for p in DATA.iterdir() if p.suffix in (".log", ".txt", ".nmea"))
LINE_RATES = (4800, 9600, 38400, 115200)
BAUDS = (4800, 9600, 19200, 38400, 57600, 115200)


def arriving(data: bytes, baud: int, plays: int = 1, read: int = 64) -> Iterator[tuple[float, bytes]]:
    """(laptop time, bytes read) for a log sent over a line at ``baud``: each epoch at its recorded time,
    or when the line has carried the one before; a read takes what has come, up to ``read`` bytes."""
    t = end = 0.0
    for _ in range(plays):
        for wait, chunk in paced(data):
            t += wait
            start = max(t, end)
            for i in range(0, len(chunk), read):
                piece = chunk[i:i + read]
                yield start + (i + len(piece)) * 10 / baud, piece
            end = start + len(chunk) * 10 / baud


def verdicts(reads: Iterator[tuple[float, bytes]]) -> list[tuple[float, NotNmea | None]]:
    """Every change of the check's verdict, with its time, as the receiver monitor feeds it."""
    framer, check, changes = Framer(), LineCheck(), []
    for now, data in reads:
        framer.feed(data)
        if check.feed(data, framer.stats.frames, framer.stats.dropped, now):
            changes.append((now, check.verdict))
    return changes


@pytest.mark.parametrize("log", LOGS, ids=lambda p: p.name)
def test_no_real_log_trips_the_check(log: Path) -> None:
    data = read_log(log)
    for baud in LINE_RATES:
        assert verdicts(arriving(data, baud, plays=2)) == [], f"{log.name} at {baud} baud"


# logs long enough to outlast the window; a 10 Hz RTK receiver, the Rotterdam u-blox, the common USB
# puck, and two that mix UBX binary with their NMEA
MISREAD = ["gpsd__nmea-rtk.log", "gpsd__ublox-lea-5h.log", "gpsd__bu353s4.log", "gpsd__ublox8-uniqid-monhw.log",
           "gpsd__ublox-8.log"]


@pytest.mark.parametrize("name", MISREAD)
def test_a_log_read_at_any_wrong_rate_trips_the_check_within_seconds_and_it_stays(name: str) -> None:
    chunks = list(paced(read_log(DATA / name)))
    for sent in BAUDS:
        for read in BAUDS:
            if read == sent:
                continue
            # what a UART at ``read`` makes of each burst, spread over the time the burst is on the line
            reads, t = [], 0.0
            for _ in range(3):
                for wait, chunk in chunks:
                    t += wait
                    got = misread(chunk, sent, read)
                    for i in range(0, len(got), 64):
                        reads.append((t + (i + 64) / len(got) * len(chunk) * 10 / sent, got[i:i + 64]))
                if t > 15:
                    break
            changes = verdicts(iter(reads))
            assert changes, f"{name} sent at {sent}, read at {read}: never judged not NMEA"
            (when, verdict), *after = changes
            assert verdict is not None and WINDOW_S <= when <= WINDOW_S + 2.5, (sent, read, when)
            assert verdict.bytes >= MIN_BYTES
            assert verdict.protocol is None  # garbage is never taken for a receiver whose NMEA output is off
            assert after == [], f"{name} sent at {sent}, read at {read}: cleared by garbage at {after[0][0]:.1f} s"


def test_random_bytes_trip_it_once_and_a_valid_sentence_clears_it_at_once() -> None:
    rng = random.Random(7)
    epoch = next(chunk for _wait, chunk in paced(read_log(DATA / "gpsd__ublox-lea-5h.log")) if b"GGA" in chunk)
    framer, check = Framer(), LineCheck()
    seen = []
    for tenth in range(80):  # 8 s of garbage, 48 bytes every 0.1 s
        data = rng.randbytes(48)
        framer.feed(data)
        if check.feed(data, framer.stats.frames, framer.stats.dropped, tenth / 10):
            seen.append((tenth / 10, check.verdict))
    assert len(seen) == 1 and seen[0][0] == WINDOW_S  # told once, when the window is full
    verdict = seen[0][1]
    assert verdict is not None and verdict.bytes == 48 * 51 and verdict.printable < 0.5
    assert "no valid NMEA sentence" in verdict.evidence()
    # the receiver set right: the first valid sentence clears it
    framer.feed(epoch)
    assert check.feed(epoch, framer.stats.frames, framer.stats.dropped, 8.0) and check.verdict is None
    # and garbage again is judged again only after a whole window
    for tenth in range(81, 200):
        data = rng.randbytes(48)
        framer.feed(data)
        if check.feed(data, framer.stats.frames, framer.stats.dropped, tenth / 10):
            break
    assert check.not_nmea and tenth / 10 >= 8.0 + WINDOW_S


def test_a_few_stray_bytes_are_no_verdict() -> None:
    framer, check = Framer(), LineCheck()
    for second in range(30):  # a floating line: a NUL now and then
        data = b"\x00" if second % 3 == 0 else b""
        framer.feed(data)
        check.feed(data, framer.stats.frames, framer.stats.dropped, float(second))
    assert not check.not_nmea


@pytest.mark.parametrize("baud, en, nl", [
    (4800, "data is arriving but it is not NMEA: check the receiver's baud rate (FieldApp opens the port at 4800 "
           "baud; try 9600, 38400 or 115200)",
     "er komen gegevens binnen, maar geen NMEA: controleer de baudrate van de ontvanger (FieldApp opent de poort "
     "met 4800 baud; probeer 9600, 38400 of 115200)"),
    (19200, "data is arriving but it is not NMEA: check the receiver's baud rate (FieldApp opens the port at 19200 "
            "baud; try 4800, 9600, 38400 or 115200)",
     "er komen gegevens binnen, maar geen NMEA: controleer de baudrate van de ontvanger (FieldApp opent de poort "
     "met 19200 baud; probeer 4800, 9600, 38400 of 115200)"),
    (None, "data is arriving but it is not NMEA: check that the receiver sends NMEA 0183",
     "er komen gegevens binnen, maar geen NMEA: controleer of de ontvanger NMEA 0183 stuurt"),
])
def test_the_message_names_the_rate_and_what_to_try(baud: int | None, en: str, nl: str) -> None:
    message = not_nmea_message(baud)
    assert message == en
    assert error_text.said(message, "en") == en
    assert error_text.said(message, "nl") == nl


# an RTCM 3 message 1005 (a base station's antenna position) as pyrtcm's documentation shows it
RTCM_1005 = bytes.fromhex("D300133ED7D30202980EDEEF34B4BD62AC0941986F33360B98")


def _ubx_only() -> bytes:
    """The UBX frames of the real u-blox 8 log, its NMEA left out (tests/drivers/ubx_receiver.py)."""
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "drivers"))
    from ubx_receiver import MONHW, ubx_frames

    return b"".join(ubx_frames(MONHW.read_bytes()))


@pytest.mark.parametrize("name", ["UBX", "RTCM 3"])
def test_a_receiver_with_its_nmea_output_off_is_named_by_its_protocol_at_the_right_rate_only(name: str) -> None:
    stream = _ubx_only() if name == "UBX" else RTCM_1005 * 200  # some 5 s at 9600 baud
    for read, protocol in ((9600, name), (38400, None)):  # sent at 9600
        got = stream if read == 9600 else misread(stream, 9600, read)
        # in reads of 64 bytes, each when the line has carried it (10 bits a byte), twice over: past the window
        twice = got * 2
        reads = [((k + 64) * 10 / 9600, twice[k:k + 64]) for k in range(0, len(twice), 64)]
        changes = verdicts(iter(reads))
        assert len(changes) == 1 and changes[0][1] is not None, (name, read)
        assert changes[0][1].protocol == protocol, (name, read)
    said = error_text.said(not_nmea_message(9600, name), "nl")
    assert said == f"er komen gegevens binnen in {name}, geen NMEA: zet de NMEA-uitvoer van de ontvanger aan"
