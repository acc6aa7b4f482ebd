"""File → Field report… (issue 15 item 6): the action asks for a file, the report is written on a
worker (ui/taskman.py), and the status bar says where it went, or why it was not written."""

from __future__ import annotations

from pathlib import Path

from pypdf import PdfReader
from PySide6.QtWidgets import QFileDialog
from pytestqt.qtbot import QtBot

from fieldapp import demo
from fieldapp.session import Session
from ui.field_report_action import write_field_report
from ui.main_window import MainWindow


def _window(qtbot: QtBot, session: Session) -> MainWindow:
    demo.create(session, boreholes=4, seed=2, project_code="2026-0007")
    w = MainWindow(session)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    w.select_project(0)
    return w


def test_the_menu_action_writes_the_report_on_a_worker(qtbot: QtBot, session: Session, tmp_path: Path) -> None:
    w = _window(qtbot, session)
    action = w.field_report_action
    assert action.text() == "Field report…"
    action.trigger()
    dialog = w.findChild(QFileDialog)
    assert dialog is not None and dialog.isVisible()
    assert dialog.selectedFiles()[0].endswith("veldwerkrapportage-2026-0007.pdf")
    out = tmp_path / "rapport.pdf"
    dialog.fileSelected.emit(str(out))  # what choosing the file does
    qtbot.waitUntil(lambda: "saved to" in w.statusBar().currentMessage(), timeout=30_000)
    assert w.statusBar().currentMessage() == f"Field report of 2026-0007 saved to {out}."
    text = " ".join(page.extract_text() for page in PdfReader(out).pages)
    assert "Veldwerkrapportage" in text and "procescertificaat" in text and "BBK-2001-04172" in text
    dialog.close()


def test_a_report_that_cannot_be_written_is_said_in_the_status_bar(qtbot: QtBot, session: Session,
                                                                    tmp_path: Path) -> None:
    w = _window(qtbot, session)
    target = tmp_path / "missing" / "rapport.pdf"
    write_field_report(w, "2026-0007", target)
    qtbot.waitUntil(lambda: "not written" in w.statusBar().currentMessage(), timeout=30_000)
    assert w.statusBar().currentMessage().startswith(f"The field report was not written: Cannot write {target}")
    assert not target.parent.exists()
