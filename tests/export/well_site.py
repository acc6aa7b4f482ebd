"""A monitoring well for the borehole log, written through the core: PB01, kind peilbuis, 3.50 m deep
in sand, clay and sand again; the well's filter 2.00-3.00 m, filter gravel 1.80-3.20 m, bentonite seal
1.30-1.80 m, a PVC pipe of 25 mm in a street pot. Used by test_borelog_well.py and
tools/borelog_example.py --well."""

from __future__ import annotations

from pathlib import Path

from fieldapp.codelists import CodeLists
from fieldapp.domain import borehole, layer, project, well
from fieldapp.session import Session
from fieldapp.settings import Settings

PROJECT = "2026-0213"
SPEC = well.WellSpec(filter_top="2.00", filter_bottom="3.00", pipe_diameter_mm=25, pipe_material="pvc",
                     filter_diameter_mm=32, filter_material="pvc", slot_width_mm="0.3", gravel_top="1.80",
                     gravel_bottom="3.20", seal_top="1.30", seal_bottom="1.80", finish="straatpot", pipe_top="-0.05",
                     pipe_top_nap="0.72", placed_at="2026-11-09T10:30:00+01:00",
                     development="afgepompt tot helder water", development_minutes=20)


def build(path: Path) -> None:
    with Session.open(path, settings=Settings(user="J. de Vries"), lists=CodeLists.load()) as session:
        proj = project.create(session, code=PROJECT, name="Voormalige wasserij Dorpsstraat", client="Gemeente Houten",
                              site_address="Dorpsstraat 4, Houten", field_staff='["J. de Vries"]')
        hole = borehole.create(session, proj.id, code="PB01", kind="peilbuis", sampler="J. de Vries",
                               started_at="2026-11-09T09:00:00+01:00", technique="handDraaien",
                               apparatus="Edelmanboor", diameter_mm=110)
        for upper, lower, soil, colour in (("0", "1.2", "Zs1h1", "donkerbruin"), ("1.2", "2.0", "Kz2", "grijs"),
                                           ("2.0", "3.5", "Zs1", "lichtgrijs")):
            layer.add(session, hole.id, upper=upper, lower=lower, soil=soil, colour=colour, smell="geen")
        borehole.set_final_depth(session, hole.id, "3.50", "einddoel")
        borehole.set_groundwater(session, hole.id, "1.15")
        with session.store.action("Surface level") as tx:
            tx.update("borehole", hole.id, {"ground_level_nap_cm": 77})
        well.place(session, hole.id, SPEC)
