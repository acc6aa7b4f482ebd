"""A window on the smallest record a sample can be taken from: project P1, borehole B01 with a layer of 0 to
1 m logged, B01 selected. Shared by the workbench tests that take samples and fill containers; and a window
opened on a borehole and tab of the test's own records, deleted after it (:func:`window_at`)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from fieldapp.domain import borehole, layer, project
from fieldapp.session import Session
from ui.main_window import MainWindow
from ui.unsaved import Choice


def window_on_b01(qtbot: QtBot, session: Session, name: str, *, shown: bool = True) -> MainWindow:
    proj = project.create(session, code="P1", name=name)
    hole = borehole.create(session, proj.id, code="B01")
    layer.add(session, hole.id, upper="0", lower="1,00", soil="Zs1")
    w = MainWindow(session)
    qtbot.addWidget(w)
    if shown:
        w.show()
        qtbot.waitExposed(w)
    w.select_borehole(0)
    return w


@contextmanager
def window_at(qtbot: QtBot, session: Session, project_code: str, row: int, tab: str) -> Iterator[MainWindow]:
    """The window shown on borehole ``row`` of ``project_code``, on the workbench tab ``tab`` (the window's
    attribute: "layer_form", "well_tab" ...). Afterwards a question left open is cancelled, what a test left
    typed is let go (closing would ask about it), and the window is deleted: each window alive is
    retranslated, and slowed, by every later language switch in the run."""
    w = MainWindow(session)
    w.show()
    qtbot.waitExposed(w)
    w.select_project_code(project_code)
    w.select_borehole(row)
    w.tabs.setCurrentWidget(getattr(w, tab))
    try:
        yield w
    finally:
        if (dialog := w._unsaved_dialog) is not None:
            dialog.answer(Choice.CANCEL)
        for form in w.unsaved_forms():
            form.forget_typed()
        w.tasks.wait()
        w.close()
        w.deleteLater()
        QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
