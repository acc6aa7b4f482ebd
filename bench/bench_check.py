"""`fieldapp check` on a 10,000-borehole project (issue 12: under 2 s).

The baseline is a raw SELECT, in the same run on the same file, of the rows the
checks read: every borehole, layer, sample and sample part of the project.
"""

from __future__ import annotations

import os
import statistics
import tempfile
import time
from pathlib import Path

from bench.report import line
from fieldapp import check, demo
from fieldapp.domain import project
from fieldapp.session import Session

BOREHOLES = int(os.environ.get("BENCH_BOREHOLES", "10000"))


def bench_check(tmp: Path) -> None:
    path = tmp / "check.db"
    with Session.open(path) as session:
        demo.create(session, boreholes=BOREHOLES, seed=7)
        proj = project.by_code(session.store, "2026-0142")
        conn = session.store.conn
        runs, raws = [], []
        for _ in range(3):
            t0 = time.perf_counter()
            report = check.run(conn, proj.id)
            runs.append(time.perf_counter() - t0)
            t0 = time.perf_counter()
            rows = 0
            for sql in ("SELECT * FROM borehole WHERE project_id = ?",
                        "SELECT l.* FROM layer l JOIN borehole b ON b.id = l.borehole_id WHERE b.project_id = ?",
                        "SELECT * FROM sample WHERE project_id = ?",
                        "SELECT p.* FROM sample_part p JOIN sample s ON s.id = p.sample_id WHERE s.project_id = ?"):
                rows += len(conn.execute(sql, (proj.id,)).fetchall())
            raws.append(time.perf_counter() - t0)
    print(f"check {BOREHOLES} boreholes: {rows:,} rows read, {len(report)} findings", flush=True)
    print(line(f"fieldapp check, {BOREHOLES} boreholes", statistics.median(runs), "s",
               "raw SELECT of the same rows", statistics.median(raws), "absolute < 2 s",
               higher_is_better=False), flush=True)


def main() -> None:
    with tempfile.TemporaryDirectory(dir=os.environ.get("BENCH_DIR")) as d:
        bench_check(Path(d))


if __name__ == "__main__":
    main()
