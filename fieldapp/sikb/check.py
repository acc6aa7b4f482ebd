"""The SIKB0101 export's findings, named by the FieldApp object: FieldApp's own checks, the XSD, SIKB's rules.

:func:`own_findings` checks the record for what SIKB's control rules do not
(a borehole's point inside the Netherlands) or only see on the file (names,
layer gaps and overlaps, codes SIKB withdrew, the application code of the
settings; a code BRO takes as IMBRO/A only is a warning); the rules are rows of ``resources/rules/sikb0101.json``.
:func:`document_findings` turns the XSD's and the control rules' findings on
the written file (:mod:`fieldapp.sikb.validate`) into the same
:class:`~fieldapp.rules.Finding` records, the gml:id replaced by the
borehole's or sample's code.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from fieldapp.codelists import CodeLists
from fieldapp.export.data import ProjectData, Row
from fieldapp.rules import Finding, RuleBook
from fieldapp.sikb.import_codes import withdrawn_upstream
from fieldapp.sikb.mapping import load as load_mapping
from fieldapp.sikb.validate import DocFinding
from fieldapp.sikb.write_boreholes import layer_characteristics
from fieldapp.sikb.write_pits import trenches
from fieldapp.sikb.write_project import Head
from fieldapp.sikb.write_samples import links, round_characteristics
from fieldapp.sikb.write_wells import well_finishings
from fieldapp.sikb.write_xml import gml_id, sub_id

Named = tuple[str, str, str]  # object kind, row id, code as the user sees it

# the project's coded fields and the form field each is entered in
_PROJECT_CODES = (("investigation_type", "investigation_type"), ("investigation_reason", "investigation_reason"),
                  ("investigation_phase", "investigation_phase"), ("investigation_strategy", "investigation_strategy"),
                  ("asbestos_presence", "asbestos_presence"))


def layer_code(hole_code: str, layer: Row) -> str:
    return f"{hole_code} {layer['upper_cm']}-{layer['lower_cm']} cm"


def own_findings(data: ProjectData, head: Head, lists: CodeLists, book: RuleBook) -> list[Finding]:
    return list(_own(data, head, lists, book))


def _own(data: ProjectData, head: Head, lists: CodeLists, book: RuleBook) -> Iterator[Finding]:
    p = data.project
    project: dict[str, Any] = {"object_kind": "project", "object_id": p["id"], "object_code": p["code"]}
    if not head.application_id:
        yield book.finding("sikb_application_code", **project)
    if not head.supplier_id:
        yield book.finding("sikb_supplier_code", **project)
    for column, list_name in _PROJECT_CODES:
        yield from _withdrawn(lists, list_name, p.get(column), column, project, book)
    x_min, x_max, y_min, y_max = book.value("sikb_point_in_netherlands")
    limit = int(book.value("sikb_name_length"))
    places: list[tuple[str, Row]] = [("borehole", h) for h in data.boreholes]
    places += [("inspection_pit", t) for t in trenches(data)]
    for kind, row in places:
        named = {"object_kind": kind, "object_id": row["id"], "object_code": row["code"]}
        x, y = row.get("x_rd"), row.get("y_rd")
        if x is None or y is None:
            if kind == "borehole":
                yield book.finding("sikb_point_missing", **named)
        elif not (x_min < float(x) < x_max and y_min < float(y) < y_max):
            yield book.finding("sikb_point_in_netherlands", x=round(float(x), 3), y=round(float(y), 3), **named)
        if len(row["code"]) > limit:
            yield book.finding("sikb_name_length", name=row["code"], length=len(row["code"]), field="code", **named)
    hits: dict[tuple[Any, ...], tuple[tuple[str, Any, str], ...]] = {}  # layers described alike share theirs
    for hole in data.boreholes:
        yield from _layers(data, hole, lists, book, hits)
    for well in data.wells:
        if len(well["_code"]) > limit:
            yield book.finding("sikb_name_length", object_kind="well", object_id=well["id"],
                               object_code=well["_code"], name=well["_code"], length=len(well["_code"]))
    for sample in data.samples:
        kind = "analysis_sample" if sample.get("kind") == "analysis_sample" else "sample"
        named = {"object_kind": kind, "object_id": sample["id"], "object_code": sample["code"]}
        if len(sample["code"]) > limit:
            yield book.finding("sikb_name_length", name=sample["code"], length=len(sample["code"]), field="code",
                               **named)
        yield from _withdrawn(lists, "sample_kind", sample.get("kind"), "kind", named, book)


# a layer's coded columns and their lists; then its components and admixtures, each a JSON list of codes
_LAYER_CODES = (("colour", "colour"), ("secondary_colour", "colour"), ("colour_shade", "colour_shade"),
                ("sand_median", "sand_median_class"), ("gravel_median", "gravel_median_class"),
                ("oil_water", "oil_water_reaction"))
_LAYER_ITEMS = (("components", "natural_component"), ("admixtures", "anthropogenic_admixture"))
_LAYER_KEY = tuple(c for c, _ in _LAYER_CODES + _LAYER_ITEMS)


def _layers(data: ProjectData, hole: Row, lists: CodeLists, book: RuleBook,
            hits: dict[tuple[Any, ...], tuple[tuple[str, Any, str], ...]]) -> Iterator[Finding]:
    # the export writes a process only as the host of its layers (write_boreholes): say which it leaves out
    hosting = {layer.get("_boring_process_id") for layer in data.layers.get(hole["id"], ())}
    for process in data.processes.get(hole["id"], ()):
        if process["id"] not in hosting:
            upper, lower = process["upper_cm"], process["_lower_cm"]
            yield book.finding("sikb_process_without_layer", object_kind="boring_process", object_id=process["id"],
                               object_code=f"{hole['code']} {upper}-{'?' if lower is None else lower} cm",
                               upper=upper, lower="?" if lower is None else lower)
    previous: int | None = None
    for layer in data.layers.get(hole["id"], ()):
        upper, lower = layer["upper_cm"], layer["lower_cm"]
        gap = previous is not None and upper != previous
        key = tuple(layer.get(c) for c in _LAYER_KEY)
        found = hits.get(key)
        if found is None:
            found = hits[key] = tuple(_code_hits(lists, layer))
        if gap or found:  # named only when there is something to say: 55,000 layers mostly have nothing
            named = {"object_kind": "layer", "object_id": layer["id"], "object_code": layer_code(hole["code"], layer)}
            if previous is not None and upper < previous:
                yield book.finding("sikb_layer_overlap", upper=upper, lower=lower, previous=previous, **named)
            elif previous is not None and upper > previous:
                yield book.finding("sikb_layer_gap", upper=upper, lower=lower, previous=previous, **named)
            for rule, code, column in found:
                yield book.finding(rule, code=code, what=column, field=column, **named)
        previous = lower if previous is None else max(previous, lower)


def _code_hits(lists: CodeLists, layer: Row) -> Iterator[tuple[str, Any, str]]:
    """(rule, code, column) of each code of the layer that SIKB withdrew or BRO takes as IMBRO/A only."""
    for column, list_name in _LAYER_CODES:
        rule = _code_rule(lists, list_name, layer.get(column))
        if rule is not None:
            yield rule, layer.get(column), column
    for column, list_name in _LAYER_ITEMS:
        for item in json.loads(layer.get(column) or "[]"):
            rule = _code_rule(lists, list_name, item.get("code"))
            if rule is not None:
                yield rule, item.get("code"), column


def _withdrawn(lists: CodeLists, list_name: str, code: Any, field: str, named: dict[str, Any],
               book: RuleBook) -> Iterator[Finding]:
    rule = _code_rule(lists, list_name, code)
    if rule is not None:
        yield book.finding(rule, code=code, what=field, field=field, **named)


def _code_rule(lists: CodeLists, list_name: str, code: Any) -> str | None:
    if not code or not lists.has(list_name, str(code)):
        return None
    entry = lists.get(list_name, str(code))
    if withdrawn_upstream(entry):
        return "sikb_withdrawn_code"
    if entry.withdrawn:
        # FieldApp offers it for no new record, but SIKB has not withdrawn it and SAD's IMBRO/A regime takes it:
        # an investigation from before the registration duty goes out with it
        return "sikb_imbro_a_only_code"
    return None


def object_index(data: ProjectData, lists: CodeLists) -> dict[str, Named]:
    """gml:id -> the FieldApp object it belongs to, for every id the export writes."""
    m = load_mapping(lists)
    p = data.project
    index: dict[str, Named] = {}

    def add(ident: str, named: Named) -> None:
        index[gml_id(ident)] = named

    project: Named = ("project", p["id"], p["code"])
    for ident in (p["id"], sub_id(p["id"], "contour"), sub_id(p["id"], "contour/polygon"),
                  sub_id(p["id"], "contractor"), sub_id(p["id"], "collection")):
        add(ident, project)
    for hole in data.boreholes:
        named: Named = ("borehole", hole["id"], hole["code"])
        for ident in (hole["id"], sub_id(hole["id"], "point"), sub_id(hole["id"], "backfill")):
            add(ident, named)
        for process in data.processes.get(hole["id"], ()):
            add(process["id"], ("boring_process", process["id"], hole["code"]))
        for layer in data.layers.get(hole["id"], ()):
            layer_named: Named = ("layer", layer["id"], layer_code(hole["code"], layer))
            add(layer["id"], layer_named)
            for c in layer_characteristics(data, layer, m):
                add(c.ident, layer_named)
    for well in data.wells:
        well_named: Named = ("well", well["id"], well["_code"])
        add(well["id"], well_named)
        for ident, *_ in well_finishings(well, m):
            add(ident, well_named)
    for pit in trenches(data):
        for ident in (pit["id"], sub_id(pit["id"], "point")):
            add(ident, ("inspection_pit", pit["id"], pit["code"]))
    ln = links(data)
    for sample in data.samples:
        kind = "analysis_sample" if sample.get("kind") == "analysis_sample" else "sample"
        sample_named: Named = (kind, sample["id"], sample["code"])
        for ident in (sample["id"], sub_id(sample["id"], "sampling_time")):
            add(ident, sample_named)
        for c in round_characteristics(sample, ln, m):
            add(c.ident, sample_named)
    return index


def document_findings(found: list[DocFinding], index: dict[str, Named], project: Row,
                      book: RuleBook) -> list[Finding]:
    """The XSD's and the control rules' findings as FieldApp findings on the objects they name."""
    out = []
    fallback: Named = ("project", project["id"], project["code"])
    for f in found:
        kind, row_id, code = index.get(f.object_id, fallback)
        message = f.message.replace(f.object_id, code) if f.object_id else f.message
        if f.rule in ("xsd", "xml"):
            rule = book["sikb_schema"]
            nl, en = rule.text("nl", message=message), rule.text("en", message=f.message_en())
            rule_id = "sikb_schema"
        else:
            rule = book["sikb_control_rule"]
            nl, en = rule.text("nl", message=message), rule.text("en", message=message)
            rule_id = f"sikb_control_rule:{f.rule}"
        out.append(Finding(object_kind=kind, object_id=row_id, object_code=code, rule_id=rule_id,
                           severity=f.severity, message_nl=nl, message_en=en, source=f.source or rule.citation))
    return out
