"""The overview, the forms and the sync panel are built just after the first show, or when asked for."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from fieldapp import demo
from fieldapp.codelists import CodeLists
from fieldapp.domain import layer
from fieldapp.session import Session
from fieldapp.settings import Settings
from ui.main_window import FORMS_AFTER_MS, MainWindow


@pytest.fixture
def session(tmp_path: Path, lists: CodeLists) -> Iterator[Session]:
    s = Session.open(tmp_path / "field.sqlite", settings=Settings(user="J. de Vries"), lists=lists)
    demo.create(s, boreholes=3, seed=1)
    yield s
    s.close()


def test_built_just_after_the_first_show(qtbot: QtBot, session: Session) -> None:
    w = MainWindow(session)
    qtbot.addWidget(w)
    assert w._overview is None and w._sync is None and not w.forms_built
    w.show()
    qtbot.waitUntil(lambda: w._overview is not None and w._sync is not None and w.forms_built,
                    timeout=FORMS_AFTER_MS + 2000)
    # the overview took the placeholder's place as the first tab and is the one shown
    assert w.tabs.widget(0) is w.overview and w.tabs.currentWidget() is w.overview
    # the Well tab (a peilbuis's well, ui/well_tab.py) comes last, after the three forms
    assert [w.tabs.tabText(i) for i in range(w.tabs.count())] == ["Overview", "Position", "Layers", "Samples", "Well"]
    assert w.sync.widget.parent() is not None and w.sync.label.text()


def test_the_overview_asked_for_early_shows_the_selected_borehole(qtbot: QtBot, session: Session) -> None:
    w = MainWindow(session)
    qtbot.addWidget(w)
    w.select_borehole(1)
    bh = w.current_borehole()
    assert bh is not None and w._overview is None
    assert w.layers_model.rowCount() == len(layer.of_borehole(session.store, bh.id)) >= 1
    assert w.tabs.currentWidget() is w.overview
    # the sync panel asked for before the first show works as well
    assert "not enrolled" in w.sync.label.text()


def test_choosing_the_overview_tab_early_builds_it(qtbot: QtBot, session: Session) -> None:
    w = MainWindow(session)
    qtbot.addWidget(w)
    w.tabs.setCurrentIndex(2)
    assert w.forms_built and w._overview is None
    w.tabs.setCurrentIndex(0)
    assert w._overview is not None and w.tabs.currentWidget() is w.overview
