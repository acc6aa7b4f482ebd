"""`fieldapp verify`: is the field record exactly what FieldApp wrote?

Checked in one read snapshot (a running FieldApp may go on writing), on a
connection that cannot write:
1. the file: SQLite's own ``PRAGMA integrity_check``;
2. the schema: exactly what the migrations create (no foreign trigger or
   view, no redefined audit_log/change_log view, no altered table);
3. the whole audit chain, and every domain row against its last entry;
4. the journal's shape: this file's own changes numbered 1..n without a gap,
   no change of another device written after the last pull (only a pull
   writes those), the device id present;
5. the sync state: the hub never confirmed more than the journal holds, no
   pull mark beyond the journal's end;
6. the hub's receipts: each signed by the hub, and each receipted entry still
   in the chain with the receipted hash (so a chain edited and recomputed,
   cut short or wiped is caught even offline, up to the last push).

What it cannot see offline: an edit made and re-chained after the last push
(no receipt covers it yet) and a forged entry appended after the last one;
the next push hands those to the hub as the device's own.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

from fieldapp.errors import IntegrityError
from fieldapp.store import journal
from fieldapp.store.database import Store
from fieldapp.store.migrations import DOMAIN_TABLES, migrate
from fieldapp.sync.receipt import Receipt


@dataclass(frozen=True)
class VerifyReport:
    entries: int
    rows: int
    tables: int
    receipts: int = 0

    def summary(self) -> str:
        receipted = (f", {self.receipts} hub receipts match it" if self.receipts
                     else ", no hub receipts yet")
        return (
            f"verified: file and schema intact; audit chain of {self.entries} entries intact{receipted}; "
            f"{self.rows} rows in {self.tables} tables match it"
        )


def verify(store: Store) -> VerifyReport:
    """Run every check; raise :class:`IntegrityError` naming the first thing
    that is not as FieldApp wrote it."""
    with store.snapshot():
        _file(store.conn)
        # a database of an earlier FieldApp is checked as it stands (verify
        # never upgrades it): against the schema of its own steps
        steps = [str(r[0]) for r in store.conn.execute("SELECT name FROM schema_migration ORDER BY name")]
        tables = _schema(store.conn, steps[-1] if steps else None)
        entries, expected, hashes = _chain(store.conn)
        domain = [t for t in DOMAIN_TABLES if t in tables]
        rows = _rows(store.conn, expected, domain)
        if "sync_state" in tables:
            _shape(store, "sync_replica" in tables)
        receipts = _receipts(store.conn, hashes) if "sync_receipt" in tables else 0
    return VerifyReport(entries=entries, rows=rows, tables=len(domain), receipts=receipts)


def _fail(message: str, table: str = "", row_id: str = "") -> IntegrityError:
    return IntegrityError(message, table=table, row_id=row_id)


def _file(conn: sqlite3.Connection) -> None:
    try:
        problems = [str(r[0]) for r in conn.execute("PRAGMA integrity_check(5)")]
    except sqlite3.DatabaseError as exc:
        raise _fail(f"the database file is damaged: {exc}") from exc
    if problems != ["ok"]:
        # one line: SQLite's report of a damaged b-tree spans several lines in one row
        raise _fail(f"the database file is damaged: {'; '.join(' '.join(p.split()) for p in problems)}")


def _reference_schema(upto: str | None) -> dict[tuple[str, str], str]:
    conn = sqlite3.connect(":memory:", isolation_level=None)
    try:
        migrate(conn, upto=upto)
        return _objects(conn)
    finally:
        conn.close()


def _objects(conn: sqlite3.Connection) -> dict[tuple[str, str], str]:
    return {(str(t), str(n)): " ".join(str(s or "").split())
            for t, n, s in conn.execute("SELECT type, name, sql FROM sqlite_master")
            if not str(n).startswith("sqlite_stat")}


def _schema(conn: sqlite3.Connection, upto: str | None) -> set[str]:
    """Compare the schema with the one the migrations make; return its table names."""
    want, have = _reference_schema(upto), _objects(conn)
    for key in sorted(have.keys() - want.keys()):
        raise _fail(f"the schema has a {key[0]} {key[1]} that FieldApp does not create "
                    "(added outside FieldApp)")
    for key in sorted(want.keys() - have.keys()):
        raise _fail(f"the schema lacks the {key[0]} {key[1]} (removed outside FieldApp)")
    for key in sorted(want):
        if want[key] != have[key]:
            raise _fail(f"the {key[0]} {key[1]} was redefined outside FieldApp")
    return {name for kind, name in have if kind == "table"}


def _chain(conn: sqlite3.Connection) -> tuple[int, dict[tuple[str, str], str], dict[tuple[str, int], str]]:
    expected: dict[tuple[str, str], str] = {}
    hashes: dict[tuple[str, int], str] = {}  # (device_id, device_seq) -> chain hash
    prev = journal.GENESIS
    cols = ", ".join(journal.JOURNAL_COLUMNS)
    entries = 0
    for record in conn.execute(f"SELECT seq, {cols}, hash FROM journal ORDER BY seq"):
        seq, values, stored = record[0], record[1:-1], record[-1]
        entry = journal.Entry(*values)
        if entry.prev_hash != prev:
            raise _fail(f"audit chain broken at journal entry {seq}: it does not follow entry {seq - 1} "
                        "(an entry was removed or inserted outside FieldApp)", "journal", str(seq))
        if entry.chain_hash() != stored:
            raise _fail(f"audit chain broken at journal entry {seq} ({entry.tbl} {entry.row_id}): "
                        "the entry was altered outside FieldApp", "journal", str(seq))
        prev = stored
        entries += 1
        expected[(entry.tbl, entry.row_id)] = entry.row_hash  # '' after a delete
        hashes[(entry.device_id, int(entry.device_seq))] = str(stored)
    return entries, expected, hashes


def _rows(conn: sqlite3.Connection, expected: dict[tuple[str, str], str], tables: list[str]) -> int:
    rows = 0
    for table in tables:
        cur = conn.execute(f"SELECT * FROM {table} ORDER BY id")
        names = [d[0] for d in cur.description]
        for values in cur:
            row = dict(zip(names, values, strict=True))
            row_id = str(row["id"])
            want = expected.pop((table, row_id), None)
            if not want:
                raise _fail(f"{table} row {row_id} was inserted outside FieldApp "
                            "(no journal entry records it)", table, row_id)
            if journal.row_hash(row) != want:
                raise _fail(f"{table} row {row_id} was changed outside FieldApp "
                            "(it does not match its last journal entry)", table, row_id)
            rows += 1
    for (table, row_id), want in expected.items():
        if want:
            raise _fail(f"{table} row {row_id} was deleted outside FieldApp "
                        "(the journal records it, the table does not hold it)", table, row_id)
    return rows


def _shape(store: Store, replicas: bool) -> None:
    conn = store.conn
    device_id = store.device_id
    if not device_id:
        raise _fail("the device id is missing from the database (removed outside FieldApp)", "meta")
    own = [int(r[0]) for r in conn.execute(
        "SELECT device_seq FROM journal WHERE device_id = ? ORDER BY seq", (device_id,))]
    if own != list(range(1, len(own) + 1)):
        raise _fail("this device's own changes are not numbered 1..n in journal order "
                    "(entries were removed, reordered or renumbered outside FieldApp)", "journal")
    last_mark = conn.execute("SELECT MAX(local_seq) FROM sync_pull_mark").fetchone()[0] or 0
    last_seq = conn.execute("SELECT MAX(seq) FROM journal").fetchone()[0] or 0
    if last_mark > last_seq:
        raise _fail(f"the journal ends at entry {last_seq}, but a sync had already pulled up to entry "
                    f"{last_mark} (entries were removed outside FieldApp)", "journal")
    earlier = {str(r[0]) for r in conn.execute("SELECT replica_id FROM sync_replica")} if replicas else set()
    stray = conn.execute(
        "SELECT seq, device_id FROM journal WHERE seq > ? AND device_id <> ? ORDER BY seq LIMIT 1",
        (last_mark, device_id)).fetchone()
    if stray is not None and str(stray[1]) not in earlier:
        raise _fail(f"journal entry {stray[0]} claims to come from device {stray[1]}, but no sync "
                    "brought it (written outside FieldApp)", "journal", str(stray[0]))
    state = dict(conn.execute("SELECT key, value FROM sync_state WHERE key IN ('pushed_upto', 'pull_cursor')"))
    for key, value in state.items():
        if not str(value).isdigit():
            raise _fail(f"sync_state {key} is {value!r}, not a number (changed outside FieldApp)", "sync_state")
    pushed = int(state.get("pushed_upto", 0))
    if pushed > len(own):
        raise _fail(f"sync_state says the hub holds this device's changes up to {pushed}, but the journal "
                    f"has {len(own)} (changed outside FieldApp: later edits would never be sent)", "sync_state")


def _receipts(conn: sqlite3.Connection, hashes: dict[tuple[str, int], str]) -> int:
    count = 0
    for values in conn.execute("SELECT replica_id, device_seq, hash, device, issued_at, hub_key, signature "
                               "FROM sync_receipt ORDER BY replica_id, device_seq"):
        receipt = Receipt(str(values[0]), int(values[1]), str(values[2]), str(values[3]), str(values[4]),
                          str(values[5]), str(values[6]))
        if not receipt.valid():
            raise _fail(f"the hub receipt for change {receipt.device_seq} of {receipt.replica_id} is not "
                        "signed by the hub (changed outside FieldApp)", "sync_receipt")
        have = hashes.get((receipt.replica_id, receipt.device_seq))
        if have is None:
            raise _fail(f"the hub receipted this device's changes up to {receipt.device_seq} "
                        f"({receipt.issued_at}), but the journal no longer holds that change "
                        "(entries were removed outside FieldApp)", "journal")
        if have != receipt.hash:
            raise _fail(f"the journal entry of change {receipt.device_seq} differs from the one the hub "
                        f"receipted on {receipt.issued_at} (the chain was rewritten outside FieldApp)", "journal")
        count += 1
    return count
