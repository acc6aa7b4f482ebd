"""A borehole with what a log must show: described layers, overlapping samples in analysis samples,
two apparatus down the hole, a surface level in NAP; and two holes without a groundwater level, one
looked at and dry, one not measured. Used by test_borelog_samples.py and tools/borelog_example.py.

Everything is written through the core API, so the samples keep to the sampling rules: the
overlapping samples (M03-1 0-0.5 m and M03-2 0.3-0.8 m) lie in layers that differ in colour only.
"""

from __future__ import annotations

from pathlib import Path

from fieldapp.codelists import CodeLists
from fieldapp.domain import analysis_sample, borehole, boring_process, layer, project, sample
from fieldapp.domain.boring_process import Interval
from fieldapp.domain.layer import Admixture, Component
from fieldapp.domain.sample import Part
from fieldapp.session import Session
from fieldapp.settings import Settings

PROJECT = "2026-0173"

_PROCESS = """CREATE TABLE IF NOT EXISTS boring_process (
    id TEXT PRIMARY KEY, borehole_id TEXT NOT NULL, upper_cm INTEGER NOT NULL, lower_cm INTEGER,
    technique TEXT, apparatus TEXT, diameter_mm INTEGER, remarks TEXT)"""
_MEMBERS = """CREATE TABLE IF NOT EXISTS analysis_sample_part (
    id TEXT PRIMARY KEY, analysis_sample_id TEXT NOT NULL, field_sample_id TEXT NOT NULL)"""
_STATUS = "ALTER TABLE borehole ADD COLUMN groundwater_status TEXT"


def build(path: Path) -> None:
    with Session.open(path, settings=Settings(user="J. de Vries"), lists=CodeLists.load()) as session:
        proj = project.create(session, code=PROJECT, name="Voormalige gasfabriek Oosterkade",
                              client="Gemeente Utrecht", site_address="Oosterkade 12, Utrecht",
                              field_staff='["J. de Vries", "A. Bakker"]')
        hole = borehole.create(session, proj.id, code="B03", planned_x_rd=136_120.0, planned_y_rd=455_410.0,
                               sampler="J. de Vries, A. Bakker", started_at="2026-09-15T09:10:00+02:00",
                               technique="handDraaien", apparatus="Edelmanboor",
                               diameter_mm=70)
        for upper, lower, soil, kw in (
            ("0", "0.3", "Zs1h2", {"colour": "donkerbruin", "sand_median": "matigFijnNEN5104",
                                   "admixtures": [Admixture("puin", "zwak")],
                                   "components": [Component("wortels", "sporen")]}),
            ("0.3", "0.8", "Zs1", {"colour": "grijsbruin", "sand_median": "matigFijnNEN5104",
                                   "admixtures": [Admixture("puin", "zwak")]}),
            ("0.8", "1.4", "Kz1", {"colour": "lichtgrijs", "components": [Component("schelpen", "zwak")],
                                   "sand_median": "zeerFijnNEN5104", "oil_water": "geen"}),
            ("1.4", "2.1", "Vm", {"colour": "zeer donkerbruin", "components": [Component("planten", "resten")]}),
            ("2.1", "3.0", "Zs2g1", {"colour": "grijs", "sand_median": "matigGrofNEN5104",
                                     "gravel_median": "fijnNEN5104"}),
        ):
            layer.add(session, hole.id, upper=upper, lower=lower, soil=soil, smell="geen", **kw)  # type: ignore[arg-type]
        borehole.set_final_depth(session, hole.id, "3.00", "einddoel")
        borehole.set_groundwater(session, hole.id, "1.65")
        field = {}
        for code, upper, lower in (("M03-1", "0", "0.5"), ("M03-2", "0.3", "0.8"), ("M03-3", "0.8", "1.3"),
                                   ("M03-4", "1.4", "1.9"), ("M03-5", "2.1", "2.6")):
            field[code] = sample.create(session, proj.id, code=code, kind="field_sample", matrix="BS",
                                        parts=[Part(hole.id, upper, lower)]).id
        dry = borehole.create(session, proj.id, code="B04")
        layer.add(session, dry.id, upper="0", lower="1.0", soil="Zs1", colour="beige")
        borehole.set_final_depth(session, dry.id, "1.00", "obstakelPuin")
        unmeasured = borehole.create(session, proj.id, code="B05")
        layer.add(session, unmeasured.id, upper="0", lower="0.8", soil="Zs2", colour="bruin")
        borehole.set_final_depth(session, unmeasured.id, "0.80", "einddoel")

        with session.store.action("Surface levels") as tx:
            tx.update("borehole", hole.id, {"ground_level_nap_cm": 142})
            tx.update("borehole", dry.id, {"ground_level_nap_cm": 155})
        borehole.set_groundwater(session, dry.id, None, status="not_encountered")
        boring_process.save_intervals(session, hole.id, [Interval("0", "1.4", "handDraaien", "Edelmanboor", 70),
                                                         Interval("1.4", None, "handDrukkenZuiger", "Zuigerboor", 63)])
        for code, parts in (("MM1", ("M03-1", "M03-3")), ("MM2", ("M03-2",)), ("MM3", ("M03-1", "M03-4"))):
            analysis_sample.create(session, proj.id, code=code, field_sample_ids=[field[p] for p in parts],
                                   package="MINERALE_OLIE")
