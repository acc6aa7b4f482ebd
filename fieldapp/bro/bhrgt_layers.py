"""The layer log of a BHR-GT request: NEN 5104 layers as BRO soil descriptions (IMBRO/A).

Each FieldApp layer becomes a ``bhrgtcom:layer`` with its NEN 5104 name
(``soilNameNEN5104``, from the ``bro`` field of the soil_admixture list),
its gravel and humus classes, the nearest NEN-EN-ISO 14688 name the schema
requires, the colour and the sand median. The mappings are data in
``resources/bro/bhrgt.json``; a layer that has no BRO name for its soil or
colour makes the whole borehole undeliverable (the caller reports it).
"""

from __future__ import annotations

import json
from datetime import date
from typing import TYPE_CHECKING

from fieldapp.bro import xml as w
from fieldapp.codelists import CodeLists
from fieldapp.domain.depth import format_m
from fieldapp.errors import SoilCodeError
from fieldapp.soil import parse_soil_code

if TYPE_CHECKING:
    from lxml import etree

    from fieldapp.export.data import Row


class LayerRefused(Exception):
    """A layer has no BRO description; the message names it."""


def description(parent: etree._Element, layers: list[Row], day: date, kvk: str, lists: CodeLists) -> None:
    rd = parent
    w.date_element(rd, w.COM + "descriptionReportDate", day)
    w.code(rd, "descriptionProcedure", w.fixed("descriptionProcedure"), "DescriptionProcedure")
    w.element(w.element(rd, w.COM + "descriptionOperator"), w.BRO + "chamberOfCommerceNumber", kvk)
    log = w.element(rd, w.COM + "descriptiveBoreholeLog")
    w.code(log, "descriptionQuality", w.fixed("descriptionQuality"), "DescriptionQuality")
    w.element(log, w.COM + "continuouslySampled", w.fixed("continuouslySampled"))
    w.code(log, "descriptionLocation", w.fixed("descriptionLocation"), "DescriptionLocation")
    w.code(log, "describedMaterial", w.fixed("describedMaterial"), "DescribedMaterial")
    w.code(log, "sampleMoistness", w.fixed("sampleMoistness"), "SampleMoistness")
    boundary = w.fixed("boundaryDetermination")
    for lay in layers:
        el = w.element(log, w.COM + "layer")
        w.metres(el, "upperBoundary", int(lay["upper_cm"]))
        w.code(el, "upperBoundaryDetermination", boundary, "BoundaryPositioningMethod")
        w.metres(el, "lowerBoundary", int(lay["lower_cm"]))
        w.code(el, "lowerBoundaryDetermination", boundary, "BoundaryPositioningMethod")
        w.element(el, w.COM + "anthropogenic", "ja" if json.loads(lay.get("admixtures") or "[]") else "nee")
        _soil(w.element(el, w.COM + "soil"), lay, lists)


def _where(lay: Row) -> str:
    return f"layer {format_m(int(lay['upper_cm']))}–{format_m(int(lay['lower_cm']))} m"


def _soil(soil: etree._Element, lay: Row, lists: CodeLists) -> None:
    text = str(lay.get("soil_code") or "")
    try:
        parsed = parse_soil_code(text, lists, legacy=True)
    except SoilCodeError:
        raise LayerRefused(f"{_where(lay)} has the soil code {text!r}, which is not NEN 5104") from None
    if not parsed.admixtures:
        raise LayerRefused(f"{_where(lay)} has the bare soil code {text!r}, which names no NEN 5104 soil")
    letter, grade = parsed.admixtures[0]
    main = f"{parsed.main_type}{letter}{grade if grade is not None else ''}"
    entry = lists.get("soil_admixture", main)
    table = w.table()
    w.code(soil, "geotechnicalSoilName", str(table["geotechnical_name"][main]), "GeotechnicalSoilName")
    w.code(soil, "soilNameNEN5104", str(entry.extra["bro"]), "SoilNameNEN5104")
    w.code(soil, "gravelContentClassNEN5104", _grade(lists, "gravel_grade", parsed.gravel, "nietGrindig"),
           "GravelContentClassNEN5104")
    w.code(soil, "organicMatterContentClassNEN5104", _grade(lists, "humus_grade", parsed.humus, "nietHumeus"),
           "OrganicMatterContentClassNEN5104")
    w.code(soil, "colour", _colour(lay), "Colour")
    sand = table["sand_median"].get(lay.get("sand_median") or "")
    if sand:
        w.code(soil, "sandMedianClass", str(sand), "SandMedianClass")


def _grade(lists: CodeLists, list_name: str, grade: int | None, none: str) -> str:
    if grade is None:
        return none
    prefix = "g" if list_name == "gravel_grade" else "h"
    return str(lists.get(list_name, f"{prefix}{grade}").extra["bro"])


def _colour(lay: Row) -> str:
    colours = w.table()["colour"]
    colour = lay.get("colour")
    if colour in colours["named"]:
        return str(colours["named"][colour])
    hue = colours["hue"].get(colour or "")
    if hue is None:
        if not colour:
            raise LayerRefused(f"{_where(lay)} has no colour, and the BRO asks for one")
        raise LayerRefused(f"{_where(lay)} has the colour {colour!r}, for which the BRO colour list has no name")
    shade = colours["shade"].get(lay.get("colour_shade") or "")
    return f"{shade}{hue}" if shade and hue in colours["shaded"] else str(hue)
