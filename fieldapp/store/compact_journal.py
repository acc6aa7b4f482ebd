"""Schema step 0020_compact_journal: the journal's table, row id and operation stored compactly (issue 18).

Most of a device file is the journal, and most of an entry was three texts
repeated on every entry: the row id (a 36-character UUID), the table name and
the operation. The step stores them as ``row_hi`` and ``row_lo`` (a canonical
UUID as its two 64-bit halves, any other id as its text and NULL), ``tbl_code`` (the table's number in
:data:`fieldapp.store.journal.TABLE_CODES`, a table not in it by its name)
and ``op_code`` (0 insert, 1 update, 2 delete). ``tbl``, ``row_id`` and
``op`` are generated columns that spell them back exactly as they were
written, so every reader (the views, sync, verify, the sqlite3 shell) reads
and filters the same texts, and the journal_row index holds those texts in
the same order as before (verify merges it with the tables in id order).

No hash changes: the chain and row hashes cover the texts, which read back
the same; the step copies every entry in its one transaction and checks that
the copy reads back as the original before dropping it.
"""

from __future__ import annotations

import contextlib
import sqlite3

from fieldapp.store import lean_journal
from fieldapp.store.journal import OP_CODES, TABLE_CODES, row_key, table_code

# The generated texts are read on every entry verify checks, so they are kept cheap: one printf()
# of the UUID's two halves, and a table or operation name cut from one padded string.
_ROW_ID = ("CASE WHEN row_lo IS NULL THEN row_hi ELSE printf('%08x-%04x-%04x-%04x-%012x', "
           "(row_hi >> 32) & 4294967295, (row_hi >> 16) & 65535, row_hi & 65535, (row_lo >> 48) & 65535, "
           "row_lo & 281474976710655) END")
_WIDTH = max(len(name) for name in TABLE_CODES)
_NAMES = "".join(name.ljust(_WIDTH) for name in TABLE_CODES)
_TBL = (f"CASE WHEN typeof(tbl_code) = 'integer' THEN rtrim(substr('{_NAMES}', tbl_code * {_WIDTH} - {_WIDTH - 1}, "
        f"{_WIDTH})) ELSE tbl_code END")
_OP = f"substr('{''.join(OP_CODES)}', op_code * 6 + 1, 6)"  # each name is 6 letters

SCHEMA = f"""
DROP VIEW audit_log;
DROP VIEW change_log;
DROP VIEW journal_entry;
DROP INDEX journal_row;
ALTER TABLE journal RENAME TO journal_0018;
CREATE TABLE journal (
    seq INTEGER PRIMARY KEY,  -- commit order; the journal is never deleted from
    device INTEGER NOT NULL,  -- journal_device.id
    device_seq INTEGER NOT NULL,
    hlc INTEGER NOT NULL,
    action INTEGER NOT NULL,  -- journal_action.id
    -- declared BLOB: no affinity, a value stays the integer, bytes or text it was written as
    tbl_code BLOB NOT NULL,  -- fieldapp.store.journal.TABLE_CODES number, or the table's name
    row_hi BLOB NOT NULL,  -- a canonical UUID's first 8 bytes as an integer, or the row id's text
    row_lo INTEGER,  -- the UUID's last 8 bytes; NULL for a text id
    op_code INTEGER NOT NULL CHECK (op_code IN (0, 1, 2)),
    fields TEXT,
    row_hash BLOB NOT NULL,
    hash BLOB,
    tbl TEXT GENERATED ALWAYS AS ({_TBL}) VIRTUAL,
    row_id TEXT GENERATED ALWAYS AS ({_ROW_ID}) VIRTUAL,
    op TEXT GENERATED ALWAYS AS ({_OP}) VIRTUAL,
    UNIQUE (device, device_seq)
)
"""

# the index and views of 0013_lean_journal, on the generated texts (the same names and columns)
VIEWS = lean_journal.INDEXES

_BATCH = 20_000
_WORTH_A_REWRITE = 256  # free pages (1 MB): a new or small file is left as it is
_COLUMNS = "seq, device, device_seq, hlc, action, tbl, row_id, op, fields, row_hash, hash"


def _run(conn: sqlite3.Connection, sql: str) -> None:
    for statement in sql.split(";\n"):
        if statement.strip():
            conn.execute(statement)


def convert(conn: sqlite3.Connection) -> None:
    _run(conn, SCHEMA)
    ops = {name: n for n, name in enumerate(OP_CODES)}
    cur = conn.execute(f"SELECT {_COLUMNS} FROM journal_0018 ORDER BY seq")
    while batch := cur.fetchmany(_BATCH):
        conn.executemany(
            "INSERT INTO journal (seq, device, device_seq, hlc, action, tbl_code, row_hi, row_lo, op_code, fields, "
            "row_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [(seq, device, device_seq, hlc, action, table_code(tbl) if isinstance(tbl, str) else tbl,
              *(row_key(row_id) if isinstance(row_id, str) else (row_id, None)), ops[str(op)], fields, row_hash,
              digest)
             for seq, device, device_seq, hlc, action, tbl, row_id, op, fields, row_hash, digest in batch])
    # the copy must read back as the original, or the chain would no longer verify
    # (a merge along both tables' seq; the other columns are copied as they are)
    differs = conn.execute("SELECT o.seq FROM journal_0018 o LEFT JOIN journal n ON n.seq = o.seq "
                           "WHERE n.tbl IS NOT o.tbl OR n.row_id IS NOT o.row_id OR n.op IS NOT o.op "
                           "LIMIT 1").fetchone()
    if differs is not None:  # migrate() rolls the step back and reports it
        raise sqlite3.DatabaseError(f"the compact copy of journal entry {differs[0]} reads back differently")
    conn.execute("DROP TABLE journal_0018")
    _run(conn, VIEWS)


def reclaim(conn: sqlite3.Connection) -> None:
    """After the step: give the old journal's pages back to the disk, once.

    The copy leaves them free inside the file (at 10,000 boreholes 31 MB of
    224), which would keep an upgraded file as large as before; after VACUUM
    it is 186 MB (the step, VACUUM included, took 8 s of CPU there). VACUUM
    cannot run inside the step's transaction, so it runs after it; when it
    cannot (another connection holds the file, the disk is full) the file is
    whole as it is and new entries reuse the free pages."""
    if int(conn.execute("PRAGMA freelist_count").fetchone()[0]) > _WORTH_A_REWRITE:
        with contextlib.suppress(sqlite3.OperationalError):
            conn.execute("VACUUM")
