"""Garbage from a scanner: each a clear outcome, nothing written, nothing corrupted."""

from __future__ import annotations

import pytest
from intake_helpers import cooler, events, received_cooler

from fieldapp.intake import closing
from fieldapp.intake.receipt import open_shipment
from fieldapp.intake.rules import layouts, ungarble
from fieldapp.intake.scan import Outcome
from fieldapp.session import Session
from fieldapp.store.verify import verify


def journal_size(session: Session) -> int:
    return session.store.count("journal")


@pytest.mark.parametrize(("raw", "says"), [
    ("", "Empty scan"),
    ("\r\n", "Empty scan"),
    ("FA-" + "7" * 4093, "4,096 characters"),
    ("FAM1|" + "x" * 4091, "4,096 characters"),
    ("]C1\x1d0104012345", "control character (\\x1d at position 4)"),
    ("FA-T0001\x00", "control character (\\x00 at position 9)"),
    ("\x1b[A", "control character (\\x1b at position 1)"),
    ("hello world", "not a container code"),
    ("FAM1|COC=COC-0001|P=1/1|T=1|N=1|FA-T0001|ALL=0000000000000000|H=0000000000000000", "damaged"),
])
def test_garbage_is_named_and_writes_nothing(session: Session, raw: str, says: str) -> None:
    cooler(session, 3)
    receipt = open_shipment(session, "COC-0001")
    before = journal_size(session)
    result = receipt.scan(raw)
    assert result.outcome is Outcome.INVALID and says in result.message + result.hint
    assert not result.recorded and journal_size(session) == before
    assert len(result.code) <= 45  # a 4 KB scan is never echoed whole onto the screen
    assert closing.reconcile(receipt).unexpected == ()
    verify(session.store)


def test_a_code_from_a_closed_shipment_is_refused_with_where_it_was_received(session: Session) -> None:
    old = received_cooler(session, 2, coc="COC-0009", prefix="FA-OLD")
    cooler(session, 2)
    receipt = open_shipment(session, "COC-0001")
    before = journal_size(session)
    result = receipt.scan(old.codes[0])
    assert result.outcome is Outcome.CLOSED_SHIPMENT and "already received with COC COC-0009" in result.message
    # set apart in this cooler: recorded on this shipment (one event), the old receipt untouched
    assert journal_size(session) == before + 1 and result.recorded
    assert closing.reconcile(receipt).unexpected == (old.codes[0],)


def test_an_unknown_code_is_unexpected_once_and_a_repeat_is_a_duplicate(session: Session) -> None:
    box = cooler(session, 2)
    receipt = open_shipment(session, "COC-0001")
    assert receipt.scan("FA-NOTHERE01").outcome is Outcome.UNKNOWN
    assert receipt.scan("FA-NOTHERE01").outcome is Outcome.DUPLICATE
    assert receipt.scan("damaged jar").outcome is Outcome.INVALID
    assert receipt.mark_damaged().outcome is Outcome.INVALID  # nothing received yet to be damaged
    receipt.scan(box.codes[0])
    assert closing.reconcile(receipt).unexpected == ("FA-NOTHERE01",)
    assert [(e["kind"], e["barcode"], str(e["remarks"]).split(" (")[0]) for e in events(session, box.shipment.id)] == [
        ("rejected", None, "unexpected: FA-NOTHERE01"), ("received", box.codes[0], "None")]


@pytest.mark.parametrize(("prefix", "typed", "layout"), [
    # FA-T0001 on AZERTY: Q for A, ')' for '-', the digit row unshifted
    ("FA-T", "FQ)Tààà&", "AZERTY (French)"),
    # FA-Z0001 on QWERTZ: Y for Z, 'ß' for '-'
    ("FA-Z", "FAßY0001", "QWERTZ (German)"),
])
def test_a_code_garbled_by_a_keyboard_layout_is_recognised_but_never_taken_by_itself(
        session: Session, prefix: str, typed: str, layout: str) -> None:
    box = cooler(session, 1, prefix=prefix)
    receipt = open_shipment(session, "COC-0001")
    before = journal_size(session)
    result = receipt.scan(typed)
    assert (result.outcome, result.suggestion) == (Outcome.KEYBOARD_LAYOUT, box.codes[0])
    assert layout in result.message and "keyboard layout" in result.hint
    assert journal_size(session) == before and not receipt.received
    accepted = receipt.accept(result.suggestion)
    assert accepted.outcome is Outcome.RECEIVED and accepted.recorded


def test_every_layout_maps_back_to_distinct_characters() -> None:
    assert {layout.name for layout in layouts()} >= {"azerty-fr", "azerty-be", "qwertz-de", "qwertz-ch"}
    assert ("FA-7XWM", ["AZERTY (French)", "AZERTY (Belgian)"]) in ungarble("FQ)èXZ?")
    assert ungarble("FA1234") == [("FQ1234", ["AZERTY (French)", "AZERTY (Belgian)"])]  # only offered if it exists
