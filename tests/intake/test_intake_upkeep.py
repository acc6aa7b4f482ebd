"""The intake window keeps WAL checkpoints and full collections out of the scans.

No timing here: the tests check where the work happens (a worker, not the
scan's commit) and that nothing is lost by moving it; ``make bench`` measures.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from pathlib import Path

import pytest
from intake_helpers import cooler, events
from pytestqt.qtbot import QtBot

from fieldapp.intake.receipt import open_shipment
from fieldapp.intake.wal import checkpoint, defer_checkpoints
from fieldapp.session import Session
from fieldapp.settings import Settings
from fieldapp.store.verify import verify
from ui.intake.window import IntakeWindow


@pytest.fixture
def lab(tmp_path: Path) -> Iterator[Session]:
    s = Session.open(tmp_path / "lab.sqlite", settings=Settings(user="L. Smit"))
    yield s
    s.close()


def autocheckpoint(session: Session) -> int:
    return int(session.store.conn.execute("PRAGMA wal_autocheckpoint").fetchone()[0])


def test_scans_commit_without_checkpointing_and_a_worker_checkpoints(qtbot: QtBot, lab: Session,
                                                                     tmp_path: Path) -> None:
    box = cooler(lab, 12)
    window = IntakeWindow(lab, open_shipment(lab, "COC-0001"), reports=tmp_path / "receipts")
    qtbot.addWidget(window)
    window.show()
    assert autocheckpoint(lab) == 0  # no commit of a scan copies the log into the database file
    assert gc.get_freeze_count() > 0  # the window's long-lived heap is out of the collector's way
    window.upkeep.every = 5
    for code in box.codes[:11]:  # the fifth starts one; six more while it runs start the next when it ends
        window.handle_scan(code)
    qtbot.waitUntil(lambda: len(window.upkeep.checkpoints) == 2 and not window.upkeep.running)
    assert all(c.copied_pages == c.log_pages for c in window.upkeep.checkpoints)
    assert window.upkeep.writes == 0
    window.handle_scan(box.codes[11])  # one scan, then a pause: checkpointed when idle
    assert window.upkeep.writes == 1
    qtbot.waitUntil(lambda: len(window.upkeep.checkpoints) == 3, timeout=10_000)
    assert len(events(lab, box.shipment.id)) == 12
    verify(lab.store)
    window.close()
    assert autocheckpoint(lab) == 1000 and gc.get_freeze_count() == 0


def test_a_duplicate_or_unknown_scan_writes_nothing_and_asks_for_no_checkpoint(qtbot: QtBot, lab: Session,
                                                                               tmp_path: Path) -> None:
    box = cooler(lab, 3)
    window = IntakeWindow(lab, open_shipment(lab, "COC-0001"), reports=tmp_path / "receipts")
    qtbot.addWidget(window)
    window.handle_scan(box.codes[0])
    window.handle_scan(box.codes[0])
    window.handle_scan("FA-NOWHERE1")
    assert window.upkeep.writes == 1
    window.close()


def test_checkpoint_on_its_own_connection_keeps_every_commit(lab: Session) -> None:
    box = cooler(lab, 4)
    receipt = open_shipment(lab, "COC-0001")
    defer_checkpoints(lab.store)
    for code in box.codes:
        receipt.scan(code)
    done = checkpoint(str(lab.store.path))
    assert not done.busy and done.copied_pages == done.log_pages > 0
    assert len(events(lab, box.shipment.id)) == 4
    verify(lab.store)
