"""Asbestos suspicion of a borehole location (NEN 5707).

Puin or another suspect anthropogenic admixture (``resources/rules/asbestos.json``)
in any layer makes the location asbestos-suspect. The projectleider either
records it as suspect (and it is then investigated with NEN 5707 inspection
pits or trenches, :mod:`fieldapp.domain.inspection_pit`) or records in writing
why it is not; until then ``fieldapp check`` reports it. A judgement is a row of
its own (``asbestos_judgement``): a later one supersedes an earlier one, and
both stay on the record.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from fieldapp.domain.depth import format_m
from fieldapp.errors import FieldAppError, NotFoundError
from fieldapp.rules import Finding, RuleBook, RuleError, default_book
from fieldapp.runtime import resource_path
from fieldapp.store.database import utc_now

if TYPE_CHECKING:
    from fieldapp.session import Session

DEFAULT_PATH = resource_path("rules", "asbestos.json")
UNJUDGED = "asbestos_suspect_unjudged"
REASON = "asbestos_reason_required"
NOT_INVESTIGATED = "asbestos_suspect_not_investigated"


@dataclass(frozen=True)
class Kind:
    """A NEN 5707 inspection object: surface inspection, inspection pit, trench."""

    code: str
    nl: str
    en: str
    sad_meetpunttype: int | None
    has_depth: bool
    source: str


@dataclass(frozen=True)
class AsbestosTable:
    suspect: frozenset[str]  # admixture codes
    kinds: dict[str, Kind]
    sieves_mm: tuple[float, ...]


@cache
def load(path: Path = DEFAULT_PATH) -> AsbestosTable:
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
        kinds = {str(k["code"]): Kind(str(k["code"]), str(k["nl"]), str(k["en"]), k["sad_meetpunttype"],
                                      bool(k["depth"]), str(k["source"])) for k in raw["kinds"]}
        table = AsbestosTable(frozenset(str(a["code"]) for a in raw["suspect_admixtures"]), kinds,
                              tuple(float(s) for s in raw["sieves_mm"]))
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise FieldAppError(f"The asbestos table {path.name} cannot be read ({exc}).",
                            hint="Reinstall FieldApp or restore resources/rules.") from exc
    return table


@dataclass(frozen=True)
class Suspicion:
    """Why a borehole location is asbestos-suspect: the first layer with a suspect admixture."""

    borehole_id: str
    borehole_code: str
    admixture: str
    layer: str  # "0.00-0.50 m"


@dataclass(frozen=True)
class Judgement:
    id: str
    borehole_id: str
    suspect: bool
    reason: str | None
    staff_id: str | None
    decided_at: str


_LAYERS = (
    "SELECT b.id, b.code, l.upper_cm, l.lower_cm, l.admixtures FROM layer l JOIN borehole b ON b.id = l.borehole_id "
    "WHERE {where} AND l.admixtures IS NOT NULL ORDER BY b.id, l.upper_cm"
)


def suspicions(conn: sqlite3.Connection, *, project_id: str | None = None,
               borehole_id: str | None = None) -> dict[str, Suspicion]:
    """Per borehole (of a project, or the one given) with a suspect admixture, its first such layer."""
    where, param = ("b.project_id = ?", project_id) if project_id else ("b.id = ?", borehole_id)
    suspect = load().suspect
    out: dict[str, Suspicion] = {}
    for hole_id, code, upper, lower, admixtures in conn.execute(_LAYERS.format(where=where), (param,)):
        if hole_id in out:
            continue
        found = [a["code"] for a in json.loads(admixtures) if a.get("code") in suspect]
        if found:
            out[hole_id] = Suspicion(hole_id, code, found[0], f"{format_m(upper)}-{format_m(lower)} m")
    return out


def latest(conn: sqlite3.Connection, borehole_ids: list[str] | None = None,
           project_id: str | None = None) -> dict[str, Judgement]:
    """The latest judgement per borehole (ids are time-ordered UUIDv7: the highest is the newest)."""
    if project_id is not None:
        rows = conn.execute(
            "SELECT j.id, j.borehole_id, j.suspect, j.reason, j.staff_id, j.decided_at FROM asbestos_judgement j "
            "JOIN borehole b ON b.id = j.borehole_id WHERE b.project_id = ? ORDER BY j.id", (project_id,))
    else:
        ids = borehole_ids or []
        rows = conn.execute(
            "SELECT id, borehole_id, suspect, reason, staff_id, decided_at FROM asbestos_judgement "
            f"WHERE borehole_id IN ({', '.join('?' * len(ids))}) ORDER BY id", ids)
    return {r[1]: Judgement(r[0], r[1], bool(r[2]), r[3], r[4], r[5]) for r in rows}


def judge(session: Session, borehole_id: str, *, suspect: bool, reason: str | None = None,
          staff_id: str | None = None, book: RuleBook | None = None) -> Judgement:
    """Record a location as asbestos-suspect, or, with a written reason, as not suspect.

    A location with a suspect admixture is recorded as not suspect only with a reason."""
    book = book or default_book()
    why = (reason or "").strip() or None
    conn = session.store.conn
    hole = session.store.get("borehole", borehole_id)
    if hole is None:
        raise NotFoundError(f"Borehole {borehole_id} does not exist.")
    found = suspicions(conn, borehole_id=borehole_id).get(borehole_id)
    if not suspect and found is not None and why is None:
        raise RuleError("reason", book[REASON], code=hole["code"], admixture=found.admixture)
    row: dict[str, Any] = {"borehole_id": borehole_id, "suspect": int(suspect), "reason": why,
                           "staff_id": staff_id, "decided_at": utc_now()}
    verdict = "asbestverdacht" if suspect else "niet asbestverdacht"
    with session.store.action(f"Borehole {hole['code']}: {verdict}") as tx:
        row_id = tx.insert("asbestos_judgement", row)
    return Judgement(row_id, borehole_id, suspect, why, staff_id, row["decided_at"])


def judge_many(session: Session, verdicts: list[tuple[str, bool, str | None]], book: RuleBook | None = None) -> int:
    """:func:`judge` for many boreholes (borehole id, suspect, reason) in one action (demo, imports)."""
    book = book or default_book()
    conn = session.store.conn
    now = utc_now()
    rows = []
    for hole_id, suspect, reason in verdicts:
        why = (reason or "").strip() or None
        found = suspicions(conn, borehole_id=hole_id).get(hole_id)
        if not suspect and found is not None and why is None:
            raise RuleError("reason", book[REASON], code=found.borehole_code, admixture=found.admixture)
        rows.append({"borehole_id": hole_id, "suspect": int(suspect), "reason": why, "staff_id": None,
                     "decided_at": now})
    with session.store.action(f"Asbestos judgement of {len(rows)} boreholes") as tx:
        tx.insert_many("asbestos_judgement", rows)
    return len(rows)


def findings(conn: sqlite3.Connection, project_id: str, book: RuleBook) -> list[Finding]:
    """Suspect locations not judged (or judged not suspect without a reason), and suspect locations
    without a NEN 5707 inspection pit or trench."""
    found = suspicions(conn, project_id=project_id)
    judged = latest(conn, project_id=project_id)
    digs = {r[0] for r in conn.execute(
        "SELECT DISTINCT borehole_id FROM inspection_pit WHERE project_id = ? AND borehole_id IS NOT NULL "
        "AND kind <> 'maaiveld'", (project_id,))}
    out: list[Finding] = []
    for hole_id, why in found.items():
        verdict = judged.get(hole_id)
        if verdict is None or (not verdict.suspect and not verdict.reason):
            out.append(book.finding(UNJUDGED, object_kind="borehole", object_id=hole_id, object_code=why.borehole_code,
                                    code=why.borehole_code, admixture=why.admixture, layer=why.layer))
    for hole_id, verdict in judged.items():
        if verdict.suspect and hole_id not in digs:
            code = conn.execute("SELECT code FROM borehole WHERE id = ?", (hole_id,)).fetchone()[0]
            out.append(book.finding(NOT_INVESTIGATED, object_kind="borehole", object_id=hole_id, object_code=code,
                                    code=code))
    return out
