"""`fieldapp check` findings of the sampling rules: samples, dates and groundwater levels.

The same rules as the write paths check (:mod:`fieldapp.domain.sample_rules`), over a
whole project, for records written before a rule existed, by an older FieldApp, or
behind its back. Each function reads its rows with a few set-based queries (never a
query per row): a project of 10,000 boreholes is checked in well under a second.
"""

from __future__ import annotations

import sqlite3
from collections import defaultdict
from typing import Any

from fieldapp.domain import sample_rules as sr
from fieldapp.domain.depth import format_m
from fieldapp.rules import Finding, RuleBook


def _rows(conn: sqlite3.Connection, sql: str, params: tuple[Any, ...]) -> list[sqlite3.Row]:
    cursor = conn.cursor()
    cursor.row_factory = sqlite3.Row  # whatever the connection's own factory is
    return cursor.execute(sql, params).fetchall()


def _columns(conn: sqlite3.Connection, table: str) -> set[str]:
    return {str(r[1]) for r in conn.execute(f"PRAGMA table_info({table})")}


def sample_findings(conn: sqlite3.Connection, project_id: str, book: RuleBook) -> list[Finding]:
    """Matrix for the kind, groundwater only from a well, soil span and layer boundaries."""
    parts = _rows(conn, """
        SELECT s.id, s.code, s.kind, s.matrix, p.id AS part_id, p.upper_cm, p.lower_cm,
               b.code AS borehole_code, b.kind AS borehole_kind
        FROM sample s JOIN sample_part p ON p.sample_id = s.id JOIN borehole b ON b.id = p.borehole_id
        WHERE s.project_id = ? ORDER BY s.id, p.borehole_id, p.upper_cm""", (project_id,))
    layers: dict[str, list[sr.LayerTraits]] = defaultdict(list)
    for row in _rows(conn, """
        SELECT p.id AS part_id, l.upper_cm, l.lower_cm, l.soil_code, l.smell, l.oil_water, l.admixtures
        FROM sample s JOIN sample_part p ON p.sample_id = s.id
        JOIN layer l ON l.borehole_id = p.borehole_id AND l.lower_cm > p.upper_cm AND l.upper_cm < p.lower_cm
        WHERE s.project_id = ? AND s.kind IN (?, ?)""", (project_id, *sr.SOIL_KINDS)):
        layers[row["part_id"]].append(sr.LayerTraits.of(row))
    found: list[Finding] = []
    previous, n = "", 0
    for row in parts:
        at = {"object_kind": "sample", "object_id": row["id"], "object_code": row["code"]}
        n = n + 1 if row["id"] == previous else 1  # the part's number as the sample form shows it
        if n == 1:  # once per sample, not per part
            previous = row["id"]
            rule = sr.matrix_rule(row["kind"], row["matrix"], book)
            if rule is not None:
                found.append(book.finding(rule, **at, field="matrix", code=row["code"], matrix=row["matrix"]))
        if row["kind"] == sr.GROUNDWATER_KIND and row["borehole_kind"] != book.value("groundwater_sample_in_well"):
            found.append(book.finding("groundwater_sample_in_well", **at, field=f"part {n} borehole",
                                      code=row["code"], borehole=row["borehole_code"]))
        if row["kind"] not in sr.SOIL_KINDS:
            continue
        upper, lower = row["upper_cm"], row["lower_cm"]
        depth = sr.depth_text(upper, lower)
        if sr.span_too_long(book, upper, lower):
            found.append(book.finding("soil_sample_max_span", **at, field=f"part {n} lower depth", code=row["code"],
                                      span=lower - upper, depth=depth))
        # layers partly inside the interval, plus the ones touching it do not matter: a boundary
        # counts only strictly inside the sample
        crossing = sr.first_crossing(layers.get(row["part_id"], ()), upper, lower)
        if crossing is not None:
            found.append(book.finding("soil_sample_layer_boundary", **at, field=f"part {n} lower depth",
                                      code=row["code"], borehole=row["borehole_code"], depth=depth,
                                      **crossing.values()))
    return found


def date_findings(conn: sqlite3.Connection, project_id: str, book: RuleBook) -> list[Finding]:
    """Project start, borehole start and end, and sampling times: not in the future, not before
    the project's start date, and a borehole ends after it starts."""
    project = _rows(conn, "SELECT id, code, start_date FROM project WHERE id = ?", (project_id,))
    if not project:
        return []
    start = project[0]["start_date"]
    found: list[Finding] = []

    def check(kind: str, row: sqlite3.Row, field: str, text: str | None, since: str | None) -> None:
        moment = sr.moment_of(text)
        if moment is None:
            return
        en, nl = sr.DATE_FIELDS[field]
        at = {"object_kind": kind, "object_id": row["id"], "object_code": row["code"], "field": field,
              "when": sr.shown(moment), "field_en": en, "field_nl": nl}
        if sr.in_future(moment, book):
            found.append(book.finding("date_not_in_future", **at))
        elif sr.before_start(moment, since):
            found.append(book.finding("date_not_before_project", **at, start=str(since)[:10]))

    check("project", project[0], "start date", start, None)
    for row in _rows(conn, "SELECT id, code, started_at, ended_at FROM borehole WHERE project_id = ?",
                     (project_id,)):
        check("borehole", row, "started at", row["started_at"], start)
        check("borehole", row, "ended at", row["ended_at"], start)
        began, ended = sr.moment_of(row["started_at"]), sr.moment_of(row["ended_at"])
        if began is not None and ended is not None and ended < began:
            found.append(book.finding("borehole_end_before_start", object_kind="borehole", object_id=row["id"],
                                      object_code=row["code"], field="ended at", started=sr.shown(began),
                                      ended=sr.shown(ended)))
    for row in _rows(conn, "SELECT id, code, sampled_at FROM sample WHERE project_id = ?", (project_id,)):
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
