"""`fieldapp check` findings of wells, sampling rounds, groundwater samples and their
bottles (rules of ``resources/rules/well.json``). Set-based: a few queries per project.

The write paths refuse what breaks a rule; these findings list what is still
missing, and what came in by sync or an older version without those checks. A
finding an overridable rule gives (sampled too soon, purge stopped before a stop
rule held) is covered by a recorded deviation on the same object and rule.
"""

from __future__ import annotations

import json
import sqlite3
from collections import defaultdict
from typing import Any

from fieldapp.domain import analysis_package, bottle, purge
from fieldapp.domain import sampling_round as sr
from fieldapp.domain import well as well_mod
from fieldapp.domain.common import from_row
from fieldapp.domain.depth import DecimalText
from fieldapp.domain.well import Well
from fieldapp.errors import CodeListError, ValidationError
from fieldapp.rules import Finding, RuleBook, RuleError

#: what a complete round has: (column, form field, English, Dutch)
ROUND_REQUIRED: tuple[tuple[str, str, str, str], ...] = (
    ("water_level_cm", "water level", "the water level before purging", "het waterniveau voor het voorpompen"),
    ("pump_type", "pump type", "the pump type", "het pomptype"),
    ("intake_cm", "intake depth", "the intake depth", "de diepte van de aanzuiging"),
    ("flow_ml_min", "flow", "the flow rate", "het debiet"),
    ("staff_id", "staff", "who sampled (staff register)", "wie bemonsterde (medewerkersregister)"),
)


def _rows(conn: sqlite3.Connection, sql: str, params: tuple[Any, ...]) -> list[dict[str, Any]]:
    cur = conn.cursor()
    cur.row_factory = sqlite3.Row
    return [dict(r) for r in cur.execute(sql, params)]


def _has_tables(conn: sqlite3.Connection) -> bool:
    return conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'purge_reading'").fetchone() \
        is not None


def findings(conn: sqlite3.Connection, project_id: str, book: RuleBook) -> list[Finding]:
    if not _has_tables(conn):  # an old file opened read-only
        return []
    found: list[Finding] = []
    for hole in _rows(conn, "SELECT id, code FROM borehole b WHERE project_id = ? AND kind = 'peilbuis' AND NOT "
                      "EXISTS (SELECT 1 FROM well w WHERE w.borehole_id = b.id)", (project_id,)):
        found.append(book.finding("well_missing", object_kind="borehole", object_id=hole["id"],
                                  object_code=hole["code"], field="well", code=hole["code"]))
    wells: dict[str, tuple[str, Well]] = {}
    for row in _rows(conn, "SELECT w.*, b.code AS borehole_code, b.final_depth_cm FROM well w JOIN borehole b "
                     "ON b.id = w.borehole_id WHERE b.project_id = ?", (project_id,)):
        code = well_mod.well_code(row["borehole_code"], row["tube_number"])
        wells[row["id"]] = (code, from_row(Well, row))
        found += _well_findings(book, row, code)
    found += _round_findings(conn, project_id, book, wells)
    found += _sample_findings(conn, project_id, book)
    found += _bottle_findings(conn, project_id, book)
    return found


def _well_findings(book: RuleBook, row: dict[str, Any], code: str) -> list[Finding]:
    at = {"object_kind": "well", "object_id": row["id"], "object_code": code}
    out = [book.finding("well_incomplete", **at, field=field, code=code, missing_en=en, missing_nl=nl)
           for field, en, nl in well_mod.missing(row)]
    try:
        well_mod.check_construction(row, code, row["final_depth_cm"], book)
    except RuleError as exc:
        out.append(book.finding(exc.rule.id, **at, field=exc.field, **exc.values))
    return out


def _round_findings(conn: sqlite3.Connection, project_id: str, book: RuleBook,
                    wells: dict[str, tuple[str, Well]]) -> list[Finding]:
    readings: dict[str, list[purge.Reading]] = defaultdict(list)
    for row in _rows(conn, "SELECT p.* FROM purge_reading p JOIN sampling_round r ON r.id = p.round_id JOIN well w "
                     "ON w.id = r.well_id JOIN borehole b ON b.id = w.borehole_id WHERE b.project_id = ?",
                     (project_id,)):
        readings[row["round_id"]].append(purge.as_reading(row))
    out: list[Finding] = []
    for row in _rows(conn, "SELECT r.* FROM sampling_round r JOIN well w ON w.id = r.well_id JOIN borehole b "
                     "ON b.id = w.borehole_id WHERE b.project_id = ? ORDER BY r.started_at", (project_id,)):
        well_code, well = wells[row["well_id"]]
        code = sr.round_code(well_code, row["started_at"])
        at = {"object_kind": "sampling_round", "object_id": row["id"], "object_code": code}
        lacking = [(field, en, nl) for column, field, en, nl in ROUND_REQUIRED if row[column] is None]
        taken = readings.get(row["id"], [])
        if not any(r.ec_us_cm is not None and r.ph is not None for r in taken):
            lacking.append(("readings", "field readings with EC and pH", "veldmetingen met EC en pH"))
        if any(row[c] is None for c in sr.OBSERVATION_COLUMNS):
            lacking.append(("observations", "one or more of the nine field observations",
                            "een of meer van de negen veldwaarnemingen"))
        out += [book.finding("round_incomplete", **at, field=field, code=code, missing_en=en, missing_nl=nl)
                for field, en, nl in lacking]
        try:
            sr.check_wait(well_code, well.placed_at, row["started_at"], book)
        except RuleError as exc:
            out.append(book.finding(exc.rule.id, **at, field=exc.field, **exc.values))
        state = sr.assess(well, row["water_level_cm"], row["flow_ml_min"], row["drawdown_cm"], taken, book)
        if not row["finished_at"]:
            out.append(book.finding("round_not_finished", **at, field="readings", code=code))
        elif state.met is None:
            volume = state.readings[-1].volume_l if state.readings else 0.0
            out.append(book.finding("purge_stop_rule_required", **at, field="readings", code=code,
                                    volume=DecimalText(f"{volume:g}"),
                                    volumes=DecimalText(f"{state.volumes_purged:.1f}")))
        if state.slow and row["groundwater_level_dropped_too_much"] != 1:
            out.append(book.finding("well_slow_running", **at, field="observations", code=well_code,
                                    drawdown=state.drawdown_cm, flow=row["flow_ml_min"]))
    return out


def _sample_findings(conn: sqlite3.Connection, project_id: str, book: RuleBook) -> list[Finding]:
    out: list[Finding] = []
    rows = _rows(conn, "SELECT s.id, s.code, s.sampling_round_id, p.upper_cm, p.lower_cm, w.filter_top_cm, "
                 "w.filter_bottom_cm, w.tube_number, b.code AS borehole_code, h.kind AS hole_kind FROM sample s "
                 "JOIN sample_part p ON p.sample_id = s.id JOIN borehole h ON h.id = p.borehole_id "
                 "LEFT JOIN sampling_round r ON r.id = s.sampling_round_id LEFT JOIN well w ON w.id = r.well_id "
                 "LEFT JOIN borehole b ON b.id = w.borehole_id "
                 "WHERE s.project_id = ? AND s.kind = 'groundwater'", (project_id,))
    for row in rows:
        at = {"object_kind": "sample", "object_id": row["id"], "object_code": row["code"]}
        if row["sampling_round_id"] is None:
            if row["hole_kind"] != well_mod.PEILBUIS:
                continue  # not from a well at all: rule groundwater_sample_in_well says so
            out.append(book.finding("well_sample_needs_round", **at, field="round", code=row["code"]))
            continue
        try:
            well_mod.check_in_filter(row["code"], row["upper_cm"], row["lower_cm"],
                                     well_mod.well_code(row["borehole_code"], row["tube_number"]),
                                     row["filter_top_cm"], row["filter_bottom_cm"], "part 1 lower depth", book)
        except RuleError as exc:
            out.append(book.finding(exc.rule.id, **at, field=exc.field, **exc.values))
    return out


def _bottle_findings(conn: sqlite3.Connection, project_id: str, book: RuleBook) -> list[Finding]:
    """Bottles filled for a package (or filtered into an analysis sample's package):
    filtered organics, a bottle the package does not allow, preservation not as expected."""
    from fieldapp.codelists import CodeLists

    lists = CodeLists.load()
    out: list[Finding] = []
    rows = _rows(conn, "SELECT c.id, c.barcode, c.container_type, c.material, c.preservation, c.filtered, "
                 "c.analysis_package, c.parameters, s.matrix, (SELECT a.analysis_package FROM analysis_sample_part "
                 "ap JOIN sample a ON a.id = ap.analysis_sample_id WHERE ap.field_sample_id = s.id "
                 "AND a.analysis_package IS NOT NULL ORDER BY a.code LIMIT 1) AS composed_package "
                 "FROM container c JOIN sample s ON s.id = c.sample_id WHERE s.project_id = ? "
                 "AND c.voided_at IS NULL AND (c.analysis_package IS NOT NULL OR c.filtered = 1)", (project_id,))
    for row in rows:
        package = row["analysis_package"] or row["composed_package"]
        if not package:
            continue
        at = {"object_kind": "container", "object_id": row["id"], "object_code": row["barcode"]}
        try:
            bottle.check(lists, package, row["matrix"], row["container_type"], row["material"],
                         bool(row["filtered"]), json.loads(row["parameters"] or "[]"), book)
        except RuleError as exc:
            out.append(book.finding(exc.rule.id, **at, field=exc.field, **exc.values))
        except (ValidationError, CodeListError):
            continue  # a package or matrix mismatch is the analysis sample's own finding
        expected = bottle.expected_preservation(package, row["matrix"])
        if expected and (row["preservation"] or "") != expected:
            out.append(book.finding("bottle_preservation_expected", **at, field="preservation",
                                    barcode=row["barcode"], package=analysis_package.get(package).code,
                                    given=row["preservation"] or "geen", expected=expected))
    return out
