"""`fieldapp inspect` on a 10,000-borehole project (issue 15: under 10 s), beside `fieldapp verify`.

Both run on the same file in the same run, opened read-only as the commands open
it; inspect does all verify does (its first line is the audit chain) and then
re-derives every position from its NMEA, follows every container's custody
and reads the rules tables' findings.
"""

from __future__ import annotations

import os
import resource
import statistics
import tempfile
import time
from pathlib import Path

from bench.report import line
from fieldapp import demo
from fieldapp.inspect.run import inspect
from fieldapp.session import Session
from fieldapp.store import Store
from fieldapp.store.verify import verify

BOREHOLES = int(os.environ.get("BENCH_BOREHOLES", "10000"))
RUNS = int(os.environ.get("BENCH_RUNS", "3"))


def _cpu() -> float:
    """CPU seconds of this process and its waited-for children (inspect's second process)."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def bench_inspect(tmp: Path) -> None:
    path = tmp / "inspect.db"
    with Session.open(path) as session:
        demo.create(session, boreholes=BOREHOLES, seed=7)
    inspections, verifies, cpu_inspect, cpu_verify = [], [], [], []
    load = os.getloadavg()[0]
    for _ in range(RUNS):
        t0, c0 = time.perf_counter(), _cpu()
        with Store.open(path, actor="verify", read_only=True) as store:
            verify(store)
        verifies.append(time.perf_counter() - t0)
        cpu_verify.append(_cpu() - c0)
        t0, c0 = time.perf_counter(), _cpu()
        result = inspect(path, "2026-0142")
        inspections.append(time.perf_counter() - t0)
        cpu_inspect.append(_cpu() - c0)
    # on a shared machine the wall time says as much about the others' load as about inspect
    print(f"CPU time (both processes): inspect {statistics.median(cpu_inspect):.1f} s, verify "
          f"{statistics.median(cpu_verify):.1f} s; load average {load:.2f} at the start, "
          f"{os.getloadavg()[0]:.2f} at the end, {os.cpu_count()} cores", flush=True)
    verdicts = ", ".join(f"{ln.requirement.id} {ln.outcome.status}" for ln in result.lines)
    print(f"inspect {BOREHOLES} boreholes ({path.stat().st_size / 1e6:.0f} MB): {verdicts}", flush=True)
    print(line(f"fieldapp inspect, {BOREHOLES} boreholes", statistics.median(inspections), "s",
               "fieldapp verify of the same file", statistics.median(verifies), "absolute < 10 s",
               higher_is_better=False), flush=True)


def main() -> None:
    with tempfile.TemporaryDirectory(dir=os.environ.get("BENCH_DIR")) as d:
        bench_inspect(Path(d))


if __name__ == "__main__":
    main()
