"""What every step of a SIKB0101 import shares: the file, the code map, the
report, the ids and the names already held; and reading depths."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from fieldapp.domain.depth import MAX_DEPTH_CM
from fieldapp.messages import Named, OneOf, Term, refused, term
from fieldapp.sikb.import_codes import CodeMap
from fieldapp.sikb.import_names import Names, row_id
from fieldapp.sikb.import_report import ImportReport
from fieldapp.sikb.read_xml import Element, SikbFile, child, parse_urn, text

if TYPE_CHECKING:
    from fieldapp.positions.rdnap import RdNap
    from fieldapp.session import Session

CM = 19  # Eenheid 19: cm; depths in the examples are in cm
_UNITS_CM = {CM: 1.0, 66: 0.1, 115: 100.0, 174: 10.0}  # Eenheid ids of mm, m, dm
SURFACE = 11  # Hoedanigheid 11: t.o.v. maaiveld
NAP = 12  # Hoedanigheid 12: t.o.v. NAP
TUBE_TOP = 14  # Hoedanigheid 14: t.o.v. bovenkant peilbuis
_FROM = {SURFACE: Term("ref_surface"), NAP: Term("ref_nap"), TUBE_TOP: Term("ref_tube_top")}


@dataclass
class Context:
    session: Session
    file: SikbFile
    codes: CodeMap
    rd: RdNap
    report: ImportReport
    project_code: str
    project_id: str
    rows: dict[str, list[dict[str, Any]]]
    names: dict[str, Names] = field(default_factory=dict)
    ids: dict[str, str] = field(default_factory=dict)  # gml:id -> row id, of every row written
    holes_by_id: dict[str, dict[str, Any]] = field(default_factory=dict)  # borehole rows by row id
    consumed: set[int] = field(default_factory=set)  # id() of the observations read (the rest are reported)
    # (row id, column) of each value FieldApp assumed where the file is silent (a final depth at the deepest
    # layer, a container type): a merge keeps what is stored there (import_merge)
    assumed: set[tuple[str, str]] = field(default_factory=set)

    def id_of(self, gml_id: str | None) -> str:
        return row_id(gml_id, self.project_code)

    def add(self, table: str, row: dict[str, Any], gml_id: str | None = None) -> dict[str, Any]:
        self.rows.setdefault(table, []).append(row)
        if gml_id:
            self.ids[gml_id] = row["id"]
        return row


def moment(raw: str | None) -> str | None:
    """A SIKB date-time as FieldApp stores one: a moment with an offset in UTC written "+00:00" (the export
    writes UTC, so a file's "+01:00" would not come back as given), whole seconds without a zero fraction
    ("13:04:07.0000000"); a date alone and what is no date-time (refused by the caller) as given."""
    if not raw or len(raw) == 10:
        return raw
    try:
        found = datetime.fromisoformat(raw)
        if found.tzinfo is not None:  # 0001-01-01T00:00:00+14:00 lies before the first moment UTC can write
            found = found.astimezone(UTC)
    except (ValueError, OverflowError):
        return raw
    return found.isoformat(timespec="seconds" if not found.microsecond else "auto")


def measure_cm(ctx: Context, wrapper: Element | None, what: Named, field_name: str,
               expected: int = SURFACE) -> int | None:
    """A Depth or Height (``wrapper``: e.g. the upperDepth element) in whole cm, or None if absent."""
    found = measure(ctx, wrapper, what, field_name, (expected,))
    return found[0] if found else None


def measure(ctx: Context, wrapper: Element | None, what: Named, field_name: str,
            allowed: tuple[int, ...] = (SURFACE,)) -> tuple[int, int] | None:
    """A Depth or Height in whole cm and the Hoedanigheid it is measured from, or None if absent.

    A value with no condition is read as measured from ``allowed[0]`` and
    reported; one measured from another reference, or in a unit that is no
    length, is refused."""
    if wrapper is None:
        return None
    inner = next(iter(wrapper), None)
    if inner is None:
        return None
    value_el = child(inner, "value")
    raw = (value_el.text or "").strip() if value_el is not None else ""
    if value_el is None or not raw:
        return None
    unit = parse_urn(value_el.get("uom"))
    factor = _UNITS_CM.get(unit.id) if unit is not None else None
    if unit is None:
        ctx.report.defaulted("depth_no_unit", what, item=term(field_name))
        factor = 1.0
    if factor is None:
        raise refused(field_name, "refuse_depth_unit", what=what, item=term(field_name), in_unit=str(unit))
    found = parse_urn(text(inner, "condition"))
    condition = found.id if found is not None else allowed[0]
    if found is None:
        ctx.report.defaulted("depth_no_condition", what, item=term(field_name), reference=_FROM[allowed[0]])
    elif condition not in allowed:
        raise refused(field_name, "refuse_depth_condition", what=what, item=term(field_name), condition=condition,
                      allowed=OneOf(tuple(_FROM[a] for a in allowed)))
    try:  # NaN is no number; 1e400 and 400 nines are infinite, which round() cannot make whole
        cm = round(float(raw.replace(",", ".")) * factor)
    except (ValueError, OverflowError):
        raise refused(field_name, "refuse_depth_number", what=what, item=term(field_name), raw=raw) from None
    if abs(cm) > MAX_DEPTH_CM:
        raise refused(field_name, "refuse_depth_implausible", what=what, item=term(field_name), cm=cm)
    return cm, condition
