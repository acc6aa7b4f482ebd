"""The serial scanner driver over a real pseudo-terminal: every suffix style, and a runaway stream."""

from __future__ import annotations

import queue
import time

from drivers.scanners import SerialScanner, SimulatedScanner
from drivers.scanners.serial_scanner import MAX_LINE
from fieldapp.intake.scan import Outcome, ScanResult, check


def test_codes_arrive_whole_whatever_the_suffix() -> None:
    got: queue.Queue[str] = queue.Queue()
    with SimulatedScanner() as sim:
        reader = SerialScanner(sim.port, got.put)
        reader.start()
        try:
            sim.scan("FA-T0001", "\r\n")
            sim.scan("FA-T0002", "\r")
            sim.scan("FA-T0003", "\n")
            assert [got.get(timeout=5) for _ in range(3)] == ["FA-T0001", "FA-T0002", "FA-T0003"]
            sim.scan("FA-T0004", "")  # no suffix: complete after a pause
            assert got.get(timeout=5) == "FA-T0004"
            sim.scan("x" * (MAX_LINE + 10), "")
            assert len(got.get(timeout=5)) == MAX_LINE  # cut, never an unbounded buffer
            time.sleep(0.3)  # the rest of that line is dropped up to the pause that ends it
            sim.scan("\xe9t\xe9", "\r")
            assert got.get(timeout=5) == "été"
        finally:
            reader.stop()


def _all(got: queue.Queue[str], quiet: float = 0.5) -> list[str]:
    """Every scan delivered until the line stays quiet for ``quiet`` seconds."""
    out = []
    while True:
        try:
            out.append(got.get(timeout=quiet))
        except queue.Empty:
            return out


def test_an_over_long_line_arriving_in_pieces_is_one_unreadable_scan() -> None:
    # a 9600-baud line hands over a runaway scan a few hundred bytes at a time: the part after the
    # MAX_LINE cut used to be delivered as a scan of its own, and the receipt took those 8 bytes for
    # an unexpected container
    got: queue.Queue[str] = queue.Queue()
    with SimulatedScanner() as sim:
        reader = SerialScanner(sim.port, got.put)
        reader.start()
        try:
            for suffix in ("\r\n", "\r", "\n", ""):
                data = "A" * (MAX_LINE + 8) + suffix
                for i in range(0, len(data), 512):
                    sim.scan(data[i:i + 512], "")
                    time.sleep(0.005)
                if not suffix:
                    time.sleep(0.3)  # without a terminator the pause ends the line
                sim.scan("FA-T0005", "\r\n")
                scans = _all(got)
                assert [len(s) for s in scans] == [MAX_LINE, 8], suffix
                assert scans[1] == "FA-T0005"
                refused = check(scans[0])
                assert isinstance(refused, ScanResult) and refused.outcome is Outcome.INVALID
        finally:
            reader.stop()


def test_an_over_long_line_in_one_read_is_one_scan_and_the_next_code_is_whole() -> None:
    got: queue.Queue[str] = queue.Queue()
    with SimulatedScanner() as sim:
        reader = SerialScanner(sim.port, got.put)
        reader.start()
        try:
            sim.scan("B" * (3 * MAX_LINE) + "\r\nFA-T0006\r\nFA-T0007", "\r\n")
            assert _all(got) == ["B" * MAX_LINE, "FA-T0006", "FA-T0007"]
        finally:
            reader.stop()
