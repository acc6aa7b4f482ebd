"""Lab intake figures: scan-to-outcome latency at the desk.

With BENCH_INTAKE_CONTAINERS (default 1,000,000) containers in the lab's
database and a cooler of BENCH_INTAKE_SHIPMENT (default 1,000) containers,
every container of the cooler is scanned into the intake window (offscreen),
with the mix a desk sees: some scanned twice, some from another cooler, some
unknown, some garbled by a wrong keyboard layout. Measured per scan: from the
code arriving to the outcome on screen (the receipt's lookup, the custody
event committed with synchronous=FULL, the models and labels updated and the
pending paint events processed). The window's own housekeeping runs as in
use: WAL checkpoints on a worker every 100 recorded scans, concurrently with
the scans (ui/intake/upkeep.py). Baseline in the same run: the raw indexed
lookup of the same codes. Target: p99 < 20 ms (the issue's bar is 100 ms).
The receipt carries the lab order's analysis samples, as after scanning the
COC's manifest (one per four jars; BENCH_INTAKE_ORDER=0 leaves them out), so
the per-scan reconciliation against them is in the figure.
"""

from __future__ import annotations

import os
import random
import statistics
import tempfile
import time
from pathlib import Path

from bench.report import line
from fieldapp.domain import borehole, layer, project, sample, shipment
from fieldapp.domain.sample import Part
from fieldapp.session import Session

CONTAINERS = int(os.environ.get("BENCH_INTAKE_CONTAINERS", "1000000"))
COOLER = int(os.environ.get("BENCH_INTAKE_SHIPMENT", "1000"))
ORDER = os.environ.get("BENCH_INTAKE_ORDER", "1") != "0"
AZERTY = str.maketrans("A-1234567890", "Q)&é\"'(-è_çà")  # what a US-set scanner types on AZERTY


def _pct(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def _fill(session: Session) -> list[str]:
    """CONTAINERS containers; the first COOLER of them packed into shipment COC-BENCH."""
    proj = project.create(session, code="BIG", name="a million jars")
    hole = borehole.create(session, proj.id, code="B01")
    layer.add(session, hole.id, upper=0, lower=1, soil="Zs1")
    smp = sample.create(session, proj.id, code="M1", kind="field_sample", matrix="BS",
                        parts=[Part(hole.id, 0, 0.5)], analyses=["PAK (10 VROM)"])
    ids: list[str] = []
    with session.store.batch("a million containers") as tx:
        for start in range(0, CONTAINERS, 50_000):
            ids += tx.insert_many("container", [
                {"sample_id": smp.id, "barcode": f"FA-{n:08d}", "container_type": "Pot"}
                for n in range(start, min(CONTAINERS, start + 50_000))])
    ship = shipment.create(session, proj.id, code="COC-BENCH", lab="SYNLAB", container_ids=ids[:COOLER])
    shipment.relinquish(session, ship.id)
    return [f"FA-{n:08d}" for n in range(COOLER)]


def _scans(cooler: list[str], rng: random.Random) -> list[str]:
    out: list[str] = []
    for i, code in enumerate(cooler):
        out.append(code)
        if i % 20 == 5:
            out.append(rng.choice(out))  # scanned twice
        if i % 50 == 7:
            out.append(f"FA-{rng.randrange(COOLER, CONTAINERS):08d}")  # a container not on this COC
        if i % 50 == 9:
            out.append(f"FA-X{i:07d}")  # unknown here
        if i % 100 == 11:
            out.append(cooler[i].translate(AZERTY))  # typed through a French keyboard layout
    return out


def main() -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from fieldapp.intake.receipt import open_shipment
    from ui.intake.window import IntakeWindow

    app = QApplication.instance() or QApplication([])
    with tempfile.TemporaryDirectory(dir=os.environ.get("BENCH_DIR")) as d, \
            Session.open(Path(d) / "lab.sqlite") as session:
        t0 = time.perf_counter()
        cooler = _fill(session)
        print(f"filled {CONTAINERS:,} containers in {time.perf_counter() - t0:.1f} s", flush=True)
        scans = _scans(cooler, random.Random(7))
        receipt = open_shipment(session, "COC-BENCH")
        if ORDER:
            from fieldapp.labels.manifest import ManifestAnalysis

            receipt.analyses = tuple(ManifestAnalysis(f"MM{k // 4 + 1}", "NEN5740_GROND", tuple(cooler[k:k + 4]))
                                     for k in range(0, len(cooler), 4))
        window = IntakeWindow(session, receipt, reports=Path(d) / "receipts")
        window.resize(1200, 800)
        window.show()
        app.processEvents()
        times = []
        outcomes: dict[str, int] = {}
        for code in scans:
            t0 = time.perf_counter()
            result = window.handle_scan(code)
            app.processEvents()  # layout and paint of what changed: the clerk sees it now
            times.append(time.perf_counter() - t0)
            outcomes[str(result.outcome)] = outcomes.get(str(result.outcome), 0) + 1
        conn = session.store.conn
        raw = []
        for code in scans:
            t0 = time.perf_counter()
            conn.execute("SELECT * FROM container WHERE barcode = ?", (code.upper(),)).fetchone()
            raw.append(time.perf_counter() - t0)
        window.close()
    print(f"{len(scans):,} scans: " + ", ".join(f"{n} {k}" for k, n in sorted(outcomes.items())), flush=True)
    for p in (50, 99):
        print(line(f"intake scan-to-outcome on screen, {CONTAINERS:,} containers, p{p}", _pct(times, p) * 1e3,
                   "ms", "raw indexed SELECT by barcode", _pct(raw, p) * 1e3, "absolute p99 < 20 ms",
                   higher_is_better=False), flush=True)
    print(f"  (max {max(times) * 1e3:.2f} ms, mean {statistics.mean(times) * 1e3:.2f} ms)", flush=True)


if __name__ == "__main__":
    main()
