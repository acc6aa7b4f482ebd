"""GeoJSON: one point feature per borehole, its layers and samples nested as related records.

With the default EPSG:4326 the file is RFC 7946 GeoJSON (longitude,
latitude). With EPSG:28992 it carries the older ``crs`` member naming RD
New, which GDAL and QGIS honour; RFC 7946 readers that ignore it would
misplace the points, so 4326 is the default.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from fieldapp.export.atomic import Job
from fieldapp.export.data import ProjectData
from fieldapp.export.geo import ETRS89_DEGREES, Points
from fieldapp.export.tables import (
    ANALYSIS_SAMPLE_PART,
    BOREHOLE,
    CONTAINER,
    DEVIATION,
    LAYER,
    PHOTO,
    PROJECT,
    PURGE_READING,
    SAMPLE,
    SAMPLE_PART,
    SAMPLING_ROUND,
    WELL,
    Table,
)

_DROP = {"borehole_code", "borehole_id", "sample_code", "sample_id"}  # implied by the nesting


def _dicts(table: Table, rows: list[dict[str, Any]], data: ProjectData,
           drop: set[str] | frozenset[str] = _DROP) -> list[dict[str, Any]]:
    names = [c.name for c in table.columns]
    keep = [i for i, n in enumerate(names) if n not in drop]
    sub = Table(table.name, table.doc, table.columns, lambda _d: iter(rows))
    return [{names[i]: rec[i] for i in keep} for rec in sub.records(data)]


def write_geojson(data: ProjectData, pts: Points, path: Path, job: Job) -> None:
    parts = data.parts_of_borehole()
    containers: dict[str, list[dict[str, Any]]] = {}
    for c in data.containers:
        containers.setdefault(c["sample_id"], []).append(c)
    samples = {s["id"]: s for s in data.samples}
    in_analysis: dict[str, list[str]] = {}
    for a in data.analysis_parts:
        in_analysis.setdefault(a["field_sample_id"], []).append(a["analysis_sample_code"])
    deviations = _dicts(DEVIATION, data.deviations, data, frozenset())
    photos = _dicts(PHOTO, data.photos, data, {"file"})  # the file is not in this export: its hash names it
    names = [c.name for c in BOREHOLE.columns]
    features = []
    total = len(data.boreholes)
    for n, (b, record) in enumerate(zip(data.boreholes, BOREHOLE.records(data), strict=True)):
        props = dict(zip(names, record, strict=True))
        words = data.soil_words
        layer_rows = [{**r, "_words": words.get(r["soil_code"], r["soil_code"])} for r in data.layers.get(b["id"], [])]
        props["layers"] = _dicts(LAYER, layer_rows, data)
        nested = []
        for part in parts.get(b["id"], []):
            sample = samples[part["sample_id"]]
            entry = _dicts(SAMPLE, [{**sample, "_boreholes": b["code"]}], data)[0]
            entry.update({k: v for k, v in _dicts(SAMPLE_PART, [part], data)[0].items() if k != "id"})
            entry["containers"] = _dicts(CONTAINER, containers.get(sample["id"], []), data)
            entry["analysis_samples"] = in_analysis.get(sample["id"], [])
            nested.append(entry)
        props["samples"] = nested
        props["wells"] = _wells(data, b["id"])
        # what concerns the borehole: itself, its layers, its samples and their containers, its wells' rounds
        mine = {b["id"], *(r["id"] for r in data.layers.get(b["id"], ())),
                *(p["sample_id"] for p in parts.get(b["id"], [])),
                *(c["id"] for p in parts.get(b["id"], []) for c in containers.get(p["sample_id"], []))}
        props["deviations"] = [d for d, row in zip(deviations, data.deviations, strict=True)
                               if row["object_id"] in mine or row.get("borehole_id") == b["id"]
                               or not mine.isdisjoint(row.get("_sample_ids", ()))]  # a shipment carrying its jars
        props["photos"] = [p for p in photos if p["object_id"] in mine]
        xy = pts.measured.get(b["id"])
        planned = pts.planned.get(b["id"])
        props["planned_x"], props["planned_y"] = planned if planned else (None, None)
        features.append({
            "type": "Feature",
            "id": b["code"],
            "geometry": None if xy is None else {"type": "Point", "coordinates": list(xy)},
            "properties": props,
        })
        if n % 1000 == 0:
            job.step(n, total)
    collection: dict[str, Any] = {"type": "FeatureCollection", "name": "borehole"}
    if pts.crs != ETRS89_DEGREES:
        collection["crs"] = {"type": "name", "properties": {"name": f"urn:ogc:def:crs:EPSG::{pts.crs}"}}
    # The project and its site contour ride along as a foreign member (RFC 7946 par. 6.1): GIS
    # tools read the boreholes as one point layer, a script finds the project here.
    project = dict(zip([c.name for c in PROJECT.columns], next(PROJECT.records(data)), strict=True))
    project["site_contour"] = ({"type": "Polygon", "coordinates": [[list(p) for p in ring] for ring in pts.contour]}
                               if pts.contour else None)
    collection["project"] = project
    # every deviation and photo of the project, also those on no borehole (a shipment, the site); a photo
    # is named by its SHA-256, its file travels in the CSV export (fieldapp.export.photos)
    collection["deviations"] = deviations
    collection["photos"] = photos
    collection["features"] = features
    # analysis samples span boreholes, so they are a foreign member (RFC 7946, 6.1) beside the features
    collection["analysis_samples"] = _analysis_samples(data)
    with path.open("w", encoding="utf-8") as f:
        json.dump(collection, f, ensure_ascii=False, separators=(",", ":"))


def _wells(data: ProjectData, borehole_id: str) -> list[dict[str, Any]]:
    """A peilbuis's wells, each with its sampling rounds and their readings nested."""
    out = []
    for w in (w for w in data.wells if w["borehole_id"] == borehole_id):
        entry = _dicts(WELL, [w], data)[0]
        rounds = []
        for r in (r for r in data.rounds if r["well_id"] == w["id"]):
            item = _dicts(SAMPLING_ROUND, [r], data, _DROP | {"well_code", "well_id"})[0]
            item["readings"] = _dicts(PURGE_READING, [p for p in data.readings if p["round_id"] == r["id"]], data,
                                      _DROP | {"well_code", "round_started_at", "round_id"})
            rounds.append(item)
        entry["sampling_rounds"] = rounds
        out.append(entry)
    return out


def _analysis_samples(data: ProjectData) -> list[dict[str, Any]]:
    parts: dict[str, list[dict[str, Any]]] = {}
    for a in data.analysis_parts:
        parts.setdefault(a["analysis_sample_id"], []).append(a)
    out = []
    for s in data.samples:
        if s["kind"] == "analysis_sample":
            entry = _dicts(SAMPLE, [{**s, "_boreholes": "; ".join(dict.fromkeys(
                str(p["borehole_code"]) for p in parts.get(s["id"], []) if p["borehole_code"]))}], data)[0]
            entry["parts"] = _dicts(ANALYSIS_SAMPLE_PART, parts.get(s["id"], []), data,
                                    {"analysis_sample_code", "analysis_sample_id", "analysis_package"})
            out.append(entry)
    return out
