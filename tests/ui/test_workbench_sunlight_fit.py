"""At 1366 x 768 in the sunlight theme, in Dutch, the Layers tab shows its pick lists whole and the Samples
tab keeps the scanned containers in view. Before, "(hoofdgrondsoort)" read "(hoofdgrondsoo", "(kleursterkte)"
"(kleurste" (the form was held to 560 px beside the layers' table), and with the PFAS warning up the list of
scanned containers was pushed below the fold with one row in view."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QRect
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from fieldapp.codelists import CodeLists
from fieldapp.session import Session
from fieldapp.settings import Settings
from ui.background import write_demo_project
from ui.main_window import MainWindow
from ui.screen import FormPage

from every_window import look  # isort: skip

#: a row of the workbench's tables (ui.models.table)
ROW_PX = 36


@pytest.fixture
def window(qtbot: QtBot, tmp_path: Path, lists: CodeLists) -> Iterator[MainWindow]:
    path = tmp_path / "demo.sqlite"
    write_demo_project(str(path), Settings(user="J. de Vries"), 12, 1)
    s = Session.open(path, settings=Settings(user="J. de Vries", language="nl", theme="sunlight"), lists=lists)
    with look("sunlight", "nl"):
        w = MainWindow(s)
        qtbot.addWidget(w)
        w.show()
        qtbot.waitExposed(w)
        w._deferred()
        w.select_project(0)
        w.select_borehole(0)
        yield w
        w.tasks.wait()
    s.close()


def settle() -> None:
    for _ in range(4):
        QApplication.processEvents()


def test_the_layer_forms_pick_lists_show_their_words_whole(window: MainWindow) -> None:
    window.tabs.setCurrentWidget(window.layer_form)
    settle()
    form = window.layer_form
    combos = {"main_combo": "(hoofdgrondsoort)", "mix_combo": "(bijmenging)", "shade_combo": "(kleursterkte)",
              "secondary_combo": "(bijkleur)", "sand_combo": "(zandmediaan)", "gravel_combo": "(grindmediaan)",
              "component_combo": "", "component_grade_combo": ""}
    cut = []
    for name, shown in combos.items():
        combo = getattr(form, name)
        assert combo.currentText() == shown
        if combo.width() < combo.sizeHint().width():  # the hint holds its longest entry, the placeholder too
            cut.append(f"{name} {combo.currentText()!r}: {combo.width()} px of {combo.sizeHint().width()}")
    assert not cut, cut
    assert form.view.width() >= 300, "the layers' table keeps From, To and the soil code in view"


def test_the_scanned_containers_stay_in_view_with_the_pfas_warning_up(window: MainWindow) -> None:
    form = window.sample_form
    window.tabs.setCurrentWidget(form)
    form.reopen()  # the borehole's first sample: its containers
    form.analyses_edit.setText("NEN 5740; PFAS")
    form.material_combo.setCurrentIndex(form.material_combo.findData("PTFE"))
    settle()
    assert form.pfas_label.isVisible() and form.containers.rowCount() >= 1
    page = window.tabs.widget(window.tabs.currentIndex())
    assert isinstance(page, FormPage)
    viewport = page.scroller.viewport()
    view = form.container_view
    shown = QRect(view.mapTo(viewport, view.rect().topLeft()), view.size()).intersected(viewport.rect())
    header = view.horizontalHeader().height()
    assert shown.height() >= header + 3 * ROW_PX, f"{shown.height()} px of the list in view, header {header} px"
    for button in (form.generate_button, form.void_button, form.save_button):
        spot = QRect(button.mapTo(viewport, button.rect().topLeft()), button.size())
        assert viewport.rect().contains(spot), f"{button.text()} in view"
