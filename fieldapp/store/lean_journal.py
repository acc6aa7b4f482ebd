"""Schema step 0013_lean_journal: the journal in its lean form (fieldapp.store.journal).

The step converts every entry in the step's one transaction and changes no
hash: an entry made before it keeps the chain hash it was made with (hub
receipts and the hub's record of each replica name those hashes), and
`verify` checks it with the formula it was made with (meta
``journal_lean_from`` says where the lean entries begin). What it drops is
derived: each entry's previous hash (the entry before it gives it), the
device id and action written again on every entry, and the journal_head
index of 0008: the newest own stamp is the one of the newest own change,
found through the (device, device_seq) index: this device stamps its own
changes in the order it numbers them (a pulled change's stamp is observed
through its bounded value, meta ``observed_hlc``, never its raw one). A hash that is not
lower-case hex (written outside FieldApp) is kept as the text it was, so
`verify` still finds the entry altered.
"""

from __future__ import annotations

import sqlite3

from fieldapp.store.journal import LEAN_FROM

SCHEMA = """
DROP VIEW audit_log;
DROP VIEW change_log;
DROP INDEX journal_row;
DROP INDEX journal_head;
ALTER TABLE journal RENAME TO journal_0012;
CREATE TABLE journal_device (
    id INTEGER PRIMARY KEY,
    device_id TEXT NOT NULL UNIQUE
);
CREATE TABLE journal_action (
    id INTEGER PRIMARY KEY,
    action_id TEXT NOT NULL,
    action TEXT NOT NULL,
    actor TEXT NOT NULL,
    at TEXT NOT NULL
);
CREATE INDEX journal_action_id ON journal_action (action_id);
CREATE TABLE journal (
    seq INTEGER PRIMARY KEY,  -- commit order; the journal is never deleted from
    device INTEGER NOT NULL,  -- journal_device.id (no foreign key: checked on every entry)
    device_seq INTEGER NOT NULL,
    hlc INTEGER NOT NULL,
    action INTEGER NOT NULL,  -- journal_action.id
    tbl TEXT NOT NULL,
    row_id TEXT NOT NULL,
    op TEXT NOT NULL CHECK (op IN ('insert', 'update', 'delete')),
    fields TEXT,  -- NULL: an insert whose text is the row as it stands (fieldapp.store.journal)
    row_hash BLOB NOT NULL,
    hash BLOB,  -- NULL inside an import: it follows from the entries before (journal.KEEP_EVERY)
    -- (device, device_seq) is the change's identity across all devices:
    -- what makes a repeated sync push apply each change once
    UNIQUE (device, device_seq)
)
"""

INDEXES = """
CREATE INDEX journal_row ON journal (tbl, row_id);
CREATE VIEW journal_entry AS
    SELECT j.seq, d.device_id, j.device_seq, j.hlc, a.action_id, a.action, a.actor, a.at, j.tbl, j.row_id, j.op,
           j.fields, j.row_hash, j.hash
    FROM journal j JOIN journal_device d ON d.id = j.device JOIN journal_action a ON a.id = j.action;
CREATE VIEW audit_log AS
    SELECT seq, at, actor, action, action_id, tbl, row_id, op, fields, lower(hex(hash)) AS hash FROM journal_entry;
CREATE VIEW change_log AS
    SELECT device_id, device_seq, hlc, tbl, row_id, op, fields FROM journal_entry
"""

_BATCH = 20_000


def _run(conn: sqlite3.Connection, sql: str) -> None:
    for statement in sql.split(";\n"):
        if statement.strip():
            conn.execute(statement)


def _blob(text: object) -> object:
    """A hex hash as its 32 bytes ('' as an empty blob); anything else as it was."""
    if isinstance(text, str):
        try:
            data = bytes.fromhex(text)
        except ValueError:
            return text
        if data.hex() == text and len(data) in (0, 32):
            return data
    return text


def convert(conn: sqlite3.Connection) -> None:
    _run(conn, SCHEMA)
    conn.execute("INSERT INTO journal_device (device_id) SELECT device_id FROM journal_0012 "
                 "GROUP BY device_id ORDER BY MIN(seq)")
    conn.execute("INSERT INTO journal_action (action_id, action, actor, at) SELECT action_id, action, actor, at "
                 "FROM journal_0012 GROUP BY action_id, action, actor, at ORDER BY MIN(seq)")
    devices = {str(d): int(i) for i, d in conn.execute("SELECT id, device_id FROM journal_device")}
    actions = {(str(a), str(b), str(c), str(d)): int(i)
               for i, a, b, c, d in conn.execute("SELECT id, action_id, action, actor, at FROM journal_action")}
    cur = conn.execute("SELECT seq, device_id, device_seq, hlc, action_id, action, actor, at, tbl, row_id, op, "
                       "fields, row_hash, hash FROM journal_0012 ORDER BY seq")
    last = 0
    while batch := cur.fetchmany(_BATCH):
        conn.executemany(
            "INSERT INTO journal (seq, device, device_seq, hlc, action, tbl, row_id, op, fields, row_hash, hash) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [(seq, devices[str(device)], device_seq, hlc, actions[(str(a), str(b), str(c), str(d))], tbl, row_id,
              op, fields, _blob(row_hash), _blob(digest))
             for seq, device, device_seq, hlc, a, b, c, d, tbl, row_id, op, fields, row_hash, digest in batch])
        last = int(batch[-1][0])
    conn.execute("DROP TABLE journal_0012")
    _run(conn, INDEXES)
    conn.execute("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", (LEAN_FROM, str(last + 1)))
