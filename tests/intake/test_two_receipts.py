"""Two receipts open on one cooler (the intake window on one desk, `fieldapp intake scan` or a second window on
another, over the same lab file) never record one container as received twice. Before, each receipt knew
only the scans it had read when it opened, so the second scan of a container wrote a second "received"
custody event: a duplicated record in the chain of custody, and the two receipts' counts disagreed."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from intake_helpers import Cooler, cooler, events
from pytestqt.qtbot import QtBot

from fieldapp.intake import closing
from fieldapp.intake.receipt import Receipt, open_shipment
from fieldapp.intake.scan import Outcome
from fieldapp.session import Session
from fieldapp.settings import Settings
from fieldapp.store.verify import verify
from ui.intake.window import IntakeWindow


@contextmanager
def two_desks(tmp_path: Path, jars: int) -> Iterator[tuple[Session, Session, Cooler, Receipt, Receipt]]:
    """One lab file open at two desks, each with a receipt of the same cooler opened before either scans."""
    db = tmp_path / "lab.sqlite"
    with Session.open(db, settings=Settings(user="L. Smit")) as first_desk, \
            Session.open(db, settings=Settings(user="P. Bakker")) as second_desk:
        box = cooler(first_desk, jars)
        yield (first_desk, second_desk, box, open_shipment(first_desk, "COC-0001"),
               open_shipment(second_desk, "COC-0001"))


def test_a_container_received_at_another_desk_is_a_duplicate_here(tmp_path: Path) -> None:
    with two_desks(tmp_path, 4) as (first_desk, second_desk, box, here, there):
        assert here.scan(box.codes[0]).outcome is Outcome.RECEIVED
        assert here.scan(box.codes[1]).outcome is Outcome.RECEIVED
        again = there.scan(box.codes[0])  # the same jar, scanned at the other desk after the first
        assert again.outcome is Outcome.DUPLICATE and not again.recorded, again
        assert "already received" in again.message
        assert there.scan(box.codes[2]).outcome is Outcome.RECEIVED
        assert here.scan(box.codes[2]).outcome is Outcome.DUPLICATE
        received = [e["barcode"] for e in events(first_desk, box.shipment.id) if e["kind"] == "received"]
        assert sorted(received) == sorted(box.codes[:3])  # each once
        # the desk that saw a duplicate counts it as received, so its reconciliation agrees with the file
        assert set(there.received) == {box.codes[0], box.codes[2]}
        assert list(closing.reconcile(open_shipment(second_desk, "COC-0001")).missing) == [box.codes[3]]
        verify(first_desk.store)


def test_the_window_says_a_jar_the_command_line_received_is_a_duplicate(qtbot: QtBot, tmp_path: Path) -> None:
    db = tmp_path / "lab.sqlite"
    with Session.open(db, settings=Settings(user="L. Smit")) as lab, \
            Session.open(db, settings=Settings(user="P. Bakker")) as command_line:
        box = cooler(lab, 3)
        window = IntakeWindow(lab, open_shipment(lab, "COC-0001"), reports=tmp_path / "receipts")
        qtbot.addWidget(window)
        window.show()
        assert open_shipment(command_line, "COC-0001").scan(box.codes[1]).outcome is Outcome.RECEIVED
        window.field.scanned.emit(box.codes[1])
        assert window.receipt.log[-1].outcome is Outcome.DUPLICATE
        shown = [window.missing_model.index(r, 0).data() for r in range(window.missing_model.rowCount())]
        assert not any(box.codes[1] in str(text) for text in shown), shown  # not listed as still to come
        assert window.missing_model.rowCount() == 2
        assert len([e for e in events(lab, box.shipment.id) if e["kind"] == "received"]) == 1
        window.close()


def test_a_scan_the_file_cannot_take_is_said_not_saved_and_counts_when_scanned_again(
        qtbot: QtBot, tmp_path: Path) -> None:
    """Another program holds the lab file past the wait: the window says NOT SAVED and why, raises nothing
    out of its slot (before, the error went on to Qt as an unexpected error), and counts nothing; the same
    scan once the file is free is recorded once."""
    db = tmp_path / "lab.sqlite"
    with Session.open(db, settings=Settings(user="L. Smit")) as lab:
        box = cooler(lab, 2)
        window = IntakeWindow(lab, open_shipment(lab, "COC-0001"), reports=tmp_path / "receipts")
        qtbot.addWidget(window)
        window.show()
        lab.store.conn.execute("PRAGMA busy_timeout = 50")  # the test's own patience, not the 10 s a desk waits
        other = sqlite3.connect(db, isolation_level=None)
        other.execute("BEGIN IMMEDIATE")
        try:
            window.field.scanned.emit(box.codes[0])
        finally:
            other.rollback()
            other.close()
        banner = window.banner.text()
        assert "NOT SAVED" in banner and "is in use" in banner, banner
        assert window.receipt.log == [] and window.receipt.received == {}
        assert events(lab, box.shipment.id) == []
        window.field.scanned.emit(box.codes[0])
        assert window.receipt.log[-1].outcome is Outcome.RECEIVED
        assert [e["barcode"] for e in events(lab, box.shipment.id)] == [box.codes[0]]
        verify(lab.store)
        window.close()


def test_a_jar_marked_damaged_at_two_desks_is_rejected_once(tmp_path: Path) -> None:
    with two_desks(tmp_path, 2) as (first_desk, _second_desk, box, here, there):
        here.scan(box.codes[0])
        there.scan(box.codes[0])  # a duplicate there: received here
        assert here.mark_damaged(box.codes[0], "lid cracked").outcome is Outcome.DAMAGED
        again = there.mark_damaged(box.codes[0], "glass broken")
        assert again.outcome is Outcome.DUPLICATE and not again.recorded, again
        rejected = [e for e in events(first_desk, box.shipment.id) if e["kind"] == "rejected"]
        assert [e["barcode"] for e in rejected] == [box.codes[0]]
        assert there.damaged == {box.codes[0]: "lid cracked"}  # what the file says, not what this desk typed
        verify(first_desk.store)
