"""Store figures of the foundation issue.

1. Saving one user action (add a layer) vs a single-row INSERT + COMMIT with
   raw sqlite3 on the same disk with the same pragmas.
2. `demo-data` with 10,000 boreholes, rows per second, vs raw sqlite3
   executemany of exactly the same rows in one transaction.
3. Looking up a container by barcode among 1,000,000 containers (p99).
"""

from __future__ import annotations

import os
import resource
import sqlite3
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

from bench.report import line
from fieldapp import demo
from fieldapp.domain import borehole, container, layer, project, sample
from fieldapp.domain.sample import Part
from fieldapp.session import Session
from fieldapp.store.migrations import DOMAIN_TABLES, migrate

ACTIONS = int(os.environ.get("BENCH_ACTIONS", "400"))
DEMO_BOREHOLES = int(os.environ.get("BENCH_BOREHOLES", "10000"))
DEMO_RUNS = int(os.environ.get("BENCH_DEMO_RUNS", "3"))
CONTAINERS = int(os.environ.get("BENCH_CONTAINERS", "1000000"))


def _pct(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def _raw(path: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = FULL")
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute("PRAGMA cache_size = -65536")  # the same settings as the store
    return conn


def bench_action(tmp: Path) -> None:
    """Our save and the raw INSERT+COMMIT take turns, sample by sample, after a warm-up of each.

    Both commit to the same disk with synchronous FULL, so a p99 of 400 samples is set by the
    disk's and the machine's hiccups (the write-back a previous bench left behind, another
    process's fsync). Taken one side after the other, the first side met them and the second
    did not: in a whole `make bench` ours ran first, right after the previous bench, and showed
    3.6x where the same code gives 2.0x alone. Taking turns, both meet the same hiccups. Each
    side's own work stays in its samples: ours also writes its journal entry and action (8 WAL
    pages a save against raw's 3), so it pays SQLite's automatic checkpoint (at 1000 pages) about
    every 120 saves where raw pays one about every 330; those few saves are its real tail."""
    with Session.open(tmp / "action.db") as session:
        proj = project.create(session, code="BENCH", name="bench")
        hole = borehole.create(session, proj.id, code="B01")
        raw = _raw(tmp / "raw-action.db")
        migrate(raw)
        raw.execute("INSERT INTO project (id, code, name) VALUES ('p', 'P', 'p')")
        raw.execute("INSERT INTO borehole (id, project_id, code, kind) VALUES ('b', 'p', 'B01', 'boring')")

        def ours(i: int) -> float:
            t0 = time.perf_counter()
            layer.add(session, hole.id, upper=i / 100, lower=(i + 1) / 100, soil="Zs1h2", colour="bruin")
            return time.perf_counter() - t0

        def raw_one(i: int) -> float:
            t0 = time.perf_counter()
            raw.execute("BEGIN")
            raw.execute(
                "INSERT INTO layer (id, borehole_id, upper_cm, lower_cm, soil_code, colour) "
                "VALUES (?, 'b', ?, ?, ?, ?)", (f"l{i}", i, i + 1, "Zs1h2", "bruin"))
            raw.execute("COMMIT")
            return time.perf_counter() - t0

        warm = 20  # the first saves of each (statements prepared, pages read in) are not counted
        for i in range(warm):
            ours(i)
            raw_one(i)
        times, base = [], []
        for i in range(warm, warm + ACTIONS):
            times.append(ours(i))
            base.append(raw_one(i))
        raw.close()
    for p in (50, 99):
        print(line(f"save one action (add a layer) p{p}", _pct(times, p) * 1e3, "ms",
                   "raw sqlite3 INSERT+COMMIT", _pct(base, p) * 1e3, "p99 ratio <= 3",
                   higher_is_better=False), flush=True)


def bench_demo(tmp: Path) -> None:
    # the median of three, each run beside a run of its baseline (interleaved, so that both see the same
    # machine): one run on this shared machine has taken a third more CPU for the same work now and then
    # (the same file, the same rows: the seed fixes them)
    timed: list[tuple[float, float, float]] = []
    runs: list[float] = []
    for attempt in range(DEMO_RUNS):
        path = tmp / f"demo-{attempt}.db"
        with Session.open(path) as session:
            t0, cpu0, kids0 = time.perf_counter(), time.process_time(), _children_cpu()
            demo.create(session, boreholes=DEMO_BOREHOLES, seed=7)
            timed.append((time.perf_counter() - t0, time.process_time() - cpu0, _children_cpu() - kids0))
            tables = {t: session.store.query(f"SELECT * FROM {t}") for t in DOMAIN_TABLES}
            updates = session.store.conn.execute("SELECT COUNT(*) FROM journal WHERE op = 'update'").fetchone()[0]
        if attempt < DEMO_RUNS - 1:
            path.unlink()
        runs.append(_raw_demo(tmp / f"raw-demo-{attempt}.db", tables))
    elapsed, cpu, kids = sorted(timed)[len(timed) // 2]
    rows = sum(len(v) for v in tables.values())
    base = statistics.median(runs)
    size = path.stat().st_size
    print(f"demo-data {DEMO_BOREHOLES} boreholes: {rows:,} rows (+{updates} updates) in {elapsed:.2f} s "
          f"(median of {', '.join(f'{t[0]:.2f}' for t in timed)}); "
          f"device file {size / DEMO_BOREHOLES / 1e3:.1f} KB per borehole (target <= 20 KB); "
          f"CPU {cpu:.2f} s writer + {kids:.2f} s generator child", flush=True)
    print(line(f"demo-data {DEMO_BOREHOLES} boreholes", rows / elapsed, "rows/s",
               "raw sqlite3 executemany, same rows, one transaction", rows / base, ">= 0.3 (issue 18)",
               higher_is_better=True), flush=True)


def _raw_demo(path: Path, tables: dict[str, list[dict[str, Any]]]) -> float:
    """Seconds for raw executemany of the demo's rows into a fresh file, parents first, one transaction."""
    raw = _raw(path)
    migrate(raw)
    order = _parents_first(raw, tables)
    t0 = time.perf_counter()
    raw.execute("BEGIN")
    for table in order:
        table_rows = tables[table]
        if not table_rows:
            continue
        cols = list(table_rows[0])
        raw.executemany(
            f"INSERT INTO {table} ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})",
            [tuple(r[c] for c in cols) for r in table_rows],
        )
    raw.execute("COMMIT")
    took = time.perf_counter() - t0
    raw.close()
    return took


def _children_cpu() -> float:
    """CPU seconds (user + system) of the finished child processes: the demo's generator."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _parents_first(conn: sqlite3.Connection, tables: dict[str, list[dict[str, object]]]) -> list[str]:
    """The tables in an order where every foreign key's table comes before the rows that refer to it."""
    refers = {t: {str(r[2]) for r in conn.execute(f"PRAGMA foreign_key_list({t})")} & tables.keys() - {t}
              for t in tables}
    done: list[str] = []
    while len(done) < len(tables):
        ready = [t for t in tables if t not in done and refers[t] <= set(done)]
        if not ready:
            raise RuntimeError(f"foreign keys in a circle among {sorted(set(tables) - set(done))}")
        done += ready
    return done


def bench_lookup(tmp: Path) -> None:
    path = tmp / "lookup.db"
    with Session.open(path) as session:
        proj = project.create(session, code="BIG", name="a million jars")
        hole = borehole.create(session, proj.id, code="B01")
        layer.add(session, hole.id, upper=0, lower=1, soil="Zs1")
        smp = sample.create(session, proj.id, code="M1", kind="field_sample", matrix="BS",
                            parts=[Part(hole.id, 0, 0.5)])
        with session.store.batch("a million containers") as tx:
            for start in range(0, CONTAINERS, 50_000):
                tx.insert_many("container", [
                    {"sample_id": smp.id, "barcode": f"FA-{n:08d}", "container_type": "Pot"}
                    for n in range(start, min(CONTAINERS, start + 50_000))])
        import random

        rng = random.Random(1)
        codes = [f"FA-{rng.randrange(CONTAINERS):08d}" for _ in range(20_000)]
        times = []
        for code in codes:
            t0 = time.perf_counter()
            found = container.by_barcode(session.store, code)
            times.append(time.perf_counter() - t0)
            assert found is not None
        raw_times = []
        conn = session.store.conn
        for code in codes:
            t0 = time.perf_counter()
            conn.execute("SELECT * FROM container WHERE barcode = ?", (code,)).fetchone()
            raw_times.append(time.perf_counter() - t0)
    print(line(f"container by barcode among {CONTAINERS:,} p99", _pct(times, 99) * 1e3, "ms",
               "raw sqlite3 SELECT by barcode", _pct(raw_times, 99) * 1e3, "absolute p99 < 1 ms",
               higher_is_better=False), flush=True)
    print(f"  (p50 {statistics.median(times) * 1e3:.4f} ms)", flush=True)


def main() -> None:
    with tempfile.TemporaryDirectory(dir=os.environ.get("BENCH_DIR")) as d:
        tmp = Path(d)
        bench_action(tmp)
        bench_demo(tmp)
        bench_lookup(tmp)


if __name__ == "__main__":
    main()
