"""Undo then redo (or the reverse) writes a deleted record again under a new id: the steps before and
after it still reach it. Before, the second undo or redo of such a chain was refused ("Layer … does not
exist"): a change could not be redone, an added layer not taken out again, a sample not taken again on
its borehole."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from fieldapp.codelists import CodeLists
from fieldapp.domain import analysis_sample as mm
from fieldapp.domain import borehole, layer, project, sample
from fieldapp.errors import FieldAppError
from fieldapp.session import Session
from fieldapp.settings import Settings
from ui.main_window import MainWindow
from ui.sample_form import SampleForm


@pytest.fixture
def window(qtbot: QtBot, tmp_path: Path, lists: CodeLists) -> Iterator[MainWindow]:
    s = Session.open(tmp_path / "field.sqlite", settings=Settings(user="J. de Vries", language="en"), lists=lists)
    proj = project.create(s, code="P1", name="Undo")
    borehole.create(s, proj.id, code="B01")
    w = MainWindow(s)
    qtbot.addWidget(w)
    w.select_borehole(0)
    refused: list[FieldAppError] = []
    w._undo_failed = refused.append  # type: ignore[method-assign]
    w.refused = refused  # type: ignore[attr-defined]
    yield w
    w.tasks.wait()
    s.close()


def steps(w: MainWindow, *moves: str) -> None:
    for move in moves:
        done = w.undo.undo() if move == "undo" else w.undo.redo()
        assert done, (move, w.refused)  # type: ignore[attr-defined]


def layers(w: MainWindow) -> list[layer.Layer]:
    bh = w.current_borehole()
    assert bh is not None
    return layer.of_borehole(w.session.store, bh.id)


def bh_id(w: MainWindow) -> str:
    bh = w.current_borehole()
    assert bh is not None
    return bh.id


def log_layer(w: MainWindow, lower: str, soil: str) -> layer.Layer:
    form = w.layer_form
    form.start_next()
    form.lower_edit.setText(lower)
    form.soil_edit.setText(soil)
    saved = form.save()
    assert saved is not None, form.errors_general.text()
    return saved


def edit_last(w: MainWindow, soil: str) -> layer.Layer:
    form = w.layer_form
    form._edit_row(form.model.index(form.model.rowCount() - 1, 0))
    form.soil_edit.setText(soil)
    saved = form.save()
    assert saved is not None
    return saved


def test_a_layer_logged_and_changed_is_undone_and_redone_twice(window: MainWindow) -> None:
    log_layer(window, "0.50", "Zs1")
    edit_last(window, "Kz1")
    steps(window, "undo", "undo")
    assert layers(window) == []
    steps(window, "redo", "redo")
    assert [x.soil_code for x in layers(window)] == ["Kz1"], "the change redone on the layer logged again"
    steps(window, "undo", "undo", "redo", "redo")
    assert [x.soil_code for x in layers(window)] == ["Kz1"]
    assert window.refused == []  # type: ignore[attr-defined]


def test_a_layer_logged_and_deleted_is_undone_back_to_nothing(window: MainWindow) -> None:
    log_layer(window, "0.50", "Zs1")
    window.layer_form._edit_row(window.layer_form.model.index(0, 0))
    window.layer_form.delete()
    assert layers(window) == []
    steps(window, "undo")
    assert [x.soil_code for x in layers(window)] == ["Zs1"]
    steps(window, "undo")
    assert layers(window) == [], "the layer logged again by the first undo is taken out by the second"
    steps(window, "redo", "redo")
    assert layers(window) == []


def layer_and_sample(window: MainWindow) -> tuple[SampleForm, sample.Sample]:
    """A layer of 0 to 1 m logged and a sample of 0.10 to 0.50 m taken in it, through the forms."""
    log_layer(window, "1.00", "Zs1")
    form = window.sample_form
    form.load(window.current_project(), window.current_borehole())
    form.rows[0].upper_edit.setText("0.10")
    form.rows[0].lower_edit.setText("0.50")
    taken = form.save()
    assert taken is not None, form.errors_general.text()
    return form, taken

def test_a_sample_taken_again_by_redo_still_reaches_its_layer_and_time(window: MainWindow) -> None:
    s = window.session
    form, taken = layer_and_sample(window)
    form.sampled_edit.setDateTime(form.sampled_edit.dateTime().addSecs(-3600))
    assert form.set_sampled_at() is not None
    moved = sample.get(s.store, taken.id).sampled_at
    steps(window, "undo", "undo", "undo")  # the time, the sample, the layer
    assert layers(window) == [] and sample.of_borehole(s.store, bh_id(window)) == []
    steps(window, "redo", "redo", "redo")
    [again] = sample.of_borehole(s.store, bh_id(window))
    assert again.code == taken.code and again.sampled_at == moved
    steps(window, "undo", "undo", "undo")
    assert layers(window) == []


def test_an_analysis_sample_composed_of_a_sample_taken_again_reaches_it(window: MainWindow) -> None:
    from ui.analysis_composer import composed

    s = window.session
    _, taken = layer_and_sample(window)
    fields = {"code": "MM01", "package": "NEN5740_GROND", "remarks": "", "field_sample_ids": [taken.id]}
    composed(window.undo, mm.create(s, taken.project_id, **fields), fields)
    steps(window, "undo", "undo")  # the analysis sample, the field sample
    assert mm.of_project(s.store, taken.project_id) == []
    steps(window, "redo", "redo")  # the field sample is taken again under a new id, then composed
    [again] = sample.of_borehole(s.store, bh_id(window))
    [made] = mm.of_project(s.store, taken.project_id)
    assert [m.field_sample_id for m in mm.members(s.store, made.id)] == [again.id]
