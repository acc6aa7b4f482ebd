"""A COC number that two projects use, typed or scanned at a "which cooler?" prompt: the window offers both
shipments with their projects, as large buttons, and opens the one picked. It never tells the clerk to name
the project with --project, a command-line option the window does not have."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from intake_helpers import cooler
from keys import type_text
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel
from pytestqt.qtbot import QtBot

from fieldapp.codelists import CodeLists
from fieldapp.domain import project
from fieldapp.intake.receipt import Receipt
from fieldapp.labels.manifest import encode_parts
from fieldapp.session import Session
from fieldapp.settings import Settings
from ui import i18n
from ui.intake.entry import ChooseShipment
from ui.intake.launch import ChooseCooler
from ui.theme import TOUCH_PX


@pytest.fixture
def lab(tmp_path: Path) -> Iterator[tuple[Session, dict[str, list[str]], dict[str, str]]]:
    """A lab database with COC-0001 in two projects (a real SQLite file); the codes and shipment ids by project."""
    with Session.open(tmp_path / "lab.sqlite", settings=Settings(user="L. Smit"), lists=CodeLists.load()) as s:
        project.create(s, code="2026-0142", name="Voormalige wasserij, Kerkstraat", lab="SYNLAB")
        project.create(s, code="2026-0177", name="Spoorzone Noord, fase 2", lab="Eurofins")
        a = cooler(s, 3, project_code="2026-0142", prefix="FA-A", lab="SYNLAB")
        b = cooler(s, 4, project_code="2026-0177", prefix="FA-B", lab="Eurofins", relinquish=False)
        yield s, {"2026-0142": a.codes, "2026-0177": b.codes}, {"2026-0142": a.shipment.id,
                                                               "2026-0177": b.shipment.id}


@pytest.fixture(params=["en", "nl"])
def lang(request: pytest.FixtureRequest, qapp: QApplication) -> Iterator[str]:
    i18n.install(qapp, request.param)
    try:
        yield request.param
    finally:
        i18n.install(qapp, "en")


def _desk(qtbot: QtBot, session: Session) -> tuple[ChooseCooler, list[Receipt]]:
    opened: list[Receipt] = []
    desk = ChooseCooler(session, opened.append)
    qtbot.addWidget(desk)
    desk.show()
    qtbot.waitExposed(desk)
    return desk, opened


def _offered(message: QLabel, buttons: list[str], lang: str, jars: tuple[int, int] = (3, 4)) -> None:
    """Both shipments offered, each with its project, and no word of a command-line option."""
    assert "--" not in message.text() and "project CODE" not in message.text()
    if lang == "nl":
        assert "COC-nummer COC-0001 komt voor in 2 projecten" in message.text()
    else:
        assert "COC number COC-0001 is used in 2 projects" in message.text()
    first, second = buttons
    assert first.startswith(f"Project 2026-0142 · Voormalige wasserij, Kerkstraat\nCOC-0001 · SYNLAB · {jars[0]} ")
    assert second.startswith(f"Project 2026-0177 · Spoorzone Noord, fase 2\nCOC-0001 · Eurofins · {jars[1]} ")
    assert ("onderweg" if lang == "nl" else "on its way") in first
    assert ("wordt ingepakt" if lang == "nl" else "being packed") in second


def test_a_typed_coc_number_of_two_projects_offers_both_and_opens_the_one_picked(
        qtbot: QtBot, lab: tuple[Session, dict[str, list[str]], dict[str, str]], lang: str) -> None:
    session, _codes, ids = lab
    desk, opened = _desk(qtbot, session)
    type_text(desk.field, "COC-0001\r")
    assert opened == [] and desk.choice.isVisible()
    _offered(desk.message, [b.text() for b in desk.choice.buttons], lang)
    for button in desk.choice.buttons:  # a gloved finger: two lines, twice the touch size, on screen whole
        assert button.height() >= 2 * TOUCH_PX and button.isVisible()
        assert desk.rect().contains(button.geometry().translated(desk.choice.pos()))
    qtbot.mouseClick(desk.choice.buttons[1], Qt.MouseButton.LeftButton)
    assert len(opened) == 1 and opened[0].shipment is not None and opened[0].shipment.id == ids["2026-0177"]
    assert desk.choice.buttons == [] and not desk.choice.isVisible()


def test_a_coc_form_whose_jars_both_projects_hold_offers_both(
        qtbot: QtBot, lab: tuple[Session, dict[str, list[str]], dict[str, str]], lang: str) -> None:
    """The form names its shipment by its jars; only when both projects' COC-0001 hold them is it a choice.
    FieldApp packs no jar into another project's cooler, but a record merged from two devices might: here the
    first project's jars are written into the second project's cooler too, past the domain code."""
    session, codes, ids = lab
    with session.store.conn:
        session.store.conn.executemany(
            "INSERT INTO shipment_item (id, shipment_id, container_id) "
            "SELECT ?, ?, id FROM container WHERE barcode = ?",
            [(f"merged-{code}", ids["2026-0177"], code) for code in codes["2026-0142"]])
    desk, opened = _desk(qtbot, session)
    for page in encode_parts("COC-0001", [codes["2026-0142"][:2], codes["2026-0142"][2:]]):
        desk.take(page)
    assert opened == []
    _offered(desk.message, [btn.text() for btn in desk.choice.buttons], lang, (3, 7))
    qtbot.mouseClick(desk.choice.buttons[0], Qt.MouseButton.LeftButton)
    assert opened[0].shipment is not None and opened[0].shipment.id == ids["2026-0142"]
    assert opened[0].manifest_notes == []


def test_the_lab_intake_dialog_opens_its_projects_shipment_and_offers_both_for_a_typed_number(
        qtbot: QtBot, lab: tuple[Session, dict[str, list[str]], dict[str, str]], lang: str) -> None:
    """From the workbench: the project's own COC-0001 opens from its list (it was refused as used in two
    projects, with the --project hint); the number typed offers both."""
    session, _codes, ids = lab
    proj = project.by_code(session.store, "2026-0177")
    dialog = ChooseShipment(session, proj.id, proj.code)
    qtbot.addWidget(dialog)
    chosen: list[Receipt] = []
    dialog.chosen.connect(chosen.append)
    dialog.show()
    assert dialog.open_selected() is not None
    assert chosen[0].shipment is not None and chosen[0].shipment.id == ids["2026-0177"]

    dialog = ChooseShipment(session, proj.id, proj.code)
    qtbot.addWidget(dialog)
    dialog.chosen.connect(chosen.append)
    dialog.show()
    type_text(dialog.field, "COC-0001\r")
    _offered(dialog.message, [b.text() for b in dialog.choice.buttons], lang)
    qtbot.mouseClick(dialog.choice.buttons[0], Qt.MouseButton.LeftButton)
    assert chosen[1].shipment is not None and chosen[1].shipment.id == ids["2026-0142"]
