"""Applying one pulled batch in bulk: read what it needs in a few queries,
merge in memory, write with executemany.

The result is the one :meth:`fieldapp.sync.local.Replica.apply_pulled`
gets change by change (the same rows, journal entries, chain hashes and
notes): each change is merged over its row's history, the journal and the
changes before it in the batch, and the statements are run in the order
the change-by-change path runs them within each table (a UNIQUE or other
constraint only ever involves one table, and foreign keys are off while a
pull applies). When the database refuses one of them (two devices gave one
code to different rows offline), nothing of the bulk write is kept and the
batch is applied change by change, which settles each refusal on its own.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import Any

import orjson

from fieldapp.errors import StoreError, ValidationError
from fieldapp.store import journal
from fieldapp.store.database import Store, Tx
from fieldapp.store.migrations import DOMAIN_TABLES
from fieldapp.sync import merge, validate
from fieldapp.sync.changes import Change

_CHUNK = 500  # ids per IN (...) list, under SQLite's variable limit

CONFLICT_SQL = ("INSERT INTO sync_conflict (tbl, row_id, field, kind, value, loser_device, loser_seq, loser_hlc, "
                "winner_device, winner_seq, winner_hlc) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")

Key = tuple[str, str]


@dataclass
class Applied:
    """What one batch did, for :class:`fieldapp.sync.local.ApplyResult`."""

    applied: int = 0
    skipped: int = 0
    conflicts: int = 0
    invalid: int = 0


@dataclass
class _Plan:
    effective_rows: list[tuple[str, int, int]] = field(default_factory=list)
    # per table, its statements in the order the change-by-change path runs them
    writes: dict[str, list[tuple[str, tuple[Any, ...]]]] = field(default_factory=lambda: defaultdict(list))
    entries: list[tuple[object, ...]] = field(default_factory=list)
    notes: list[tuple[object, ...]] = field(default_factory=list)
    materialize: list[tuple[str, str, str]] = field(default_factory=list)


def _load(fields: str) -> Any:
    try:
        return orjson.loads(fields)
    except orjson.JSONDecodeError:
        return json.loads(fields)  # what orjson refuses and the json module takes (NaN)


def _chunks(ids: Sequence[str]) -> Iterable[Sequence[str]]:
    for start in range(0, len(ids), _CHUNK):
        yield ids[start:start + _CHUNK]


def known_ids(conn: sqlite3.Connection, changes: Sequence[Change]) -> set[tuple[str, int]]:
    """The changes of the batch that the journal holds already."""
    seqs: dict[str, list[int]] = defaultdict(list)
    for c in changes:
        seqs[c.device_id].append(c.device_seq)
    found: set[tuple[str, int]] = set()
    for device_id, numbers in seqs.items():
        wanted = set(numbers)
        low, high = min(numbers), max(numbers)
        if high - low < 4 * len(wanted):  # a run, as a batch of one author's changes usually is
            rows = conn.execute(f"SELECT device_seq FROM journal WHERE {journal.OF_DEVICE} "
                                "AND device_seq BETWEEN ? AND ?", (device_id, low, high)).fetchall()
        else:  # scattered (a lab's feed brings old changes again): ask for each
            ordered = sorted(wanted)
            rows = [r for start in range(0, len(ordered), _CHUNK) for r in conn.execute(
                f"SELECT device_seq FROM journal WHERE {journal.OF_DEVICE} AND device_seq IN "
                f"({', '.join('?' * len(ordered[start:start + _CHUNK]))})",
                (device_id, *ordered[start:start + _CHUNK]))]
        found.update((device_id, int(r[0])) for r in rows if r[0] in wanted)
    return found


def _histories(conn: sqlite3.Connection, keys: Iterable[Key], effective: dict[tuple[str, int], int]
               ) -> tuple[dict[Key, merge.RowState], dict[Key, str]]:
    """Each row's state from its journal history (fieldapp.sync.local.Replica._history, in bulk),
    and the text of each row whose insert entry leaves its text to the row (fields NULL)."""
    by_table: dict[str, list[str]] = defaultdict(list)
    for tbl, row_id in keys:
        by_table[tbl].append(row_id)
    states: dict[Key, merge.RowState] = {}
    texts: dict[Key, str] = {}
    for tbl, ids in by_table.items():
        for chunk in _chunks(ids):
            rows = conn.execute(
                f"SELECT j.row_id, d.device_id, j.device_seq, j.hlc, j.op, j.fields FROM journal j "
                f"JOIN journal_device d ON d.id = j.device WHERE j.tbl = ? AND j.row_id IN "
                f"({', '.join('?' * len(chunk))}) ORDER BY j.seq", (tbl, *chunk)).fetchall()
            texts.update(journal.fill_fields(conn, [(tbl, r[0], r[5]) for r in rows]))
            for row_id, device_id, device_seq, hlc, op, fields in rows:
                state = states.setdefault((tbl, row_id), merge.RowState())
                stamp = merge.Stamp(effective.get((device_id, device_seq), hlc), device_id, hlc, device_seq)
                merge.apply(state, op, _load(texts[(tbl, row_id)] if fields is None else fields), stamp)
    return states, texts


def _existing(conn: sqlite3.Connection, keys: Iterable[Key]) -> set[Key]:
    by_table: dict[str, list[str]] = defaultdict(list)
    for tbl, row_id in keys:
        if tbl in DOMAIN_TABLES:
            by_table[tbl].append(row_id)
    found: set[Key] = set()
    for tbl, ids in by_table.items():
        for chunk in _chunks(ids):
            found.update((tbl, r[0]) for r in conn.execute(
                f"SELECT id FROM {tbl} WHERE id IN ({', '.join('?' * len(chunk))})", tuple(chunk)))
    return found


def _covers(row: dict[str, Any], values: dict[str, Any], row_id: str) -> bool:
    """Whether the merged row holds every value of the change, so that checking
    the row checks them too (the usual case: a new row, or an edit that won)."""
    return all(row.get(k) is v or (k == "id" and v == row_id) for k, v in values.items())


def _copy(state: merge.RowState) -> merge.RowState:
    return merge.RowState(dict(state.values), dict(state.stamps), state.inserted, state.deleted)


def apply_batch(tx: Tx, changes: Sequence[Change], effective: dict[tuple[str, int], int],
                concurrent: merge.Concurrent, on_apply: Callable[[Change], None] | None) -> Applied | None:
    """Apply ``changes`` inside ``tx``; None when the database refused a write
    (nothing of the batch was written then: apply it change by change)."""
    conn, store = tx.conn, tx.store
    done = Applied()
    plan = _Plan()
    known = known_ids(conn, changes)
    fresh = [c for c in changes if c.change_id not in known]
    keys = {(c.tbl, c.row_id) for c in fresh}
    # each row id as the journal stores it, split in a few passes over the batch (journal.row_keys)
    ids = [row_id for row_id in {c.row_id: None for c in fresh} if type(row_id) is str]
    row_keys = dict(zip(ids, journal.row_keys(ids), strict=True))
    states, untold = _histories(conn, keys, effective)
    # every row FieldApp wrote has a journal entry: a row without history is not
    # there (one put there behind FieldApp's back fails the insert, and the
    # batch is then applied change by change, which reads each row)
    exists = _existing(conn, states)
    appender = tx.journal
    assert isinstance(appender, journal.Appender), "sync runs on a migrated file"
    prev = appender.prev
    # entries of this batch that leave their text to the row: index in plan.entries, text
    told_here: dict[Key, tuple[int, str]] = {}
    # rows first inserted by this batch the short way (_first_insert), their state made when a later change needs it
    firsts: dict[Key, tuple[Change, dict[str, Any]]] = {}
    newest = 0  # the greatest stamp applied, for the clock
    for change in changes:
        change_id = change.change_id
        if change_id in known:
            done.skipped += 1
            continue
        if change.eff and change.eff != change.hlc:
            effective[change_id] = change.eff
            plan.effective_rows.append((change.device_id, change.device_seq, change.eff))
        tbl, row_id = key = (change.tbl, change.row_id)
        if key in firsts:
            first, first_values = firsts.pop(key)
            states[key] = state = merge.RowState()
            merge.apply(state, "insert", first_values, merge.Stamp(
                effective.get(first.change_id, first.hlc), first.device_id, first.hlc, first.device_seq))
        elif change.op == "insert" and key not in states and key not in exists and (
                taken := _first_insert(plan, store, change)) is not None:
            # the usual change of a pull: a row new here, taken whole, nothing to merge
            firsts[key] = (change, taken[0])
            known.add(change_id)
            exists.add(key)
            told_here[key] = (len(plan.entries), change.fields)
            plan.entries.append(appender.remote_params(
                change.device_id, change.device_seq, change.hlc, (change.action_id, change.action, change.actor,
                                                                  change.at), tbl, row_id, "insert", None, taken[1],
                row_keys.get(row_id)))
            newest = max(newest, change.eff or change.hlc)
            done.applied += 1
            if on_apply is not None:
                on_apply(change)  # tests kill the device here, half-way through a batch
            continue
        try:
            values = change.values()
            new_row = key not in states
            state = merge.RowState() if new_row else _copy(states[key])
            stamp = merge.Stamp(effective.get(change_id, change.hlc), change.device_id, change.hlc,
                                change.device_seq)
            losses = merge.apply(state, change.op, values, stamp, concurrent)
            row = state.row(row_id)
            # a first insert of a row takes every value it carries: checking the row checks them
            covered = row is not None and (values.get("id", row_id) == row_id if new_row
                                           else _covers(row, values, row_id))
            if row is None or not covered:
                validate.check_values(tbl, row_id, values)
                if row is not None:
                    validate.check_row(tbl, row_id, row)
            else:
                try:
                    validate.check_row(tbl, row_id, row)
                except ValidationError:
                    validate.check_values(tbl, row_id, values)  # the change's own fault first, as before
                    raise
            if tbl not in DOMAIN_TABLES:
                raise StoreError(f"A remote change names the unknown table {tbl!r}.")
        except (ValueError, ValidationError, StoreError) as exc:
            name = exc.field if isinstance(exc, ValidationError) else ""
            plan.notes.append((tbl, row_id, name.split(".")[-1], "invalid", change.fields, change.device_id,
                               change.device_seq, change.hlc, str(exc)[:500], 0, 0))
            done.invalid += 1
            continue
        states[key] = state
        known.add(change_id)
        if key in exists:  # the row changes: an entry leaving its text to the row keeps it now
            if key in untold:
                plan.materialize.append((untold.pop(key), tbl, row_id))
            if key in told_here:
                at, told = told_here.pop(key)
                plan.entries[at] = (*plan.entries[at][:7], told, *plan.entries[at][8:])
        text, digest = _write(plan.writes[tbl], store.columns(tbl), key, row, key in exists)
        if row is None:
            exists.discard(key)
        else:
            exists.add(key)
        kept = journal.remote_fields(change.fields, text) if change.op == "insert" else change.fields
        if kept is None:
            told_here[key] = (len(plan.entries), change.fields)
        plan.entries.append(appender.remote_params(
            change.device_id, change.device_seq, change.hlc, (change.action_id, change.action, change.actor,
                                                              change.at), tbl, row_id, change.op, kept, digest,
            row_keys.get(row_id)))
        newest = max(newest, change.eff or change.hlc)
        if losses:
            plan.notes.extend((tbl, row_id, x.field, x.kind, json.dumps(x.value), x.loser.device_id,
                               x.loser.device_seq, x.loser.hlc, x.winner.device_id, x.winner.device_seq,
                               x.winner.hlc) for x in losses)
        done.applied += 1
        done.conflicts += len(losses)
        if on_apply is not None:
            on_apply(change)  # tests kill the device here, half-way through a batch
    store.clock.observe(newest)
    if not _flush(conn, plan):
        appender.prev = prev  # nothing of it was written
        return None
    return done


def _first_insert(plan: _Plan, store: Store, change: Change) -> tuple[dict[str, Any], bytes] | None:
    """Plan the insert of a row that neither this device nor the batch has seen,
    when its change carries the whole row in the canonical text every author
    journals an insert with: the merged row is then that text, so its row hash
    is the text's hash and the entry leaves its text to the row. Returns the
    values and the row hash; None, with nothing planned, for anything else (the
    merge then takes it the general way, invalid or not)."""
    tbl, row_id = change.tbl, change.row_id
    if tbl not in _DOMAIN:
        return None
    try:
        values = change.values()
        if values.get("id") != row_id or None in values.values():
            return None
        validate.check_row(tbl, row_id, values)
    except (ValueError, ValidationError):
        return None
    raw = orjson.dumps(values, option=orjson.OPT_SORT_KEYS)
    if raw != change.fields.encode() or (b".0" in raw and any(
            type(v) is float and v.is_integer() for v in values.values())):
        return None  # not the text journal.row_digest gives the row: the general way hashes the row
    columns = store.columns(tbl)
    plan.writes[tbl].append((_statements(tbl, columns)[0], tuple(map(values.get, columns))))
    return values, hashlib.sha256(raw).digest()


_DOMAIN = frozenset(DOMAIN_TABLES)


@cache
def _statements(tbl: str, columns: tuple[str, ...]) -> tuple[str, str, tuple[str, ...]]:
    """INSERT and UPDATE of a whole row of ``tbl``, and the UPDATE's columns in order."""
    names = (*columns, *(() if "id" in columns else ("id",)))
    rest = tuple(k for k in names if k != "id")
    return (f"INSERT INTO {tbl} ({', '.join(names)}) VALUES ({', '.join('?' * len(names))})",
            f"UPDATE {tbl} SET {', '.join(f'{k} = ?' for k in rest)} WHERE id = ?", rest)


def _write(writes: list[tuple[str, tuple[Any, ...]]], columns: tuple[str, ...], key: Key,
           row: dict[str, Any] | None, exists: bool) -> tuple[str | None, bytes]:
    """The statement Tx.apply_remote runs for the merged ``row``; returns its text and hash."""
    tbl, row_id = key
    if row is None:
        if exists:
            writes.append((f"DELETE FROM {tbl} WHERE id = ?", (row_id,)))
        return None, b""
    record = {c: row.get(c) for c in columns}
    record["id"] = row_id
    insert, update, rest = _statements(tbl, columns)
    if exists:
        writes.append((update, (*(record[k] for k in rest), row_id)))
    else:
        writes.append((insert, tuple(record.values())))
    return journal.row_digest(record)


def _flush(conn: sqlite3.Connection, plan: _Plan) -> bool:
    """Run the planned writes; False (and nothing written) if the database refused one."""
    conn.execute("SAVEPOINT pulled_batch")
    try:
        conn.executemany("INSERT OR REPLACE INTO sync_effective VALUES (?, ?, ?)", plan.effective_rows)
        conn.executemany(journal.MATERIALIZE_SQL, plan.materialize)
        for statements in plan.writes.values():
            start = 0
            while start < len(statements):
                sql, end = statements[start][0], start + 1
                while end < len(statements) and statements[end][0] == sql:
                    end += 1
                conn.executemany(sql, [params for _, params in statements[start:end]])
                start = end
        journal.write_unchecked(conn, journal.INSERT_SQL, plan.entries)  # each op_code from remote_params
        conn.executemany(CONFLICT_SQL, plan.notes)
    except sqlite3.IntegrityError:
        conn.execute("ROLLBACK TO pulled_batch")
        conn.execute("RELEASE pulled_batch")
        return False
    conn.execute("RELEASE pulled_batch")
    return True
