"""NEN 5707 inspection pits and trenches as ``imsikb0101:Trench``.

The measurement-object type is the kind's SAD MeetpuntType (12 inspectiegat,
18 sleuf, resources/rules/asbestos.json); a surface inspection (maaiveld) has
none and is not a measurement object, so it is not written. A pit without its
own coordinates stands at the borehole it was dug beside.
"""

from __future__ import annotations

from fieldapp.export.data import ProjectData, Row
from fieldapp.sikb.mapping import Mapping
from fieldapp.sikb.names import urn
from fieldapp.sikb.write_boreholes import point
from fieldapp.sikb.write_parts import date_time, depth, end, identification, measure, start
from fieldapp.sikb.write_xml import Out, gml_id


def trenches(data: ProjectData) -> list[Row]:
    """The pits that are SIKB0101 measurement objects."""
    return [p for p in data.pits if p.get("_sad_meetpunttype")]


def write_trench(out: Out, data: ProjectData, pit: Row, holes: dict[str, Row], m: Mapping) -> None:
    pid = pit["id"]
    start(out, "imsikb0101:Trench", pid)
    out.empty("sam:sampledFeature")
    out.empty("sams:shape")
    out.leaf("immetingen:name", pit["code"])
    identification(out, pid)
    out.leaf("immetingen:remarks", pit.get("remarks"))
    out.leaf("immetingen:measurementObjectType", urn("MeetObjectSoort", pit["_sad_meetpunttype"]))
    x, y = pit.get("x_rd"), pit.get("y_rd")
    beside = holes.get(pit.get("borehole_id") or "")
    if (x is None or y is None) and beside is not None:
        x, y = beside.get("x_rd"), beside.get("y_rd")
    point(out, pid, x, y)
    out.leaf("immetingen:startTime", date_time(pit.get("inspected_at")))
    out.href("imsikb0101:usedInProject", gml_id(data.project["id"]))
    metres = pit.get("depth_m")
    depth(out, "imsikb0101:depth", None if metres is None else round(float(metres) * 100, 1), m)
    measure(out, "imsikb0101:length", pit.get("length_m"), "m", m)
    measure(out, "imsikb0101:width", pit.get("width_m"), "m", m)
    end(out, "imsikb0101:Trench")
