"""After a sample is saved the form offers the next code, its intervals empty: the next sample is typed and
saved. Before, the saved code stayed in its field and the next save was refused as "already used" until the
sampler found the code field and typed it over (gloves, rain)."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from fieldapp.codelists import CodeLists
from fieldapp.domain import sample
from fieldapp.session import Session
from fieldapp.settings import Settings

from one_borehole import window_on_b01  # isort: skip


def test_the_next_sample_is_saved_after_the_first(qtbot: QtBot, tmp_path: Path, lists: CodeLists) -> None:
    s = Session.open(tmp_path / "field.sqlite", settings=Settings(user="J. de Vries", language="en"), lists=lists)
    try:
        w = window_on_b01(qtbot, s, "Volgende")
        form = w.sample_form
        w.tabs.setCurrentWidget(form)
        assert form.code_edit.text() == "M01"
        taken = []
        for upper, lower in (("0", "0,50"), ("0,50", "1,00")):
            form.rows[0].upper_edit.setText(upper)
            form.rows[0].lower_edit.setText(lower)
            saved = form.save()
            assert saved is not None, form.errors_general.text() or form.errors.text_for("code")
            taken.append(saved.code)
            assert form.sample is not None and form.sample.id == saved.id, "its containers are scanned next"
            assert form.unsaved() is None, "nothing typed yet for the next one"
        assert taken == ["M01", "M02"]
        assert form.code_edit.text() == "M03", "the next code is offered"
        assert (form.rows[0].upper_edit.text(), form.rows[0].lower_edit.text()) == ("", "")
        assert form.rows[0].borehole_combo.currentText() == "B01", "on the same borehole"
        store = s.store
        assert [(x.code, [(p.upper_cm, p.lower_cm) for p in sample.parts_of(store, x.id)])
                for x in sample.of_project(store, form.project.id)] == [  # type: ignore[union-attr]
            ("M01", [(0, 50)]), ("M02", [(50, 100)])]
        w.tasks.wait()
    finally:
        s.close()
