"""Every window and dialog of the GUI, opened in turn on demo data, for the screen and language checks.

:func:`visit_every_window` opens the main window on each of its tabs, with a
GNSS fix in the indicator and an error shown in the forms; then every action
of the menu bar that opens something (so a window added later with its menu
action is caught without changing this file), then the windows reached from
inside those: the intake window of a cooler (ready, after a garbled and an
unknown scan), the intake's start at a lab desk, the COC print dialog. The
visitor is called with a name and the top-level widget, shown and laid out.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QFileDialog, QWidget
from pytestqt.qtbot import QtBot

from drivers.gnss.receiver import ReceiverState, Status
from fieldapp.domain import project as project_mod
from fieldapp.domain import sample as sample_mod
from fieldapp.domain import shipment as shipment_mod
from fieldapp.positions.pipeline import fixes
from fieldapp.positions.replay import read_log, replay_bytes
from fieldapp.session import Session
from ui import i18n, theme
from ui.check_view import CheckView
from ui.i18n import tr
from ui.main_window import MainWindow
from ui.unsaved import Choice
from ui.window_actions import ACTIONS

ROOT = Path(__file__).resolve().parents[2]
FIX = fixes(replay_bytes(read_log(ROOT / "tests" / "data" / "nmea" / "gpsd__ublox-lea-5h.log")))[0]
Visit = Callable[[str, QWidget], None]


@contextlib.contextmanager
def look(theme_name: str, lang: str) -> Iterator[None]:
    """The app in ``theme_name`` and ``lang`` for the block; the test process's look restored after."""
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    style, sheet, palette, font = app.style().name(), app.styleSheet(), app.palette(), app.font()
    theme.apply_theme(app, theme_name)
    i18n.install(app, "nl" if lang == "nl" else "en")
    try:
        yield
    finally:
        i18n.install(app, "en")
        app.setStyleSheet(sheet)
        app.setPalette(palette)
        app.setFont(font)
        from PySide6.QtWidgets import QStyleFactory

        restored = QStyleFactory.create(style)
        if restored is not None:
            app.setStyle(restored)


def _settle() -> None:
    for _ in range(3):
        QCoreApplication.processEvents()


def _windows() -> list[QWidget]:
    return [w for w in QApplication.topLevelWidgets() if w.isVisible() and not isinstance(w, QFileDialog)]


def _opened(trigger: Callable[[], object], visit_modal: Visit, name: str) -> list[QWidget]:
    """Run ``trigger``; the new top-level windows it showed. A dialog run with exec() is visited and
    closed from inside its own event loop."""
    before = set(map(id, _windows()))
    inside = {"now": True}

    def close_blocking() -> None:
        modal = QApplication.activeModalWidget()
        if inside["now"] and modal is not None and id(modal) not in before:
            _settle()
            if not isinstance(modal, QFileDialog):
                visit_modal(f"{name} (modal)", modal)
            modal.close()

    QTimer.singleShot(300, close_blocking)
    trigger()
    inside["now"] = False
    _settle()
    # a file dialog opened without exec() (the field report's) is the system's, not ours: closed, so it
    # stays no hidden part of the window that opened it
    for chooser in QApplication.topLevelWidgets():
        if isinstance(chooser, QFileDialog) and chooser.isVisible():
            chooser.close()
    _settle()
    return [w for w in _windows() if id(w) not in before]


def _show_fix(w: MainWindow) -> None:
    """A live fix of the widest kind the indicator shows, so its width is the worst case."""
    w.bridge.status_changed.emit(ReceiverState(Status.FIX, "test", "", datetime.now(UTC)))
    w.bridge._receiver = object()  # type: ignore[assignment]  # counts as running for the indicator
    w.bridge.fix_received.emit(FIX, time.monotonic() - 95)
    w.indicator.refresh()
    # the age stays "95 s" through the walk: on a loaded machine the tick made it "100 s", a wider text than the
    # one measured, and a screen-fit check failed by chance
    w.indicator._timer.stop()


def visit_every_window(qtbot: QtBot, session: Session, visit: Visit) -> MainWindow:
    w = MainWindow(session)
    qtbot.addWidget(w)
    w.show()
    w._deferred()  # the overview, the forms and the sync panel, as just after the first paint
    w.select_project(0)
    w.select_borehole(0)
    w.select_sample(0)
    _show_fix(w)
    # the longest status message a sampler meets on the first start
    w.statusBar().showMessage(tr("Demo project {p} created: {b} boreholes, {s} samples, {c} containers.").format(
        p="2026-0142", b=12, s=34, c=90))
    try:
        for i in range(w.tabs.count()):
            w.tabs.setCurrentIndex(i)
            _settle()
            visit(f"main window, tab {i}", w)
        # errors beside their fields, in full
        w.tabs.setCurrentWidget(w.layer_form)
        w.layer_form.upper_edit.setText("0")
        w.layer_form.lower_edit.setText("1,2,3")
        w.layer_form.save()
        _settle()
        visit("main window, layer error", w)
        w.tabs.setCurrentWidget(w.borehole_form)
        w.borehole_form.load(w.current_project(), None)
        w.borehole_form.planned_x_edit.setText("east")
        w.borehole_form.save()
        _settle()
        visit("main window, borehole error", w)
        w.tabs.setCurrentIndex(0)
        _settle()

        # everything the menus open, found through the menus themselves
        for spec in ACTIONS:
            action = getattr(w, spec.name)
            assert isinstance(action, QAction)
            if not spec.opens or not action.isEnabled():
                continue
            for opened in _opened(action.trigger, visit, spec.name):
                _settle()
                if isinstance(opened, CheckView):  # its list comes from a worker: the same screen in each run
                    qtbot.waitUntil(lambda v=opened: v.report is not None, timeout=30_000)
                    _settle()
                visit(spec.name, opened)
                opened.close()
                _settle()
        _inner_windows(w, session, visit)
    finally:
        w.tasks.wait()
        w.bridge._receiver = None
    return w


def _inner_windows(w: MainWindow, session: Session, visit: Visit) -> None:
    """Windows opened from inside other windows: the COC print dialog, the intake window, the lab desk."""
    from ui.intake.entry import show_intake
    from ui.intake.launch import ChooseCooler
    from ui.print_actions import _open
    from ui.print_jobs import CocRequest

    proj = project_mod.all_projects(session.store)[0]
    ships = shipment_mod.of_project(session.store, proj.id)
    assert ships, "the demo project has shipments"
    coc = _open(w, CocRequest(ships[0].code, proj.code))
    assert coc is not None
    _settle()
    visit("print COC", coc)
    coc.close()

    from ui.lab_order_dialog import LabOrderDialog

    order = LabOrderDialog(session, ships[0], lambda _before, _after: None, w)
    order.show()
    _settle()
    visit("lab order", order)
    order.close()

    from fieldapp.intake.receipt import open_shipment

    intake = show_intake(w, open_shipment(session, ships[-1].code))
    _settle()
    visit("intake window", intake)
    intake.handle_scan("ФФ-0001")  # a scan through a Russian keyboard layout: the longest message
    _settle()
    visit("intake window, keyboard layout", intake)
    intake.handle_scan("XX-NOT-HERE-42")
    intake.tabs.setCurrentIndex(2)
    _settle()
    visit("intake window, unknown code", intake)
    intake.close()

    # closing a borehole that lacks everything: the longest missing list
    from fieldapp.domain import borehole as borehole_mod
    from fieldapp.domain import borehole_closing
    from fieldapp.errors import IncompleteError

    bare = borehole_mod.create(session, proj.id, code=borehole_mod.next_code(session.store, proj.id))
    closing = w.close_borehole()
    assert closing is not None
    closing.load(bare)
    closing.hole = bare
    try:
        borehole_closing.close_borehole(session, bare.id)
    except IncompleteError as exc:
        closing.show_missing(exc)
    _settle()
    visit("close borehole, missing list", closing)
    closing.close()
    borehole_mod.delete(session, bare.id)

    desk = ChooseCooler(session, lambda _r: None)
    desk.show()
    desk.take("NO-SUCH-COC")
    _settle()
    visit("lab desk, which cooler", desk)
    desk.close()
    _ = sample_mod  # the sample form was shown with the first sample above

    # the Well tab on a demo peilbuis, and its sampling round view with the stop rule met
    # the layer typed above (the error screen) is not saved: going to another borehole asks first
    w.select_borehole_id(next(b.id for b in borehole_mod.of_project(session.store, proj.id) if b.kind == "peilbuis"))
    unsaved = w._unsaved_dialog
    assert unsaved is not None, "the layer typed and refused above is asked about"
    _settle()
    visit("unsaved input", unsaved)
    unsaved.answer(Choice.DISCARD)
    _settle()
    w.tabs.setCurrentWidget(w.well_tab)
    _settle()
    visit("main window, well tab", w)
    rounds = w.well_tab.open_round()
    assert rounds is not None, "the demo's wells have rounds"
    _settle()
    visit("sampling round", rounds)
    rounds.close()
