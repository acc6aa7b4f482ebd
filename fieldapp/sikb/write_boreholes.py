"""Boreholes (and wells' boreholes), their layers with the soil description, boring processes and backfill.

A borehole is an ``imsikb0101:Borehole`` with a ``gml:Point`` in RD and,
as its hosted procedure, the ``immetingen:GeoReferenceProcess`` of the way its
position was measured (GPS, DGPS or RTK, from the averaged GNSS fix). A layer
is an ``imsikb0101:Layer`` hosted by the boring process it was drilled with,
its NEN 5104 description as characteristics (KenmerkBodemlaag).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from fieldapp.errors import SoilCodeError
from fieldapp.export.data import ProjectData, Row
from fieldapp.export.sikb_ids import description_nl, soil_sikb_id
from fieldapp.sikb.mapping import Mapping
from fieldapp.sikb.names import POSITION_FROM_FILE, SRS_RD, urn
from fieldapp.sikb.write_parts import (
    Characteristic,
    code,
    date_time,
    depth,
    end,
    height,
    identification,
    measure,
    member_head,
    relation,
    rendered,
    start,
)
from fieldapp.sikb.write_xml import Out, gml_id, number, sub_id
from fieldapp.soil import parse_soil_code


def positioning_device(hole: Row, m: Mapping) -> int | None:
    """The Meetapparaat (Plaatsbepalingsapparaat) id of how the position was measured, or None."""
    devices = m.table("positioning_device")
    found = devices.get(str(hole.get("fix_type") or ""))
    source = str(hole.get("sigma_source") or "")
    if found is None and source.startswith(POSITION_FROM_FILE) and source[len(POSITION_FROM_FILE):].isdigit():
        return int(source[len(POSITION_FROM_FILE):])  # an imported position: the method its file gave
    if found is None:
        klass = str(hole.get("position_class") or "")
        for prefix in ("RTKGPS", "DGPS", "GPS", "tachymetrie"):
            if klass.startswith(prefix):
                return int(devices[prefix])
        return None
    return int(found)


def georef_id(project_id: str, device: int) -> str:
    return sub_id(project_id, f"georeference/{device}")


def write_georeferences(out: Out, data: ProjectData, m: Mapping) -> None:
    """One GeoReferenceProcess per way of measuring used in the project."""
    for device in sorted({d for b in data.boreholes if (d := positioning_device(b, m)) is not None}):
        ident = georef_id(data.project["id"], device)
        start(out, "immetingen:GeoReferenceProcess", ident)
        out.leaf("immetingen:geoMeasureMethod", urn("Meetapparaat", device))
        identification(out, ident)
        end(out, "immetingen:GeoReferenceProcess")


def point(out: Out, owner: str, x: Any, y: Any) -> None:
    if x is None or y is None:
        return
    out.open("immetingen:geometry")
    out.open("gml:Point", f' gml:id="{gml_id(sub_id(owner, "point"))}" srsName="{SRS_RD}"')
    out.leaf("gml:pos", f"{number(round(float(x), 3))} {number(round(float(y), 3))}", ' srsDimension="2"')
    out.close("gml:Point")
    out.close("immetingen:geometry")


def write_borehole(out: Out, data: ProjectData, hole: Row, related: dict[str, list[tuple[str, str]]],
                   m: Mapping) -> None:
    """The borehole with its relations (``related``: borehole id -> (role, row id) of its layers, filters,
    finishings and samples), then its boring processes, layers and backfill."""
    hid = hole["id"]
    start(out, "imsikb0101:Borehole", hid)
    out.empty("sam:sampledFeature")
    for role, target in related.get(hid, ()):
        relation(out, role, target, m)
    device = positioning_device(hole, m)
    if device is not None:
        out.href("sams:hostedProcedure", gml_id(georef_id(data.project["id"], device)))
    out.empty("sams:shape")
    out.leaf("immetingen:name", hole["code"])
    identification(out, hid)
    out.leaf("immetingen:remarks", hole.get("remarks"))
    out.leaf("immetingen:measurementObjectType",
             urn("MeetObjectSoort", m.raw["measurement_object"].get(hole.get("kind"), 1)))
    point(out, hid, hole.get("x_rd"), hole.get("y_rd"))
    out.leaf("immetingen:startTime", date_time(hole.get("started_at")))
    out.leaf("immetingen:endTime", date_time(hole.get("ended_at")))
    out.href("imsikb0101:usedInProject", gml_id(data.project["id"]))
    depth(out, "imsikb0101:depth", hole.get("final_depth_cm"), m)
    height(out, "imsikb0101:groundLevel", hole.get("ground_level_nap_cm"), "nap", m)
    end(out, "imsikb0101:Borehole")
    # SIKB0101 gives a boring process no depths: its layers place it, so one no layer lies in cannot be placed
    hosting = {layer.get("_boring_process_id") for layer in data.layers.get(hid, ())}
    for process in data.processes.get(hid, ()):
        if process["id"] in hosting:
            _bore_process(out, process, m)
    for layer in data.layers.get(hid, ()):
        _layer(out, data, layer, m)
    backfill = backfill_id(hole, m)
    if backfill is not None:
        finishing(out, backfill, hid, str(hole.get("backfill")), 0, hole.get("final_depth_cm"), m)


def backfill_id(hole: Row, m: Mapping) -> str | None:
    """The id of a borehole's backfill finishing, or None (a well's borehole is finished by the well)."""
    if hole.get("kind") == "peilbuis" or str(hole.get("backfill") or "") not in m.raw["finishing_material"]:
        return None
    return sub_id(hole["id"], "backfill")


def finishing(out: Out, ident: str, hole_id: str, what: str, upper: Any, lower: Any, m: Mapping) -> None:
    """An ``imsikb0101:Finishing`` (fill, seal or finish) of a borehole or well, by its mapping key."""
    kind, table, material = m.raw["finishing_material"][what]
    start(out, "imsikb0101:Finishing", ident)
    out.empty("sam:sampledFeature")
    relation(out, "HoortBijMeetObject", hole_id, m)
    out.empty("sams:shape")
    depth(out, "imsikb0101:upperDepth", upper, m)
    depth(out, "imsikb0101:lowerDepth", lower, m)
    identification(out, ident, "imsikb0101")
    code(out, "imsikb0101:finishingMaterial", table, material, model="imsikb0101")
    code(out, "imsikb0101:finishingType", "AfwerkingType", m.raw["finishing_type"][kind], model="imsikb0101")
    end(out, "imsikb0101:Finishing")


def _bore_process(out: Out, process: Row, m: Mapping) -> None:
    start(out, "imsikb0101:BoreProcess", process["id"])
    code(out, "imsikb0101:drillType", "BemonsteringsApparaat", process.get("_apparatus_sikb0101_id"))
    identification(out, process["id"], "imsikb0101")
    measure(out, "imsikb0101:drillDiameter", process.get("diameter_mm"), "mm", m)
    end(out, "imsikb0101:BoreProcess")


def _layer(out: Out, data: ProjectData, layer: Row, m: Mapping) -> None:
    lid = layer["id"]
    written = _described(data, layer, m).written
    idents = {role: sub_id(lid, role) for role, *_ in written}
    start(out, "imsikb0101:Layer", lid)
    out.empty("sam:sampledFeature")
    for ident in idents.values():
        out.href("sam:relatedObservation", gml_id(ident))
    relation(out, "HoortBijMeetObject", layer["borehole_id"], m)
    if layer.get("_boring_process_id"):
        out.href("sams:hostedProcedure", gml_id(layer["_boring_process_id"]))
    out.empty("sams:shape")
    depth(out, "imsikb0101:upperDepth", layer["upper_cm"], m)
    depth(out, "imsikb0101:lowerDepth", layer["lower_cm"], m)
    identification(out, lid, "imsikb0101")
    out.leaf("imsikb0101:remark", layer.get("remarks"))
    out.leaf("imsikb0101:description", _words(layer, m))
    out.leaf("imsikb0101:layerType", urn("BodemlaagType", m.one("layer_type_in_situ")))
    end(out, "imsikb0101:Layer")
    # the characteristics from the text layers alike share: only their ids and the layer's are this layer's own
    foi = f'\n<om:featureOfInterest xlink:href="#_{lid}"/>'
    for role, extra, body, tail in written:
        ident = idents[role]
        out.claim(ident)
        out.add(f"{member_head(ident, idents[extra] if extra else '', m)}{foi}{body}{ident}{tail}")
        out.feature_done()


# the columns a layer's Dutch description is made of (fieldapp.domain.layer_words.describe, without remarks)
_DESCRIBED = ("soil_code", "sand_median", "gravel_median", "components", "admixtures", "colour", "secondary_colour",
              "colour_shade", "smell", "oil_water")


def _words(layer: Row, m: Mapping) -> str:
    """The layer in Dutch; layers described alike share the words (a project repeats a few dozen)."""
    key = ("words", *(layer.get(c) for c in _DESCRIBED))
    if key not in m.memo:
        m.memo[key] = description_nl(layer)
    return str(m.memo[key])


def _items(raw: str | None, m: Mapping) -> list[dict[str, Any]]:
    key = ("items", raw)
    if key not in m.memo:
        m.memo[key] = json.loads(raw or "[]")
    return list(m.memo[key])


def _grades(soil: str | None, m: Mapping) -> tuple[str | None, str | None]:
    """The humus and gravel grade codes (``h2``, ``g1``) of a soil code: SIKB0101 writes them apart from the soil."""
    key = ("grades", soil)
    if key not in m.memo:
        try:
            parsed = parse_soil_code(soil or "", m.lists, legacy=True)
        except SoilCodeError:  # the soil itself goes as it can (soil_sikb_id); no grade is guessed
            m.memo[key] = (None, None)
        else:
            m.memo[key] = (f"h{parsed.humus}" if parsed.humus else None, f"g{parsed.gravel}" if parsed.gravel else None)
    found: tuple[str | None, str | None] = m.memo[key]
    return found


# the columns a layer's characteristics are made of, besides its id: layers alike share them (_described)
_CHARACTERISED = ("soil_code", "colour", "secondary_colour", "colour_shade", "sand_median", "gravel_median",
                  "oil_water", "smell", "components", "admixtures")


class _Described:
    """A layer's characteristics without their ids: each as its role (the ``sub_id`` of the layer it takes) and
    the role of the one it grades, with the text it writes; a project repeats a few dozen descriptions."""

    __slots__ = ("roles", "written")

    def __init__(self, data: ProjectData, layer: Row, m: Mapping) -> None:
        self.roles = tuple(_characteristics(data, layer, m))
        self.written = tuple((role, extra, *rendered(c, m)) for role, extra, c in self.roles)


def _described(data: ProjectData, layer: Row, m: Mapping) -> _Described:
    key = ("characterised", *(layer.get(c) for c in _CHARACTERISED))
    found = m.memo.get(key)
    if found is None:
        found = m.memo[key] = _Described(data, layer, m)
    assert isinstance(found, _Described)
    return found


def layer_characteristics(data: ProjectData, layer: Row, m: Mapping) -> Iterator[Characteristic]:
    """The NEN 5104 description of a layer, one characteristic per coded value it has."""
    lid = layer["id"]
    for role, extra, c in _described(data, layer, m).roles:
        yield Characteristic(sub_id(lid, role), c.indicator, c.kind, c.value, unit=c.unit, remarks=c.remarks,
                             extra_of=sub_id(lid, extra) if extra else "")


def _characteristics(data: ProjectData, layer: Row, m: Mapping) -> Iterator[tuple[str, str, Characteristic]]:
    """(role, role of the characteristic it grades or "", the characteristic without ids) of a layer."""
    ind = m.raw["layer_indicator"]

    def classified(role: str, key: str, table: str, ident: int | None,
                   remarks: str = "") -> Iterator[tuple[str, str, Characteristic]]:
        if ident is not None:
            yield role, "", Characteristic("", urn("KenmerkBodemlaag", ind[key]), "classified", urn(table, ident),
                                           remarks=remarks)

    soil = layer.get("soil_code")
    yield from classified("soil", "soil", "Bodemsoort", soil_sikb_id(layer), data.soil_words.get(soil or "", ""))
    humus, gravel = _grades(soil, m)
    yield from classified("humus", "humus_grade", "OrganischeStofGehalte", m.list_id("humus_grade", humus))
    yield from classified("gravel", "gravel_grade", "GrindGehalte", m.list_id("gravel_grade", gravel))
    yield from classified("colour", "colour", "Kleur", m.list_id("colour", layer.get("colour")))
    yield from classified("secondary_colour", "secondary_colour", "Kleur",
                          m.list_id("colour", layer.get("secondary_colour")))
    yield from classified("colour_shade", "colour_shade", "Kleursterkte",
                          m.list_id("colour_shade", layer.get("colour_shade")))
    yield from classified("sand_median", "median", "BodemsoortMediaan",
                          m.list_id("sand_median_class", layer.get("sand_median")))
    yield from classified("gravel_median", "median", "BodemsoortMediaan",
                          m.list_id("gravel_median_class", layer.get("gravel_median")))
    yield from classified("oil_water", "oil_water", "OliewaterReactieMate",
                          m.list_id("oil_water_reaction", layer.get("oil_water")))
    smell = layer.get("smell")
    if smell:  # 'geen' too: a sampler who smelt nothing said so
        yield "smell", "", Characteristic("", urn("KenmerkBodemlaag", ind["smell"]), "description",
                                          m.label("smell", smell))
    for column, kinds, grades in (("components", "natural_component", "component_grade"),
                                  ("admixtures", "anthropogenic_admixture", "anthropogenic_grade")):
        for i, item in enumerate(_items(layer.get(column), m)):
            kind = m.list_id(kinds, item.get("code"))
            if kind is None:
                continue
            main = f"{column}/{i}"
            yield main, "", Characteristic("", urn("KenmerkBodemlaag", ind["component"]), "classified",
                                           urn("BodemlaagBijzonderheden", kind),
                                           remarks=m.label(kinds, item.get("code")))
            grade = m.list_id(grades, item.get("grade"))
            if grade is not None:
                yield f"{column}/{i}/grade", main, Characteristic(
                    "", urn("KenmerkBodemlaag", ind["component_grade"]), "classified",
                    urn("BodemlaagBijzonderhedenGradatie", grade), remarks=m.label(grades, item.get("grade")))
