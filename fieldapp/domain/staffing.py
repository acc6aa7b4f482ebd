"""The staffing rules of ``resources/rules/staffing.json``, checked per site and day for `fieldapp check`.

On each day of field work on a project's site: for every protocol in use (from the work done
that day: boreholes and soil samples 2001, groundwater samples 2002, and what the field day
adds) at least one experienced fieldworker registered for it; at most N assistants per
registered fieldworker; every experienced fieldworker who worked registered on that day. Who
was there is the field day's list together with whoever did that day's boreholes and samples.
Rows are read with a few grouped queries per project, never one per borehole.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass, field
from typing import Any

from fieldapp.domain.common import dutch_day
from fieldapp.domain.staff import ROLE_NAMES, Staff
from fieldapp.rules import Finding, RuleBook

#: (English, Dutch) of the work the protocols table names
WORK_NAMES: dict[str, tuple[str, str]] = {
    "borehole": ("borehole", "boring"), "field_sample": ("soil sample", "grondmonster"),
    "groundwater": ("groundwater sample", "grondwatermonster"),
}


@dataclass
class Day:
    """What happened on one day of a project: the work, its protocols, the field days, who was there."""

    day: str
    work: dict[str, int] = field(default_factory=dict)  # work kind -> how many
    protocols: set[str] = field(default_factory=set)
    field_day_ids: list[str] = field(default_factory=list)
    present: set[str] = field(default_factory=set)


def _rows(conn: sqlite3.Connection, sql: str, params: tuple[Any, ...]) -> list[sqlite3.Row]:
    cursor = conn.cursor()
    cursor.row_factory = sqlite3.Row
    return cursor.execute(sql, params).fetchall()


def _has_register(conn: sqlite3.Connection) -> bool:
    return conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'field_day'").fetchone() \
        is not None


def register(conn: sqlite3.Connection) -> dict[str, Staff]:
    return {r["id"]: Staff(id=r["id"], name=r["name"], role=r["role"],
                           registration_number=r["registration_number"],
                           protocols=tuple(json.loads(r["protocols"] or "[]")), valid_until=r["valid_until"],
                           remarks=r["remarks"]) for r in _rows(conn, "SELECT * FROM staff", ())}


def days_of(conn: sqlite3.Connection, project_id: str, book: RuleBook) -> dict[str, Day]:
    """Every day of the project with work or a field day."""
    protocol_of: dict[str, str] = book.value("staffing_protocols")
    days: dict[str, Day] = {}

    def at(day: str) -> Day:
        return days.setdefault(day, Day(day))

    # each moment's Dutch day (an imported start is UTC: 00:30 on site is 23:30 UTC the day before), the day
    # its field day is recorded on
    work = _rows(conn, """
        SELECT started_at AS moment, 'borehole' AS kind, staff_id, COUNT(*) AS n FROM borehole
        WHERE project_id = ? AND started_at IS NOT NULL GROUP BY 1, 3
        UNION ALL
        SELECT sampled_at, kind, staff_id, COUNT(*) FROM sample
        WHERE project_id = ? AND sampled_at IS NOT NULL AND kind IN ('field_sample', 'groundwater') GROUP BY 1, 2, 3
        """, (project_id, project_id))
    for r in work:
        d = at(dutch_day(r["moment"]))
        d.work[r["kind"]] = d.work.get(r["kind"], 0) + r["n"]
        if r["kind"] in protocol_of:
            d.protocols.add(protocol_of[r["kind"]])
        if r["staff_id"]:
            d.present.add(r["staff_id"])
    for r in _rows(conn, "SELECT id, day, protocols FROM field_day WHERE project_id = ? ORDER BY id", (project_id,)):
        d = at(r["day"])
        d.field_day_ids.append(r["id"])
        d.protocols.update(json.loads(r["protocols"] or "[]"))
    for r in _rows(conn, "SELECT d.day, fs.staff_id FROM field_day_staff fs JOIN field_day d ON d.id = fs.field_day_id "
                   "WHERE d.project_id = ?", (project_id,)):
        at(r["day"]).present.add(r["staff_id"])
    return days


def _who(people: list[Staff]) -> str:
    return ", ".join(f"{p.name} ({ROLE_NAMES.get(p.role, (p.role, p.role))[1]})" for p in people) or "niemand"


def findings(conn: sqlite3.Connection, project_id: str, book: RuleBook) -> list[Finding]:
    if not _has_register(conn):
        return []
    project = _rows(conn, "SELECT id, code FROM project WHERE id = ?", (project_id,))
    if not project:
        return []
    staff = register(conn)
    if not staff:
        return []  # no staff register kept on this database yet: nothing to hold the work against
    found: list[Finding] = []
    per_fieldworker = int(book.value("staffing_assistants_per_fieldworker"))
    for day in sorted(days_of(conn, project_id, book).values(), key=lambda d: d.day):
        at = ({"object_kind": "field_day", "object_id": day.field_day_ids[0], "object_code": day.day}
              if day.field_day_ids else
              {"object_kind": "project", "object_id": project_id, "object_code": project[0]["code"]})
        people = sorted((staff[s] for s in day.present if s in staff), key=lambda p: p.name)
        experienced = [p for p in people if p.role == "experienced"]
        if day.work and not day.field_day_ids:
            what = ", ".join(f"{n} {WORK_NAMES.get(k, (k, k))[1]}" for k, n in sorted(day.work.items()))
            found.append(book.finding("staffing_field_day_recorded", **at, field="day", day=day.day, work=what))
        for protocol in sorted(day.protocols):
            if not any(p.registered_for(protocol, day.day) for p in experienced):
                found.append(book.finding("staffing_experienced_per_protocol", **at, field="staff present",
                                          day=day.day, protocol=protocol, present=_who(people)))
        registered = [p for p in experienced if p.registration_problem(day.day) is None]
        for p in experienced:
            problem = p.registration_problem(day.day)
            if problem is not None:
                found.append(book.finding("staffing_registration_valid", **at, field="staff present", name=p.name,
                                          day=day.day, problem_en=problem[0], problem_nl=problem[1]))
        assistants = [p for p in people if p.role == "assistant"]
        if len(assistants) > per_fieldworker * len(registered):
            found.append(book.finding("staffing_assistants_per_fieldworker", **at, field="staff present",
                                      day=day.day, assistants=len(assistants), fieldworkers=len(registered)))
    found.extend(_unrecorded(conn, project_id, book))
    return found


def _unrecorded(conn: sqlite3.Connection, project_id: str, book: RuleBook) -> list[Finding]:
    """Boreholes and field samples that do not say who did them."""
    out = []
    for r in _rows(conn, """
            SELECT 'borehole' AS kind, id, code FROM borehole WHERE project_id = ? AND staff_id IS NULL
            UNION ALL
            SELECT 'sample', id, code FROM sample WHERE project_id = ? AND staff_id IS NULL
              AND kind IN ('field_sample', 'groundwater')""", (project_id, project_id)):
        en, nl = ("Borehole", "de boring") if r["kind"] == "borehole" else ("Sample", "het monster")
        out.append(book.finding("staffing_work_staff_recorded", object_kind=r["kind"], object_id=r["id"],
                                object_code=r["code"], field="staff", what_en=en, what_nl=nl, code=r["code"]))
    return out
