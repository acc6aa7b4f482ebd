"""`fieldapp import --format sikb0101`: one SIKB0101 14.x investigation into a project.

New, or merged into the project with the same project code: rows are matched
by their ids (:mod:`fieldapp.sikb.import_names`), a row already stored is
updated where the file says otherwise, nothing stored is deleted or emptied, and
a GNSS-measured position is kept over the file's point (:mod:`fieldapp.sikb.import_merge`). Everything is
checked before the first write and written in one journalled batch: all or
nothing.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from fieldapp.domain import project as project_mod
from fieldapp.domain.common import human_code, optional_text
from fieldapp.errors import ValidationError
from fieldapp.messages import named, refused, term, wrapped
from fieldapp.progress import Cancelled, Progress
from fieldapp.sikb import import_layers, import_merge, import_pits, import_samples, import_wells, mapping
from fieldapp.sikb.import_codes import CodeMap
from fieldapp.sikb.import_context import Context
from fieldapp.sikb.import_names import Names, row_id
from fieldapp.sikb.import_report import ImportReport
from fieldapp.sikb.read_geometry import contour_wkt
from fieldapp.sikb.read_xml import GML_ID, HREF, SikbFile, child, local, parse_urn, read, text
from fieldapp.store.database import UniqueViolation, utc_now

if TYPE_CHECKING:
    from fieldapp.positions.rdnap import RdNap
    from fieldapp.session import Session
    from fieldapp.store.database import Tx

ORDER = ("borehole", "inspection_pit", "boring_process", "layer", "well", "sampling_round", "purge_reading",
         "sample", "sample_part", "analysis_sample_part", "container", "custody_event")
#: project fields from the Project element: FieldApp column -> SIKB0101 element
_PROJECT_CODES = {"investigation_type": "projectType", "investigation_reason": "investigationReason",
                  "investigation_phase": "phase", "investigation_strategy": "strategyType",
                  "asbestos_presence": "asbestos"}
_KEPT = {"Project", "Borehole", "Trench", "Layer", "BoreProcess", "Filter", "Finishing", "Sample"}
#: the steps of reading the file (each a tenth of its bytes parsed: 10,000 boreholes take seconds), then
#: those before the write: boreholes and layers, pits, wells, samples, the leftovers counted
_FILE_STEPS = 10
_READ_STEPS = _FILE_STEPS + 5


class _Steps:
    """How far the import is, in steps (reading and checking, then each table written), and where a
    cancel is heard: before the write, or inside its one transaction, so nothing is imported either way."""

    def __init__(self, progress: Progress | None, cancelled: Cancelled | None) -> None:
        self.progress, self.cancelled = progress, cancelled
        self.done, self.total = 0, _READ_STEPS + 1 + len(ORDER)  # the project row, then ORDER's tables
        if progress is not None:
            progress(0, self.total)

    def step(self) -> None:
        if self.cancelled is not None and self.cancelled():
            raise refused("file", "import_cancelled")
        self.done += 1
        if self.progress is not None:
            self.progress(self.done, self.total)

    def reading(self, done: int, size: int) -> None:
        """A piece of the file parsed: the steps of the tenths it completes."""
        while self.done < _FILE_STEPS * done // max(size, 1):
            self.step()

    def finish(self) -> None:
        if self.progress is not None:
            self.progress(self.total, self.total)


def import_sikb(session: Session, path: Path, rd: RdNap | None = None, *, progress: Progress | None = None,
                cancelled: Cancelled | None = None) -> ImportReport:
    """Import the investigation in ``path``; ``progress(done, total)`` hears of each step, and once
    ``cancelled()`` turns True the import stops at the next one with nothing written (both from the
    GUI's task manager, or a progress bar on the command line)."""
    from fieldapp.positions.rdnap import RdNap

    steps = _Steps(progress, cancelled)
    sikb = read(path, steps.reading)
    while steps.done < _FILE_STEPS:  # an empty file reads no piece
        steps.step()
    report = ImportReport()
    element, code = _project_element(sikb)
    current = session.store.query("SELECT * FROM project WHERE code = ?", (code,))
    project_id = current[0]["id"] if current else row_id(element.get(GML_ID), code)
    ctx = Context(session, sikb, CodeMap(session.lists, report), rd or RdNap(), report, code, project_id, {})
    project_row = _project_row(ctx, element, current[0] if current else None)
    ctx.names["borehole"] = Names("borehole", report, _held(session, "borehole", project_id))
    ctx.names["sample"] = Names("sample", report, _held(session, "sample", project_id))
    ctx.names["inspection_pit"] = Names("inspection_pit", report, _held(session, "inspection_pit", project_id))
    holes = import_layers.holes(ctx)
    steps.step()
    import_pits.pits(ctx, holes)
    steps.step()
    ctx.holes_by_id = {h["id"]: h for h in holes.values()}
    tubes: dict[str, dict[str, int]] = {}
    for r in session.store.query("SELECT w.id, w.borehole_id, w.tube_number FROM well w JOIN borehole b "
                                 "ON b.id = w.borehole_id WHERE b.project_id = ?", (project_id,)):
        tubes.setdefault(r["borehole_id"], {})[r["id"]] = r["tube_number"]
    wells = import_wells.wells(ctx, holes, tubes)
    steps.step()
    barcodes = {r["barcode"]: (r["id"], r["sample_id"])
                for r in session.store.query("SELECT id, barcode, sample_id FROM container")}
    import_samples.samples(ctx, holes, wells, barcodes)
    steps.step()
    _count(ctx)
    steps.step()
    report.project_code, report.merged = code, bool(current)
    _write(session, ctx, project_row, bool(current), path.name, steps)
    return report


def _project_element(sikb: SikbFile) -> tuple[Any, str]:
    projects = sikb.of_kind("Project")
    codes = [text(p, "projectCode") or text(p, "name") or "?" for p in projects]
    if len(projects) > 1:
        raise refused("project", "refuse_two_projects", file=sikb.path.name, n=len(projects), codes=", ".join(codes))
    if not projects:
        raise refused("project", "refuse_no_project", file=sikb.path.name)
    code = text(projects[0], "projectCode")
    if not code:
        raise refused("project", "refuse_no_project_code", name=codes[0])
    return projects[0], human_code(code, "project code", f"Project {code}")


def _project_row(ctx: Context, el: Any, current: dict[str, Any] | None) -> dict[str, Any]:
    what = named("project", ctx.project_code)
    changes: dict[str, Any] = {"name": text(el, "name") or ctx.project_code,
                               "report_number": text(el, "reportNumber"),
                               "start_date": _day(text(el, "startTime")), "end_date": _day(text(el, "endTime"))}
    # coded values are checked by the code map, which keeps those BRO takes as IMBRO/A only
    coded = {column: ctx.codes.resolve(parse_urn(text(el, element)), what, element)
             for column, element in _PROJECT_CODES.items()}
    contractor = _contractor(ctx, el)
    changes.update(contractor)
    geometry = child(el, "geometry")
    contour = contour_wkt(geometry, ctx.rd) if geometry is not None else None
    if contour is not None:
        changes["site_contour"] = contour
    if current is not None:
        changes = {k: v for k, v in changes.items() if v is not None}
    try:  # FieldApp's own rules of a project, which name no project
        row = project_mod.clean(ctx.session, changes, current)
    except ValidationError as exc:
        raise wrapped(what, exc) from None
    row.update({k: v for k, v in coded.items() if (v is not None or current is None)
                and (current is None or current.get(k) != v)})
    remarks = optional_text(text(el, "remarks"))
    if remarks is not None and (current is None or current.get("remarks") != remarks):
        row["remarks"] = remarks
    if not contractor and child(el, "stakeholders") is not None:
        ctx.report.skipped("project_stakeholders", named("project", ctx.project_code))
    for element in ("investigationConclusion", "assesorConclusion", "documents"):
        if child(el, element) is not None:
            ctx.report.skipped("project_element", named("project", ctx.project_code), element=element)
    return {"id": ctx.project_id, "code": ctx.project_code, **row} if current is None else row


def _contractor(ctx: Context, el: Any) -> dict[str, Any]:
    """The contractor (the report's author, RolBetrokkene 64 Adviesbureau) among the project's stakeholders."""
    role = int(mapping.load(ctx.session.lists).raw["organisation_roles"]["contractor"])
    for link in el.iterchildren("{*}stakeholders"):
        org = ctx.file.target(link.get(HREF))
        kind = parse_urn(text(org, "organisationType")) if org is not None else None
        if org is None or kind is None or kind.id != role:
            continue
        found: dict[str, Any] = {"contractor": text(org, "name")}
        kvk = text(org, "chamberOfCommerceNumber")
        if kvk and kvk.isdigit() and len(kvk) == 8:
            found["contractor_kvk"] = kvk
        elif kvk:
            ctx.report.skipped("kvk_bad", named("project", ctx.project_code), kvk=kvk)
        return found
    return {}


def _day(moment: str | None) -> str | None:
    """The date of a SIKB date-time (2026-11-21T00:00:00) or date."""
    return moment[:10] if moment else None


def _held(session: Session, table: str, project_id: str) -> Iterable[tuple[str, str]]:
    return [(r["code"], r["id"]) for r in session.store.query(f"SELECT code, id FROM {table} WHERE project_id = ?",
                                                              (project_id,))]


def _count(ctx: Context) -> None:
    rows, counts = ctx.rows, ctx.report.counts
    for table in ("borehole", "inspection_pit", "layer", "well"):
        counts[table] = len(rows.get(table, []))
    counts["sample"] = sum(1 for r in rows.get("sample", []) if r["kind"] != "analysis_sample")
    counts["analysis_sample"] = sum(1 for r in rows.get("sample", []) if r["kind"] == "analysis_sample")
    counts["container"] = len(rows.get("container", []))
    counts["sampling_round"] = len(rows.get("sampling_round", []))
    described = ctx.file.observations
    layers = [m.get(GML_ID, "") for m in ctx.file.of_kind("Layer")]
    read = {id(o) for lay in layers for o in described.get(lay, []) if local(o) == "Characteristic"}
    read |= {id(g) for lay in layers for o in described.get(lay, []) for g in described.get(o.get(GML_ID, ""), [])}
    for m in ctx.file.of_kind("BoreProcess"):
        if m.get(GML_ID, "") not in ctx.ids:
            ctx.report.skipped("process_unnamed")
    for m in ctx.file.members:
        if local(m) not in _KEPT and id(m) not in read and id(m) not in ctx.consumed:
            results = local(m) in ("Analysis", "Characteristic", "CalculatedAnalysis")
            ctx.report.skipped("results_not_held" if results else "objects_not_held", element=local(m))


def _write(session: Session, ctx: Context, project_row: dict[str, Any], merge: bool, name: str,
           steps: _Steps) -> None:
    report, now = ctx.report, utc_now()
    with session.store.batch(f"Import SIKB0101 {name} into {ctx.project_code}") as tx:
        if not merge:
            tx.insert("project", project_row)
            report.inserted += 1
        elif changed := import_merge.changes(ctx, tx, "project", tx.get("project", ctx.project_id) or {},
                                             {"id": ctx.project_id, **project_row}):
            tx.update("project", ctx.project_id, changed)
            report.updated += 1
        else:
            report.unchanged += 1
        steps.step()
        merged: set[str] = set()  # the stored boreholes the file names
        for table in ORDER:
            rows = ctx.rows.get(table, [])
            stored = _stored(tx, table, [r["id"] for r in rows]) if merge else set()
            if table == "borehole":
                merged = stored
            new = [r for r in rows if r["id"] not in stored]
            if table == "custody_event":
                for event in new:
                    event["at_laptop"] = event["at_laptop"] or now
            try:
                tx.insert_many(table, new)
            except UniqueViolation as exc:
                raise _duplicate(exc) from None
            report.inserted += len(new)
            for row in rows:
                if row["id"] not in stored:
                    import_merge.new_row(ctx, table, row)
                    continue
                # a custody event is never rewritten; any other row takes what the file changes, keeping
                # what the file is silent on and a GNSS-measured position (import_merge)
                changes = import_merge.changes(ctx, tx, table, tx.get(table, row["id"]) or {}, row) \
                    if table != "custody_event" else {}
                if changes:
                    tx.update(table, row["id"], changes)
                    report.updated += 1
                else:
                    report.unchanged += 1
            if table != ORDER[-1]:
                steps.step()
        import_merge.check_holes(ctx, tx, merged)
    steps.finish()  # committed: a cancel heard now would undo nothing


def _stored(tx: Tx, table: str, ids: list[str]) -> set[str]:
    found: set[str] = set()
    for start in range(0, len(ids), 500):
        chunk = ids[start:start + 500]
        found |= {r["id"] for r in tx.query(f"SELECT id FROM {table} WHERE id IN ({','.join('?' * len(chunk))})",
                                            tuple(chunk))}
    return found


def _duplicate(exc: UniqueViolation) -> ValidationError:
    if exc.table == "container":
        return refused("barcode", "refuse_duplicate_barcode")
    return refused("code", "refuse_duplicate_code", table=term(exc.table), columns=", ".join(exc.columns))
