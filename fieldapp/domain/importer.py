"""The batch form for imports: whole borehole logs in one transaction.

The rules are the same as for one action at a time (the same validation
functions run), but a borehole arriving complete with its layers, samples and
containers is checked in memory and written with executemany, so that
importing a season of field work takes seconds. All or nothing: if any record
breaks a rule, nothing of the import is written.
"""

from __future__ import annotations

import operator
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from itertools import pairwise
from typing import TYPE_CHECKING, Any

from fieldapp.domain import borehole as borehole_mod
from fieldapp.domain import layer as layer_mod
from fieldapp.domain import pfas, sample_rules, staff
from fieldapp.domain.borehole import PositionEvidence
from fieldapp.domain.borehole_closing import Completion
from fieldapp.domain.borehole_closing import prepare as prepare_completion
from fieldapp.domain.common import dumps_list, human_code, optional_text
from fieldapp.domain.container import check_barcode, new_barcode
from fieldapp.domain.depth import check_interval, format_m, to_cm
from fieldapp.domain.layer import Admixture, Component
from fieldapp.errors import (
    DuplicateBarcodeError,
    DuplicateCodeError,
    FinalDepthError,
    LayerOverlapError,
    NotFoundError,
    SampleIntervalError,
    ValidationError,
)
from fieldapp.ids import new_id
from fieldapp.store import journal
from fieldapp.store.database import UniqueViolation, utc_now

if TYPE_CHECKING:
    from fieldapp.domain.common import Recording
    from fieldapp.session import Session


@dataclass(frozen=True)
class LayerRecord:
    upper: str | float
    lower: str | float
    soil: str
    colour: str | None = None
    sand_median: str | None = None
    smell: str | None = None
    oil_water: str | None = None
    admixtures: Sequence[Admixture] = ()
    remarks: str | None = None
    secondary_colour: str | None = None
    colour_shade: str | None = None
    gravel_median: str | None = None
    components: Sequence[Component] = ()


@dataclass(frozen=True)
class ContainerRecord:
    container_type: str
    barcode: str | None = None
    material: str | None = None
    volume_ml: int | None = None
    preservation: str | None = None


@dataclass(frozen=True)
class SampleRecord:
    code: str
    matrix: str
    upper: str | float
    lower: str | float
    sampled_at: str | None = None
    analyses: Sequence[str] = ()
    qc_role: str | None = None
    containers: Sequence[ContainerRecord] = ()
    staff_id: str | None = None  # who took it (staff register)


@dataclass(frozen=True)
class BoreholeRecord:
    code: str
    kind: str = "boring"
    planned_x_rd: float | None = None
    planned_y_rd: float | None = None
    technique: str | None = None
    apparatus: str | None = None
    diameter_mm: int | None = None
    sampler: str | None = None
    started_at: str | None = None
    position: PositionEvidence | None = None
    final_depth: str | float | None = None
    stop_criterion: str | None = None
    layers: Sequence[LayerRecord] = ()
    samples: Sequence[SampleRecord] = ()
    completion: Completion | None = None  # boring processes, groundwater, backfill, surface level, closed
    staff_id: str | None = None  # who did it (staff register)


@dataclass
class ImportResult:
    boreholes: int = 0
    layers: int = 0
    samples: int = 0
    containers: int = 0
    container_ids: list[str] = field(default_factory=list)

    @property
    def rows(self) -> int:
        # a field sample also writes one sample_part, a container one custody event
        return self.boreholes + self.layers + 2 * self.samples + 2 * self.containers


def first_overlap(intervals: Sequence[tuple[int, int]]) -> tuple[tuple[int, int], tuple[int, int]] | None:
    ordered = sorted(intervals)
    for a, b in pairwise(ordered):
        if b[0] < a[1]:
            return a, b
    return None


def first_gap(intervals: Iterable[tuple[int, int]], upper: int, lower: int) -> int | None:
    """The first depth in [upper, lower) that no interval covers, or None."""
    reached = upper
    for a, b in sorted(intervals):
        if b <= reached:
            continue
        if a > reached:
            return reached
        reached = b
        if reached >= lower:
            return None
    return reached if reached < lower else None


@dataclass
class PreparedImport:
    """Borehole logs checked against every rule that needs no database, as
    the rows they become. Plain data: it can be made in another process."""

    project_id: str
    rows: dict[str, list[dict[str, Any]]]
    result: ImportResult
    # each table's rows' journal hashes, in order, taken by :func:`hash_rows` where the rows were made
    hashes: dict[str, list[bytes]] = field(default_factory=dict)
    # tables whose hashed rows :func:`pack_rows` turned into (columns, a tuple of values per row);
    # their lists in ``rows`` are then empty (kept, so that the tables are written in their order)
    packed: dict[str, tuple[tuple[str, ...], list[tuple[Any, ...]]]] = field(default_factory=dict)


def import_boreholes(session: Session, project_id: str, records: Iterable[BoreholeRecord]) -> ImportResult:
    """Check and write whole borehole logs in one transaction, all or nothing."""
    return write_import(session, prepare_import(session, project_id, records))


def prepare_import(rec: Recording, project_id: str, records: Iterable[BoreholeRecord]) -> PreparedImport:
    """The first half of :func:`import_boreholes`: every rule of a record's own
    fields, its layers and its samples (uniqueness is the database's part)."""
    prepared = PreparedImport(project_id, {t: [] for t in (
        "borehole", "boring_process", "layer", "sample", "sample_part", "container", "custody_event")},
                              ImportResult())
    for record in records:
        _prepare(rec, project_id, record, prepared.rows, prepared.result)
    return prepared


def hash_rows(prepared: PreparedImport) -> None:
    """Give every row its id and take its journal row hash now, in the process that made it (the
    demo's generator), so that the writer need not. Not custody events without a time of their
    own: the writer stamps those when it writes them."""
    for table, table_rows in prepared.rows.items():
        if table != "custody_event" or all(event["at_laptop"] for event in table_rows):
            for row in table_rows:
                if not row.get("id"):
                    row["id"] = new_id()
            prepared.hashes[table] = [journal.row_hash(row) for row in table_rows]


def pack_rows(prepared: PreparedImport) -> None:
    """The hashed tables' rows as tuples in the order of their columns, for the pipe from the
    demo's generator: smaller to pickle and to unpickle, and written as they are (no dict per row)."""
    for table in prepared.hashes:
        table_rows = prepared.rows[table]
        if table_rows and table not in prepared.packed:
            columns = tuple(table_rows[0])
            values = operator.itemgetter(*columns)
            prepared.packed[table] = (columns, [values(row) for row in table_rows] if len(columns) > 1
                                      else [(row[columns[0]],) for row in table_rows])
            prepared.rows[table] = []


def _column(prepared: PreparedImport, table: str, name: str) -> Iterator[Any]:
    """One column's values of a table, packed or not."""
    if table in prepared.packed:
        columns, values = prepared.packed[table]
        at = columns.index(name)
        return (row[at] for row in values)
    return (row[name] for row in prepared.rows.get(table, ()))


def write_import(session: Session, prepared: PreparedImport) -> ImportResult:
    """The second half of :func:`import_boreholes`: one batch, journalled."""
    now = utc_now()
    with session.store.batch(f"Import {prepared.result.boreholes} boreholes") as tx:
        if tx.get("project", prepared.project_id) is None:
            raise NotFoundError(f"Project {prepared.project_id} does not exist.")
        for staff_id in {who for t in ("borehole", "sample") for who in _column(prepared, t, "staff_id")} - {None}:
            staff.check_exists(session.store, staff_id)
        with tx.journalled_together():  # one journal write for the chunk's tables
            for table, table_rows in prepared.rows.items():
                hashes = prepared.hashes.get(table)
                if table in prepared.packed:
                    columns, values = prepared.packed[table]
                    try:
                        tx.insert_values(table, columns, values, hashes or [])
                    except UniqueViolation as exc:
                        raise _duplicate(exc) from None
                    continue
                if table == "custody_event":
                    unstamped = [event for event in table_rows if not event["at_laptop"]]
                    for event in unstamped:
                        event["at_laptop"] = now
                    if unstamped:
                        hashes = None  # taken before the stamp: hashed again as written
                try:
                    tx.insert_many(table, table_rows, hashes)
                except UniqueViolation as exc:
                    raise _duplicate(exc) from None
    return prepared.result


def _duplicate(exc: UniqueViolation) -> ValidationError:
    if exc.table == "container":
        return DuplicateBarcodeError("barcode", "A container barcode in the import is already used.",
                                     hint="Every container needs its own barcode, across all projects.")
    return DuplicateCodeError("code", f"A {exc.table} code in the import is already used in this project.",
                              hint="Give each record its own code.")


def _prepare(rec: Recording, project_id: str, record: BoreholeRecord,
             rows: dict[str, list[dict[str, Any]]], result: ImportResult) -> None:
    what = f"Borehole {record.code}"
    hole = borehole_mod.create_row(rec, project_id, code=record.code, kind=record.kind,
                                          planned_x_rd=record.planned_x_rd, planned_y_rd=record.planned_y_rd,
                                          technique=record.technique, apparatus=record.apparatus,
                                          diameter_mm=record.diameter_mm, sampler=record.sampler,
                                          started_at=record.started_at, position=record.position,
                                          staff_id=record.staff_id).row()
    hole["staff_id"] = record.staff_id  # every row of one insert_many names the same columns
    layers = [layer_mod.layer_row(rec, **_layer_args(lay)) for lay in record.layers]
    intervals = [(lay["upper_cm"], lay["lower_cm"]) for lay in layers]
    clash = first_overlap(intervals)
    if clash:
        (a, b), (c, d) = clash
        raise LayerOverlapError("upper depth", f"{what}: layer {format_m(c)}–{format_m(d)} m overlaps "
                                f"layer {format_m(a)}–{format_m(b)} m.", hint="Correct the depths.")
    if record.final_depth is not None:
        final_cm = to_cm(record.final_depth, "final depth")
        deepest = max((b for _, b in intervals), default=0)
        if final_cm < deepest:
            raise FinalDepthError("final depth", f"{what}: final depth {format_m(final_cm)} m is above the "
                                  f"deepest layer ({format_m(deepest)} m).", hint="Correct the final depth.")
        hole["final_depth_cm"] = final_cm
        if record.stop_criterion:
            rec.lists.check("stop_criterion", record.stop_criterion, "stop criterion")
        hole["stop_criterion"] = record.stop_criterion
    hole["id"] = hole_id = _new_id()
    rows["boring_process"] += prepare_completion(rec, hole, record.completion, record.started_at or utc_now())
    rows["borehole"].append(hole)
    for lay in layers:
        lay["borehole_id"] = hole_id
        rows["layer"].append(lay)
    traits = [sample_rules.LayerTraits.of(lay) for lay in layers]
    for smp in record.samples:
        _prepare_sample(rec, project_id, hole_id, what, smp, intervals, rows, result)
        _check_sample_rules(record.code, smp, rows["sample_part"][-1], traits)
    result.boreholes += 1
    result.layers += len(layers)


def _prepare_sample(rec: Recording, project_id: str, hole_id: str, what: str, smp: SampleRecord,
                    intervals: list[tuple[int, int]], rows: dict[str, list[dict[str, Any]]],
                    result: ImportResult) -> None:
    upper_cm, lower_cm = to_cm(smp.upper, "sample upper depth"), to_cm(smp.lower, "sample lower depth")
    check_interval(upper_cm, lower_cm, f"Sample {smp.code}")
    gap = first_gap(intervals, upper_cm, lower_cm)
    if gap is not None:
        raise SampleIntervalError("sample depth", f"{what}: sample {smp.code} at {format_m(upper_cm)}–"
                                  f"{format_m(lower_cm)} m is not covered by logged layers "
                                  f"(nothing at {format_m(gap)} m).", hint="Log the layers first.")
    rec.lists.check("matrix", smp.matrix, "matrix")
    if smp.qc_role:
        rec.lists.check("qc_role", smp.qc_role, "QC role")
    sample_id = _new_id()
    rows["sample"].append({
        "id": sample_id, "project_id": project_id, "code": human_code(smp.code, "code", "Sample"),
        "kind": "field_sample", "matrix": smp.matrix, "sampled_at": optional_text(smp.sampled_at),
        "analyses": dumps_list(smp.analyses), "qc_role": optional_text(smp.qc_role), "remarks": None,
        "staff_id": optional_text(smp.staff_id),
    })
    rows["sample_part"].append({"id": _new_id(), "sample_id": sample_id, "borehole_id": hole_id,
                                "upper_cm": upper_cm, "lower_cm": lower_cm})
    result.samples += 1
    for jar in smp.containers:
        rec.lists.check("container_type", jar.container_type, "container type")
        if jar.material:
            rec.lists.check("container_material", jar.material, "material")
        pfas.check_container(smp.matrix, jar.container_type, jar.material, smp.analyses)
        container_id = _new_id()
        rows["container"].append({
            "id": container_id, "sample_id": sample_id,
            "barcode": check_barcode(jar.barcode) if jar.barcode else new_barcode(),
            "container_type": jar.container_type, "material": jar.material, "volume_ml": jar.volume_ml,
            "preservation": jar.preservation,
        })
        rows["custody_event"].append({
            "id": _new_id(), "container_id": container_id, "shipment_id": None, "kind": "collected", "actor": rec.actor,
            "at_laptop": smp.sampled_at, "at_receiver": None, "place": None, "corrects": None, "remarks": None,
        })
        result.containers += 1
        result.container_ids.append(container_id)


def _check_sample_rules(borehole_code: str, smp: SampleRecord, part: dict[str, Any],
                        traits: list[sample_rules.LayerTraits]) -> None:
    """The sampling rules of resources/rules/sampling.json that need no database: an imported
    sample is a soil field sample of one interval."""
    code, upper_cm, lower_cm = smp.code, part["upper_cm"], part["lower_cm"]
    sample_rules.check_matrix(code, "field_sample", smp.matrix)
    sample_rules.check_span(code, upper_cm, lower_cm, "sample depth")
    sample_rules.check_layers(code, borehole_code, traits, upper_cm, lower_cm, "sample depth")
    sample_rules.check_moment_text(smp.sampled_at, "sampled at")


def _layer_args(lay: LayerRecord) -> dict[str, Any]:
    return {"upper": lay.upper, "lower": lay.lower, "soil": lay.soil, "colour": lay.colour,
            "sand_median": lay.sand_median, "smell": lay.smell, "oil_water": lay.oil_water,
            "admixtures": lay.admixtures, "remarks": lay.remarks, "secondary_colour": lay.secondary_colour,
            "colour_shade": lay.colour_shade, "gravel_median": lay.gravel_median, "components": lay.components}


def _new_id() -> str:
    return new_id()
