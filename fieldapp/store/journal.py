"""The journal: every change to the field record, in commit order, hash-chained.

One table serves two readers. Sync reads it as the change log (row id,
table, operation, changed fields with values, device id, per-device sequence
number, HLC stamp). `fieldapp verify` reads it as the audit log (who, when,
what) and checks two things: that each entry's hash covers the previous
entry's hash (so no entry was edited, inserted or removed in the middle), and
that each row's last recorded hash matches the row as it is now (so no row
was changed, inserted or deleted behind FieldApp's back).

Lean since schema step 0013 (issue 18; the format before is
fieldapp.store.journal_legacy, whose entries keep their hashes):
- the device id and the action (id, name, actor, time) are written once, in
  ``journal_device`` and ``journal_action``, and entries refer to them;
- hashes are 32-byte blobs; an entry's previous hash is the one before it in
  ``seq`` order, not a column;
- an insert whose row still stands as inserted keeps ``fields`` NULL: its text
  is the row's canonical text, whose hash is ``row_hash``. Whatever changes or
  deletes the row first writes that text into the entry (:func:`materialize`);
- the chain hash covers a compact encoding: the previous hash, the hash of
  ``fields`` (for a NULL one, ``row_hash``), the row hash, the length-prefixed
  texts of device, action, table and operation, the numbers and the row id.
"""

from __future__ import annotations

import re
import sqlite3
import struct
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from fieldapp.errors import IntegrityError
from fieldapp.store import journal_legacy

if TYPE_CHECKING:
    import hashlib

    import orjson
else:
    from fieldapp.first_use import FirstUse

    # orjson (with the uuid and platform modules it loads, ~8 ms) and hashlib (OpenSSL, ~4 ms) at the
    # first entry written or hashed: opening a store to read it (the GUI's first window) needs neither
    orjson = FirstUse("orjson", globals())
    hashlib = FirstUse("hashlib", globals())

GENESIS = bytes(32)
_NO_ROW = bytes(32)  # the row hash of a delete in the hashed text (stored as an empty blob)
LEAN_FROM = "journal_lean_from"
# An import keeps the chain hash of every 64th entry and of its last one: the
# others follow from them (verify recomputes each and compares where one is
# kept; hash_at gives any). A broken entry is then named within 64.
KEEP_EVERY = 64  # meta: the first seq written in this format

Row = Mapping[str, Any]
Action = tuple[str, str, str, str]  # action id, name, actor, time

# an entry of the device (replica) id given as the parameter
OF_DEVICE = "device = (SELECT id FROM journal_device WHERE device_id = ?)"
# Since schema step 0020_compact_journal an entry stores its table, row id and
# operation compactly (fieldapp.store.compact_journal): a table of this list as
# its number (1, 2, ...), a canonical UUID as two 64-bit integers, the operation as
# 0, 1 or 2; the columns tbl, row_id and op give them back as text (generated),
# so every query reads and filters them as before. The list is fixed: the
# journal's generated column decodes exactly these; a table added later is
# stored by its name.
TABLE_CODES: tuple[str, ...] = (
    "project", "borehole", "layer", "sample", "sample_part", "container", "shipment", "shipment_item",
    "custody_event", "boring_process", "analysis_sample_part", "staff", "field_day", "field_day_staff",
    "deviation", "pfas_checklist", "asbestos_judgement", "inspection_pit", "inspection_fraction", "well",
    "sampling_round", "purge_reading", "photo",
)
OP_CODES: tuple[str, ...] = ("insert", "update", "delete")
_TABLE_CODE = {name: n for n, name in enumerate(TABLE_CODES, 1)}
TABLE_NAMES: dict[object, str] = {n: name for name, n in _TABLE_CODE.items()}  # tbl_code -> the name ``tbl`` gives
_OP_CODE = {name: n for n, name in enumerate(OP_CODES)}
# (row_lo last: a caller may replace an entry's fields, its 8th value, before writing it)
INSERT_SQL = ("INSERT INTO journal (device, device_seq, hlc, action, tbl_code, row_hi, op_code, fields, row_hash, "
              "hash, row_lo) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
# An import's own inserts (:meth:`Appender.add_inserts`): what every entry of one call shares
# (device, action, operation 0, fields NULL) is written into the statement, bound once. The row
# hash is bound as a bytearray and an unkept chain hash as 0 (NULL by nullif): CPython's sqlite3
# binds an int, float, str or bytearray at once, but for bytes and None it first looks for an
# adapter, raising and clearing an AttributeError each time (a fifth of an import's journal writes).
_INSERTS_SQL = ("INSERT INTO journal (device, device_seq, hlc, action, tbl_code, row_hi, op_code, fields, row_hash, "
                "hash, row_lo) VALUES ({device:d}, ?, ?, {action:d}, ?, ?, 0, NULL, ?, nullif(?, 0), ?)")
MATERIALIZE_SQL = "UPDATE journal SET fields = ? WHERE tbl = ? AND row_id = ? AND fields IS NULL"


def table_code(tbl: str) -> int | str:
    """What the journal stores for a table name (see :data:`TABLE_CODES`)."""
    return _TABLE_CODE.get(tbl, tbl)


def op_code(op: str) -> int:
    return _OP_CODE[op]


_UUID_DIGITS = re.compile(r"[0-9a-f]{32}")


def row_key(row_id: str) -> tuple[int | str, int | None]:
    """What the journal stores for a row id (row_hi, row_lo): a canonical
    (lower-case) UUID as its two 64-bit halves, which the generated column
    ``row_id`` spells back exactly; any other id as its text and NULL."""
    if len(row_id) == 36 and row_id[8] == row_id[13] == row_id[18] == row_id[23] == "-":
        digits = row_id.replace("-", "")
        if len(digits) == 32 and _UUID_DIGITS.fullmatch(digits):
            hi, lo = _HALVES.unpack(bytes.fromhex(digits))  # SQLite's signed integers
            return hi, lo
    return row_id, None


_UUIDS_HEX = re.compile(r"[0-9a-f]*")
_HALVES = struct.Struct(">qq")


def row_keys(row_ids: Sequence[str]) -> list[tuple[int | str, int | None]]:
    """:func:`row_key` of many ids at once (an import's): when all are canonical
    UUIDs, checked and split in a few passes over their joined text."""
    joined = "".join(row_ids)
    n = len(row_ids)
    if (len(joined) == 36 * n and joined.count("-") == 4 * n
            and not any(joined[at::36].strip("-") for at in (8, 13, 18, 23))):
        digits = joined.replace("-", "")
        if _UUIDS_HEX.fullmatch(digits):
            return list(_HALVES.iter_unpack(bytes.fromhex(digits)))
    return [row_key(row_id) for row_id in row_ids]


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


def row_digest(row: Row) -> tuple[str, bytes]:
    """The canonical JSON of a row and its SHA-256. NULL columns are left out so
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
    return raw.decode(), hashlib.sha256(raw).digest()


def row_hash(row: Row) -> bytes:
    """:func:`row_digest`'s hash alone (the lean journal keeps an insert's text in its row)."""
    present = {k: v for k, v in row.items() if v is not None}
    try:
        raw = orjson.dumps(present, option=orjson.OPT_SORT_KEYS)
    except TypeError:  # bytes
        raw = b".0"
    if b".0" in raw:
        raw = orjson.dumps(_normal(present), option=orjson.OPT_SORT_KEYS)
    return hashlib.sha256(raw).digest()


def _part(text: str) -> bytes:
    data = text.encode()
    return len(data).to_bytes(4, "big") + data


def prefix(device_id: str, action: Action, tbl: str, op: str) -> bytes:
    """The hashed texts that all entries of one device, action, table and operation share."""
    return b"".join(_part(t) for t in (device_id, *action, tbl, op))


def link(prev: bytes, fields_digest: bytes, row_digest_: bytes, shared: bytes, device_seq: int, hlc: int,
         row_id: str) -> bytes:
    """The chain hash of an entry. Fixed-size hashes, then length-prefixed texts,
    then the two numbers and the row id: no two entries give the same bytes."""
    return hashlib.sha256(b"".join((prev, fields_digest, row_digest_ or _NO_ROW, shared,
                                    f"{device_seq},{hlc},{row_id}".encode()))).digest()


def fields_digest(fields: str | None, row_digest_: bytes) -> bytes:
    return row_digest_ if fields is None else hashlib.sha256(fields.encode()).digest()


def lean_from(conn: sqlite3.Connection) -> int:
    """The first journal seq of this format (entries before it are in the legacy format)."""
    row = conn.execute("SELECT value FROM meta WHERE key = ?", (LEAN_FROM,)).fetchone()
    if row is None:
        return 1
    value = row[0]
    # FieldApp writes the digits of a seq; anything else (a word, a float, thousands of digits, which
    # int() refuses too) was written by hand, and every reader of the chain must say so, not crash
    if type(value) is int or (isinstance(value, str) and value.isascii() and value.isdigit() and len(value) <= 19):
        return int(value)
    raise IntegrityError(f"meta {LEAN_FROM} is {value!r}, not a number (changed outside FieldApp)", table="meta")


def device_ref(conn: sqlite3.Connection, device_id: str, *, create: bool = True) -> int | None:
    row = conn.execute("SELECT id FROM journal_device WHERE device_id = ?", (device_id,)).fetchone()
    if row is not None:
        return int(row[0])
    if not create:
        return None
    return int(conn.execute("INSERT INTO journal_device (device_id) VALUES (?)", (device_id,)).lastrowid or 0)


def action_ref(conn: sqlite3.Connection, action: Action) -> int:
    row = conn.execute("SELECT id FROM journal_action WHERE action_id = ? AND action = ? AND actor = ? AND at = ?",
                       action).fetchone()
    if row is not None:
        return int(row[0])
    return int(conn.execute("INSERT INTO journal_action (action_id, action, actor, at) VALUES (?, ?, ?, ?)",
                            action).lastrowid or 0)


def actions(conn: sqlite3.Connection, refs: Iterable[int]) -> dict[int, Action]:
    """The action (id, name, actor, time) of each ``journal_action`` id of ``refs``."""
    wanted = sorted(set(refs))
    found: dict[int, Action] = {}
    for start in range(0, len(wanted), 500):
        chunk = wanted[start:start + 500]
        found.update((row[0], row[1:]) for row in conn.execute(
            f"SELECT id, action_id, action, actor, at FROM journal_action WHERE id IN ({', '.join('?' * len(chunk))})",
            chunk))
    return found


def head(conn: sqlite3.Connection) -> tuple[bytes, int]:
    """The chain hash and the stamp of the last entry."""
    last = conn.execute("SELECT seq, hash, hlc FROM journal ORDER BY seq DESC LIMIT 1").fetchone()
    if last is None:
        return GENESIS, 0
    return (bytes(last[1]) if last[1] is not None else hash_at(conn, int(last[0]))), int(last[2])


def hash_at(conn: sqlite3.Connection, seq: int) -> bytes:
    """The chain hash of entry ``seq``: stored, or (inside an import, see
    :data:`KEEP_EVERY`) computed from the last stored one before it."""
    start = conn.execute("SELECT seq, hash FROM journal WHERE seq <= ? AND hash IS NOT NULL "
                         "ORDER BY seq DESC LIMIT 1", (seq,)).fetchone()
    prev, after = (GENESIS, 0) if start is None else (bytes(start[1]), int(start[0]))
    lean = lean_from(conn)
    for entry in conn.execute(f"SELECT {_ENTRY} FROM journal_entry WHERE seq > ? AND seq <= ? ORDER BY seq",
                              (after, seq)).fetchall():
        prev = _expected(prev, entry, lean)
    return prev


# the columns :func:`_expected` takes, from the journal_entry view
_ENTRY = "seq, device_id, device_seq, hlc, action_id, action, actor, at, tbl, row_id, op, fields, row_hash"


def _expected(prev: bytes, entry: Sequence[Any], lean: int) -> bytes:
    seq, device_id, device_seq, hlc, action_id, action, actor, at, tbl, row_id, op, fields, digest = entry
    stamp: Action = (str(action_id), str(action), str(actor), str(at))
    if seq >= lean:
        return link(prev, fields_digest(fields, digest), digest, prefix(str(device_id), stamp, tbl, op),
                    device_seq, hlc, row_id)
    return journal_legacy.converted_link(prev, str(device_id), device_seq, hlc, stamp, tbl, row_id, op,
                                         fields, digest)


class Appender:
    """Writes entries at the end of the chain, inside the caller's transaction."""

    def __init__(self, conn: sqlite3.Connection, device_id: str, action: Action) -> None:
        self.conn = conn
        self.device_id = device_id
        self.device = device_ref(conn, device_id) or 0
        self.prev, self.last_hlc = head(conn)
        self.device_seq = int(conn.execute("SELECT COALESCE(MAX(device_seq), 0) FROM journal WHERE device = ?",
                                           (self.device,)).fetchone()[0])
        self.action = action
        self._action: int | None = None
        self._refs: dict[Any, int] = {}
        self._prefixes: dict[tuple[str, Action, str, str], bytes] = {}
        self._remote: dict[tuple[str, Action, str, str], tuple[int, int, bytes, int | str, int]] = {}

    def own_action(self) -> int:
        if self._action is None:
            self._action = action_ref(self.conn, self.action)
        return self._action

    def shared(self, device_id: str, action: Action, tbl: str, op: str) -> bytes:
        key = (device_id, action, tbl, op)
        found = self._prefixes.get(key)
        if found is None:
            found = self._prefixes[key] = prefix(*key)
        return found

    def add(self, tbl: str, row_id: str, op: str, fields: str | None, row_digest_: bytes, hlc: int) -> None:
        """One own entry; ``fields`` None: an insert whose text is the row's."""
        self.device_seq += 1
        chained = link(self.prev, fields_digest(fields, row_digest_), row_digest_,
                       self.shared(self.device_id, self.action, tbl, op), self.device_seq, hlc, row_id)
        hi, lo = row_key(row_id)
        self.conn.execute(INSERT_SQL, (self.device, self.device_seq, hlc, self.own_action(), table_code(tbl), hi,
                                       _OP_CODE[op], fields, row_digest_, chained, lo))
        self.prev = chained

    def add_inserts(self, tbl: str, rows: Sequence[tuple[str, bytes]], hlc: int) -> None:
        """Own inserts of rows (row id, row hash) in one executemany, stamped hlc, hlc + 1, ..."""
        self.add_inserts_of([(tbl, rows, hlc)])

    def add_inserts_of(self, tables: Sequence[tuple[str, Sequence[tuple[str, bytes]], int]]) -> None:
        """:meth:`add_inserts` of several tables in turn (an import's chunk), in one executemany."""
        device, action, seq, prev = self.device, self.own_action(), self.device_seq, self.prev
        sha256, join = hashlib.sha256, b"".join
        entries: list[tuple[object, ...]] = []
        add = entries.append
        for tbl, rows, first_hlc in tables:
            shared = self.shared(self.device_id, self.action, tbl, "insert")
            code, keys, hlc = table_code(tbl), row_keys([row_id for row_id, _ in rows]), first_hlc
            # each table's last entry keeps its hash, and every KEEP_EVERY-th before it
            for n, (row_id, digest), (hi, lo) in zip(range(1 - len(rows), 1), rows, keys, strict=True):
                seq += 1
                prev = sha256(join((prev, digest, digest, shared, f"{seq},{hlc},{row_id}".encode()))).digest()
                add((seq, hlc, code, hi, bytearray(digest), prev if n % KEEP_EVERY == 0 else 0, lo))
                hlc += 1
        if not entries:
            return
        # Every entry here is an insert: its op_code is the literal 0 of the statement (see write_unchecked;
        # setting its pragma makes SQLite compile every statement of the connection again at its next
        # use: once per call, so an import's chunk journals all its tables in one)
        write_unchecked(self.conn, _INSERTS_SQL.format(device=device, action=action), entries)
        self.device_seq, self.prev = seq, prev

    def remote_params(self, device_id: str, device_seq: int, hlc: int, action: Action, tbl: str, row_id: str,
                      op: str, fields: str | None, row_digest_: bytes,
                      stored_id: tuple[int | str, int | None] | None = None) -> tuple[object, ...]:
        """The entry of a pulled change under its own identity, chained here
        (not written: the bulk pull writes many with one executemany). A NULL
        ``fields`` is the change's own text, which is the row's: its hash is the row hash.
        ``stored_id``: the row id's :func:`row_key`, when the caller has it (from :func:`row_keys` of a batch)."""
        # what the entries of one author, action, table and operation share, looked up once
        # (a pull brings 100,000s of entries from a few actions)
        key = (device_id, action, tbl, op)
        shared = self._remote.get(key)
        if shared is None:
            device = self._refs.get(device_id)
            if device is None:
                device = self._refs[device_id] = device_ref(self.conn, device_id) or 0
            ref = self._refs.get(action)
            if ref is None:
                ref = self._refs[action] = action_ref(self.conn, action)
            shared = self._remote[key] = (device, ref, self.shared(*key), table_code(tbl), _OP_CODE[op])
        device, ref, texts, code, op_number = shared
        # link(), inline
        chained = hashlib.sha256(b"".join((
            self.prev, row_digest_ if fields is None else hashlib.sha256(fields.encode()).digest(),
            row_digest_ or _NO_ROW, texts, f"{device_seq},{hlc},{row_id}".encode()))).digest()
        self.prev = chained
        hi, lo = row_key(row_id) if stored_id is None else stored_id
        return (device, device_seq, hlc, ref, code, hi, op_number, fields, row_digest_, chained, lo)


def write_unchecked(conn: sqlite3.Connection, sql: str, entries: Iterable[Sequence[object]]) -> None:
    """Journal entries whose op_code is 0, 1 or 2 by construction (a literal, or :data:`OP_CODES`'
    number), so that the table's only CHECK (op_code IN (0, 1, 2)) cannot fail. SQLite evaluates it
    after computing the generated columns of each entry, which costs a third of the journal writes of
    an import or a pull; the pragma leaves out that one check for this statement only."""
    conn.execute("PRAGMA ignore_check_constraints = ON")
    try:
        conn.executemany(sql, entries)
    finally:
        conn.execute("PRAGMA ignore_check_constraints = OFF")


def remote_fields(fields: str, row_text: str | None) -> str | None:
    """What a pulled change's entry keeps as fields: NULL when it is an insert
    whose text is the row as merged here (so the row gives it back)."""
    return None if row_text is not None and fields == row_text else fields


def materialize(conn: sqlite3.Connection, tbl: str, row_id: str, row_text: str) -> None:
    """Before a row changes: the insert entry that leaves its text to the row keeps it now."""
    conn.execute(MATERIALIZE_SQL, (row_text, tbl, row_id))


def current_row(conn: sqlite3.Connection, tbl: str, row_id: str) -> dict[str, Any] | None:
    cur = conn.execute(f"SELECT * FROM {tbl} WHERE id = ?", (row_id,))
    found = cur.fetchone()
    return None if found is None else dict(zip([d[0] for d in cur.description], found, strict=True))


def row_texts(conn: sqlite3.Connection, tbl: str, ids: Iterable[str]) -> dict[str, tuple[str, bytes]]:
    """The canonical text and hash of each row of ``tbl`` with one of ``ids`` (absent ones left out)."""
    wanted = sorted(set(ids))
    # the columns in the canonical text's (sorted) order: each row's dict is then made once, in that order
    names = sorted(d[0] for d in conn.execute(f"SELECT * FROM {tbl} LIMIT 0").description)
    at_id = names.index("id")
    select = ", ".join(f'"{name}"' for name in names)
    sha256, dumps, sort_keys = hashlib.sha256, orjson.dumps, orjson.OPT_SORT_KEYS
    out: dict[str, tuple[str, bytes]] = {}
    for start in range(0, len(wanted), 500):
        chunk = wanted[start:start + 500]
        for values in conn.execute(f"SELECT {select} FROM {tbl} WHERE id IN ({', '.join('?' * len(chunk))})",
                                   chunk):
            present = {k: v for k, v in zip(names, values, strict=True) if v is not None}
            try:  # row_digest, inline
                raw = dumps(present, option=sort_keys)
            except TypeError:  # bytes
                raw = b".0"
            if b".0" in raw:
                try:
                    raw = dumps(_normal(present), option=sort_keys)
                except TypeError:  # a REAL of 1.05e20 written by hand: left out, so not as its entry records it
                    continue
            out[str(values[at_id])] = (raw.decode(), sha256(raw).digest())
    return out


def fill_fields(conn: sqlite3.Connection, entries: Sequence[tuple[str, str, str | None]]) -> dict[tuple[str, str], str]:
    """The text of each (table, row id) whose entry (table, row id, fields) has
    fields NULL: the row as it stands, checked against its insert's row hash
    (sync must not carry a row changed behind FieldApp's back)."""
    wanted: dict[str, list[str]] = {}
    for tbl, row_id, fields in entries:
        if fields is None:
            wanted.setdefault(tbl, []).append(row_id)
    recorded: list[tuple[str, str, bytes | None]] = []
    for tbl, ids in wanted.items():
        hashes: dict[str, bytes] = {}
        for start in range(0, len(ids), 500):
            chunk = ids[start:start + 500]
            hashes.update(conn.execute(f"SELECT row_id, row_hash FROM journal WHERE tbl = ? AND fields IS NULL "
                                       f"AND row_id IN ({', '.join('?' * len(chunk))})", (tbl, *chunk)))
        recorded.extend((tbl, row_id, hashes.get(row_id)) for row_id in ids)
    return checked_texts(conn, recorded)


def checked_texts(conn: sqlite3.Connection, entries: Iterable[tuple[str, str, bytes | None]]
                  ) -> dict[tuple[str, str], str]:
    """:func:`fill_fields` of entries (table, row id, row hash) whose insert's row hash the caller
    has read already (the entries themselves, when it read those that leave their text to the row)."""
    wanted: dict[str, list[tuple[str, bytes | None]]] = {}
    for tbl, row_id, digest in entries:
        wanted.setdefault(tbl, []).append((row_id, digest))
    out: dict[tuple[str, str], str] = {}
    for tbl, recorded in wanted.items():
        texts = row_texts(conn, tbl, (row_id for row_id, _ in recorded))
        for row_id, digest in recorded:
            found = texts.get(row_id)
            if found is None or found[1] != digest:
                raise IntegrityError(
                    f"{tbl} row {row_id} is not as its journal entry records it (changed outside FieldApp).",
                    hint="Run `fieldapp verify` on this database and tell the coordinator; nothing was sent.",
                    table=tbl, row_id=row_id)
            out[(tbl, row_id)] = found[0]
    return out


def rechain(conn: sqlite3.Connection, start: int) -> None:
    """Recompute the chain hash of every entry from seq ``start`` on (after a
    fork renumbered them), each in the format it was made in; hashes an import
    did not keep stay unkept."""
    prev = hash_at(conn, start - 1) if start > 1 else GENESIS
    lean = lean_from(conn)
    for entry in conn.execute(f"SELECT {_ENTRY}, hash IS NULL FROM journal_entry WHERE seq >= ? ORDER BY seq",
                              (start,)).fetchall():
        prev = _expected(prev, entry[:-1], lean)
        if not entry[-1]:
            conn.execute("UPDATE journal SET hash = ? WHERE seq = ?", (prev, entry[0]))


def history(conn: sqlite3.Connection, tbl: str, row_id: str) -> list[tuple[str, str]]:
    """(operation, fields text) of each entry of one row, oldest first; an
    insert that leaves its text to the row gives the row's."""
    rows = conn.execute("SELECT op, fields FROM journal WHERE tbl = ? AND row_id = ? ORDER BY seq",
                        (tbl, row_id)).fetchall()
    texts = fill_fields(conn, [(tbl, row_id, r[1]) for r in rows])
    return [(str(op), texts[(tbl, row_id)] if fields is None else str(fields)) for op, fields in rows]
