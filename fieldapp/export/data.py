"""Reading one project out of the store for export, in a few bulk queries.

Exports read thousands of boreholes; going through the domain modules row by
row would cost one query per borehole, so this module reads each table once
and groups in memory. The rows stay plain dicts of the stored columns; each
format decides how to present them.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from fieldapp.domain.borehole import natural_key as borehole_natural_key
from fieldapp.domain.borehole_closing import bro_vertical_method
from fieldapp.domain.boring_process import BoringProcess, covering
from fieldapp.domain.project import sikb0101_ids
from fieldapp.errors import CoordinateError, ExportError, FieldAppError
from fieldapp.export import asbestos_data, well_data
from fieldapp.export.photos import rows as photo_rows
from fieldapp.positions.rdnap import RdNap
from fieldapp.session import Session
from fieldapp.soil import parse_soil_code

Row = dict[str, Any]
# How the RD position of a borehole was obtained, written beside it so that a
# GIS user can tell a stored value from one computed at export time.
RD_STORED = "stored"
RD_COMPUTED = "RDNAPTRANS2018"

# The order of the borehole list (B2 before B10), cached: an export sorts by the same sample code once
# per part and per container.
natural_key = lru_cache(maxsize=1 << 16)(borehole_natural_key)


def _ranks(samples: list[Row]) -> dict[str, int]:
    """Each sample's place in the natural order of codes (equal keys share one; ``""`` is -1): sorting the
    rows of samples by these integers gives the order of their codes' natural keys."""
    ranks: dict[str, int] = {}
    last: tuple[Any, ...] = natural_key("")
    n = -1
    for s in samples:  # sorted by natural_key of code
        k = natural_key(s["code"])
        if k != last:
            n, last = n + 1, k
        ranks[s["id"]] = n
    return ranks


@dataclass
class ProjectData:
    """One project's field record as exports need it."""

    project: Row
    boreholes: list[Row]
    layers: dict[str, list[Row]] = field(default_factory=dict)  # borehole id -> layers, top down
    samples: list[Row] = field(default_factory=list)
    parts: list[Row] = field(default_factory=list)  # sample parts with sample and borehole codes
    containers: list[Row] = field(default_factory=list)
    soil_words: dict[str, str] = field(default_factory=dict)  # soil code -> Dutch words
    processes: dict[str, list[Row]] = field(default_factory=dict)  # borehole id -> boring processes, top down
    # analysis samples' parts (role HeeftDeelmonster) with the codes, package and interval of each
    analysis_parts: list[Row] = field(default_factory=list)
    # Kwalibo evidence: the deviations (afwijkingen), the field days with who was there, and the
    # staff register (the registrations the work is held to)
    deviations: list[Row] = field(default_factory=list)
    field_days: list[Row] = field(default_factory=list)
    staff: list[Row] = field(default_factory=list)
    # monitoring wells, their sampling rounds and purge readings (fieldapp.export.well_data)
    wells: list[Row] = field(default_factory=list)
    rounds: list[Row] = field(default_factory=list)
    readings: list[Row] = field(default_factory=list)
    photos: list[Row] = field(default_factory=list)  # photo rows with the file each has in the export
    # NEN 5707 and PFAS evidence (fieldapp.export.asbestos_data): asbestos judgements, inspection pits
    # and trenches, their sieved fractions, the signed PFAS equipment checklists
    asbestos: list[Row] = field(default_factory=list)
    pits: list[Row] = field(default_factory=list)
    fractions: list[Row] = field(default_factory=list)
    pfas: list[Row] = field(default_factory=list)

    @property
    def layer_count(self) -> int:
        return sum(len(v) for v in self.layers.values())

    def parts_of_borehole(self) -> dict[str, list[Row]]:
        grouped: dict[str, list[Row]] = defaultdict(list)
        for part in self.parts:
            grouped[part["borehole_id"]].append(part)
        return grouped


def load(session: Session, project_code: str, rd: RdNap | None = None, *, tables: bool = True) -> ProjectData:
    """Read the project ``project_code`` with its boreholes, layers, samples and containers.

    ``tables`` False reads only what the borehole logs draw: no boring processes (the logs read their
    own), analysis sample parts, photos, or asbestos and PFAS evidence.

    Boreholes measured in ETRS89 but without stored RD coordinates get them
    from RDNAPTRANS2018 (``rd_source`` says which); a position outside the
    correction grids keeps empty RD coordinates rather than an approximation.
    """
    store = session.store
    found = store.query("SELECT * FROM project WHERE code = ?", (project_code,))
    if not found:
        known = [r["code"] for r in store.query("SELECT code FROM project ORDER BY code")]
        raise ExportError(
            f"There is no project {project_code!r} in this database.",
            hint=f"Known projects: {', '.join(known)}." if known else "The database holds no project.",
        )
    project = found[0]
    project["_sikb0101"] = sikb0101_ids(session, project)
    pid = project["id"]
    boreholes = store.query("SELECT * FROM borehole WHERE project_id = ?", (pid,))
    boreholes.sort(key=lambda r: natural_key(r["code"]))
    _fill_rd(boreholes, rd)
    codes = {b["id"]: b["code"] for b in boreholes}

    layers: dict[str, list[Row]] = defaultdict(list)
    for row in store.query(  # IN rather than a join: the index (borehole_id, upper_cm) gives the order, no sort
        "SELECT * FROM layer WHERE borehole_id IN (SELECT id FROM borehole WHERE project_id = ?) "
        "ORDER BY borehole_id, upper_cm",
        (pid,),
    ):
        row["borehole_code"] = codes[row["borehole_id"]]
        layers[row["borehole_id"]].append(row)

    samples = store.query("SELECT * FROM sample WHERE project_id = ?", (pid,))
    samples.sort(key=lambda r: natural_key(r["code"]))
    sample_codes = {s["id"]: s["code"] for s in samples}
    rank = _ranks(samples)
    parts = store.query(
        "SELECT p.* FROM sample_part p JOIN sample s ON s.id = p.sample_id WHERE s.project_id = ?", (pid,)
    )
    for part in parts:
        part["sample_code"] = sample_codes[part["sample_id"]]
        part["borehole_code"] = codes.get(part["borehole_id"], "")
    parts.sort(key=lambda r: (rank[r["sample_id"]], r["upper_cm"]))  # by natural sample code, then depth
    containers = store.query(
        "SELECT c.* FROM container c JOIN sample s ON s.id = c.sample_id WHERE s.project_id = ?", (pid,)
    )
    for container in containers:
        container["sample_code"] = sample_codes[container["sample_id"]]
    containers.sort(key=lambda r: (rank[r["sample_id"]], r["barcode"]))

    data = ProjectData(project, boreholes, dict(layers), samples, parts, containers)
    data.soil_words = words = _soil_words(session, {r["soil_code"] for rows in layers.values() for r in rows})
    for rows in layers.values():
        for lay in rows:
            lay["_words"] = words.get(lay["soil_code"], lay["soil_code"])
    if tables:
        data.processes = _processes(session, pid, boreholes, data.layers)
        data.analysis_parts = _analysis_parts(session, samples, parts, rank)
    _evidence(session, data)
    well_data.load(session, data)  # also names a well round's deviation's borehole, which a log lists
    if tables:
        data.photos = photo_rows(store, pid)
        asbestos_data.load(session, data)
    return data


def _samples_shipped(session: Session, shipment_ids: list[str]) -> dict[str, list[str]]:
    """The samples whose containers each of these shipments carries."""
    if not shipment_ids:
        return {}
    marks = ", ".join("?" * len(shipment_ids))
    out: dict[str, list[str]] = defaultdict(list)
    for r in session.store.query(
            "SELECT DISTINCT i.shipment_id, c.sample_id FROM shipment_item i JOIN container c ON c.id = i.container_id "
            f"WHERE i.shipment_id IN ({marks}) ORDER BY c.sample_id", tuple(shipment_ids)):
        out[r["shipment_id"]].append(r["sample_id"])
    return out


def _evidence(session: Session, data: ProjectData) -> None:
    """Deviations, field days and the staff register; each borehole and sample gets the name of
    who did it (``_staff_name``)."""
    from fieldapp.domain import deviation, field_day, staff

    conn, pid = session.store.conn, data.project["id"]
    data.deviations = [dict(vars(d)) for d in deviation.for_project(conn, pid)]
    sample_of = {c["id"]: c["sample_id"] for c in data.containers}
    carried = _samples_shipped(session, [d["object_id"] for d in data.deviations if d["object_kind"] == "shipment"])
    for d in data.deviations:  # a container's deviation (a jar shipped late) applies where its sample was taken
        d["_sample_id"] = sample_of.get(d["object_id"], d["object_id"] if d["object_kind"] == "sample" else None)
        # one on a whole shipment (packed past the holding time) where each of its containers' samples was
        d["_sample_ids"] = carried.get(d["object_id"], [])
    people = {s.id: s for s in staff.register(session.store)}
    names = {ident: who.name for ident, who in people.items()}
    for rows in (data.boreholes, data.samples):
        for row in rows:
            row["_staff_name"] = names.get(row.get("staff_id") or "")
    days = field_day.of_project(session.store, pid)
    data.field_days = [{**vars(d), "_staff": "; ".join(people[s].name for s in d.staff_ids if s in people),
                        "_protocols": "; ".join(d.protocols)} for d in days]
    data.staff = [{**vars(p), "_protocols": "; ".join(p.protocols)} for p in people.values()]


def _processes(session: Session, pid: str, boreholes: list[Row], layers: dict[str, list[Row]]) -> dict[str, list[Row]]:
    """Each borehole's boring processes with their codes for SIKB0101 and BRO; each
    layer gets the id of the process it was drilled with (derived by depth, see
    fieldapp.domain.boring_process), each borehole its BRO vertical method."""
    lists = session.lists
    by_hole: dict[str, list[Row]] = defaultdict(list)
    for row in session.store.query(
            "SELECT * FROM boring_process WHERE borehole_id IN (SELECT id FROM borehole WHERE project_id = ?) "
            "ORDER BY borehole_id, upper_cm", (pid,)):
        by_hole[row["borehole_id"]].append(row)
    # looked up once per distinct value: 10,000 boreholes share a few methods and apparatus
    vertical: dict[tuple[Any, Any], str | None] = {}
    apparatus_ids: dict[Any, Any] = {}
    for hole in boreholes:
        how = (hole.get("surface_method"), hole.get("surface_accuracy_cm"))
        if how not in vertical:
            vertical[how] = bro_vertical_method(lists, *how)
        hole["_surface_method_bro"] = vertical[how]
        rows = by_hole.get(hole["id"], [])
        final = hole.get("final_depth_cm")
        for row in rows:
            row["borehole_code"] = hole["code"]
            row["_lower_cm"] = row["lower_cm"] if row["lower_cm"] is not None else final
            apparatus = row.get("apparatus")
            if apparatus not in apparatus_ids:
                known = apparatus is not None and lists.has("borehole_apparatus", apparatus)
                apparatus_ids[apparatus] = lists.get("borehole_apparatus", apparatus).extra.get(
                    "sikb0101_id") if known and apparatus is not None else None
            row["_apparatus_sikb0101_id"] = apparatus_ids[apparatus]
        processes = [BoringProcess(**{k: r[k] for k in _PROCESS_FIELDS}) for r in rows]  # the stored columns
        for lay in layers.get(hole["id"], ()):
            found = covering(processes, lay["upper_cm"], lay["lower_cm"], final) if processes else None
            lay["_boring_process_id"] = None if found is None else found.id
    return dict(by_hole)


_PROCESS_FIELDS = ("id", "borehole_id", "upper_cm", "lower_cm", "technique", "apparatus", "diameter_mm", "remarks")


def _analysis_parts(session: Session, samples: list[Row], parts: list[Row], rank: dict[str, int]) -> list[Row]:
    """Each sample gets its SIKB0101 MonsterType id and its package's name; the
    analysis samples' parts come back with their codes and interval."""
    from fieldapp.domain import analysis_package  # only exports with analysis samples need the table

    names = {p.code: p.nl for p in analysis_package.load()}
    kinds = {e.code: e.extra.get("sikb0101_monstertype_id") for e in session.lists.entries("sample_kind")}
    for s in samples:
        s["_monstertype_id"] = kinds.get(s["kind"])
        s["_package_name"] = names.get(s.get("analysis_package") or "")
    by_id = {s["id"]: s for s in samples}
    first: dict[str, Row] = {}
    for part in parts:
        first.setdefault(part["sample_id"], part)
    rows = session.store.query(
        "SELECT a.* FROM analysis_sample_part a JOIN sample s ON s.id = a.analysis_sample_id WHERE s.project_id = ?",
        (samples[0]["project_id"],)) if samples else []
    for row in rows:
        head, member = by_id.get(row["analysis_sample_id"], {}), by_id.get(row["field_sample_id"], {})
        where = first.get(row["field_sample_id"], {})
        row.update(analysis_sample_code=head.get("code"), analysis_package=head.get("analysis_package"),
                   field_sample_code=member.get("code"), borehole_code=where.get("borehole_code"),
                   borehole_id=where.get("borehole_id"), upper_cm=where.get("upper_cm"), lower_cm=where.get("lower_cm"))
    # by natural code of the analysis sample, then of the field sample (a missing one as code "")
    rows.sort(key=lambda r: (rank.get(r["analysis_sample_id"], -1), rank.get(r["field_sample_id"], -1)))
    return rows


def _fill_rd(boreholes: list[Row], rd: RdNap | None) -> None:
    for b in boreholes:
        if b["x_rd"] is not None and b["y_rd"] is not None:
            b["rd_source"] = RD_STORED
            continue
        b["rd_source"] = None
        if b["lat"] is None or b["lon"] is None:
            continue
        if rd is None:
            rd = RdNap()
        try:
            # x and y only: a NAP height from the antenna's ellipsoidal height
            # would need the antenna height, which the record does not hold
            point = rd.to_rd(b["lat"], b["lon"])
        except CoordinateError:
            continue
        b["x_rd"], b["y_rd"] = point.x, point.y
        b["rd_source"] = RD_COMPUTED


def _soil_words(session: Session, codes: set[str]) -> dict[str, str]:
    # One parse per distinct code: 50,000 layers use a few dozen codes.
    words: dict[str, str] = {}
    for code in codes:
        try:
            words[code] = parse_soil_code(code, session.lists, legacy=True).describe("nl")
        except FieldAppError:
            words[code] = code  # a code from an older list: show it as written
    return words


def json_list(text: str | None) -> list[Any]:
    return list(json.loads(text)) if text else []


def admixture_text(text: str | None, label: Callable[[str, str], str] | None = None) -> str:
    """Anthropogenic admixtures as words, e.g. ``"matig puin; zwak baksteen"``."""
    items = json_list(text)
    if label is None:
        return "; ".join(f"{a['grade']} {a['code']}" for a in items)
    return "; ".join(f"{label('anthropogenic_grade', a['grade'])} {label('anthropogenic_admixture', a['code'])}"
                     for a in items)


def staff(project: Row) -> str:
    return ", ".join(str(s) for s in json_list(project.get("field_staff")))
