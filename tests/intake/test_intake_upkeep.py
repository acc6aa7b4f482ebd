"""The intake window keeps WAL checkpoints and full collections out of the scans.

No timing here: the tests check where the work happens (a worker, not the
scan's commit) and that nothing is lost by moving it; ``make bench`` measures.
"""

from __future__ import annotations

import gc
import sqlite3
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
    # a checkpoint that ran beside a read copies only part of the log; the rest is copied at the next pause
    qtbot.waitUntil(lambda: len(window.upkeep.checkpoints) >= 2 and whole_log_copied(window), timeout=10_000)
    assert window.upkeep.writes == 0
    before = len(window.upkeep.checkpoints)
    window.handle_scan(box.codes[11])  # one scan, then a pause: checkpointed when idle
    assert window.upkeep.writes == 1
    qtbot.waitUntil(lambda: len(window.upkeep.checkpoints) > before and whole_log_copied(window), timeout=10_000)
    assert len(events(lab, box.shipment.id)) == 12
    verify(lab.store)
    window.close()
    assert autocheckpoint(lab) == 1000 and gc.get_freeze_count() == 0


def whole_log_copied(window: IntakeWindow) -> bool:
    last = window.upkeep.checkpoints[-1] if window.upkeep.checkpoints else None
    return (not window.upkeep.running and window.upkeep.writes == 0 and last is not None
            and last.copied_pages == last.log_pages)


def test_a_checkpoint_held_back_by_a_reader_is_finished_at_the_next_pause(qtbot: QtBot, lab: Session,
                                                                          tmp_path: Path) -> None:
    box = cooler(lab, 3)
    window = IntakeWindow(lab, open_shipment(lab, "COC-0001"), reports=tmp_path / "receipts")
    qtbot.addWidget(window)
    window.show()
    reader = sqlite3.connect(lab.store.path, isolation_level=None)  # e.g. an export reading the same file
    reader.execute("BEGIN")
    reader.execute("SELECT count(*) FROM custody_event").fetchone()
    for code in box.codes:
        window.handle_scan(code)
    window.upkeep.checkpoint_now()
    qtbot.waitUntil(lambda: len(window.upkeep.checkpoints) == 1 and not window.upkeep.running)
    held = window.upkeep.checkpoints[0]
    assert held.copied_pages < held.log_pages  # the reader's snapshot keeps the newer pages in the log
    reader.execute("COMMIT")
    reader.close()
    # no further scan: the pause alone finishes the copy, so the log does not stay long until the window closes
    qtbot.waitUntil(lambda: len(window.upkeep.checkpoints) >= 2 and whole_log_copied(window), timeout=10_000)
    window.close()


def test_a_duplicate_scan_writes_nothing_and_asks_for_no_checkpoint(qtbot: QtBot, lab: Session,
                                                                    tmp_path: Path) -> None:
    box = cooler(lab, 3)
    window = IntakeWindow(lab, open_shipment(lab, "COC-0001"), reports=tmp_path / "receipts")
    qtbot.addWidget(window)
    window.handle_scan(box.codes[0])
    window.handle_scan(box.codes[0])
    window.handle_scan("FA-NOWHERE1")  # set apart: recorded once, as a received container is
    window.handle_scan("FA-NOWHERE1")
    assert window.upkeep.writes == 2
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
