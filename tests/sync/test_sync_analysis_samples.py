"""Analysis samples travel like any other record: to the hub and on to a second
device, composed by a sampler, changed by the coordinator, and converted from
a landed database's field composites."""

from __future__ import annotations

import shutil
from pathlib import Path

from helpers import data, device, enrolled, hub_data

from fieldapp.codelists import CodeLists
from fieldapp.domain import analysis_sample as mm
from fieldapp.domain import borehole, layer, project, sample
from fieldapp.domain.sample import Part
from fieldapp.hub.service import HubService
from fieldapp.session import Session
from fieldapp.settings import Settings
from fieldapp.store.verify import verify
from fieldapp.sync.engine import sync

LANDED = Path(__file__).parents[1] / "data" / "db" / "schema-0006-composites.sqlite"


def test_composed_by_a_sampler_changed_by_the_coordinator(hub: tuple[HubService, str], tmp_path: Path) -> None:
    service, url = hub
    a, b = device(tmp_path, "sampler"), device(tmp_path, "coordinator")
    ca, cb = enrolled(service, url, a, "sampler"), enrolled(service, url, b)
    proj = project.create(a, code="P1", name="Gasfabriek")
    field = []
    for n in (1, 2, 3):
        hole = borehole.create(a, proj.id, code=f"B0{n}")
        layer.add(a, hole.id, upper="0", lower="0.5", soil="Zs1h2")
        field.append(sample.create(a, proj.id, code=f"M0{n}", kind="field_sample", matrix="BS",
                                   parts=[Part(hole.id, "0", "0.5")]).id)
    made = mm.create(a, proj.id, code="MM1", field_sample_ids=field[:2], package="NEN5740_GROND")
    mm.update(a, made.id, field_sample_ids=field)  # one more part: a delete-free change of membership
    sync(a.store, ca)
    sync(b.store, cb)
    assert [m.code for m in mm.members(b.store, made.id)] == ["M01", "M02", "M03"]
    assert mm.get(b.store, made.id).analysis_package == "NEN5740_GROND"

    mm.update(b, made.id, field_sample_ids=field[1:], package="PAK10")  # a part taken out on the other device
    sync(b.store, cb)
    sync(a.store, ca)
    assert [m.code for m in mm.members(a.store, made.id)] == ["M02", "M03"]
    assert mm.get(a.store, made.id).analysis_package == "PAK10"
    assert data(a) == data(b) == hub_data(service)
    assert any(tbl == "analysis_sample_part" for tbl, _ in hub_data(service))
    for s in (a, b):
        verify(s.store)
    for x in (a, b, ca, cb):
        x.close()


def test_converted_field_composites_reach_the_hub_and_another_device(hub: tuple[HubService, str],
                                                                    tmp_path: Path) -> None:
    service, url = hub
    shutil.copy(LANDED, tmp_path / "landed.sqlite")
    a = Session.open(tmp_path / "landed.sqlite", settings=Settings(user="A. Bakker"), lists=CodeLists.load())
    b = device(tmp_path, "b")
    ca, cb = enrolled(service, url, a), enrolled(service, url, b)
    sync(a.store, ca)
    sync(b.store, cb)
    project_id = a.store.query("SELECT id FROM project")[0]["id"]
    on_b = {x.code: [m.code for m in mm.members(b.store, x.id)] for x in mm.of_project(b.store, project_id)}
    assert on_b == {"M02": ["M02-1", "M02-2", "M02-3"], "M03": ["M03-1", "M03-2"]}
    assert data(a) == data(b) == hub_data(service)
    verify(a.store)
    verify(b.store)
    for x in (a, b, ca, cb):
        x.close()
