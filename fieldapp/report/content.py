"""What the field report (veldwerkrapportage) says, read from the store as plain data.

BRL SIKB 2000 asks the field report for the project's identification, the
fieldworkers, the dates, what was done and what was collected, every deviation
and the statement that the work was done under the process certificate; the
weather per day is what a reader of the results needs beside them. Each is
read here with a few grouped queries, so that the PDF writer (:mod:`.pdf`)
only lays it out.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Mapping
from dataclasses import dataclass, field

from fieldapp.domain import deviation as deviation_mod
from fieldapp.domain.common import dutch_day
from fieldapp.domain.deviation import Deviation
from fieldapp.domain.project import Project
from fieldapp.domain.staff import ROLE_NAMES
from fieldapp.report.photos import ReportPhoto


@dataclass(frozen=True)
class Worker:
    name: str
    role: str  # Dutch
    registration_number: str
    protocols: str
    valid_until: str


@dataclass
class Day:
    day: str
    weather: str = ""
    site: str = ""
    present: list[str] = field(default_factory=list)
    boreholes: int = 0
    wells: int = 0
    samples: int = 0
    groundwater_samples: int = 0
    containers: int = 0


@dataclass(frozen=True)
class FieldReport:
    project: Project
    workers: tuple[Worker, ...]
    days: tuple[Day, ...]
    collected: tuple[tuple[str, str], ...]  # (what, how many) in Dutch
    deviations: tuple[Deviation, ...]
    photos: tuple[ReportPhoto, ...] = ()  # filled by write_report, which knows the photo folder
    # a deviation on a whole shipment (by deviation id): the boreholes whose containers it carries
    shipment_boreholes: Mapping[str, list[str]] = field(default_factory=dict)

    def deviation_object(self, d: Deviation) -> str:
        """What a deviation concerns, as the report names it (a shipment with the boreholes it carries)."""
        if d.object_kind == "shipment":
            holes = self.shipment_boreholes.get(d.id, [])
            return f"zending {d.object_code}" + (f" (boringen {', '.join(holes)})" if holes else "")
        return d.object_code or d.object_kind

    @property
    def period(self) -> str:
        if not self.days:
            return "geen veldwerkdagen vastgelegd"
        first, last = self.days[0].day, self.days[-1].day
        return first if first == last else f"{first} t/m {last}"


def _has(conn: sqlite3.Connection, table: str) -> bool:
    return conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (table,)).fetchone() \
        is not None


def _days(conn: sqlite3.Connection, project_id: str) -> dict[str, Day]:
    days: dict[str, Day] = {}

    def day(d: str) -> Day:
        return days.setdefault(d, Day(d))

    # the Dutch day of each moment (dutch_day): imported and demo moments are UTC, and work begun at 00:30 on
    # site is on that day, not on the day before in Greenwich; grouped by moment first, so each is read once
    for stamp, kind, n in conn.execute(
            "SELECT started_at, kind, COUNT(*) FROM borehole WHERE project_id = ? "
            "AND started_at IS NOT NULL GROUP BY 1, 2", (project_id,)):
        if kind == "peilbuis":
            day(dutch_day(stamp)).wells += n
        day(dutch_day(stamp)).boreholes += n
    for stamp, kind, n in conn.execute(
            "SELECT sampled_at, kind, COUNT(*) FROM sample WHERE project_id = ? "
            "AND sampled_at IS NOT NULL AND kind <> 'analysis_sample' GROUP BY 1, 2", (project_id,)):
        if kind == "groundwater":
            day(dutch_day(stamp)).groundwater_samples += n
        else:
            day(dutch_day(stamp)).samples += n
    for stamp, n in conn.execute(
            "SELECT s.sampled_at, COUNT(*) FROM container c JOIN sample s ON s.id = c.sample_id "
            "WHERE s.project_id = ? AND s.sampled_at IS NOT NULL AND c.voided_at IS NULL GROUP BY 1", (project_id,)):
        day(dutch_day(stamp)).containers += n
    if _has(conn, "field_day"):
        for fid, d, weather, site in conn.execute(
                "SELECT id, day, weather, site FROM field_day WHERE project_id = ?", (project_id,)):
            one = day(d)
            one.weather, one.site = weather or "", site or ""
            one.present = [str(r[0]) for r in conn.execute(
                "SELECT s.name FROM field_day_staff x JOIN staff s ON s.id = x.staff_id WHERE x.field_day_id = ? "
                "ORDER BY s.name", (fid,))]
    return days


def _workers(conn: sqlite3.Connection, project_id: str) -> list[Worker]:
    """Everyone on the register who was on a field day of the project, did its work or decided a deviation."""
    if not _has(conn, "staff"):
        return []
    rows = conn.execute("""
        SELECT DISTINCT s.name, s.role, s.registration_number, s.protocols, s.valid_until FROM staff s
        WHERE s.id IN (SELECT x.staff_id FROM field_day_staff x JOIN field_day f ON f.id = x.field_day_id
                       WHERE f.project_id = ?)
           OR s.id IN (SELECT staff_id FROM borehole WHERE project_id = ?)
           OR s.id IN (SELECT staff_id FROM sample WHERE project_id = ?)
           OR s.id IN (SELECT staff_id FROM deviation WHERE project_id = ?)
        ORDER BY CASE s.role WHEN 'experienced' THEN 0 WHEN 'assistant' THEN 1 ELSE 2 END, s.name""",
                        (project_id,) * 4)
    out = []
    for name, role, number, protocols, until in rows:
        listed = ", ".join(p.strip(' "') for p in str(protocols or "").strip("[]").split(",") if p.strip(' "'))
        out.append(Worker(str(name), ROLE_NAMES.get(str(role), (str(role), str(role)))[1], number or "—",
                          listed or "—", until or "—"))
    return out


def _collected(conn: sqlite3.Connection, project_id: str) -> list[tuple[str, str]]:
    def one(sql: str) -> int:
        return int(conn.execute(sql, (project_id,)).fetchone()[0] or 0)

    out = [
        ("boringen", one("SELECT COUNT(*) FROM borehole WHERE project_id = ?")),
        ("waarvan peilbuizen", one("SELECT COUNT(*) FROM borehole WHERE project_id = ? AND kind = 'peilbuis'")),
        ("posities gemeten met GNSS (met ruwe NMEA)",
         one("SELECT COUNT(*) FROM borehole WHERE project_id = ? AND lat IS NOT NULL AND raw_nmea IS NOT NULL")),
        ("bodemlagen beschreven (NEN 5104)",
         one("SELECT COUNT(*) FROM layer l JOIN borehole b ON b.id = l.borehole_id WHERE b.project_id = ?")),
        ("grondmonsters", one("SELECT COUNT(*) FROM sample WHERE project_id = ? AND kind = 'field_sample'")),
        ("grondwatermonsters", one("SELECT COUNT(*) FROM sample WHERE project_id = ? AND kind = 'groundwater'")),
        ("analysemonsters (mengmonsters)",
         one("SELECT COUNT(*) FROM sample WHERE project_id = ? AND kind = 'analysis_sample'")),
        # a voided container was scanned by mistake: no jar (fieldapp.domain.container.void)
        ("monsterpotjes en -flessen", one("SELECT COUNT(*) FROM container c JOIN sample s ON s.id = c.sample_id "
                                         "WHERE s.project_id = ? AND c.voided_at IS NULL")),
        ("zendingen naar het laboratorium (COC)", one("SELECT COUNT(*) FROM shipment WHERE project_id = ?")),
        ("zendingen ontvangen door het laboratorium",
         one("SELECT COUNT(*) FROM shipment WHERE project_id = ? AND received_at IS NOT NULL")),
    ]
    if _has(conn, "inspection_pit"):
        out.append(("inspectiegaten en sleuven (NEN 5707)",
                    one("SELECT COUNT(*) FROM inspection_pit WHERE project_id = ?")))
    return [(what, str(n)) for what, n in out]


def gather(conn: sqlite3.Connection, proj: Project) -> FieldReport:
    days = _days(conn, proj.id)
    deviations = deviation_mod.for_project(conn, proj.id)
    return FieldReport(proj, tuple(_workers(conn, proj.id)), tuple(days[d] for d in sorted(days)),
                       tuple(_collected(conn, proj.id)), tuple(deviations),
                       shipment_boreholes=deviation_mod.shipment_boreholes(conn, deviations))
