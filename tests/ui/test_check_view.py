"""The sampling rules and the check in the GUI (issue 12, items 3 and 6).

Saving a sample that breaks a rule shows the rule's message beside the field it
names, in the user's language, and writes nothing. The check view lists what a
project's records break (written behind FieldApp's back with raw SQL) and
Enter on a finding selects its object in the main window, focused on its field.
"""

from __future__ import annotations

import sqlite3
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel
from pytestqt.qtbot import QtBot

from fieldapp.check import CHECKS, OBJECT_NAMES
from fieldapp.domain import asbestos, borehole, borehole_closing, boring_process, layer, project, sample
from fieldapp.domain.boring_process import Interval
from fieldapp.domain.layer import Admixture
from fieldapp.domain.sample import Part
from fieldapp.session import Session
from fieldapp.store.migrations import DOMAIN_TABLES
from ui.check_view import CheckView
from ui.forms import set_combo_code
from ui.main_window import MainWindow


@pytest.fixture
def site(session: Session) -> dict[str, Any]:
    proj = project.create(session, code="P1", name="Gasfabriek", start_date="2026-01-05")
    hole = borehole.create(session, proj.id, code="B01")
    layer.add(session, hole.id, upper="0", lower="0.5", soil="Zs1h2", admixtures=[Admixture("puin", "zwak")])
    layer.add(session, hole.id, upper="0.5", lower="2.0", soil="Kz1")
    borehole.set_final_depth(session, hole.id, "2")
    return {"project": proj, "borehole": hole}


def _counts(session: Session) -> dict[str, int]:
    conn = session.store.conn
    counts = {t: conn.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0] for t in DOMAIN_TABLES}
    counts["journal"] = conn.execute("SELECT COUNT(*) FROM journal").fetchone()[0]
    return counts


def _window(qtbot: QtBot, session: Session) -> MainWindow:
    w = MainWindow(session)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    w.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is w, timeout=5_000)
    w.select_project(0)
    w.select_borehole(0)
    return w


@pytest.mark.parametrize(
    ("upper", "lower", "matrix", "field", "words_nl"),
    [
        ("0.3", "0.7", "BS", "part 1 lower depth", ("loopt over de laaggrens op 0,50 m", "grondsoort en bijmenging",
                                                    "Neem het monster boven of onder die grens")),
        ("0.5", "1.3", "BS", "part 1 lower depth", ("beslaat 80 cm", "ten hoogste 50 cm")),
        ("0.5", "1.0", "GW", "matrix", ("matrix GW, geen grond", "Kies grond (BS)")),
    ],
)
def test_saving_a_sample_that_breaks_a_rule(qtbot: QtBot, session: Session, site: dict[str, Any], dutch: None,
                                            upper: str, lower: str, matrix: str, field: str,
                                            words_nl: tuple[str, ...]) -> None:
    w = _window(qtbot, session)
    form = w.sample_form
    w.tabs.setCurrentWidget(form)
    form.code_edit.setText("M1")
    set_combo_code(form.matrix_combo, matrix)
    form.rows[0].upper_edit.setText(upper)
    form.rows[0].lower_edit.setText(lower)
    before = _counts(session)
    assert form.save() is None
    assert _counts(session) == before, "a refused sample wrote something"
    shown = form.errors.text_for(field)
    for word in words_nl:
        assert word in shown, shown
    widget = form.errors.widget_for(field)
    assert widget is not None and QApplication.focusWidget() is widget and widget.property("invalid") == "true"
    # put right, it saves
    form.rows[0].upper_edit.setText("0.5")
    form.rows[0].lower_edit.setText("1.0")
    set_combo_code(form.matrix_combo, "BS")
    assert form.save() is not None


def _broken(session: Session, site: dict[str, Any]) -> dict[str, str]:
    """A sample across the boundary, sampled before the project, and a groundwater level below the hole,
    written as an older FieldApp would have: with raw SQL."""
    smp = sample.create(session, site["project"].id, code="M1", kind="field_sample", matrix="BS",
                        parts=[Part(site["borehole"].id, "0.5", "1.0")], sampled_at="2026-01-06T10:00:00+01:00")
    conn = sqlite3.connect(session.store.path)
    with conn:
        conn.execute("UPDATE sample_part SET upper_cm = 30, lower_cm = 70 WHERE sample_id = ?", (smp.id,))
        conn.execute("UPDATE sample SET sampled_at = '2025-12-01T10:00:00+01:00' WHERE id = ?", (smp.id,))
        conn.execute("UPDATE borehole SET groundwater_cm = 2500 WHERE id = ?", (site["borehole"].id,))
    conn.close()
    return {"sample": smp.id}


def _open(qtbot: QtBot, w: MainWindow) -> CheckView:
    view = w.open_check()
    assert isinstance(view, CheckView)
    qtbot.addWidget(view)
    qtbot.waitUntil(lambda: view.report is not None, timeout=20_000)
    return view


def test_the_check_view_lists_each_finding_and_jumps_to_it(qtbot: QtBot, session: Session,
                                                           site: dict[str, Any]) -> None:
    ids = _broken(session, site)
    w = _window(qtbot, session)
    view = _open(qtbot, w)
    qtbot.waitExposed(view)
    rows = [(view.model.data(view.model.index(r, 1)), f.rule_id, f.field)
            for r, f in enumerate(view.model.records())]
    assert ("borehole B01", "groundwater_level_within_hole", "groundwater level") in rows
    assert ("sample M1", "soil_sample_layer_boundary", "part 1 lower depth") in rows
    assert ("sample M1", "date_not_before_project", "sampled at") in rows
    assert view.model.records()[0].object_kind == "borehole"  # sorted by object
    # the three broken rules, beside what the open borehole still misses before it can be closed
    errors = sum(f.severity == "error" for f in view.model.records())
    assert errors >= 3 and f"{errors} errors" in view.summary.text()

    def enter_on(rule_id: str) -> None:
        row = next(r for r, f in enumerate(view.model.records()) if f.rule_id == rule_id)
        view.activateWindow()
        qtbot.waitUntil(lambda: QApplication.activeWindow() is view, timeout=5_000)
        view.list_view.setCurrentIndex(view.model.index(row, 0))
        view.list_view.setFocus()
        qtbot.keyClick(view.list_view, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: QApplication.activeWindow() is w, timeout=5_000)

    enter_on("date_not_before_project")  # the sample reopened, its sampling time in focus
    form = w.sample_form
    assert w.tabs.currentWidget() is form
    assert form.sample is not None and form.sample.id == ids["sample"]
    assert QApplication.focusWidget() is form.sampled_edit

    enter_on("groundwater_level_within_hole")  # the borehole's groundwater level field
    current = w.current_borehole()
    assert current is not None and current.code == "B01"
    assert w.tabs.currentWidget() is w.layer_form
    assert QApplication.focusWidget() is w.layer_form.depths.water_edit

    enter_on("soil_sample_layer_boundary")  # no form edits a saved sample's depth: the sample in the overview
    assert w.tabs.currentWidget() is w.overview
    chosen = w.overview.current_sample()
    assert chosen is not None and chosen.id == ids["sample"]
    assert QApplication.focusWidget() is w.overview.sample_view


def test_the_check_view_in_dutch_on_a_clean_project(qtbot: QtBot, session: Session, site: dict[str, Any],
                                                    dutch: None) -> None:
    hole = site["borehole"].id  # a complete, closed borehole: nothing left to find
    borehole.set_final_depth(session, hole, "2", "einddoel")
    boring_process.save_intervals(session, hole, [Interval("0", None, "handDraaien", "Edelmanboor", 70)])
    borehole.set_groundwater(session, hole, None, status="not_encountered")
    borehole_closing.set_details(session, hole, technique="handDraaien", diameter_mm=70,
                                 backfill="verwijderdMateriaal")
    borehole_closing.set_surface_level(session, hole, method="waterpassing", level_nap_m="-1.25", accuracy_cm=2)
    borehole_closing.close_borehole(session, hole)
    # its puin makes the location asbestos-suspect (NEN 5707) until the projectleider says why not
    asbestos.judge(session, hole, suspect=False, reason="Puin van de oude erfverharding, geen plaatmateriaal.")
    w = _window(qtbot, session)
    view = w.open_check()
    assert isinstance(view, CheckView)
    qtbot.addWidget(view)
    said: list[str] = []  # the summary line while the check runs: how far it is (seconds at 50,000 boreholes)
    view.summary.setText = lambda text: (said.append(text), QLabel.setText(view.summary, text))  # type: ignore[method-assign]
    qtbot.waitUntil(lambda: view.report is not None, timeout=20_000)
    assert said == [f"P1 wordt gecontroleerd… {n} van {len(CHECKS)}" for n in range(1, len(CHECKS) + 1)] + [
        "Geen bevindingen: aan elke regel is voldaan."]
    assert view.model.rowCount() == 0
    assert view.summary.text() == "Geen bevindingen: aan elke regel is voldaan."
    assert view.windowTitle() == "Controle van P1"


def test_the_dutch_check_view_names_every_object_and_count_in_dutch(qtbot: QtBot, demo_window: MainWindow,
                                                                    dutch: None) -> None:
    """The demo project's findings name wells, sampling rounds and field days too, each in Dutch (the list
    showed the table's name, "sampling_round"), and the counts take the singular for one."""
    view = _open(qtbot, demo_window)
    report = view.report
    assert report is not None and view.lang == "nl"
    kinds = {f.object_kind for f in report.findings}
    assert {"sampling_round", "sample", "container"} <= kinds, kinds
    for row, f in enumerate(view.model.records()):
        shown = view.model.data(view.model.index(row, 1))
        assert shown == f"{OBJECT_NAMES[f.object_kind][1]} {f.object_code}"
        assert view.model.data(view.model.index(row, 0)) in ("fout", "waarschuwing", "afwijking")
    assert view.summary.text() == f"{report.summary('nl')} Enter of dubbelklikken gaat naar het object."
    assert "1 waarschuwingen" not in view.summary.text() and "1 afwijkingen" not in view.summary.text()
