"""PFAS sampling (issue 15 item 4): containers from the allow-list per matrix, the equipment checklist per day."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from fieldapp.check import run
from fieldapp.domain import analysis_sample, borehole, container, layer, pfas, project, sample
from fieldapp.domain.importer import BoreholeRecord, ContainerRecord, LayerRecord, SampleRecord, import_boreholes
from fieldapp.domain.sample import Part
from fieldapp.rules import RuleError
from fieldapp.session import Session

EVERYTHING = [item.id for item in pfas.load().checklist]
TAKEN = (datetime.now(UTC) - timedelta(hours=5)).replace(microsecond=0)


def _water(s: Session, analyses: tuple[str, ...] = ("PFAS",), code: str = "GW1") -> tuple[str, str]:
    existing = s.store.query("SELECT id FROM project WHERE code = 'P1'")
    pid = existing[0]["id"] if existing else project.create(s, code="P1", name="PFAS").id
    hole = borehole.create(s, pid, code=f"B{code}", kind="peilbuis")
    layer.add(s, hole.id, upper="0", lower="3", soil="Zs1")
    smp = sample.create(s, pid, code=code, kind="groundwater", matrix="GW", parts=[Part(hole.id, "2", "3")],
                        sampled_at=TAKEN.isoformat(), analyses=analyses)
    return pid, smp.id


def test_glass_for_pfas_in_groundwater_is_refused_with_the_reason(session: Session) -> None:
    _pid, smp = _water(session)
    with pytest.raises(RuleError) as caught:
        container.add(session, smp, container_type="Fles", material="G", barcode="FA-P001")
    assert caught.value.rule.id == "pfas_container_not_allowed" and caught.value.field == "material"
    assert "PFAS adsorb to glass" in caught.value.message
    assert "PFAS hechten aan glas" in caught.value.message_in("nl") and "polypropyleen" in caught.value.hint_in("nl")
    assert session.store.query("SELECT COUNT(*) AS n FROM container")[0]["n"] == 0
    with pytest.raises(RuleError, match="not on the list"):
        container.add(session, smp, container_type="Pot", material="HDPE", barcode="FA-P002")  # a jar, not a bottle
    unknown = container.add(session, smp, container_type="Fles", barcode="FA-P003")  # material not said: a warning
    (found,) = [f for f in run(session.store.conn, _pid) if f.rule_id == "pfas_container_material_unknown"]
    assert found.object_id == unknown.id and found.severity == "warning"
    assert container.add(session, smp, container_type="Fles", material="HDPE", barcode="FA-P004").barcode == "FA-P004"


def test_a_sample_not_for_pfas_takes_any_container(session: Session) -> None:
    _pid, smp = _water(session, analyses=("minerale olie (C10-C40)",))
    assert container.add(session, smp, container_type="Fles", material="G", barcode="FA-P010")


def test_the_import_refuses_a_ptfe_bottle_for_pfas_too(session: Session) -> None:
    pid = project.create(session, code="P2", name="Import").id
    hole = BoreholeRecord(code="B1", layers=[LayerRecord(upper=0.0, lower=1.0, soil="Zs1")], samples=[
        SampleRecord(code="M1", matrix="BS", upper=0.0, lower=0.5, sampled_at=TAKEN.isoformat(), analyses=("PFAS",),
                     containers=(ContainerRecord("Pot", material="PTFE"),))])
    with pytest.raises(RuleError, match="PTFE"):
        import_boreholes(session, pid, [hole])
    assert session.store.query("SELECT COUNT(*) AS n FROM sample")[0]["n"] == 0


def test_check_finds_a_glass_bottle_that_became_a_pfas_jar_through_its_analysis_sample(session: Session) -> None:
    pid, smp = _water(session, analyses=())
    jar = container.add(session, smp, container_type="Fles", material="G", barcode="FA-P020")
    pfas.sign(session, pid, day=TAKEN.astimezone().date().isoformat(), fieldworker="J. de Vries", ticked=EVERYTHING)
    assert not [f for f in run(session.store.conn, pid) if f.rule_id.startswith("pfas_")]
    analysis_sample.create(session, pid, code="MM1", field_sample_ids=[smp], package="PFAS")
    (found,) = [f for f in run(session.store.conn, pid) if f.rule_id.startswith("pfas_")]
    assert (found.rule_id, found.object_id, found.severity) == ("pfas_container_not_allowed", jar.id, "error")
    assert "glas" in found.message("nl")


def test_the_checklist_is_signed_only_with_every_point_ticked_once_a_day(session: Session) -> None:
    pid = project.create(session, code="P3", name="Checklist").id
    with pytest.raises(RuleError) as caught:
        pfas.sign(session, pid, day="2026-12-01", fieldworker="J. de Vries", ticked=EVERYTHING[1:])
    assert caught.value.rule.id == "pfas_checklist_incomplete" and "PTFE" in caught.value.message
    with pytest.raises(Exception, match="not a date"):
        pfas.sign(session, pid, day="gisteren", fieldworker="J. de Vries", ticked=EVERYTHING)
    signed = pfas.sign(session, pid, day="2026-12-01", fieldworker="J. de Vries", ticked=EVERYTHING)
    assert signed.items == tuple(EVERYTHING)
    with pytest.raises(Exception, match="already signed"):
        pfas.sign(session, pid, day="2026-12-01", fieldworker="J. de Vries", ticked=EVERYTHING)
    assert [c.fieldworker for c in pfas.of_project(session.store.conn, pid)] == ["J. de Vries"]


def test_a_pfas_sample_on_a_day_without_a_signed_checklist_is_a_finding(session: Session) -> None:
    pid, smp = _water(session)
    container.add(session, smp, container_type="Fles", material="PP", barcode="FA-P030")
    day = TAKEN.astimezone().date().isoformat()
    pfas.sign(session, pid, day=(TAKEN - timedelta(days=1)).astimezone().date().isoformat(),
              fieldworker="J. de Vries", ticked=EVERYTHING)  # the day before does not count
    (found,) = [f for f in run(session.store.conn, pid) if f.rule_id.startswith("pfas_")]
    assert (found.rule_id, found.object_code) == ("pfas_checklist_missing", "GW1") and day in found.message("nl")
    pfas.sign(session, pid, day=day, fieldworker="A. Bakker", ticked=EVERYTHING)
    assert not [f for f in run(session.store.conn, pid) if f.rule_id.startswith("pfas_")]


def test_a_pfas_sample_needs_the_signature_of_the_fieldworker_who_took_it(session: Session) -> None:
    from fieldapp.domain import staff

    pid, _ = _water(session, analyses=("NEN 5740 standaardpakket grondwater",), code="GW1")  # not for PFAS
    bakker = staff.create(session, name="A. Bakker", role="experienced", registration_number="BBK-2001-05530",
                          protocols=("2001", "2002"))
    hole = borehole.create(session, pid, code="BGW2", kind="peilbuis")
    layer.add(session, hole.id, upper="0", lower="3", soil="Zs1")
    smp = sample.create(session, pid, code="GW2", kind="groundwater", matrix="GW", parts=[Part(hole.id, "2", "3")],
                        sampled_at=TAKEN.isoformat(), analyses=("PFAS",), staff_id=bakker.id)
    container.add(session, smp.id, container_type="Fles", material="PP", barcode="FA-P040")
    day = TAKEN.astimezone().date().isoformat()
    pfas.sign(session, pid, day=day, fieldworker="J. de Vries", ticked=EVERYTHING)  # someone else that day
    (found,) = [f for f in run(session.store.conn, pid) if f.rule_id.startswith("pfas_")]
    assert (found.rule_id, found.object_code) == ("pfas_checklist_missing", "GW2")
    assert "(A. Bakker)" in found.message("nl")
    pfas.sign(session, pid, day=day, fieldworker="A. Bakker", ticked=EVERYTHING)  # by name, not by register id
    assert not [f for f in run(session.store.conn, pid) if f.rule_id.startswith("pfas_")]
