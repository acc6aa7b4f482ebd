"""A receiver at another baud rate than the port is opened with, on a real pseudo-terminal: the monitor
says "not NMEA" with what to check (not "no fix"), once, and clears as soon as the receiver is set right;
receivers that mix binary with their NMEA never are taken for one. `gps listen` says it once on stderr.

The garbage is what a UART at the reader's rate makes of a real log sent at the receiver's
(tests/drivers/uart.py), or random bytes (the pseudo-terminal receiver's default).
"""

from __future__ import annotations

import os
import queue
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import IO

import pytest

pytest.importorskip("termios", reason="pseudo-terminals are POSIX only")

from pty_receiver import PtyReceiver

from drivers.gnss.receiver import Event, GnssReceiver, ReceiverState, Status
from drivers.gnss.sources import SerialSource
from fieldapp.positions.linecheck import WINDOW_S
from fieldapp.positions.model import Fix
from fieldapp.positions.rawlog import RawLog

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "tests" / "data" / "nmea"
ROTTERDAM = DATA / "gpsd__ublox-lea-5h.log"  # no fix at first, then a fix
NEO_M8N = DATA / "gpsd__neo-m8n.log"  # a fix from the start
MESSAGE_4800 = ("data is arriving but it is not NMEA: check the receiver's baud rate (FieldApp opens the port at "
                "4800 baud; try 9600, 38400 or 115200)")


def _next(q: queue.Queue[Event], pred: Callable[[Event], bool], timeout: float) -> Event:
    deadline = time.monotonic() + timeout
    while (left := deadline - time.monotonic()) > 0:
        try:
            ev = q.get(timeout=left)
        except queue.Empty:
            break
        if pred(ev):
            return ev
    raise AssertionError(f"nothing matching within {timeout} s")


def _states(q: queue.Queue[Event]) -> list[ReceiverState]:
    out = []
    while not q.empty():
        ev = q.get()
        if isinstance(ev, ReceiverState):
            out.append(ev)
    return out


@pytest.mark.parametrize("uart", [True, False], ids=["uart-misread", "random-bytes"])
def test_a_receiver_at_another_baud_rate_is_not_nmea_until_it_is_set_right(tmp_path: Path, uart: bool) -> None:
    writer = PtyReceiver(tmp_path / "gnss0", NEO_M8N, baud=38400, uart=uart)
    writer.plug()
    raw = RawLog(tmp_path / "logs", "pty")
    rx = GnssReceiver(SerialSource(str(writer.path), 4800), raw_log=raw)
    try:
        with rx:
            started = time.monotonic()
            ev = _next(rx.events, lambda e: isinstance(e, ReceiverState) and e.status is Status.NOT_NMEA,
                       timeout=WINDOW_S + 4)
            assert isinstance(ev, ReceiverState)
            assert WINDOW_S <= time.monotonic() - started <= WINDOW_S + 4
            assert ev.message == MESSAGE_4800 and ev.baud == 4800 and ev.reasons == ()
            assert rx.current_fix() is None
            # the garbage goes on: it is not told again
            time.sleep(2.0)
            assert [s.status for s in _states(rx.events)] == []
            assert rx.state.status is Status.NOT_NMEA

            # the sampler sets the receiver to 4800: the first sentences clear it, and a fix follows
            writer.baud = 4800
            set_right = time.monotonic()
            ev = _next(rx.events, lambda e: isinstance(e, ReceiverState), timeout=3.0)
            assert isinstance(ev, ReceiverState) and ev.status in (Status.NO_FIX, Status.FIX)
            assert time.monotonic() - set_right < 2.0
            _next(rx.events, lambda e: isinstance(e, Fix), timeout=5.0)
            assert rx.state.status is Status.FIX
    finally:
        writer.unplug()
        raw.close()
    notes = [line for line in raw.path.read_text("latin-1").splitlines() if "not NMEA:" in line]
    assert len(notes) == 1 and "no valid NMEA sentence" in notes[0], notes


# binary beside NMEA (UBX without line breaks, u-blox start-up, non-ASCII bytes), the cold boot whose NMEA
# is spliced, cut and zero-filled for three seconds, and a receiver without a fix for a long time
MIXED = ["gpsd__ublox8-uniqid-monhw.log", "pynmeagps__pygpsdata-mixed.log", "gpsd__ublox-8.log",
         "gpsd__gp-320fw-2019-04-07-coldboot.log", "gpsd__holux-gm-210.log"]


def test_receivers_that_mix_binary_with_nmea_are_never_not_nmea(tmp_path: Path) -> None:
    writers = [PtyReceiver(tmp_path / f"gnss{i}", DATA / name, baud=9600) for i, name in enumerate(MIXED)]
    receivers = []
    try:
        for w in writers:
            w.plug()
            receivers.append(GnssReceiver(SerialSource(str(w.path), 9600)))
        for rx in receivers:
            rx.start()
        time.sleep(WINDOW_S + 4)
        for name, rx in zip(MIXED, receivers, strict=True):
            seen = [s.status for s in _states(rx.events)]
            assert Status.NO_FIX in seen or Status.FIX in seen, (name, seen)  # data came
            assert Status.NOT_NMEA not in seen, name
    finally:
        for rx in receivers:
            rx.stop()
        for w in writers:
            w.unplug()


@pytest.mark.parametrize("lang, said, receiving", [
    ("en", "fieldapp: {port}: " + MESSAGE_4800, "fieldapp: {port}: no fix: receiving from {port}"),
    ("nl", "fieldapp: {port}: er komen gegevens binnen, maar geen NMEA: controleer de baudrate van de ontvanger "
           "(FieldApp opent de poort met 4800 baud; probeer 9600, 38400 of 115200)",
     "fieldapp: {port}: geen fix: ontvangt van {port}"),
], ids=["en", "nl"])
def test_gps_listen_says_it_once_on_stderr_and_goes_on_when_the_rate_is_right(
        tmp_path: Path, lang: str, said: str, receiving: str) -> None:
    writer = PtyReceiver(tmp_path / "gnss0", NEO_M8N, baud=38400, uart=True)
    writer.plug()
    port = str(writer.path)
    env = {**os.environ, "FIELDAPP_CONFIG_DIR": str(tmp_path / "config"),
           "LANG": "nl_NL.UTF-8" if lang == "nl" else "en_GB.UTF-8", "LC_ALL": ""}
    lines: queue.Queue[tuple[str, str]] = queue.Queue()
    err: list[str] = []
    out: list[str] = []

    def until(pred: Callable[[str, str], bool], timeout: float) -> None:
        deadline = time.monotonic() + timeout
        while (left := deadline - time.monotonic()) > 0:
            try:
                name, line = lines.get(timeout=left)
            except queue.Empty:
                break
            (out if name == "out" else err).append(line)
            if pred(name, line):
                return
        raise AssertionError(f"not within {timeout} s; stderr: {err}, stdout: {out[-3:]}")

    def pump(name: str, stream: IO[str]) -> None:
        for line in stream:
            lines.put((name, line.rstrip("\n")))

    listen = subprocess.Popen([sys.executable, "-m", "ui.main", "gps", "listen", port, "--baud", "4800"],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT, env=env)
    try:
        assert listen.stdout is not None and listen.stderr is not None
        pumps = [threading.Thread(target=pump, args=(name, stream), daemon=True)
                 for name, stream in (("out", listen.stdout), ("err", listen.stderr))]
        for t in pumps:
            t.start()
        until(lambda name, line: name == "err" and "NMEA" in line, timeout=WINDOW_S + 15)
        assert err[-1] == said.format(port=port)
        # three more seconds of garbage (and of `--give-up`'s five without NMEA): no second line, no giving up
        time.sleep(3.0)
        writer.baud = 4800  # the receiver set right
        until(lambda name, line: name == "out", timeout=10)  # a fix on stdout
        listen.terminate()
        listen.wait(timeout=30)
        for t in pumps:  # to the end of both streams
            t.join(timeout=5)
        while not lines.empty():
            name, line = lines.get()
            (out if name == "out" else err).append(line)
    finally:
        if listen.poll() is None:  # a failed wait above: never leave the listener running
            listen.kill()
            listen.wait(timeout=30)
        for stream in (listen.stdout, listen.stderr):
            if stream is not None:
                stream.close()
        writer.unplug()
    assert sum("NMEA" in line for line in err) == 1, err
    told = err.index(said.format(port=port))
    # bytes that are NMEA again: told as such, or at once as a fix when the first read completes an epoch
    assert err[told + 1] in (receiving.format(port=port), f"fieldapp: {port}: fix: gps"), err
    assert not any("error" in line for line in err), err
    assert out and all(" sats " in line for line in out), out  # fixes once the rate was right
