"""The analysis-sample composer, driven by keyboard through the main window's action:
MM1 composed across boreholes, the jars the lab combines shown, each rule the GUI
can break shown beside its field (in Dutch too) with nothing written, and every
step undone and redone through the window's undo stack.

Real widgets, a real SQLite file; keys typed into the focused widget.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from fieldapp.codelists import CodeLists
from fieldapp.domain import analysis_sample as mm
from fieldapp.domain import borehole, container, layer, project, sample
from fieldapp.domain.sample import Part
from fieldapp.session import Session
from fieldapp.settings import Settings
from fieldapp.store.migrations import DOMAIN_TABLES
from fieldapp.store.verify import verify
from ui import i18n
from ui.analysis_composer import AnalysisComposer
from ui.main_window import MainWindow


@pytest.fixture
def gui_session(tmp_path: Path, lists: CodeLists) -> Iterator[Session]:
    s = Session.open(tmp_path / "field.sqlite", settings=Settings(user="A. Bakker", language="en"), lists=lists)
    proj = project.create(s, code="P-12", name="Gasfabriek")
    for n in (1, 2, 3):
        hole = borehole.create(s, proj.id, code=f"B0{n}")
        layer.add(s, hole.id, upper="0", lower="0.5", soil="Zs1h2")
        layer.add(s, hole.id, upper="0.5", lower="1.0", soil="Kz1")
        for top, bottom in (("0", "0.5"), ("0.5", "1.0")):
            smp = sample.create(s, proj.id, code=f"M{n}{top[-1]}", kind="field_sample", matrix="BS",
                                parts=[Part(hole.id, top, bottom)])
            container.add(s, smp.id, container_type="Pot", barcode=f"FA-GUI-{n}{top[-1]}00")
    hole = borehole.of_project(s.store, proj.id)[0]
    sample.create(s, proj.id, code="A01", kind="field_sample", matrix="ASB", parts=[Part(hole.id, "0", "0.5")])
    yield s
    s.close()


@pytest.fixture
def window(qtbot: QtBot, gui_session: Session) -> Iterator[MainWindow]:
    w = MainWindow(gui_session)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    w.select_project(0)
    yield w
    w.tasks.wait()


def _open(qtbot: QtBot, w: MainWindow) -> AnalysisComposer:
    w.analysis_samples_action.trigger()
    view = w.analysis_composer
    assert isinstance(view, AnalysisComposer)
    qtbot.waitExposed(view)
    view.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is view, timeout=5_000)
    return view


def _tick(view: AnalysisComposer, codes: list[str]) -> None:
    """Move down the table by keyboard and press Space on each wanted row."""
    view.parts_view.setFocus()
    rows = [m.code for m in view.parts_model.rows]
    for row, code in enumerate(rows):
        view.parts_view.setCurrentIndex(view.parts_model.index(row, 0))
        if code in codes:
            QTest.keyClick(view.parts_view, Qt.Key.Key_Space)


def _snapshot(s: Session) -> dict[str, object]:
    out: dict[str, object] = {t: s.store.query(f"SELECT * FROM {t} ORDER BY id") for t in DOMAIN_TABLES}
    out["journal"] = s.store.count("journal")
    return out


def test_compose_across_boreholes_by_keyboard_and_undo(qtbot: QtBot, window: MainWindow,
                                                       gui_session: Session) -> None:
    view = _open(qtbot, window)
    assert view.code_edit.text() == "MM1"
    view.borehole_filter.setText("B01 B02 B03")
    view.depth_to.setText("0.5")  # the top samples only
    assert sorted(m.code for m in view.parts_model.rows) == ["A01", "M10", "M20", "M30"]
    view.matrix_filter.setCurrentIndex(view.matrix_filter.findData("BS"))
    assert [m.code for m in view.parts_model.rows] == ["M10", "M20", "M30"]
    _tick(view, ["M10", "M20", "M30"])
    view.package_combo.setCurrentIndex(view.package_combo.findData("NEN5740_GROND"))
    assert "FA-GUI-1000" in view.jars_label.text() and "FA-GUI-3000" in view.jars_label.text()
    view.parts_view.setFocus()
    QTest.keyClick(view.parts_view, Qt.Key.Key_Return)  # Enter saves
    project_id = view.project.id
    [made] = mm.of_project(gui_session.store, project_id)
    assert (made.code, made.analysis_package) == ("MM1", "NEN5740_GROND")
    assert [(m.code, m.borehole_code) for m in mm.members(gui_session.store, made.id)] == [
        ("M10", "B01"), ("M20", "B02"), ("M30", "B03")]
    assert view.list_model.rows[0].code == "MM1"

    # change it: one part out, Ctrl+S saves
    _tick(view, ["M20"])
    QTest.keySequence(view, "Ctrl+S")
    assert [m.code for m in mm.members(gui_session.store, made.id)] == ["M10", "M30"]

    assert window.undo.undo()  # the change undone: M20 is back
    assert [m.code for m in mm.members(gui_session.store, made.id)] == ["M10", "M20", "M30"]
    assert window.undo.undo()  # the composition undone
    assert mm.of_project(gui_session.store, project_id) == []
    assert window.undo.redo()
    [again] = mm.of_project(gui_session.store, project_id)
    assert again.code == "MM1" and len(mm.members(gui_session.store, again.id)) == 3
    qtbot.waitUntil(lambda: [a.code for a in view.list_model.rows] == ["MM1"], timeout=2_000)

    view.list_view.setFocus()
    view.list_view.setCurrentIndex(view.list_model.index(0, 0))
    QTest.keyClick(view.list_view, Qt.Key.Key_Delete)
    assert mm.of_project(gui_session.store, project_id) == []
    assert window.undo.undo()
    assert [a.code for a in mm.of_project(gui_session.store, project_id)] == ["MM1"]
    verify(gui_session.store)
    view.close()


@pytest.mark.parametrize(
    ("parts", "package", "field", "english", "dutch"),
    [
        ([], "NEN5740_GROND", "parts", "made of no field sample", "bestaat uit geen enkel veldmonster"),
        (["M10", "A01"], "NEN5740_GROND", "parts", "mixes matrices", "mengt matrices"),
        (["M10", "M20"], None, "package", "has no analysis package", "heeft geen analysepakket"),
        (["M10", "M20"], "ASBEST_NEN5898", "package", "is not for BS", "is niet voor BS"),
    ],
)
@pytest.mark.parametrize("lang", ["en", "nl"])
def test_each_rule_is_shown_beside_its_field_and_nothing_is_written(
        qtbot: QtBot, window: MainWindow, gui_session: Session, parts: list[str], package: str | None,
        field: str, english: str, dutch: str, lang: str) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    i18n.install(app, lang)  # type: ignore[arg-type]
    try:
        view = _open(qtbot, window)
        _tick(view, parts)
        view.package_combo.setCurrentIndex(max(0, view.package_combo.findData(package)))
        before = _snapshot(gui_session)
        QTest.keySequence(view, "Ctrl+S")
        assert _snapshot(gui_session) == before
        shown = view.errors.text_for(field)
        assert (dutch if lang == "nl" else english) in shown, shown
        view.close()
    finally:
        i18n.install(app, "en")


def test_the_composer_needs_a_project(qtbot: QtBot, tmp_path: Path, lists: CodeLists) -> None:
    s = Session.open(tmp_path / "empty.sqlite", settings=Settings(user="A. Bakker", language="en"), lists=lists)
    w = MainWindow(s)
    qtbot.addWidget(w)
    w.show()
    w.analysis_samples_action.trigger()
    assert "Select a project" in w.statusBar().currentMessage()
    w.tasks.wait()
    w.close()
    s.close()
