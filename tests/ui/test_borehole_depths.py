"""Final depth and groundwater level on the Layers tab: saved at once, undoable, errors beside the field."""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot

from fieldapp.domain import borehole, layer, project
from fieldapp.session import Session
from ui.main_window import MainWindow


@pytest.fixture
def window(qtbot: QtBot, session: Session) -> MainWindow:
    p = project.create(session, code="P1", name="Site")
    b = borehole.create(session, p.id, code="B01")
    layer.add(session, b.id, upper="0", lower="1.2", soil="Zs1")
    w = MainWindow(session)
    qtbot.addWidget(w)
    w.select_project(0)
    w.select_borehole(0)
    return w


def _hole(session: Session) -> borehole.Borehole:
    return borehole.of_project(session.store, project.by_code(session.store, "P1").id)[0]


def test_final_depth_and_groundwater_are_saved_at_once_and_undone(window: MainWindow, session: Session) -> None:
    depths = window.layer_form.depths
    depths.final_edit.setText("2,00")
    depths.water_edit.setText("1.10")
    assert depths.save() is not None
    bh = _hole(session)
    assert (bh.final_depth_cm, bh.groundwater_cm) == (200, 110)
    assert depths.final_edit.text() == "2.00"
    window.undo.stack.undo()
    bh = _hole(session)
    assert (bh.final_depth_cm, bh.groundwater_cm) == (None, None)
    window.undo.stack.redo()
    assert _hole(session).final_depth_cm == 200
    # a layer saved afterwards does not bring back a stale value
    window.layer_form.reload()
    assert depths.final_edit.text() == "2.00" and depths.water_edit.text() == "1.10"
    # emptying the field clears the groundwater level (not reached)
    depths.water_edit.setText("")
    depths.save()
    assert _hole(session).groundwater_cm is None


def test_errors_appear_beside_the_field_in_dutch(window: MainWindow, session: Session, dutch: None) -> None:
    depths = window.layer_form.depths
    errors = window.layer_form.errors
    depths.final_edit.setText("0.80")
    assert depths.save() is None
    text = errors.text_for("final depth")
    assert text.startswith("De einddiepte 0,80 m ligt boven de diepste laag"), text
    assert "1,20" in text and "Give" not in text
    assert _hole(session).final_depth_cm is None
    depths.final_edit.setText("")
    depths.water_edit.setText("nat")
    assert depths.save() is None
    text = errors.text_for("groundwater level")
    assert text.startswith("grondwaterstand: 'nat' is geen diepte in meters."), text
