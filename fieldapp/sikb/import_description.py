"""A layer's NEN 5104 description from its Characteristics in a SIKB0101 file.

Each Characteristic names what it describes (KenmerkBodemlaag: 11 soil, 4/5/6
colour, bijkleur and kleursterkte, 12 median, 13 oil-water reaction, 7 smell,
1 and 3 a component and its grade, 9/10 gravel and humus grade) and a SIKB id,
which goes back to FieldApp's code through the code lists. Files differ in
how they write components: FieldApp and most programs put natural components
and man-made admixtures both in BodemlaagBijzonderheden (the SAD asbestos
example uses BodemlaagBodemkenmerken for the latter); a grade is linked to its
component (ObservationContext), is an observation of it, or follows it.
"""

from __future__ import annotations

from typing import Any

from fieldapp.domain import layer as layer_mod
from fieldapp.messages import Named
from fieldapp.sikb.import_context import Context
from fieldapp.sikb.read_xml import GML_ID, Code, Element, href, local, parse_urn, text

#: KenmerkBodemlaag id -> the layer field it describes
_INDICATOR = {4: "colour", 5: "secondary_colour", 6: "colour_shade", 11: "soil", 9: "gravel", 10: "humus",
              13: "oil_water"}
_SMELL, _NOT_KEPT = 7, (2, 8, 18, 22)  # origin, layer kind, floating layer, hole diameter
_MEDIANS = {"bodemsoortmediaan", "grindmediaanklasse"}
#: SIKB table of components -> the FieldApp lists that may hold its id, in order
_COMPONENTS = {"bodemlaagbijzonderheden": ("natural_component", "anthropogenic_admixture"),
               "bodemlaagbodemkenmerken": ("anthropogenic_admixture",)}
_GRADES = {"bodemlaagbijzonderhedengradatie", "bodemlaagbodemkenmerkengradatie"}
_GRADE_LIST = {"natural_component": "component_grade", "anthropogenic_admixture": "anthropogenic_grade"}


def describe(ctx: Context, layer: Element, where: Named, hole_code: str) -> dict[str, Any]:
    """The layer row's description fields (soil with its humus and gravel grade, colours, medians, oil-water
    reaction, smell, components, admixtures) and ``smell_words`` for a smell FieldApp's list lacks."""
    found: dict[str, Any] = {"components": [], "admixtures": []}
    medians: list[Code] = []
    pending: list[tuple[str, str, Element]] = []  # (FieldApp list, code, the Characteristic)
    grades: list[tuple[str | None, Code]] = []  # (the observation it grades, as the file links it; the grade)
    for obs in ctx.file.observations.get(layer.get(GML_ID, ""), []):
        if local(obs) != "Characteristic":
            ctx.report.skipped("layer_result_skipped", where)
            continue
        indicator = parse_urn(text(obs, "indicator"))
        key = indicator.id if indicator else None
        if key == _SMELL:
            _smell(ctx, text(obs, "result", "description"), found)
            continue
        result = parse_urn(text(obs, "result", "classifiedResult"))
        if result is None:
            ctx.report.skipped("characteristic_no_result", where, indicator=str(indicator))
        elif result.key in _MEDIANS:
            medians.append(result)
        elif result.key in _COMPONENTS:
            held = ctx.codes.resolve_in(result, _COMPONENTS[result.key], where, "component")
            if held:
                pending.append((held[0], held[1], obs))
        elif result.key in _GRADES:
            grades.append((href(obs, "relatedObservation", "ObservationContext", "relatedObservation"), result))
        elif key in _INDICATOR:
            found[_INDICATOR[key]] = ctx.codes.resolve(result, where, _INDICATOR[key].replace("_", " "))
        elif key not in _NOT_KEPT:
            ctx.report.skipped("characteristic_not_kept", where, indicator=str(indicator), list=result.list_name)
    for median in medians:
        # one SIKB table (BodemsoortMediaan) holds both medians: a gravel's is the gravel median
        order = ("gravel_median_class", "sand_median_class") if str(found.get("soil") or "").startswith("G") \
            else ("sand_median_class", "gravel_median_class")
        held = ctx.codes.resolve_in(median, order, where, "median")
        if held:
            found["sand_median" if held[0] == "sand_median_class" else "gravel_median"] = held[1]
    _components(ctx, pending, grades, found, where)
    return found


def _smell(ctx: Context, words: str | None, found: dict[str, Any]) -> None:
    if not words:
        return
    folded = words.strip().casefold()
    entry = next((e for e in ctx.codes.lists.entries("smell") if e.nl.casefold() == folded), None)
    if entry is not None:
        found["smell"] = entry.code
    else:
        found["smell_words"] = words.strip()


def _components(ctx: Context, pending: list[tuple[str, str, Element]], grades: list[tuple[str | None, Code]],
                found: dict[str, Any], where: Named) -> None:
    linked = {target: grade for target, grade in grades if target}
    for _, _, obs in pending:
        for on in ctx.file.observations.get(obs.get(GML_ID, ""), []):
            result = parse_urn(text(on, "result", "classifiedResult"))
            if result is not None and result.key in _GRADES:
                linked[obs.get(GML_ID, "")] = result
    pending_ids = {obs.get(GML_ID, "") for _, _, obs in pending}
    ordered = [grade for target, grade in grades if target not in pending_ids]
    for n, (list_name, code, obs) in enumerate(pending):
        kind = "components" if list_name == "natural_component" else "admixtures"
        grade_code = linked.get(obs.get(GML_ID, "")) or (ordered[n] if n < len(ordered) else None)
        held = ctx.codes.resolve_in(grade_code, (_GRADE_LIST[list_name],), where, "component grade") \
            if grade_code is not None else None
        if held is None:
            ctx.report.skipped("component_no_grade" if kind == "components" else "admixture_no_grade", where,
                               code=code)
        elif kind == "components":
            found[kind].append(layer_mod.Component(code, held[1]))
        else:
            found[kind].append(layer_mod.Admixture(code, held[1]))
