"""'Save sample' clicked (or tapped) takes the sample. The button's clicked(bool) reached save(overrides) with
False for the deviations: the click ended in "'bool' object has no attribute 'guard'" and no sample was taken;
only Enter in a field saved."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from fieldapp.domain import borehole, layer, project, sample
from fieldapp.session import Session
from ui.main_window import MainWindow


def test_a_click_on_save_sample_takes_the_sample(qtbot: QtBot, session: Session) -> None:
    proj = project.create(session, code="P1", name="Klik")
    hole = borehole.create(session, proj.id, code="B01")
    layer.add(session, hole.id, upper="0", lower="1,00", soil="Zs1")
    w = MainWindow(session)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    w.select_borehole(0)
    form = w.sample_form
    w.tabs.setCurrentWidget(form)
    form.rows[0].upper_edit.setText("0,10")
    form.rows[0].lower_edit.setText("0,50")
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    [taken] = sample.of_borehole(session.store, hole.id)
    assert form.sample == taken, "the containers of the sample just taken are scanned next"
    w.tasks.wait()
