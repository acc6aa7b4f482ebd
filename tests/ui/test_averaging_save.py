"""Saving a borehole while averaging runs, the stop condition, and a position that strays from the plan
(issue 16, item 3), with a recorded log replayed on a real pseudo-terminal.

Waits are upper bounds: the test goes on as soon as the condition holds.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

pytest.importorskip("termios", reason="pseudo-terminals are POSIX only")

from pty_receiver import PtyReceiver

from drivers.gnss.sources import SerialSource
from fieldapp.codelists import CodeLists
from fieldapp.domain import borehole
from fieldapp.domain import project as project_mod
from fieldapp.session import Session
from fieldapp.settings import Settings
from fieldapp.store import journal
from ui.gnss_bridge import GnssBridge
from ui.main_window import MainWindow
from ui.position_confirm import DeviationDialog, SaveWhileAveraging

DATA = Path(__file__).resolve().parents[1] / "data" / "nmea"
ROTTERDAM = DATA / "gpsd__ublox-lea-5h.log"  # 1 Hz GPS fixes, Rotterdam


@pytest.fixture
def session(tmp_path: Path, lists: CodeLists, monkeypatch: pytest.MonkeyPatch) -> Iterator[Session]:
    monkeypatch.setenv("FIELDAPP_CONFIG_DIR", str(tmp_path / "config"))
    settings = Settings(user="J. de Vries", language="en", averaging_count=30, averaging_seconds=0)
    s = Session.open(tmp_path / "field.sqlite", settings=settings, lists=lists)
    yield s
    s.close()


@pytest.fixture
def receiver(tmp_path: Path) -> Iterator[PtyReceiver]:
    rx = PtyReceiver(tmp_path / "gnss0", ROTTERDAM, baud=4800)
    rx.plug()
    yield rx
    rx.unplug()


@pytest.fixture
def window(qtbot: QtBot, session: Session, receiver: PtyReceiver) -> Iterator[MainWindow]:
    rx = receiver
    bridge = GnssBridge()
    w = MainWindow(session, bridge=bridge)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    w.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is w, timeout=5_000)
    bridge.start(SerialSource(str(rx.path), 4800))
    proj = project_mod.create(session, code="P1", name="Haven")  # no required class
    w.refresh()
    w.select_project_code(proj.code)
    yield w
    bridge.stop()
    w.tasks.wait()


def test_save_while_averaging_asks_and_keeps_the_fixes(qtbot: QtBot, window: MainWindow,
                                                       session: Session) -> None:
    form = window.borehole_form
    panel = form.averaging
    window.new_borehole()
    assert panel.averaging and panel.count_spin.value() == 30
    qtbot.waitUntil(lambda: panel.count >= 3, timeout=30_000)

    form.code_edit.setFocus()
    QTest.keyClick(form.code_edit, Qt.Key.Key_S,
                   Qt.KeyboardModifier.ControlModifier)  # Ctrl+S, mid-averaging
    project_id = window.current_project().id  # type: ignore[union-attr]
    # a shortcut clicks after a flash
    qtbot.waitUntil(lambda: getattr(form, "question", None) is not None
                    or bool(borehole.of_project(session.store, project_id)), timeout=5_000)
    # it used to store the borehole at once, as planned, without a position and without a word
    assert not borehole.of_project(session.store, project_id)
    question = form.question
    assert isinstance(question, SaveWhileAveraging) and question.isVisible()
    assert "of 30 fixes taken" in question.text()
    assert form.save() is None and form.question is question  # Ctrl+S again: the same question

    # "keep averaging": nothing saved, the fixes stay and more come
    question.keep_button.click()
    held = panel.count
    assert panel.averaging and held >= 3
    qtbot.waitUntil(lambda: panel.count > held, timeout=30_000)

    # "save with the average so far": the borehole gets the position of every fix taken
    form.save_button.click()
    question = form.question
    assert isinstance(question, SaveWhileAveraging)
    question.save_button.click()
    [bh] = borehole.of_project(session.store, window.current_project().id)  # type: ignore[union-attr]
    assert bh.measured and bh.epoch_count is not None and bh.epoch_count > held
    # the evidence holds every epoch used, each by its time (the log has a second of RMC alone, no GGA)
    assert bh.raw_nmea is not None
    assert len(set(re.findall(r"\$GP(?:GGA|RMC),(\d{6}\.\d+)", bh.raw_nmea))) >= bh.epoch_count
    assert bh.position_deviation is None


def test_the_stop_condition_is_shown_settable_and_says_why_it_stopped(
        qtbot: QtBot, window: MainWindow, session: Session, tmp_path: Path) -> None:
    form = window.borehole_form
    panel = form.averaging
    window.new_borehole()
    qtbot.waitUntil(lambda: panel.count >= 1, timeout=30_000)
    panel.seconds_spin.setValue(2)  # a time limit, set while averaging runs
    qtbot.waitUntil(lambda: panel.result is not None, timeout=30_000)
    assert panel.state_label.text() == "done: time limit of 2 s reached"
    assert panel.result is not None and panel.result.count < 30
    # the device keeps the new condition
    saved = json.loads((tmp_path / "config" / "settings.json").read_text(encoding="utf-8"))
    assert (saved["averaging_count"], saved["averaging_seconds"]) == (30, 2)
    assert session.settings.averaging_seconds == 2

    panel.seconds_spin.setValue(0)
    panel.count_spin.setValue(3)
    panel.start()
    qtbot.waitUntil(lambda: panel.result is not None, timeout=30_000)
    assert panel.state_label.text() == "done: 3 fixes reached"
    assert panel.count_label.text() == "3 of 3"

    panel.count_spin.setValue(0)
    panel.start()
    qtbot.waitUntil(lambda: panel.count >= 2, timeout=30_000)
    panel.stop()
    assert panel.state_label.text() == "done: stopped by you"


def test_a_position_far_from_the_plan_needs_a_recorded_reason(qtbot: QtBot, window: MainWindow,
                                                              session: Session) -> None:
    form = window.borehole_form
    panel = form.averaging
    panel.count_spin.setValue(3)
    form.load(window.current_project(), None)
    # planned 600 m west of where the receiver stands (RD x about 99,950 in the Rotterdam log)
    window.new_borehole()
    qtbot.waitUntil(lambda: panel.live_label.text().count("RD x") == 1, timeout=30_000)
    x = float(panel.live_label.text().split("RD x ")[1].split()[0])
    y = float(panel.live_label.text().split("  y ")[1].split()[0])
    form.planned_x_edit.setText(f"{x - 600:.2f}")
    form.planned_y_edit.setText(f"{y:.2f}")
    qtbot.waitUntil(lambda: panel.result is not None, timeout=30_000)

    form.save()
    dialog = form.question
    assert isinstance(dialog, DeviationDialog)
    assert "m from the planned location (more than 5 m)" in dialog.what.text()
    assert not dialog.save_button.isEnabled()  # no reason, no save
    dialog.cancel_button.click()
    store = session.store
    assert not borehole.of_project(store, window.current_project().id)  # type: ignore[union-attr]
    assert "Not saved" in form.status_label.text()
    assert panel.result is not None  # the average is still there to save

    form.save()
    dialog = form.question
    assert isinstance(dialog, DeviationDialog)
    dialog.reason_edit.setText("planned spot under a parked lorry")
    dialog.save_button.click()
    [bh] = borehole.of_project(store, window.current_project().id)  # type: ignore[union-attr]
    assert bh.measured and bh.position_deviation is not None
    assert bh.position_deviation.startswith("6") and "from the planned location" in bh.position_deviation
    assert bh.position_deviation.endswith("Reason: planned spot under a parked lorry")
    _op, text = journal.history(store.conn, "borehole", bh.id)[-1]
    assert "planned spot under a parked lorry" in text
