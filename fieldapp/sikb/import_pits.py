"""NEN 5707 inspection pits and trenches (SIKB0101 Trench) as inspection pits.

A Trench with its length and width (as FieldApp writes them) is an inspection
pit of the kind its MeetObjectSoort names (resources/rules/asbestos.json: 12
inspectiegat, 18 sleuf). One that also has layers or samples logged in it
(the SAD asbestos example) is a borehole as well (:mod:`fieldapp.sikb.import_layers`),
and the pit stands beside it.
"""

from __future__ import annotations

from typing import Any

from fieldapp.domain import asbestos
from fieldapp.domain.inspection_pit import MAX_SIDE_M
from fieldapp.messages import Named, named, refused, term
from fieldapp.sikb.import_context import Context, measure_cm, moment
from fieldapp.sikb.import_names import derived_id
from fieldapp.sikb.read_geometry import point
from fieldapp.sikb.read_xml import GML_ID, Element, child, parse_urn, text

_METRES = {115: 1.0, 19: 0.01, 66: 0.001}  # Eenheid ids of m, cm, mm


def is_pit(el: Element) -> bool:
    return child(el, "length") is not None and child(el, "width") is not None


def pits(ctx: Context, holes: dict[str, dict[str, Any]]) -> None:
    kinds = {k.sad_meetpunttype: k.code for k in asbestos.load().kinds.values() if k.sad_meetpunttype}
    for el in ctx.file.of_kind("Trench"):
        gml_id = el.get(GML_ID, "")
        name = text(el, "name") or gml_id
        if not is_pit(el):
            if gml_id not in holes:
                ctx.report.skipped("pit_nothing", named("trench", name))
            continue
        hole = holes.get(gml_id)
        ident = derived_id(hole["id"], "inspection_pit") if hole else ctx.id_of(gml_id)
        what = named("trench", name)
        code = ctx.names["inspection_pit"].claim(name, ident, "trench")
        kind_urn = parse_urn(text(el, "measurementObjectType"))
        kind = kinds.get(kind_urn.id) if kind_urn else None
        # what SIKB0101 does not say of a pit (its kind when not given, whether asbestos was found) is
        # assumed here; a merge keeps what is stored (import_merge)
        ctx.assumed.add((ident, "suspect_found"))
        if kind is None:
            ctx.assumed.add((ident, "kind"))
            kind = "inspectiegat"
            ctx.report.defaulted("pit_kind", named("inspection_pit", code), kind=kind_urn.id if kind_urn else "?")
        geometry = child(el, "geometry")
        where = point(geometry, what, ctx.rd) if geometry is not None else None
        depth = measure_cm(ctx, child(el, "depth"), what, "depth")
        ctx.add("inspection_pit", {
            "id": ident, "project_id": ctx.project_id, "code": code, "kind": kind,
            "borehole_id": hole["id"] if hole else None, "x_rd": where.x_rd if where else None,
            "y_rd": where.y_rd if where else None, "length_m": _metres(el, "length", what),
            "width_m": _metres(el, "width", what), "depth_m": None if depth is None else depth / 100,
            "inspected_at": moment(text(el, "startTime")), "suspect_found": 0, "suspect_material": None,
            "suspect_weight_g": None, "remarks": text(el, "remarks"),
        }, None if hole else gml_id)


def _metres(el: Element, name: str, what: Named) -> float:
    node = child(el, name)
    unit = parse_urn(node.get("uom")) if node is not None else None
    try:
        value = float((node.text or "").strip() if node is not None else "nan") * _METRES.get(
            unit.id if unit else 115, 1.0)
    except ValueError:
        value = float("nan")
    if not 0 < value <= MAX_SIDE_M:
        raise refused(name, "refuse_pit_measure", what=what, item=term(name),
                      raw=node.text if node is not None else "")
    return value

