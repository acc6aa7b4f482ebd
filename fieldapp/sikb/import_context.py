"""What every step of a SIKB0101 import shares: the file, the code map, the
report, the ids and the names already held; and reading depths."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from fieldapp.domain.depth import MAX_DEPTH_CM
from fieldapp.errors import ValidationError
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
_FROM = {SURFACE: "the surface (11)", NAP: "NAP (12)", TUBE_TOP: "the top of the tube (14)"}


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

    def id_of(self, gml_id: str | None) -> str:
        return row_id(gml_id, self.project_code)

    def add(self, table: str, row: dict[str, Any], gml_id: str | None = None) -> dict[str, Any]:
        self.rows.setdefault(table, []).append(row)
        if gml_id:
            self.ids[gml_id] = row["id"]
        return row


def moment(raw: str | None) -> str | None:
    """A SIKB date-time as FieldApp stores one: UTC written "+00:00" (files write "Z"), others as given."""
    return raw[:-1] + "+00:00" if raw and raw.endswith("Z") else raw


def measure_cm(ctx: Context, wrapper: Element | None, what: str, field_name: str,
               expected: int = SURFACE) -> int | None:
    """A Depth or Height (``wrapper``: e.g. the upperDepth element) in whole cm, or None if absent."""
    found = measure(ctx, wrapper, what, field_name, (expected,))
    return found[0] if found else None


def measure(ctx: Context, wrapper: Element | None, what: str, field_name: str,
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
        ctx.report.defaulted(f"{field_name} without a unit: read as cm", what)
        factor = 1.0
    if factor is None:
        raise ValidationError(field_name, f"{what}: the {field_name} is in unit {unit}, which is no length FieldApp "
                              "reads.", hint="Export depths in cm (urn:immetingen:Eenheid:id:19).")
    found = parse_urn(text(inner, "condition"))
    condition = found.id if found is not None else allowed[0]
    if found is None:
        ctx.report.defaulted(f"{field_name} without a condition: read as from {_FROM.get(allowed[0])}", what)
    elif condition not in allowed:
        raise ValidationError(field_name, f"{what}: the {field_name} is measured from Hoedanigheid {condition}, "
                              f"not from {' or '.join(_FROM.get(a, str(a)) for a in allowed)}.",
                              hint="Export depths relative to the surface (maaiveld).")
    try:
        cm = round(float(raw.replace(",", ".")) * factor)
    except ValueError:
        raise ValidationError(field_name, f"{what}: the {field_name} '{raw}' is not a number.",
                              hint="Correct it in the program that made the file.") from None
    if abs(cm) > MAX_DEPTH_CM:
        raise ValidationError(field_name, f"{what}: the {field_name} of {cm} cm is not plausible.",
                              hint="Check the unit of the depth in the file.")
    return cm, condition
