"""`fieldapp gps replay` prints each fix when its epoch closes, not when the
log ends: fed through a named pipe, the first fix comes while the pipe is
still open (issue 18)."""

from __future__ import annotations

import os
import re
import select
import signal
import subprocess
import sys
import tty
from pathlib import Path

DATA = Path(__file__).resolve().parents[1] / "data" / "nmea"
PATIENCE_S = 60  # a guard against a hang, not a time limit


TIMED = re.compile(rb"\$[A-Z]{2}(?:GGA|RMC),(\d{6}(?:\.\d+)?)")


def _into_epoch(log: bytes, n: int = 6) -> int:
    """Where the log's ``n``-th epoch has begun: just past the first sentence that carries its time."""
    stamps: list[bytes] = []
    for m in TIMED.finditer(log):
        if not stamps or m.group(1) != stamps[-1]:
            stamps.append(m.group(1))
        if len(stamps) == n:
            return log.index(b"\n", m.end()) + 1
    raise AssertionError(f"the log has fewer than {n} epochs")


def test_the_first_fix_comes_before_the_log_ends(tmp_path: Path) -> None:
    log = (DATA / "gpsd__ublox-8.log").read_bytes()
    cut = _into_epoch(log)
    fifo = tmp_path / "receiver.nmea"
    os.mkfifo(fifo)
    with subprocess.Popen([sys.executable, "-m", "ui.main", "gps", "replay", str(fifo)],
                          stdout=subprocess.PIPE, stderr=subprocess.DEVNULL) as proc:
        assert proc.stdout is not None
        try:
            with fifo.open("wb") as pipe:
                # five epochs whole and the start of the sixth: five are closed
                pipe.write(log[:cut])
                pipe.flush()
                ready, _w, _x = select.select([proc.stdout], [], [], PATIENCE_S)
                assert ready, "no fix printed while the log was still open"
                first = os.read(proc.stdout.fileno(), 65536).decode()
                assert proc.poll() is None  # still reading: the log is not at its end
                pipe.write(log[cut:])
            rest = proc.stdout.read().decode()
            assert proc.wait(PATIENCE_S) == 0
        finally:
            if proc.poll() is None:
                proc.kill()
    whole = subprocess.run([sys.executable, "-m", "ui.main", "gps", "replay", str(DATA / "gpsd__ublox-8.log")],
                           capture_output=True, text=True, check=True)
    assert first and (first + rest) == whole.stdout  # the same fixes, only sooner


def _ctrl_c_reaches_it() -> None:
    # a run started in the background (CI under nohup ... &) inherits an ignored SIGINT, and a
    # Python started with SIGINT ignored never turns Ctrl-C into KeyboardInterrupt
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def test_listen_prints_a_fix_while_the_receiver_is_still_connected(tmp_path: Path) -> None:
    """A receiver on a serial pseudo-terminal sends a few epochs and then nothing
    more: their fixes come out while the port stays open."""
    log = (DATA / "gpsd__ublox-8.log").read_bytes()
    cut = _into_epoch(log, 30)  # enough that some come through the receiver's start-up checks
    master, slave = os.openpty()
    tty.setraw(slave)  # a serial line, not a terminal: no echo, no line editing
    try:
        with subprocess.Popen([sys.executable, "-m", "ui.main", "gps", "listen", os.ttyname(slave), "--baud",
                               "9600", "--give-up", "0"], stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, preexec_fn=_ctrl_c_reaches_it) as proc:
            assert proc.stdout is not None and proc.stderr is not None
            try:
                # its first word on stderr: the port is open and listened to
                ready, _w, _x = select.select([proc.stderr], [], [], PATIENCE_S)
                assert ready and os.read(proc.stderr.fileno(), 4096)
                os.write(master, log[:cut])
                ready, _w, _x = select.select([proc.stdout], [], [], PATIENCE_S)
                assert ready, "no fix printed while the receiver was connected"
                first = os.read(proc.stdout.fileno(), 65536).decode()
                assert first.startswith("2017-01-10T00:"), first  # a fix of the epochs sent
                assert proc.poll() is None
            finally:
                proc.send_signal(signal.SIGINT)  # Ctrl-C: the way a user stops listening
                try:
                    assert proc.wait(PATIENCE_S) == 0, "Ctrl-C did not end the listening cleanly"
                finally:
                    if proc.poll() is None:
                        proc.kill()
    finally:
        os.close(master)
        os.close(slave)
