"""The borehole list: natural order (B2 before B10), search over 3,000 boreholes, and no stale
figures or errors after a save or a change of borehole (issue 16, items 9 and "stale screens")."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from fieldapp.domain import borehole, layer, project
from fieldapp.domain.borehole import natural_key
from fieldapp.session import Session
from ui.main_window import MainWindow
from ui.unsaved import Choice


def shown(w: MainWindow, column: int = 0) -> list[str]:
    m = w.boreholes_model
    return [m.data(m.index(r, column)) for r in range(m.rowCount())]


def test_natural_key() -> None:
    codes = ["B10", "b2", "B100", "B1", "HB-2-10", "HB-2-9", "B02a", "B1000"]
    assert sorted(codes, key=natural_key) == ["B1", "b2", "B02a", "B10", "B100", "B1000", "HB-2-9", "HB-2-10"]


def test_boreholes_sort_naturally_and_can_be_searched(qtbot: QtBot, session: Session) -> None:
    p = project.create(session, code="P1", name="Big")
    for n in (1, 2, 10, 100, 1000, 3000, 20, 3):
        borehole.create(session, p.id, code=f"B{n}")
    w = MainWindow(session)
    qtbot.addWidget(w)
    w.select_project(0)
    assert shown(w) == ["B1", "B2", "B3", "B10", "B20", "B100", "B1000", "B3000"]

    w.select_borehole(3)  # B10
    w.borehole_search.setFocus()
    QTest.keyClicks(w.borehole_search, "b1")
    assert shown(w) == ["B1", "B10", "B100", "B1000"]
    assert w.current_borehole() is not None and w.current_borehole().code == "B10"  # type: ignore[union-attr]
    # the sample form still offers every borehole of the project
    assert len(w.sample_form._boreholes) == 8
    QTest.keyClick(w.borehole_search, Qt.Key.Key_Escape)
    assert len(shown(w)) == 8 and w.borehole_search.text() == ""
    # selecting a borehole the search hides shows them all again
    w.borehole_search.setText("3000")
    b2 = next(b for b in borehole.of_project(session.store, p.id) if b.code == "B2")
    w.select_borehole_id(b2.id)
    assert w.current_borehole() == b2 and len(shown(w)) == 8


def test_the_list_shows_a_saved_final_depth_at_once(qtbot: QtBot, session: Session) -> None:
    p = project.create(session, code="P1", name="Site")
    b = borehole.create(session, p.id, code="B01")
    layer.add(session, b.id, upper="0", lower="1.2", soil="Zs1")
    w = MainWindow(session)
    qtbot.addWidget(w)
    w.select_project(0)
    w.select_borehole(0)
    assert shown(w, 2) == ["–"]
    depths = w.layer_form.depths
    depths.final_edit.setText("2.50")
    assert depths.save() is not None
    assert shown(w, 2) == ["2.50"]  # it kept showing "–" until the project was opened again
    assert w.current_borehole() is not None and w.current_borehole().final_depth_cm == 250  # type: ignore[union-attr]


def test_old_errors_do_not_stay_on_a_reset_sample_form(qtbot: QtBot, session: Session) -> None:
    p = project.create(session, code="P1", name="Site")
    for code in ("B01", "B02"):
        layer.add(session, borehole.create(session, p.id, code=code).id, upper="0", lower="1", soil="Zs1")
    w = MainWindow(session)
    qtbot.addWidget(w)
    w.select_project(0)
    w.select_borehole(0)
    sf = w.sample_form
    w.tabs.setCurrentWidget(sf)  # the form in view, as when typed into (a form out of view loads when shown)
    sf.rows[0].upper_edit.setText("0.0")
    sf.rows[0].lower_edit.setText("3.0")  # below the logged layers
    assert sf.save() is None
    label = sf.errors._fields["part 1 upper depth"][1]
    assert "not covered by logged layers" in label.text() and label.isVisibleTo(sf)
    # the error line sits in the form, under its row (it was a parentless label: a window of its own)
    assert sf.isAncestorOf(label)
    w.select_borehole(1)  # another borehole: the form is reset, once the typed sample is let go
    dialog = w._unsaved_dialog
    assert dialog is not None
    dialog.answer(Choice.DISCARD)
    stale = [x.text() for x in sf.findChildren(QLabel) if x.property("role") == "error" and x.text()]
    assert stale == []


def test_in_dutch_depths_show_the_decimal_comma_and_a_search_finds_either_sign(qtbot: QtBot, session: Session,
                                                                              dutch: None) -> None:
    p = project.create(session, code="P1", name="Site")
    for code, depth in (("B01", "2.50"), ("B02", "1.25")):
        b = borehole.create(session, p.id, code=code)
        borehole.set_final_depth(session, b.id, depth, "einddoel")
    layer.add(session, b.id, upper="0", lower="0.8", soil="Zs1")
    w = MainWindow(session)
    qtbot.addWidget(w)
    w.select_project(0)
    assert shown(w, 2) == ["2,50", "1,25"]  # as the rules' messages say it: "einddiepte 2,50 m"
    w.select_borehole(1)
    assert w.layer_form.depths.final_edit.text() == "1,25"
    m = w.layer_form.model
    assert [m.data(m.index(0, c)) for c in (0, 1)] == ["0,00", "0,80"]
    for typed in ("2,5", "2.5"):
        w.borehole_search.setText(typed)
        assert shown(w) == ["B01"], typed
