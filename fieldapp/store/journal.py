"""The journal: every change to the field record, in commit order, hash-chained.

One table serves two readers. Sync reads it as the change log (row id,
table, operation, changed fields with values, device id, per-device sequence
number, HLC stamp). `fieldapp verify` reads it as the audit log (who, when,
what) and checks two things: that each entry's hash covers the previous
entry's hash (so no entry was edited, inserted or removed in the middle), and
that each row's last recorded hash matches the row as it is now (so no row
was changed, inserted or deleted behind FieldApp's back).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

GENESIS = "0" * 64

Row = Mapping[str, Any]


def canonical(value: object) -> str:
    """Deterministic JSON: sorted keys, no spaces, UTF-8 kept."""
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def _normal(value: object) -> object:
    # SQLite's column affinity gives 1.0 back as 1.0 from a REAL column even
    # when 1 went in; hash the number, not the Python type it came back as.
    if type(value) is float and value.is_integer():
        return int(value)
    if isinstance(value, bytes):
        return value.hex()
    return value



def row_digest(row: Row) -> tuple[str, str]:
    """The canonical JSON of a row and its hash. NULL columns are left out so
    that a migration adding a nullable column does not change existing hashes."""
    text = canonical({
        k: (int(v) if type(v) is float and v.is_integer() else _normal(v) if type(v) is bytes else v)
        for k, v in row.items()
        if v is not None
    })
    return text, hashlib.sha256(text.encode()).hexdigest()


def row_hash(row: Row) -> str:
    return row_digest(row)[1]


@dataclass(frozen=True)
class Entry:
    """One journal row (one change to one domain row)."""

    device_id: str
    device_seq: int
    hlc: int
    action_id: str
    action: str
    actor: str
    at: str
    tbl: str
    row_id: str
    op: str
    fields: str
    row_hash: str
    prev_hash: str

    def chain_hash(self) -> str:
        return str(self.as_params()[-1])

    def as_params(self) -> tuple[object, ...]:
        return entry_params(*(getattr(self, name) for name in JOURNAL_COLUMNS))


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
    """The journal row for the values of :data:`JOURNAL_COLUMNS`, with its hash.

    The hash covers every column in order, the previous entry's hash last,
    exactly as :meth:`Entry.chain_hash` computes it."""
    prev_hash = values[-1]
    payload = "\x1f".join((str(prev_hash), *(str(v) for v in values[:-1])))
    return (*values, hashlib.sha256(payload.encode()).hexdigest())
