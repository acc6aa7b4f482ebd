"""The demo's boreholes, each made from its own seeded generator, and the generator process.

A large demo is made by a second process while the first writes (fieldapp.demo, fieldapp.demo_child):
``python -m fieldapp.demo_boreholes``. It is a module of its own so that the process imports only
what making and checking boreholes needs, not the rest of the demo (wells, evidence, shipments):
it starts sooner, and the writer makes fewer chunks itself or waits less for the first.
"""

from __future__ import annotations

import pickle
import random
import sys
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from typing import Any

from fieldapp import demo_child, demo_nmea
from fieldapp.codelists import CodeLists
from fieldapp.domain.borehole import evidence_from_average
from fieldapp.domain.borehole_closing import Completion
from fieldapp.domain.boring_process import Interval
from fieldapp.domain.common import Recorder
from fieldapp.domain.importer import (
    BoreholeRecord,
    ContainerRecord,
    LayerRecord,
    SampleRecord,
    hash_rows,
    pack_rows,
    prepare_import,
)
from fieldapp.domain.layer import Admixture, Component
from fieldapp.positions.rdnap import RdNap, RdPoint

_TOP_SOILS = ("Zs1h2", "Zs1h1", "Zs2h2", "Kz1h2")
_DEEP_SOILS = ("Zs1", "Zs2", "Zs1g1", "Kz1", "Kz2", "Ks1", "Ks2", "Ks3", "Vm", "Vk1", "Lz1", "Zs3")
_ADMIXTURES = ("puin", "baksteen", "sintels", "slakken", "kolen")
_GRADES = ("sporen", "zwak", "matig")
_COLOURS = ("bruin", "grijs", "zwart", "beige")
_ANTENNA_M = 2.0  # the demo receiver's pole
_ANALYSES = ("NEN 5740 standaardpakket grond", "PAK (10 VROM)", "minerale olie (C10-C40)", "PFAS")
STEP = timedelta(minutes=25)  # a hand auger borehole with its samples
KEPT_BACK = timedelta(days=15)  # past the 336 h of PAK, mineral oil and PFAS: out of holding time


@dataclass(frozen=True)
class Job:
    """What the generator needs to make and check the boreholes [first, end)."""

    seed: int
    first: int
    end: int
    per_row: int
    start: datetime
    project_id: str
    step: timedelta = STEP
    workers: tuple[str, ...] = ()  # staff ids of the fieldworkers, taking turns per borehole


def chunk(job: Job, rd: RdNap) -> list[BoreholeRecord]:
    """The boreholes and their samples, each by the fieldworker whose turn it was."""
    return [borehole(n, job.per_row, job.start + job.step * n, random.Random(f"{job.seed}/{n}"), rd,
                      staff_id=job.workers[n % len(job.workers)] if job.workers else None)
            for n in range(job.first, job.end)]


def serve() -> None:
    """The child's side of :func:`fieldapp.demo._prepared`: jobs in on stdin, checked chunks out on stdout."""
    out = sys.stdout.buffer
    sys.stdout = sys.stderr  # nothing but chunks on the pipe
    rd = RdNap()  # the grids read while the parent writes the project (it sends the jobs after)
    # stdin unbuffered: a buffered reader's lock, held by the thread blocked in reading the
    # acknowledgements, made the interpreter abort at exit (SIGABRT, about 1 start in 10)
    stdin = open(sys.stdin.fileno(), "rb", buffering=0, closefd=False)  # noqa: SIM115 - lives as long as the child
    lists_dir, actor, jobs = demo_child.read_work(stdin)
    taken = demo_child.Taken(stdin)
    recorder = Recorder(CodeLists.load(lists_dir), actor)
    for sent, job in enumerate(jobs):
        prepared = prepare_import(recorder, job.project_id, chunk(job, rd))
        # Hash the rows on this core while the writer has a chunk waiting; when it has none
        # (this process is the slower one) the writer hashes them as it writes, so that
        # neither waits for the other: the same hashes either way.
        if sent - taken.count >= 1:
            hash_rows(prepared)
            pack_rows(prepared)  # the hashed rows as tuples: less to pickle here and to unpickle there
        data = pickle.dumps(prepared, protocol=pickle.HIGHEST_PROTOCOL)
        out.write(len(data).to_bytes(8, "big") + data)
        out.flush()


def borehole(n: int, per_row: int, when: datetime, rng: random.Random, rd: RdNap,
              planned: tuple[float, float] | None = None, *, staff_id: str | None = None) -> BoreholeRecord:
    # a 15 m grid in RD metres, measured 0.3 m off the plan on average, on
    # ground about 1.2 m above NAP; the ETRS89 position a receiver would have
    # reported comes from the official inverse transformation
    planned_x, planned_y = planned or (135_900.0 + 15.0 * (n % per_row), 455_300.0 + 15.0 * (n // per_row))
    x = round(planned_x + rng.gauss(0, 0.3), 3)
    y = round(planned_y + rng.gauss(0, 0.3), 3)
    nap = round(1.2 + rng.uniform(-0.3, 0.3), 3)
    # the receiver sits on a 2 m pole: its NAP height is the antenna's, the surface level 2 m below
    antenna_nap = round(nap + _ANTENNA_M, 3)
    etrs = rd.from_rd(x, y, antenna_nap)
    sats, hdop, sigma = rng.randint(8, 16), round(rng.uniform(0.7, 1.4), 1), round(rng.uniform(0.4, 1.2), 2)
    for _unused in range(3):  # drawn as before the raw NMEA was made, so a seed's layers stay as they were
        rng.uniform(0, 1)
    # the position and its evidence as a live session saves them: from the receiver's NMEA
    average = demo_nmea.measured(etrs.lat, etrs.lon, etrs.h, when, sats=sats, hdop=hdop, sigma_m=sigma,
                                 rng=random.Random(f"{n}/nmea"))
    evidence = replace(evidence_from_average(average, RdPoint(x, y, antenna_nap), "gst"), sats=sats, hdop=hdop)
    layers: list[LayerRecord] = []
    depth = 0
    for i in range(rng.randint(3, 8)):
        thickness = rng.choice((20, 30, 40, 50, 60, 80))
        soil = rng.choice(_TOP_SOILS) if i == 0 else rng.choice(_DEEP_SOILS)
        mixes = (Admixture(rng.choice(_ADMIXTURES), rng.choice(_GRADES)),) if i == 0 and rng.random() < 0.6 else ()
        colour = rng.choice(_COLOURS)
        layers.append(LayerRecord(upper=depth / 100, lower=(depth + thickness) / 100, soil=soil,
                                  colour=colour, admixtures=mixes, oil_water="geen",
                                  smell="geen", **_description(soil, colour, i, random.Random(f"{n}/{i}"))))
        depth += thickness
    chosen = sorted(rng.sample(layers, k=min(len(layers), rng.randint(2, 4))), key=lambda x: float(x.upper))
    samples = []
    for j, lay in enumerate(chosen):
        top = round(float(lay.upper) * 100)
        bottom = min(round(float(lay.lower) * 100), top + 50)
        jars = tuple(ContainerRecord("Pot", material="G", volume_ml=250) for _ in range(rng.randint(1, 3)))
        taken = when
        if n == 0 and j == 0:  # the one jar kept back from an earlier visit: intake's out-of-time case
            jars, taken = jars[:1], when - KEPT_BACK
        samples.append(SampleRecord(code=f"M{n + 1:02d}-{j + 1}", matrix="BS", upper=top / 100,
                                    lower=bottom / 100, sampled_at=taken.isoformat(),
                                    analyses=(rng.choice(_ANALYSES),), containers=jars, staff_id=staff_id))
    return BoreholeRecord(
        code=f"B{n + 1:02d}", planned_x_rd=planned_x, planned_y_rd=planned_y, technique="handDraaien",
        apparatus="Edelmanboor", diameter_mm=70, started_at=when.isoformat(), position=evidence,
        final_depth=depth / 100, stop_criterion="einddoel", layers=layers, samples=samples,
        completion=_completion(depth, rng), staff_id=staff_id,
    )


def _completion(depth_cm: int, rng: random.Random) -> Completion:
    """Complete and closed: an Edelman auger above the water table and a piston
    sampler below it when the hole goes deeper; the drilled soil put back.
    (Drawn after everything else, so the rest of a seed's demo stays as it was.)"""
    water_cm = rng.randrange(90, 200, 10)
    processes: tuple[Interval, ...]
    if depth_cm > water_cm + 20:
        processes = (Interval(0, water_cm / 100, "handDraaien", "Edelmanboor", 70),
                     Interval(water_cm / 100, None, "handDrukkenZuiger", "Zuigerboor", 63))
        groundwater: dict[str, Any] = {"groundwater": water_cm / 100}
    else:  # the hole stayed above the water table
        processes = (Interval(0, None, "handDraaien", "Edelmanboor", 70),)
        groundwater = {"groundwater_status": "not_encountered"}
    return Completion(processes=processes, backfill="verwijderdMateriaal", surface_method="GNSS",
                      surface_accuracy_cm=rng.choice((5, 10, 15)), antenna_height_m=_ANTENNA_M, closed=True,
                      **groundwater)
def _description(soil: str, colour: str, i: int, rng: random.Random) -> dict[str, Any]:
    """Kleursterkte, bijkleur, medians and natural components of a demo layer, as a sampler describes them.

    Drawn from the layer's own generator, so the rest of the demo is the same with or without them."""
    out: dict[str, Any] = {"colour_shade": "donker" if i == 0 else rng.choice((None, "licht", "donker")),
                           "secondary_colour": rng.choice((None, None, "grijs" if colour != "grijs" else "blauw"))}
    if soil.startswith("Z") or "z" in soil:
        out["sand_median"] = rng.choice(("zeerFijnNEN5104", "matigFijnNEN5104", "matigGrofNEN5104"))
    if "g" in soil:
        out["gravel_median"] = "fijnNEN5104"
    if i == 0:
        out["components"] = (Component("wortels", rng.choice(("sporen", "zwak"))),)
    elif soil.startswith("K") and rng.random() < 0.5:
        out["components"] = (Component("schelpen", rng.choice(("sporen", "zwak"))),)
    elif soil.startswith("V"):
        out["components"] = (Component("planten", "resten"),)
    return out


if __name__ == "__main__":
    serve()
