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
   cut short or wiped is caught even offline, up to the last push);
7. the photo files: each one a photo row names still hashes to its SHA-256
   (fieldapp.store.verify_photos; the chain only proves which bytes were meant).

What it cannot see offline: an edit made and re-chained after the last push
(no receipt covers it yet) and a forged entry appended after the last one;
the next push hands those to the hub as the device's own.
"""

from __future__ import annotations

import hashlib
import sqlite3
import threading
from dataclasses import dataclass
from pathlib import Path

from fieldapp.errors import IntegrityError
from fieldapp.progress import Progress
from fieldapp.store import files, journal, journal_legacy, tally, verify_photos, verify_rows
from fieldapp.store.database import Store
from fieldapp.store.migrations import DOMAIN_TABLES, migrate
from fieldapp.store.verify_base import STEP, Counter
from fieldapp.store.verify_base import fail as _fail
from fieldapp.sync.receipt import Receipt


@dataclass(frozen=True)
class VerifyReport:
    entries: int
    rows: int
    tables: int
    receipts: int = 0
    photos: int = 0  # files read and found to hash to their names

    def summary(self) -> str:
        receipted = (f", {self.receipts} hub receipts match it" if self.receipts
                     else ", no hub receipts yet")
        return (
            f"verified: file and schema intact; audit chain of {self.entries} entries intact{receipted}; "
            f"{self.rows} rows in {self.tables} tables match it"
        )


def verify(store: Store, progress: Progress | None = None) -> VerifyReport:
    """Run every check; raise :class:`IntegrityError` naming the first thing
    that is not as FieldApp wrote it.

    It streams: the journal is read once in order and each table beside the
    last journal entry of each row, so memory stays the same whatever the
    size of the file. ``progress(done, total)`` counts journal entries and
    then rows (the total is an estimate from the largest row numbers)."""
    # SQLite's page-by-page check of the file runs on a connection of its own
    # beside the Python checks (it releases the GIL): a second core halves the
    # wait. Damage it finds is reported first, as it explains any other failure.
    damage = _FileCheck(store.path)
    try:
        with store.snapshot():
            # a database of an earlier FieldApp is checked as it stands (verify
            # never upgrades it): against the schema of its own steps
            steps = [str(r[0]) for r in store.conn.execute("SELECT name FROM schema_migration ORDER BY name")]
            tables = _schema(store.conn, steps[-1] if steps else None)
            domain = [t for t in DOMAIN_TABLES if t in tables]
            legacy = "journal_device" not in tables
            count = Counter(store.conn, domain, progress, again=("photo",) if "photo" in tables else ())
            entries, own = _chain(store.conn, store.device_id, count, legacy)
            rows = verify_rows.rows(store.conn, domain, count, legacy)
            if "sync_state" in tables:
                _shape(store, "sync_replica" in tables, own, legacy)
            receipts = _receipts(store.conn, legacy) if "sync_receipt" in tables else 0
            if "borehole_tally" in tables and (wrong := tally.check(store.conn)) is not None:
                raise _fail(wrong, table="borehole_tally")
            # last: the slowest, and a file is judged by the hash its row gives, which the rows pass has proven
            photos = verify_photos.check(store.conn, Path(store.path), store.device_id, count) \
                if "photo" in tables else 0
    except (IntegrityError, sqlite3.DatabaseError):
        damage.result()
        raise
    except BaseException:
        damage.stop()  # Ctrl-C: do not wait for the whole file
        raise
    damage.result()
    return VerifyReport(entries=entries, rows=rows, tables=len(domain), receipts=receipts, photos=photos)


class _FileCheck:
    """``PRAGMA integrity_check`` in a thread, on its own read-only connection."""

    def __init__(self, path: Path) -> None:
        self.conn = files.connect_read_only(path)
        self.failure: BaseException | None = None
        self.thread = threading.Thread(target=self._run, name="verify-file", daemon=True)
        self.thread.start()

    def _run(self) -> None:
        try:
            _file(self.conn)
        except BaseException as exc:  # handed to the caller's thread by result()
            self.failure = exc

    def result(self) -> None:
        self.thread.join()
        self.conn.close()
        if self.failure is not None:
            raise self.failure

    def stop(self) -> None:
        self.conn.interrupt()
        self.thread.join()
        self.conn.close()



@dataclass
class _Own:
    """This device's own changes, counted in the chain pass for :func:`_shape`."""

    count: int = 0
    in_order: bool = True


def _file(conn: sqlite3.Connection) -> None:
    try:
        # one row may hold several lines ("*** in database main ***\nPage 40: ..."): one message line
        problems = [line for r in conn.execute("PRAGMA integrity_check(5)") for line in str(r[0]).splitlines()
                    if line.strip()]
    except sqlite3.DatabaseError as exc:
        raise _fail(f"the database file is damaged: {exc}") from exc
    if problems != ["ok"]:
        # SQLite's report spans lines; the user gets one
        found = "; ".join(part.strip() for text in problems for part in text.splitlines() if part.strip())
        raise _fail(f"the database file is damaged: {found}")


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


def _chain(conn: sqlite3.Connection, device_id: str, count: Counter, legacy: bool) -> tuple[int, _Own]:
    if legacy:
        return _legacy_chain(conn, device_id, count)
    lean_from = journal.lean_from(conn)
    devices = {int(i): str(d) for i, d in conn.execute("SELECT id, device_id FROM journal_device")}
    own_ref = next((i for i, d in devices.items() if d == device_id), None)
    shared = _Shared(conn, devices)
    prefixes = shared.prefixes
    prev: bytes = journal.GENESIS
    last_seq = 0
    entries = 0
    own = _Own()
    sha256, join, no_row = hashlib.sha256, b"".join, bytes(32)
    unchecked: int | None = None  # the first entry since the last kept hash
    # the stored table and operation numbers (the generated texts cost a third of the read), spelt
    # once per device, action, table and operation by _Shared.get
    for record in conn.execute("SELECT seq, device, device_seq, hlc, action, tbl_code, row_id, op_code, fields, "
                               "row_hash, hash FROM journal ORDER BY seq"):
        seq, device, device_seq, hlc, action, tbl, row_id, op, fields, row_hash, stored = record
        if seq != last_seq + 1:
            raise _fail(f"audit chain broken at journal entry {seq}: it does not follow entry {seq - 1} "
                        "(an entry was removed or inserted outside FieldApp)", "journal", str(seq))
        try:
            if seq >= lean_from:
                # journal.link inline (1.8 million times at 50,000 boreholes)
                digest = row_hash if fields is None else sha256(fields.encode()).digest()
                text = f"{device_seq},{hlc},{row_id}".encode()
                # (a float 2.0 would find the prefix of table 2: _Shared.get spells it as SQLite does)
                common = ((type(tbl) is not float and prefixes.get((device, action, tbl, op)))
                          or shared.get(seq, device, action, tbl, op))
                expected: object = sha256(join((prev, digest, row_hash or no_row, common, text))).digest()
            else:
                tbl_text, op_text = shared.texts(seq, tbl, op)
                expected = journal_legacy.converted_link(prev, devices[device], device_seq, hlc,
                                                         shared.action(action), tbl_text, row_id, op_text, fields,
                                                         row_hash)
        except (TypeError, KeyError, AttributeError):  # a value of the wrong type or a missing reference
            expected = None
        if stored is None and expected is not None:  # inside an import: compared where a hash is kept next
            unchecked = unchecked or seq
            prev = expected  # type: ignore[assignment]  # bytes: computed
        elif expected != stored:
            if unchecked is not None:
                raise _fail(f"audit chain broken in journal entries {unchecked} to {seq} ({shared.row(seq)}): "
                            "one of them was altered outside FieldApp", "journal", str(unchecked))
            raise _fail(f"audit chain broken at journal entry {seq} ({shared.row(seq)}): "
                        "the entry was altered outside FieldApp", "journal", str(seq))
        else:
            unchecked = None
            prev = stored  # equal to the bytes computed
        last_seq = seq
        entries += 1
        if device == own_ref:
            own.count += 1
            own.in_order = own.in_order and (device_seq if type(device_seq) is int
                                             else _number(device_seq)) == own.count
        if entries % STEP == 0:
            count.add(STEP)
    if unchecked is not None:
        raise _fail(f"audit chain broken at journal entry {unchecked} ({shared.row(unchecked)}): "
                    "the last entry keeps no hash (altered outside FieldApp)", "journal", str(unchecked))
    count.add(entries % STEP)
    return entries, own


class _Shared:
    """The hashed texts of devices and actions, by their numbers in the journal."""

    LIMIT = 100_000  # a file of many small actions does not fill memory with them

    def __init__(self, conn: sqlite3.Connection, devices: dict[int, str]) -> None:
        self.conn = conn
        self.devices = devices
        self.actions: dict[int, journal.Action] = {}
        self.prefixes: dict[tuple[int, int, object, object], bytes] = {}  # by the stored numbers

    def action(self, ref: int) -> journal.Action:
        found = self.actions.get(ref)
        if found is None:
            row = self.conn.execute("SELECT action_id, action, actor, at FROM journal_action WHERE id = ?",
                                    (ref,)).fetchone()
            if row is None:
                raise KeyError(ref)
            if len(self.actions) >= self.LIMIT:
                self.actions.clear()
            found = self.actions[ref] = (str(row[0]), str(row[1]), str(row[2]), str(row[3]))
        return found

    def get(self, seq: int, device: int, action: int, tbl_code: object, op_code: object) -> bytes:
        """The prefix of entry ``seq``, whose stored table and operation are ``tbl_code`` and ``op_code``."""
        key = (device, action, tbl_code, op_code)
        found = None if type(tbl_code) is float else self.prefixes.get(key)
        if found is None:
            if len(self.prefixes) >= self.LIMIT:
                self.prefixes.clear()
            found = journal.prefix(self.devices[device], self.action(action), *self.texts(seq, tbl_code, op_code))
            if type(tbl_code) is not float:
                self.prefixes[key] = found
        return found

    def texts(self, seq: int, tbl_code: object = None, op_code: object = None) -> tuple[str, str]:
        """The table and operation of entry ``seq`` as its generated columns spell them. A number
        FieldApp writes is spelt here; any other value (written outside FieldApp) by SQLite itself,
        so the chain covers exactly what every reader of ``tbl`` and ``op`` sees."""
        if type(op_code) is int and 0 <= op_code < len(journal.OP_CODES):
            if type(tbl_code) is str:
                return tbl_code, journal.OP_CODES[op_code]
            if type(tbl_code) is int and 1 <= tbl_code <= len(journal.TABLE_CODES):
                return journal.TABLE_CODES[tbl_code - 1], journal.OP_CODES[op_code]
        tbl, op = self.conn.execute("SELECT tbl, op FROM journal WHERE seq = ?", (seq,)).fetchone()
        return str(tbl), str(op)

    def row(self, seq: int) -> str:
        """Entry ``seq``'s table and row id, for a message."""
        found = self.conn.execute("SELECT tbl, row_id FROM journal WHERE seq = ?", (seq,)).fetchone()
        return "" if found is None else f"{found[0]} {found[1]}"


def _legacy_chain(conn: sqlite3.Connection, device_id: str, count: Counter) -> tuple[int, _Own]:
    """The chain of a file at a step before 0013_lean_journal, checked as it stands."""
    prev = journal_legacy.GENESIS
    cols = ", ".join(journal_legacy.JOURNAL_COLUMNS)
    entries = 0
    own = _Own()
    sha256 = hashlib.sha256
    for record in conn.execute(f"SELECT seq, {cols}, hash FROM journal ORDER BY seq"):
        (seq, device, device_seq, hlc, action_id, action, actor, at, tbl, row_id, op, fields, row_hash,
         prev_hash, stored) = record
        if prev_hash != prev:
            raise _fail(f"audit chain broken at journal entry {seq}: it does not follow entry {seq - 1} "
                        "(an entry was removed or inserted outside FieldApp)", "journal", str(seq))
        if type(device_seq) is int and type(hlc) is int:
            text = (f"{prev_hash}\x1f{device}\x1f{device_seq}\x1f{hlc}\x1f{action_id}\x1f{action}\x1f{actor}"
                    f"\x1f{at}\x1f{tbl}\x1f{row_id}\x1f{op}\x1f{fields}\x1f{row_hash}")
            intact = sha256(text.encode()).hexdigest() == stored
        else:
            intact = journal_legacy.entry_params(*record[1:-1])[-1] == stored
        if not intact:
            raise _fail(f"audit chain broken at journal entry {seq} ({tbl} {row_id}): "
                        "the entry was altered outside FieldApp", "journal", str(seq))
        prev = stored
        entries += 1
        if device == device_id:
            own.count += 1
            own.in_order = own.in_order and _number(device_seq) == own.count
        if entries % STEP == 0:
            count.add(STEP)
    count.add(entries % STEP)
    return entries, own


def _number(value: object) -> int | None:
    try:
        return int(str(value))
    except ValueError:
        return None


def _shape(store: Store, replicas: bool, own: _Own, legacy: bool) -> None:
    conn = store.conn
    device_id = store.device_id
    if not device_id:
        raise _fail("the device id is missing from the database (removed outside FieldApp)", "meta")
    if not own.in_order:
        raise _fail("this device's own changes are not numbered 1..n in journal order "
                    "(entries were removed, reordered or renumbered outside FieldApp)", "journal")
    last_mark = conn.execute("SELECT MAX(local_seq) FROM sync_pull_mark").fetchone()[0] or 0
    last_seq = conn.execute("SELECT MAX(seq) FROM journal").fetchone()[0] or 0
    if last_mark > last_seq:
        raise _fail(f"the journal ends at entry {last_seq}, but a sync had already pulled up to entry "
                    f"{last_mark} (entries were removed outside FieldApp)", "journal")
    earlier = {str(r[0]) for r in conn.execute("SELECT replica_id FROM sync_replica")} if replicas else set()
    stray = conn.execute(
        "SELECT seq, device_id FROM journal WHERE seq > ? AND device_id <> ? ORDER BY seq LIMIT 1" if legacy else
        "SELECT j.seq, d.device_id FROM journal j JOIN journal_device d ON d.id = j.device "
        "WHERE j.seq > ? AND d.device_id <> ? ORDER BY j.seq LIMIT 1", (last_mark, device_id)).fetchone()
    if stray is not None and str(stray[1]) not in earlier:
        raise _fail(f"journal entry {stray[0]} claims to come from device {stray[1]}, but no sync "
                    "brought it (written outside FieldApp)", "journal", str(stray[0]))
    state = dict(conn.execute("SELECT key, value FROM sync_state WHERE key IN ('pushed_upto', 'pull_cursor')"))
    for key, value in state.items():
        # (isdigit alone takes '²', which int() refuses, and int() refuses thousands of digits)
        if not (str(value).isascii() and str(value).isdigit() and len(str(value)) <= 19):
            raise _fail(f"sync_state {key} is {value!r}, not a number (changed outside FieldApp)", "sync_state")
    pushed = int(state.get("pushed_upto", 0))
    if pushed > own.count:
        raise _fail(f"sync_state says the hub holds this device's changes up to {pushed}, but the journal "
                    f"has {own.count} (changed outside FieldApp: later edits would never be sent)", "sync_state")


def _receipts(conn: sqlite3.Connection, legacy: bool) -> int:
    count = 0
    for values in conn.execute("SELECT replica_id, device_seq, hash, device, issued_at, hub_key, signature "
                               "FROM sync_receipt ORDER BY replica_id, device_seq"):
        if type(values[1]) is not int:  # FieldApp keeps the hub's number: a text or a float was written by hand
            raise _fail(f"the hub receipt for change {values[1]!r} of {values[0]} is not signed by the hub "
                        "(changed outside FieldApp)", "sync_receipt")
        receipt = Receipt(str(values[0]), values[1], str(values[2]), str(values[3]), str(values[4]),
                          str(values[5]), str(values[6]))
        if not receipt.valid():
            raise _fail(f"the hub receipt for change {receipt.device_seq} of {receipt.replica_id} is not "
                        "signed by the hub (changed outside FieldApp)", "sync_receipt")
        # the chain pass has checked every stored hash: one look-up by the change's identity
        found = conn.execute(
            "SELECT hash FROM journal WHERE device_id = ? AND device_seq = ?" if legacy else
            f"SELECT hash, seq FROM journal WHERE {journal.OF_DEVICE} AND device_seq = ?",
            (receipt.replica_id, receipt.device_seq)).fetchone()
        if found is not None and found[0] is None:  # inside an import: the chain pass has checked it
            found = (journal.hash_at(conn, int(found[1])),)
        have = None if found is None else found[0].hex() if isinstance(found[0], bytes) else str(found[0])
        if have is None:
            raise _fail(f"the hub receipted this device's changes up to {receipt.device_seq} "
                        f"({receipt.issued_at}), but the journal no longer holds that change "
                        "(entries were removed outside FieldApp)", "journal")
        if have != receipt.hash:
            raise _fail(f"the journal entry of change {receipt.device_seq} differs from the one the hub "
                        f"receipted on {receipt.issued_at} (the chain was rewritten outside FieldApp)", "journal")
        count += 1
    return count
