"""A new sample is taken at the time it is saved, unless the sampler set another. The form put the time
in its field when it was shown and kept it: a borehole chosen at 08:00 and sampled at 11:00 gave a sample
taken at 08:00, and every later sample of that borehole the same time (holding times count from it)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QDateTime
from pytestqt.qtbot import QtBot

import ui.sample_form
from fieldapp.codelists import CodeLists
from fieldapp.domain import borehole, layer, project, sample
from fieldapp.domain.holding import parse_time
from fieldapp.session import Session
from fieldapp.settings import Settings
from ui.main_window import MainWindow
from ui.sample_form import SampleForm

HOURS_AGO = 3


@pytest.fixture
def form(qtbot: QtBot, tmp_path: Path, lists: CodeLists, monkeypatch: pytest.MonkeyPatch) -> Iterator[SampleForm]:
    s = Session.open(tmp_path / "field.sqlite", settings=Settings(user="J. de Vries", language="en"), lists=lists)
    proj = project.create(s, code="P1", name="Tijd", start_date="2020-01-01")
    hole = borehole.create(s, proj.id, code="B01")
    layer.add(s, hole.id, upper="0", lower="2,00", soil="Zs1")
    w = MainWindow(s)
    qtbot.addWidget(w)
    w.select_borehole(0)
    with monkeypatch.context() as m:  # the borehole was chosen, and the form shown, hours ago
        m.setattr(ui.sample_form, "_now", lambda: QDateTime.currentDateTime().addSecs(-HOURS_AGO * 3600))
        f = w.sample_form
        f.load(proj, hole)
    yield f
    w.tasks.wait()
    s.close()


def take(form: SampleForm, code: str, upper: str, lower: str) -> sample.Sample:
    form.code_edit.setText(code)
    form.rows[0].upper_edit.setText(upper)
    form.rows[0].lower_edit.setText(lower)
    taken = form.save()
    assert taken is not None, form.errors_general.text()
    return taken


def age(taken: sample.Sample) -> timedelta:
    moment = parse_time(taken.sampled_at)
    assert moment is not None
    return datetime.now().astimezone() - moment


def test_samples_are_taken_when_saved_not_when_the_form_was_shown(form: SampleForm) -> None:
    first = take(form, "M01", "0", "0,50")
    assert abs(age(first)) < timedelta(minutes=2), first.sampled_at
    second = take(form, "M02", "0,50", "1,00")
    assert abs(age(second)) < timedelta(minutes=2)
    assert form.sampled_edit.dateTime().secsTo(QDateTime.currentDateTime()) < 120, "the field shows it"


def test_a_time_the_sampler_set_is_kept(form: SampleForm) -> None:
    earlier = QDateTime.currentDateTime().addSecs(-3600)
    form.sampled_edit.setDateTime(earlier)
    taken = take(form, "M01", "0", "0,50")
    assert timedelta(minutes=58) < age(taken) < timedelta(minutes=62)


def test_after_reopening_a_sample_a_new_one_is_taken_now(form: SampleForm) -> None:
    first = take(form, "M01", "0", "0,50")
    form.sampled_edit.setDateTime(QDateTime.currentDateTime().addSecs(-7200))
    assert form.set_sampled_at() is not None  # M01 was taken two hours ago
    form.reopen_combo.setCurrentIndex(form.reopen_combo.findData(first.id))
    form.reopen()
    second = take(form, "M02", "0,50", "1,00")
    assert abs(age(second)) < timedelta(minutes=2), "not the reopened sample's time"
