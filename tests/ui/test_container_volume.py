"""The volume typed for a container is stored as typed or refused beside its box: "250 ml" was stored as
no volume at all, "0,5" too, without a word, and a '²' stopped the scan with a traceback."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from one_borehole import window_on_b01
from pytestqt.qtbot import QtBot

from fieldapp.codelists import CodeLists
from fieldapp.domain import container
from fieldapp.session import Session
from fieldapp.settings import Settings
from ui.sample_form import SampleForm


@pytest.fixture
def form(qtbot: QtBot, tmp_path: Path, lists: CodeLists) -> Iterator[SampleForm]:
    s = Session.open(tmp_path / "field.sqlite", settings=Settings(user="J. de Vries", language="en"), lists=lists)
    w = window_on_b01(qtbot, s, "Potjes", shown=False)
    f = w.sample_form
    f.load(w.current_project(), w.current_borehole())
    f.rows[0].upper_edit.setText("0,10")
    f.rows[0].lower_edit.setText("0,50")
    assert f.save() is not None, f.errors_general.text()
    yield f
    w.tasks.wait()
    s.close()


def scan(form: SampleForm, volume: str, barcode: str) -> container.Container | None:
    form.volume_edit.setText(volume)
    form.barcode_edit.setText(barcode)
    return form.scan()


@pytest.mark.parametrize(("typed", "stored"), [("250", 250), ("250 ml", 250), (" 500ML ", 500), ("", None)])
def test_a_volume_is_stored_as_typed(form: SampleForm, typed: str, stored: int | None) -> None:
    jar = scan(form, typed, "JAR-0001")
    assert jar is not None, form.jar_errors.text_for("volume")
    assert container.get(form.session.store, jar.id).volume_ml == stored


@pytest.mark.parametrize("typed", ["0,5", "1.5 l", "veel", "²", "-250"])
def test_a_volume_that_is_no_number_of_millilitres_is_refused_and_nothing_is_written(form: SampleForm,
                                                                                   typed: str) -> None:
    assert form.sample is not None
    journal = form.session.store.count("journal")
    assert scan(form, typed, "JAR-0002") is None
    assert "is not a whole number" in form.jar_errors.text_for("volume")
    assert container.of_sample(form.session.store, form.sample.id) == []
    assert form.session.store.count("journal") == journal
    assert form.barcode_edit.text() == "JAR-0002", "the scan waits for the volume to be put right"
