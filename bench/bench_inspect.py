"""`fieldapp inspect` on a 10,000-borehole project (issue 15: under 10 s), beside `fieldapp verify`.

Both run on the same file in the same run, opened read-only as the commands open
it; inspect does all verify does (its first line is the audit chain) and then
re-derives every position from its NMEA, follows every container's custody
and reads the rules tables' findings.
"""

from __future__ import annotations

import os
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


def bench_inspect(tmp: Path) -> None:
    path = tmp / "inspect.db"
    with Session.open(path) as session:
        demo.create(session, boreholes=BOREHOLES, seed=7)
    inspections, verifies = [], []
    for _ in range(RUNS):
        t0 = time.perf_counter()
        with Store.open(path, actor="verify", read_only=True) as store:
            verify(store)
        verifies.append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        result = inspect(path, "2026-0142")
        inspections.append(time.perf_counter() - t0)
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
