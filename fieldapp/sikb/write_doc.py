"""One SIKB0101 14.9.0 document for an investigation: ``FeatureCollectionIMSIKB0101``.

Written as text in one pass (:mod:`fieldapp.sikb.write_xml`), feature by
feature, in a fixed order: metaData, the project and the consultancy, the
positioning processes, each borehole with its boring processes, layers and
backfill, the wells' filters and finishings, the inspection pits, the
samples. Every id follows from a row id (:func:`~fieldapp.sikb.write_xml.gml_id`,
:func:`~fieldapp.sikb.write_xml.sub_id`), so the same database gives the same
bytes apart from ``metaData/date``.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from fieldapp.codelists import CodeLists
from fieldapp.export.atomic import Job
from fieldapp.export.data import ProjectData
from fieldapp.sikb import mapping
from fieldapp.sikb.names import NSMAP
from fieldapp.sikb.validate_stream import StreamValidator
from fieldapp.sikb.write_boreholes import backfill_id, write_borehole, write_georeferences
from fieldapp.sikb.write_pits import trenches, write_trench
from fieldapp.sikb.write_project import Head, write_meta, write_project
from fieldapp.sikb.write_samples import SampleLinks, links, write_sample
from fieldapp.sikb.write_wells import well_finishings, write_wells
from fieldapp.sikb.write_xml import Out, gml_id, sub_id

_STEP = 200  # boreholes between progress reports (and cancel checks)


@dataclass(frozen=True)
class Written:
    boreholes: int
    trenches: int
    layers: int
    wells: int
    samples: int
    packages: int
    duplicate_ids: tuple[str, ...] = ()  # row ids written twice (never, unless the database holds them twice)


def relations(data: ProjectData, ln: SampleLinks, m: mapping.Mapping) -> dict[str, list[tuple[str, str]]]:
    """Each borehole's relations, in the order of SIKB's examples: layers, filters, finishings, samples."""
    related: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for hole in data.boreholes:
        hid = hole["id"]
        related[hid].extend(("HeeftLaag", lay["id"]) for lay in data.layers.get(hid, ()))
    for well in data.wells:
        related[well["borehole_id"]].append(("HeeftPeilbuis", well["id"]))
    for hole in data.boreholes:
        backfill = backfill_id(hole, m)
        if backfill is not None:
            related[hole["id"]].append(("HeeftAfwerking", backfill))
    for well in data.wells:
        related[well["borehole_id"]].extend(("HeeftAfwerking", f[0]) for f in well_finishings(well, m))
    for sample in data.samples:
        for hole_id in ln.boreholes(sample):
            related[hole_id].append(("HeeftMonster", sample["id"]))
    return related


def write_document(data: ProjectData, head: Head, path: Path, lists: CodeLists, job: Job,
                   validator: StreamValidator | None = None) -> Written:
    """Write the investigation to ``path`` (UTF-8, LF line ends); ``validator`` sees it chunk by chunk."""
    m = mapping.load(lists)
    ln = links(data)
    related = relations(data, ln, m)
    pits = trenches(data)
    holes = {h["id"]: h for h in data.boreholes}
    total = len(data.boreholes)
    declarations = "".join(f' xmlns:{prefix}="{uri}"' for prefix, uri in NSMAP.items() if prefix)
    root = "imsikb0101:FeatureCollectionIMSIKB0101"
    with path.open("w", encoding="utf-8", newline="\n") as sink:
        out = Out(sink)
        out.add('<?xml version="1.0" encoding="UTF-8"?>')
        out.open(root, f'{declarations} gml:id="{gml_id(sub_id(data.project["id"], "collection"))}"')
        write_meta(out, data, head, m)
        start = "".join(out.parts)
        out.flush()
        tail = f"\n</{root}>\n"
        if validator is not None:
            validator.begin(start, tail)
            out.listener = validator.feed
        write_project(out, data, [h["id"] for h in data.boreholes] + [p["id"] for p in pits], m)
        write_georeferences(out, data, m)
        for done, hole in enumerate(data.boreholes):
            if done % _STEP == 0:
                job.step(done, total)
            write_borehole(out, data, hole, related, m)
        write_wells(out, data, m)
        for pit in pits:
            write_trench(out, data, pit, holes, m)
        for sample in data.samples:
            write_sample(out, data, sample, ln, m)
        out.flush()
        out.listener = None
        out.add(tail)
        out.flush()
    job.step(total, total)
    return Written(len(data.boreholes), len(pits), data.layer_count, len(data.wells), len(data.samples),
                   sum(len(v) for v in ln.packages.values()), tuple(out.duplicates))
