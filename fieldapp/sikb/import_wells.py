"""Monitoring wells from a SIKB0101 file: each Filter of a borehole is one well row
(FieldApp numbers a borehole's tubes 1, 2, ...), with the filter interval, the
top of the tube above the surface and the gravel pack and seal taken from the
borehole's Finishings (AfwerkingType 2 Aanvulling, 3 Afdichting)."""

from __future__ import annotations

from typing import Any

from fieldapp.messages import Named, Term, named, term
from fieldapp.sikb import import_finishings
from fieldapp.sikb.import_context import NAP, SURFACE, TUBE_TOP, Context, measure, measure_cm, moment
from fieldapp.sikb.import_layers import BELONGS_TO, HAS_FINISHING, HAS_WELL
from fieldapp.sikb.read_xml import GML_ID, Element, child, local, parse_urn, text

_GRAVEL, _SEAL = 2, 3  # AfwerkingType


def wells(ctx: Context, holes: dict[str, dict[str, Any]], held_tubes: dict[str, dict[str, int]]) -> dict[str, Any]:
    """Well rows by the Filter's gml:id. ``held_tubes``: borehole id -> {well id: tube number} already stored."""
    out: dict[str, Any] = {}
    wells_of = ctx.file.pointing_at(HAS_WELL)  # filter -> the boreholes that name it
    for el in ctx.file.of_kind("Filter"):
        gml_id = el.get(GML_ID, "")
        name = text(el, "name") or gml_id
        owner = next((t for r, t in ctx.file.relations(el) if r == BELONGS_TO), None)
        owner = owner or next(iter(wells_of.get(gml_id, [])), None)
        hole = holes.get(owner or "")
        if hole is None:
            ctx.report.skipped("filter_hole_missing", named("filter", name))
            continue
        ident = ctx.id_of(gml_id)
        tubes = held_tubes.setdefault(hole["id"], {})
        tube = tubes.get(ident) or max(tubes.values(), default=0) + 1
        tubes[ident] = tube
        what = named("borehole", hole["code"]).part("filter", name)
        pipe_top, pipe_top_nap = _pipe_top(ctx, el, what, hole)
        ground = hole.get("ground_level_nap_cm")
        top, top_given = _filter_depth(ctx, el, "upperDepth", what, "filter top", pipe_top, ground)
        bottom, bottom_given = _filter_depth(ctx, el, "lowerDepth", what, "filter bottom", pipe_top, ground)
        row: dict[str, Any] = {
            "id": ident, "borehole_id": hole["id"], "tube_number": tube, "filter_top_cm": top,
            "filter_bottom_cm": bottom, **_given_depths(ctx, top_given, bottom_given, what),
            "filter_material": _material(ctx, text(el, "filtertubeMaterial"), what),
            "filter_diameter_mm": _diameter_mm(ctx, child(el, "filtertubeDiameter"), what),
            "pipe_top_cm": pipe_top, "pipe_top_nap_cm": pipe_top_nap, "placed_at": moment(text(el, "startTime")),
            "remarks": text(el, "remarks"), "gravel_top_cm": None, "gravel_bottom_cm": None,
            "seal_top_cm": None, "seal_bottom_cm": None, "finish": None,
        }
        _finishings(ctx, ctx.file.by_id.get(owner or ""), row, what)
        out[gml_id] = ctx.add("well", row, gml_id)
    return out


def _diameter_mm(ctx: Context, node: Element | None, what: Named) -> int | None:
    """The filter's diameter in whole mm (FieldApp's well records 10-500 mm); the length follows from the depths."""
    if node is None or not (node.text or "").strip():
        return None
    unit = parse_urn(node.get("uom"))
    factor = {66: 1.0, 19: 10.0, 115: 1000.0}.get(unit.id if unit else 66)  # Eenheid mm, cm, m
    try:
        mm = round(float((node.text or "").strip()) * (factor or float("nan")))
    except (ValueError, OverflowError):  # OverflowError: an infinite diameter (1e400)
        mm = 0
    if not 10 <= mm <= 500:
        ctx.report.skipped("filter_diameter_bad", what, diameter=node.text, in_unit=str(unit))
        return None
    return mm


def _material(ctx: Context, raw: str | None, what: Named) -> str | None:
    if not raw:
        return None
    for entry in ctx.codes.lists.entries("well_tube_material"):
        if raw.strip().casefold() in (entry.code.casefold(), entry.nl.casefold(), entry.en.casefold()):
            return entry.code
    ctx.report.skipped("tube_material_unknown", what, material=raw)
    return None


#: the references a filter depth is kept in as given (well.filter_depth_reference), by Hoedanigheid
_REFERENCES = {TUBE_TOP: "tube_top", NAP: "nap"}


def _filter_depth(ctx: Context, el: Element, name: str, what: Named, field: str, pipe_top: int | None,
                  ground_nap: int | None) -> tuple[int | None, tuple[int, int] | None]:
    """A filter depth in cm below the surface, and (cm, Hoedanigheid) as the file gave it where that is from the
    top of the tube or in NAP and the file lacks what converting it needs (or converted it would lie above the
    surface): it is kept as given, never guessed."""
    found = measure(ctx, child(el, name), what, field, (SURFACE, TUBE_TOP, NAP))
    if found is None or found[1] == SURFACE:
        return (found[0] if found else None), None
    cm, condition = found
    base, reference = (pipe_top, Term("ref_tube_top")) if condition == TUBE_TOP else (ground_nap, Term("ref_nap"))
    # a Depth is positive downwards: below the tube top, or below NAP (the surface level is a Height in NAP)
    below = None if base is None else cm - base if condition == TUBE_TOP else base + cm
    if below is None or below < 0:
        return None, found  # nothing to convert with, or a filter above the surface: kept as given
    ctx.report.defaulted("filter_depth_converted", what, item=term(field), reference=reference)
    return below, None


def _given_depths(ctx: Context, top: tuple[int, int] | None, bottom: tuple[int, int] | None,
                  what: Named) -> dict[str, Any]:
    """The well's filter depths kept as the file gave them, with their one reference (tube top or NAP)."""
    kept: dict[str, Any] = {"filter_depth_reference": None, "filter_top_given_cm": None,
                            "filter_bottom_given_cm": None}
    for end, given in (("top", top), ("bottom", bottom)):
        if given is None:
            continue
        cm, condition = given
        reference = _REFERENCES[condition]
        if kept["filter_depth_reference"] not in (None, reference):
            ctx.report.skipped("filter_reference_mixed", what, item=Term(f"filter_{end}"))
            continue
        kept["filter_depth_reference"] = reference
        kept[f"filter_{end}_given_cm"] = cm
        source = Term("from_tube_top" if condition == TUBE_TOP else "in_nap")
        ctx.report.defaulted("filter_kept_given", what, item=Term(f"filter_{end}"), reference=source)
    return kept


def _pipe_top(ctx: Context, el: Element, what: Named, hole: dict[str, Any]) -> tuple[int | None, int | None]:
    """The top of the tube in cm above the surface and in cm NAP, as far as the file says."""
    found = measure(ctx, child(el, "heightTopFiltertube"), what, "tube top", (SURFACE, NAP))
    if found is None:
        return None, None
    cm, condition = found
    ground = hole.get("ground_level_nap_cm")
    above, nap = (cm, None) if condition == SURFACE else (None if ground is None else cm - ground, cm)
    if above is not None and abs(above) > 500:
        ctx.report.skipped("tube_top_bad", what, cm=above)
        return None, nap
    return above, nap


def _finishings(ctx: Context, hole_el: Element | None, row: dict[str, Any], what: Named) -> None:
    if hole_el is None:
        return
    found: dict[int, list[tuple[int, int]]] = {}
    for role, target in ctx.file.relations(hole_el):
        el = ctx.file.by_id.get(target)
        if role != HAS_FINISHING or el is None or local(el) != "Finishing":
            continue
        kind = parse_urn(text(el, "finishingType"))
        if import_finishings.finishing_type(ctx, el) == "finish":
            row["finish"] = import_finishings.value_of(ctx, el, "well_finish")
            if row["finish"] is None:
                ctx.report.skipped("well_finish_unknown", what)
            continue
        upper = measure_cm(ctx, child(el, "upperDepth"), what, "finishing top")
        lower = measure_cm(ctx, child(el, "lowerDepth"), what, "finishing bottom")
        if kind is not None and upper is not None and lower is not None:
            found.setdefault(kind.id, []).append((upper, lower))
    gravel = found.get(_GRAVEL, [])
    if len(gravel) == 1:
        row["gravel_top_cm"], row["gravel_bottom_cm"] = gravel[0]
    elif gravel:
        ctx.report.skipped("gravel_packs", what)
    seals = found.get(_SEAL, [])
    # the seal FieldApp records is the one right above the gravel pack (or the filter)
    top = row["gravel_top_cm"] if row["gravel_top_cm"] is not None else row["filter_top_cm"]
    above = [s for s in seals if top is not None and s[1] == top]
    if above:
        row["seal_top_cm"], row["seal_bottom_cm"] = above[0]
    if len(seals) > len(above):
        ctx.report.skipped("seal_misplaced", what)
