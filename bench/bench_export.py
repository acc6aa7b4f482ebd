"""Export figures of issue 8: seconds to export a project of BENCH_EXPORT_BOREHOLES boreholes
(default 10,000: about 50,000 layers and 30,000 samples) to each format, beside the raw sqlite3
SELECT of the same rows in the same run. Targets: GeoPackage < 10 s (issue 8); Excel < 5 s and
borehole logs > 150 pages/s (issue 18).
"""

from __future__ import annotations

import os
import sqlite3
import tempfile
import time
from pathlib import Path

from bench.report import line
from fieldapp import demo
from fieldapp.codelists import CodeLists
from fieldapp.export import FORMATS, export
from fieldapp.session import Session
from fieldapp.settings import Settings

BOREHOLES = int(os.environ.get("BENCH_EXPORT_BOREHOLES", "10000"))
# SIKB0101 has a benchmark of its own (bench/bench_sikb.py), with the SIKB code its export needs; the BRO
# deliveries (SAD wraps the SIKB0101 document, BHR-GT one request per borehole) have no figure to reach
_OWN = ("sikb0101", "sad", "bhrgt")
ONLY = [f for f in os.environ.get("BENCH_EXPORT_FORMATS", ",".join(f for f in FORMATS if f not in _OWN)).split(",")
        if f]
PROJECT = "BENCH"


def _raw_select(db: Path) -> float:
    """Read every row an export reads, with nothing done to them: the floor for any export."""
    conn = sqlite3.connect(db)
    t0 = time.perf_counter()
    for sql in ("SELECT * FROM project", "SELECT * FROM borehole", "SELECT * FROM layer", "SELECT * FROM sample",
                "SELECT * FROM sample_part", "SELECT * FROM container"):
        conn.execute(sql).fetchall()
    elapsed = time.perf_counter() - t0
    conn.close()
    return elapsed


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        db = tmp / "bench.sqlite"
        lists = CodeLists.load()
        with Session.open(db, settings=Settings(user="bench"), lists=lists) as session:
            summary = demo.create(session, boreholes=BOREHOLES, seed=8, project_code=PROJECT)
        print(f"project: {summary.boreholes} boreholes, {summary.layers} layers, {summary.samples} samples, "
              f"{summary.containers} containers", flush=True)
        raw = _raw_select(db)
        with Session.open(db, settings=Settings(user="bench"), lists=lists) as session:
            for fmt in ONLY:
                out = tmp / f"out-{fmt}"  # every export is a folder
                t0 = time.perf_counter()
                result = export(session, PROJECT, fmt, out)
                elapsed = time.perf_counter() - t0
                target = {"gpkg": "< 10 s", "xlsx": "< 5 s"}.get(fmt, "none set")
                print(line(f"export {fmt} ({BOREHOLES} boreholes)", elapsed, "s", "raw sqlite3 SELECT", raw,
                           target, higher_is_better=False), flush=True)
                if fmt == "borelogs":
                    rate = result.pages / elapsed
                    print(line("borehole logs", rate, "pages/s", "raw SELECT rows/s / 1000",
                               (summary.boreholes + summary.layers + summary.samples) / raw / 1000, "> 150 pages/s",
                               higher_is_better=True) + f"   ({result.pages} pages)", flush=True)


if __name__ == "__main__":
    main()
