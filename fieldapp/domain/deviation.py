"""Deviation (afwijking): a recorded, motivated override of a protocol rule on one object.

BRL SIKB 2000 lets a projectleider deviate from a protocol where the site demands it,
provided the deviation is recorded: which part of the protocol (onderdeel), what was
done otherwise (aard), why (motivatie), the consequences and risks for the result, and
who decided when. A rule of ``resources/rules`` with ``"overridable": true`` may be
overridden that way; an impossibility (an end before its start) never.

A core write that checks overridable rules takes ``overrides: Overrides | None``::

    ov = overrides or Overrides()
    with session.store.action("Take sample M1") as tx:
        with ov.guard():                       # one rule check per guard
            sample_rules.check_span(...)
        with ov.guard():
            sample_rules.check_layers(...)
        sample_id = tx.insert("sample", row)
        ov.record(tx, project_id, "sample", sample_id)   # same action: all or nothing

``fieldapp check`` then reports the rule's finding as covered by the deviation
(:func:`covering`), not as an error.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from fieldapp.domain.common import from_row
from fieldapp.errors import ValidationError
from fieldapp.rules import Finding, RuleError
from fieldapp.store.database import utc_now
from fieldapp.store.natural import natural_sort_key

if TYPE_CHECKING:
    from fieldapp.store import Tx

#: the objects a deviation may concern (the object kinds of `fieldapp check`)
OBJECT_KINDS = ("project", "borehole", "boring_process", "layer", "sample", "analysis_sample", "container",
                "shipment", "well", "sampling_round", "field_day")


@dataclass(frozen=True)
class DeviationDraft:
    """A deviation as the projectleider states it, before the write it allows.

    ``part`` (onderdeel) and ``nature`` (aard) may be left empty: they are then the
    broken rule's source and its message. ``reason`` and ``consequences`` may not."""

    rule_id: str
    part: str
    nature: str
    reason: str
    consequences: str
    staff_id: str | None = None

    def __post_init__(self) -> None:
        if not self.rule_id.strip():
            raise ValidationError("rule", "The deviation names no rule.", hint="Record it from the refused rule.")
        if not self.reason.strip():
            raise ValidationError("reason", "Deviation: the reason (motivatie) is empty.",
                                  hint="Say why the protocol could not be followed here.")
        if not self.consequences.strip():
            raise ValidationError("consequences", "Deviation: the consequences and risks are empty.",
                                  hint="Say what the deviation means for the result (or that it means nothing).")


@dataclass(frozen=True)
class Deviation:
    """A recorded deviation, with the name of whoever decided (from the staff register)."""

    id: str
    project_id: str
    object_kind: str
    object_id: str
    rule_id: str
    part: str
    nature: str
    reason: str
    consequences: str
    staff_id: str | None
    decided_at: str
    staff_name: str = ""
    object_code: str = ""


class Overrides:
    """The deviations a projectleider has stated for one write.

    :meth:`guard` lets an overridable rule's :class:`RuleError` pass when a draft names its
    rule, and remembers it; :meth:`record` writes the drafts used as deviation rows."""

    def __init__(self, drafts: Iterable[DeviationDraft] = ()) -> None:
        self.drafts: dict[str, DeviationDraft] = {}
        for draft in drafts:
            self.drafts[draft.rule_id] = draft
        self._used: dict[str, tuple[DeviationDraft, RuleError]] = {}

    @classmethod
    def of(cls, overrides: Overrides | None) -> Overrides:
        """``overrides``, or none stated."""
        return overrides if overrides is not None else cls()

    @property
    def used(self) -> list[DeviationDraft]:
        """The drafts a guard let pass so far (what :meth:`record` writes)."""
        return [draft for draft, _err in self._used.values()]

    @contextmanager
    def guard(self) -> Iterator[None]:
        """Around ONE rule check: a RuleError of an overridable rule with a draft passes (the
        rest of the block is skipped, so give each check its own guard); any other is re-raised,
        an overridable one saying that a deviation would let it pass."""
        try:
            yield
        except RuleError as exc:
            if not exc.rule.overridable:
                raise
            draft = self.drafts.get(exc.rule.id)
            if draft is None:
                exc.offer_deviation()
                raise
            self._used.setdefault(exc.rule.id, (draft, exc))

    def record(self, tx: Tx, project_id: str, object_kind: str, object_id: str) -> list[str]:
        """Write the used drafts as deviation rows of ``object_id`` in the caller's action
        (nothing half-written: the object and its deviations commit together). Returns their ids."""
        ids = []
        for draft, exc in self._used.values():
            ids.append(tx.insert("deviation", {
                "project_id": project_id, "object_kind": object_kind, "object_id": object_id,
                "rule_id": draft.rule_id, "part": draft.part.strip() or exc.rule.citation,
                "nature": draft.nature.strip() or exc.message_in("nl"), "reason": draft.reason.strip(),
                "consequences": draft.consequences.strip(), "staff_id": draft.staff_id or None,
                "decided_at": utc_now()}))
        self._used.clear()
        return ids


def _rows(conn: sqlite3.Connection, sql: str, params: tuple[object, ...]) -> list[sqlite3.Row]:
    """``sql`` on the deviations (``{select}`` being :data:`_SELECT`)."""
    wells = conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'sampling_round'").fetchone()
    cursor = conn.cursor()
    cursor.row_factory = sqlite3.Row
    return cursor.execute(sql.format(select=_SELECT.format(wells=_WELLS if wells else "")), params).fetchall()


def _has_table(conn: sqlite3.Connection) -> bool:
    """An older database opened read-only has no deviation table yet."""
    return conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'deviation'").fetchone() \
        is not None


_SELECT = """
SELECT d.*, COALESCE(s.name, '') AS staff_name,
       COALESCE((SELECT code FROM borehole WHERE id = d.object_id), (SELECT code FROM sample WHERE id = d.object_id),
                (SELECT barcode FROM container WHERE id = d.object_id),
                (SELECT code FROM shipment WHERE id = d.object_id){wells}, '') AS object_code
FROM deviation d LEFT JOIN staff s ON s.id = d.staff_id"""
# a well and a sampling round are named as on their forms (well.well_code PB03-1, sampling_round.round_code
# PB03-1 2026-12-06); a file from before the wells (0016_groundwater_well) has no such tables
_WELLS = """,
                (SELECT b.code || '-' || w.tube_number FROM well w JOIN borehole b ON b.id = w.borehole_id
                 WHERE w.id = d.object_id),
                (SELECT b.code || '-' || w.tube_number || ' ' || substr(r.started_at, 1, 10) FROM sampling_round r
                 JOIN well w ON w.id = r.well_id JOIN borehole b ON b.id = w.borehole_id WHERE r.id = d.object_id)"""


def _of(row: sqlite3.Row) -> Deviation:
    return from_row(Deviation, dict(row))


def for_project(conn: sqlite3.Connection, project_id: str) -> list[Deviation]:
    """Every deviation of a project, in the order they were decided."""
    if not _has_table(conn):
        return []
    return [_of(r) for r in _rows(conn, "{select} WHERE d.project_id = ? ORDER BY d.decided_at, d.id",
                                  (project_id,))]


def for_object(conn: sqlite3.Connection, object_id: str) -> list[Deviation]:
    """The deviations recorded on one object (a borehole's log lists those of it and its samples)."""
    if not _has_table(conn):
        return []
    return [_of(r) for r in _rows(conn, "{select} WHERE d.object_id = ? ORDER BY d.decided_at, d.id",
                                  (object_id,))]


def covering(conn: sqlite3.Connection, object_id: str, rule_id: str) -> Deviation | None:
    """The deviation that lets ``object_id`` break rule ``rule_id``, if one was recorded."""
    if not _has_table(conn):
        return None
    rows = _rows(conn, "{select} WHERE d.object_id = ? AND d.rule_id = ? ORDER BY d.decided_at LIMIT 1",
                 (object_id, rule_id))
    return _of(rows[0]) if rows else None


def mark_covered(conn: sqlite3.Connection, project_id: str, findings: list[Finding]) -> list[Finding]:
    """``findings`` with those a recorded deviation covers marked with its id (one query)."""
    if not findings or not _has_table(conn):
        return findings
    covered = {(r[0], r[1]): r[2] for r in conn.execute(
        "SELECT object_id, rule_id, MIN(id) FROM deviation WHERE project_id = ? GROUP BY object_id, rule_id",
        (project_id,))}
    if not covered:
        return findings
    return [replace(f, deviation_id=covered[(f.object_id, f.rule_id)])
            if (f.object_id, f.rule_id) in covered and not f.deviation_id else f for f in findings]


def shipment_boreholes(conn: sqlite3.Connection, deviations: Sequence[Deviation]) -> dict[str, list[str]]:
    """For each deviation on a whole shipment (by id), the codes of the boreholes whose samples the
    shipment's containers hold: where a projectleider looks for it (the log, the field report)."""
    ids = [d.object_id for d in deviations if d.object_kind == "shipment"]
    if not ids:
        return {}
    found: dict[str, list[str]] = {}
    for shipment_id, code in conn.execute(
            "SELECT DISTINCT i.shipment_id, b.code FROM shipment_item i JOIN container c ON c.id = i.container_id "
            "JOIN sample_part p ON p.sample_id = c.sample_id JOIN borehole b ON b.id = p.borehole_id "
            f"WHERE i.shipment_id IN ({', '.join('?' * len(ids))})", ids):
        found.setdefault(shipment_id, []).append(code)
    return {d.id: sorted(found.get(d.object_id, []), key=natural_sort_key)
            for d in deviations if d.object_kind == "shipment"}
