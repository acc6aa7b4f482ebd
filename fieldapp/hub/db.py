"""The hub's database: one interface over SQLite and PostgreSQL.

The hub code writes SQL once, with ``?`` placeholders and only syntax both
engines accept (ON CONFLICT upserts, BIGINT, TEXT); the PostgreSQL side
turns ``?`` into ``%s``. What differs is how a writer is serialised, which
is what keeps the pull cursor safe (see :meth:`HubDB.write`).
"""

from __future__ import annotations

import queue
import re
import sqlite3
import threading
import weakref
from abc import ABC, abstractmethod
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Protocol

import orjson

from fieldapp.errors import HubStoreError

# Any constant agreed by every hub process: the advisory lock that orders pushes.
PUSH_LOCK_KEY = 0x46494C44  # "FILD"
_INSERT_RE = re.compile(r"INSERT INTO (\w+) \(([^)]*)\) VALUES \([?, ]*\)(.*)", re.DOTALL)


class Conn(Protocol):
    def execute(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]: ...

    def executemany(self, sql: str, rows: Sequence[Sequence[Any]]) -> None: ...

    def select_in(self, sql: str, params: Sequence[Any], values: Sequence[Any]) -> list[tuple[Any, ...]]:
        """The rows of ``sql``, which holds one ``IN ?``, for every value of ``values``
        (SQLite asks in chunks: an ORDER BY orders each chunk)."""
        ...


_IN_CHUNK = 500  # values per IN (...) list on SQLite, under its variable limit


class HubDB(ABC):
    """A connection source with read and write transactions."""

    dialect: str

    @abstractmethod
    @contextmanager
    def write(self) -> Iterator[Conn]:
        """A transaction that may append to the change log.

        Writers are serialised for their whole transaction and positions are
        assigned inside it, so the positions of committed changes always
        form a gap-free prefix: a reader can never see position n+1 before
        n, which is the trap of a plain sequence (n+1 commits first, a pull
        moves its cursor past n, and n is never pulled).
        """

    @abstractmethod
    @contextmanager
    def read(self) -> Iterator[Conn]:
        """A transaction with one consistent snapshot for all its reads."""

    @contextmanager
    def update(self) -> Iterator[Conn]:
        """A transaction that logs nothing (it cannot move a pull cursor), so it
        need not wait for the writers' lock where the engine allows."""
        with self.write() as conn:
            yield conn

    def close(self) -> None:
        return None

    def analyze(self, tables: Sequence[str]) -> None:
        """Refresh the planner's statistics (SQLite picks the indexes without them);
        each of ``tables`` may name the columns to sample: ``"hub_row (tbl, row_id)"``."""
        return None


class _SqliteConn:
    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    def execute(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        return self.conn.execute(sql, tuple(params)).fetchall()

    def executemany(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        self.conn.executemany(sql, rows)

    def select_in(self, sql: str, params: Sequence[Any], values: Sequence[Any]) -> list[tuple[Any, ...]]:
        found: list[tuple[Any, ...]] = []
        for start in range(0, len(values), _IN_CHUNK):
            chunk = tuple(values[start:start + _IN_CHUNK])
            found += self.conn.execute(sql.replace("IN ?", f"IN ({', '.join('?' * len(chunk))})"),
                                       (*params, *chunk)).fetchall()
        return found


class SqliteHubDB(HubDB):
    dialect = "sqlite"

    def __init__(self, path: Path) -> None:
        if not path.parent.exists():
            raise HubStoreError(f"The folder {path.parent} does not exist.", hint="Create it first.")
        from fieldapp.hub.store_file import check_hub_file

        check_hub_file(path)  # before the first write: a foreign file is refused untouched
        self.path = path
        # one connection per worker thread, kept: opening one (and SQLite reading the schema
        # into it) cost more than the reads of an idle pull, three times per request
        # (a thread that ends takes its connection with it: the pool's idle workers do end)
        self._local = threading.local()
        self._open: weakref.WeakSet[_Held] = weakref.WeakSet()
        self._open_lock = threading.Lock()

    def _connect(self) -> sqlite3.Connection:
        try:
            conn = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False, timeout=30)
            conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA synchronous = FULL")
        except sqlite3.Error as exc:
            raise HubStoreError(f"Cannot open the hub database {self.path}: {exc}.") from exc
        return conn

    def _thread_conn(self) -> sqlite3.Connection:
        held: _Held | None = getattr(self._local, "held", None)
        with self._open_lock:
            if held is not None and held in self._open:
                return held.conn
        held = self._local.held = _Held(self._connect())  # the first of this thread, or after close()
        with self._open_lock:
            self._open.add(held)
        return held.conn

    def _drop(self) -> None:
        held: _Held | None = getattr(self._local, "held", None)
        self._local.held = None
        if held is not None:
            with self._open_lock:
                self._open.discard(held)
            held.conn.close()

    @contextmanager
    def _tx(self, begin: str) -> Iterator[Conn]:
        conn = self._thread_conn()
        try:
            conn.execute(begin)
            try:
                yield _SqliteConn(conn)
            except BaseException:
                conn.execute("ROLLBACK")
                raise
            conn.execute("COMMIT")
        except BaseException:
            self._drop()  # whatever state it was left in, the next transaction starts on a fresh one
            raise

    def close(self) -> None:
        with self._open_lock:
            kept = list(self._open)
            self._open.clear()
        for held in kept:
            held.conn.close()

    @contextmanager
    def write(self) -> Iterator[Conn]:
        # BEGIN IMMEDIATE takes SQLite's single writer lock for the whole transaction
        with self._tx("BEGIN IMMEDIATE") as conn:
            yield conn

    @contextmanager
    def read(self) -> Iterator[Conn]:
        with self._tx("BEGIN") as conn:
            yield conn


class _Held:
    """A thread's connection; weakly listed, so that it goes when its thread does."""

    __slots__ = ("__weakref__", "conn")

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn


class _PgConn:
    def __init__(self, conn: Any) -> None:
        self.conn = conn

    def execute(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        cur = self.conn.execute(sql.replace("?", "%s"), tuple(params))
        return list(cur.fetchall()) if cur.description else []

    def select_in(self, sql: str, params: Sequence[Any], values: Sequence[Any]) -> list[tuple[Any, ...]]:
        # one array parameter, not lists of 500 placeholders: a push asks for
        # thousands of rows, and each long IN list is parsed and planned anew
        # (sent as one JSON text: psycopg builds an array parameter in Python,
        # value by value, which cost a push more than the lookups themselves)
        if not values:
            return []
        return self.execute(sql.replace("IN ?", "= ANY(ARRAY(SELECT jsonb_array_elements_text(?::jsonb)))"),
                            (*params, orjson.dumps(list(values)).decode()))

    def executemany(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        """Many-row INSERTs go through COPY (an upsert through COPY into a
        temporary table, then one INSERT ... SELECT ... ON CONFLICT): psycopg's
        executemany sends one statement per row, several times slower for the
        thousands of rows of one push."""
        match = _INSERT_RE.fullmatch(sql.strip())
        if match is None or not rows:
            with self.conn.cursor() as cur:
                cur.executemany(sql.replace("?", "%s"), rows)
            return
        table, cols, rest = match.group(1), match.group(2), match.group(3).strip()
        target = table
        if rest:
            target = f"_stage_{table}"
            self.conn.execute(f"CREATE TEMP TABLE IF NOT EXISTS {target} (LIKE {table}) ON COMMIT DROP")
        with self.conn.cursor() as cur, cur.copy(f"COPY {target} ({cols}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)
        if rest:
            self.conn.execute(f"INSERT INTO {table} ({cols}) SELECT {cols} FROM {target} {rest}")
            self.conn.execute(f"DELETE FROM {target}")


class PostgresHubDB(HubDB):
    dialect = "postgresql"

    def __init__(self, url: str, pool_size: int = 8) -> None:
        import psycopg  # imported here: the SQLite hub runs without it

        self._psycopg = psycopg
        self.url = url
        self._pool: queue.LifoQueue[Any] = queue.LifoQueue(maxsize=pool_size)
        with self._conn():
            pass  # fail now, with a clear message, if the server is not there

    @contextmanager
    def _conn(self) -> Iterator[Any]:
        try:
            conn = self._pool.get_nowait()
        except queue.Empty:
            try:
                conn = self._psycopg.connect(self.url, autocommit=True)
            except self._psycopg.Error as exc:
                raise HubStoreError(f"Cannot connect to the hub database: {exc}".strip(),
                                    hint="Check the postgresql:// URL and that the server runs.") from exc
        ok = False
        try:
            yield conn
            ok = True
        except self._psycopg.OperationalError as exc:
            # the server went away or restarted: answer 503, and drop the connection
            raise HubStoreError(f"The hub database failed: {exc}".strip(), hint="Try again shortly.") from exc
        finally:
            if ok and not conn.closed:
                try:
                    self._pool.put_nowait(conn)
                except queue.Full:
                    conn.close()
            else:
                conn.close()

    @contextmanager
    def write(self) -> Iterator[Conn]:
        with self._conn() as conn, conn.transaction():
            # held to the end of the transaction; released only after the
            # commit is visible, so the next writer numbers after it
            conn.execute("SELECT pg_advisory_xact_lock(%s)", (PUSH_LOCK_KEY,))
            yield _PgConn(conn)

    @contextmanager
    def update(self) -> Iterator[Conn]:
        with self._conn() as conn, conn.transaction():
            yield _PgConn(conn)

    @contextmanager
    def read(self) -> Iterator[Conn]:
        with self._conn() as conn, conn.transaction():
            conn.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
            yield _PgConn(conn)

    def analyze(self, tables: Sequence[str]) -> None:
        with self._conn() as conn:
            conn.execute(f"ANALYZE {', '.join(tables)}")

    def close(self) -> None:
        while True:
            try:
                self._pool.get_nowait().close()
            except queue.Empty:
                return


def open_hub_db(url: str) -> HubDB:
    """``sqlite:///PATH`` or ``postgresql://...``."""
    if url.startswith("sqlite:///"):
        return SqliteHubDB(Path(url[len("sqlite:///"):]))
    if url.startswith(("postgresql://", "postgres://")):
        return PostgresHubDB(url)
    raise HubStoreError(f"Unknown hub store {url!r}.",
                        hint="Give sqlite:///PATH or postgresql://USER@HOST/DB.")
