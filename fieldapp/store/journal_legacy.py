"""The journal as FieldApp wrote it up to schema step 0012: every column of an
entry on the entry, hashes as hex text, each entry naming the hash before it.

Kept for two readers: `fieldapp verify` of a file of an earlier FieldApp
(verify never upgrades), and schema steps before 0013_lean_journal that
journal rows they write (fieldapp.store.system_change) on such a file. Tests
build files of those steps with ``Store.open(upto=...)``, which write here too.
The chain hash of an entry made in this format stays what it was after the
conversion (fieldapp.store.journal), so hub receipts of it still match.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import hashlib
else:
    from fieldapp.first_use import FirstUse

    hashlib = FirstUse("hashlib", globals())  # OpenSSL at the first hash, not at every start (~4 ms)

GENESIS = "0" * 64

INSERT_SQL = (
    "INSERT INTO journal (device_id, device_seq, hlc, action_id, action, actor, at, "
    "tbl, row_id, op, fields, row_hash, prev_hash, hash) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
)

JOURNAL_COLUMNS = (
    "device_id", "device_seq", "hlc", "action_id", "action", "actor", "at",
    "tbl", "row_id", "op", "fields", "row_hash", "prev_hash",
)


def entry_params(*values: object) -> tuple[object, ...]:
    """The journal row for the values of :data:`JOURNAL_COLUMNS`, with its hash."""
    (device_id, device_seq, hlc, action_id, action, actor, at, tbl, row_id, op, fields, row_hash,
     prev_hash) = values
    action_part = action_key(str(action_id), str(action), str(actor), str(at))
    digest = entry_hash(str(prev_hash), str(device_id), int(str(device_seq)), int(str(hlc)), action_part,
                        str(tbl), str(row_id), str(op), str(fields), str(row_hash))
    return (*values, digest)


def action_key(action_id: str, action: str, actor: str, at: str) -> str:
    """The part of an entry's hashed text that one action shares by all its entries."""
    return f"{action_id}\x1f{action}\x1f{actor}\x1f{at}"


def entry_hash(prev_hash: str, device_id: str, device_seq: int, hlc: int, action_part: str,
               tbl: str, row_id: str, op: str, fields: str, row_hash: str) -> str:
    """The chain hash: every column of the entry, the previous entry's hash first."""
    return chain_hasher(device_id, action_part, tbl, op)(prev_hash, device_seq, hlc, row_id, fields, row_hash)


def chain_hasher(device_id: str, action_part: str, tbl: str, op: str) -> Callable[[str, int, int, str, str, str], str]:
    """:func:`entry_hash` with the parts one batch shares fixed."""
    head = f"\x1f{device_id}\x1f"
    middle = f"\x1f{action_part}\x1f{tbl}\x1f"
    after_row = f"\x1f{op}\x1f"
    sha256 = hashlib.sha256

    def link(prev_hash: str, device_seq: int, hlc: int, row_id: str, fields: str, row_hash: str) -> str:
        payload = f"{prev_hash}{head}{device_seq}\x1f{hlc}{middle}{row_id}{after_row}{fields}\x1f{row_hash}"
        return sha256(payload.encode()).hexdigest()

    return link


def is_legacy(conn: sqlite3.Connection) -> bool:
    """Whether the open file's journal is still in this format (before 0013_lean_journal)."""
    return any(r[1] == "prev_hash" for r in conn.execute("PRAGMA table_info(journal)"))


def converted_link(prev: object, device: str, device_seq: object, hlc: object, action: tuple[str, str, str, str],
                   tbl: object, row_id: object, op: object, fields: object, row_hash: object) -> bytes:
    """The hash of an entry made in this format and converted by 0013_lean_journal
    (hashes as bytes there), computed as it was made."""
    def hexed(value: object) -> object:
        return value.hex() if isinstance(value, bytes) else value
    text = (f"{hexed(prev)}\x1f{device}\x1f{device_seq}\x1f{hlc}\x1f{action_key(*action)}\x1f{tbl}"
            f"\x1f{row_id}\x1f{op}\x1f{fields}\x1f{hexed(row_hash)}")
    return hashlib.sha256(text.encode()).digest()


class LegacyAppender:
    """fieldapp.store.journal.Appender for a file still at an earlier schema step."""

    def __init__(self, conn: sqlite3.Connection, device_id: str, action: tuple[str, str, str, str]) -> None:
        self.conn = conn
        self.device_id = device_id
        self.action = action
        last = conn.execute("SELECT hash FROM journal ORDER BY seq DESC LIMIT 1").fetchone()
        self.prev = str(last[0]) if last else GENESIS
        self.device_seq = int(conn.execute("SELECT COALESCE(MAX(device_seq), 0) FROM journal WHERE device_id = ?",
                                           (device_id,)).fetchone()[0])

    def add(self, tbl: str, row_id: str, op: str, fields: str, row_digest: bytes, hlc: int) -> None:
        self.device_seq += 1
        params = entry_params(self.device_id, self.device_seq, hlc, *self.action, tbl, row_id, op, fields,
                              row_digest.hex(), self.prev)
        self.conn.execute(INSERT_SQL, params)
        self.prev = str(params[-1])
