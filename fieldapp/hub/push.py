"""Accepting pushed changes: check, deduplicate, authorise, merge, log.

One push is one write transaction (see :meth:`HubDB.write`): either every
new change of the request is logged and merged, or none is. A change whose
id ``(device_id, device_seq)`` is already logged is counted as a duplicate
and skipped, so a repeated, retried or half-answered push applies each
change exactly once.
"""

from __future__ import annotations

import json
import sqlite3
import time
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from fieldapp.errors import ValidationError
from fieldapp.hub import access, feed, photos, unique
from fieldapp.hub.db import Conn
from fieldapp.hub.devices import Device
from fieldapp.hub.refused import Refused
from fieldapp.hub.rows import RowCache
from fieldapp.ids import hlc_pack, hlc_unpack, new_id
from fieldapp.progress import Progress
from fieldapp.store.database import utc_now
from fieldapp.store.migrations import DOMAIN_TABLES, migrate
from fieldapp.sync import merge, validate
from fieldapp.sync.changes import Change
from fieldapp.sync.protocol import CLOCK_TOLERANCE_MS

__all__ = ["PushResult", "Refused", "domain_columns", "push"]

_TOLD_EVERY = 5000  # changes merged between two progress reports
_TEXTS = ("action_id", "action", "actor", "at", "row_id")  # a change's texts the hub stores as sent


def domain_columns() -> dict[str, frozenset[str]]:
    """Column names of every synced table, from the device schema itself."""
    conn = sqlite3.connect(":memory:", isolation_level=None)
    try:
        migrate(conn)
        return {t: frozenset(r[1] for r in conn.execute(f"PRAGMA table_info({t})")) for t in DOMAIN_TABLES}
    finally:
        conn.close()


@dataclass
class PushResult:
    accepted: int = 0
    duplicates: int = 0
    conflicts: int = 0
    upto: int = 0
    bounded: list[tuple[int, int]] = field(default_factory=list)
    clock_offset_ms: int = 0
    clock_flagged: bool = False


def _check(change: Change, device: Device, columns: Mapping[str, frozenset[str]]) -> dict[str, Any]:
    if change.device_id != device.device_id:
        raise Refused(403, f"A change claims device {change.device_id}, but this is {device.device_id}.")
    if change.tbl not in columns:
        raise Refused(422, f"Unknown table {change.tbl!r}.")
    if "\x00" in change.action_id + change.action + change.actor + change.at + change.row_id:
        # PostgreSQL's text cannot hold one (a 500 before), nor does any text FieldApp writes
        field = next(name for name in _TEXTS if "\x00" in getattr(change, name))
        raise Refused(422, f"Change {change.device_seq}: {field} holds a NUL character, which no text may hold.")
    try:
        values = change.values()
    except ValueError as exc:
        raise Refused(422, f"Change {change.device_seq}: fields are not a JSON object ({exc}).") from exc
    if not columns[change.tbl].issuperset(values):
        unknown = set(values) - columns[change.tbl]
        raise Refused(422, f"Change {change.device_seq}: unknown fields {sorted(unknown)} in {change.tbl}.")
    kinds = set(map(type, values.values()))  # JSON gives plain dicts and lists: no subclasses to miss
    if dict in kinds or list in kinds:
        raise Refused(422, f"Change {change.device_seq}: field values must be plain values.")
    if values.get("id", change.row_id) != change.row_id:
        raise Refused(422, f"Change {change.device_seq}: the id in fields is not the row id.")
    if change.op == "delete" and values:
        raise Refused(422, f"Change {change.device_seq}: a delete carries no fields.")
    if change.tbl == "custody_event" and change.op != "insert":
        raise Refused(403, "Custody events are append-only: record a correction event instead.")
    _validate(change, values)
    return values


def _validate(change: Change, values: Mapping[str, Any]) -> None:
    """The schema's and the core's rules (fieldapp.sync.validate): an invalid
    change stored here would be served to every device of its project."""
    try:
        validate.check_change(change.tbl, change.row_id, change.op, values)
    except ValidationError as exc:
        raise Refused(422, f"Change {change.device_seq} refused: {exc.message} Nothing of this push was "
                           "stored; correct the record on the device.") from exc


def push(conn: Conn, device: Device, changes: Sequence[Change], columns: Mapping[str, frozenset[str]],
         device_clock_ms: int | None = None, tolerance_ms: int = CLOCK_TOLERANCE_MS,
         progress: Progress | None = None) -> PushResult:
    """Log and merge ``changes`` inside the caller's write transaction; ``progress(merged, changes)``
    hears of every few thousand (a bundle of a big project is one push of 100,000s)."""
    result = PushResult()
    now_ms = int(time.time() * 1000)
    # a wrong clock shows in the request's clock header, and in the changes'
    # stamps when they lie in the future (stamps in the past are just edits
    # made offline earlier): flag the larger of the two
    offsets = [device_clock_ms - now_ms] if device_clock_ms is not None else []
    ahead = max((hlc_unpack(c.hlc)[0] for c in changes), default=now_ms) - now_ms
    offsets += [ahead] if ahead > 0 else []
    if offsets:
        result.clock_offset_ms = max(offsets, key=abs)
        result.clock_flagged = abs(result.clock_offset_ms) > CLOCK_TOLERANCE_MS
    # a change stamped further ahead than the tolerance counts as made when it reached the hub
    cap = hlc_pack(now_ms + tolerance_ms, 0xFFFF)
    if not changes:
        return result
    checked = [(c, _check(c, device, columns)) for c in changes]
    seqs = [c.device_seq for c in changes]
    result.upto = max(seqs)
    known = {int(r[0]): int(r[1]) for r in conn.execute(
        "SELECT device_seq, eff FROM hub_change WHERE device_id = ? AND device_seq >= ? AND device_seq <= ?",
        (device.device_id, min(seqs), max(seqs)))}
    head = feed.head(conn)
    rows = RowCache(conn)
    fresh = [(c, v) for c, v in checked if c.device_seq not in known]
    rows.preload((c.tbl, c.row_id) for c, _ in fresh)
    rows.preload(_referenced(fresh, rows))  # in bulk, not one query per parent met in the loop
    grants = access.load(conn, device)
    keys, unique_tables = unique.UniqueIndex(conn), unique.unique_keys()
    keys.preload((c.tbl, k) for c, v in checked if c.op == "insert" and c.device_seq not in known
                 for k in unique.keys_of(c.tbl, v))
    served = _served(conn, device)
    hub_seq: list[int] = []  # the hub's own last change number, read when first needed
    logged: list[tuple[Any, ...]] = []
    conflicts: list[tuple[Any, ...]] = []
    projects: list[tuple[Any, ...]] = []
    blob_refs: list[tuple[str, str]] = []  # (content, project) of photo rows: who may fetch the file
    packed: dict[str, str] = {}  # containers packed for a lab in this push -> the lab
    received = utc_now()
    for n, (change, values) in enumerate(checked):
        if progress is not None and n % _TOLD_EVERY == 0:
            progress(n, len(checked))
        if change.device_seq in known:
            result.duplicates += 1
            if known[change.device_seq] != change.hlc:
                result.bounded.append((change.device_seq, known[change.device_seq]))
            continue
        known[change.device_seq] = eff = min(change.hlc, cap)
        if eff != change.hlc:
            result.bounded.append((change.device_seq, eff))
        project_id, lab = rows.scope(change.tbl, change.row_id, values)
        access.authorise(grants, change, values, rows)
        head += 1
        # what the author had seen: what it says, but never more than it was served
        pos, seen = head, min(change.seen, served, head - 1)
        target = rows.get_or_new(change.tbl, change.row_id)
        keyed = change.tbl in unique_tables
        before = target.state.row(change.row_id) if keyed else None

        def concurrent(old: merge.Stamp, new: merge.Stamp, seen: int = seen) -> bool:
            # the author had not pulled the other change when making this one
            # (a device always knows its own earlier changes)
            return old.pos > seen and old.device_id != new.device_id

        stamp = merge.Stamp(eff, change.device_id, change.hlc, change.device_seq, pos)
        for loss in merge.apply(target.state, change.op, values, stamp, concurrent):
            conflicts.append((new_id(), pos, change.tbl, change.row_id, loss.field, loss.kind,
                              json.dumps(loss.value), loss.loser.device_id, loss.loser.device_seq,
                              loss.loser.hlc, loss.winner.device_id, loss.winner.device_seq, loss.winner.hlc))
        if change.tbl == "shipment":
            lab = target.state.values.get("lab") or lab
        target.project_id, target.lab, target.dirty = project_id, lab, True
        clash = unique.settle(keys, change.tbl, change.row_id, before, target.state.row(change.row_id)) \
            if keyed else None
        if clash is not None:
            head = _settle(conn, clash, change, stamp, rows, logged, conflicts, hub_seq, received)
        if change.tbl == "shipment_item" and change.op == "insert" and lab:
            container_id = target.state.values.get("container_id")
            shipped = rows.get("container", container_id)
            if shipped is not None and isinstance(container_id, str):
                shipped.lab, shipped.dirty = lab, True
                packed[container_id] = lab
        if change.tbl == "photo" and project_id and isinstance(sha := target.state.values.get("sha256"), str):
            blob_refs.append((sha, project_id))
        if change.tbl == "project" and change.op != "delete":
            projects.append((change.row_id, target.state.values.get("code"),
                             device.id if change.op == "insert" else None))
        logged.append((pos, change.device_id, change.device_seq, change.hlc, eff, seen, change.action_id,
                       change.action, change.actor, change.at, change.tbl, change.row_id, change.op,
                       change.fields, project_id, lab, received))
    conn.executemany(
        "INSERT INTO hub_change (pos, device_id, device_seq, hlc, eff, seen, action_id, action, actor, at, tbl, "
        "row_id, op, fields, project_id, lab, received_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        logged)
    rows.flush()
    keys.flush()
    if packed:
        feed.republish(conn, packed, head)
    if conflicts:
        conn.executemany(
            "INSERT INTO hub_conflict (id, pos, tbl, row_id, field, kind, value, loser_device, loser_seq, "
            "loser_hlc, winner_device, winner_seq, winner_hlc) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            conflicts)
    if projects:
        conn.executemany(
            "INSERT INTO hub_project (project_id, code, created_by) VALUES (?, ?, ?) "
            "ON CONFLICT (project_id) DO UPDATE SET code = excluded.code, "
            "created_by = COALESCE(hub_project.created_by, excluded.created_by)", projects)
    photos.record_refs(conn, blob_refs)
    if result.clock_flagged or device_clock_ms is not None:
        conn.execute("UPDATE hub_device SET clock_skew_ms = ? WHERE id = ?", (result.clock_offset_ms, device.id))
    result.accepted, result.conflicts = len(logged), len(conflicts)
    if progress is not None:
        progress(len(checked), len(checked))
    return result


def _referenced(checked: Sequence[tuple[Change, dict[str, Any]]], rows: RowCache) -> Iterator[tuple[str, str]]:
    """The rows the changes refer to (for their scope and access), as the changes or the rows say."""
    for change, values in checked:
        own = rows.rows.get((change.tbl, change.row_id))
        for name, parent in access.REFERENCES.get(change.tbl, ()):
            ref = values.get(name) or (own.state.values.get(name) if own else None)
            if isinstance(ref, str):
                yield parent, ref


def _served(conn: Conn, device: Device) -> int:
    """The furthest log position this device was served by a pull (see HubService.pull):
    a change cannot have been made after seeing more than that, whatever its
    ``seen`` says, so a device cannot hide its conflicts by claiming an absurd one."""
    found = conn.execute("SELECT pulled_upto FROM hub_device WHERE id = ?", (device.id,))
    return int(found[0][0]) if found else 0


def _settle(conn: Conn, clash: unique.Clash, change: Change, stamp: merge.Stamp, rows: RowCache,
            logged: list[tuple[Any, ...]], conflicts: list[tuple[Any, ...]], hub_seq: list[int],
            received: str) -> int:
    """Log the hub's settling of a duplicate code (see fieldapp.hub.unique) right
    after the change that made it, and the clash as a conflict; return the new head."""
    if not hub_seq:
        hub_seq.append(int(conn.execute("SELECT COALESCE(MAX(device_seq), 0) FROM hub_change WHERE device_id = ?",
                                        (unique.HUB_AUTHOR,))[0][0]))
    holder = rows.get(clash.tbl, clash.holder)
    target = rows.get_or_new(clash.tbl, clash.row_id)
    kept = holder.state.stamps.get(clash.field or "id") if holder is not None else None
    winner = kept or merge.Stamp(0, "", 0, 0)
    conflicts.append((new_id(), stamp.pos, clash.tbl, clash.row_id, clash.field or "id", "unique",
                      json.dumps(clash.value), change.device_id, change.device_seq, change.hlc,
                      winner.device_id, winner.device_seq, winner.hlc))
    # stamped after everything the row holds, so that the settling wins on every replica
    newest = max([s.eff for s in target.state.stamps.values()] + [stamp.eff])
    hlc = max(hlc_pack(int(time.time() * 1000), 0), newest + 1)
    pos = stamp.pos
    for made in unique.hub_changes(clash, hub_seq[0] + 1, hlc, received, new_id()):
        pos += 1
        row = rows.get_or_new(made.tbl, made.row_id)
        merge.apply(row.state, made.op, made.values(), made.stamp(pos))
        row.dirty = True
        logged.append((pos, made.device_id, made.device_seq, made.hlc, made.hlc, pos - 1, made.action_id,
                       made.action, made.actor, made.at, made.tbl, made.row_id, made.op, made.fields,
                       row.project_id, row.lab, received))
        hub_seq[0] = made.device_seq
    return pos
