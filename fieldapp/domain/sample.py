"""Sample (monster): material from one or more depth intervals of one or more boreholes."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from fieldapp.domain import common, sample_rules, staff
from fieldapp.domain.common import check_choice, dumps_list, fetch, from_row, human_code, optional_text
from fieldapp.domain.depth import check_interval, format_m, to_cm
from fieldapp.domain.deviation import Overrides
from fieldapp.errors import (
    CompositeSampleError,
    DuplicateCodeError,
    NotFoundError,
    SampleIntervalError,
    ValidationError,
)
from fieldapp.store.database import UniqueViolation, utc_now

if TYPE_CHECKING:
    from fieldapp.session import Session
    from fieldapp.store import Store, Tx

# The kinds drive rules (how many parts), so they live here, not in a code list.
KINDS = ("field_sample", "field_composite", "groundwater")
# field_composite is withdrawn (SIKB0101 veldmengmonster): old ones stay readable
# (schema step 0011 converts them); an analysis sample is composed instead
# (fieldapp.domain.analysis_sample).
OFFERED_KINDS = ("field_sample", "groundwater")


@dataclass(frozen=True)
class Part:
    """One interval a sample draws from: which borehole, from what depth to what depth."""

    borehole_id: str
    upper: str | float
    lower: str | float


@dataclass(frozen=True)
class SamplePart:
    id: str
    sample_id: str
    borehole_id: str
    upper_cm: int
    lower_cm: int


@dataclass(frozen=True)
class Sample:
    id: str
    project_id: str
    code: str
    kind: str
    matrix: str
    sampled_at: str | None = None
    analyses: str | None = None
    qc_role: str | None = None
    remarks: str | None = None
    staff_id: str | None = None  # who took it (staff register)
    sampling_round_id: str | None = None  # a groundwater sample's round (so its well's filter)


def check_time(value: str | None, field: str = "sampled at", what: str = "sampling time") -> str:
    """A time something happened, as stored: an ISO time with its zone; empty means now."""
    text = (value or "").strip()
    if not text:
        return utc_now()
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        raise ValidationError(field, f"'{text}' is not a date and time.",
                              hint="Give it as YYYY-MM-DD HH:MM.") from None
    if moment.tzinfo is None:
        moment = moment.astimezone()  # as the laptop's clock showed it
    # a time far past the laptop's clock is a typing error, not a slow clock (rule date_not_in_future)
    sample_rules.check_moment(moment, field if field in sample_rules.DATE_FIELDS else what)
    return moment.isoformat(timespec="seconds")


def check_sampled_at(value: str | None) -> str:
    return check_time(value)


def uncovered_part(store: Store, borehole_id: str, upper_cm: int, lower_cm: int) -> int | None:
    """The first depth in [upper, lower) not covered by a logged layer, or None."""
    reached = upper_cm
    for upper, lower in store.conn.execute(
        "SELECT upper_cm, lower_cm FROM layer WHERE borehole_id = ? AND lower_cm > ? AND upper_cm < ? "
        "ORDER BY upper_cm",
        (borehole_id, upper_cm, lower_cm),
    ):
        if upper > reached:
            return reached
        reached = max(reached, lower)
        if reached >= lower_cm:
            return None
    return reached if reached < lower_cm else None


def create(
    session: Session,
    project_id: str,
    *,
    code: str,
    kind: str,
    matrix: str,
    parts: Sequence[Part],
    sampled_at: str | None = None,
    analyses: Sequence[str] = (),
    qc_role: str | None = None,
    remarks: str | None = None,
    overrides: Overrides | None = None,
    staff_id: str | None = None,
    sampling_round_id: str | None = None,
) -> Sample:
    """Take a sample. The overridable sampling rules (span, layer boundary) pass only with a
    deviation in ``overrides``, written with the sample in one action."""
    overrides = Overrides.of(overrides)
    if kind in ("field_composite", "analysis_sample"):
        raise CompositeSampleError(
            "kind", "A composite (analysis) sample is not taken in the field: it is composed of field samples.",
            hint="Take a field sample per borehole and interval, then compose the analysis sample from them.")
    row: dict[str, Any] = {
        "project_id": project_id,
        "code": human_code(code, "code", "Sample"),
        "kind": check_choice(kind, OFFERED_KINDS, "kind", "Sample"),
        "matrix": matrix,
        "sampled_at": check_sampled_at(sampled_at),
        "analyses": dumps_list(analyses),
        "qc_role": optional_text(qc_role),
        "remarks": optional_text(remarks),
        "staff_id": staff.check_exists(session.store, optional_text(staff_id)),
    }
    if row["staff_id"] is None:
        del row["staff_id"]  # a NULL is no value (and a database before 0013 has no such column)
    if sampling_round_id:  # a groundwater sample of a well's round (fieldapp.domain.groundwater_sample)
        row["sampling_round_id"] = sampling_round_id
    session.lists.check("matrix", matrix, "matrix")
    sample_rules.check_matrix(row["code"], row["kind"], matrix)
    if row["qc_role"]:
        session.lists.check("qc_role", row["qc_role"], "QC role")
    intervals = [(p.borehole_id, *_interval(p, i)) for i, p in enumerate(parts, start=1)]
    _check_part_count(row["kind"], intervals)
    with session.store.action(f"Take sample {row['code']}") as tx:
        _check_project_dates(tx, project_id, row["sampled_at"])
        for n, (borehole_id, upper_cm, lower_cm) in enumerate(intervals, start=1):
            hole = tx.get("borehole", borehole_id)
            if hole is None or hole["project_id"] != project_id:
                raise ValidationError(
                    f"part {n} borehole", f"Part {n}: the borehole is not in this project.",
                    hint="Pick a borehole of this project.",
                )
            if row["kind"] != "groundwater":
                gap = uncovered_part(session.store, borehole_id, upper_cm, lower_cm)
                if gap is not None:
                    raise SampleIntervalError(
                        f"part {n} depth",
                        f"Part {n}: {format_m(upper_cm)}–{format_m(lower_cm)} m in borehole "
                        f"{hole['code']} is not covered by logged layers (nothing logged at {format_m(gap)} m).",
                        hint="Log the layers first, or take the sample within the logged depth.",
                    )
            _check_part_rules(tx, row, n, hole, upper_cm, lower_cm, overrides)
        try:
            sample_id = tx.insert("sample", row)
        except UniqueViolation:
            raise DuplicateCodeError(
                "code", f"Sample code '{row['code']}' is already used in this project.",
                hint="Pick another sample code.",
            ) from None
        for borehole_id, upper_cm, lower_cm in intervals:
            tx.insert("sample_part", {"sample_id": sample_id, "borehole_id": borehole_id,
                                      "upper_cm": upper_cm, "lower_cm": lower_cm})
        overrides.record(tx, project_id, "sample", sample_id)
    return get(session.store, sample_id)


def _check_project_dates(tx: Tx, project_id: str, sampled_at: str) -> None:
    project = tx.get("project", project_id)
    if project is not None:
        sample_rules.check_moment_text(sampled_at, "sampled at", project["start_date"])


def _check_part_rules(tx: Tx, row: dict[str, Any], n: int, hole: dict[str, Any], upper_cm: int,
                      lower_cm: int, overrides: Overrides) -> None:
    """The sampling rules of one part (resources/rules/sampling.json)."""
    code = row["code"]
    sample_rules.check_well(code, row["kind"], hole["code"], hole["kind"], f"part {n} borehole")
    if row["kind"] == sample_rules.GROUNDWATER_KIND:
        from fieldapp.domain import well  # well reads sampling times through this module

        well.check_sample_depth(tx.store, hole["id"], code, upper_cm, lower_cm, f"part {n} lower depth")
    if row["kind"] not in sample_rules.SOIL_KINDS:
        return
    with overrides.guard():
        sample_rules.check_span(code, upper_cm, lower_cm, f"part {n} lower depth")
    layers = tx.query(
        "SELECT upper_cm, lower_cm, soil_code, smell, oil_water, admixtures FROM layer "
        "WHERE borehole_id = ? AND lower_cm >= ? AND upper_cm <= ?", (hole["id"], upper_cm, lower_cm))
    with overrides.guard():
        sample_rules.check_layers(code, hole["code"], map(sample_rules.LayerTraits.of, layers), upper_cm,
                                  lower_cm, f"part {n} lower depth")


def _interval(part: Part, n: int) -> tuple[int, int]:
    upper_cm = to_cm(part.upper, f"part {n} upper depth")
    lower_cm = to_cm(part.lower, f"part {n} lower depth")
    check_interval(upper_cm, lower_cm, f"Part {n}")
    return upper_cm, lower_cm


def _check_part_count(kind: str, intervals: Sequence[tuple[str, int, int]]) -> None:
    if kind == "field_composite" and len(intervals) < 2:
        raise CompositeSampleError(
            "parts",
            f"A composite sample draws from several boreholes or depths; it names {len(intervals)}.",
            hint="Add each borehole and interval it is made of (at least two).",
        )
    if kind == "field_sample" and len(intervals) != 1:
        raise CompositeSampleError(
            "parts",
            f"A field sample comes from one interval of one borehole; it names {len(intervals)}.",
            hint="Give exactly one interval, or make it a composite sample.",
        )
    if len({(b, u, lo) for b, u, lo in intervals}) != len(intervals):
        raise CompositeSampleError("parts", "The same borehole interval is named twice.",
                                   hint="Remove the repeated interval.")


def set_depth(session: Session, sample_id: str, upper: str | float, lower: str | float, *,
              overrides: Overrides | None = None) -> SamplePart:
    """Correct the interval of a field sample (one part) as it was taken; the sampling rules are
    checked again, and an overridable one passes with its deviation, written in the same action."""
    overrides = Overrides.of(overrides)
    upper_cm, lower_cm = _interval(Part("", upper, lower), 1)
    with session.store.action("Change sample depth") as tx:
        row = tx.get("sample", sample_id)
        if row is None:
            raise NotFoundError(f"Sample {sample_id} does not exist.")
        parts = tx.query("SELECT * FROM sample_part WHERE sample_id = ?", (sample_id,))
        if row["kind"] not in sample_rules.SOIL_KINDS or len(parts) != 1:
            raise ValidationError("parts", f"Sample {row['code']} is not a field sample of one interval.",
                                  hint="Change the depth of a soil field sample only.")
        hole = tx.get("borehole", parts[0]["borehole_id"])
        assert hole is not None  # a foreign key
        gap = uncovered_part(session.store, hole["id"], upper_cm, lower_cm)
        if gap is not None:
            raise SampleIntervalError("part 1 depth", f"Part 1: {format_m(upper_cm)}–{format_m(lower_cm)} m in "
                                      f"borehole {hole['code']} is not covered by logged layers (nothing logged at "
                                      f"{format_m(gap)} m).", hint="Log the layers first, or take the sample "
                                      "within the logged depth.")
        _check_part_rules(tx, row, 1, hole, upper_cm, lower_cm, overrides)
        tx.update("sample_part", parts[0]["id"], {"upper_cm": upper_cm, "lower_cm": lower_cm})
        overrides.record(tx, row["project_id"], "sample", sample_id)
    return parts_of(session.store, sample_id)[0]


def get(store: Store, sample_id: str) -> Sample:
    return fetch(store, Sample, "sample", sample_id)


def parts_of(store: Store, sample_id: str) -> list[SamplePart]:
    rows = store.query("SELECT * FROM sample_part WHERE sample_id = ? ORDER BY borehole_id, upper_cm", (sample_id,))
    return [from_row(SamplePart, r) for r in rows]


def of_project(store: Store, project_id: str) -> list[Sample]:
    return [from_row(Sample, r) for r in store.query(
        "SELECT * FROM sample WHERE project_id = ? ORDER BY code", (project_id,))]


def of_borehole(store: Store, borehole_id: str) -> list[Sample]:
    rows = store.query(
        "SELECT DISTINCT s.* FROM sample s JOIN sample_part p ON p.sample_id = s.id "
        "WHERE p.borehole_id = ? ORDER BY s.code",
        (borehole_id,),
    )
    return [from_row(Sample, r) for r in rows]


def delete(session: Session, sample_id: str) -> None:
    """Remove a sample that has no containers yet (the compensating action of an
    undone "take sample"; the journal keeps both)."""
    with session.store.action("Remove sample") as tx:
        row = tx.get("sample", sample_id)
        if row is None:
            raise NotFoundError(f"Sample {sample_id} does not exist.")
        if tx.query("SELECT 1 FROM container WHERE sample_id = ? AND voided_at IS NULL LIMIT 1", (sample_id,)):
            raise ValidationError("code", f"Sample {row['code']} has containers and cannot be removed.",
                                  hint="Void its containers first (select one, then Void container); "
                                  "a filled container stays on record.")
        if tx.query("SELECT 1 FROM container WHERE sample_id = ? LIMIT 1", (sample_id,)):
            raise ValidationError("code", f"Sample {row['code']} has voided containers on record, so it stays.",
                                  hint="Leave it; its voided containers keep their custody history.")
        used = tx.query("SELECT s.code FROM analysis_sample_part a JOIN sample s ON s.id = a.analysis_sample_id "
                        "WHERE a.field_sample_id = ? ORDER BY s.code LIMIT 1", (sample_id,))
        if used:
            raise ValidationError("code", f"Sample {row['code']} is part of analysis sample {used[0]['code']}.",
                                  hint=f"Take it out of {used[0]['code']} first.")
        for part in tx.query("SELECT id FROM sample_part WHERE sample_id = ?", (sample_id,)):
            tx.delete("sample_part", part["id"])
        tx.delete("sample", sample_id)


def set_sampled_at(session: Session, sample_id: str, sampled_at: str | None) -> Sample:
    """Correct a sample's sampling time (a reopened sample; holding times count from it)."""
    when = check_sampled_at(sampled_at)
    with session.store.action("Change sampling time") as tx:
        row = tx.get("sample", sample_id)
        if row is None:
            raise NotFoundError(f"Sample {sample_id} does not exist.")
        _check_project_dates(tx, row["project_id"], when)
        tx.update("sample", sample_id, {"sampled_at": when})
    return get(session.store, sample_id)


def next_code(store: Store, project_id: str, prefix: str = "M") -> str:
    """The code after the highest of the form M01, M02, ... in a project."""
    return common.next_code(store, "sample", project_id, prefix)
