"""The field's custody as the lab finds it: a cooler never sealed or never handed over is received with that
deviation on record; once the lab has received a cooler, the field can no longer pack, seal or hand it over."""

from __future__ import annotations

import pytest
from intake_helpers import cooler
from test_intake_report_lang import text_of

from fieldapp.domain import shipment
from fieldapp.domain.importer import BoreholeRecord, ContainerRecord, LayerRecord, SampleRecord, import_boreholes
from fieldapp.errors import CustodyError, RequiredFieldError
from fieldapp.intake import closing
from fieldapp.intake.receipt import open_shipment
from fieldapp.intake.report import render_receipt_pdf
from fieldapp.session import Session


def _jar(session: Session, project_id: str, code: str) -> list[str]:
    return import_boreholes(session, project_id, [BoreholeRecord(
        code="B" + code[-2:], layers=[LayerRecord(upper=0, lower=1, soil="Zs1")],
        samples=[SampleRecord(code="M" + code[-2:], matrix="BS", upper=0, lower=0.5,
                              sampled_at="2026-12-07T10:00:00+01:00",
                              containers=(ContainerRecord("Pot", barcode=code),))])]).container_ids


def test_a_cooler_never_sealed_nor_handed_over_is_received_with_both_deviations(session: Session) -> None:
    box = cooler(session, 2)
    packed_only = shipment.create(session, box.shipment.project_id, code="COC-9", lab=box.shipment.lab,
                                  container_ids=_jar(session, box.shipment.project_id, "FA-U0001"))
    receipt = open_shipment(session, "COC-9")
    assert receipt.scan("FA-U0001").outcome == "received"
    receipt.header.readings = [4.0]
    # no seal to find intact: the form starts from "absent", and the clerk changes it if one is there
    assert receipt.header.seal_state == "absent"
    assert [(d.subject, d.detail) for d in closing.deviations(receipt)] == [
        ("seal", "seal absent"),
        ("seal", "never sealed: no seal on the shipment record"),
        ("hand-over", "never handed over: no hand-over on the shipment record")]
    with pytest.raises(RequiredFieldError, match="consulted"):
        closing.close(receipt)
    receipt.header.consulted = "P. Jansen: analyse"
    found = closing.close(receipt)
    remarks = session.store.query("SELECT remarks FROM custody_event WHERE shipment_id = ? AND kind = 'received' "
                                  "AND container_id IS NULL", (packed_only.id,))[0]["remarks"]
    assert "never sealed" in remarks and "never handed over" in remarks
    assert "(no number) absent" in receipt.header.summary(receipt.rules)
    dutch = text_of(render_receipt_pdf(receipt, found))
    assert "nooit verzegeld: geen zegel in de zending" in dutch and "overdracht" in dutch


def test_a_sealed_and_handed_over_cooler_has_no_such_deviation(session: Session) -> None:
    box = cooler(session, 2)
    receipt = open_shipment(session, "COC-0001")
    for code in box.codes:
        receipt.scan(code)
    receipt.header.readings = [4.0]
    assert closing.deviations(receipt) == []


def test_a_received_cooler_is_no_longer_packed_sealed_or_handed_over(session: Session) -> None:
    box = cooler(session, 1, relinquish=False)
    ship = shipment.create(session, box.shipment.project_id, code="COC-9", lab=box.shipment.lab,
                           container_ids=_jar(session, box.shipment.project_id, "FA-U0001"))
    receipt = open_shipment(session, "COC-9")
    receipt.scan("FA-U0001")
    receipt.header.readings, receipt.header.consulted = [4.0], "P. Jansen: analyse"
    closing.close(receipt)
    before = session.store.count("custody_event")
    _jar(session, ship.project_id, "FA-U0002")
    refused = "Shipment COC-9 was received by the lab on "
    with pytest.raises(CustodyError, match=refused):
        shipment.add_barcodes(session, ship.id, ["FA-U0002"])
    with pytest.raises(CustodyError, match=refused):
        shipment.seal(session, ship.id, "S1")
    with pytest.raises(CustodyError, match=refused):
        shipment.relinquish(session, ship.id, by="J. de Vries")
    with pytest.raises(CustodyError, match=refused):
        shipment.remove_containers(session, ship.id, shipment.container_ids(session.store, ship.id), "mistake")
    assert session.store.count("custody_event") == before + 1  # only the new jar's filling
    assert open_shipment(session, "COC-9").missing() == []
