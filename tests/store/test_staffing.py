"""The staff register, field days and the staffing rules of resources/rules/staffing.json (issue 15 item 1).

Each staffing rule is broken as a field crew would break it, through the core (register, field
day, borehole and sample writes), and `fieldapp check` names it with its Dutch message; bad
register input is refused with one message and nothing is written.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from tests_store_helpers import refused

from fieldapp import check, demo
from fieldapp.domain import borehole, field_day, layer, project, sample, staff, staffing
from fieldapp.domain.sample import Part
from fieldapp.errors import DuplicateCodeError, ValidationError
from fieldapp.rules import Finding, default_book
from fieldapp.session import Session
from fieldapp.settings import Settings

DAY = "2026-03-10"


@pytest.fixture
def crew(session: Session) -> dict[str, str]:
    proj = project.create(session, code="P1", name="Gasfabriek", site_address="Croeselaan, Utrecht",
                          start_date="2026-03-01")
    vries = staff.create(session, name="J. de Vries", role="experienced", registration_number="BBK-1",
                         protocols=["2001", "2002"], valid_until="2027-12-31")
    soil_only = staff.create(session, name="P. Smit", role="experienced", registration_number="BBK-2",
                             protocols=["2001"], valid_until="2027-12-31")
    lapsed = staff.create(session, name="K. Visser", role="experienced", registration_number="BBK-3",
                          protocols=["2001", "2002"], valid_until="2026-02-28")
    yilmaz = staff.create(session, name="S. Yilmaz", role="assistant")
    de_boer = staff.create(session, name="L. de Boer", role="assistant")
    return {"project": proj.id, "vries": vries.id, "smit": soil_only.id, "visser": lapsed.id, "yilmaz": yilmaz.id,
            "boer": de_boer.id}


def _hole(session: Session, crew: dict[str, str], who: str, code: str = "B01") -> str:
    hole = borehole.create(session, crew["project"], code=code, started_at=f"{DAY}T09:00:00+01:00",
                           staff_id=crew[who])
    layer.add(session, hole.id, upper="0", lower="1", soil="Zs1", colour="bruin")
    return hole.id


def _staffing(session: Session, crew: dict[str, str]) -> list[Finding]:
    return staffing.findings(session.store.conn, crew["project"], default_book())


def _only(found: list[Finding], rule_id: str) -> Finding:
    mine = [f for f in found if f.rule_id == rule_id]
    assert len(mine) == 1, found
    assert all(f.rule_id == rule_id for f in found), [f.rule_id for f in found]
    return mine[0]


def test_a_crew_as_the_rules_want_it_has_no_finding(session: Session, crew: dict[str, str]) -> None:
    hole = _hole(session, crew, "vries")
    sample.create(session, crew["project"], code="M1", kind="field_sample", matrix="BS",
                  parts=[Part(hole, "0", "0.5")], sampled_at=f"{DAY}T09:30:00+01:00", staff_id=crew["vries"])
    field_day.record(session, crew["project"], DAY, weather="droog, 8 °C", staff_ids=[crew["vries"], crew["yilmaz"]])
    assert _staffing(session, crew) == []
    assert sample.get(session.store, session.store.query("SELECT id FROM sample")[0]["id"]).staff_id == crew["vries"]


def test_an_assistant_alone_on_site(session: Session, crew: dict[str, str]) -> None:
    _hole(session, crew, "yilmaz")
    field_day.record(session, crew["project"], DAY, staff_ids=[crew["yilmaz"]])
    found = _staffing(session, crew)
    alone = [f for f in found if f.rule_id == "staffing_experienced_per_protocol"]
    assert len(alone) == 1 and alone[0].object_kind == "field_day" and alone[0].object_code == DAY
    assert "protocol 2001 zonder een ervaren veldwerker" in alone[0].message_nl
    assert "S. Yilmaz (assistent)" in alone[0].message_nl
    # and an assistant without any registered fieldworker is one too many
    assert {f.rule_id for f in found} == {"staffing_experienced_per_protocol", "staffing_assistants_per_fieldworker"}


def test_groundwater_needs_a_fieldworker_registered_for_2002(session: Session, crew: dict[str, str]) -> None:
    well = borehole.create(session, crew["project"], code="PB1", kind="peilbuis", started_at=f"{DAY}T08:00:00+01:00",
                           staff_id=crew["smit"])
    sample.create(session, crew["project"], code="GW1", kind="groundwater", matrix="GW",
                  parts=[Part(well.id, "2", "3")], sampled_at=f"{DAY}T11:00:00+01:00", staff_id=crew["smit"])
    field_day.record(session, crew["project"], DAY, staff_ids=[crew["smit"]])
    f = _only(_staffing(session, crew), "staffing_experienced_per_protocol")
    assert "protocol 2002" in f.message_nl and "P. Smit (ervaren veldwerker)" in f.message_nl
    assert "(waarde niet bevestigd)" in f.source_in("nl")  # the BRL paragraph could not be checked


def test_at_most_one_assistant_per_registered_fieldworker(session: Session, crew: dict[str, str]) -> None:
    _hole(session, crew, "vries")
    field_day.record(session, crew["project"], DAY, staff_ids=[crew["vries"], crew["yilmaz"], crew["boer"]])
    f = _only(_staffing(session, crew), "staffing_assistants_per_fieldworker")
    assert f.message_nl.startswith(f"Veldwerkdag {DAY}: 2 assistent(en) op 1 geregistreerde ervaren veldwerker(s)")
    assert "ten hoogste 1 assistent per veldwerker" in f.message_nl


def test_a_registration_valid_on_the_day(session: Session, crew: dict[str, str]) -> None:
    _hole(session, crew, "visser")
    field_day.record(session, crew["project"], DAY, staff_ids=[crew["visser"]])
    found = _staffing(session, crew)
    lapsed = [f for f in found if f.rule_id == "staffing_registration_valid"]
    assert len(lapsed) == 1
    assert lapsed[0].message_nl.startswith(f"K. Visser werkte op {DAY} als ervaren veldwerker, maar de registratie "
                                           "liep af op 2026-02-28")
    assert lapsed[0].message_en.endswith("or record who did the work.")
    # lapsed, so nobody registered for 2001 was there either
    assert {f.rule_id for f in found} == {"staffing_registration_valid", "staffing_experienced_per_protocol"}
    # the renewed registration puts it right
    staff.update(session, crew["visser"], name="K. Visser", role="experienced", registration_number="BBK-3",
                 protocols=["2001", "2002"], valid_until="2029-02-28")
    assert _staffing(session, crew) == []


def test_a_day_of_work_without_a_field_day(session: Session, crew: dict[str, str]) -> None:
    _hole(session, crew, "vries")
    f = _only(_staffing(session, crew), "staffing_field_day_recorded")
    assert f.severity == "warning" and f.object_kind == "project"
    assert f.message_nl.startswith(f"Op {DAY} is gewerkt (1 boring), maar er is geen veldwerkdag vastgelegd")


def test_work_that_does_not_say_who_did_it(session: Session, crew: dict[str, str]) -> None:
    hole = borehole.create(session, crew["project"], code="B01", started_at=f"{DAY}T09:00:00+01:00")
    field_day.record(session, crew["project"], DAY, staff_ids=[crew["vries"]])
    f = _only(_staffing(session, crew), "staffing_work_staff_recorded")
    assert (f.object_kind, f.object_id, f.field) == ("borehole", hole.id, "staff")
    assert f.message_nl.startswith("Bij de boring B01 is niet vastgelegd wie het werk deed.")
    staff.set_worker(session, "borehole", hole.id, crew["vries"])
    assert _staffing(session, crew) == []


def test_the_staffing_findings_are_part_of_fieldapp_check(session: Session, crew: dict[str, str]) -> None:
    _hole(session, crew, "yilmaz")
    rules = {f.rule_id for f in check.run(session.store.conn, crew["project"])}
    assert {"staffing_experienced_per_protocol", "staffing_field_day_recorded"} <= rules


@pytest.mark.parametrize(("fields", "field", "words"), [
    ({"name": " ", "role": "experienced"}, "name", ("name is empty",)),
    ({"name": "X", "role": "chef"}, "role", ("chef",)),
    ({"name": "X", "role": "experienced", "protocols": ["2001"]}, "registration number",
     ("registration number",)),
    ({"name": "X", "role": "assistant", "protocols": ["20o1"]}, "protocols", ("'20o1'", "protocol")),
    ({"name": "X", "role": "experienced", "registration_number": "B-1", "valid_until": "31-12-2027"}, "valid until",
     ("'31-12-2027' is not a date",)),
])
def test_bad_register_input_is_refused(session: Session, fields: dict[str, object], field: str,
                                       words: tuple[str, ...]) -> None:
    err = refused(session, ValidationError, words, lambda: staff.create(session, **fields))  # type: ignore[arg-type]
    assert isinstance(err, ValidationError) and err.field == field


def test_work_names_someone_in_the_register(session: Session, crew: dict[str, str]) -> None:
    refused(session, ValidationError, ("not in the staff register",),
            lambda: borehole.create(session, crew["project"], code="B09", staff_id="nobody"))
    refused(session, ValidationError, ("not in the staff register",),
            lambda: field_day.record(session, crew["project"], DAY, staff_ids=["nobody"]))


def test_one_field_day_per_project_and_day(session: Session, crew: dict[str, str]) -> None:
    day = field_day.record(session, crew["project"], DAY, weather="regen", staff_ids=[crew["vries"]])
    assert day.site == "Croeselaan, Utrecht"  # the project's site unless another is given
    refused(session, DuplicateCodeError, (DAY, "already recorded"),
            lambda: field_day.record(session, crew["project"], DAY))
    changed = field_day.update(session, day.id, weather="droog", staff_ids=[crew["vries"], crew["yilmaz"]],
                               protocols=["2018"])
    assert (changed.weather, changed.protocols, set(changed.staff_ids)) == (
        "droog", ("2018",), {crew["vries"], crew["yilmaz"]})
    assert [d.id for d in field_day.of_project(session.store, crew["project"])] == [day.id]


def test_the_demo_register_passes_the_staffing_rules(tmp_path: Path) -> None:
    with Session.open(tmp_path / "demo.sqlite", settings=Settings(user="J. de Vries")) as session:
        code = demo.create(session, boreholes=6, seed=2).project_code
        proj = project.by_code(session.store, code)
        people = staff.register(session.store)
        assert {(p.name, p.role) for p in people} >= {("J. de Vries", "experienced"), ("A. Bakker", "experienced"),
                                                      ("S. Yilmaz", "assistant")}
        assert all({"2001", "2002"} <= set(p.protocols) and p.registration_number
                   for p in people if p.role == "experienced")
        assert staffing.findings(session.store.conn, proj.id, default_book()) == []
        assert session.store.query("SELECT COUNT(*) AS n FROM borehole WHERE staff_id IS NULL")[0]["n"] == 0
        days = field_day.of_project(session.store, proj.id)
        assert days and all(d.weather and d.staff_ids for d in days)
