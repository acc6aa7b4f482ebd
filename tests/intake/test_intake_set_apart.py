"""A container in the cooler that is not on its COC is recorded when it is scanned, as a received one is: a
close refused and run again, or a window opened again, still names it in the record and the report."""

from __future__ import annotations

import json
from pathlib import Path

from intake_helpers import cooler
from pypdf import PdfReader
from pytestqt.qtbot import QtBot
from test_intake_cli import run

from fieldapp.codelists import CodeLists
from fieldapp.intake import closing
from fieldapp.intake.receipt import open_shipment
from fieldapp.session import Session
from fieldapp.settings import Settings


def test_a_close_refused_and_run_again_keeps_the_container_set_apart(tmp_path: Path) -> None:
    db = tmp_path / "lab.sqlite"
    with Session.open(db, settings=Settings(user="lab-clerk"), lists=CodeLists.load()) as session:
        box = cooler(session, 3)
    args = ["intake", "scan", "--db", str(db), "--shipment", "COC-0001", "--temperature", "4", "--close"]
    first = run([*args, "--lang", "en"], "\n".join([*box.codes, "FA-FOREIGN0001"]) + "\n", tmp_path)
    assert first.returncode == 1 and "say who was consulted" in first.stderr  # the foreign jar is a deviation
    again = run([*args, "--consulted", "J. Jansen: analyse", "--report", str(tmp_path / "r.pdf"), "--lang", "en"],
                "", tmp_path)
    assert again.returncode == 0, again.stderr
    lines = [json.loads(line) for line in again.stdout.splitlines()]
    assert lines[0]["reconciliation"]["unexpected"] == ["FA-FOREIGN0001"]
    assert {"subject": "FA-FOREIGN0001", "kind": "unexpected",
            "detail": "FA-FOREIGN0001 is not known here and not on this COC."} in lines[1]["deviations"]
    text = "".join(page.extract_text() for page in PdfReader(tmp_path / "r.pdf").pages)
    assert "FA-FOREIGN0001" in text


def test_a_window_opened_again_shows_what_was_set_apart(qtbot: QtBot, session: Session, tmp_path: Path) -> None:
    from ui.intake.window import IntakeWindow

    box = cooler(session, 2)
    other = cooler(session, 1, coc="COC-0002", prefix="FA-X")
    first = open_shipment(session, "COC-0001")
    assert first.scan(other.codes[0]).recorded
    assert first.scan(other.codes[0]).outcome == "duplicate"
    reopened = open_shipment(session, "COC-0001")
    assert closing.reconcile(reopened).unexpected == (other.codes[0],)
    assert reopened.unexpected[other.codes[0]].message == f"{other.codes[0]} belongs to another shipment, COC COC-0002."
    assert reopened.scan(other.codes[0]).outcome == "duplicate"  # counted once across the two openings
    window = IntakeWindow(session, open_shipment(session, "COC-0001"), reports=tmp_path / "receipts")
    qtbot.addWidget(window)
    assert window.unexpected.count() == 1 and other.codes[0] in window.unexpected.item(0).text()
    window.handle_scan(box.codes[0])
    assert window.unexpected.count() == 1
