"""Opening the device's SQLite file and writing to it one action at a time."""

from __future__ import annotations

import operator
import re
import sqlite3
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from itertools import repeat
from pathlib import Path
from typing import TYPE_CHECKING, Any

from fieldapp.errors import IntegrityError, StoreError
from fieldapp.ids import HybridLogicalClock, new_id
from fieldapp.store import files, journal, journal_legacy
from fieldapp.store.migrations import DOMAIN_TABLES, migrate

if TYPE_CHECKING:
    import sqlite_utils

_UNIQUE_RE = re.compile(r"UNIQUE constraint failed: (.+)")


class UniqueViolation(Exception):
    """A UNIQUE constraint refused a write; the domain layer turns this into
    the right :class:`~fieldapp.errors.ValidationError` for the field."""

    def __init__(self, table: str, columns: tuple[str, ...]) -> None:
        super().__init__(f"{table}: {', '.join(columns)} not unique")
        self.table = table
        self.columns = columns


def utc_now() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def _connect(path: Path, *, read_only: bool = False) -> sqlite3.Connection:
    return files.connect_read_only(path) if read_only else files.connect(path)


class Tx:
    """One open transaction. Every write goes through here so that it is journalled."""

    def __init__(self, store: Store, action: str) -> None:
        self.store = store
        self.conn = store.conn
        self.action = action
        self.action_id = new_id()
        self.at = utc_now()
        # another connection (the background sync) may have given this file a
        # new replica identity (fieldapp.sync.replica): number under the current one
        current = store._meta("device_id")
        if current:
            store.device_id = current
        stamp = (self.action_id, action, store.actor, self.at)
        self.journal: journal.Appender | journal_legacy.LegacyAppender = (
            journal_legacy.LegacyAppender(self.conn, store.device_id, stamp) if store.legacy
            else journal.Appender(self.conn, store.device_id, stamp))
        # Stamps pulled by sync (maybe through another connection, the
        # background sync's): an edit made after seeing them must stamp later.
        observed = self.conn.execute("SELECT value FROM meta WHERE key = 'observed_hlc'").fetchone()
        if observed is not None:
            store.clock.observe(int(observed[0]))
        self.failed = False
        # insert_many's journal entries held for one write at the end of :meth:`journalled_together`
        self._held: list[tuple[str, list[tuple[str, bytes]], int]] | None = None

    @contextmanager
    def journalled_together(self) -> Iterator[None]:
        """:meth:`insert_many` of several tables (an import's chunk) journalled in one write when the
        block ends, in the same order and with the same entries as one by one: one executemany and one
        switch of the check pragma (:meth:`journal.Appender.add_inserts_of`) instead of one per table.

        Inside the block nothing but insert_many may write, and nothing may read the journal."""
        if self._held is not None or not isinstance(self.journal, journal.Appender):
            yield  # an outer block writes them, or a legacy journal writes each as it comes
            return
        held = self._held = []
        try:
            yield
        finally:
            self._held = None
        self.journal.add_inserts_of(held)

    # reads ---------------------------------------------------------------
    def get(self, table: str, row_id: str) -> dict[str, Any] | None:
        return self.store.get(table, row_id)

    def query(self, sql: str, params: tuple[Any, ...] | Mapping[str, Any] = ()) -> list[dict[str, Any]]:
        return self.store.query(sql, params)

    # writes --------------------------------------------------------------
    def insert(self, table: str, row: Mapping[str, Any]) -> str:
        """Insert a row (its ``id`` is made if missing) and journal it."""
        record = dict(row)
        record.setdefault("id", new_id())
        cols = list(record)
        sql = f"INSERT INTO {table} ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})"
        self._execute(table, sql, tuple(record.values()))
        text, digest = journal.row_digest(record)
        self._journal(table, str(record["id"]), "insert", text, digest, as_row=True)
        return str(record["id"])

    def insert_many(self, table: str, rows: list[dict[str, Any]], hashes: Sequence[bytes] | None = None) -> list[str]:
        """The batch form for imports: the same rows and journal entries as
        :meth:`insert` one by one, written with executemany.

        ``hashes``: each row's :func:`journal.row_hash`, taken where the rows
        were made (the demo's generator process hashes on the second core);
        every row then carries its ``id``. `fieldapp verify` checks them as any."""
        if not rows:
            return []
        cols = list(rows[0])
        if "id" not in cols:
            cols.append("id")
        params: list[tuple[Any, ...]] = []
        entries: list[tuple[str, bytes]] = []
        # the per-row work of insert, unrolled: an import runs it 100,000s of times
        hash_of, append, add_entry = journal.row_hash, params.append, entries.append
        getter = operator.itemgetter(*cols)
        if hashes is None:
            for row in rows:
                row_id = row.get("id") or new_id()
                row["id"] = row_id
                append(getter(row) if len(cols) > 1 else (row[cols[0]],))
                add_entry((row_id, hash_of(row)))
        else:
            ids: list[str] = [row.get("id") or "" for row in rows]
            if len(hashes) != len(rows) or not all(ids):
                raise StoreError(f"{table}: the rows given with their hashes do not match them.")
            params = [getter(row) if len(cols) > 1 else (row[cols[0]],) for row in rows]
            entries = list(zip(ids, hashes, strict=True))
        self._write(table, cols, params, entries)
        return [str(row["id"]) for row in rows]

    def insert_values(self, table: str, columns: Sequence[str], values: list[tuple[Any, ...]],
                      hashes: Sequence[bytes]) -> None:
        """:meth:`insert_many` of rows given as tuples in ``columns`` order, each with its id and the
        hash taken where it was made (the demo's generator sends them so: no dict per row)."""
        at = list(columns).index("id") if "id" in columns else -1
        ids = [row[at] for row in values] if at >= 0 else []
        if at < 0 or len(hashes) != len(values) or not all(ids):
            raise StoreError(f"{table}: the rows given with their hashes do not match them.")
        self._write(table, columns, values, list(zip(ids, hashes, strict=True)))

    def _write(self, table: str, columns: Sequence[str], params: list[tuple[Any, ...]],
               entries: list[tuple[str, bytes]]) -> None:
        """The rows of :meth:`insert_many` in one executemany, and their journal entries."""
        sql = f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})"
        hlc = self.store.clock.reserve(len(params))
        try:
            self.conn.executemany(sql, params)
        except sqlite3.IntegrityError as exc:
            # executemany stops at the refused row with the rows before it
            # written and not journalled: this transaction must not commit,
            # even if the caller catches the error and goes on
            self.failed = True
            match = _UNIQUE_RE.match(str(exc))
            if match:
                names = tuple(c.strip().split(".")[-1] for c in match.group(1).split(","))
                raise UniqueViolation(table, names) from exc
            raise StoreError(f"{table}: the database refused the write ({exc}).") from exc
        if self._held is not None:
            self._held.append((table, entries, hlc))
        elif isinstance(self.journal, journal.Appender):
            self.journal.add_inserts(table, entries, hlc)
        else:
            for n, ((row_id, _hash), values) in enumerate(zip(entries, params, strict=True)):
                text, digest = journal.row_digest(dict(zip(columns, values, strict=True)))
                self.journal.add(table, row_id, "insert", text, digest, hlc + n)

    def update(self, table: str, row_id: str, changes: Mapping[str, Any]) -> dict[str, Any]:
        """Change some fields of a row; only fields whose value differs are journalled."""
        current = self.get(table, row_id)
        if current is None:
            raise StoreError(f"{table} {row_id} does not exist.")
        changed = {k: v for k, v in changes.items() if current.get(k) != v}
        if not changed:
            return current
        self._before_change(table, row_id, current)
        sets = ", ".join(f"{k} = ?" for k in changed)
        self._execute(table, f"UPDATE {table} SET {sets} WHERE id = ?", (*changed.values(), row_id))
        current.update(changed)
        self._journal(table, row_id, "update", journal.canonical(changed), _hashable(table, row_id, current)[1])
        return current

    def delete(self, table: str, row_id: str) -> None:
        """Delete a row; the journal entry is its tombstone."""
        if not self.store.legacy:
            before = journal.current_row(self.conn, table, row_id)
            if before is not None:
                self._before_change(table, row_id, before)
        self._execute(table, f"DELETE FROM {table} WHERE id = ?", (row_id,))
        self._journal(table, row_id, "delete", "{}", b"")

    def apply_remote(self, change: Mapping[str, Any], row: Mapping[str, Any] | None) -> bytes:
        """Write the merged state ``row`` (None: absent) that a remote change led
        to, and journal that change in the local chain.

        The entry keeps the change's own identity (device_id, device_seq, hlc,
        action, actor, at, op, fields) so that it is the same change on every
        replica, while the chain hash and row_hash are local: row_hash is the
        row as it now stands here, which may differ from the author's when the
        merge kept another value. Returns the row hash written (b'' when absent).
        """
        table, row_id = str(change["tbl"]), str(change["row_id"])
        if table not in DOMAIN_TABLES:
            raise StoreError(f"A remote change names the unknown table {table!r}.")
        assert isinstance(self.journal, journal.Appender), "sync runs on a migrated file"
        before = journal.current_row(self.conn, table, row_id)
        exists = before is not None
        if before is not None:
            self._before_change(table, row_id, before)
        digest, text = b"", None
        if row is None:
            if exists:
                self._execute(table, f"DELETE FROM {table} WHERE id = ?", (row_id,))
        else:
            record = {c: row.get(c) for c in self.store.columns(table)}
            record["id"] = row_id
            if exists:
                sets = ", ".join(f"{k} = ?" for k in record if k != "id")
                values = tuple(v for k, v in record.items() if k != "id")
                self._execute(table, f"UPDATE {table} SET {sets} WHERE id = ?", (*values, row_id))
            else:
                cols = list(record)
                self._execute(table, f"INSERT INTO {table} ({', '.join(cols)}) VALUES "
                              f"({', '.join('?' * len(cols))})", tuple(record.values()))
            text, digest = _hashable(table, row_id, record)
        fields = str(change["fields"])
        kept = journal.remote_fields(fields, text) if change["op"] == "insert" else fields
        self.conn.execute(journal.INSERT_SQL, self.journal.remote_params(
            str(change["device_id"]), int(change["device_seq"]), int(change["hlc"]),
            (str(change["action_id"]), str(change["action"]), str(change["actor"]), str(change["at"])),
            table, row_id, str(change["op"]), kept, digest))
        return digest

    def _before_change(self, table: str, row_id: str, current: Mapping[str, Any]) -> None:
        """The row is about to change: an insert entry leaving its text to the row keeps it now."""
        if not self.store.legacy:
            journal.materialize(self.conn, table, row_id, _hashable(table, row_id, current)[0])

    def _execute(self, table: str, sql: str, params: tuple[Any, ...]) -> None:
        try:
            self.conn.execute(sql, params)
        except sqlite3.IntegrityError as exc:
            match = _UNIQUE_RE.match(str(exc))
            if match:
                cols = tuple(c.strip().split(".")[-1] for c in match.group(1).split(","))
                raise UniqueViolation(table, cols) from exc
            raise StoreError(f"{table}: the database refused the write ({exc}).") from exc

    def _journal(self, table: str, row_id: str, op: str, fields: str, digest: bytes, *, as_row: bool = False) -> None:
        """One own entry; ``as_row``: an insert whose text is the row's (the lean journal keeps it there)."""
        if isinstance(self.journal, journal.Appender):
            self.journal.add(table, row_id, op, None if as_row else fields, digest, self.store.clock.now())
        else:
            self.journal.add(table, row_id, op, fields, digest, self.store.clock.now())


def _hashable(table: str, row_id: str, row: Mapping[str, Any]) -> tuple[str, bytes]:
    """:func:`journal.row_digest` of a row already in the file, or the refusal naming what no
    FieldApp writes: a whole number beyond 64 bits (a REAL of 1.05e20 typed into the file by hand)
    has no canonical form, so the action stops before it writes anything."""
    try:
        return journal.row_digest(row)
    except (TypeError, OverflowError):
        odd = next((k for k, v in row.items() if type(v) is float and v.is_integer() and abs(v) >= 2**63), "?")
        raise IntegrityError(
            f"{table} row {row_id} holds {odd} = {row.get(odd)!r}, a value FieldApp never writes "
            "(changed outside FieldApp); nothing was saved", table=table, row_id=row_id,
            hint="Run fieldapp verify and give its report to your coordinator.") from None


class Store:
    """The device's database. Pass it in; there is no global one."""

    def __init__(self, conn: sqlite3.Connection, path: Path, actor: str, *, read_only: bool = False) -> None:
        self.conn = conn
        self.path = path
        self.actor = actor
        self.read_only = read_only
        self._db: sqlite_utils.Database | None = None
        # read-only (verify): a missing device id is a finding, not something to mend
        self.device_id = self._meta("device_id") or ("" if read_only else self._init_device())
        # the journal of a file at an earlier schema step (verify, or a test's Store.open(upto=...))
        self.legacy = journal_legacy.is_legacy(conn)
        # one descent of an index (0008's journal_head; since 0013 the unique one); a read-only store
        # stamps nothing, so it does not ask (verify opens older files too)
        last_hlc = 0
        if not read_only:
            newest = conn.execute(
                "SELECT MAX(hlc) FROM journal WHERE device_id = ?" if self.legacy else
                f"SELECT hlc FROM journal WHERE {journal.OF_DEVICE} ORDER BY device_seq DESC LIMIT 1",
                (self.device_id,)).fetchone()
            last_hlc = newest[0] if newest else 0
        self.clock = HybridLogicalClock(last=last_hlc or 0)
        self._tx: Tx | None = None
        self._columns: dict[str, tuple[str, ...]] = {}

    @property
    def db(self) -> sqlite_utils.Database:
        """sqlite-utils on the same connection, for schema work: introspection
        and ``table.transform()`` where SQLite's ALTER TABLE falls short.

        Writes to domain tables never go through it (they would escape the
        journal). Made on first use: importing sqlite-utils costs a sampler
        70 ms at every start."""
        if self._db is None:
            import sqlite_utils

            self._db = sqlite_utils.Database(self.conn, execute_plugins=False)
        return self._db

    @classmethod
    def open(cls, path: Path | str, *, actor: str, upto: str | None = None, read_only: bool = False) -> Store:
        """Open and migrate the FieldApp database at ``path``, creating it only
        if no file is there.

        An existing file that is not a device database of this FieldApp (another
        SQLite file, an empty one, a hub store, a newer FieldApp's, a damaged
        one) is refused before anything is written to it. ``read_only`` (for
        `fieldapp verify`) writes nothing at all, not even a device id.
        """
        path = Path(path)
        if not path.parent.exists():
            raise StoreError(f"The folder {path.parent} does not exist.", hint="Create it or pick another path.")
        if not path.exists() and not read_only:
            files.create(path, upto)
        files.check_device_file(path, current=read_only)
        conn = _connect(path, read_only=read_only)
        try:
            if not read_only:
                migrate(conn, upto=upto)
            return cls(conn, path, actor, read_only=read_only)
        except sqlite3.DatabaseError as exc:
            conn.close()
            raise files.damaged(path, exc) from exc
        except Exception:
            conn.close()
            raise

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    # transactions ----------------------------------------------------------
    @contextmanager
    def action(self, name: str) -> Iterator[Tx]:
        """One user action: all its writes commit together or not at all.

        An action opened inside another (an import is one :meth:`batch` of
        many actions) joins it. If an inner action fails, the whole outer
        transaction is rolled back even when the caller catches the error:
        an import is all or nothing, never half-written.
        """
        if self._tx is not None:
            tx = self._tx
            try:
                yield tx
            except BaseException:
                tx.failed = True
                raise
            return
        try:
            self.conn.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as exc:  # another writer holds the file beyond the busy timeout
            raise files.damaged(self.path, exc) from exc
        tx = self._tx = Tx(self, name)
        try:
            yield tx
        except BaseException as exc:
            self._tx = None
            # SQLite has already rolled back by itself after some errors (a full disk)
            if self.conn.in_transaction:
                self.conn.execute("ROLLBACK")
            if isinstance(exc, sqlite3.OperationalError):  # a full disk, a failing stick: said as such
                raise files.damaged(self.path, exc) from exc
            raise
        self._tx = None
        if tx.failed:
            self.conn.execute("ROLLBACK")
            raise StoreError(
                f"{name}: a step inside it failed, so nothing of it was saved.",
                hint="Correct the reported problem and run it again.",
            )
        try:
            self.conn.execute("COMMIT")
        except sqlite3.OperationalError as exc:
            if self.conn.in_transaction:
                self.conn.execute("ROLLBACK")
            raise files.damaged(self.path, exc) from exc

    batch = action  # an import is one outer action holding many inner ones

    @contextmanager
    def snapshot(self) -> Iterator[None]:
        """Reads inside see one state of the file (one read transaction), so a
        reader (verify, an export) never meets half of a concurrent action."""
        if self._tx is not None or self.conn.in_transaction:
            yield  # an open action already reads one state
            return
        self.conn.execute("BEGIN")
        try:
            yield
        finally:
            if self.conn.in_transaction:
                self.conn.execute("COMMIT")

    # reads -------------------------------------------------------------------
    def get(self, table: str, row_id: str) -> dict[str, Any] | None:
        cur = self.conn.execute(f"SELECT * FROM {table} WHERE id = ?", (row_id,))
        row = cur.fetchone()
        if row is None:
            return None
        return dict(zip([d[0] for d in cur.description], row, strict=True))

    def query(self, sql: str, params: tuple[Any, ...] | Mapping[str, Any] = ()) -> list[dict[str, Any]]:
        cur = self.conn.execute(sql, params)
        names = [d[0] for d in cur.description]
        # the dicts made by map and zip, without a line of Python per row: an export reads 200,000 rows here.
        # zip needs no strict=True: SQLite gives every row one value per column of the description
        return list(map(dict, map(zip, repeat(names), cur.fetchall())))

    def columns(self, table: str) -> tuple[str, ...]:
        """The column names of a domain table, in schema order."""
        if table not in self._columns:
            self._columns[table] = tuple(r[1] for r in self.conn.execute(f"PRAGMA table_info({table})"))
        return self._columns[table]

    @contextmanager
    def remote_batch(self, name: str) -> Iterator[Tx]:
        """One transaction that applies changes pulled from the hub.

        Foreign keys are not enforced inside it: a replica applies changes in
        the hub's order, and a concurrent delete elsewhere may leave a child
        whose parent is a tombstone. Keeping that child (the coordinator sees
        it as a conflict) loses nothing and gives every replica the same data;
        refusing it would make replicas differ.
        """
        if self._tx is not None:
            raise StoreError("Remote changes cannot be applied inside another action.")
        self.conn.execute("PRAGMA foreign_keys = OFF")
        try:
            with self.action(name) as tx:
                yield tx
        finally:
            self.conn.execute("PRAGMA foreign_keys = ON")

    def count(self, table: str) -> int:
        if table not in (*DOMAIN_TABLES, "journal"):
            raise StoreError(f"Unknown table {table}.")
        return int(self.conn.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0])

    # device identity -----------------------------------------------------------
    def _meta(self, key: str) -> str | None:
        row = self.conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return None if row is None else str(row[0])

    def _init_device(self) -> str:
        device_id = new_id()
        self.conn.execute("BEGIN IMMEDIATE")
        self.conn.execute("INSERT OR IGNORE INTO meta (key, value) VALUES ('device_id', ?)", (device_id,))
        self.conn.execute("COMMIT")
        return self._meta("device_id") or device_id
