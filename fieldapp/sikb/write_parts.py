"""The pieces every SIKB0101 feature is made of: identification, depths, relations, characteristics.

Shapes and element order follow the BRO-SAD profile XSD and SIKB's own
examples (``resources/sikb/xsd``): depths in cm below the surface
(Eenheid 19, Hoedanigheid 11), relations as ``sam:relatedSamplingFeature``
with a role code, a characteristic (``immetingen:Characteristic``) as an
observation of its feature with an indicator code.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from fieldapp.sikb.mapping import Mapping
from fieldapp.sikb.names import sikb_urn, urn
from fieldapp.sikb.write_xml import Out, attr, gml_id, number


def start(out: Out, element: str, ident: str) -> None:
    """``<imsikb0101:Borehole gml:id="_...">`` inside its ``featureMember``."""
    out.open("imsikb0101:featureMember")
    out.open(element, f' gml:id="{attr(gml_id(ident))}"')


def end(out: Out, element: str) -> None:
    out.close(element)
    out.close("imsikb0101:featureMember")


def identification(out: Out, ident: str, prefix: str = "immetingen") -> None:
    """NEN3610ID with namespace SIKB and lokaalID = the row id (the gml:id without its ``_``)."""
    out.open(f"{prefix}:identification")
    out.open("immetingen:NEN3610ID")
    out.leaf("immetingen:namespace", "SIKB")
    out.leaf("immetingen:lokaalID", ident)
    out.close("immetingen:NEN3610ID")
    out.close(f"{prefix}:identification")


def depth(out: Out, element: str, cm: float | int | None, m: Mapping) -> None:
    """A depth in cm below the surface; nothing when unknown."""
    if cm is None:
        return
    out.open(element)
    out.open("immetingen:Depth")
    out.leaf("immetingen:value", number(cm), f' uom="{urn("Eenheid", m.unit("cm"))}"')
    out.leaf("immetingen:condition", urn("Hoedanigheid", m.raw["conditions"]["below_surface"]))
    out.close("immetingen:Depth")
    out.close(element)


def height(out: Out, element: str, cm: float | int | None, condition: str, m: Mapping) -> None:
    """A height in cm, relative to the surface or NAP (``condition`` below_surface / nap)."""
    if cm is None:
        return
    out.open(element)
    out.open("immetingen:Height")
    out.leaf("immetingen:value", number(cm), f' uom="{urn("Eenheid", m.unit("cm"))}"')
    out.leaf("immetingen:condition", urn("Hoedanigheid", m.raw["conditions"][condition]))
    out.close("immetingen:Height")
    out.close(element)


def measure(out: Out, element: str, value: float | int | None, unit: str, m: Mapping) -> None:
    if value is None:
        return
    out.leaf(element, number(value), f' uom="{urn("Eenheid", m.unit(unit))}"')


def relation(out: Out, role: str, target: str, m: Mapping) -> None:
    """``sam:relatedSamplingFeature`` with the role (HeeftLaag, InBorehole, ...) to the row ``target``."""
    out.open("sam:relatedSamplingFeature")
    out.open("sam:SamplingFeatureComplex")
    out.code_href("sam:role", urn("RelatedSamplingFeatureRollen", m.raw["relation_roles"][role]))
    out.href("sam:relatedSamplingFeature", gml_id(target))
    out.close("sam:SamplingFeatureComplex")
    out.close("sam:relatedSamplingFeature")


def code(out: Out, element: str, table: str, ident: int | None, *, model: str = "immetingen") -> None:
    if ident is None:
        return
    out.leaf(element, sikb_urn(table, ident) if model == "imsikb0101" else urn(table, ident))


def date_time(value: Any) -> str | None:
    """A stored moment as xs:dateTime in UTC (``2026-12-06T14:38:00Z``); a date alone is midnight."""
    if value is None or value == "":
        return None
    text = str(value)
    if len(text) == 10:
        return text + "T00:00:00"
    moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    if moment.tzinfo is None:
        return moment.isoformat(timespec="seconds")
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


class Characteristic:
    """One ``immetingen:Characteristic`` of a feature: its id, indicator and result."""

    __slots__ = ("extra_of", "ident", "indicator", "kind", "remarks", "unit", "value")

    def __init__(self, ident: str, indicator: str, kind: str, value: Any, *, unit: str = "",
                 remarks: str = "", extra_of: str = "") -> None:
        self.ident = ident  # the characteristic's own id (a sub_id of its feature)
        self.indicator = indicator  # the indicator's URN (KenmerkBodemlaag, KenmerkMonstername, parameter)
        self.kind = kind  # "classified" (value is a URN), "measure" (a number in unit), "description" (text)
        self.value = value
        self.unit = unit
        self.remarks = remarks
        self.extra_of = extra_of  # the id of the characteristic this one describes further (a grade)


def characteristic(out: Out, feature: str, c: Characteristic, m: Mapping) -> None:
    """The characteristic as its own feature member, observing ``feature`` (a row id)."""
    start(out, "immetingen:Characteristic", c.ident)
    if c.extra_of:
        out.open("om:relatedObservation")
        out.open("om:ObservationContext")
        out.code_href("om:role", urn("RelatedObservationRollen", m.one("related_observation_extra")))
        out.href("om:relatedObservation", gml_id(c.extra_of))
        out.close("om:ObservationContext")
        out.close("om:relatedObservation")
    for name in ("om:phenomenonTime", "om:resultTime", "om:procedure", "om:observedProperty"):
        out.empty(name)
    out.href("om:featureOfInterest", gml_id(feature))
    if c.kind == "classified":
        out.open("om:result", ' xsi:type="immetingen:ClassifiedResultType"')
        out.leaf("immetingen:classifiedResult", c.value)
    elif c.kind == "measure":
        out.open("om:result", ' xsi:type="immetingen:MeasureResultType"')
        out.leaf("immetingen:numericValue", number(c.value), f' uom="{urn("Eenheid", m.unit(c.unit))}"')
    else:
        out.open("om:result", ' xsi:type="immetingen:DescriptionResultType"')
        out.leaf("immetingen:description", c.value)
    out.close("om:result")
    identification(out, c.ident)
    out.leaf("immetingen:indicator", c.indicator)
    out.leaf("immetingen:remarks", c.remarks)
    end(out, "immetingen:Characteristic")


def observed(out: Out, chars: list[Characteristic]) -> None:
    """The feature's ``sam:relatedObservation`` references to its characteristics."""
    for c in chars:
        out.href("sam:relatedObservation", gml_id(c.ident))
