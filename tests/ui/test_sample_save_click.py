"""'Save sample' clicked (or tapped) takes the sample. The button's clicked(bool) reached save(overrides) with
False for the deviations: the click ended in "'bool' object has no attribute 'guard'" and no sample was taken;
only Enter in a field saved."""

from __future__ import annotations

from one_borehole import window_on_b01
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from fieldapp.domain import sample
from fieldapp.session import Session


def test_a_click_on_save_sample_takes_the_sample(qtbot: QtBot, session: Session) -> None:
    w = window_on_b01(qtbot, session, "Klik")
    hole = w.current_borehole()
    assert hole is not None
    form = w.sample_form
    w.tabs.setCurrentWidget(form)
    form.rows[0].upper_edit.setText("0,10")
    form.rows[0].lower_edit.setText("0,50")
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    [taken] = sample.of_borehole(session.store, hole.id)
    assert form.sample == taken, "the containers of the sample just taken are scanned next"
    w.tasks.wait()
