"""Borehole (boring; peilbuis when a well is placed) and its measured position."""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING, Any

from fieldapp.domain import common
from fieldapp.domain.common import check_choice, from_row, human_code, optional_text
from fieldapp.domain.depth import format_m, to_cm
from fieldapp.errors import (
    DuplicateCodeError,
    FinalDepthError,
    NotFoundError,
    PositionDeviationError,
    ValidationError,
)
from fieldapp.store.database import UniqueViolation

if TYPE_CHECKING:
    from fieldapp.domain.common import Recording
    from fieldapp.positions.averaging import AveragedPosition
    from fieldapp.positions.rdnap import RdPoint
    from fieldapp.session import Session
    from fieldapp.store import Store

KINDS = ("boring", "peilbuis")
_DIGITS = re.compile(r"(\d+)")


def natural_key(code: str) -> tuple[tuple[int, int | str] | tuple[int, int, str], ...]:
    """Sort key that puts B2 before B10 (digits compare as numbers, letters without case): the order
    of the borehole list, whose index key (:func:`fieldapp.store.natural.natural_sort_key`) it follows
    part for part, ties broken by the code itself ("B1" before "B01" before "b1")."""
    key: list[tuple[int, int | str] | tuple[int, int, str]] = []
    for part in _DIGITS.split(code):
        if not part:
            continue
        if part.isdigit():
            # a number by its length, then its digits, as the index key compares them: that is
            # the number's value for 0-9 and never int()'s error for a part such as "²"
            digits = part.lstrip("0") or "0"
            key.append((1, len(digits), digits))
        else:
            key.append((0, part.casefold()))
    key.append((-1, code))  # the end sorts before any part that continues it
    return tuple(key)


@dataclass(frozen=True)
class PositionEvidence:
    """A measured position and what proves it (from GNSS averaging)."""

    lat: float
    lon: float
    h_ell: float | None
    x_rd: float | None
    y_rd: float | None
    nap_m: float | None
    fix_type: str
    sats: int | None
    hdop: float | None
    sigma_m: float | None
    sigma_source: str | None
    epoch_count: int
    span_s: float
    spread_n_m: float | None
    spread_e_m: float | None
    drms2_m: float | None
    position_class: str | None
    raw_nmea: str


@dataclass(frozen=True)
class Borehole:
    id: str
    project_id: str
    code: str
    kind: str
    planned_x_rd: float | None = None
    planned_y_rd: float | None = None
    lat: float | None = None
    lon: float | None = None
    h_ell: float | None = None
    x_rd: float | None = None
    y_rd: float | None = None
    nap_m: float | None = None
    fix_type: str | None = None
    sats: int | None = None
    hdop: float | None = None
    sigma_m: float | None = None
    sigma_source: str | None = None
    epoch_count: int | None = None
    span_s: float | None = None
    spread_n_m: float | None = None
    spread_e_m: float | None = None
    drms2_m: float | None = None
    position_class: str | None = None
    raw_nmea: str | None = None
    ground_level_nap_cm: int | None = None
    technique: str | None = None
    apparatus: str | None = None
    diameter_mm: int | None = None
    final_depth_cm: int | None = None
    stop_criterion: str | None = None
    groundwater_cm: int | None = None
    started_at: str | None = None
    ended_at: str | None = None
    sampler: str | None = None
    remarks: str | None = None
    staff_id: str | None = None  # who did it (staff register); the app's user is not assumed
    # why a position far from the plan or below the required class was accepted
    position_deviation: str | None = None
    backfill: str | None = None  # code list backfill_material
    groundwater_status: str | None = None  # code list groundwater_status
    surface_method: str | None = None  # how ground_level_nap_cm was found: code list vertical_method
    surface_accuracy_cm: int | None = None
    antenna_height_m: float | None = None  # taken off the GNSS height for a GNSS surface level
    closed_at: str | None = None
    closed_by: str | None = None
    planned_depth_cm: int | None = None  # from the coordinator's plan (fieldapp/plan_import.py)

    @property
    def measured(self) -> bool:
        return self.lat is not None


@dataclass(frozen=True)
class NewBorehole:
    """A borehole's validated fields, ready to insert."""

    project_id: str
    code: str
    kind: str
    planned_x_rd: float | None
    planned_y_rd: float | None
    technique: str | None
    apparatus: str | None
    diameter_mm: int | None
    sampler: str | None
    started_at: str | None
    remarks: str | None
    position: PositionEvidence | None
    position_deviation: str | None = None
    staff_id: str | None = None

    def row(self) -> dict[str, Any]:
        # vars(), not asdict(): asdict deep-copies, which an import of
        # thousands of boreholes notices
        row = dict(vars(self))
        del row["position"]
        if row["staff_id"] is None:
            del row["staff_id"]  # a NULL is no value (and a database before 0013 has no such column)
        if self.position is not None:
            row.update(vars(self.position))
        return row


def create_row(
    rec: Recording,
    project_id: str,
    *,
    code: str,
    kind: str = "boring",
    planned_x_rd: float | None = None,
    planned_y_rd: float | None = None,
    technique: str | None = None,
    apparatus: str | None = None,
    diameter_mm: int | None = None,
    sampler: str | None = None,
    started_at: str | None = None,
    remarks: str | None = None,
    position: PositionEvidence | None = None,
    position_reason: str | None = None,
    staff_id: str | None = None,
) -> NewBorehole:
    """Validate a new borehole's own fields (no database access)."""
    from fieldapp.domain import boring_process, sample_rules  # for writes: the GUI's first window reads only

    new = NewBorehole(
        project_id=project_id,
        code=human_code(code, "code", "Borehole"),
        kind=check_choice(kind, KINDS, "kind", "Borehole"),
        planned_x_rd=planned_x_rd,
        planned_y_rd=planned_y_rd,
        technique=optional_text(technique),
        apparatus=optional_text(apparatus),
        diameter_mm=boring_process.diameter(diameter_mm),
        sampler=optional_text(sampler) or rec.actor,
        started_at=optional_text(started_at),
        remarks=optional_text(remarks),
        position=position,
        position_deviation=optional_text(position_reason),
        staff_id=optional_text(staff_id),
    )
    if position is not None:
        _check_position(position)
    sample_rules.check_moment_text(new.started_at, "started at")
    if new.technique:
        rec.lists.check("borehole_technique", new.technique, "technique")
    if new.apparatus:
        rec.lists.check("borehole_apparatus", new.apparatus, "apparatus")
    return new


def create(session: Session, project_id: str, **fields: Any) -> Borehole:
    """Add a borehole (see :func:`create_row` for the fields); ``position``
    is given when it is measured at once. A position that strays from the plan
    (:mod:`fieldapp.positions.deviation`) needs ``position_reason``, which is
    kept with what it explains; without one nothing is written."""
    from fieldapp.domain import sample_rules, staff

    new = create_row(session, project_id, **fields)
    with session.store.action(f"Add borehole {new.code}") as tx:
        project = tx.get("project", project_id)
        if project is None:
            raise NotFoundError(f"Project {project_id} does not exist.")
        sample_rules.check_moment_text(new.started_at, "started at", project["start_date"])
        staff.check_exists(session.store, new.staff_id)
        if new.position is not None:
            explained = _explained(session, project, new.position, (new.planned_x_rd, new.planned_y_rd),
                                   new.position_deviation)
            new = NewBorehole(**{**vars(new), "position_deviation": explained})
        try:
            borehole_id = tx.insert("borehole", new.row())
        except UniqueViolation:
            raise DuplicateCodeError(
                "code",
                f"Borehole code '{new.code}' is already used in this project.",
                hint="Pick another code, e.g. the next free number.",
            ) from None
    return get(session.store, borehole_id)


def set_position(session: Session, borehole_id: str, evidence: PositionEvidence,
                 reason: str | None = None) -> Borehole:
    """Store the measured position with its evidence (one action); a position
    that strays from the plan needs ``reason`` (see :func:`create`)."""
    _check_position(evidence)
    with session.store.action("Measure borehole position") as tx:
        row = _require(tx.get("borehole", borehole_id), borehole_id)
        project = tx.get("project", row["project_id"]) or {}
        explained = _explained(session, project, evidence, (row["planned_x_rd"], row["planned_y_rd"]),
                               optional_text(reason))
        tx.update("borehole", borehole_id, {**asdict(evidence), "position_deviation": explained})
    return get(session.store, borehole_id)


def position_deviations(session: Session, project: dict[str, Any], evidence: PositionEvidence,
                        planned: tuple[float | None, float | None]) -> tuple[str, ...]:
    """How a measured position strays from the plan: the planned point and the
    project's required class (the device's setting when the project has none)."""
    from fieldapp.positions import deviation

    required = project.get("required_position_class") or session.settings.required_position_class or None
    return deviation.deviations(evidence.x_rd, evidence.y_rd, evidence.position_class, planned, required)


def _explained(session: Session, project: dict[str, Any], evidence: PositionEvidence,
               planned: tuple[float | None, float | None], reason: str | None) -> str | None:
    """The deviation text to keep with the position, or PositionDeviationError without a reason."""
    found = position_deviations(session, project, evidence, planned)
    if not found:
        return None
    if not reason:
        raise PositionDeviationError(found)
    return "; ".join(found) + f". Reason: {reason}"


def _check_position(evidence: PositionEvidence) -> None:
    if not (-90 <= evidence.lat <= 90 and -180 <= evidence.lon <= 180):
        raise ValidationError("position", "The position is outside the globe.",
                              hint="Take the position again.")
    if evidence.epoch_count < 1 or not evidence.raw_nmea:
        raise ValidationError("position", "A position needs at least one fix and its raw NMEA as evidence.",
                              hint="Take the position with the receiver connected.")


def set_final_depth(session: Session, borehole_id: str, depth_m: str | float | None,
                    stop_criterion: str | None = None) -> Borehole:
    """Set the final depth; it may not be above the deepest logged layer."""
    from fieldapp.domain import sample_rules

    final_cm = None if depth_m is None or depth_m == "" else to_cm(depth_m, "final depth")
    if stop_criterion:
        session.lists.check("stop_criterion", stop_criterion, "stop criterion")
    with session.store.action("Set final depth") as tx:
        row = _require(tx.get("borehole", borehole_id), borehole_id)
        deepest = deepest_layer_cm(session.store, borehole_id)
        sample_rules.check_level(row["groundwater_cm"], final_cm)
        if final_cm is not None and deepest is not None and final_cm < deepest:
            raise FinalDepthError(
                "final depth",
                f"The final depth {format_m(final_cm)} m is above the deepest layer, "
                f"which reaches {format_m(deepest)} m.",
                hint=f"Give a final depth of at least {format_m(deepest)} m, or shorten the deepest layer first.",
            )
        tx.update("borehole", borehole_id, {"final_depth_cm": final_cm, "stop_criterion": stop_criterion})
    return get(session.store, borehole_id)


def set_groundwater(session: Session, borehole_id: str, depth_m: str | float | None,
                    status: str | None = None) -> Borehole:
    """Set the groundwater level (m below ground) and whether it was measured.

    A level is "measured"; without one, ``status`` says "not_encountered" (looked
    for, the hole stayed dry) or "not_measured" (not looked for): an empty level
    alone no longer reads as dry. Clearing a measured level clears its status."""
    from fieldapp.domain import sample_rules

    cm = None if depth_m is None or depth_m == "" else to_cm(depth_m, "groundwater level")
    if status is not None:
        session.lists.check("groundwater_status", status, "groundwater status")
    if cm is not None and status not in (None, "measured"):
        raise ValidationError(
            "groundwater status", f"A groundwater level of {format_m(cm)} m was given with the status "
            f"'{session.lists.label('groundwater_status', status, 'en')}'.",
            hint="Clear the level, or choose 'measured'.")
    if cm is None and status == "measured":
        raise ValidationError("groundwater level", "The groundwater level is 'measured' but no level is given.",
                              hint="Type the level in m below ground, or choose 'not encountered'.")
    with session.store.action("Set groundwater level") as tx:
        row = _require(tx.get("borehole", borehole_id), borehole_id)
        sample_rules.check_level(cm, row["final_depth_cm"])
        if cm is not None:
            status = "measured"
        elif status is None and row["groundwater_status"] != "measured":
            status = row["groundwater_status"]  # the level field alone leaves "not encountered" as it was
        tx.update("borehole", borehole_id, {"groundwater_cm": cm, "groundwater_status": status})
    return get(session.store, borehole_id)


def deepest_layer_cm(store: Store, borehole_id: str) -> int | None:
    row = store.conn.execute("SELECT MAX(lower_cm) FROM layer WHERE borehole_id = ?", (borehole_id,)).fetchone()
    return None if row[0] is None else int(row[0])


def _require(row: dict[str, Any] | None, borehole_id: str) -> dict[str, Any]:
    if row is None:
        raise NotFoundError(f"Borehole {borehole_id} does not exist.")
    return row


def get(store: Store, borehole_id: str) -> Borehole:
    return from_row(Borehole, _require(store.get("borehole", borehole_id), borehole_id))


def of_project(store: Store, project_id: str) -> list[Borehole]:
    rows = store.query("SELECT * FROM borehole WHERE project_id = ? ORDER BY code", (project_id,))
    return [from_row(Borehole, r) for r in rows]


def delete(session: Session, borehole_id: str) -> None:
    """Remove a borehole that has nothing logged yet (the compensating action of
    an undone "add borehole"; the journal keeps both)."""
    with session.store.action("Remove borehole") as tx:
        row = _require(tx.get("borehole", borehole_id), borehole_id)
        used = tx.query(
            "SELECT (SELECT COUNT(*) FROM layer WHERE borehole_id = ?) + "
            "(SELECT COUNT(*) FROM sample_part WHERE borehole_id = ?) AS n",
            (borehole_id, borehole_id),
        )
        if used[0]["n"]:
            raise ValidationError(
                "code", f"Borehole {row['code']} has layers or samples and cannot be removed.",
                hint="Delete its layers and samples first.",
            )
        tx.delete("borehole", borehole_id)


def next_code(store: Store, project_id: str, prefix: str = "B") -> str:
    """The code after the highest of the form B01, B02, ... in a project."""
    return common.next_code(store, "borehole", project_id, prefix)


def evidence_from_average(
    avg: AveragedPosition, rd: RdPoint | None, sigma_source: str | None
) -> PositionEvidence:
    """The stored evidence of an averaged GNSS position (RD and NAP when inside the grids)."""
    return PositionEvidence(
        lat=avg.lat,
        lon=avg.lon,
        h_ell=avg.alt_hae,
        x_rd=None if rd is None else round(rd.x, 3),
        y_rd=None if rd is None else round(rd.y, 3),
        nap_m=None if rd is None or rd.nap is None else round(rd.nap, 3),
        fix_type=str(avg.fix_type),
        sats=None,
        hdop=None,
        sigma_m=avg.sigma_m,
        sigma_source=sigma_source,
        epoch_count=avg.count,
        span_s=avg.span_s,
        spread_n_m=avg.sigma_north,
        spread_e_m=avg.sigma_east,
        drms2_m=avg.drms2,
        position_class=avg.bro_class,
        raw_nmea="".join(s if s.endswith("\n") else s + "\r\n" for s in avg.raw),
    )
