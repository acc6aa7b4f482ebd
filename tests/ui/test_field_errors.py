"""Errors from the core appear beside their field, in the user's language."""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot

from fieldapp.domain import borehole, layer, project
from fieldapp.errors import FieldAppError
from fieldapp.session import Session
from ui.field_errors import message
from ui.main_window import MainWindow


def test_core_messages_in_dutch(session: Session, dutch: None) -> None:
    p = project.create(session, code="P1", name="Site")
    b = borehole.create(session, p.id, code="B01")
    layer.add(session, b.id, upper="0", lower="1", soil="Zs1")
    with pytest.raises(FieldAppError) as overlap:
        layer.add(session, b.id, upper="0.5", lower="1.5", soil="Zs1")
    assert message(overlap.value) == (
        "Laag 0,50–1,50 m overlapt de laag 0,00–1,00 m. "
        "Lagen mogen niet overlappen: pas de dieptes aan of wijzig de andere laag.")
    with pytest.raises(FieldAppError) as depth:
        layer.add(session, b.id, upper="1", lower="x", soil="Zs1")
    assert message(depth.value).startswith("onderkant: 'x' is geen diepte in meters.")
    with pytest.raises(FieldAppError) as dup:
        borehole.create(session, p.id, code="B01")
    assert message(dup.value) == "Boringcode 'B01' is in dit project al gebruikt. Kies een andere code."
    # a message without a pattern is shown as the core wrote it, never hidden
    assert message(FieldAppError("Something new.", hint="Do this.")) == "Something new. Do this."


def test_error_shown_beside_its_field(qtbot: QtBot, session: Session, dutch: None) -> None:
    session.settings.language = "nl"
    p = project.create(session, code="P1", name="Site")
    b = borehole.create(session, p.id, code="B01")
    layer.add(session, b.id, upper="0", lower="1", soil="Zs1")
    w = MainWindow(session)
    qtbot.addWidget(w)
    w.select_project(0)
    w.select_borehole(0)
    lf = w.layer_form
    lf.upper_edit.setText("0.50")
    lf.lower_edit.setText("0.80")
    lf.soil_edit.setText("Zs1")
    assert lf.save() is None
    assert lf.errors.text_for("upper depth").startswith("Laag 0,50–0,80 m overlapt")
    assert lf.upper_edit.property("invalid") == "true"
    lf.upper_edit.setText("1.00")
    lf.soil_edit.setText("zs1")
    lf.lower_edit.setText("1.50")
    assert lf.save() is None
    assert "NEN 5104" in lf.errors.text_for("soil")
    assert lf.upper_edit.property("invalid") == "false"
