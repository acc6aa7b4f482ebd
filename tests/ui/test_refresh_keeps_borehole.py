"""The window reads its project again (a background sync that pulled changes, an import, the project
dialog saved) without dropping the borehole in view: it was deselected and its forms emptied, a layer
half typed with them."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from one_borehole import window_at
from pytestqt.qtbot import QtBot

from fieldapp.codelists import CodeLists
from fieldapp.domain import borehole, layer, project
from fieldapp.session import Session
from fieldapp.settings import Settings
from ui.main_window import MainWindow
from ui.unsaved import Choice


@pytest.fixture
def window(qtbot: QtBot, tmp_path: Path, lists: CodeLists) -> Iterator[MainWindow]:
    s = Session.open(tmp_path / "field.sqlite", settings=Settings(user="J. de Vries", language="en"), lists=lists)
    for code in ("P1", "P2"):
        proj = project.create(s, code=code, name="Verversen")
        for hole in ("B01", "B02"):
            borehole.create(s, proj.id, code=hole)
    with window_at(qtbot, s, "P1", 1, "layer_form") as w:  # deleted after the test
        yield w
    s.close()


def shown(w: MainWindow) -> str | None:
    bh = w.current_borehole()
    return None if bh is None else bh.code


def test_a_layer_half_typed_survives_a_refresh_and_is_saved_to_its_borehole(window: MainWindow) -> None:
    form = window.layer_form
    form.lower_edit.setText("0,80")
    form.soil_edit.setText("Kz1")
    form.remarks_edit.setText("puinresten")
    proj = window.current_project()
    assert proj is not None
    borehole.create(window.session, proj.id, code="B03")  # what a pull brings
    window.refresh()
    assert shown(window) == "B02" and form.borehole is not None and form.borehole.code == "B02"
    assert (form.lower_edit.text(), form.soil_edit.text(), form.remarks_edit.text()) == ("0,80", "Kz1", "puinresten")
    assert window.boreholes_model.total()[0] == 3, "the list is read again"
    saved = form.save()
    assert saved is not None
    hole = window.current_borehole()
    assert hole is not None and [(x.lower_cm, x.remarks) for x in layer.of_borehole(window.session.store, hole.id)] \
        == [(80, "puinresten")]


def test_the_overview_shows_the_borehole_as_read_again(window: MainWindow) -> None:
    hole = window.current_borehole()
    assert hole is not None
    _ = window.overview
    borehole.set_final_depth(window.session, hole.id, "2.50", "einddoel")  # changed on another device
    window.refresh()
    fresh = window.current_borehole()
    assert fresh is not None and fresh.final_depth_cm == 250
    assert window._shown_borehole == fresh


def test_a_borehole_gone_after_a_refresh_shows_none(window: MainWindow) -> None:
    hole = window.current_borehole()
    assert hole is not None
    borehole.delete(window.session, hole.id)  # deleted on another device
    window.refresh()
    assert shown(window) is None and window.layer_form.borehole is None


def test_choosing_another_project_still_starts_afresh(window: MainWindow) -> None:
    window.layer_form.lower_edit.setText("0,80")
    window.select_project_code("P2")
    dialog = window._unsaved_dialog  # the typed layer is asked about first (ui/unsaved.py)
    assert dialog is not None
    dialog.answer(Choice.DISCARD)
    assert shown(window) is None and window.layer_form.borehole is None


def test_the_planned_borehole_being_measured_stays_the_position_tabs_target(window: MainWindow) -> None:
    """B02 is planned (no position yet): the Position tab measures it. After a refresh it said 'New borehole'
    beside B02 still selected, and saving would have written a second borehole at B02's place."""
    form = window.borehole_form
    window.tabs.setCurrentWidget(form)
    assert form.planned is not None and form.planned.code == "B02"
    window.refresh()
    assert shown(window) == "B02"
    assert form.planned is not None and form.planned.code == "B02"
    assert "B02" in form.heading.text()
