"""The analysis-sample composer on a large project (issue 18): it reads the page it shows, not
every field sample, and still finds, ticks and saves what the projectleider asks for.

1,500 boreholes coded B1..B1500 (natural order: B2 before B10) with two field samples each (the
deeper one of every hundredth is groundwater), a jar per sample, and 230 analysis samples (more than
a page). Real widgets, a real SQLite file.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from fieldapp.codelists import CodeLists
from fieldapp.domain import analysis_sample as mm
from fieldapp.domain import project
from fieldapp.session import Session
from fieldapp.settings import Settings
from ui.analysis_composer import AnalysisComposer
from ui.fetched_model import PAGE
from ui.main_window import MainWindow

HOLES = 1500
HEADS = 230


@pytest.fixture(scope="module")
def big(tmp_path_factory: pytest.TempPathFactory, lists: CodeLists) -> Path:
    path = tmp_path_factory.mktemp("composer") / "large.sqlite"
    with Session.open(path, settings=Settings(user="A. Bakker", language="en"), lists=lists) as s:
        proj = project.create(s, code="P-50", name="Haven")
        with s.store.action("large project") as tx:
            for n in range(1, HOLES + 1):
                hole = tx.insert("borehole", {"project_id": proj.id, "code": f"B{n}", "kind": "boring"})
                for k, (top, bottom) in enumerate(((0, 50), (50, 100)), start=1):
                    smp = tx.insert("sample", {"project_id": proj.id, "code": f"M{n}-{k}", "kind": "field_sample",
                                               "matrix": "GW" if n % 100 == 0 and k == 2 else "BS"})
                    tx.insert("sample_part", {"sample_id": smp, "borehole_id": hole, "upper_cm": top,
                                              "lower_cm": bottom})
                    tx.insert("container", {"sample_id": smp, "container_type": "Pot", "barcode": f"FA-{n}-{k}"})
        ids = {r["code"]: r["id"] for r in s.store.query("SELECT id, code FROM sample")}
        for n in range(1, HEADS + 1):
            mm.create(s, proj.id, code=f"MM{n}", field_sample_ids=[ids[f"M{n}-1"], ids[f"M{n + 1}-1"]],
                      package="NEN5740_GROND")
    return path


@pytest.fixture
def composer(qtbot: QtBot, big: Path, lists: CodeLists) -> Iterator[AnalysisComposer]:
    with Session.open(big, settings=Settings(user="A. Bakker", language="en"), lists=lists) as s:
        w = MainWindow(s)
        qtbot.addWidget(w)
        w.show()
        w.select_project(0)
        w.analysis_samples_action.trigger()
        view = w.analysis_composer
        assert isinstance(view, AnalysisComposer)
        qtbot.waitExposed(view)
        yield view
        view.close()
        w.tasks.wait()


def _holes(view: AnalysisComposer) -> list[str]:
    seen: list[str] = []
    for m in view.parts_model.rows:
        if not seen or seen[-1] != m.borehole_code:
            seen.append(m.borehole_code or "")
    return seen


def test_it_opens_on_one_page_in_natural_order_and_reads_on_as_scrolled(qtbot: QtBot,
                                                                        composer: AnalysisComposer) -> None:
    view = composer
    parts, heads = view.parts_model, view.list_model
    assert parts.reads == 1 and PAGE <= parts.rowCount() < 2 * HOLES  # not the 3,000 field samples
    assert _holes(view)[:12] == [f"B{n}" for n in range(1, 13)]  # B2 before B10
    assert [m.code for m in parts.rows[:4]] == ["M1-1", "M1-2", "M2-1", "M2-2"]  # by depth in a borehole
    assert parts.rows[0].in_analysis == ("MM1",) and parts.rows[2].in_analysis == ("MM1", "MM2")
    assert heads.rowCount() == PAGE and [a.code for a in heads.rows[:3]] == ["MM1", "MM2", "MM3"]
    assert heads.rows[9].code == "MM10" and heads.rows[0].parts == 2

    shown = parts.rowCount()
    view.parts_view.scrollToBottom()  # the view asks for the next page
    qtbot.waitUntil(lambda: parts.rowCount() > shown, timeout=5_000)
    holes = _holes(view)
    assert holes == [f"B{n}" for n in range(1, len(holes) + 1)]  # on from where it was, nothing twice
    view.list_view.scrollToBottom()
    qtbot.waitUntil(lambda: heads.rowCount() == HEADS, timeout=5_000)
    assert heads.rows[-1].code == f"MM{HEADS}"


def test_filters_tick_far_down_and_save_on_a_large_store(qtbot: QtBot, composer: AnalysisComposer) -> None:
    view = composer
    view.borehole_filter.setText("b1450, B1490")  # any case, as typed
    assert [m.code for m in view.parts_model.rows] == ["M1450-1", "M1450-2", "M1490-1", "M1490-2"]
    view.depth_to.setText("0.5")
    assert [m.code for m in view.parts_model.rows] == ["M1450-1", "M1490-1"]
    for row in range(2):
        view.parts_model.toggle(row)
    view.borehole_filter.clear()
    view.depth_to.clear()  # the ticked parts stay ticked though no longer read into the table
    assert "M1490-1" not in [m.code for m in view.parts_model.rows]
    assert "M1450-1 (B1450): FA-1450-1" in view.jars_label.text()
    assert "M1490-1 (B1490): FA-1490-1" in view.jars_label.text()

    view.matrix_filter.setCurrentIndex(view.matrix_filter.findData("GW"))  # one borehole in a hundred
    assert [m.code for m in view.parts_model.rows] == [f"M{n}-2" for n in range(100, HOLES + 1, 100)]
    view.matrix_filter.setCurrentIndex(0)

    view.package_combo.setCurrentIndex(view.package_combo.findData("NEN5740_GROND"))
    assert view.code_edit.text() == f"MM{HEADS + 1}"
    made = view.save()
    assert made is not None
    assert [m.code for m in mm.members(view.session.store, made.id)] == ["M1450-1", "M1490-1"]
    # the new one is past the first page of the list: read on to it and shown selected
    assert view.current is not None and view.current.id == made.id
    selected = view.list_view.currentIndex()
    assert selected.isValid() and view.list_model.record(selected.row()).code == f"MM{HEADS + 1}"
    assert QApplication.instance() is not None
