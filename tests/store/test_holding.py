"""Holding times per container (issue 15 item 4): the deadline from the sampling time and what the jar is
analysed for, shown on the lab order and in the shipment view; packing past it refused without a deviation."""

from __future__ import annotations

import io
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from pypdf import PdfReader

from fieldapp.check import run
from fieldapp.domain import analysis_sample, borehole, container, holding, layer, project, sample, shipment
from fieldapp.domain.deviation import DeviationDraft, Overrides
from fieldapp.domain.sample import Part
from fieldapp.intake.rules import lab_rules
from fieldapp.labels.coc import render_coc_pdf
from fieldapp.labels.from_store import shipment_coc
from fieldapp.rules import RuleError
from fieldapp.session import Session

LAB = "SYNLAB Analytics & Services, Rotterdam"


def _site(s: Session, *, days_ago: float, analyses: tuple[str, ...] = ("PAK (10 VROM)",),
          matrix: str = "BS", code: str = "M01", barcode: str = "FA-H001", project_id: str | None = None,
          ) -> tuple[str, str, str]:
    """A project (or the given one) with one borehole, one sample taken ``days_ago`` and one jar."""
    pid = project_id or project.create(s, code="P1", name="Holding", lab=LAB).id
    hole = borehole.create(s, pid, code=f"B{code}")
    layer.add(s, hole.id, upper="0", lower="1", soil="Zs1")
    taken = (datetime.now(UTC) - timedelta(days=days_ago)).isoformat(timespec="seconds")
    smp = sample.create(s, pid, code=code, kind="field_sample", matrix=matrix, parts=[Part(hole.id, "0", "0.5")],
                        sampled_at=taken, analyses=analyses)
    jar = container.add(s, smp.id, container_type="Pot", barcode=barcode)
    return pid, smp.id, jar.id


def test_the_deadline_comes_from_the_analysis_samples_package_over_the_jars_own_analyses(session: Session) -> None:
    pid, smp, jar = _site(session, days_ago=1, analyses=("PAK (10 VROM)",))
    rules = lab_rules(LAB)
    (own,) = holding.of_containers(session.store.conn, [jar], rules)
    assert own.hours == 336 and own.analysis == "PAK (10 VROM): naftaleen"
    analysis_sample.create(session, pid, code="MM1", field_sample_ids=[smp], package="NEN5740_GROND")
    (mixed,) = holding.of_containers(session.store.conn, [jar], rules)
    assert mixed.hours == 96 and mixed.analysis == "droge stof"
    assert mixed.deadline == own.deadline - timedelta(hours=336 - 96)  # type: ignore[operator]


def test_the_lab_order_and_the_shipment_view_show_each_jars_deadline(session: Session) -> None:
    pid, _smp, jar = _site(session, days_ago=1, analyses=("minerale olie (C10-C40)",))
    cooler = shipment.create(session, pid, lab=LAB, container_ids=[jar])
    (item,) = holding.packed(session.store, cooler)
    assert item.hours == 336 and item.deadline is not None
    due = item.deadline.astimezone().strftime("%Y-%m-%d %H:%M")
    coc = shipment_coc(session.store, cooler.code)
    assert coc.rows[0].deadline == due
    words = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(render_coc_pdf(coc))).pages)
    assert "Analyse vóór" in words and due in words


def test_asbestos_has_no_deadline_on_the_form(session: Session) -> None:
    pid, _smp, jar = _site(session, days_ago=40, analyses=("asbest",), matrix="ASB")
    cooler = shipment.create(session, pid, lab=LAB, container_ids=[jar])  # 40 days: still fine
    assert shipment_coc(session.store, cooler.code).rows[0].deadline is None
    words = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(render_coc_pdf(
        shipment_coc(session.store, cooler.code)))).pages)
    assert "geen termijn" in words


def test_packing_past_the_holding_time_is_refused_through_the_core(session: Session) -> None:
    pid, _smp, jar = _site(session, days_ago=15, analyses=("PAK (10 VROM)",))
    with pytest.raises(RuleError) as caught:
        shipment.create(session, pid, lab=LAB, container_ids=[jar])
    assert caught.value.rule.id == "holding_time_exceeded"
    assert "FA-H001" in caught.value.message and "PAK (10 VROM): naftaleen allows 336 h" in caught.value.message
    assert "afwijking" in caught.value.hint or "deviation" in caught.value.hint
    assert session.store.query("SELECT COUNT(*) AS n FROM shipment")[0]["n"] == 0  # nothing half-written
    assert session.store.query("SELECT COUNT(*) AS n FROM custody_event WHERE kind = 'packed'")[0]["n"] == 0


def test_with_a_deviation_the_late_jar_is_packed_and_check_reports_the_deviation(session: Session) -> None:
    pid, _smp, late = _site(session, days_ago=15, analyses=("PAK (10 VROM)",))
    _pid, _smp2, fresh = _site(session, days_ago=1, code="M02", barcode="FA-H002", project_id=pid)
    draft = DeviationDraft(rule_id="holding_time_exceeded", part="protocol 3001, conserveringstermijn",
                           nature="potje na de termijn verzonden", reason="opdrachtgever wil het indicatief weten",
                           consequences="PAK-gehalten mogelijk te laag; uitslag indicatief")
    cooler = shipment.create(session, pid, lab=LAB, container_ids=[late, fresh], overrides=Overrides([draft]))
    rows = session.store.query("SELECT object_kind, object_id, rule_id, reason FROM deviation")
    assert rows == [{"object_kind": "container", "object_id": late, "rule_id": "holding_time_exceeded",
                     "reason": "opdrachtgever wil het indicatief weten"}]  # the fresh jar needed none
    assert len(shipment.container_ids(session.store, cooler.id)) == 2
    found = [f for f in run(session.store.conn, pid) if f.rule_id == "holding_time_exceeded"]
    assert [(f.object_code, bool(f.deviation_id)) for f in found] == [("FA-H001", True)]


def test_check_finds_a_jar_received_after_its_holding_time(session: Session, tmp_path: Path) -> None:
    pid, _smp, jar = _site(session, days_ago=3.5, analyses=("NEN 5740 standaardpakket grond",))
    cooler = shipment.create(session, pid, lab=LAB, container_ids=[jar])  # 84 h: in time at packing
    assert not [f for f in run(session.store.conn, pid) if f.rule_id == "holding_time_exceeded"]
    from fieldapp.domain import custody

    custody.record(session, "received", container_id=jar, shipment_id=cooler.id,
                   at_laptop=(datetime.now(UTC) + timedelta(hours=20)).isoformat())  # the lab, 104 h after
    (found,) = [f for f in run(session.store.conn, pid) if f.rule_id == "holding_time_exceeded"]
    assert found.severity == "error" and not found.deviation_id
    assert "FA-H001" in found.message("nl") and "96 uur" in found.message("nl")
