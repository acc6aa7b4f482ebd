"""A closed receipt always has its report: the report is written before the close is committed, a report path
that cannot be written is refused before the first scan, any COC number makes a file name, and long remarks
are laid out over pages."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from intake_helpers import cooler, events
from pypdf import PdfReader
from pytestqt.qtbot import QtBot
from test_intake_cli import run

from fieldapp.codelists import CodeLists
from fieldapp.errors import StoreError
from fieldapp.intake import closing
from fieldapp.intake.receipt import open_shipment
from fieldapp.session import Session
from fieldapp.settings import Settings

LONG = " ".join(["Koelbox kwam binnen met gebroken deksel, potten nat, koelelementen gesmolten."] * 60)


def _lab(tmp: Path, n: int = 3, coc: str = "COC-0001") -> tuple[Path, list[str]]:
    db = tmp / "lab.sqlite"
    with Session.open(db, settings=Settings(user="lab-clerk"), lists=CodeLists.load()) as session:
        return db, cooler(session, n, coc=coc).codes


def _received_at(db: Path) -> object:
    with Session.open(db, settings=Settings(user="lab-clerk"), lists=CodeLists.load()) as session:
        return session.store.query("SELECT received_at FROM shipment")[0]["received_at"]


def test_a_report_path_that_cannot_be_written_is_refused_before_anything_is_received(tmp_path: Path) -> None:
    db, codes = _lab(tmp_path)
    args = ["intake", "scan", "--db", str(db), "--shipment", "COC-0001", "--temperature", "4", "--close"]
    refused = run([*args, "--report", str(tmp_path / "no-such-folder" / "r.pdf")], "\n".join(codes) + "\n", tmp_path)
    assert refused.returncode == 1 and "no-such-folder" in refused.stderr and refused.stdout == ""
    assert _received_at(db) is None
    done = run([*args, "--report", str(tmp_path / "r.pdf")], "\n".join(codes) + "\n", tmp_path)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout.splitlines()[-1])["closed"] is True and (tmp_path / "r.pdf").is_file()
    assert _received_at(db) is not None


def test_a_report_asked_without_close_is_refused_before_anything_is_scanned(tmp_path: Path) -> None:
    """--report without --close used to be ignored: the scans were recorded and no report was written."""
    db, codes = _lab(tmp_path)
    args = ["intake", "scan", "--db", str(db), "--shipment", "COC-0001", "--report", str(tmp_path / "r.pdf")]
    refused = run([*args, "--lang", "en"], "\n".join(codes) + "\n", tmp_path)
    assert refused.returncode == 1 and refused.stdout == ""
    assert "--close is not given" in refused.stderr and "Add --close" in refused.stderr
    dutch = run(args, "\n".join(codes) + "\n", tmp_path)  # --lang's default, the lab's
    assert "--close ontbreekt" in dutch.stderr and "Geef --close" in dutch.stderr
    with Session.open(db, settings=Settings(user="lab-clerk"), lists=CodeLists.load()) as session:
        assert session.store.query("SELECT COUNT(*) AS n FROM custody_event WHERE kind = 'received'")[0]["n"] == 0
    assert not (tmp_path / "r.pdf").exists()


def test_remarks_of_a_pasted_email_are_laid_out_over_pages(tmp_path: Path) -> None:
    db, codes = _lab(tmp_path)
    done = run(["intake", "scan", "--db", str(db), "--shipment", "COC-0001", "--temperature", "4", "--remarks",
                LONG, "--close", "--report", str(tmp_path / "r.pdf")], "\n".join(codes) + "\n", tmp_path)
    assert done.returncode == 0, done.stderr
    pages = PdfReader(tmp_path / "r.pdf").pages
    text = " ".join(" ".join(p.extract_text() for p in pages).split())
    assert len(pages) >= 2 and text.count("koelelementen gesmolten") == 60


def test_a_report_that_cannot_be_written_leaves_the_receipt_open(session: Session) -> None:
    box = cooler(session, 3)
    receipt = open_shipment(session, "COC-0001")
    receipt.scan(box.codes[0])
    receipt.header.readings = [4.0]
    receipt.header.consulted = "P. Jansen: analyse"

    def full_disk(_found: list[closing.Deviation]) -> None:
        raise StoreError("Cannot write r.pdf: the disk is full.")

    with pytest.raises(StoreError):
        closing.close(receipt, full_disk)
    assert not receipt.closed and session.store.query("SELECT received_at FROM shipment")[0]["received_at"] is None
    assert [e["kind"] for e in events(session, box.shipment.id)] == ["received"]  # the scan; no close, no 'missing'
    written: list[int] = []
    found = closing.close(receipt, lambda f: written.append(len(f)))
    assert receipt.closed and written == [len(found)] == [2]


def test_the_window_writes_the_report_of_a_coc_number_with_a_slash(qtbot: QtBot, session: Session,
                                                                    tmp_path: Path) -> None:
    from ui.intake.window import IntakeWindow

    box = cooler(session, 2, coc="SYN/2026/01")
    blocked = tmp_path / "receipts"
    blocked.write_text("a file where the folder should be")
    window = IntakeWindow(session, open_shipment(session, "SYN/2026/01"), reports=blocked)
    qtbot.addWidget(window)
    for code in box.codes:
        window.handle_scan(code)
    window.receipt.header.readings = [4.0]
    assert window.close_receipt() is False and "NOT CLOSED" in window.banner.text()
    assert not window.receipt.closed and session.store.query("SELECT received_at FROM shipment")[0]["received_at"] \
        is None
    blocked.unlink()
    assert window.close_receipt() is True, window.banner.text()
    assert window.report_path == blocked / "SYN_2026_01-receipt.pdf" and window.report_path.is_file()
    assert [p.name for p in blocked.iterdir()] == ["SYN_2026_01-receipt.pdf"]


def test_a_report_reportlab_cannot_lay_out_is_an_error_of_its_own_and_the_receipt_stays_open(
        session: Session, monkeypatch: pytest.MonkeyPatch) -> None:
    from reportlab.platypus import SimpleDocTemplate
    from reportlab.platypus.doctemplate import LayoutError

    from fieldapp.errors import ExportError
    from fieldapp.intake.report import render_receipt_pdf

    box = cooler(session, 1)
    receipt = open_shipment(session, "COC-0001")
    receipt.scan(box.codes[0])
    receipt.header.readings = [4.0]

    def too_tall(*_args: object, **_kwargs: object) -> None:
        raise LayoutError("Flowable too large on page 1")

    def report(found: list[closing.Deviation]) -> None:
        render_receipt_pdf(receipt, found)

    monkeypatch.setattr(SimpleDocTemplate, "build", too_tall)
    with pytest.raises(ExportError, match="The receipt report of COC COC-0001 cannot be laid out"):
        closing.close(receipt, report)
    assert not receipt.closed and session.store.query("SELECT received_at FROM shipment")[0]["received_at"] is None
