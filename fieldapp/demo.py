"""A realistic demo project, written through the same store API as the GUI.

The site is a fictitious former gasworks in Utrecht; the soil profiles follow
what a sampler finds there: a made-ground top layer with brick and cinders
over sand, clay and peat. Deterministic for a seed: the same seed gives the
same codes, depths, soils and positions (identifiers and clock times differ).

The field work is dated just before now, so that the lab's intake shows what
a lab sees on a normal day: every container within its holding time, except
one jar kept back from an earlier visit, which is out of time and went with a
recorded deviation (afwijking) of the projectleider.
"""

from __future__ import annotations

import contextlib
import math
import random
from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import UTC, datetime, time, timedelta
from typing import TYPE_CHECKING

from fieldapp import demo_child, demo_evidence, demo_wells
from fieldapp.demo_boreholes import KEPT_BACK, STEP, Job, borehole, chunk
from fieldapp.domain import (
    analysis_sample,
    lab_order,
    project,
    sample,
    shipment,
    staff,
)
from fieldapp.domain.common import dutch_time
from fieldapp.domain.deviation import DeviationDraft, Overrides
from fieldapp.domain.importer import (
    BoreholeRecord,
    PreparedImport,
    prepare_import,
    write_import,
)
from fieldapp.positions.rdnap import RdNap
from fieldapp.progress import Progress

if TYPE_CHECKING:
    from fieldapp.session import Session


@dataclass(frozen=True)
class DemoSummary:
    project_code: str
    boreholes: int
    layers: int
    samples: int
    containers: int
    shipments: int
    analysis_samples: int = 0
    wells: int = 0  # peilbuizen PB01.. beside the boreholes (fieldapp.demo_wells), from 4 boreholes up


# Below this many boreholes a second process costs more to start (about
# half a second, most of it the RDNAPTRANS2018 grids) than it saves.
_PARALLEL_FROM = 1000
_OWN_FIRST = 8  # chunks the writer makes while the child starts (about as long as its start on a laptop)
_PER_ANALYSIS_SAMPLE = 4  # boreholes whose samples make one analysis sample
_CHUNK = 20  # one cooler per 20 boreholes, as a van carries back at the end of a day
# A big demo is squeezed into this: every container must still be within the
# shortest holding time (NEN 5740 at 96 h) when the lab receives it today.
_SPAN = timedelta(hours=48)
_NL = dutch_time()  # the demo is a Dutch project: its field days are Dutch days
_DAY_ENDS = time(16, 0)


def _schedule(boreholes: int, now: datetime | None = None) -> tuple[datetime, timedelta]:
    """When the first borehole was started and the time between boreholes: the last one at the end of
    the latest field day (16:00 Dutch time) that lies at least three hours before now, so that its
    cooler (handed over two hours later) is in before now. A small demo is one day of work: made at
    03:30 it used to run over midnight, and its report counted a day more than an hour later."""
    step = min(STEP, _SPAN / max(1, boreholes))
    latest = (now or datetime.now(UTC)).astimezone(_NL) - timedelta(hours=3)
    day = latest.date() if latest.time() >= _DAY_ENDS else latest.date() - timedelta(days=1)
    end = datetime.combine(day, _DAY_ENDS, tzinfo=_NL).astimezone(UTC)
    return end - step * boreholes, step


def create(
    session: Session,
    *,
    boreholes: int = 12,
    seed: int = 1,
    project_code: str = "2026-0142",
    progress: Progress | None = None,
    parallel: bool | None = None,
) -> DemoSummary:
    """Write the demo project with ``boreholes`` boreholes in one batch.

    ``parallel``: make the boreholes in a second process (default: when
    there are enough of them to be worth starting one)."""
    start, step = _schedule(boreholes)
    counts = {"layers": 0, "samples": 0, "containers": 0, "shipments": 0}
    if parallel is None:
        parallel = boreholes >= _PARALLEL_FROM
    with _generator(parallel) as child, session.store.batch(f"Demo project {project_code}"):
        proj = project.create(
            session,
            code=project_code,
            name="Voormalige gasfabriek Croeselaan, Utrecht",
            client="Gemeente Utrecht",
            site_address="Croeselaan, 3521 Utrecht",
            standard="NEN 5740",
            lab="SYNLAB Analytics & Services, Rotterdam",
            field_staff=("J. de Vries", "A. Bakker"),
            start_date=(start - KEPT_BACK).date().isoformat(),  # the earlier visit of the kept-back jar
            required_position_class="DGPS50tot200cm",
            metadata=_metadata(boreholes, (start + step * boreholes).date().isoformat()),
        )
        people = _register(session, start)
        wells = _wells(session, proj.id, boreholes, seed, start, people)
        counts["samples"], counts["containers"] = wells.samples, len(wells.container_ids)
        done = 0
        for prepared in _prepared(session, proj.id, boreholes, seed, start, step, child, workers=tuple(people[:2])):
            result = write_import(session, prepared)
            for key in ("layers", "samples", "containers"):
                counts[key] += getattr(result, key)
            done += result.boreholes
            counts["shipments"] += 1
            first = counts["shipments"] == 1  # the wells' bottles go in the first cooler
            _ship(session, proj.id, counts["shipments"], result.container_ids + (wells.container_ids if first else []),
                  start + step * (done - 1), people[3])
            if progress is not None:
                progress(done, boreholes)
        composed = _compose(session, proj.id) + wells.wells
        _deviation(session, proj.id, people[3])
        demo_evidence.field_days(session, proj.id, people, seed)
        demo_evidence.sign_pfas_checklists(session, proj.id)
        demo_evidence.judge_asbestos(session, proj.id, start)
        demo_evidence.photos(session, proj.id)
    return DemoSummary(project_code, boreholes, counts["layers"], counts["samples"],
                       counts["containers"], counts["shipments"], composed, wells.wells)


def _wells(session: Session, project_id: str, boreholes: int, seed: int, start: datetime,
           people: list[str]) -> demo_wells.DemoWells:
    """The monitoring wells, their rounds and bottles (none in a demo of fewer than 4 boreholes), placed and
    sampled by J. de Vries (registered for protocols 2001 and 2002); the deviation decided by M. Jansen."""
    if boreholes < 4:
        return demo_wells.DemoWells(0, 0, [])
    rd, per_row = RdNap(), max(1, math.isqrt(boreholes))

    def make(n: int, when: datetime, at: tuple[float, float]) -> BoreholeRecord:
        return borehole(n, per_row, when, random.Random(f"{seed}/{n}"), rd, at)

    made = demo_wells.records(make, boreholes, per_row, start, people[0])
    return demo_wells.write(session, project_id, made, start, seed, people[0], people[3])


def _metadata(boreholes: int, end_date: str) -> dict[str, str]:
    """What the report and the SIKB0101 file carry; the site contour is the parcel around the borehole grid."""
    per_row = max(1, math.isqrt(boreholes))
    rows = -(-boreholes // per_row)
    x0, y0, x1, y1 = 135_890.0, 455_290.0, 135_910.0 + 15.0 * (per_row - 1), 455_310.0 + 15.0 * (rows - 1)
    return {
        "end_date": end_date, "investigation_type": "verkennendOnderzoekNEN5740",
        "investigation_reason": "bestemmingswijziging", "investigation_strategy": "VEP",
        "investigation_phase": "OO", "competent_authority": "Gemeente Utrecht", "asbestos_presence": "nietOnderzocht",
        "report_number": f"BMA-{boreholes:05d}-R01", "contractor": "Bodemadvies Midden B.V.",
        "contractor_kvk": "30123456", "process_certificate": "K91234/01",
        "site_contour": f"POLYGON (({x0} {y0}, {x1} {y0}, {x1} {y1}, {x0} {y1}, {x0} {y0}))",
    }


# The organisation's staff register: two experienced fieldworkers registered for the
# boreholes and soil samples (2001) and groundwater samples (2002), an assistant who works
# with them, and the projectleader who decides deviations. The registration numbers are
# made up in the form of the Bodem+ register's.
_STAFF = (
    ("J. de Vries", "experienced", "BBK-2001-04172", ("2001", "2002"), 3),
    ("A. Bakker", "experienced", "BBK-2001-05530", ("2001", "2002", "2018"), 2),
    ("S. Yilmaz", "assistant", None, (), None),
    ("M. Jansen", "projectleader", None, (), None),
)


def _register(session: Session, today: datetime) -> list[str]:
    """The register (once per database: a second demo project uses the same people); ids in _STAFF order."""
    held = {s.name: s.id for s in staff.register(session.store)}
    ids = []
    for name, role, number, protocols, years in _STAFF:
        if name not in held:
            until = today.replace(year=today.year + years).date().isoformat() if years else None
            held[name] = staff.create(session, name=name, role=role, registration_number=number,
                                      protocols=protocols, valid_until=until).id
        ids.append(held[name])
    return ids


def _deviation(session: Session, project_id: str, projectleader: str) -> None:
    """The projectleader's one deviation: a deeper sample (kept for a later phase, in no analysis
    sample) was taken over 0.6 m, the auger's full stroke in cohesive soil; the last such sample
    with 0.6 m of logged soil and no other sample below its top."""
    rows = session.store.query("""
        SELECT s.id, p.upper_cm FROM sample s JOIN sample_part p ON p.sample_id = s.id
        JOIN borehole b ON b.id = p.borehole_id
        WHERE s.project_id = ? AND s.kind = 'field_sample' AND p.upper_cm + 60 <= b.final_depth_cm
          AND s.id NOT IN (SELECT field_sample_id FROM analysis_sample_part)
          AND NOT EXISTS (SELECT 1 FROM sample_part o WHERE o.borehole_id = p.borehole_id AND o.id != p.id
                          AND o.upper_cm < p.upper_cm + 60 AND o.lower_cm > p.upper_cm)
        ORDER BY length(b.code) DESC, b.code DESC, p.upper_cm DESC LIMIT 1""", (project_id,))
    if not rows:
        return  # a tiny demo without such a sample
    why = ("Samenhangende grond: de boor bracht 0,6 m in een slag boven; het monster is niet gesplitst "
           "om de kern niet te verstoren.")
    risk = "Het gehalte is gemiddeld over 0,6 m; een dunne sterker verontreinigde band kan verdund zijn."
    drafts = [DeviationDraft(rule, "Protocol 2001, grondmonsters nemen", "", why, risk, projectleader)
              for rule in ("soil_sample_max_span", "soil_sample_layer_boundary")]
    upper = rows[0]["upper_cm"]
    sample.set_depth(session, rows[0]["id"], upper / 100, (upper + 60) / 100, overrides=Overrides(drafts))


@contextlib.contextmanager
def _generator(wanted: bool) -> Iterator[demo_child.Generator | None]:
    """The second process that makes the boreholes (see :func:`_prepared`), started before the
    project is written: its start-up (the imports, the RDNAPTRANS2018 grids) overlaps that."""
    if not wanted:
        yield None
        return
    with demo_child.started("fieldapp.demo_boreholes") as child:
        yield child


def _prepared(session: Session, project_id: str, boreholes: int, seed: int, start: datetime, step: timedelta,
              child: demo_child.Generator | None, *, workers: tuple[str, ...] = ()) -> Iterator[PreparedImport]:
    """The boreholes in chunks of one cooler each, in order, made and checked.

    A large project is made by a second process (``child``) while this one
    writes (fieldapp.demo_child): generating (random draws, the RDNAPTRANS2018
    inverse, the NMEA), checking the records against the rules and hashing
    the rows is half of the work, and on a laptop's second core it costs the
    writer nothing. Each borehole draws from its own seeded generator, so the
    result does not depend on which process made it.
    """
    jobs = [Job(seed, first, min(boreholes, first + _CHUNK), max(1, math.isqrt(boreholes)), start, project_id,
                 step, workers) for first in range(0, boreholes, _CHUNK)]
    if child is None:
        rd = RdNap()
        for job in jobs:
            yield prepare_import(session, job.project_id, chunk(job, rd))
        return
    # The child is still starting (the imports) when the writer gets here: it makes the first
    # few chunks itself meanwhile, and the child begins after them.
    own = jobs[:min(_OWN_FIRST, len(jobs) // 2)]
    child.send((session.lists.directory, session.actor, jobs[len(own):]), len(jobs) - len(own))
    rd = RdNap()
    for job in own:
        yield prepare_import(session, job.project_id, chunk(job, rd))
    yield from child.results(len(jobs) - len(own))


def _compose(session: Session, project_id: str) -> int:
    """The projectleider's analysis samples: per four neighbouring boreholes, the
    top samples (0-0.5 m) for the NEN 5740 soil package and those from 0.5 to 1.5 m
    for mineral oil (MM1 = B01 0-0.5 + B02 0-0.5 + B03 0-0.5 + B04 0-0.5, ...)."""
    groups: dict[tuple[int, bool], list[str]] = {}
    for sample_id, hole, upper in session.store.conn.execute(
            "SELECT s.id, b.code, p.upper_cm FROM sample s JOIN sample_part p ON p.sample_id = s.id "
            "JOIN borehole b ON b.id = p.borehole_id WHERE s.project_id = ? AND s.kind = 'field_sample' "
            "AND s.matrix = 'BS' ORDER BY b.code, p.upper_cm", (project_id,)):
        if upper < 150:  # deeper samples are kept for a later phase
            group = (int(hole[1:]) - 1) // _PER_ANALYSIS_SAMPLE
            groups.setdefault((group, upper >= 50), []).append(sample_id)
    plan = [analysis_sample.Composition(
        f"MM{n}", tuple(ids), "MINERALE_OLIE" if deep else "NEN5740_GROND",
        "ondergrond" if deep else "bovengrond") for n, ((_g, deep), ids) in enumerate(sorted(groups.items()), start=1)]
    return len(analysis_sample.compose_many(session, project_id, plan))


#: the projectleider's word on the kept-back jar: shipped past its holding time, as a recorded deviation
_KEPT_BACK_DEVIATION = DeviationDraft(
    rule_id="holding_time_exceeded", part="AS SIKB 3000 protocol 3001: conserveringstermijn",
    nature="Potje van een eerder bezoek na de conserveringstermijn naar het laboratorium gestuurd.",
    reason="De opdrachtgever wil een indicatie van de bovengrond bij B01 voordat er opnieuw wordt geboord.",
    consequences="Gehalten van afbreekbare en vluchtige stoffen kunnen te laag uitvallen; de uitslag is indicatief "
                 "en telt niet mee voor de toetsing.")


def _ship(session: Session, project_id: str, number: int, container_ids: list[str], when: datetime,
          projectleader: str) -> None:
    # the deviation names who decided it (BRL SIKB 2000 asks for it; `fieldapp inspect` checks it)
    decided = Overrides([replace(_KEPT_BACK_DEVIATION, staff_id=projectleader)])
    cooler = shipment.create(session, project_id, code=f"COC-{number:04d}",
                             lab="SYNLAB Analytics & Services, Rotterdam", container_ids=container_ids,
                             overrides=decided if number == 1 else None)
    if number == 1:  # the lab order; later coolers to the same lab start from it
        lab_order.set_order(session, cooler.id, lab_order.LabOrder(
            client_number="100234", quotation="OFF-2026-0417", results_name="M. van den Berg",
            results_email="m.vandenberg@bodemadvies.example", turnaround="normal", turnaround_days=5, as3000=True))
    shipment.seal(session, cooler.id, f"S{number:06d}")
    shipment.relinquish(session, cooler.id, by="J. de Vries", at=(when + timedelta(hours=2)).isoformat())
