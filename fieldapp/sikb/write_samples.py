"""Samples: field samples with their packages, groundwater samples with the round's field readings,
analysis samples linked to their parts.

A field sample of soil is InBorehole (6) of each borehole it was taken from,
and InAnalyseMonster (9) of the analysis samples made of it; an analysis
sample HeeftDeelmonster (10) to those parts. A groundwater sample is InFilter
(7) of its well's filter and InBorehole of the well's borehole; the round's
last purge reading (pH, EC, temperature, turbidity, oxygen), the purged
volume and the round's abnormalities are its characteristics.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field

from fieldapp.export.data import ProjectData, Row
from fieldapp.sikb.mapping import Mapping
from fieldapp.sikb.names import urn
from fieldapp.sikb.write_parts import (
    Characteristic,
    characteristic,
    date_time,
    depth,
    end,
    identification,
    observed,
    relation,
    start,
)
from fieldapp.sikb.write_xml import Out, attr, gml_id, sub_id


@dataclass
class SampleLinks:
    """Who relates to whom, built once for the whole project."""

    parts: dict[str, list[Row]] = field(default_factory=lambda: defaultdict(list))  # sample -> its parts
    members: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))  # analysis -> field samples
    made_into: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))  # field -> analysis
    packages: dict[str, list[Row]] = field(default_factory=lambda: defaultdict(list))
    rounds: dict[str, Row] = field(default_factory=dict)
    wells: dict[str, Row] = field(default_factory=dict)
    readings: dict[str, list[Row]] = field(default_factory=lambda: defaultdict(list))  # round -> readings

    def boreholes(self, sample: Row) -> list[str]:
        """The boreholes a sample was taken from, in the order of its parts (a groundwater sample: its well's)."""
        found = [p["borehole_id"] for p in self.parts.get(sample["id"], ()) if p.get("borehole_id")]
        well = self.well(sample)
        if well is not None:
            found.append(well["borehole_id"])
        return list(dict.fromkeys(found))

    def well(self, sample: Row) -> Row | None:
        rnd = self.rounds.get(sample.get("sampling_round_id") or "")
        return None if rnd is None else self.wells.get(rnd["well_id"])


def links(data: ProjectData) -> SampleLinks:
    out = SampleLinks()
    for part in data.parts:
        out.parts[part["sample_id"]].append(part)
    for row in data.analysis_parts:
        out.members[row["analysis_sample_id"]].append(row["field_sample_id"])
        out.made_into[row["field_sample_id"]].append(row["analysis_sample_id"])
    for c in data.containers:
        if not c.get("voided_at"):
            out.packages[c["sample_id"]].append(c)
    out.rounds = {r["id"]: r for r in data.rounds}
    out.wells = {w["id"]: w for w in data.wells}
    for r in data.readings:
        out.readings[r["round_id"]].append(r)
    return out


def write_sample(out: Out, data: ProjectData, sample: Row, ln: SampleLinks, m: Mapping) -> None:
    sid = sample["id"]
    chars = list(round_characteristics(sample, ln, m))
    start(out, "imsikb0101:Sample", sid)
    out.empty("sam:sampledFeature")
    observed(out, chars)
    for hole in ln.boreholes(sample):
        relation(out, "InBorehole", hole, m)
    well = ln.well(sample)
    if well is not None:
        relation(out, "InFilter", well["id"], m)
    for analysis in ln.made_into.get(sid, ()):
        relation(out, "InAnalyseMonster", analysis, m)
    for member in ln.members.get(sid, ()):
        relation(out, "HeeftDeelmonster", member, m)
    matrix = sample.get("matrix")
    if matrix == "ASB" or matrix not in m.raw["compartment"]:
        matrix = "BS"
    out.code_href("spec:materialClass", urn("Compartiment", m.raw["compartment"][matrix]))
    out.open("spec:samplingTime")
    when = date_time(sample.get("sampled_at"))
    if when is not None:
        out.open("gml:TimeInstant", f' gml:id="{attr(gml_id(sub_id(sid, "sampling_time")))}"')
        out.leaf("gml:timePosition", when)
        out.close("gml:TimeInstant")
    out.close("spec:samplingTime")
    kind = sample.get("_monstertype_id")
    if kind is not None:
        out.code_href("spec:specimenType", urn("MonsterType", kind))
    identification(out, sid)
    out.leaf("immetingen:name", sample["code"])
    out.leaf("immetingen:startTime", when)
    parts = ln.parts.get(sid, [])
    if parts and len({(p["upper_cm"], p["lower_cm"]) for p in parts}) == 1:
        depth(out, "immetingen:lowerDepth", parts[0]["lower_cm"], m)
        depth(out, "immetingen:upperDepth", parts[0]["upper_cm"], m)
    out.leaf("immetingen:remarks", sample.get("remarks"))
    for box in ln.packages.get(sid, ()):
        out.open("immetingen:consistsOfPackages")
        out.open("immetingen:Package")
        out.leaf("immetingen:barcode", box["barcode"])
        kind = m.list_id("container_type", box.get("container_type")) or _NOT_KNOWN_PACKAGE
        out.leaf("immetingen:packageType", urn("MonsterVerpakking", kind))
        out.leaf("immetingen:remarks", box.get("remarks"))
        material = m.list_id("container_material", box.get("material"))
        if material is not None:
            out.leaf("immetingen:packageMaterialType", urn("MateriaalMonsterVerpakking", material))
        out.close("immetingen:Package")
        out.close("immetingen:consistsOfPackages")
    out.href("imsikb0101:inProject", gml_id(data.project["id"]))
    end(out, "imsikb0101:Sample")
    for c in chars:
        characteristic(out, sid, c, m)


_NOT_KNOWN_PACKAGE = 2  # MonsterVerpakking 2 (pot): packageType is required; FieldApp's types all carry an id


def round_characteristics(sample: Row, ln: SampleLinks, m: Mapping) -> Iterator[Characteristic]:
    """A groundwater sample's field readings and its round's abnormalities."""
    rnd = ln.rounds.get(sample.get("sampling_round_id") or "")
    if rnd is None:
        return
    sid = sample["id"]
    readings = ln.readings.get(rnd["id"], [])
    if readings:
        last = readings[-1]
        for column, (parameter, unit) in m.table("field_readings").items():
            if last.get(column) is not None:
                yield Characteristic(sub_id(sid, f"reading/{column}"), urn("Parameter", parameter), "measure",
                                     last[column], unit=unit)
        if last.get("volume_l") is not None:
            yield Characteristic(sub_id(sid, "purged"), urn("KenmerkMonstername", m.one("pumped_volume_indicator")),
                                 "measure", last["volume_l"], unit="l")
    yes = urn("J_of_N", m.raw["yes_no"]["yes"])
    for column, indicator in m.table("round_flags").items():
        if rnd.get(column):
            yield Characteristic(sub_id(sid, f"round/{column}"), urn("KenmerkMonstername", indicator),
                                 "classified", yes)
