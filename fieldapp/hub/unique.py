"""Codes that must be unique, made on devices that could not ask each other.

Two devices offline can each give borehole DUP1 to a different row. A device
cannot hold both (its schema keeps codes unique), so the hub settles it when
the second one arrives: the row that claimed the code first keeps it, the
later one is renamed (DUP1-2; a second shipment item for the same container
in the same shipment is removed instead), and the clash is a hub conflict
the coordinator reviews. The rename is a change authored by the hub, logged
right after the clashing change, followed by a touch (an empty update) of
the row that kept the code: a device that had to keep that row out while its
own row held the code writes it when the touch arrives. So no row stays
hidden on any device.

``hub_unique`` indexes the live keys (table, key values as JSON) to the row
holding each.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any

import orjson

from fieldapp.hub.db import Conn
from fieldapp.store.journal import canonical
from fieldapp.store.migrations import DOMAIN_TABLES, migrate
from fieldapp.sync.changes import Change
from fieldapp.sync.merge import RowState

HUB_AUTHOR = "hub"  # the device id of changes the hub makes itself
RENAMED = ("code", "barcode")  # the field of a key the hub renames
MAX_CODE = 32  # as long as a code or barcode may be on a device


@cache
def unique_keys() -> dict[str, tuple[tuple[str, ...], ...]]:
    """The UNIQUE column sets of every synced table, from the device schema."""
    conn = sqlite3.connect(":memory:", isolation_level=None)
    try:
        migrate(conn)
        out: dict[str, tuple[tuple[str, ...], ...]] = {}
        for table in DOMAIN_TABLES:
            found = tuple(tuple(str(c[2]) for c in conn.execute(f"PRAGMA index_info({idx[1]})"))
                          for idx in conn.execute(f"PRAGMA index_list({table})") if idx[2] and idx[3] != "pk")
            if found:
                out[table] = found
        return out
    finally:
        conn.close()


def key_text(columns: tuple[str, ...], row: Mapping[str, Any]) -> str | None:
    values = [row.get(c) for c in columns]
    return None if None in values else orjson.dumps(values).decode()


def keys_of(tbl: str, row: Mapping[str, Any] | None) -> dict[str, tuple[str, ...]]:
    """Key text -> its columns, of a live row (none of a deleted or absent one)."""
    if row is None:
        return {}
    out = {}
    for columns in unique_keys().get(tbl, ()):
        text = key_text(columns, row)
        if text is not None:
            out[text] = columns
    return out


class UniqueIndex:
    """hub_unique entries touched by one push, written back in one go."""

    def __init__(self, conn: Conn) -> None:
        self.conn = conn
        self.holders: dict[tuple[str, str], str | None] = {}
        self.changed: set[tuple[str, str]] = set()
        self.stored: set[tuple[str, str]] = set()  # keys hub_unique holds (read from it, or written)

    def preload(self, keys: Iterable[tuple[str, str]]) -> None:
        by_table: dict[str, list[str]] = {}
        for tbl, key in keys:
            if (tbl, key) not in self.holders:
                self.holders[(tbl, key)] = None
                by_table.setdefault(tbl, []).append(key)
        for tbl, found in by_table.items():
            for key, row_id in self.conn.select_in("SELECT key, row_id FROM hub_unique WHERE tbl = ? AND key IN ?",
                                                   (tbl,), found):
                self.holders[(tbl, str(key))] = str(row_id)
                self.stored.add((tbl, str(key)))

    def holder(self, tbl: str, key: str) -> str | None:
        if (tbl, key) not in self.holders:
            self.preload([(tbl, key)])
        return self.holders[(tbl, key)]

    def set(self, tbl: str, key: str, row_id: str | None) -> None:
        self.holders[(tbl, key)] = row_id
        self.changed.add((tbl, key))

    def flush(self) -> None:
        changed = sorted(self.changed)
        moved = [(t, k, self.holders[(t, k)]) for t, k in changed
                 if self.holders[(t, k)] is not None and (t, k) in self.stored]
        made = [(t, k, self.holders[(t, k)]) for t, k in changed
                if self.holders[(t, k)] is not None and (t, k) not in self.stored]
        freed = [(t, k) for t, k in changed if self.holders[(t, k)] is None and (t, k) in self.stored]
        if moved:
            self.conn.executemany("INSERT INTO hub_unique (tbl, key, row_id) VALUES (?, ?, ?) ON CONFLICT (tbl, key) "
                                  "DO UPDATE SET row_id = excluded.row_id", moved)
        if made:
            # keys no other writer can add meanwhile (pushes are serialised): a plain
            # INSERT, which PostgreSQL takes by COPY straight into the table
            self.conn.executemany("INSERT INTO hub_unique (tbl, key, row_id) VALUES (?, ?, ?)", made)
        if freed:
            self.conn.executemany("DELETE FROM hub_unique WHERE tbl = ? AND key = ?", freed)
        self.stored.update((t, k) for t, k, _ in made)
        self.stored.difference_update(freed)
        self.changed.clear()


@dataclass(frozen=True)
class Clash:
    tbl: str
    row_id: str  # the later row, renamed (or removed)
    holder: str  # the row that keeps the key
    field: str  # the renamed field; '' when the later row is removed
    value: Any  # what it had
    renamed: str | None  # what it gets; None: removed


def settle(index: UniqueIndex, tbl: str, row_id: str, before: Mapping[str, Any] | None,
           after: Mapping[str, Any] | None) -> Clash | None:
    """Move the row's keys in the index from ``before`` to ``after``; the clash, if a key is held by another row."""
    old, new = keys_of(tbl, before), keys_of(tbl, after)
    for key in old.keys() - new.keys():
        if index.holder(tbl, key) == row_id:
            index.set(tbl, key, None)
    clash = None
    for key, columns in new.items():
        holder = index.holder(tbl, key)
        if holder is None or holder == row_id:
            if holder is None:
                index.set(tbl, key, row_id)
            continue
        if clash is not None:
            continue
        assert after is not None
        field = next((c for c in columns if c in RENAMED), "")
        if not field:
            clash = Clash(tbl, row_id, holder, "", None, None)
            continue
        value = str(after[field])
        renamed = _free(index, tbl, columns, after, field, value)
        index.set(tbl, str(key_text(columns, {**after, field: renamed})), row_id)
        clash = Clash(tbl, row_id, holder, field, value, renamed)
    return clash


def _free(index: UniqueIndex, tbl: str, columns: tuple[str, ...], row: Mapping[str, Any], field: str,
          value: str) -> str:
    """value-2, value-3, ...: the first that no row holds (cut to fit a code)."""
    n = 2
    while True:
        tail = f"-{n}"
        candidate = value[:MAX_CODE - len(tail)] + tail
        if index.holder(tbl, str(key_text(columns, {**row, field: candidate}))) is None:
            return candidate
        n += 1


def hub_changes(clash: Clash, seq: int, hlc: int, at: str, action_id: str) -> list[Change]:
    """The hub's rename (or removal) of the later row, then its touch of the row that kept the key."""
    what = f"duplicate {clash.field} {clash.value!r}" if clash.field else "duplicate entry"
    action = f"Hub: {what} of {clash.tbl.replace('_', ' ')} settled"
    first = ("update", canonical({clash.field: clash.renamed})) if clash.renamed is not None else ("delete", "{}")
    return [Change(HUB_AUTHOR, seq, hlc, action_id, action, HUB_AUTHOR, at, clash.tbl, clash.row_id, *first),
            Change(HUB_AUTHOR, seq + 1, hlc + 1, action_id, action, HUB_AUTHOR, at, clash.tbl, clash.holder,
                   "update", "{}")]


def backfill(conn: Conn) -> None:
    """Index the keys of a hub made before hub_unique (a first clash keeps the first row it meets)."""
    for tbl in unique_keys():
        for row_id, state in conn.execute("SELECT row_id, state FROM hub_row WHERE tbl = ? ORDER BY row_id", (tbl,)):
            row = RowState.from_json(orjson.loads(state)).row(str(row_id))
            for key in keys_of(tbl, row):
                conn.execute("INSERT INTO hub_unique (tbl, key, row_id) VALUES (?, ?, ?) "
                             "ON CONFLICT (tbl, key) DO NOTHING", (tbl, key, str(row_id)))
