"""`fieldapp import --format sikb0101` of 10,000 boreholes (issue 14: under 30 s).

The file is the first shared SAD example's investigation with its borehole PB01 (three layers and their
description, boring processes, soil samples POT1-POT3 with their jars and the analysis sample MM01 made
of them) repeated under new ids, names and barcodes, as :func:`make_file` writes it: about what a
borehole of the demo project holds. The example's monitoring well, groundwater sample, other analysis
samples and lab results are left out (``BENCH_SIKB_WELLS=1`` keeps the well and its samples). The
baseline, in the same run on the same file, is lxml parsing it (the floor of any reader); a raw sqlite3
executemany of the rows the import wrote is printed beside it, and the import's CPU time.
"""

from __future__ import annotations

import os
import re
import resource
import sqlite3
import statistics
import tempfile
import time
import xml.etree.ElementTree as ET
from pathlib import Path

from lxml import etree

from bench.report import line
from fieldapp.session import Session
from fieldapp.settings import Settings
from fieldapp.sikb.import_sikb import import_sikb

BOREHOLES = int(os.environ.get("BENCH_BOREHOLES", "10000"))
RUNS = int(os.environ.get("BENCH_RUNS", "1"))
EXAMPLE = Path(__file__).parent.parent / "tests" / "data" / "sikb" / "examples" / \
    "1._SAD_registrationRequest_IMBROA.xml"
GML_ID = "{http://www.opengis.net/gml/3.2}id"
HREF = "{http://www.w3.org/1999/xlink}href"
COLLECTION = "{http://www.sikb.nl/imsikb0101}FeatureCollectionIMSIKB0101"
_GROUP = {"Borehole", "Layer", "BoreProcess", "Filter", "Finishing", "Sample"}
_SOIL_ONLY = {"Filter", "Finishing"}  # and the samples not in _SOIL_SAMPLES
_SOIL_SAMPLES = {"POT1", "POT2", "POT3", "MM01"}
WELLS = os.environ.get("BENCH_SIKB_WELLS") == "1"
_UUID = re.compile(r"_([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})")
_NAMES = ("PB01-Filter1-1", "PB01-POT3", "PB01", "POT1", "POT2", "POT3", "MM01", "WA1", "Filter1")
_BARCODES = ("AB123543", "BC4329222", "040043252", "1234567", "98765431")


def _local(el: ET.Element) -> str:
    return el.tag.rsplit("}", 1)[-1]


def _about(observation: ET.Element) -> str:
    found = observation.find("{http://www.opengis.net/om/2.0}featureOfInterest")
    return "_" + found.get(HREF, "")[2:] if found is not None else ""


def _soil(m: ET.Element) -> bool:
    if _local(m) in _SOIL_ONLY:
        return False
    return _local(m) != "Sample" or m.findtext("{http://www.sikb.nl/immetingen}name") in _SOIL_SAMPLES


def make_file(path: Path, copies: int) -> None:
    """The example's borehole group ``copies`` times under new ids (n-0000-4000-8000-index), names and barcodes."""
    for _event, (prefix, uri) in ET.iterparse(EXAMPLE, events=("start-ns",)):
        ET.register_namespace(prefix, uri)
    collection = next(ET.parse(EXAMPLE).getroot().iter(COLLECTION))
    for el in collection.iter():
        el.text = el.text if el.text and el.text.strip() else None
        el.tail = None
    members = [(fm, m) for fm in collection for m in fm]
    group = {m.get(GML_ID) for _, m in members if _local(m) in _GROUP and (WELLS or _soil(m))}
    described = {m.get(GML_ID) for _, m in members if _local(m) == "Layer"}
    for _ in range(2):  # the layers' description, and the grades of its components (no lab or field results)
        described |= {m.get(GML_ID) for _, m in members if _local(m) == "Characteristic" and _about(m) in described}
    group |= described
    group_members = []
    for fm, m in members:
        if m.get(GML_ID) in group or (_local(m) in _GROUP and not WELLS):  # the left-out ones go altogether
            collection.remove(fm)
        if m.get(GML_ID) in group:
            group_members.append(fm)
            for link in m.findall("{http://www.opengis.net/sampling/2.0}relatedObservation"):
                m.remove(link)  # the lab results, which are left out
    body = "".join(ET.tostring(fm, encoding="unicode") for fm in group_members)
    index = {old: n for n, old in enumerate(sorted(g[1:] for g in group if g))}
    body = _UUID.sub(lambda m: f"_{{n}}-0000-4000-8000-{index[m.group(1)]:012x}" if m.group(1) in index
                     else m.group(0), body)
    for name in _NAMES:
        body = body.replace(f">{name}<", f">{name.replace('PB01', 'B')[:6]}{{n}}<")
    for code in _BARCODES:
        body = body.replace(f">{code}<", f">{code[:2]}{{n}}{code[-1]}<")
    head, tail = ET.tostring(collection, encoding="unicode").rsplit("</", 1)
    with path.open("w", encoding="utf-8") as fh:
        fh.write(head)
        for n in range(copies):
            fh.write(body.replace("{n}", f"{n:08x}"))
        fh.write("</" + tail)


def _cpu() -> float:
    own, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def _executemany(source: Path, target: Path) -> float:
    """Copy the rows the import wrote into an empty file of the same schema, table by table."""
    with sqlite3.connect(source) as src, sqlite3.connect(target) as dst:
        for (sql,) in src.execute("SELECT sql FROM sqlite_master WHERE type = 'table' AND sql IS NOT NULL "
                                  "AND name NOT LIKE 'sqlite_%'"):
            dst.execute(sql)
        tables = ("project", "borehole", "boring_process", "layer", "well", "sample", "sample_part",
                  "analysis_sample_part", "container", "custody_event")
        rows = {t: src.execute(f"SELECT * FROM {t}").fetchall() for t in tables}
        t0 = time.perf_counter()
        for table, data in rows.items():
            if data:
                dst.executemany(f"INSERT INTO {table} VALUES ({','.join('?' * len(data[0]))})", data)
        dst.commit()
        return time.perf_counter() - t0


def bench_sikb_import(tmp: Path) -> None:
    path = tmp / "sikb.xml"
    t0 = time.perf_counter()
    make_file(path, BOREHOLES)
    print(f"file: {BOREHOLES} boreholes, {path.stat().st_size / 1e6:.0f} MB, written in "
          f"{time.perf_counter() - t0:.1f} s; load {os.getloadavg()[0]:.2f}", flush=True)
    runs, cpus, parses, raws = [], [], [], []
    for run in range(RUNS):
        db = tmp / f"import{run}.sqlite"
        with Session.open(db, settings=Settings(user="bench")) as session:
            c0, t0 = _cpu(), time.perf_counter()
            report = import_sikb(session, path)
            runs.append(time.perf_counter() - t0)
            cpus.append(_cpu() - c0)
        t0 = time.perf_counter()
        etree.parse(str(path))
        parses.append(time.perf_counter() - t0)
        raws.append(_executemany(db, tmp / f"raw{run}.sqlite"))
    print(report.lines()[0], flush=True)
    print(f"import CPU {statistics.median(cpus):.1f} s; raw sqlite3 executemany of the same rows "
          f"{statistics.median(raws):.2f} s; load {os.getloadavg()[0]:.2f}", flush=True)
    print(line(f"fieldapp import sikb0101, {BOREHOLES} boreholes", statistics.median(runs), "s",
               "lxml parsing the file", statistics.median(parses), "absolute < 30 s", higher_is_better=False),
          flush=True)


def main() -> None:
    with tempfile.TemporaryDirectory(dir=os.environ.get("BENCH_DIR")) as d:
        bench_sikb_import(Path(d))


if __name__ == "__main__":
    main()
