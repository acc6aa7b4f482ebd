"""The scan loop and closing a receipt, as a lab clerk relies on them."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from intake_helpers import cooler, events

from fieldapp.domain import shipment
from fieldapp.errors import RequiredFieldError
from fieldapp.intake import closing
from fieldapp.intake.receipt import open_shipment
from fieldapp.intake.scan import Outcome
from fieldapp.session import Session
from fieldapp.store.verify import verify


def test_a_full_cooler_reconciles_and_closes_into_the_custody_record(session: Session) -> None:
    box = cooler(session, 50)
    other = cooler(session, 3, coc="COC-0002", prefix="FA-X")
    receipt = open_shipment(session, "COC-0001")
    scanned = box.codes[:48]
    outcomes = [receipt.scan(code).outcome for code in scanned]
    assert outcomes == [Outcome.RECEIVED] * 48
    assert receipt.scan(box.codes[5].lower() + "\r\n").outcome is Outcome.DUPLICATE
    stray = receipt.scan(other.codes[0])
    assert stray.outcome is Outcome.OTHER_SHIPMENT and "COC-0002" in stray.message
    damaged = receipt.mark_damaged(box.codes[10], "jar cracked, leaking")
    assert damaged.outcome is Outcome.DAMAGED and damaged.recorded
    assert receipt.mark_damaged(box.codes[10]).outcome is Outcome.DUPLICATE
    rec = closing.reconcile(receipt)
    assert (rec.expected, rec.received, rec.missing, rec.unexpected, rec.duplicates, rec.damaged) == (
        50, 48, tuple(box.codes[48:]), (other.codes[0],), 1, (box.codes[10],))

    receipt.header.readings = [4.1, 4.5, 3.9]
    receipt.header.seal_number = "SEAL-COC-0001"
    with pytest.raises(RequiredFieldError, match="consulted"):
        closing.close(receipt)  # deviations need the customer's word first
    receipt.header.consulted = "P. Jansen (client), by phone 10:15: analyse the rest, resample the missing"
    found = closing.close(receipt)
    assert {(d.kind, d.subject) for d in found} >= {("missing", box.codes[48]), ("unexpected", other.codes[0]),
                                                    ("damaged", box.codes[10])}

    got = events(session, box.shipment.id)
    received = [e["barcode"] for e in got if e["kind"] == "received" and e["barcode"]]
    assert sorted(received) == sorted(scanned)  # one event per container, the duplicate scan wrote none
    rejected = {e["barcode"]: e["remarks"] for e in got if e["kind"] == "rejected" and e["barcode"]}
    assert rejected == {box.codes[10]: "damaged: jar cracked, leaking",
                        box.codes[48]: closing.MISSING_REASON, box.codes[49]: closing.MISSING_REASON}
    (set_apart,) = [e for e in got if e["kind"] == "rejected" and e["barcode"] is None]
    assert str(set_apart["remarks"]).startswith(f"unexpected: {other.codes[0]} (other_shipment): ")
    (cooler_event,) = [e for e in got if e["kind"] == "received" and e["barcode"] is None]
    assert "P. Jansen" in str(cooler_event["remarks"]) and other.codes[0] in str(cooler_event["remarks"])
    ship = shipment.get(session.store, box.shipment.id)
    assert ship.received_by == "J. de Vries" and ship.received_at and ship.temperature_c == pytest.approx(4.17)
    assert ship.condition == "seal intact, 4.2 °C, 48 of 50 received, 2 missing, 1 unexpected, 1 damaged"
    assert events(session, other.shipment.id) == []  # the stray container's own shipment is untouched
    verify(session.store)

    again = open_shipment(session, "COC-0001")
    assert again.closed and len(again.received) == 48 and again.damaged == {box.codes[10]: "jar cracked, leaking"}
    late = again.scan(box.codes[49])
    assert late.outcome is Outcome.RECEIPT_CLOSED and not late.recorded
    assert len(events(session, box.shipment.id)) == len(got)


def test_scans_survive_a_crash_and_a_reopened_receipt_counts_them(session: Session) -> None:
    box = cooler(session, 5)
    first = open_shipment(session, "COC-0001")
    for code in box.codes[:3]:
        first.scan(code)
    second = open_shipment(session, "COC-0001")  # the desk's laptop restarted
    assert set(second.received) == set(box.codes[:3])
    assert second.scan(box.codes[0]).outcome is Outcome.DUPLICATE
    assert second.scan(box.codes[3]).outcome is Outcome.RECEIVED


def test_holding_time_is_checked_from_sampling_time_and_the_labs_rules(session: Session) -> None:
    old = datetime.now(UTC) - timedelta(days=5)
    box = cooler(session, 2, sampled=old, analyses=("NEN 5740 standaardpakket grond",))
    fresh = cooler(session, 1, coc="COC-0002", prefix="FA-F", sampled=old, analyses=("Metalen",))
    receipt = open_shipment(session, "COC-0001")
    result = receipt.scan(box.codes[0])
    assert result.outcome is Outcome.HOLDING_TIME and result.recorded
    assert "NEN 5740 standaardpakket grond: droge stof allows 96 h" in result.message
    assert open_shipment(session, "COC-0002").scan(fresh.codes[0]).outcome is Outcome.RECEIVED  # 28 days
    assert open_shipment(session, "COC-0001").late.keys() == {box.codes[0]}


def test_temperature_out_of_range_and_a_broken_seal_are_deviations(session: Session) -> None:
    box = cooler(session, 1)
    receipt = open_shipment(session, "COC-0001")
    receipt.scan(box.codes[0])
    receipt.header.readings = [9.0, 10.2]
    receipt.header.seal_state = "broken"
    receipt.header.seal_number = "SEAL-OTHER"
    kinds = [(d.kind, d.detail) for d in closing.deviations(receipt)]
    assert ("temperature", "cooler at 9.6 °C, outside 1-8 °C (SYNLAB Analytics & Services)") in kinds
    assert ("seal", "seal broken") in kinds
    assert ("seal", "seal number SEAL-OTHER differs from the COC (SEAL-COC-0001)") in kinds


def test_a_changed_receipt_time_needs_a_reason(session: Session) -> None:
    box = cooler(session, 1)
    receipt = open_shipment(session, "COC-0001")
    receipt.scan(box.codes[0])
    receipt.header.readings = [4.0]
    receipt.header.received_at = "2026-11-28T07:50:00+01:00"
    with pytest.raises(RequiredFieldError, match="without a reason"):
        closing.close(receipt)
    receipt.header.time_reason = "cooler delivered 07:50, scanned after the morning meeting"
    closing.close(receipt)
    assert shipment.get(session.store, box.shipment.id).received_at == "2026-11-28T06:50:00.000Z"
