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
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

import orjson

GENESIS = "0" * 64

Row = Mapping[str, Any]


def canonical(value: object) -> str:
    """Deterministic JSON: sorted keys, no spaces, UTF-8 kept.

    orjson, not the json module: an import of a season's work hashes a few
    hundred thousand rows, and this is most of the cost of keeping the audit
    chain."""
    return orjson.dumps(value, option=orjson.OPT_SORT_KEYS).decode()


def _normal(row: Row) -> dict[str, Any]:
    # SQLite's column affinity gives 1.0 back as 1.0 from a REAL column even
    # when 1 went in; hash the number, not the Python type it came back as.
    # (Inline, not a function per value: every borehole row comes this way.)
    return {k: int(v) if type(v) is float and v.is_integer() else v.hex() if type(v) is bytes else v
            for k, v in row.items()}


def row_digest(row: Row) -> tuple[str, str]:
    """The canonical JSON of a row and its hash. NULL columns are left out so
    that a migration adding a nullable column does not change existing hashes."""
    present = {k: v for k, v in row.items() if v is not None}
    try:
        raw = orjson.dumps(present, option=orjson.OPT_SORT_KEYS)
    except TypeError:  # bytes
        raw = b".0"
    # An integral float prints as "1.0"; only then (or when some text merely
    # contains ".0") is the slower exact normalisation needed.
    if b".0" in raw:
        raw = orjson.dumps(_normal(present), option=orjson.OPT_SORT_KEYS)
    return raw.decode(), hashlib.sha256(raw).hexdigest()


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
    """:func:`entry_hash` with the parts one batch shares fixed: the text
    around them is built once, not for each of an import's 100,000s of rows."""
    head = f"\x1f{device_id}\x1f"
    middle = f"\x1f{action_part}\x1f{tbl}\x1f"
    after_row = f"\x1f{op}\x1f"
    sha256 = hashlib.sha256

    def link(prev_hash: str, device_seq: int, hlc: int, row_id: str, fields: str, row_hash: str) -> str:
        payload = f"{prev_hash}{head}{device_seq}\x1f{hlc}{middle}{row_id}{after_row}{fields}\x1f{row_hash}"
        return sha256(payload.encode()).hexdigest()

    return link
