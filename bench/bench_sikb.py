"""SIKB0101 export of a 10,000-borehole project (issue 14: under 20 s).

What is timed is what `fieldapp export --format sikb0101` does: read the project, FieldApp's own checks,
write the document, validate it against the profile XSD, hash it into the manifest, put it in place. The
baseline, in the same run, is lxml serialising a tree of the same document (parsed from the export first,
untimed): the cost of only writing that much XML with the library everyone reaches for. CPU time is printed
beside wall time (a shared machine stretches the wall time).
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from lxml import etree

from bench.report import line
from bench.shared_db import built, mark_built, shared_path
from fieldapp.export import export
from fieldapp.session import Session
from fieldapp.settings import Settings

BOREHOLES = int(os.environ.get("BENCH_BOREHOLES", "10000"))
RUNS = int(os.environ.get("BENCH_RUNS", "3"))
PROJECT = "2026-0142"
ROOT = Path(__file__).resolve().parent.parent
# a bench value: FieldApp has no SIKB application code of its own (README, "SIKB0101 export")
SETTINGS = Settings(user="bench", sikb_application_id=424242)


def _database(tmp: Path) -> Path:
    db = shared_path(BOREHOLES, tmp / "sikb.sqlite")
    if built(db):
        print(f"the {BOREHOLES:,}-borehole database of this run is opened, not built again", flush=True)
        return db
    subprocess.run([sys.executable, "-m", "ui.main", "demo-data", "--db", str(db), "--boreholes", str(BOREHOLES)],
                   check=True, capture_output=True, cwd=ROOT)
    mark_built(db)
    return db


def bench_sikb(tmp: Path) -> None:
    db = _database(tmp)
    walls, cpus, serial = [], [], []
    with Session.open(db, settings=SETTINGS) as session:
        for n in range(RUNS):
            out = tmp / f"sikb-{n}"
            w0, c0 = time.perf_counter(), time.process_time()
            result = export(session, PROJECT, "sikb0101", out)
            walls.append(time.perf_counter() - w0)
            cpus.append(time.process_time() - c0)
            xml = out / f"{out.name}.xml"
            tree = etree.parse(str(xml), etree.XMLParser(huge_tree=True))
            t0 = time.perf_counter()
            tree.write(str(tmp / "lxml.xml"), encoding="UTF-8", xml_declaration=True)
            serial.append(time.perf_counter() - t0)
            del tree
    size = xml.stat().st_size / 1e6
    print(f"sikb0101 {result.boreholes:,} boreholes: {size:,.0f} MB; {result.note}", flush=True)
    print(line(f"export sikb0101 ({BOREHOLES} boreholes)", statistics.median(walls), "s",
               "lxml serialising a tree of the same document", statistics.median(serial), "< 20 s",
               higher_is_better=False), flush=True)
    print(line(f"export sikb0101 ({BOREHOLES} boreholes), CPU time", statistics.median(cpus), "s",
               "lxml serialising a tree of the same document", statistics.median(serial),
               "(the wall time above is the figure; CPU time shows what a busy machine hides)",
               higher_is_better=False), flush=True)


def main() -> None:
    with tempfile.TemporaryDirectory(dir=os.environ.get("BENCH_DIR")) as d:
        bench_sikb(Path(d))


if __name__ == "__main__":
    main()
