"""The demo project's monitoring wells (issue 13): three peilbuizen placed ten days
before the soil boreholes, each sampled once. PB01 and PB02 purge until EC is stable
over at least five well volumes; PB03 is slow-running (more than 50 cm drawdown at
100 ml/min), falls dry before three volumes and is sampled after recovery, which the
projectleider records as a deviation. Each groundwater sample has its bottles (metals
filtered with HNO3, volatiles in glass vials, mineral oil in glass) and an analysis
sample for the NEN 5740 groundwater package; the bottles go in the first cooler.
"""

from __future__ import annotations

import math
import random
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from fieldapp.domain import analysis_sample, bottle, purge, well
from fieldapp.domain import groundwater_sample as gw
from fieldapp.domain import sampling_round as sr
from fieldapp.domain.borehole_closing import Completion
from fieldapp.domain.boring_process import Interval
from fieldapp.domain.deviation import DeviationDraft, Overrides
from fieldapp.domain.importer import BoreholeRecord, LayerRecord, prepare_import, write_import
from fieldapp.domain.purge import Reading

if TYPE_CHECKING:
    from fieldapp.session import Session

WELLS = 3
PLACED_BEFORE = timedelta(days=10)  # before the first soil borehole; the rule asks for at least 7 days
_PROFILE = (("0", "0.5", "Zs1h2", "bruin"), ("0.5", "1.2", "Zs1", "beige"), ("1.2", "2.0", "Kz1", "grijs"),
            ("2.0", "3.0", "Zs2", "grijs"), ("3.0", "3.5", "Zs1", "grijs"))
_SPEC = well.WellSpec(filter_top="2.00", filter_bottom="3.00", pipe_diameter_mm=25, pipe_material="pvc",
                      filter_diameter_mm=32, filter_material="pvc", slot_width_mm="0.3", gravel_top="1.80",
                      gravel_bottom="3.20", seal_top="1.30", seal_bottom="1.80", finish="straatpot",
                      pipe_top="-0.05", development="afgepompt tot helder water", development_minutes=20)
_FELL_DRY = DeviationDraft(
    "purge_stop_rule_required", "BRL SIKB 2000 protocol 2002, voorpompen", "",
    "Slecht lopende peilbuis: viel na 2 liter (2,1 putvolume) droog bij 100 ml/min; bemonsterd na herstel "
    "van de stand, zoals het protocol voor droogvallende peilbuizen toelaat.",
    "Het monster kan deels uit het filtergrind komen; troebelheid en zuurstof kunnen hoger zijn. "
    "Resultaten met voorbehoud rapporteren.")
_ANALYSES = ("NEN 5740 standaardpakket grondwater",)


@dataclass(frozen=True)
class DemoWells:
    wells: int
    samples: int
    container_ids: list[str]


def records(make: Callable[[int, datetime, tuple[float, float]], BoreholeRecord], first_n: int, per_row: int,
            start: datetime, staff_id: str | None = None) -> list[BoreholeRecord]:
    """The wells' boreholes (kind peilbuis, closed), made by the demo's own borehole
    generator for their positions, between the soil boreholes of the grid."""
    columns = max(1, per_row - 1)
    out = []
    for k in range(WELLS):
        placed = start - PLACED_BEFORE + timedelta(hours=k)
        at = (135_907.5 + 15.0 * (k % columns), 455_307.5 + 15.0 * (k // columns))
        base = make(first_n + k, placed, at)
        layers = [LayerRecord(upper=u, lower=lo, soil=soil, colour=colour, smell="geen", oil_water="geen")
                  for u, lo, soil, colour in _PROFILE]
        completion = Completion(
            processes=(Interval(0, 1.2, "handDraaien", "Edelmanboor", 125),
                       Interval(1.2, None, "handDrukkenZuiger", "Zuigerboor", 100)),
            backfill="bentoniet", groundwater=1.1, surface_method="GNSS", surface_accuracy_cm=10,
            antenna_height_m=2.0, closed=True)
        out.append(replace(base, code=f"PB{k + 1:02d}", kind="peilbuis", diameter_mm=125, final_depth=3.5,
                           layers=layers, samples=(), completion=completion, staff_id=staff_id))
    return out


def _purge(rng: random.Random, well_volume: float, slow: bool) -> list[Reading]:
    """Readings every half litre as a field form has them: EC settling from the pipe's
    standing water to the aquifer's, O2 falling; a slow well drawn down until it runs dry."""
    ec_start, ec_end = rng.uniform(900, 1300), rng.uniform(550, 750)
    out: list[Reading] = []
    for i in range(1, 30):
        volume = 0.5 * i
        fade = math.exp(-volume / 1.1)
        out.append(Reading(
            volume_l=volume, ec_us_cm=round(ec_end + (ec_start - ec_end) * fade + rng.uniform(-3, 3)),
            ph=round(6.7 - 0.3 * fade + rng.uniform(-0.02, 0.02), 2),
            temperature_c=round(11.0 + 0.8 * fade + rng.uniform(-0.05, 0.05), 1),
            turbidity_ntu=round(4.5 + 40 * fade + rng.uniform(0, 0.5), 1),
            o2_mg_l=round(max(0.3, 6.5 - 0.55 * volume), 1),
            water_level_cm=110 + (min(95, 25 * i) if slow else 2 + i % 2)))
        if slow and volume >= 2.0:
            return out  # the pump ran dry
        if not slow and purge.first_met(out, well_volume, False) is not None:
            return out
    return out


def create(session: Session, project_id: str, hole_ids: list[str], start: datetime, seed: int,
           sampler: str | None = None, projectleader: str | None = None) -> DemoWells:
    """Place the wells in their boreholes, sample each once, fill and compose the bottles."""
    container_ids: list[str] = []
    samples = 0
    for k, hole_id in enumerate(hole_ids):
        rng = random.Random(f"{seed}/well/{k}")
        slow = k == WELLS - 1
        placed = start - PLACED_BEFORE + timedelta(hours=k)
        made = well.place(session, hole_id, replace(_SPEC, placed_at=placed.isoformat()))
        began = start - timedelta(hours=3) + timedelta(minutes=55 * k)
        started = sr.start(session, made.id, sr.RoundSpec(
            started_at=began.isoformat(), water_level="1.05", pump_type="peristaltischePomp", intake="2.50",
            flow_ml_min=100 if slow else 500, staff_id=sampler))
        state = sr.state(session.store, started.id)
        readings = [replace(r, measured_at=(began + timedelta(minutes=(30 if slow else 1) * n)).isoformat())
                    for n, r in enumerate(_purge(rng, state.well_volume_l or 1.0, slow), start=1)]
        sr.add_readings(session, started.id, readings)
        seen = replace(sr.NONE_OBSERVED, groundwater_level_dropped_too_much=slow, sample_aerated=slow)
        fell_dry = Overrides([replace(_FELL_DRY, staff_id=projectleader)]) if slow else None
        sr.finish(session, started.id, observations=seen, overrides=fell_dry)
        taken_at = began + timedelta(minutes=(30 if slow else 1) * (len(readings) + 1) + 5)
        taken = gw.take(session, started.id, code=f"GW{k + 1:02d}", sampled_at=taken_at.isoformat(),
                        analyses=_ANALYSES, staff_id=sampler)
        samples += 1
        for package, kind, material, volume, preservation, filtered in (
                ("ZWARE_METALEN", "Fles", "PE", 100, "HNO3", True), ("VOCL", "Vial", "G", 40, None, False),
                ("BTEX", "Vial", "G", 40, None, False), ("MINERALE_OLIE", "Fles", "G", 1000, None, False)):
            filled = bottle.fill(session, taken.id, package=package, container_type=kind, material=material,
                                 volume_ml=volume, preservation=preservation, filtered=filtered,
                                 collected_at=taken_at.isoformat())
            container_ids.append(filled.id)
        name = well.well_code(f"PB{k + 1:02d}", made.tube_number)
        analysis_sample.create(session, project_id, code=f"MM-GW{k + 1:02d}", field_sample_ids=[taken.id],
                               package="NEN5740_GRONDWATER", remarks=f"grondwater {name}")
    return DemoWells(len(hole_ids), samples, container_ids)


def write(session: Session, project_id: str, made: list[BoreholeRecord], start: datetime, seed: int,
          sampler: str | None = None, projectleader: str | None = None) -> DemoWells:
    result = write_import(session, prepare_import(session, project_id, made))
    ids = [row["id"] for row in session.store.query(
        "SELECT id FROM borehole WHERE project_id = ? AND kind = 'peilbuis' ORDER BY code", (project_id,))]
    return create(session, project_id, ids[:result.boreholes], start, seed, sampler, projectleader)
