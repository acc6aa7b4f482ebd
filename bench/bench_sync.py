"""Sync figures of issue 6, on loopback, against both hub stores.

1. Push then pull of BENCH_SYNC_BOREHOLES demo boreholes (default 2,800:
   about 115,000 changes), in changes per second, each beside raw inserts of
   the same rows into the same store in the same run: for push, executemany
   of the same change rows into a plain table of the hub's database; for
   pull, executemany of the same domain rows into a fresh device file.
   Target (issue 18): each way at least 0.5x its raw baseline on the
   PostgreSQL hub (issue 6 asked for under 20 s each way).
   Beside them, on PostgreSQL, each way's floor against the same baseline:
   what the design must write, by the engine's bulk path with no checks,
   merge or hashing. For a push the hub's log, merged rows and unique keys
   (by COPY, into empty copies of their tables); for a pull the rows and
   their journal entries, the device's audit chain. A floor under the target
   means no tuning of the code can meet it.
2. An idle sync (nothing to send or fetch) on a device holding
   BENCH_IDLE_ROWS rows (default 1,000,000), in ms, beside the same idle
   sync on a device holding 1,000 rows. Target < 100 ms and a ratio near 1.
   The big device's rows are written locally and recorded as sent (as after
   an earlier sync) so that the bench does not spend minutes pushing them.

PostgreSQL: BENCH_PG_URL, or a throwaway cluster as the tests start one;
skipped with a message when neither is possible.

The hub runs as deployed: `fieldapp hub serve` in a process of its own
(uvicorn, on 127.0.0.1), over the same store as the one this process opens
to enrol devices and to time the raw baselines. In a thread of this process
(as tests/sync/hubserver.serve runs it for the tests) device and hub would
take turns on one interpreter lock, which no real sync does: the hub is a
server on another machine.

Beside each wall time it prints the CPU seconds spent: this process's (the
device), the hub process's and the throwaway cluster's server processes'
(not known for BENCH_PG_URL), so that a figure taken on a loaded machine
can be judged.
"""

from __future__ import annotations

import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from bench.report import FLOOR_TARGET, line
from fieldapp import demo
from fieldapp.hub import devices
from fieldapp.hub.schema import TABLES
from fieldapp.hub.service import HubService
from fieldapp.session import Session
from fieldapp.settings import Settings
from fieldapp.store.migrations import DOMAIN_TABLES
from fieldapp.sync.client import HubClient
from fieldapp.sync.engine import enroll, sync
from fieldapp.sync.local import PUSHED, Replica

BOREHOLES = int(os.environ.get("BENCH_SYNC_BOREHOLES", "2800"))
IDLE_ROWS = int(os.environ.get("BENCH_IDLE_ROWS", "1000000"))
IDLE_RUNS = int(os.environ.get("BENCH_IDLE_RUNS", "50"))
STORES = os.environ.get("BENCH_SYNC_STORES", "sqlite,postgresql").split(",")
RAW_RUNS = int(os.environ.get("BENCH_SYNC_RAW_RUNS", "3"))  # each raw baseline and floor: the median of these

sys.path.insert(0, str(Path(__file__).parents[1] / "tests" / "sync"))
from hubserver import PostgresCluster  # noqa: E402

_PG_PIDS: list[int] = []  # the throwaway cluster's postmaster, whose children are its server processes
_HUB_PIDS: list[int] = []  # the hub process


def _cpu_of(pids: list[int]) -> float:
    """CPU seconds so far of the processes ``pids`` and their children (0 without any)."""
    if not pids:
        return 0.0
    tick, total = os.sysconf("SC_CLK_TCK"), 0.0
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            with open(f"/proc/{pid}/stat", encoding="ascii") as fh:
                fields = fh.read().rsplit(")", 1)[1].split()
        except (OSError, IndexError, ValueError):
            continue
        if int(pid) in pids or int(fields[1]) in pids:  # the process, or one of its children
            total += sum(int(f) for f in fields[11:15]) / tick  # utime, stime and its waited-for children's
    return total


class _Cpu:
    """Wall and CPU seconds of a stretch of work: this process, the hub process and the database server."""

    def __enter__(self) -> _Cpu:
        usage = resource.getrusage(resource.RUSAGE_SELF)
        self._own, self._t0 = usage.ru_utime + usage.ru_stime, time.perf_counter()
        self._hub, self._server = _cpu_of(_HUB_PIDS), _cpu_of(_PG_PIDS)
        return self

    def __exit__(self, *_exc: object) -> None:
        self.wall = time.perf_counter() - self._t0
        usage = resource.getrusage(resource.RUSAGE_SELF)
        self.own = usage.ru_utime + usage.ru_stime - self._own
        self.hub = _cpu_of(_HUB_PIDS) - self._hub
        self.server = _cpu_of(_PG_PIDS) - self._server

    def __str__(self) -> str:
        return (f"{self.wall:.1f} s wall, CPU {self.own:.1f} s this process (device), {self.hub:.1f} s hub process, "
                f"{self.server:.1f} s database server")


def _median(runs: Sequence[_Cpu]) -> _Cpu:
    """The run of median wall time: a raw baseline takes a second or so, and one run of it on this shared
    machine has taken from 0.6 to 1.0 s for the same rows."""
    return sorted(runs, key=lambda r: r.wall)[len(runs) // 2]


def _device(tmp: Path, name: str) -> Session:
    return Session.open(tmp / f"{name}.sqlite", settings=Settings(user=name))


def _client(service: HubService, url: str, session: Session) -> HubClient:
    client = HubClient(url)
    enroll(session.store, client, devices.create_enrolment(service.db, role="coordinator", name=session.actor))
    return client


def _raw_push(service: HubService, rows: list[tuple[object, ...]]) -> _Cpu:
    with service.db.write() as conn:
        conn.execute("DROP TABLE IF EXISTS bench_raw")
        conn.execute("CREATE TABLE bench_raw (device_id TEXT, device_seq BIGINT, hlc BIGINT, action_id TEXT, "
                     "action TEXT, actor TEXT, at TEXT, tbl TEXT, row_id TEXT, op TEXT, fields TEXT)")
    with _Cpu() as spent, service.db.write() as conn:
        conn.executemany("INSERT INTO bench_raw VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)
    with service.db.write() as conn:
        conn.execute("DROP TABLE bench_raw")
    return spent


def _raw_pull(tmp: Path, source: Session, name: str = "raw-pull", *, journal: bool = False) -> _Cpu:
    """Raw executemany of ``source``'s domain rows into a fresh device file, in one transaction; with
    ``journal``, of its journal entries too (and the device and action records they refer to)."""
    target = _device(tmp, name)
    tables = list(DOMAIN_TABLES) + (["journal_device", "journal_action", "journal"] if journal else [])
    rows_of = {t: source.store.conn.execute(f"SELECT * FROM {t}") for t in tables}
    copied = {t: ([d[0] for d in cur.description], cur.fetchall()) for t, cur in rows_of.items()}
    conn = target.store.conn
    conn.execute("PRAGMA foreign_keys = OFF")
    if journal:  # the target's own first entries would clash with the copied numbers
        for t in ("journal", "journal_action", "journal_device"):
            conn.execute(f"DELETE FROM {t}")
    with _Cpu() as spent:
        conn.execute("BEGIN")
        for table, (cols, rows) in copied.items():
            if table == "journal":  # its generated columns are computed, not written
                keep = [n for n, c in enumerate(cols) if c not in ("tbl", "row_id", "op")]
                cols, rows = [cols[n] for n in keep], [tuple(r[n] for n in keep) for r in rows]
            if rows:
                conn.executemany(f"INSERT INTO {table} ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})",
                                 rows)
        conn.execute("COMMIT")
    target.close()
    return spent


# what a push must write on the hub whatever its checks cost: the log, the merged rows and the unique keys
_PUSH_WRITES = ("hub_change", "hub_row", "hub_unique")


def _floor_push(service: HubService) -> _Cpu:
    """The hub's rows after the push (its log, merged rows and unique keys) written again into empty
    copies of their tables, indexes included, by the hub's own bulk path (COPY on PostgreSQL) with no
    check or merge: the least a push of the same changes can cost. A PostgreSQL hub only (the copies
    are made with CREATE TABLE ... LIKE)."""
    with service.db.read() as conn:
        cols = {t: [str(r[0]) for r in conn.execute(
            "SELECT column_name FROM information_schema.columns WHERE table_name = ? ORDER BY ordinal_position",
            (t,))] for t in _PUSH_WRITES}
        rows = {t: conn.execute(f"SELECT {', '.join(cols[t])} FROM {t}") for t in _PUSH_WRITES}
    with service.db.write() as conn:
        for t in _PUSH_WRITES:
            conn.execute(f"DROP TABLE IF EXISTS bench_floor_{t}")
            conn.execute(f"CREATE TABLE bench_floor_{t} (LIKE {t} INCLUDING ALL)")
    with _Cpu() as spent, service.db.write() as conn:
        for t in _PUSH_WRITES:
            if rows[t]:
                conn.executemany(f"INSERT INTO bench_floor_{t} ({', '.join(cols[t])}) "
                                 f"VALUES ({', '.join('?' * len(cols[t]))})", rows[t])
    with service.db.write() as conn:
        for t in _PUSH_WRITES:
            conn.execute(f"DROP TABLE bench_floor_{t}")
    return spent


def bench_push_pull(tmp: Path, service: HubService, url: str, store_name: str) -> None:
    a, b = _device(tmp, f"{store_name}-a"), _device(tmp, f"{store_name}-b")
    ca, cb = _client(service, url, a), _client(service, url, b)
    demo.create(a, boreholes=BOREHOLES, seed=11, project_code=f"BENCH-{store_name}")
    changes = [c for c in Replica(a.store).unsent(10_000_000)]
    n = len(changes)
    with _Cpu() as push:
        pushed = sync(a.store, ca).pushed
    with _Cpu() as pull:
        pulled = sync(b.store, cb).pulled
    assert pushed == pulled == n, (pushed, pulled, n)
    wire = [tuple(c.to_wire()[k] for k in list(c.to_wire())[:11]) for c in changes]
    raw_push = _median([_raw_push(service, wire) for _ in range(RAW_RUNS)])
    raw_pull = _median([_raw_pull(tmp, b, f"raw-pull-{k}") for k in range(RAW_RUNS)])
    # the floors where the target is: PostgreSQL (the pull's is the device's alone, the same after either hub)
    floors = store_name == "postgresql"
    floor_push = _median([_floor_push(service) for _ in range(RAW_RUNS)]) if floors else None
    floor_pull = _median([_raw_pull(tmp, b, f"floor-pull-{k}", journal=True) for k in range(RAW_RUNS)]) \
        if floors else None
    print(f"{store_name} hub: {n:,} changes pushed in {push.wall:.1f} s, pulled in {pull.wall:.1f} s "
          f"(load {os.getloadavg()[0]:.2f})", flush=True)
    # issue 18 sets the target on the PostgreSQL hub; the SQLite hub's figures are for comparison
    target = "ratio >= 0.5 (issue 18)" if store_name == "postgresql" else "none (the target is on PostgreSQL)"
    print(f"  push: {push}; its raw baseline: {raw_push}", flush=True)
    print(f"  pull: {pull}; its raw baseline: {raw_pull}", flush=True)
    print(line(f"push {n:,} changes ({store_name} hub)", n / push.wall, "changes/s",
               "raw executemany of the same change rows into the hub store", n / raw_push.wall,
               target, higher_is_better=True), flush=True)
    print(line(f"pull {n:,} changes ({store_name} hub)", n / pull.wall, "changes/s",
               "raw executemany of the same rows into a device file", n / raw_pull.wall,
               target, higher_is_better=True), flush=True)
    # The least each way can cost as designed, beside the same raw baseline: what it must write (the
    # hub's log and merged rows; the device's rows and journal, the audit chain) by raw bulk inserts with
    # no Python work. A ratio below the target here means no tuning of the code can meet it.
    if floor_push is not None:
        print(f"  push floor: {floor_push}", flush=True)
        print(line(f"push floor, {n:,} changes ({store_name} hub): {', '.join(_PUSH_WRITES)} by COPY alone",
                   n / floor_push.wall, "changes/s", "raw executemany of the same change rows into the hub store",
                   n / raw_push.wall, FLOOR_TARGET, higher_is_better=True), flush=True)
    if floor_pull is not None:
        print(f"  pull floor: {floor_pull}", flush=True)
        print(line(f"pull floor, {n:,} changes: the rows and their journal entries by executemany alone",
                   n / floor_pull.wall, "changes/s", "raw executemany of the same rows into a device file",
                   n / raw_pull.wall, FLOOR_TARGET, higher_is_better=True), flush=True)
    for x in (a, b, ca, cb):
        x.close()


def _idle(tmp: Path, service: HubService, url: str, name: str, rows: int) -> float:
    session = _device(tmp, name)
    client = _client(service, url, session)
    with session.store.batch("bench rows") as tx:
        pid = tx.insert("project", {"code": name, "name": name})
        sid = tx.insert("shipment", {"project_id": pid, "code": "C1", "lab": "L"})
        for start in range(0, rows, 50_000):
            tx.insert_many("custody_event", [
                {"shipment_id": sid, "kind": "sealed", "actor": name, "at_laptop": "2026-09-14T10:00:00Z"}
                for _ in range(start, min(rows, start + 50_000))])
    last = session.store.conn.execute("SELECT MAX(device_seq) FROM journal").fetchone()[0]
    Replica(session.store).put_committed(**{PUSHED: str(last)})
    # and the hub's record of them (fieldapp.hub.receipts), as if they had been pushed
    head = session.store.conn.execute("SELECT hash FROM journal WHERE device_seq = ?", (last,)).fetchone()[0].hex()
    with service.db.write() as conn:
        conn.execute("INSERT INTO hub_replica (replica_id, device, seq, hash, updated_at) "
                     "SELECT device_id, id, ?, ?, '' FROM hub_device WHERE device_id = ?",
                     (last, head, session.store.device_id))
    sync(session.store, client)
    times = []
    for _ in range(IDLE_RUNS):
        t0 = time.perf_counter()
        report = sync(session.store, client)
        times.append(time.perf_counter() - t0)
        assert report.pushed == report.pulled == 0
    session.close()
    client.close()
    return statistics.median(times) * 1e3


def bench_idle(tmp: Path, service: HubService, url: str, store_name: str) -> None:
    small = _idle(tmp, service, url, f"idle-small-{store_name}", 1_000)
    big = _idle(tmp, service, url, f"idle-big-{store_name}", IDLE_ROWS)
    print(line(f"idle sync, device with {IDLE_ROWS:,} rows ({store_name} hub, median)", big, "ms",
               "the same idle sync with 1,000 rows", small, "< 100 ms, ratio ~1", higher_is_better=False),
          flush=True)


@contextmanager
def _hub_process(tmp: Path, store_url: str) -> Iterator[str]:
    """`fieldapp hub serve` over ``store_url`` on a free port of 127.0.0.1; its URL."""
    log_path = tmp / "hub.log"
    with open(log_path, "wb") as log:
        hub = subprocess.Popen([sys.executable, "-m", "ui.main", "hub", "serve", "--store", store_url, "--port", "0"],
                               stdout=log, stderr=subprocess.STDOUT, cwd=Path(__file__).parents[1])
    try:
        deadline = time.monotonic() + 60
        while not ((first := log_path.read_text(encoding="utf-8", errors="replace")).startswith("hub listening")
                   and "\n" in first):
            if hub.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"the hub did not start: {first.strip()}")
            time.sleep(0.05)
        _HUB_PIDS.append(hub.pid)
        yield first.split()[3]
    finally:
        _HUB_PIDS.clear()
        hub.terminate()
        try:
            hub.wait(timeout=30)
        except subprocess.TimeoutExpired:
            hub.kill()
            hub.wait()


@contextmanager
def _postgres() -> Iterator[str | None]:
    url = os.environ.get("BENCH_PG_URL")
    if url:
        yield url
        return
    cluster = PostgresCluster()
    try:
        url = cluster.start()
    except RuntimeError as exc:
        print(f"PostgreSQL hub skipped: {exc}", flush=True)
        cluster.stop()
        yield None
        return
    try:
        with open(cluster.dir / "data" / "postmaster.pid", encoding="ascii") as fh:
            _PG_PIDS.append(int(fh.readline()))
    except (OSError, ValueError):
        pass  # its CPU is then left out of the figures (printed as 0.0)
    try:
        yield url
    finally:
        _PG_PIDS.clear()
        cluster.stop()


def main() -> None:
    with tempfile.TemporaryDirectory(dir=os.environ.get("BENCH_DIR")) as d, _postgres() as pg:
        tmp = Path(d)
        stores = [("sqlite", f"sqlite:///{tmp / 'hub.sqlite'}")] + ([("postgresql", pg)] if pg else [])
        stores = [(name, u) for name, u in stores if name in STORES]
        for name, store_url in stores:
            service = HubService.open(store_url)
            with service.db.write() as conn:
                for table in TABLES:
                    conn.execute(f"DELETE FROM {table}")
            with _hub_process(tmp, store_url) as url:
                bench_push_pull(tmp, service, url, name)
                bench_idle(tmp, service, url, name)
            service.close()


if __name__ == "__main__":
    main()
