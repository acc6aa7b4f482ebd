"""The monitoring well (peilbuis): filter, pipe, gravel pack and seal placed in a
borehole of kind peilbuis (BRL SIKB 2000 protocol 2001, NEN 5766).

Depths are cm below the surface (maaiveld), as the borehole's; the top of the pipe
is cm above the surface (negative in a straatpot) and cm NAP. The rules a well is
checked against are rows of ``resources/rules/well.json``. A borehole may hold
more than one tube (tube_number 1, 2, ...: SIKB0101 Filter name).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, fields
from typing import TYPE_CHECKING, Any

from fieldapp.domain.common import fetch, from_row, optional_text
from fieldapp.domain.depth import MetresText, format_m, to_cm
from fieldapp.domain.sample import check_time
from fieldapp.domain.typed_number import plain_decimal, plain_float
from fieldapp.errors import DuplicateCodeError, NotFoundError, ValidationError
from fieldapp.rules import RuleBook, RuleError, default_book
from fieldapp.store.database import UniqueViolation

if TYPE_CHECKING:
    from fieldapp.session import Session
    from fieldapp.store import Store, Tx

PEILBUIS = "peilbuis"


@dataclass(frozen=True)
class Well:
    id: str
    borehole_id: str
    tube_number: int
    filter_top_cm: int | None = None
    filter_bottom_cm: int | None = None
    pipe_diameter_mm: int | None = None
    pipe_material: str | None = None
    filter_diameter_mm: int | None = None
    filter_material: str | None = None
    slot_width_mm: float | None = None
    gravel_top_cm: int | None = None
    gravel_bottom_cm: int | None = None
    seal_top_cm: int | None = None
    seal_bottom_cm: int | None = None
    finish: str | None = None  # code list well_finish
    pipe_top_cm: int | None = None  # top of the pipe above the surface (negative: below)
    pipe_top_nap_cm: int | None = None
    placed_at: str | None = None
    development: str | None = None  # how it was developed (ontwikkeld)
    development_minutes: int | None = None
    remarks: str | None = None
    # filter depths an imported file gave from the top of the tube or in NAP, with nothing to convert them to
    # below the surface (migration 0022): kept as given; the rules, which need depths below the surface, skip them
    filter_depth_reference: str | None = None  # tube_top or nap
    filter_top_given_cm: int | None = None
    filter_bottom_given_cm: int | None = None

    @property
    def pipe_bottom_cm(self) -> int | None:
        """The bottom of the pipe in cm below its top (where a level is measured from)."""
        if self.filter_bottom_cm is None or self.pipe_top_cm is None:
            return None
        return self.filter_bottom_cm + self.pipe_top_cm

    def below_surface(self, below_top_cm: int | None) -> int | None:
        """A level measured below the top of the pipe, as cm below the surface."""
        if below_top_cm is None or self.pipe_top_cm is None:
            return None
        return below_top_cm - self.pipe_top_cm

    def filter_text(self) -> str:
        return interval_text(self.filter_top_cm, self.filter_bottom_cm)

    def given_filter(self) -> tuple[int | None, int | None, str] | None:
        """(top, bottom, reference) of the filter depths kept as a file gave them, where those below the surface
        are unknown; None when there are none."""
        if self.filter_depth_reference is None or (self.filter_top_given_cm is None
                                                   and self.filter_bottom_given_cm is None):
            return None
        return (self.filter_top_given_cm if self.filter_top_cm is None else None,
                self.filter_bottom_given_cm if self.filter_bottom_cm is None else None, self.filter_depth_reference)


@dataclass(frozen=True)
class WellSpec:
    """A well as the form gives it: depths in metres below the surface, the pipe top
    in metres above it (negative below), diameters in mm, the slot width in mm."""

    filter_top: str | float | None = None
    filter_bottom: str | float | None = None
    pipe_diameter_mm: int | None = None
    pipe_material: str | None = None
    filter_diameter_mm: int | None = None
    filter_material: str | None = None
    slot_width_mm: str | float | None = None
    gravel_top: str | float | None = None
    gravel_bottom: str | float | None = None
    seal_top: str | float | None = None
    seal_bottom: str | float | None = None
    finish: str | None = None
    pipe_top: str | float | None = None
    pipe_top_nap: str | float | None = None
    placed_at: str | None = None
    development: str | None = None
    development_minutes: int | None = None
    remarks: str | None = None


#: the parts of a well whose intervals are checked: (prefix, English, Dutch)
INTERVALS = (("filter", "Filter", "Filter"), ("gravel", "Filter gravel", "Omstorting"),
             ("seal", "Seal", "Afdichting"))


def interval_text(top: int | None, bottom: int | None) -> MetresText:
    ends = (format_m(top) if top is not None else "…", format_m(bottom) if bottom is not None else "…")
    return MetresText(f"{ends[0]}-{ends[1]} m")


def depth_cm(value: str | float | None, field: str) -> int | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    return to_cm(value, field)


def _signed_cm(value: str | float | None, field: str, limit_m: int) -> int | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    number = plain_decimal(value, signed=True)  # "1e1" or "1_0" is a slip, not 10 m
    if number is None or abs(number) > limit_m:
        raise ValidationError(field, f"{field}: '{value}' is not a height in metres.",
                              hint="Type metres, e.g. 0.80 above or -0.05 below the surface.")
    return int((number * 100).to_integral_value())


def whole_number(value: int | None, field: str, low: int, high: int, unit: str) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise ValidationError(field, f"{field}: {value!r} {unit} is not plausible.",
                              hint=f"Give whole {unit} from {low} to {high}.")
    return value


def _slot(value: str | float | None) -> float | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    number = plain_float(value)
    if not 0 < number <= 10:
        raise ValidationError("slot width", f"A slot width of {value!r} mm is not plausible.",
                              hint="Give the slot width in mm, e.g. 0.3.")
    return number


def row_of(session: Session, spec: WellSpec) -> dict[str, Any]:
    """The well's columns from the form, each value checked on its own."""
    row: dict[str, Any] = {}
    for prefix, _en, _nl in INTERVALS:
        row[f"{prefix}_top_cm"] = depth_cm(getattr(spec, f"{prefix}_top"), f"{prefix} top")
        row[f"{prefix}_bottom_cm"] = depth_cm(getattr(spec, f"{prefix}_bottom"), f"{prefix} bottom")
    row["pipe_diameter_mm"] = whole_number(spec.pipe_diameter_mm, "pipe diameter", 10, 500, "mm")
    row["filter_diameter_mm"] = whole_number(spec.filter_diameter_mm, "filter diameter", 10, 500, "mm")
    row["development_minutes"] = whole_number(spec.development_minutes, "development", 0, 24 * 60, "minutes")
    row["slot_width_mm"] = _slot(spec.slot_width_mm)
    row["pipe_top_cm"] = _signed_cm(spec.pipe_top, "pipe top", 5)
    row["pipe_top_nap_cm"] = _signed_cm(spec.pipe_top_nap, "pipe top NAP", 400)
    for name, listed in (("pipe_material", "well_tube_material"), ("filter_material", "well_tube_material"),
                         ("finish", "well_finish")):
        row[name] = optional_text(getattr(spec, name))
        if row[name]:
            session.lists.check(listed, row[name], name.replace("_", " "))
    row["placed_at"] = check_time(spec.placed_at, "placed at", "placement") if optional_text(spec.placed_at) \
        else None
    row["development"] = optional_text(spec.development)
    row["remarks"] = optional_text(spec.remarks)
    return row


def check_construction(row: Mapping[str, Any], code: str, final_depth_cm: int | None,
                       book: RuleBook | None = None) -> None:
    """The intervals in order, the filter within the hole, the gravel around the
    filter and the seal above the gravel (each only once both sides are given)."""
    book = book or default_book()
    for prefix, en, nl in INTERVALS:
        top, bottom = row.get(f"{prefix}_top_cm"), row.get(f"{prefix}_bottom_cm")
        if top is not None and bottom is not None and bottom <= top:
            raise RuleError(f"{prefix} bottom", book["well_interval_order"], what_en=f"{en} of well {code}",
                            what_nl=f"{nl} van peilbuis {code}", top=format_m(top), bottom=format_m(bottom))
    f_top, f_bottom = row.get("filter_top_cm"), row.get("filter_bottom_cm")
    if f_bottom is not None and final_depth_cm is not None and f_bottom > final_depth_cm:
        raise RuleError("filter bottom", book["well_filter_in_hole"], code=code, bottom=format_m(f_bottom),
                        final=format_m(final_depth_cm))
    g_top, g_bottom = row.get("gravel_top_cm"), row.get("gravel_bottom_cm")
    if (f_top is not None and f_bottom is not None and g_top is not None and g_bottom is not None
            and not (g_top <= f_top and g_bottom >= f_bottom)):
        raise RuleError("gravel top", book["well_gravel_around_filter"], code=code,
                        gravel=interval_text(g_top, g_bottom), filter=interval_text(f_top, f_bottom))
    s_bottom = row.get("seal_bottom_cm")
    if s_bottom is not None and g_top is not None and s_bottom > g_top:
        raise RuleError("seal bottom", book["well_seal_above_gravel"], code=code,
                        seal=interval_text(row.get("seal_top_cm"), s_bottom), gravel=interval_text(g_top, g_bottom))


def well_code(borehole_code: str, tube_number: int) -> str:
    """How a well is named on forms: the borehole's code and the tube (PB01-1)."""
    return f"{borehole_code}-{tube_number}"


def _hole(tx: Tx, borehole_id: str, book: RuleBook) -> dict[str, Any]:
    hole = tx.get("borehole", borehole_id)
    if hole is None:
        raise NotFoundError(f"Borehole {borehole_id} does not exist.")
    if hole["kind"] != book.value("well_on_peilbuis"):
        raise RuleError("borehole", book["well_on_peilbuis"], borehole=hole["code"], kind=hole["kind"])
    return dict(hole)


def place(session: Session, borehole_id: str, spec: WellSpec, *, tube_number: int = 1,
          book: RuleBook | None = None) -> Well:
    """Record the well placed in a borehole of kind peilbuis (one action)."""
    book = book or default_book()
    row = row_of(session, spec)
    tube = whole_number(tube_number, "tube number", 1, 9, "(tube number)")
    with session.store.action("Place well") as tx:
        hole = _hole(tx, borehole_id, book)
        check_construction(row, well_code(hole["code"], tube or 1), hole["final_depth_cm"], book)
        try:
            well_id = tx.insert("well", {"borehole_id": borehole_id, "tube_number": tube, **row})
        except UniqueViolation:
            raise DuplicateCodeError("tube number", f"Borehole {hole['code']} already has tube {tube}.",
                                     hint="Edit that well, or give the next tube number.") from None
    return get(session.store, well_id)


def update(session: Session, well_id: str, spec: WellSpec, book: RuleBook | None = None) -> Well:
    """Write the whole form over the well (one action); its groundwater samples must
    stay within the filter."""
    book = book or default_book()
    row = row_of(session, spec)
    with session.store.action("Change well") as tx:
        old = tx.get("well", well_id)
        if old is None:
            raise NotFoundError(f"Well {well_id} does not exist.")
        hole = _hole(tx, old["borehole_id"], book)
        code = well_code(hole["code"], old["tube_number"])
        check_construction(row, code, hole["final_depth_cm"], book)
        for sample in samples_of(tx.store, well_id):
            check_in_filter(sample["code"], int(sample["upper_cm"]), int(sample["lower_cm"]), code,
                            row["filter_top_cm"], row["filter_bottom_cm"], "filter top", book)
        tx.update("well", well_id, row)
    return get(session.store, well_id)


def delete(session: Session, well_id: str) -> None:
    """Remove a well without sampling rounds (the undo of placing it)."""
    with session.store.action("Remove well") as tx:
        if tx.get("well", well_id) is None:
            raise NotFoundError(f"Well {well_id} does not exist.")
        if tx.query("SELECT 1 FROM sampling_round WHERE well_id = ? LIMIT 1", (well_id,)):
            raise ValidationError("filter top", "This well has sampling rounds, so it stays.",
                                  hint="Remove its sampling rounds first, or correct the well instead.")
        tx.delete("well", well_id)


def spec_of(well: Well) -> WellSpec:
    """The form's values of a stored well (to edit it, or to undo a change)."""
    def m(cm: int | None) -> str | None:
        return None if cm is None else format_m(cm)
    return WellSpec(m(well.filter_top_cm), m(well.filter_bottom_cm), well.pipe_diameter_mm, well.pipe_material,
                    well.filter_diameter_mm, well.filter_material, well.slot_width_mm, m(well.gravel_top_cm),
                    m(well.gravel_bottom_cm), m(well.seal_top_cm), m(well.seal_bottom_cm), well.finish,
                    None if well.pipe_top_cm is None else f"{well.pipe_top_cm / 100:.2f}",
                    None if well.pipe_top_nap_cm is None else f"{well.pipe_top_nap_cm / 100:.2f}",
                    well.placed_at, well.development, well.development_minutes, well.remarks)


def check_in_filter(code: str, upper_cm: int, lower_cm: int, well: str, filter_top_cm: int | None,
                    filter_bottom_cm: int | None, field: str, book: RuleBook | None = None) -> None:
    """A groundwater sample's interval lies within the filter (rule ``well_sample_in_filter``)."""
    book = book or default_book()
    if filter_top_cm is None or filter_bottom_cm is None:
        return
    if upper_cm < filter_top_cm or lower_cm > filter_bottom_cm:
        raise RuleError(field, book["well_sample_in_filter"], code=code, well=well,
                        depth=interval_text(upper_cm, lower_cm), filter=interval_text(filter_top_cm, filter_bottom_cm))


def check_sample_depth(store: Store, borehole_id: str, code: str, upper_cm: int, lower_cm: int, field: str,
                       book: RuleBook | None = None) -> None:
    """For any groundwater sample of a borehole: within the hole, and within the filter of one
    of its wells (a borehole without a recorded well is left to ``fieldapp check``)."""
    book = book or default_book()
    hole = store.get("borehole", borehole_id) or {"code": borehole_id, "final_depth_cm": None}
    final = hole["final_depth_cm"]
    if final is not None and lower_cm > final:
        raise RuleError(field, book["well_sample_in_hole"], code=code, depth=interval_text(upper_cm, lower_cm),
                        borehole=hole["code"], final=format_m(final))
    wells = of_borehole(store, borehole_id)
    if not wells:
        return
    inside = [w for w in wells if w.filter_top_cm is not None and w.filter_bottom_cm is not None
              and w.filter_top_cm <= upper_cm and lower_cm <= w.filter_bottom_cm]
    if not inside:
        first = wells[0]
        check_in_filter(code, upper_cm, lower_cm, well_code(str(hole["code"]), first.tube_number),
                        first.filter_top_cm, first.filter_bottom_cm, field, book)


def samples_of(store: Store, well_id: str) -> list[dict[str, Any]]:
    """The groundwater samples taken in the well's rounds, with their interval."""
    return store.query(
        "SELECT s.id, s.code, p.upper_cm, p.lower_cm FROM sample s JOIN sampling_round r ON r.id = s.sampling_round_id "
        "JOIN sample_part p ON p.sample_id = s.id WHERE r.well_id = ? ORDER BY s.code", (well_id,))


def get(store: Store, well_id: str) -> Well:
    return fetch(store, Well, "well", well_id)


def of_borehole(store: Store, borehole_id: str) -> list[Well]:
    return [from_row(Well, r) for r in store.query(
        "SELECT * FROM well WHERE borehole_id = ? ORDER BY tube_number", (borehole_id,))]


def of_project(store: Store, project_id: str) -> list[tuple[str, Well]]:
    """(borehole code, well) of every well of a project, by borehole and tube."""
    rows = store.query("SELECT w.*, b.code AS borehole_code FROM well w JOIN borehole b ON b.id = w.borehole_id "
                       "WHERE b.project_id = ? ORDER BY b.code, w.tube_number", (project_id,))
    return [(str(r["borehole_code"]), from_row(Well, r)) for r in rows]


#: what a complete well has: (column, form field, English, Dutch)
REQUIRED: tuple[tuple[str, str, str, str], ...] = (
    ("filter_top_cm", "filter top", "the filter top", "de bovenkant van het filter"),
    ("filter_bottom_cm", "filter bottom", "the filter bottom", "de onderkant van het filter"),
    ("pipe_diameter_mm", "pipe diameter", "the pipe diameter", "de diameter van de buis"),
    ("pipe_material", "pipe material", "the pipe material", "het materiaal van de buis"),
    ("filter_material", "filter material", "the filter material", "het materiaal van het filter"),
    ("slot_width_mm", "slot width", "the slot width", "de spleetbreedte"),
    ("gravel_top_cm", "gravel top", "the filter gravel", "de omstorting"),
    ("seal_top_cm", "seal top", "the seal", "de afdichting"),
    ("finish", "finish", "the finish", "de afwerking"),
    ("pipe_top_cm", "pipe top", "the top of the pipe", "de bovenkant van de buis"),
    ("placed_at", "placed at", "the placement date", "de plaatsingsdatum"),
    ("development", "development", "the development", "het ontwikkelen"),
)


def missing(row: Mapping[str, Any]) -> Iterator[tuple[str, str, str]]:
    """(form field, English, Dutch) of each thing a well row still lacks."""
    for column, field, en, nl in REQUIRED:
        # a filter depth kept as a file gave it (from the tube top, in NAP) is known, if not below the surface
        given = row.get(column.replace("_cm", "_given_cm")) if column.startswith("filter_") else None
        if row.get(column) is None and given is None:
            yield field, en, nl


COLUMNS = tuple(f.name for f in fields(Well))
