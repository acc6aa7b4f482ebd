"""Issue 18, the window at 50,000 boreholes: what one click costs does not grow with what is out of view.

A form on a tab out of view is loaded when its tab is shown (or the form is asked for), not for every
borehole selected; the list and the sample form count the project again only after a write, here or
by another connection; a big project's search facts are read by a worker before the first search;
what the start built is left out of later cycle collections."""

from __future__ import annotations

import gc

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from fieldapp.codelists import CodeLists
from fieldapp.domain import borehole, borehole_page, layer, project
from fieldapp.domain.project import Project
from fieldapp.session import Session
from fieldapp.settings import Settings
from ui import lazy_boreholes
from ui.collector import collect_on_gui_thread
from ui.lazy_boreholes import BoreholeCodesModel, BoreholeListModel, BoreholeSource
from ui.lazy_model import PAGE
from ui.main_window import MainWindow
from ui.models import Column
from ui.sample_form import SampleForm


def _project(session: Session, n: int = 3) -> Project:
    p = project.create(session, code="P18", name="Site")
    for i in range(1, n + 1):
        hole = borehole.create(session, p.id, code=f"B{i:02d}")
        layer.add(session, hole.id, upper="0", lower="1", soil="Zs1")
    borehole.set_final_depth(session, borehole.of_project(session.store, p.id)[1].id, "2.50")
    return p


def _window(qtbot: QtBot, session: Session) -> MainWindow:
    w = MainWindow(session)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitUntil(lambda: w.forms_built, timeout=5_000)  # built just after the first show
    w.select_project(0)
    return w


def test_a_form_out_of_view_is_loaded_when_its_tab_is_shown(qtbot: QtBot, session: Session,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    _project(session)
    loads: list[str | None] = []
    load = SampleForm.load
    monkeypatch.setattr(SampleForm, "load", lambda self, proj, bh: (
        loads.append(None if bh is None else bh.code), load(self, proj, bh))[1])
    w = _window(qtbot, session)
    loads.clear()
    for row in (0, 1, 2, 1):
        w.select_borehole(row)
    assert loads == []  # the Overview is in view: the Samples tab was not loaded four times
    form = w.sample_form  # asked for: loaded with the borehole selected last
    assert loads == ["B02"] and form.rows[0].borehole_combo.currentText() == "B02"
    w.tabs.setCurrentWidget(form)
    assert loads == ["B02"]  # shown: nothing left to load
    w.select_borehole(2)  # the tab in view is loaded at once
    assert loads == ["B02", "B03"] and form.rows[0].borehole_combo.currentText() == "B03"
    w.tabs.setCurrentWidget(w.overview)
    w.select_borehole(0)
    assert loads == ["B02", "B03"]
    w.tabs.setCurrentIndex(w.tabs.indexOf(form))  # shown by a click on its tab
    assert loads[-1] == "B01" and form.rows[0].borehole_combo.currentText() == "B01"
    # the other forms follow the same borehole when their tab is shown
    w.select_borehole(1)
    w.tabs.setCurrentWidget(w.layer_form)
    assert w.layer_form.borehole is not None and w.layer_form.borehole.code == "B02"


def test_the_project_count_follows_a_write_here_or_elsewhere(
        qtbot: QtBot, session: Session, lists: CodeLists) -> None:
    p = _project(session)
    w = _window(qtbot, session)
    w.select_borehole(0)
    w.tabs.setCurrentWidget(w.sample_form)
    w.refresh()
    w.select_borehole(1)
    assert w.boreholes_model.rowCount() == 3 and "(3," in w.boreholes_title.text()
    # another connection on the file (a sync or an import on a worker) adds a borehole
    other = Session.open(session.store.path, settings=Settings(user="K. Jansen"), lists=lists)
    try:
        borehole.create(other, p.id, code="B04")
    finally:
        other.close()
    w.refresh()
    assert w.boreholes_model.rowCount() == 4 and "(4," in w.boreholes_title.text()
    w.select_borehole(3)
    assert len(w.sample_form._boreholes) == 4 and w.sample_form.rows[0].borehole_combo.currentText() == "B04"
    # and one through the window's own connection
    borehole.create(session, p.id, code="B05")
    w.refresh()
    assert w.boreholes_model.rowCount() == 5 and "(5," in w.boreholes_title.text()
    w.select_borehole(4)
    assert len(w.sample_form._boreholes) == 5


def test_a_big_projects_search_facts_are_read_by_a_worker(qtbot: QtBot, session: Session,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(lazy_boreholes, "FACTS_AHEAD", 3)  # "big" from three boreholes on
    _project(session)
    read_here: list[str] = []
    summary = borehole_page.summary
    monkeypatch.setattr(borehole_page, "summary", lambda store, pid: (read_here.append(pid), summary(store, pid))[1])
    w = _window(qtbot, session)
    qtbot.waitUntil(lambda: w.boreholes_model.facts_wanted() is None, timeout=5_000)
    w.borehole_search.setText("2.5")  # a depth as the list shows it: needs the project's deepest depth
    QApplication.processEvents()
    assert read_here == []  # not read on the GUI thread
    assert [w.boreholes_model.record(r).code for r in range(w.boreholes_model.rowCount())] == ["B02"]


def test_search_facts_read_before_a_write_are_dropped(session: Session, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(lazy_boreholes, "FACTS_AHEAD", 1)
    p = _project(session)
    m = BoreholeListModel([Column("Borehole", lambda b: b.code)])
    m.show_project(session.store, p.id)
    wanted = m.facts_wanted()
    assert wanted is not None
    read = borehole_page.read_summary(str(session.store.path), p.id)
    borehole.create(session, p.id, code="B09")  # written after the worker read, before its answer came
    m.take_facts(wanted, read)
    assert m.facts_wanted() == wanted  # dropped: still wanted
    m.show_project(session.store, p.id)  # the window shows the project again after a write
    wanted = m.facts_wanted()
    assert wanted is not None
    m.take_facts(wanted, borehole_page.read_summary(str(session.store.path), p.id))
    assert m.facts_wanted() is None


def test_what_the_start_built_is_left_out_of_later_collections(qtbot: QtBot, qapp: QApplication,
                                                               session: Session) -> None:
    collector = collect_on_gui_thread(qapp)
    _project(session)
    _window(qtbot, session)
    assert collector._frozen and gc.get_freeze_count() > 0


def test_the_page_of_a_row_found_by_id_is_read_from_it_and_holds_what_the_offset_gives(session: Session) -> None:
    p = project.create(session, code="P-PAGES", name="Pages")
    codes = [f"B{n}" for n in range(1, 400)] + [f"HB-{a}-{b}" for a in range(1, 6) for b in range(1, 21)]
    with session.store.action("test boreholes") as tx:
        tx.insert_many("borehole", [{"project_id": p.id, "code": c, "kind": "boring"} for c in codes])
    columns = [Column("Borehole", lambda b: b.code)]
    for search in ("", "1"):
        by_offset = BoreholeListModel(columns)
        by_offset.show_project(session.store, p.id)
        by_offset.set_search(search)
        n = by_offset.rowCount()
        shown = [by_offset.record(r) for r in range(n)]  # page after page, each from the one before
        for row in sorted({r for r in (0, 1, n // 3, 250, n - 2, n - 1) if 0 <= r < n}):
            m = BoreholeListModel(columns)
            m.show_project(session.store, p.id)
            m.set_search(search)
            assert m.row_of(shown[row].id) == row
            # a search and the row of the borehole it keeps selected, in one pass over the index
            source = m.source
            assert isinstance(source, BoreholeSource)
            assert borehole_page.count_and_locate(session.store, p.id, source.match, shown[row].id) == \
                (n, (row, shown[row].code))
            again = BoreholeListModel(columns)
            again.show_project(session.store, p.id)
            assert again.set_search(search, shown[row].id) == row and again.rowCount() == n
            reads = m.reads
            page = row // PAGE
            assert [m.record(r).code for r in range(page * PAGE, min(n, (page + 1) * PAGE))] == \
                [b.code for b in shown[page * PAGE:(page + 1) * PAGE]]
            assert m.reads == reads + 1  # one page read, from the row found
    # the sample form's borehole choices
    choices = BoreholeCodesModel()
    choices.show_project(session.store, p.id)
    target = borehole.of_project(session.store, p.id)[-1]
    row = choices.row_of(target.id)
    assert row is not None and choices.record(row) == (target.id, target.code)
