"""The wells, sampling rounds and purge readings of a project, read for export in
three queries, with what a reader needs beside the stored values: the well volume,
purged volumes, drawdown, the slow-running flag and the reading where the stop rule
first held (fieldapp.domain.purge, the same computation as the round view)."""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING

from fieldapp.domain import purge
from fieldapp.domain import sampling_round as sr
from fieldapp.domain import well as well_mod
from fieldapp.domain.borehole import natural_key
from fieldapp.domain.common import from_row
from fieldapp.rules import default_book

if TYPE_CHECKING:
    from fieldapp.export.data import ProjectData, Row
    from fieldapp.session import Session


def load(session: Session, data: ProjectData) -> None:
    """Fill ``data.wells``, ``data.rounds`` and ``data.readings``."""
    pid = data.project["id"]
    if not session.store.query("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'purge_reading'"):
        return  # a file from before wells, opened read-only
    codes = {b["id"]: b["code"] for b in data.boreholes}
    wells = session.store.query("SELECT w.* FROM well w JOIN borehole b ON b.id = w.borehole_id "
                                "WHERE b.project_id = ?", (pid,))
    for w in wells:
        w["borehole_code"] = codes.get(w["borehole_id"], "")
        w["_code"] = well_mod.well_code(w["borehole_code"], w["tube_number"])
    wells.sort(key=lambda w: (natural_key(w["borehole_code"]), w["tube_number"]))
    by_id = {w["id"]: w for w in wells}
    readings: dict[str, list[Row]] = defaultdict(list)
    for r in session.store.query(
            "SELECT p.* FROM purge_reading p JOIN sampling_round r ON r.id = p.round_id "
            "JOIN well w ON w.id = r.well_id JOIN borehole b ON b.id = w.borehole_id WHERE b.project_id = ? "
            "ORDER BY p.volume_l", (pid,)):
        readings[r["round_id"]].append(r)
    rounds = session.store.query(
        "SELECT r.* FROM sampling_round r JOIN well w ON w.id = r.well_id JOIN borehole b ON b.id = w.borehole_id "
        "WHERE b.project_id = ? ORDER BY r.started_at", (pid,))
    book, rules = default_book(), purge.load()
    ordered: list[Row] = []
    for rnd in rounds:
        w = by_id[rnd["well_id"]]
        well = from_row(well_mod.Well, w)
        own = readings.get(rnd["id"], [])
        state = sr.assess(well, rnd["water_level_cm"], rnd["flow_ml_min"], rnd["drawdown_cm"],
                          [purge.as_reading(r) for r in own], book, rules)
        met = state.met
        rule = rules.rule(rnd["stop_rule"]) if rnd["stop_rule"] else None
        rnd.update(_well_code=w["_code"], _days=sr.days_since(w["placed_at"], rnd["started_at"]),
                   _surface_cm=well.below_surface(rnd["water_level_cm"]),
                   _well_volume_l=None if state.well_volume_l is None else round(state.well_volume_l, 3),
                   _purged_l=state.readings[-1].volume_l if state.readings else None,
                   _volumes=round(state.volumes_purged, 2) if state.readings else None,
                   _drawdown_cm=state.drawdown_cm, _slow=int(state.slow),
                   _stop_rule_nl=rule.nl if rule else None)
        for r in own:
            r.update(_well_code=w["_code"], _started_at=rnd["started_at"],
                     _stop=int(met is not None and met.reading.id == r["id"]))
        ordered.append(rnd)
    ordered.sort(key=lambda r: (natural_key(r["_well_code"]), r["started_at"]))
    data.wells = wells
    data.rounds = ordered
    by_round = {r["id"]: r for r in ordered}
    wanted = {d.get("_sample_id") for d in data.deviations}  # the samples' rounds only where a deviation asks
    round_of = {s["id"]: s.get("sampling_round_id") for s in data.samples if s["id"] in wanted} if wanted else {}
    # a deviation on a round, or on a groundwater sample or bottle of one: drawn under its peilbuis's log
    for d in data.deviations:
        round_id = d.get("object_id") if d.get("object_id") in by_round else round_of.get(d.get("_sample_id") or "")
        found = by_round.get(round_id or "")
        if found is not None:
            d["object_code"] = d.get("object_code") or sr.round_code(found["_well_code"], found["started_at"])
            d["borehole_id"] = by_id[found["well_id"]]["borehole_id"]
    data.readings = [r for rnd in ordered for r in readings.get(rnd["id"], [])]
