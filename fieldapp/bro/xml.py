"""The pieces every BHR-GT element is built from: namespaces, coded values, depths, dates, and the
fixed values of ``resources/bro/bhrgt.json``."""

from __future__ import annotations

import json
from datetime import date
from functools import cache
from typing import Any

from lxml import etree

from fieldapp.runtime import resource_path

NS = {
    None: "http://www.broservices.nl/xsd/isbhr-gt/2.1",
    "bhrgtcom": "http://www.broservices.nl/xsd/bhrgtcommon/2.1",
    "brocom": "http://www.broservices.nl/xsd/brocommon/3.0",
    "gml": "http://www.opengis.net/gml/3.2",
}
IS, COM, BRO, GML = (f"{{{NS[k]}}}" for k in (None, "bhrgtcom", "brocom", "gml"))
NIL = {"{http://www.w3.org/2001/XMLSchema-instance}nil": "true"}


@cache
def table() -> dict[str, Any]:
    """resources/bro/bhrgt.json: the fixed values with their reasons, and the NEN 5104 mappings."""
    loaded: dict[str, Any] = json.loads(resource_path("bro", "bhrgt.json").read_text(encoding="utf-8"))
    return loaded


def fixed(name: str) -> str:
    return str(table()["fixed"][name]["code"])


def element(parent: etree._Element, tag: str, text: str | None = None, **attrs: str) -> etree._Element:
    e = etree.SubElement(parent, tag, attrs)
    if text is not None:
        e.text = text
    return e


def code(parent: etree._Element, name: str, value: str, codelist: str) -> etree._Element:
    """``<bhrgtcom:NAME codeSpace="urn:bro:bhrgt:LIST">value</...>``."""
    return element(parent, COM + name, value, codeSpace=f"urn:bro:bhrgt:{codelist}")


def metres(parent: etree._Element, name: str, cm: int) -> None:
    element(parent, COM + name, f"{cm / 100:.2f}", uom="m")


def date_element(parent: etree._Element, tag: str, day: date) -> None:
    element(element(parent, tag), BRO + "date", day.isoformat())
