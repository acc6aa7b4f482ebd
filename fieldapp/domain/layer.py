"""Layer (bodemlaag): a depth interval of one borehole described per NEN 5104."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from fieldapp.domain.common import fetch, from_row, optional_text
from fieldapp.domain.depth import check_interval, format_m, to_cm
from fieldapp.domain.layer_words import read_colour
from fieldapp.errors import (
    CodeListError,
    FinalDepthError,
    LayerOverlapError,
    NotFoundError,
    SampleIntervalError,
)
from fieldapp.soil import parse_soil_code

if TYPE_CHECKING:
    from fieldapp.codelists import CodeLists
    from fieldapp.domain.common import Recording
    from fieldapp.session import Session
    from fieldapp.store import Store, Tx


@dataclass(frozen=True)
class Admixture:
    """An anthropogenic admixture (puin, sintels, ...) with its grade."""

    code: str
    grade: str


@dataclass(frozen=True)
class Component:
    """A natural component (bijzonder bestanddeel: schelpen, wortels, kalk, ...) with its grade."""

    code: str
    grade: str


@dataclass(frozen=True)
class Layer:
    id: str
    borehole_id: str
    upper_cm: int
    lower_cm: int
    soil_code: str
    colour: str | None = None
    sand_median: str | None = None
    smell: str | None = None
    oil_water: str | None = None
    admixtures: str | None = None
    remarks: str | None = None
    secondary_colour: str | None = None
    colour_shade: str | None = None
    gravel_median: str | None = None
    components: str | None = None

    @property
    def depth_text(self) -> str:
        return f"{format_m(self.upper_cm)}–{format_m(self.lower_cm)} m"

    def admixture_list(self) -> list[Admixture]:
        return [Admixture(a["code"], a["grade"]) for a in json.loads(self.admixtures or "[]")]

    def component_list(self) -> list[Component]:
        return [Component(a["code"], a["grade"]) for a in json.loads(self.components or "[]")]

    def kept(self) -> frozenset[str]:
        """What this record already carries, which a change may keep although a list or rule has moved on."""
        values = {self.soil_code, self.colour or "", self.secondary_colour or "", self.colour_shade or "",
                  self.sand_median or "", self.gravel_median or ""}
        values |= {a.code for a in self.admixture_list()} | {a.grade for a in self.admixture_list()}
        values |= {c.code for c in self.component_list()} | {c.grade for c in self.component_list()}
        return frozenset(values - {""})


def layer_row(
    rec: Recording,
    *,
    upper: str | float,
    lower: str | float,
    soil: str,
    colour: str | None,
    sand_median: str | None,
    smell: str | None,
    oil_water: str | None,
    admixtures: Sequence[Admixture],
    remarks: str | None,
    secondary_colour: str | None = None,
    colour_shade: str | None = None,
    gravel_median: str | None = None,
    components: Sequence[Component] = (),
    kept: frozenset[str] = frozenset(),
) -> dict[str, Any]:
    """Validate a layer's own fields (not yet against its neighbours).

    ``colour`` may be a word such as "donkerbruin" or "grijsbruin": it is
    taken apart into kleur, bijkleur and kleursterkte. Withdrawn list values
    and soil codes older rules allowed are refused unless ``kept`` (the
    values the changed record already carries) holds them.
    """
    upper_cm = to_cm(upper, "upper depth")
    lower_cm = to_cm(lower, "lower depth")
    check_interval(upper_cm, lower_cm, "Layer")
    lists = rec.lists
    soil_code = parse_soil_code(soil, lists, legacy=soil.strip() in kept).code
    colour, secondary_colour, colour_shade = _colour(lists, colour, secondary_colour, colour_shade)

    def check(name: str, value: str, field: str) -> None:
        if value in kept:
            lists.check(name, value, field)
        else:
            lists.check_new(name, value, field)

    for value, name, field in (
        (colour, "colour", "colour"),
        (secondary_colour, "colour", "secondary colour"),
        (colour_shade, "colour_shade", "colour shade"),
        (sand_median, "sand_median_class", "sand median"),
        (gravel_median, "gravel_median_class", "gravel median"),
        (smell, "smell", "smell"),
        (oil_water, "oil_water_reaction", "oil-water reaction"),
    ):
        if value:
            check(name, value, field)
    for admixture in admixtures:
        check("anthropogenic_admixture", admixture.code, "admixture")
        check("anthropogenic_grade", admixture.grade, "admixture grade")
    for component in components:
        check("natural_component", component.code, "component")
        check("component_grade", component.grade, "component grade")
    _once([a.code for a in admixtures], "admixture")
    _once([c.code for c in components], "component")
    return {
        "upper_cm": upper_cm,
        "lower_cm": lower_cm,
        "soil_code": soil_code,
        "colour": optional_text(colour),
        "sand_median": optional_text(sand_median),
        "smell": optional_text(smell),
        "oil_water": optional_text(oil_water),
        "admixtures": json.dumps([{"code": a.code, "grade": a.grade} for a in admixtures]) if admixtures else None,
        "remarks": optional_text(remarks),
        "secondary_colour": optional_text(secondary_colour),
        "colour_shade": optional_text(colour_shade),
        "gravel_median": optional_text(gravel_median),
        "components": json.dumps([{"code": c.code, "grade": c.grade} for c in components]) if components else None,
    }


def _colour(lists: CodeLists, colour: str | None, secondary: str | None,
            shade: str | None) -> tuple[str | None, str | None, str | None]:
    """A typed colour word ("donkerbruin") taken apart; a code of the list as it is."""
    if not colour or not colour.strip() or lists.has("colour", colour):
        return colour, secondary, shade
    said = read_colour(colour, lists)
    for typed, read, field in ((secondary, said.secondary, "secondary colour"), (shade, said.shade, "colour shade")):
        if typed and read and typed != read:
            raise CodeListError(field=field, message=f"{colour!r} names another {field} than the {field} field.",
                                hint="Give it in one place: in the colour word or in its field.")
    return said.colour, secondary or said.secondary, shade or said.shade


def _once(codes: list[str], field: str) -> None:
    seen = [c for n, c in enumerate(codes) if c in codes[:n]]
    if seen:
        raise CodeListError(field=field, message=f"{seen[0]!r}: {field} {seen[0]} is in the list twice.",
                            hint="Give each once, with its grade.")


def add(
    session: Session,
    borehole_id: str,
    *,
    upper: str | float,
    lower: str | float,
    soil: str,
    colour: str | None = None,
    sand_median: str | None = None,
    smell: str | None = None,
    oil_water: str | None = None,
    admixtures: Sequence[Admixture] = (),
    remarks: str | None = None,
    secondary_colour: str | None = None,
    colour_shade: str | None = None,
    gravel_median: str | None = None,
    components: Sequence[Component] = (),
    kept: frozenset[str] = frozenset(),
) -> Layer:
    """Log a layer. It may not overlap another layer of the borehole nor go
    below the borehole's final depth. ``kept``: the values of a deleted layer
    that an undo puts back (a withdrawn value it held stays accepted)."""
    row = layer_row(session, upper=upper, lower=lower, soil=soil, colour=colour, sand_median=sand_median,
                    smell=smell, oil_water=oil_water, admixtures=admixtures, remarks=remarks,
                    secondary_colour=secondary_colour, colour_shade=colour_shade, gravel_median=gravel_median,
                    components=components, kept=kept)
    row["borehole_id"] = borehole_id
    with session.store.action(f"Log layer {format_m(row['upper_cm'])}-{format_m(row['lower_cm'])} m") as tx:
        _check_fits(tx, borehole_id, row["upper_cm"], row["lower_cm"], exclude=None)
        layer_id = tx.insert("layer", row)
    return get(session.store, layer_id)


def update(session: Session, layer_id: str, **changes: Any) -> Layer:
    """Change a layer; the same rules as for a new one, and samples taken from
    it must stay within logged layers."""
    current = get(session.store, layer_id)
    merged: dict[str, Any] = {
        "upper": changes.pop("upper", current.upper_cm / 100),
        "lower": changes.pop("lower", current.lower_cm / 100),
        "soil": changes.pop("soil", current.soil_code),
        "colour": changes.pop("colour", current.colour),
        "sand_median": changes.pop("sand_median", current.sand_median),
        "smell": changes.pop("smell", current.smell),
        "oil_water": changes.pop("oil_water", current.oil_water),
        "admixtures": changes.pop("admixtures", current.admixture_list()),
        "remarks": changes.pop("remarks", current.remarks),
        "secondary_colour": changes.pop("secondary_colour", current.secondary_colour),
        "colour_shade": changes.pop("colour_shade", current.colour_shade),
        "gravel_median": changes.pop("gravel_median", current.gravel_median),
        "components": changes.pop("components", current.component_list()),
    }
    if changes:
        raise TypeError(f"unknown layer fields: {', '.join(changes)}")
    row = layer_row(session, **merged, kept=current.kept())
    with session.store.action("Change layer") as tx:
        _check_fits(tx, current.borehole_id, row["upper_cm"], row["lower_cm"], exclude=layer_id)
        tx.update("layer", layer_id, row)
        _check_samples_still_covered(tx, current.borehole_id)
    return get(session.store, layer_id)


def delete(session: Session, layer_id: str) -> None:
    current = get(session.store, layer_id)
    with session.store.action("Delete layer") as tx:
        tx.delete("layer", layer_id)
        _check_samples_still_covered(tx, current.borehole_id)


def _check_fits(tx: Tx, borehole_id: str, upper_cm: int, lower_cm: int, exclude: str | None) -> None:
    hole = tx.query("SELECT final_depth_cm FROM borehole WHERE id = ?", (borehole_id,))
    if not hole:
        raise NotFoundError(f"Borehole {borehole_id} does not exist.")
    clash = tx.query(
        "SELECT upper_cm, lower_cm FROM layer WHERE borehole_id = ? AND upper_cm < ? AND lower_cm > ? "
        "AND id IS NOT ? ORDER BY upper_cm LIMIT 1",
        (borehole_id, lower_cm, upper_cm, exclude),
    )
    if clash:
        other = clash[0]
        raise LayerOverlapError(
            "upper depth",
            f"Layer {format_m(upper_cm)}–{format_m(lower_cm)} m overlaps the layer "
            f"{format_m(other['upper_cm'])}–{format_m(other['lower_cm'])} m.",
            hint="Layers of one borehole may not overlap: adjust the depths, "
            "or change the existing layer first.",
        )
    final_cm = hole[0]["final_depth_cm"]
    if final_cm is not None and lower_cm > final_cm:
        raise FinalDepthError(
            "lower depth",
            f"The layer reaches {format_m(lower_cm)} m, below the borehole's final depth "
            f"of {format_m(final_cm)} m.",
            hint="Increase the borehole's final depth first, or correct the lower depth.",
        )


def _check_samples_still_covered(tx: Tx, borehole_id: str) -> None:
    from fieldapp.domain.sample import uncovered_part  # a sample rule, checked here too

    parts = tx.query(
        "SELECT p.upper_cm, p.lower_cm, s.code FROM sample_part p JOIN sample s ON s.id = p.sample_id "
        "WHERE p.borehole_id = ?",
        (borehole_id,),
    )
    for part in parts:
        gap = uncovered_part(tx.store, borehole_id, part["upper_cm"], part["lower_cm"])
        if gap is not None:
            raise SampleIntervalError(
                "lower depth",
                f"Sample {part['code']} was taken at {format_m(part['upper_cm'])}–"
                f"{format_m(part['lower_cm'])} m, which would no longer be covered by logged layers.",
                hint="Change the sample's interval first, or keep the layer.",
            )


def get(store: Store, layer_id: str) -> Layer:
    return fetch(store, Layer, "layer", layer_id)


def of_borehole(store: Store, borehole_id: str) -> list[Layer]:
    rows = store.query("SELECT * FROM layer WHERE borehole_id = ? ORDER BY upper_cm", (borehole_id,))
    return [from_row(Layer, r) for r in rows]
