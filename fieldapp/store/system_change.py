"""Rows a schema step writes, journalled like any action (see fieldapp.store.migrations).

A migration that fills a new table or column from existing rows must leave
an entry for each so that `verify` tells it from tampering and sync carries it
to the hub. The entries are this device's own changes: the next device_seq
numbers of its current identity, stamped after its last HLC, in the chain
after the last entry, by the actor "FieldApp" and the step's name. A file that
has no device id yet (being created) holds no rows to rewrite.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any

from fieldapp.ids import HybridLogicalClock, new_id
from fieldapp.store import journal

ACTOR = "FieldApp"


class SystemChanges:
    """One schema step's writes, each journalled, inside the step's transaction."""

    def __init__(self, conn: sqlite3.Connection, step: str, action: str) -> None:
        self.conn = conn
        row = conn.execute("SELECT value FROM meta WHERE key = 'device_id'").fetchone()
        self.device_id = "" if row is None else str(row[0])
        last = conn.execute("SELECT hash FROM journal ORDER BY seq DESC LIMIT 1").fetchone()
        self.prev_hash = str(last[0]) if last else journal.GENESIS
        self.device_seq = int(conn.execute("SELECT COALESCE(MAX(device_seq), 0) FROM journal WHERE device_id = ?",
                                           (self.device_id,)).fetchone()[0])
        self.clock = HybridLogicalClock(last=int(conn.execute("SELECT COALESCE(MAX(hlc), 0) FROM journal")
                                                 .fetchone()[0]))
        self.action_id = new_id()
        self.action = f"{action} ({step})"
        self.at = datetime.now(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")

    def insert(self, table: str, row: Mapping[str, Any]) -> str:
        record = {"id": new_id(), **row}
        cols = list(record)
        self.conn.execute(f"INSERT INTO {table} ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})",
                          tuple(record.values()))
        text, digest = journal.row_digest(record)
        self._journal(table, str(record["id"]), "insert", text, digest)
        return str(record["id"])

    def update(self, table: str, row_id: str, changes: Mapping[str, Any]) -> None:
        sets = ", ".join(f"{k} = ?" for k in changes)
        self.conn.execute(f"UPDATE {table} SET {sets} WHERE id = ?", (*changes.values(), row_id))
        cur = self.conn.execute(f"SELECT * FROM {table} WHERE id = ?", (row_id,))
        row = dict(zip([d[0] for d in cur.description], cur.fetchone(), strict=True))
        self._journal(table, row_id, "update", journal.canonical(dict(changes)), journal.row_digest(row)[1])

    def _journal(self, table: str, row_id: str, op: str, fields: str, digest: str) -> None:
        if not self.device_id:
            raise sqlite3.OperationalError("the database has rows but no device id to journal them under")
        self.device_seq += 1
        params = journal.entry_params(self.device_id, self.device_seq, self.clock.now(), self.action_id,
                                      self.action, ACTOR, self.at, table, row_id, op, fields, digest,
                                      self.prev_hash)
        self.conn.execute(journal.INSERT_SQL, params)
        self.prev_hash = str(params[-1])
