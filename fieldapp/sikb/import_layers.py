"""Boreholes, trenches, their layers and boring processes from a SIKB0101 file.

A layer's description is a set of Characteristics on it (KenmerkBodemlaag:
11 soil, 9 gravel and 10 humus grade, 4/5/6 colour, bijkleur, kleursterkte,
12 median, 13 oil-water reaction, 7 smell, 1-3 and 19/21 components with
grade and origin), each a SIKB id that goes back to FieldApp's code through
the code lists. Layers must lie one under the other, without gap or overlap.
A Trench (sleuf, inspectiegat) keeps its layers and samples as a borehole of
its own; its NEN 5707 sizes are not in SIKB0101.
"""

from __future__ import annotations

from itertools import pairwise
from typing import Any

from fieldapp.domain import boring_process, sample_rules
from fieldapp.domain import layer as layer_mod
from fieldapp.domain.importer import first_overlap
from fieldapp.errors import ValidationError
from fieldapp.messages import Named, Term, metres, named, refused, wrapped
from fieldapp.sikb import import_finishings, import_pits
from fieldapp.sikb.import_context import NAP, Context, measure_cm, moment
from fieldapp.sikb.import_description import describe
from fieldapp.sikb.import_names import derived_id
from fieldapp.sikb.names import POSITION_FROM_FILE
from fieldapp.sikb.read_geometry import point
from fieldapp.sikb.read_xml import GML_ID, Element, child, href, local, parse_urn, text

HAS_LAYER, HAS_FINISHING, BELONGS_TO, HAS_WELL, IN_BOREHOLE = 2, 3, 4, 5, 6


def holes(ctx: Context) -> dict[str, dict[str, Any]]:
    """Every Borehole and Trench as a borehole row with its layers; by gml:id."""
    out: dict[str, dict[str, Any]] = {}
    belongs = ctx.file.pointing_at(BELONGS_TO)  # a layer, filter or finishing names its borehole
    sampled = ctx.file.pointing_at(IN_BOREHOLE)
    for el in ctx.file.of_kind("Borehole", "Trench"):
        gml_id = el.get(GML_ID, "")
        parts = [ctx.file.by_id.get(p) for p in belongs.get(gml_id, [])]
        has_filter = any(p is not None and local(p) == "Filter" for p in parts)
        layers = [p.get(GML_ID, "") for p in parts if p is not None and local(p) == "Layer"]
        finishings = [p for p in parts if p is not None and local(p) == "Finishing"]
        if local(el) == "Trench" and not (layers or sampled.get(gml_id) or any(
                r == HAS_LAYER for r, _ in ctx.file.relations(el))) and import_pits.is_pit(el):
            continue  # a NEN 5707 pit with nothing logged in it: an inspection pit only (import_pits)
        out[gml_id] = hole = _hole(ctx, el, gml_id, has_filter, layers)
        if hole["kind"] == "boring":
            _backfill(ctx, hole, finishings)
    return out


def _hole(ctx: Context, el: Element, gml_id: str, has_filter: bool, layers: list[str]) -> dict[str, Any]:
    ident = ctx.id_of(gml_id)
    kind_word = "trench" if local(el) == "Trench" else "borehole"
    name = text(el, "name")
    code = ctx.names["borehole"].claim(name, ident, kind_word)
    what = named(kind_word, code)
    geometry = child(el, "geometry")
    where = point(geometry, what, ctx.rd) if geometry is not None else None
    if where is None:
        ctx.report.skipped("hole_no_point", what)
    elif where.guessed:
        ctx.report.defaulted("point_no_srs", what)
    started = moment(text(el, "startTime"))
    try:
        sample_rules.check_moment_text(started, "started at")
    except ValidationError:
        ctx.report.skipped("start_time_bad", what, when=started)
        started = None
    final = measure_cm(ctx, child(el, "depth"), what, "final depth")
    ground = measure_cm(ctx, child(el, "groundLevel"), what, "surface level", expected=NAP) \
        if _condition(child(el, "groundLevel")) in (None, NAP) else None
    if ground is None and child(el, "groundLevel") is not None and _condition(child(el, "groundLevel")) != NAP:
        ctx.report.skipped("surface_not_nap", what)
    kind = "peilbuis" if has_filter or any(r == HAS_WELL for r, _ in ctx.file.relations(el)) else "boring"
    row = ctx.add("borehole", {
        "id": ident, "project_id": ctx.project_id, "code": code, "kind": kind,
        "lat": where.lat if where else None, "lon": where.lon if where else None,
        "x_rd": where.x_rd if where else None, "y_rd": where.y_rd if where else None,
        "ground_level_nap_cm": ground, "final_depth_cm": final, "started_at": started,
        "remarks": text(el, "remarks"), "backfill": None,
        "sigma_source": _positioning(ctx, el) if where else None,
    }, gml_id)
    if kind_word == "trench":
        ctx.report.defaulted("trench_as_borehole", what)
    if kind == "boring":  # no well in the file: one placed in FieldApp since stays
        ctx.assumed.add((ident, "kind"))
    if not (name or "").strip():
        ctx.assumed.add((ident, "code"))
    _layers(ctx, el, row, what, layers)
    return row


def _positioning(ctx: Context, el: Element) -> str | None:
    """The positioning method the file gives the point (its GeoReferenceProcess), kept to be written back."""
    process = ctx.file.by_id.get(href(el, "hostedProcedure") or "")
    method = parse_urn(text(process, "geoMeasureMethod")) if process is not None else None
    return f"{POSITION_FROM_FILE}{method.id}" if method is not None and method.id >= 0 else None


def _condition(wrapper: Element | None) -> int | None:
    inner = next(iter(wrapper), None) if wrapper is not None else None
    found = parse_urn(text(inner, "condition")) if inner is not None else None
    return found.id if found else None


def _layers(ctx: Context, hole_el: Element, hole: dict[str, Any], what: Named, belonging: list[str]) -> None:
    wanted = [t for role, t in ctx.file.relations(hole_el) if role == HAS_LAYER]
    wanted += [t for t in belonging if t not in wanted]
    rows: list[dict[str, Any]] = []
    processes: dict[str, list[dict[str, Any]]] = {}
    for gml_id in wanted:
        el = ctx.file.by_id.get(gml_id)
        if el is None or local(el) != "Layer":
            ctx.report.skipped("layer_missing", what.part("layer", gml_id))
            continue
        row = _layer(ctx, el, hole, what)
        rows.append(row)
        process = href(el, "hostedProcedure")
        if process:
            processes.setdefault(process, []).append(row)
    rows.sort(key=lambda r: r["upper_cm"])
    clash = first_overlap([(r["upper_cm"], r["lower_cm"]) for r in rows])
    if clash:
        (a, b), (c, d) = clash
        raise refused("upper depth", "refuse_layer_overlap", what=what, layer=metres(c, d), other=metres(a, b))
    for above, below in pairwise(rows):
        if below["upper_cm"] > above["lower_cm"]:
            raise refused("upper depth", "refuse_layer_gap", what=what,
                          above=metres(above["upper_cm"], above["lower_cm"]),
                          below=metres(below["upper_cm"], below["lower_cm"]))
    deepest = rows[-1]["lower_cm"] if rows else None
    if hole["final_depth_cm"] is not None and deepest is not None and hole["final_depth_cm"] < deepest:
        raise refused("final depth", "refuse_final_depth", what=what, final=metres(hole["final_depth_cm"]),
                      deepest=metres(deepest))
    if hole["final_depth_cm"] is None and deepest is not None:
        hole["final_depth_cm"] = deepest
        ctx.assumed.add((hole["id"], "final_depth_cm"))
        ctx.report.defaulted("final_depth_default", what)
    for row in rows:
        ctx.add("layer", row)
    _processes(ctx, hole, processes, what)


def _layer(ctx: Context, el: Element, hole: dict[str, Any], what: Named) -> dict[str, Any]:
    upper = measure_cm(ctx, child(el, "upperDepth"), what, "upper depth")
    lower = measure_cm(ctx, child(el, "lowerDepth"), what, "lower depth")
    if upper is None or lower is None:
        raise refused("depth", "refuse_layer_no_depth", what=what,
                      item=Term("upper_depth" if upper is None else "lower_depth"))
    where = what.part("layer", metres(upper, lower))
    found = describe(ctx, el, where, hole["code"])
    soil = found.get("soil")
    if not soil:
        raise refused("soil", "refuse_layer_no_soil", what=where)
    soil += (found.get("humus") or "") + (found.get("gravel") or "")
    remarks = " ".join(x for x in (text(el, "remark") or text(el, "remarks"), f"geur: {found['smell_words']}"
                                   if found.get("smell_words") else None) if x) or None
    if found.get("smell_words"):
        ctx.report.defaulted("smell_words", where)
    try:  # FieldApp's own rules of a layer (soil code, lists), which name no object
        row = layer_mod.layer_row(ctx.session, upper=upper / 100, lower=lower / 100, soil=soil,
                                  colour=found.get("colour"), sand_median=found.get("sand_median"),
                                  smell=found.get("smell"), oil_water=found.get("oil_water"),
                                  admixtures=found["admixtures"], remarks=remarks,
                                  secondary_colour=found.get("secondary_colour"),
                                  colour_shade=found.get("colour_shade"), gravel_median=found.get("gravel_median"),
                                  components=found["components"])
    except ValidationError as exc:
        raise wrapped(where, exc) from None
    return {"id": ctx.id_of(el.get(GML_ID)), "borehole_id": hole["id"], **row}


def _processes(ctx: Context, hole: dict[str, Any], processes: dict[str, list[dict[str, Any]]], what: Named) -> None:
    spans = []
    for gml_id, layers in processes.items():
        el = ctx.file.by_id.get(gml_id)
        if el is None:
            ctx.report.skipped("process_missing", what.part("boring_process", gml_id))
            continue
        process = what.part("boring_process", "")
        apparatus = ctx.codes.resolve(parse_urn(text(el, "drillType")), process, "apparatus")
        if apparatus is None:
            ctx.report.skipped("process_no_apparatus", process)
            continue
        spans.append((min(r["upper_cm"] for r in layers), max(r["lower_cm"] for r in layers), apparatus, gml_id,
                      _diameter_mm(ctx, el, what)))
    spans.sort()
    last = -1
    for upper, lower, apparatus, gml_id, diameter in spans:
        if upper < last:
            ctx.report.skipped("process_interleaved", what.part("boring_process", ""))
            continue
        last = lower
        # one process shared by two boreholes' layers (seen in real files) becomes one row in each
        ident = derived_id(hole["id"], f"boring_process/{gml_id}") if gml_id in ctx.ids else ctx.id_of(gml_id)
        ctx.add("boring_process", {"id": ident, "borehole_id": hole["id"], "upper_cm": upper, "lower_cm": lower,
                                   "technique": None, "apparatus": apparatus, "diameter_mm": diameter,
                                   "remarks": None}, gml_id)


def _diameter_mm(ctx: Context, process: Element, what: Named) -> int | None:
    node = child(process, "drillDiameter")
    if node is None or not (node.text or "").strip():
        return None
    unit = parse_urn(node.get("uom"))
    factor = {66: 1.0, 19: 10.0, 115: 1000.0}.get(unit.id if unit else 66)  # Eenheid mm, cm, m
    try:
        mm = round(float((node.text or "").strip()) * (factor or float("nan")))
        return boring_process.diameter(mm)
    except (ValueError, OverflowError, ValidationError):  # OverflowError: an infinite diameter (1e400)
        ctx.report.skipped("diameter_bad", what.part("boring_process", ""), diameter=node.text)
        return None


def _backfill(ctx: Context, hole: dict[str, Any], finishings: list[Element]) -> None:
    """A borehole's backfill (a well's borehole is finished by the well: import_wells)."""
    for el in finishings:
        value = import_finishings.value_of(ctx, el, "backfill_material")
        if value is not None and hole["backfill"] is None:
            hole["backfill"] = value
        else:
            ctx.report.skipped("finishing_not_backfill", named("borehole", hole["code"]))
