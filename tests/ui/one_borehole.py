"""A window on the smallest record a sample can be taken from: project P1, borehole B01 with a layer of 0 to
1 m logged, B01 selected. Shared by the workbench tests that take samples and fill containers."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from fieldapp.domain import borehole, layer, project
from fieldapp.session import Session
from ui.main_window import MainWindow


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
