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
from fieldapp.store import journal, journal_legacy

ACTOR = "FieldApp"


class SystemChanges:
    """One schema step's writes, each journalled, inside the step's transaction,
    in the journal's format at that step (legacy before 0013_lean_journal)."""

    def __init__(self, conn: sqlite3.Connection, step: str, action: str) -> None:
        self.conn = conn
        row = conn.execute("SELECT value FROM meta WHERE key = 'device_id'").fetchone()
        self.device_id = "" if row is None else str(row[0])
        self.clock = HybridLogicalClock(last=int(conn.execute("SELECT COALESCE(MAX(hlc), 0) FROM journal")
                                                 .fetchone()[0]))
        self.action = f"{action} ({step})"
        self.at = datetime.now(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")
        self.legacy = journal_legacy.is_legacy(conn)
        self.stamp = (new_id(), self.action, ACTOR, self.at)
        self._appender: journal.Appender | journal_legacy.LegacyAppender | None = None

    def insert(self, table: str, row: Mapping[str, Any]) -> str:
        record = {"id": new_id(), **row}
        cols = list(record)
        self.conn.execute(f"INSERT INTO {table} ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})",
                          tuple(record.values()))
        text, digest = journal.row_digest(record)
        self._journal(table, str(record["id"]), "insert", None if not self.legacy else text, digest)
        return str(record["id"])

    def update(self, table: str, row_id: str, changes: Mapping[str, Any]) -> None:
        if not self.legacy:
            before = journal.current_row(self.conn, table, row_id)
            if before is not None:
                journal.materialize(self.conn, table, row_id, journal.row_digest(before)[0])
        sets = ", ".join(f"{k} = ?" for k in changes)
        self.conn.execute(f"UPDATE {table} SET {sets} WHERE id = ?", (*changes.values(), row_id))
        row = journal.current_row(self.conn, table, row_id) or {}
        self._journal(table, row_id, "update", journal.canonical(dict(changes)), journal.row_hash(row))

    def _journal(self, table: str, row_id: str, op: str, fields: str | None, digest: bytes) -> None:
        if not self.device_id:
            raise sqlite3.OperationalError("the database has rows but no device id to journal them under")
        if self._appender is None:
            self._appender = (journal_legacy.LegacyAppender(self.conn, self.device_id, self.stamp) if self.legacy
                              else journal.Appender(self.conn, self.device_id, self.stamp))
        if isinstance(self._appender, journal.Appender):
            self._appender.add(table, row_id, op, fields, digest, self.clock.now())
        else:
            assert fields is not None
            self._appender.add(table, row_id, op, fields, digest, self.clock.now())
