"""Live receivers over real pseudo-terminals: 10 Hz play, unplug/replug, auto-detection.

The waits below are upper bounds (the test goes on as soon as the event
arrives), except the 2 s "no receiver" bound, which is what the issue asks.
"""

from __future__ import annotations

import queue
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import pytest

pytest.importorskip("termios", reason="pseudo-terminals are POSIX only")

from pty_receiver import PtyReceiver

from drivers.gnss.detect import detect
from drivers.gnss.receiver import Event, GnssReceiver, ReceiverState, Status
from drivers.gnss.sources import ReplaySource, SerialSource
from fieldapp.positions.model import Fix
from fieldapp.positions.pipeline import fixes
from fieldapp.positions.replay import read_log, replay_bytes

DATA = Path(__file__).resolve().parents[1] / "data" / "nmea"
RTK_10HZ = DATA / "gpsd__nmea-rtk.log"


def _key(f: Fix) -> tuple[object, ...]:
    return (f.time, f.lat, f.lon, f.fix_type, f.sats)


def _wait_for(q: queue.Queue[Event], pred: Callable[[Event], bool], timeout: float) -> Event:
    deadline = time.monotonic() + timeout
    while True:
        left = deadline - time.monotonic()
        if left <= 0:
            raise AssertionError(f"nothing matching within {timeout} s")
        try:
            ev = q.get(timeout=left)
        except queue.Empty:
            continue
        if pred(ev):
            return ev


def _is_status(status: Status) -> Callable[[Event], bool]:
    return lambda ev: isinstance(ev, ReceiverState) and ev.status is status


def test_10_hz_fixes_unplug_no_receiver_within_2_s_and_replug(tmp_path: Path) -> None:
    writer = PtyReceiver(tmp_path / "gnss0", RTK_10HZ, baud=38400)
    writer.plug(epochs=30)
    rx = GnssReceiver(SerialSource(str(writer.path), 38400))
    with rx:
        # The writer started before the reader opened the port; what it sent
        # until then is lost, as on a real line. Compare with what was read.
        while not writer.done:
            time.sleep(0.05)
        time.sleep(0.5)
        got = []
        while not rx.events.empty():
            ev = rx.events.get()
            if isinstance(ev, Fix):
                got.append(ev)
        assert len(got) >= 20
        expected = [_key(f) for f in fixes(replay_bytes(read_log(RTK_10HZ)))]
        start = expected.index(_key(got[0]))
        assert [_key(f) for f in got] == expected[start : start + len(got)]

        # Unplug: "no receiver" within 2 s, and no stale position served.
        writer.unplug()
        unplugged = time.monotonic()
        _wait_for(rx.events, _is_status(Status.NO_RECEIVER), timeout=2.0)
        assert time.monotonic() - unplugged <= 2.0
        assert rx.current_fix() is None

        # Replug (a new pty behind the same link): fixes again, no restart.
        writer.plug()
        fix = _wait_for(rx.events, lambda ev: isinstance(ev, Fix), timeout=10.0)
        assert isinstance(fix, Fix)
        assert rx.state.status is Status.FIX
        writer.unplug()


def test_a_silent_receiver_is_no_receiver_and_its_last_fix_goes_stale(tmp_path: Path) -> None:
    """A Bluetooth drop-out: the port stays open but nothing arrives."""
    writer = PtyReceiver(tmp_path / "gnss0", RTK_10HZ, baud=4800)
    rx = GnssReceiver(SerialSource(str(writer.path), 4800), max_fix_age=0.5)
    writer.plug(epochs=15)
    with rx:
        _wait_for(rx.events, lambda ev: isinstance(ev, Fix), timeout=10.0)
        while not writer.done:
            time.sleep(0.05)
        quiet_since = time.monotonic()
        _wait_for(rx.events, _is_status(Status.NO_RECEIVER), timeout=2.0)
        assert time.monotonic() - quiet_since <= 2.0
        assert rx.current_fix() is None
    writer.unplug()


def test_auto_detection_finds_the_talking_port_and_its_baud_rate(tmp_path: Path) -> None:
    writers = [
        PtyReceiver(tmp_path / "a", RTK_10HZ, talking=False),
        PtyReceiver(tmp_path / "b", RTK_10HZ, baud=38400),
        PtyReceiver(tmp_path / "c", RTK_10HZ, talking=False),
    ]
    for w in writers:
        w.plug()
    try:
        found = detect([str(w.path) for w in writers], listen=1.0)
    finally:
        for w in writers:
            w.unplug()
    assert [d.baudrate for d in found] == [None, 38400, None]
    assert found[0].silent and found[2].silent


def test_loop_url_and_replay_source_take_the_same_path() -> None:
    data = read_log(DATA / "gpsd__bu353s4.log")
    expected = [_key(f) for f in fixes(replay_bytes(data))]
    # the laptop clock of the day it was recorded: a clock years off holds the first epoch, whose date
    # nothing before it confirms (tests/drivers/test_gnss_first_date.py)
    def recorded() -> datetime:
        return datetime(2014, 12, 31, 3, 7, 30, tzinfo=UTC)

    src = SerialSource("loop://", 4800)
    src.open()
    got: list[Fix] = []
    with GnssReceiver(src, on_fix=got.append, clock=recorded):
        src.write(data)  # blocks while the loop's buffer is full, until the reader drains it
        deadline = time.monotonic() + 10
        while len(got) < len(expected) and time.monotonic() < deadline:
            time.sleep(0.05)
    assert [_key(f) for f in got] == expected

    replayed: list[Fix] = []
    rp = ReplaySource(DATA / "gpsd__bu353s4.log", realtime=False)
    with GnssReceiver(rp, on_fix=replayed.append, clock=recorded):
        deadline = time.monotonic() + 10
        # the last second is given when the source falls silent: no late sentence of it can come
        while len(replayed) < len(expected) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert rp.finished
        time.sleep(0.3)
    assert [_key(f) for f in replayed] == expected


def test_a_port_that_cannot_be_opened_is_no_receiver(tmp_path: Path) -> None:
    states: list[ReceiverState] = []
    with GnssReceiver(SerialSource(str(tmp_path / "nothing"), 4800), on_status=states.append) as rx:
        _wait_for(rx.events, _is_status(Status.NO_RECEIVER), timeout=2.0)
    assert states[0].status is Status.NO_RECEIVER and "cannot open" in states[0].message


@pytest.mark.parametrize("url", ["socket://127.0.0.1:9"])
def test_an_unreachable_network_receiver_is_no_receiver(url: str) -> None:
    with GnssReceiver(SerialSource(url, 4800)) as rx:
        _wait_for(rx.events, _is_status(Status.NO_RECEIVER), timeout=2.0)


def test_gps_ports_command_names_the_talking_port(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from drivers.gnss import commands
    from fieldapp.cli import CommandLine, run_handler

    cli = CommandLine()
    commands.register(cli)
    quiet = PtyReceiver(tmp_path / "quiet", RTK_10HZ, talking=False)
    talking = PtyReceiver(tmp_path / "talking", RTK_10HZ, baud=9600)
    quiet.plug()
    talking.plug()
    try:
        args = cli.parser.parse_args(["gps", "ports", str(quiet.path), str(talking.path)])
        assert run_handler(args.handler, args) == 0
    finally:
        quiet.unplug()
        talking.unplug()
    out = capsys.readouterr().out
    assert f"{talking.path}\tNMEA at 9600 baud" in out
    assert f"{quiet.path}\tsilent" in out
