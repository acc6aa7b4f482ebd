"""A layer or a sample typed and not saved is never dropped without a word (ui/unsaved.py).

Choosing another borehole, another project or closing the window dropped it silently. Now the window
asks: Save (the form's own save, the core's rules), Don't save, or Cancel (stay, the borehole being
edited selected again). Every path and answer, in English and in Dutch, on a real database; the dialog
is answered by clicking its buttons.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from one_borehole import window_at
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from fieldapp.codelists import CodeLists
from fieldapp.domain import borehole, layer, project, sample
from fieldapp.session import Session
from fieldapp.settings import Settings
from ui import i18n, theme
from ui.main_window import MainWindow
from ui.unsaved import UnsavedDialog

TEXTS = {
    "en": {"layer": "The layer 0.00–1.20 m of borehole B02 is not saved yet.",
           "sample": "The sample {s} of borehole B02 is not saved yet.",
           "buttons": ("Save", "Don't save", "Cancel")},
    "nl": {"layer": "De laag 0,00–1,20 m van boring B02 is nog niet opgeslagen.",
           "sample": "Het monster {s} van boring B02 is nog niet opgeslagen.",
           "buttons": ("Opslaan", "Niet opslaan", "Annuleren")},
}


@pytest.fixture(params=["en", "nl"])
def lang(request: pytest.FixtureRequest, qapp: QApplication) -> Iterator[str]:
    i18n.install(qapp, request.param)
    yield request.param
    i18n.install(qapp, "en")


@pytest.fixture
def window(qtbot: QtBot, tmp_path: Path, lists: CodeLists, lang: str) -> Iterator[MainWindow]:
    """Projects P1 and P2 of two boreholes each; P1's B02 on the Layers tab."""
    s = Session.open(tmp_path / "field.sqlite", settings=Settings(user="J. de Vries", language=lang), lists=lists)
    for code in ("P1", "P2"):
        proj = project.create(s, code=code, name="Verversen")
        for hole in ("B01", "B02"):
            borehole.create(s, proj.id, code=hole)
    with window_at(qtbot, s, "P1", 1, "layer_form") as w:  # deleted after the test
        yield w
    s.close()


def code(w: MainWindow) -> str | None:
    bh = w.current_borehole()
    return None if bh is None else bh.code


def b02(w: MainWindow) -> borehole.Borehole:
    [proj] = [p for p in project.all_projects(w.session.store) if p.code == "P1"]
    return next(b for b in borehole.of_project(w.session.store, proj.id) if b.code == "B02")


def type_layer(w: MainWindow) -> None:
    form = w.layer_form
    form.lower_edit.setText("1,20")
    form.soil_edit.setText("Zs1")
    form.remarks_edit.setText("puinresten")


def leave(w: MainWindow, qtbot: QtBot, path: str) -> None:
    if path == "borehole":  # a tap on B01 in the list
        view = w.borehole_view
        qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton,
                         pos=view.visualRect(w.boreholes_model.index(0, 0)).center())
    elif path == "project":
        w.select_project_code("P2")
    else:
        w.close()


def dialog_of(w: MainWindow) -> UnsavedDialog:
    dialog = getattr(w, "_unsaved_dialog", None)
    assert isinstance(dialog, UnsavedDialog), "the sampler is asked"
    assert dialog.isVisible()
    return dialog


def arrived(w: MainWindow, path: str) -> bool:
    if path == "borehole":
        return code(w) == "B01" and w.layer_form.borehole is not None and w.layer_form.borehole.code == "B01"
    if path == "project":
        proj = w.current_project()
        return proj is not None and proj.code == "P2" and w._shown_project == proj
    return not w.isVisible()


PATHS = ("borehole", "project", "close")


@pytest.mark.parametrize("path", PATHS)
def test_save_saves_the_layer_then_leaves(window: MainWindow, qtbot: QtBot, lang: str, path: str) -> None:
    type_layer(window)
    leave(window, qtbot, path)
    dialog = dialog_of(window)
    assert dialog.what.text() == TEXTS[lang]["layer"]
    assert (dialog.save_button.text(), dialog.discard_button.text(), dialog.cancel_button.text()) \
        == TEXTS[lang]["buttons"]
    assert min(b.height() for b in (dialog.save_button, dialog.discard_button, dialog.cancel_button)) >= 60, \
        "large enough for a gloved finger"
    assert code(window) == "B02", "nothing moved before the answer"
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert [(x.upper_cm, x.lower_cm, x.soil_code, x.remarks) for x in layer.of_borehole(
        window.session.store, b02(window).id)] == [(0, 120, "Zs1", "puinresten")]
    assert arrived(window, path)
    assert window._unsaved_dialog is None


@pytest.mark.parametrize("path", PATHS)
def test_dont_save_drops_the_layer_and_leaves(window: MainWindow, qtbot: QtBot, lang: str, path: str) -> None:
    hole = b02(window)
    type_layer(window)
    leave(window, qtbot, path)
    dialog = dialog_of(window)
    assert dialog.what.text() == TEXTS[lang]["layer"]
    qtbot.mouseClick(dialog.discard_button, Qt.MouseButton.LeftButton)
    assert layer.of_borehole(window.session.store, hole.id) == []
    assert arrived(window, path)
    if path != "close":  # the next leave asks nothing more
        window.select_project_code("P1")
        assert window._unsaved_dialog is None


@pytest.mark.parametrize("path", PATHS)
def test_cancel_stays_on_the_typed_layer(window: MainWindow, qtbot: QtBot, lang: str, path: str) -> None:
    type_layer(window)
    leave(window, qtbot, path)
    dialog = dialog_of(window)
    assert dialog.cancel_button.text() == TEXTS[lang]["buttons"][2]
    qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)
    assert window._unsaved_dialog is None
    assert window.isVisible()
    proj = window.current_project()
    assert proj is not None and proj.code == "P1" and window._shown_project == proj
    assert code(window) == "B02", "the list shows the borehole being edited again"
    form = window.layer_form
    assert form.borehole is not None and form.borehole.code == "B02"
    assert (form.lower_edit.text(), form.soil_edit.text(), form.remarks_edit.text()) == ("1,20", "Zs1", "puinresten")
    assert layer.of_borehole(window.session.store, b02(window).id) == []
    # still typed: the next leave asks again, and a save then goes to B02
    leave(window, qtbot, path)
    qtbot.mouseClick(dialog_of(window).save_button, Qt.MouseButton.LeftButton)
    assert len(layer.of_borehole(window.session.store, b02(window).id)) == 1
    assert arrived(window, path)


def test_escape_is_cancel(window: MainWindow, qtbot: QtBot) -> None:
    type_layer(window)
    leave(window, qtbot, "borehole")
    qtbot.keyClick(dialog_of(window), Qt.Key.Key_Escape)
    assert window._unsaved_dialog is None and code(window) == "B02"
    assert window.layer_form.soil_edit.text() == "Zs1"


@pytest.mark.parametrize("path", PATHS)
def test_nothing_typed_asks_nothing(window: MainWindow, qtbot: QtBot, path: str) -> None:
    layer.add(window.session, b02(window).id, upper="0", lower="0,50", soil="Zs1")
    window.layer_form.reload()
    _ = window.sample_form  # loaded too: its next code, its time and its interval are the form's own
    window.layer_form._edit_row(window.layer_form.model.index(0, 0))  # a saved layer opened: what was loaded
    leave(window, qtbot, path)
    assert window._unsaved_dialog is None
    assert arrived(window, path)
    # back on B02 (the window opened again), a layer typed is asked about
    if path == "close":
        window.show()
    window.select_project_code("P1")
    window.select_borehole(1)
    window.tabs.setCurrentWidget(window.layer_form)
    type_layer(window)
    window.close()
    assert " B02 " in dialog_of(window).what.text()


@pytest.mark.parametrize("path", PATHS)
def test_a_save_the_core_refuses_stays_with_the_reason(window: MainWindow, qtbot: QtBot, path: str) -> None:
    form = window.layer_form
    form.upper_edit.setText("1,20")
    form.lower_edit.setText("0,50")  # upside down
    leave(window, qtbot, path)
    qtbot.mouseClick(dialog_of(window).save_button, Qt.MouseButton.LeftButton)
    assert layer.of_borehole(window.session.store, b02(window).id) == [], "nothing half written"
    assert window.isVisible() and code(window) == "B02"
    proj = window.current_project()
    assert proj is not None and proj.code == "P1"
    assert window.tabs.currentWidget() is form
    assert form.errors_general.text() or any(
        label.text() for label in form.findChildren(type(form.errors_general)) if label.property("role") == "error"), \
        "the core's reason is shown"
    assert (form.upper_edit.text(), form.lower_edit.text()) == ("1,20", "0,50"), "what was typed stays"


def test_a_changed_saved_layer_is_named_as_changed(window: MainWindow, qtbot: QtBot, lang: str) -> None:
    layer.add(window.session, b02(window).id, upper="0", lower="1,20", soil="Zs1")
    form = window.layer_form
    form.reload()
    form._edit_row(form.model.index(0, 0))
    form.soil_edit.setText("Kz1")
    leave(window, qtbot, "borehole")
    text = dialog_of(window).what.text()
    assert text == {"en": "The changes to layer 0.00–1.20 m of borehole B02 are not saved yet.",
                    "nl": "De wijzigingen in laag 0,00–1,20 m van boring B02 zijn nog niet opgeslagen."}[lang]
    qtbot.mouseClick(dialog_of(window).save_button, Qt.MouseButton.LeftButton)
    assert [x.soil_code for x in layer.of_borehole(window.session.store, b02(window).id)] == ["Kz1"]
    assert code(window) == "B01"


@pytest.mark.parametrize("answer", ["save", "discard", "cancel"])
def test_a_typed_sample_is_asked_about(window: MainWindow, qtbot: QtBot, lang: str, answer: str) -> None:
    hole = b02(window)
    layer.add(window.session, hole.id, upper="0", lower="1,00", soil="Zs1")
    form = window.sample_form
    window.tabs.setCurrentWidget(form)
    form.rows[0].upper_edit.setText("0,10")
    form.rows[0].lower_edit.setText("0,50")
    typed_code = form.code_edit.text()
    leave(window, qtbot, "borehole")
    dialog = dialog_of(window)
    assert dialog.what.text() == TEXTS[lang]["sample"].format(s=typed_code)
    qtbot.mouseClick(getattr(dialog, f"{answer}_button"), Qt.MouseButton.LeftButton)
    store = window.session.store
    taken = [(s.code, part.upper_cm, part.lower_cm) for s in sample.of_borehole(store, hole.id)
             for part in sample.parts_of(store, s.id)]
    assert taken == ([(typed_code, 10, 50)] if answer == "save" else [])
    assert code(window) == ("B02" if answer == "cancel" else "B01")
    if answer == "cancel":
        assert form.rows[0].lower_edit.text() == "0,50"


def test_layer_and_sample_both_typed_are_named_and_saved(window: MainWindow, qtbot: QtBot, lang: str) -> None:
    hole = b02(window)
    type_layer(window)
    form = window.sample_form
    form.rows[0].upper_edit.setText("0,10")
    form.rows[0].lower_edit.setText("0,50")
    window.close()
    dialog = dialog_of(window)
    assert dialog.what.text().splitlines() == [TEXTS[lang]["layer"],
                                               TEXTS[lang]["sample"].format(s=form.code_edit.text())]
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert len(layer.of_borehole(window.session.store, hole.id)) == 1
    assert len(sample.of_borehole(window.session.store, hole.id)) == 1
    assert not window.isVisible()


@pytest.mark.parametrize("look", ["normal", "sunlight"])
def test_the_buttons_stay_large_under_each_theme(window: MainWindow, qtbot: QtBot, qapp: QApplication,
                                                look: str) -> None:
    """The theme's style sheet sets every button's min-height (44 px): it overrode the dialog's 64 px."""
    theme.apply_theme(qapp, look)
    try:
        type_layer(window)
        leave(window, qtbot, "borehole")
        dialog = dialog_of(window)
        qtbot.waitExposed(dialog)
        assert min(b.height() for b in (dialog.save_button, dialog.discard_button, dialog.cancel_button)) >= 60
    finally:
        theme.apply_theme(qapp, "normal")
