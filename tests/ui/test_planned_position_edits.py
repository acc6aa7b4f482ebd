"""A planned borehole being measured shows its planned RD coordinates in the form's boxes with the
decimal sign of the language shown (and no thousands separator: the box reads them back)."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from fieldapp.domain import borehole, project
from fieldapp.session import Session
from ui.main_window import MainWindow


def _planned_in_form(qtbot: QtBot, session: Session) -> MainWindow:
    p = project.create(session, code="P1", name="Gasfabriek")
    borehole.create(session, p.id, code="B07", planned_x_rd=135950.25, planned_y_rd=455320.5)
    w = MainWindow(session)
    qtbot.addWidget(w)
    planned = borehole.of_project(session.store, p.id)[0]
    w.borehole_form.load(project.by_code(session.store, "P1"), planned)
    return w


def test_in_dutch_the_planned_rd_coordinates_take_the_decimal_comma(
        qtbot: QtBot, dutch: None, session: Session) -> None:
    form = _planned_in_form(qtbot, session).borehole_form
    assert (form.planned_x_edit.text(), form.planned_y_edit.text()) == ("135950,25", "455320,50")
    assert form.errors.text_for("planned x") == ""  # read back as typed


def test_in_english_they_keep_the_point(qtbot: QtBot, session: Session) -> None:
    form = _planned_in_form(qtbot, session).borehole_form
    assert (form.planned_x_edit.text(), form.planned_y_edit.text()) == ("135950.25", "455320.50")
