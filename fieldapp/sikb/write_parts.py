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
from fieldapp.sikb.write_xml import Out, attr, gml_id, number, text


def start(out: Out, element: str, ident: str) -> None:
    """``<imsikb0101:Borehole gml:id="_...">`` inside its ``featureMember``."""
    out.claim(ident)
    out.add(f'\n<imsikb0101:featureMember>\n<{element} gml:id="{attr(gml_id(ident))}">')


def end(out: Out, element: str) -> None:
    out.add(f"\n</{element}>\n</imsikb0101:featureMember>")
    out.feature_done()


def identification(out: Out, ident: str, prefix: str = "immetingen") -> None:
    """NEN3610ID with namespace SIKB and lokaalID = the row id (the gml:id without its ``_``)."""
    out.add(f"\n<{prefix}:identification>\n<immetingen:NEN3610ID>\n<immetingen:namespace>SIKB</immetingen:namespace>"
            f"\n<immetingen:lokaalID>{text(ident)}</immetingen:lokaalID>\n</immetingen:NEN3610ID>"
            f"\n</{prefix}:identification>")


def _amount(element: str, kind: str, cm: float | int, condition: int, m: Mapping) -> str:
    return (f'\n<{element}>\n<immetingen:{kind}>\n<immetingen:value uom="urn:immetingen:Eenheid:id:{m.unit("cm")}">'
            f"{number(cm)}</immetingen:value>\n<immetingen:condition>urn:immetingen:Hoedanigheid:id:{condition}"
            f"</immetingen:condition>\n</immetingen:{kind}>\n</{element}>")


def depth(out: Out, element: str, cm: float | int | None, m: Mapping, condition: str = "below_surface") -> None:
    """A depth in cm below the surface (or from ``condition``: tube_top, nap); nothing when unknown."""
    if cm is not None:
        out.add(_amount(element, "Depth", cm, m.raw["conditions"][condition], m))


def height(out: Out, element: str, cm: float | int | None, condition: str, m: Mapping) -> None:
    """A height in cm, relative to the surface or NAP (``condition`` below_surface / nap)."""
    if cm is not None:
        out.add(_amount(element, "Height", cm, m.raw["conditions"][condition], m))


def measure(out: Out, element: str, value: float | int | None, unit: str, m: Mapping) -> None:
    if value is None:
        return
    out.leaf(element, number(value), f' uom="{urn("Eenheid", m.unit(unit))}"')


def relation(out: Out, role: str, target: str, m: Mapping) -> None:
    """``sam:relatedSamplingFeature`` with the role (HeeftLaag, InBorehole, ...) to the row ``target``."""
    out.add(f'\n<sam:relatedSamplingFeature>\n<sam:SamplingFeatureComplex>\n<sam:role xlink:href="'
            f'urn:immetingen:RelatedSamplingFeatureRollen:id:{m.raw["relation_roles"][role]}"/>'
            f'\n<sam:relatedSamplingFeature xlink:href="#{gml_id(target)}"/>\n</sam:SamplingFeatureComplex>'
            f"\n</sam:relatedSamplingFeature>")


def code(out: Out, element: str, table: str, ident: int | None, *, model: str = "immetingen") -> None:
    if ident is None:
        return
    out.leaf(element, sikb_urn(table, ident) if model == "imsikb0101" else urn(table, ident))


def date_time(value: Any) -> str | None:
    """A stored moment as xs:dateTime in UTC (``2026-12-06T14:38:00Z``); a date alone is midnight. A value
    that is no moment is written as it is, so that the XSD names it rather than the export hiding it."""
    if value is None or value == "":
        return None
    text = str(value)
    if len(text) == 10 and text[4:5] == "-":
        return text + "T00:00:00"
    try:
        moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return text
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
    """The characteristic as its own feature member, observing ``feature`` (a row id). One string: a
    10,000-borehole export writes 350,000 of them."""
    out.claim(c.ident)
    body, tail = rendered(c, m)
    foi = f'\n<om:featureOfInterest xlink:href="#_{feature}"/>'
    out.add(f"{member_head(c.ident, c.extra_of, m)}{foi}{body}{c.ident}{tail}")
    out.feature_done()


def member_head(ident: str, extra_of: str, m: Mapping) -> str:
    """A characteristic's start, up to its featureOfInterest: its id and the one it describes further."""
    extra = ""
    if extra_of:
        extra = (f'\n<om:relatedObservation>\n<om:ObservationContext>\n<om:role xlink:href="'
                 f'urn:immetingen:RelatedObservationRollen:id:{m.one("related_observation_extra")}"/>'
                 f'\n<om:relatedObservation xlink:href="#_{extra_of}"/>\n</om:ObservationContext>'
                 f"\n</om:relatedObservation>")
    return f'\n<imsikb0101:featureMember>\n<immetingen:Characteristic gml:id="_{ident}">{extra}{_OBSERVATION}'


def rendered(c: Characteristic, m: Mapping) -> tuple[str, str]:
    """What a characteristic writes after its featureOfInterest that owes nothing to its ids: the text before its
    lokaalID and the text after it. Layers described alike share them (:mod:`fieldapp.sikb.write_boreholes`)."""
    if c.kind == "classified":
        result = (f'ClassifiedResultType">\n<immetingen:classifiedResult>{text(c.value)}'
                  f"</immetingen:classifiedResult>")
    elif c.kind == "measure":
        result = (f'MeasureResultType">\n<immetingen:numericValue uom="urn:immetingen:Eenheid:id:{m.unit(c.unit)}">'
                  f"{number(c.value)}</immetingen:numericValue>")
    else:
        result = f'DescriptionResultType">\n<immetingen:description>{text(c.value)}</immetingen:description>'
    remarks = f"\n<immetingen:remarks>{text(c.remarks)}</immetingen:remarks>" if c.remarks else ""
    return (f'\n<om:result xsi:type="immetingen:{result}'
            f"\n</om:result>\n<immetingen:identification>\n<immetingen:NEN3610ID>"
            f"\n<immetingen:namespace>SIKB</immetingen:namespace>\n<immetingen:lokaalID>",
            f"</immetingen:lokaalID>\n</immetingen:NEN3610ID>\n</immetingen:identification>"
            f"\n<immetingen:indicator>{c.indicator}</immetingen:indicator>{remarks}"
            f"\n</immetingen:Characteristic>\n</imsikb0101:featureMember>")


# what the profile requires of every observation and a characteristic leaves empty
_OBSERVATION = "\n<om:phenomenonTime/>\n<om:resultTime/>\n<om:procedure/>\n<om:observedProperty/>"


def observed(out: Out, chars: list[Characteristic]) -> None:
    """The feature's ``sam:relatedObservation`` references to its characteristics."""
    for c in chars:
        out.href("sam:relatedObservation", gml_id(c.ident))
