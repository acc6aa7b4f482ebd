"""`fieldapp check` findings of the sampling rules: samples, dates and groundwater levels.

The same rules as the write paths check (:mod:`fieldapp.domain.sample_rules`), over a
whole project, for records written before a rule existed, by an older FieldApp, or
behind its back. Each function reads its rows with a few set-based queries (never a
query per row): a project of 10,000 boreholes is checked in well under a second.
"""

from __future__ import annotations

import json
import sqlite3
from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from fieldapp.domain import sample_rules as sr
from fieldapp.domain.depth import format_m
from fieldapp.rules import Finding, RuleBook


def _rows(conn: sqlite3.Connection, sql: str, params: tuple[Any, ...] | dict[str, Any]) -> list[sqlite3.Row]:
    cursor = conn.cursor()
    cursor.row_factory = sqlite3.Row  # whatever the connection's own factory is
    return cursor.execute(sql, params).fetchall()


def _columns(conn: sqlite3.Connection, table: str) -> set[str]:
    return {str(r[1]) for r in conn.execute(f"PRAGMA table_info({table})")}


def _marks(values: Iterable[object]) -> str:
    return ", ".join("?" for _ in values)


def sample_findings(conn: sqlite3.Connection, project_id: str, book: RuleBook) -> list[Finding]:
    """Matrix for the kind, groundwater only from a well, soil span and layer boundaries.

    SQL picks the candidate parts (a matrix outside the kind's list, a span over the maximum, a
    layer beginning strictly inside the interval, a groundwater sample outside a well); the
    predicates of :mod:`fieldapp.domain.sample_rules` decide. A clean project of 10,000 boreholes
    reads next to nothing into Python."""
    soil, water = list(book.value("soil_sample_matrix")), list(book.value("groundwater_sample_matrix"))
    params: list[object] = [project_id, *sr.SOIL_KINDS, *soil, book.value("soil_sample_max_span"),
                            sr.GROUNDWATER_KIND, *water, book.value("groundwater_sample_in_well")]
    parts = _rows(conn, f"""
        WITH part AS (
            SELECT s.id, s.code, s.kind, s.matrix, p.upper_cm, p.lower_cm, p.borehole_id,
                   b.code AS borehole_code, b.kind AS borehole_kind,
                   ROW_NUMBER() OVER (PARTITION BY s.id ORDER BY p.borehole_id, p.upper_cm) AS n
            FROM sample s JOIN sample_part p ON p.sample_id = s.id JOIN borehole b ON b.id = p.borehole_id
            WHERE s.project_id = ?)
        SELECT * FROM part
        WHERE (kind IN ({_marks(sr.SOIL_KINDS)}) AND (matrix NOT IN ({_marks(soil)}) OR lower_cm - upper_cm > ?
                 OR EXISTS (SELECT 1 FROM layer l WHERE l.borehole_id = part.borehole_id
                            AND l.upper_cm > part.upper_cm AND l.upper_cm < part.lower_cm)))
           OR (kind = ? AND (matrix NOT IN ({_marks(water)}) OR borehole_kind != ?))
        ORDER BY id, n""", tuple(params))
    layers: dict[str, list[sr.LayerTraits]] = defaultdict(list)
    holes = sorted({row["borehole_id"] for row in parts if row["kind"] in sr.SOIL_KINDS})
    if holes:
        for row in _rows(conn, "SELECT borehole_id, upper_cm, lower_cm, soil_code, smell, oil_water, admixtures "
                         "FROM layer WHERE borehole_id IN (SELECT value FROM json_each(?))", (json.dumps(holes),)):
            layers[row["borehole_id"]].append(sr.LayerTraits.of(row))
    found: list[Finding] = []
    for row in parts:
        n, code = row["n"], row["code"]  # n: the part's number as the sample form shows it
        at = {"object_kind": "sample", "object_id": row["id"], "object_code": code}
        rule = sr.matrix_rule(row["kind"], row["matrix"], book) if n == 1 else None  # once per sample
        if rule is not None:
            found.append(book.finding(rule, **at, field="matrix", code=code, matrix=row["matrix"]))
        if row["kind"] == sr.GROUNDWATER_KIND and row["borehole_kind"] != book.value("groundwater_sample_in_well"):
            found.append(book.finding("groundwater_sample_in_well", **at, field=f"part {n} borehole",
                                      code=code, borehole=row["borehole_code"]))
        if row["kind"] not in sr.SOIL_KINDS:
            continue
        upper, lower = row["upper_cm"], row["lower_cm"]
        depth = sr.depth_text(upper, lower)
        if sr.span_too_long(book, upper, lower):
            found.append(book.finding("soil_sample_max_span", **at, field=f"part {n} lower depth", code=code,
                                      span=lower - upper, depth=depth))
        crossing = sr.first_crossing(layers.get(row["borehole_id"], ()), upper, lower)
        if crossing is not None:
            found.append(book.finding("soil_sample_layer_boundary", **at, field=f"part {n} lower depth",
                                      code=code, borehole=row["borehole_code"], depth=depth, **crossing.values()))
    return found


def date_findings(conn: sqlite3.Connection, project_id: str, book: RuleBook) -> list[Finding]:
    """Borehole start and end, and sampling times: not in the future, not before the project's
    start date, and a borehole ends after it starts.

    SQL picks the candidates (an ISO time begins with its own date, which is what "before the
    project's start date" compares; SQLite's julianday() reads the zone offset), Python decides
    on the parsed time."""
    project = _rows(conn, "SELECT id, code, start_date FROM project WHERE id = ?", (project_id,))
    if not project:
        return []
    start = project[0]["start_date"]
    since = (start or "")[:10]
    slack = f"+{max(0, float(book.value('date_not_in_future')) - 1)} minutes"
    found: list[Finding] = []

    def check(kind: str, row: sqlite3.Row, field: str, text: str | None, since: str | None) -> None:
        moment = sr.moment_of(text)
        if moment is None:
            return
        en, nl = sr.DATE_FIELDS[field]
        at = {"object_kind": kind, "object_id": row["id"], "object_code": row["code"], "field": field,
              "field_en": en, "field_nl": nl}
        if sr.in_future(moment, book):
            found.append(book.finding("date_not_in_future", **at, when=sr.shown(moment)))
        elif sr.before_start(moment, since):
            found.append(book.finding("date_not_before_project", **at, when=sr.shown(moment),
                                      start=str(since)[:10]))

    def odd(c: str) -> str:
        """A candidate: before the start date, unreadable to SQLite, or later than now less the slack
        (SQLite reads the zone offset; a time without one is the laptop's: up to 14 h either way)."""
        return (f"({c} IS NOT NULL AND (substr({c}, 1, 10) < :since OR julianday({c}) IS NULL"
                f" OR julianday({c}) > julianday('now', :slack) - CASE WHEN substr({c}, -6, 1) IN ('+', '-')"
                f" OR {c} LIKE '%Z' THEN 0 ELSE 0.6 END))")

    # the start date itself is the project's rule (project_start_not_future, the meta branch's findings)
    values = {"project": project_id, "slack": slack, "since": since}
    for row in _rows(conn, f"""
        SELECT id, code, started_at, ended_at FROM borehole WHERE project_id = :project
        AND ({odd("started_at")} OR {odd("ended_at")} OR ended_at < started_at)""", values):
        check("borehole", row, "started at", row["started_at"], start)
        check("borehole", row, "ended at", row["ended_at"], start)
        began, ended = sr.moment_of(row["started_at"]), sr.moment_of(row["ended_at"])
        if began is not None and ended is not None and ended < began:
            found.append(book.finding("borehole_end_before_start", object_kind="borehole", object_id=row["id"],
                                      object_code=row["code"], field="ended at", started=sr.shown(began),
                                      ended=sr.shown(ended)))
    for row in _rows(conn, f"SELECT id, code, sampled_at FROM sample WHERE project_id = :project "
                     f"AND {odd('sampled_at')}", values):
        check("sample", row, "sampled at", row["sampled_at"], start)
    return found


def groundwater_findings(conn: sqlite3.Connection, project_id: str, book: RuleBook) -> list[Finding]:
    """The level within the hole, and (once the borehole schema has ``groundwater_status``) the
    level agreeing with measured / not encountered / not measured."""
    with_status = "groundwater_status" in _columns(conn, "borehole")
    status, which = (("groundwater_status", "groundwater_cm IS NOT NULL OR groundwater_status IS NOT NULL")
                     if with_status else ("NULL AS groundwater_status", "groundwater_cm IS NOT NULL"))
    found: list[Finding] = []
    for row in _rows(conn, f"""
        SELECT id, code, groundwater_cm, final_depth_cm, {status} FROM borehole
        WHERE project_id = ? AND ({which})""", (project_id,)):
        at = {"object_kind": "borehole", "object_id": row["id"], "object_code": row["code"],
              "field": "groundwater level"}
        if sr.level_too_deep(row["groundwater_cm"], row["final_depth_cm"]):
            found.append(book.finding("groundwater_level_within_hole", **at, level=format_m(row["groundwater_cm"]),
                                      depth=format_m(row["final_depth_cm"])))
        problem = sr.status_problem(row["groundwater_status"], row["groundwater_cm"])
        if problem is not None:
            found.append(book.finding("groundwater_status_level", **at, problem_en=problem[0],
                                      problem_nl=problem[1]))
    return found
