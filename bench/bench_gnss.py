"""GNSS benchmarks: NMEA throughput against bare pynmea2, and CPU for a 10 Hz receiver.

Run alone with ``python -m bench.bench_gnss``; ``make bench`` calls ``main()``.
Figures are ratios against a baseline measured in the same run on the same
lines, because the machines are noisy.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

import pynmea2

from bench.report import line
from fieldapp.positions.pipeline import NmeaPipeline
from fieldapp.positions.replay import paced, read_log

ROOT = Path(__file__).resolve().parents[1]
NMEA = ROOT / "tests" / "data" / "nmea"
# A survey receiver's full sentence set per epoch: GGA GLL GNS x3 GSA x2 GST
# RMC VTG ZDA GSV x4 and a proprietary sentence.
FULL_SET_LOG = NMEA / "NmeaParser__TrimbleR2SampleData.txt"

Result = tuple[str, float, str, float, str]  # name, value, unit, baseline value, baseline name


def _lines() -> list[bytes]:
    logs = sorted([*NMEA.glob("*.log"), *NMEA.glob("*.txt")])
    return [ln for log in logs for ln in read_log(log).splitlines() if ln.startswith(b"$")]


def _bare(text: list[str]) -> None:
    for s in text:
        # try/except, not contextlib.suppress: the baseline is the plainest loop.
        try:  # noqa: SIM105
            pynmea2.parse(s, check=True)
        except pynmea2.ParseError:
            pass


def _best_of(repeat: int, fn: Callable[[], object]) -> float:
    best = float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t0)
    return best


def throughput(repeat: int = 5, copies: int = 10) -> Result:
    lines = _lines() * copies
    text = [ln.decode("latin-1") for ln in lines]
    stream = b"\r\n".join(lines) + b"\r\n"

    def bare() -> None:
        _bare(text)

    def ours() -> None:
        p = NmeaPipeline()
        for i in range(0, len(stream), 4096):  # as a port delivers it
            p.feed(stream[i : i + 4096])
        p.flush()

    t_bare = _best_of(repeat, bare)
    t_ours = _best_of(repeat, ours)
    return ("sentences/s framing+parsing+epochs", len(lines) / t_ours, "1/s",
            len(lines) / t_bare, "bare pynmea2.parse(check=True)")  # fmt: skip


def cpu_share_10hz(seconds: float = 60.0) -> Result:
    """CPU time per second of a 10 Hz receiver sending the full sentence set."""
    bursts = [chunk for _wait, chunk in paced(read_log(FULL_SET_LOG)) if chunk]
    epochs = int(seconds * 10)
    feed = [bursts[i % len(bursts)] for i in range(epochs)]
    text = [ln.decode("latin-1") for b in feed for ln in b.splitlines() if ln.startswith(b"$")]

    def ours() -> None:
        p = NmeaPipeline()
        for burst in feed:
            p.feed(burst)
            p.close_epoch()  # what the monitor does when the burst is over

    def bare() -> None:
        _bare(text)

    def cpu(fn: Callable[[], object]) -> float:
        best = float("inf")
        for _ in range(3):
            t0 = time.process_time()
            fn()
            best = min(best, time.process_time() - t0)
        return best

    share = 100.0 * cpu(ours) / seconds
    base = 100.0 * cpu(bare) / seconds
    return ("CPU share of one core, 10 Hz full set", share, "%", base, "bare pynmea2 on same lines")


def run() -> list[Result]:
    return [throughput(), cpu_share_10hz()]


_TARGETS = {"1/s": (">= 0.5", True), "%": ("< 1 % of one core", False)}


def main() -> None:
    for name, value, unit, base, base_name in run():
        target, higher = _TARGETS[unit]
        print(line(name, value, unit, base_name, base, target, higher_is_better=higher))


if __name__ == "__main__":
    main()
