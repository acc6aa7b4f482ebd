"""Monitoring wells: each tube's filter (``imsikb0101:Filter``) and the well's finishings.

A FieldApp well row is one tube in a borehole of kind peilbuis: its filter is
written with the well's own id, related to the borehole (HoortBijMeetObject);
the borehole relates back (HeeftPeilbuis). The gravel pack, the seal and the
street pot are finishings of the borehole.
"""

from __future__ import annotations

from collections.abc import Iterator

from fieldapp.export.data import ProjectData, Row
from fieldapp.sikb.mapping import Mapping
from fieldapp.sikb.names import urn
from fieldapp.sikb.write_boreholes import finishing
from fieldapp.sikb.write_parts import date_time, depth, end, height, identification, measure, relation, start
from fieldapp.sikb.write_xml import Out, sub_id


def well_finishings(well: Row, m: Mapping) -> Iterator[tuple[str, str, object, object]]:
    """(id, mapping key, upper cm, lower cm) of each finishing the well record holds."""
    wid = well["id"]
    if well.get("gravel_top_cm") is not None and well.get("gravel_bottom_cm") is not None:
        yield sub_id(wid, "gravel"), "gravel_pack", well["gravel_top_cm"], well["gravel_bottom_cm"]
    if well.get("seal_top_cm") is not None and well.get("seal_bottom_cm") is not None:
        yield sub_id(wid, "seal"), "seal", well["seal_top_cm"], well["seal_bottom_cm"]
    if str(well.get("finish") or "") in m.raw["finishing_material"]:
        yield sub_id(wid, "finish"), str(well["finish"]), None, None


def write_well(out: Out, well: Row, m: Mapping) -> None:
    wid, hole = well["id"], well["borehole_id"]
    start(out, "imsikb0101:Filter", wid)
    out.empty("sam:sampledFeature")
    relation(out, "HoortBijMeetObject", hole, m)
    out.empty("sams:shape")
    out.leaf("immetingen:name", well["_code"])
    identification(out, wid)
    out.leaf("immetingen:remarks", well.get("remarks"))
    out.leaf("immetingen:measurementObjectType", urn("MeetObjectSoort", m.raw["measurement_object"]["peilbuis"]))
    out.leaf("immetingen:startTime", date_time(well.get("placed_at")))
    top = _filter_depth(out, "imsikb0101:upperDepth", well, "top", m)
    bottom = _filter_depth(out, "imsikb0101:lowerDepth", well, "bottom", m)
    height(out, "imsikb0101:heightTopFiltertube", well.get("pipe_top_cm"), "below_surface", m)
    measure(out, "imsikb0101:filtertubeDiameter", well.get("filter_diameter_mm"), "mm", m)
    length = None if top is None or bottom is None or top[1] != bottom[1] else abs(bottom[0] - top[0])
    measure(out, "imsikb0101:filtertubeLength", length, "cm", m)
    out.leaf("imsikb0101:filtertubeMaterial", m.label("well_tube_material", well.get("filter_material")))
    end(out, "imsikb0101:Filter")
    for ident, key, upper, lower in well_finishings(well, m):
        finishing(out, ident, hole, key, upper, lower, m)


def _filter_depth(out: Out, element: str, well: Row, end: str, m: Mapping) -> tuple[int, str] | None:
    """The filter's top or bottom below the surface, else as an imported file gave it (from the top of the tube,
    or in NAP) with that reference: (cm, reference) as written, None when neither is known."""
    below, given = well.get(f"filter_{end}_cm"), well.get(f"filter_{end}_given_cm")
    reference = str(well.get("filter_depth_reference") or "")
    found = (int(below), "below_surface") if below is not None else (
        (int(given), reference) if given is not None and reference else None)
    if found is not None:
        depth(out, element, found[0], m, found[1])
    return found


def write_wells(out: Out, data: ProjectData, m: Mapping) -> None:
    for well in data.wells:
        write_well(out, well, m)
