"""`fieldapp verify`'s pass over the domain rows: each row against the last journal entry of it."""

from __future__ import annotations

import hashlib
import sqlite3
from collections.abc import Iterator

import orjson

from fieldapp.errors import IntegrityError
from fieldapp.store import journal
from fieldapp.store.verify_base import STEP, Counter
from fieldapp.store.verify_base import fail as _fail


def _last_entries(conn: sqlite3.Connection, table: str) -> Iterator[tuple[str, object]]:
    """(row id, row hash of its last entry) of every row the journal records in
    ``table``, in row id order: the journal_row index, read in order."""
    cur = conn.execute("SELECT row_id, row_hash, MAX(seq) FROM journal WHERE tbl = ? "
                       "GROUP BY row_id ORDER BY row_id", (table,))
    for row_id, row_hash, _seq in cur:
        yield str(row_id), row_hash


def rows(conn: sqlite3.Connection, tables: list[str], count: Counter, legacy: bool) -> int:
    """Each table beside the journal's last entries for it, both in id order
    (a merge, so nothing is held but the current row of each)."""
    rows = 0
    dumps, sha256 = orjson.dumps, hashlib.sha256
    deleted: tuple[str, str] | None = None  # reported after the tables, as before streaming
    for table in tables:
        # the columns in name order, so the row's canonical text needs no sorting of its keys
        names = sorted(str(d[0]) for d in conn.execute(f"SELECT * FROM {table} LIMIT 0").description)
        columns = ", ".join(f'"{name}"' for name in names)
        # the last value: the first column whose storage class FieldApp never writes there (NULL: none)
        cur = conn.execute(f"SELECT {columns}, {_misstored(conn, table)} FROM {table} ORDER BY id")
        recorded = _last_entries(conn, table)
        pending = next(recorded, None)
        at_id = names.index("id")
        for values in cur:
            row_id = values[at_id]
            if values[-1] is not None:
                raise _misstored_fail(table, row_id, str(values[-1]), values[names.index(str(values[-1]))])
            # the journal's rows with smaller ids are not in the table
            while pending is not None and isinstance(row_id, str) and pending[0] < row_id:
                if pending[1] and deleted is None:
                    deleted = (table, pending[0])
                pending = next(recorded, None)
            want: object = b""
            if pending is not None and pending[0] == row_id:
                want = pending[1]
                pending = next(recorded, None)
            if not want:
                raise _fail(f"{table} row {row_id} was inserted outside FieldApp "
                            "(no journal entry records it)", table, str(row_id))
            # journal.row_digest inline, on one dict: its fast path, or the function itself
            # (zip stops at the names: the storage check after them is not part of the row)
            present = {k: v for k, v in zip(names, values, strict=False) if v is not None}
            try:
                raw = dumps(present)  # its keys already in order, as OPT_SORT_KEYS would put them
            except TypeError:
                raw = b".0"
            try:
                digest = journal.row_hash(present) if b".0" in raw else sha256(raw).digest()
            except TypeError:  # e.g. a REAL of 1.05e20, an integer beyond 64 bits: FieldApp never wrote it
                digest = b""
            have: object = digest.hex() if legacy else digest
            if have != want:
                raise _fail(f"{table} row {row_id} was changed outside FieldApp "
                            "(it does not match its last journal entry)", table, str(row_id))
            rows += 1
            if rows % STEP == 0:
                count.add(STEP)
        while pending is not None:
            if pending[1] and deleted is None:
                deleted = (table, pending[0])
            pending = next(recorded, None)
    count.add(rows % STEP)
    if deleted is None:
        deleted = _rows_of_other_tables(conn, tables)
    if deleted is not None:
        table, row_id = deleted
        raise _fail(f"{table} row {row_id} was deleted outside FieldApp "
                    "(the journal records it, the table does not hold it)", table, row_id)
    return rows


def _rows_of_other_tables(conn: sqlite3.Connection, tables: list[str]) -> tuple[str, str] | None:
    """A row the journal records in a table this schema does not have. The
    journal's table names are found by skipping along the journal_row index,
    one descent per name, not by reading every entry."""
    name = conn.execute("SELECT MIN(tbl) FROM journal").fetchone()[0]
    while name is not None:
        if name not in tables:
            for row_id, row_hash in _last_entries(conn, str(name)):
                if row_hash:
                    return str(name), row_id
        name = conn.execute("SELECT MIN(tbl) FROM journal WHERE tbl > ?", (name,)).fetchone()[0]
    return None


# The row hash spells a BLOB as its hex text (journal._normal), the same as a text of that spelling,
# and the formula must stay (every existing chain keeps verifying): the storage class is checked
# beside it. SQLite's column affinity already turns a number into text in a TEXT column and a
# numeric text into a number in an INTEGER or REAL one, so what is left is what FieldApp never writes.
_WRONG_IN = {"TEXT": "= 'blob'", "INTEGER": "IN ('text', 'blob')", "REAL": "IN ('text', 'blob')",
             "NUMERIC": "IN ('text', 'blob')"}


def _affinity(declared: str) -> str:
    """SQLite's column affinity of a declared type (its rules, in their order)."""
    kind = declared.upper()
    if "INT" in kind:
        return "INTEGER"
    if any(word in kind for word in ("CHAR", "CLOB", "TEXT")):
        return "TEXT"
    if "BLOB" in kind or not kind:
        return "BLOB"  # takes any value as it comes: nothing to check
    if any(word in kind for word in ("REAL", "FLOA", "DOUB")):
        return "REAL"
    return "NUMERIC"


def _misstored(conn: sqlite3.Connection, table: str) -> str:
    """The SQL of the first column of a row of ``table`` holding a storage class FieldApp does not write there."""
    tests = [f"WHEN typeof(\"{name}\") {_WRONG_IN[affinity]} THEN '{name}'"
             for _cid, name, declared, *_ in conn.execute(f"PRAGMA table_info({table})")
             if (affinity := _affinity(str(declared or ""))) in _WRONG_IN]
    return f"CASE {' '.join(tests)} END" if tests else "NULL"


def _misstored_fail(table: str, row_id: object, column: str, value: object) -> IntegrityError:
    kind = "binary data" if isinstance(value, bytes) else "text" if isinstance(value, str) else "a number"
    return _fail(f"{table} row {row_id} was changed outside FieldApp (its {column} is stored as {kind}, "
                 "which FieldApp never writes there)", table, str(row_id))
