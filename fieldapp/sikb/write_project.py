"""The document's head: ``metaData``, the ``Project`` with its contour, and the consultancy that reports.

``metaData/application`` and ``supplier`` are codes SIKB assigns to a software
supplier (domain tables Applicaties and Leveranciers): they come from the
settings (``sikb_application_id``, ``sikb_supplier_id``), never from here.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from fieldapp.domain import contour
from fieldapp.export.data import ProjectData
from fieldapp.sikb.mapping import Mapping
from fieldapp.sikb.names import SRS_RD, VERSION, sikb_urn, urn
from fieldapp.sikb.write_parts import code, date_time, end, identification, start
from fieldapp.sikb.write_xml import Out, gml_id, number, sub_id


@dataclass(frozen=True)
class Head:
    """What the metaData carries beside the project: the date and the SIKB codes of the settings."""

    date: str  # yyyy-mm-dd, the day the file is written
    application_id: int  # 0: not set (the check reports it; the export refuses)
    supplier_id: int = 0


def write_meta(out: Out, data: ProjectData, head: Head, m: Mapping) -> None:
    out.open("imsikb0101:metaData")
    if head.application_id:
        out.leaf("imsikb0101:application", sikb_urn("Applicaties", head.application_id))
    out.leaf("imsikb0101:date", head.date)
    out.leaf("imsikb0101:organisation", data.project.get("contractor"))
    if head.supplier_id:
        out.leaf("imsikb0101:supplier", sikb_urn("Leveranciers", head.supplier_id))
    out.leaf("imsikb0101:version", VERSION)
    out.leaf("imsikb0101:dataflow", sikb_urn("DatastroomType", m.one("dataflow")))
    out.close("imsikb0101:metaData")


def contractor_id(data: ProjectData) -> str:
    return sub_id(data.project["id"], "contractor")


def write_project(out: Out, data: ProjectData, measurement_objects: Iterable[str], m: Mapping) -> None:
    p = data.project
    ids = p.get("_sikb0101") or {}
    start(out, "imsikb0101:Project", p["id"])
    code(out, "imsikb0101:asbestos", "AsbestAanwezigheid", ids.get("asbestos_presence"), model="imsikb0101")
    out.leaf("imsikb0101:endTime", date_time(p.get("end_date")))
    code(out, "imsikb0101:investigationReason", "OnderzoekAanleidingen", ids.get("investigation_reason"),
         model="imsikb0101")
    _contour(out, p["id"], p.get("site_contour"))
    identification(out, p["id"], "imsikb0101")
    out.leaf("imsikb0101:name", p.get("name"))
    code(out, "imsikb0101:phase", "OnderzoeksfaseType", ids.get("investigation_phase"), model="imsikb0101")
    out.leaf("imsikb0101:projectCode", p["code"])
    code(out, "imsikb0101:projectType", "OnderzoekType", ids.get("investigation_type"), model="imsikb0101")
    out.leaf("imsikb0101:remarks", p.get("remarks"))
    out.leaf("imsikb0101:reportNumber", p.get("report_number"))
    out.leaf("imsikb0101:startTime", date_time(p.get("start_date")))
    code(out, "imsikb0101:strategyType", "StrategieType", ids.get("investigation_strategy"), model="imsikb0101")
    if p.get("contractor"):
        out.href("imsikb0101:stakeholders", gml_id(contractor_id(data)))
    for ident in measurement_objects:
        out.href("imsikb0101:measurementObjects", gml_id(ident))
    end(out, "imsikb0101:Project")
    if p.get("contractor"):
        _organisation(out, data, m)


def _contour(out: Out, project_id: str, wkt: str | None) -> None:
    """The site contour as a MultiSurface in RD (a Polygon per contour, its holes as interiors)."""
    if not wkt:
        return
    rings = contour.parse_wkt(wkt)[0]
    if not rings:
        return
    out.open("imsikb0101:geometry")
    out.open("gml:MultiSurface", f' gml:id="{gml_id(sub_id(project_id, "contour"))}" srsName="{SRS_RD}"')
    out.open("gml:surfaceMember")
    out.open("gml:Polygon", f' gml:id="{gml_id(sub_id(project_id, "contour/polygon"))}"')
    for i, ring in enumerate(rings):
        side = "gml:exterior" if i == 0 else "gml:interior"
        out.open(side)
        out.open("gml:LinearRing")
        out.leaf("gml:posList", " ".join(f"{number(round(x, 3))} {number(round(y, 3))}" for x, y in ring),
                 ' srsDimension="2"')
        out.close("gml:LinearRing")
        out.close(side)
    out.close("gml:Polygon")
    out.close("gml:surfaceMember")
    out.close("gml:MultiSurface")
    out.close("imsikb0101:geometry")


def _organisation(out: Out, data: ProjectData, m: Mapping) -> None:
    """The consultancy (adviesbureau) that did the work and writes the report, with its KvK number."""
    p = data.project
    ident = contractor_id(data)
    start(out, "immetingen:Organization", ident)
    identification(out, ident)
    out.leaf("immetingen:name", p.get("contractor"))
    out.leaf("immetingen:organisationType", urn("RolBetrokkene", m.raw["organisation_roles"]["contractor"]))
    out.leaf("immetingen:chamberOfCommerceNumber", p.get("contractor_kvk"))
    end(out, "immetingen:Organization")

