"""The asbestos judgements, NEN 5707 inspection pits and trenches with their sieved
fractions, and the signed PFAS equipment checklists of a project, read for export
(issue 15 items 3, 4): the evidence an inspector asks to see beside the boreholes."""

from __future__ import annotations

from typing import TYPE_CHECKING

from fieldapp.domain import asbestos, pfas
from fieldapp.domain.borehole import natural_key
from fieldapp.domain.common import loads_list

if TYPE_CHECKING:
    from fieldapp.export.data import ProjectData
    from fieldapp.session import Session


def load(session: Session, data: ProjectData) -> None:
    """Fill ``data.asbestos``, ``data.pits``, ``data.fractions`` and ``data.pfas``."""
    store, pid = session.store, data.project["id"]
    if not store.query("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'inspection_fraction'"):
        return  # a file from before asbestos and PFAS, opened read-only
    codes = {b["id"]: b["code"] for b in data.boreholes}
    names = {s["id"]: s["name"] for s in data.staff}
    conn = store.conn
    current = {j.id for j in asbestos.latest(conn, project_id=pid).values()}
    why = asbestos.suspicions(conn, project_id=pid)
    judgements = store.query("SELECT j.* FROM asbestos_judgement j JOIN borehole b ON b.id = j.borehole_id "
                             "WHERE b.project_id = ?", (pid,))
    for j in judgements:
        found = why.get(j["borehole_id"])
        j.update(borehole_code=codes.get(j["borehole_id"], ""), _current=int(j["id"] in current),
                 _staff_name=names.get(j["staff_id"] or ""),
                 _admixture=found.admixture if found else None, _layer=found.layer if found else None)
    judgements.sort(key=lambda j: (natural_key(j["borehole_code"]), j["id"]))  # UUIDv7: oldest first
    kinds = asbestos.load().kinds
    pits = store.query("SELECT * FROM inspection_pit WHERE project_id = ?", (pid,))
    for p in pits:
        kind = kinds.get(p["kind"])
        p.update(borehole_code=codes.get(p["borehole_id"] or ""), _kind_nl=kind.nl if kind else None,
                 _sad_meetpunttype=kind.sad_meetpunttype if kind else None)
    pits.sort(key=lambda p: natural_key(p["code"]))
    order = {p["id"]: n for n, p in enumerate(pits)}
    fractions = store.query("SELECT f.* FROM inspection_fraction f JOIN inspection_pit p "
                            "ON p.id = f.inspection_pit_id WHERE p.project_id = ?", (pid,))
    pit_codes = {p["id"]: p["code"] for p in pits}
    for f in fractions:
        f["inspection_pit_code"] = pit_codes.get(f["inspection_pit_id"])
    fractions.sort(key=lambda f: (order.get(f["inspection_pit_id"], -1), f["upper_cm"], f["sieve_mm"]))
    items = {i.id: i.nl for i in pfas.load().checklist}
    checklists = store.query("SELECT * FROM pfas_checklist WHERE project_id = ? ORDER BY day, fieldworker, id",
                             (pid,))
    for c in checklists:
        ticked = loads_list(c["items"])
        c.update(_items="; ".join(str(i) for i in ticked),
                 _items_nl="; ".join(items.get(str(i), str(i)) for i in ticked))
    data.asbestos, data.pits, data.fractions, data.pfas = judgements, pits, fractions, checklists
