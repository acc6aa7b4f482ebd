"""BRO BHR-GT 2.1 registration requests: one per borehole, IMBRO/A, valid against isbhr-gt-messages.xsd.

Each request is a ``BHR_GT_CompleteReport_V1``: the delivered location (RD
New, the positioning method from the GNSS evidence), the vertical position
(the surface level in NAP with its method), the boring (procedure, bored
intervals from the boring processes, final depth, stop criterion, backfill)
and the layer log as NEN 5104 soil names. NEN 5104 names exist in IMBRO/A
only, so every request is IMBRO/A; the reason and every fixed value are data
(``resources/bro/bhrgt.json``). A borehole that cannot be described (no RD
position, no layers, a colour the BRO has no name for) is returned as
:class:`Undeliverable` with its code and the reason, never left out silently.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from zoneinfo import ZoneInfo

from lxml import etree

from fieldapp.bro import bhrgt_layers
from fieldapp.bro.xml import BRO, COM, GML, IS, NIL, NS, code, date_element, element, fixed, metres, table
from fieldapp.bro.xsd import bhrgt_schema, findings
from fieldapp.codelists import CodeLists
from fieldapp.domain.borehole_closing import bro_vertical_method
from fieldapp.errors import ExportError
from fieldapp.export.data import ProjectData, Row
from fieldapp.positions.accuracy import bro_class
from fieldapp.positions.model import FixType

_NL = ZoneInfo("Europe/Amsterdam")  # a field day's date is the Dutch calendar date
RD_SRS = "urn:ogc:def:crs:EPSG::28992"


@dataclass(frozen=True)
class Request:
    borehole_code: str
    xml: bytes


@dataclass(frozen=True)
class Undeliverable:
    borehole_code: str
    reason: str


class _Refused(Exception):
    """This borehole cannot be described; the message is the reason."""


@dataclass(frozen=True)
class Party:
    """Who delivers (KvK number) and in which context; the request reference names the delivery."""

    kvk: str
    delivery_context: str = ""
    report_date: date | None = None


def requests(data: ProjectData, party: Party, lists: CodeLists) -> tuple[list[Request], list[Undeliverable]]:
    """One valid request per describable borehole of ``data``, and the boreholes that are not."""
    done: list[Request] = []
    refused: list[Undeliverable] = []
    for hole in data.boreholes:
        try:
            root = _request(data, hole, party, lists)
        except (_Refused, bhrgt_layers.LayerRefused) as exc:
            refused.append(Undeliverable(hole["code"], str(exc)))
            continue
        errors = findings(bhrgt_schema(), root)
        if errors:  # a bug of this writer, not of the user's data: say so rather than deliver it
            raise ExportError(f"The BHR-GT request for borehole {hole['code']} is not valid against "
                              f"isbhr-gt-messages.xsd: {errors[0]}",
                              hint="Nothing was written. Report this to FieldApp's maintainers.")
        done.append(Request(hole["code"], etree.tostring(root, xml_declaration=True, encoding="UTF-8",
                                                         pretty_print=True)))
    return done, refused


def local_day(moment: str | None) -> date | None:
    if not moment:
        return None
    stamp = datetime.fromisoformat(moment)
    return (stamp.astimezone(_NL) if stamp.tzinfo else stamp).date()


def _request(data: ProjectData, hole: Row, party: Party, lists: CodeLists) -> etree._Element:
    code_ = hole["code"]
    if hole.get("x_rd") is None or hole.get("y_rd") is None:
        raise _Refused("it has no measured position in RD New (measure it, or it lies outside the "
                       "RDNAPTRANS2018 grids)")
    layers = data.layers.get(hole["id"], [])
    if not layers:
        raise _Refused("it has no layers")
    started = local_day(hole.get("started_at"))
    if started is None:
        raise _Refused("it has no start date")
    if hole.get("final_depth_cm") is None or not hole.get("stop_criterion"):
        raise _Refused("it has no final depth with its stop criterion")
    processes = data.processes.get(hole["id"], [])
    if not processes and hole.get("technique"):  # logged before boring processes existed: one, all the way
        processes = [{"upper_cm": 0, "lower_cm": None, "technique": hole["technique"],
                      "diameter_mm": hole.get("diameter_mm")}]
    if not processes:
        raise _Refused("it has no boring technique")

    root = etree.Element(IS + "registrationRequest", nsmap=NS)  # type: ignore[arg-type]  # None: default ns
    element(root, BRO + "requestReference", f"{data.project['code']} {code_}")
    element(root, BRO + "deliveryAccountableParty", party.kvk)
    element(root, BRO + "qualityRegime", str(table()["quality_regime"]["code"]))
    report = element(element(root, IS + "sourceDocument"), IS + "BHR_GT_CompleteReport_V1",
                 **{GML + "id": "id_0001"})
    described = local_day(hole.get("closed_at")) or started
    bhrgt_layers.description(element(report, IS + "boreholeSampleDescription"), layers, described, party.kvk,
                             lists)
    element(report, IS + "objectIdAccountableParty", f"{data.project['code']} {code_}")
    element(report, IS + "deliveryContext", party.delivery_context or fixed("deliveryContext"),
        codeSpace="urn:bro:bhrgt:DeliveryContext")
    for name, codelist in (("surveyPurpose", "SurveyPurpose"), ("discipline", "Discipline"),
                           ("surveyProcedure", "SurveyProcedure")):
        element(report, IS + name, fixed(name), codeSpace=f"urn:bro:bhrgt:{codelist}")
    element(element(report, IS + "researchOperator"), BRO + "chamberOfCommerceNumber", party.kvk)
    element(report, IS + "siteCharacteristicDetermined", "nee")
    _location(element(report, IS + "deliveredLocation"), hole, started)
    _vertical(element(report, IS + "deliveredVerticalPosition"), hole, started, lists)
    _boring(element(report, IS + "boring"), hole, processes, started, described)
    date_element(report, IS + "researchReportDate", party.report_date or date.today())
    return root


def _location(loc: etree._Element, hole: Row, day: date) -> None:
    point = element(element(loc, COM + "location"), GML + "Point", srsName=RD_SRS, **{GML + "id": "id_0002"})
    element(point, GML + "pos", f"{hole['x_rd']:.3f} {hole['y_rd']:.3f}")
    date_element(loc, COM + "horizontalPositioningDate", day)
    code(loc, "horizontalPositioningMethod", horizontal_method(hole), "HorizontalPositioningMethod")


def horizontal_method(hole: Row) -> str:
    """The BRO class of the GNSS evidence: the one stored with the position, else from its fix type and
    error estimate (fieldapp.positions.accuracy), else 'GPS, accuracy unknown'."""
    if hole.get("position_class"):
        return str(hole["position_class"])
    try:
        fix = FixType(str(hole.get("fix_type") or "").replace("_", "-"))
    except ValueError:
        return fixed("horizontalMethodUnknown")
    return bro_class(fix, hole.get("sigma_m")) or fixed("horizontalMethodUnknown")


def surface_level(hole: Row, lists: CodeLists) -> tuple[int, str] | None:
    """The surface level in cm NAP and its BRO method: the one recorded at closing, else the GNSS
    antenna's NAP height less the antenna height (accuracy unknown), else None."""
    level_cm, method = hole.get("ground_level_nap_cm"), hole.get("_surface_method_bro")
    if level_cm is not None and method:
        return int(level_cm), str(method)
    nap, antenna = hole.get("nap_m"), hole.get("antenna_height_m")
    gnss = bro_vertical_method(lists, "GNSS", None)
    if nap is None or antenna is None or gnss is None:
        return None
    return round((float(nap) - float(antenna)) * 100), gnss


def _vertical(vert: etree._Element, hole: Row, day: date, lists: CodeLists) -> None:
    code(vert, "localVerticalReferencePoint", fixed("localVerticalReferencePoint"), "LocalVerticalReferencePoint")
    level = surface_level(hole, lists)
    if level is None:
        element(vert, COM + "offset", uom="m", **NIL)
        code(vert, "verticalDatum", fixed("verticalDatum"), "VerticalDatum")
        element(vert, COM + "verticalPositioningDate", **NIL)
        code(vert, "verticalPositioningMethod", fixed("verticalMethodNone"), "VerticalPositioningMethod")
        return
    level_cm, method = level
    element(vert, COM + "offset", f"{level_cm / 100:.2f}", uom="m")
    code(vert, "verticalDatum", fixed("verticalDatum"), "VerticalDatum")
    date_element(vert, COM + "verticalPositioningDate", day)
    code(vert, "verticalPositioningMethod", method, "VerticalPositioningMethod")


def _boring(boring: etree._Element, hole: Row, processes: list[Row], started: date, ended: date) -> None:
    final_cm = int(hole["final_depth_cm"])
    date_element(boring, COM + "boringStartDate", started)
    date_element(boring, COM + "boringEndDate", ended)
    code(boring, "preparation", fixed("preparation"), "Preparation")
    element(boring, COM + "trajectoryExcavated", "nee")
    element(boring, COM + "rockReached", "nee")
    code(boring, "boringProcedure", fixed("boringProcedure"), "BoringProcedure")
    metres(boring, "finalDepthBoring", final_cm)
    code(boring, "stopCriterion", str(hole["stop_criterion"]), "StopCriterion")
    code(boring, "samplingProcedure", fixed("samplingProcedure"), "SamplingProcedure")
    metres(boring, "finalDepthSampling", final_cm)
    element(boring, COM + "subsurfaceContaminated", **NIL)  # not judged in the field: unknown
    element(boring, COM + "boreholeCompleted", "ja" if hole.get("backfill") else "nee")
    for proc in processes:
        lower = proc.get("_lower_cm") if proc.get("lower_cm") is None else proc["lower_cm"]
        interval = element(boring, COM + "boredInterval")
        metres(interval, "beginDepth", int(proc["upper_cm"]))
        metres(interval, "endDepth", int(lower if lower is not None else final_cm))
        code(interval, "boringTechnique", str(proc["technique"]), "BoringTechnique")
        diameter = proc.get("diameter_mm")
        if diameter:
            element(interval, COM + "boredDiameter", str(int(diameter)), uom="mm")
        else:
            element(interval, COM + "boredDiameter", uom="mm", **NIL)
    sampled = element(boring, COM + "sampledInterval")
    metres(sampled, "beginDepth", 0)
    metres(sampled, "endDepth", final_cm)
    code(sampled, "preTreatment", fixed("preTreatment"), "PreTreatment")
    code(sampled, "samplingMethod", fixed("samplingMethod"), "SamplingMethod")
    code(sampled, "samplingQuality", fixed("samplingQuality"), "SamplingQuality")
    if hole.get("backfill"):
        done = element(boring, COM + "completedInterval")
        metres(done, "beginDepth", 0)
        metres(done, "endDepth", final_cm)
        element(done, COM + "permanentCasingPresent", "ja" if hole.get("kind") == "peilbuis" else "nee")
        code(done, "backfillMaterial", str(hole["backfill"]), "BackfillMaterial")


__all__ = ["Party", "Request", "Undeliverable", "local_day", "requests", "table"]
