"""A project with the demo boreholes plus the two logs the issue names: 12 layers, and 25 m deep."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from fieldapp import demo
from fieldapp.domain import borehole, layer, project, sample
from fieldapp.domain.borehole import PositionEvidence
from fieldapp.domain.layer import Admixture
from fieldapp.domain.sample import Part
from fieldapp.session import Session

PROJECT = "2026-0142"
# after the demo project's start and not in the future (the date rules of resources/rules/sampling.json)
YESTERDAY = (datetime.now().astimezone() - timedelta(days=1)).replace(hour=9, minute=10, second=0, microsecond=0)
TWELVE = [  # (upper, lower, soil, colour, admixtures): a made-ground site over Holocene clay and peat
    ("0.00", "0.15", "Zs1h2", "bruin", (Admixture("puin", "zwak"),)),
    ("0.15", "0.40", "Zs2h1", "grijs", (Admixture("baksteen", "matig"), Admixture("sintels", "sporen"))),
    ("0.40", "0.60", "Zs1g1", "zwart", (Admixture("slakken", "zwak"),)),
    ("0.60", "0.90", "Zs1", "beige", ()),
    ("0.90", "1.10", "Kz1", "grijs", ()),
    ("1.10", "1.50", "Ks2", "grijs", ()),
    ("1.50", "1.70", "Ks3h1", "bruin", ()),
    ("1.70", "2.20", "Vm", "bruin", ()),
    ("2.20", "2.40", "Vk1", "bruin", ()),
    ("2.40", "2.80", "Lz1", "grijs", ()),
    ("2.80", "3.20", "Zs1", "grijs", ()),
    ("3.20", "3.50", "Gz2", "grijs", ()),
]


def _deep(session: Session, hole_id: str) -> None:
    soils = ["Zs1h1", "Zs2", "Ks1", "Ks2", "Kz2", "Vm", "Vk1", "Zs1", "Zs3", "Kz1", "Lz1", "Zs1g1", "Gz1"]
    for i in range(13):
        upper, lower = i * 25 / 13, (i + 1) * 25 / 13
        layer.add(session, hole_id, upper=f"{upper:.2f}", lower=f"{lower:.2f}" if i < 12 else "25.00",
                  soil=soils[i], colour="grijs", smell="geen", oil_water="geen")


@pytest.fixture(scope="module")
def export_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from fieldapp.codelists import CodeLists
    from fieldapp.settings import Settings

    path = tmp_path_factory.mktemp("export") / "field.sqlite"
    with Session.open(path, settings=Settings(user="J. de Vries"), lists=CodeLists.load()) as session:
        demo.create(session, boreholes=6, seed=3, project_code=PROJECT)
        proj = project.by_code(session.store, PROJECT)
        b12 = borehole.create(session, proj.id, code="B12L", kind="boring", planned_x_rd=135_950.0,
                              planned_y_rd=455_320.0, sampler="A. Bakker", started_at=YESTERDAY.isoformat())
        borehole.set_position(session, b12.id, PositionEvidence(
            lat=52.08646, lon=5.10935, h_ell=46.1, x_rd=None, y_rd=None, nap_m=None, fix_type="rtk_fixed",
            sats=17, hdop=0.6, sigma_m=0.012, sigma_source="gst", epoch_count=30, span_s=29.0, spread_n_m=0.004,
            spread_e_m=0.005, drms2_m=0.02, position_class="RTKGPS0tot2cm",
            raw_nmea="$GPGGA,091012.00,5205.18760,N,00506.56100,E,4,17,0.6,1.2,M,44.7,M,,*5A\r\n"))
        for upper, lower, soil, colour, mixes in TWELVE:
            layer.add(session, b12.id, upper=upper, lower=lower, soil=soil, colour=colour, smell="geen",
                      oil_water="geen", admixtures=mixes)
        borehole.set_final_depth(session, b12.id, "3.50", "einddoel")
        borehole.set_groundwater(session, b12.id, "1.35")
        sample.create(session, proj.id, code="M12L-1", kind="field_sample", matrix="BS",
                      parts=[Part(b12.id, "0.15", "0.40")], analyses=["NEN 5740 standaardpakket grond"])
        sample.create(session, proj.id, code="M12L-2", kind="field_sample", matrix="BS",
                      parts=[Part(b12.id, "1.10", "1.50")])
        deep = borehole.create(session, proj.id, code="B25M", kind="peilbuis", planned_x_rd=135_960.0,
                               planned_y_rd=455_320.0, sampler="A. Bakker",
                               started_at=(YESTERDAY + timedelta(hours=2)).isoformat())
        _deep(session, deep.id)
        borehole.set_final_depth(session, deep.id, "25.00", "einddoel")
        borehole.set_groundwater(session, deep.id, "2.10")
        sample.create(session, proj.id, code="M25M-1", kind="field_sample", matrix="BS",
                      parts=[Part(deep.id, "12.00", "12.50")])
    return path


@pytest.fixture
def export_session(export_db: Path) -> Iterator[Session]:
    from fieldapp.codelists import CodeLists
    from fieldapp.settings import Settings

    s = Session.open(export_db, settings=Settings(user="coordinator"), lists=CodeLists.load())
    yield s
    s.close()
