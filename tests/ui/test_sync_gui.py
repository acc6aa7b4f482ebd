"""Sync from the main window against a real hub (uvicorn on 127.0.0.1, SQLite store).

The window enrols through its dialog, shows the pending count after a save,
pushes with "Sync now", reports an unreachable hub as offline while keeping
the changes, and lets a coordinator review and resolve conflicts that two
devices made by editing the same field. Every wait is for a signal or a
state, never for a length of time.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import ExitStack
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from fieldapp.codelists import CodeLists
from fieldapp.domain import project
from fieldapp.hub import devices
from fieldapp.hub.service import HubService
from fieldapp.session import Session
from fieldapp.settings import Settings
from fieldapp.sync.client import HubClient
from fieldapp.sync.engine import enroll, sync
from fieldapp.sync.local import Replica
from ui.conflicts import ConflictsWindow
from ui.main_window import MainWindow
from ui.project_form import ProjectDialog
from ui.sync_dialog import EnrolDialog

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "sync"))
from hubserver import serve  # tests/sync/hubserver.py: the real hub the sync tests use

WAIT_MS = 60_000  # an upper bound for a loopback sync, not a measurement


@pytest.fixture
def hub(tmp_path: Path) -> Iterator[tuple[HubService, str, ExitStack]]:
    """(service, URL, a stack whose close() takes the hub down) of a fresh SQLite hub."""
    service = HubService.open(f"sqlite:///{tmp_path / 'hub.sqlite'}")
    stack = ExitStack()
    url = stack.enter_context(serve(service))
    yield service, url, stack
    stack.close()
    service.close()


@pytest.fixture
def gui_session(tmp_path: Path, lists: CodeLists) -> Iterator[Session]:
    # background sync every hour: the tests start every sync themselves
    s = Session.open(tmp_path / "gui.sqlite", settings=Settings(user="coordinator", sync_interval_s=3600),
                     lists=lists)
    yield s
    s.close()


@pytest.fixture
def window(qtbot: QtBot, gui_session: Session) -> MainWindow:
    w = MainWindow(gui_session)
    qtbot.addWidget(w)
    w.show()
    return w


def enrol_in_window(qtbot: QtBot, w: MainWindow, service: HubService, url: str, role: str = "coordinator") -> None:
    code = devices.create_enrolment(service.db, role=role, name=f"gui-{role}")
    dialog = w.sync.open_enrolment()
    assert isinstance(dialog, EnrolDialog)
    dialog.url_edit.setText(url)
    dialog.code_edit.setText(code)
    with qtbot.waitSignal(w.sync.synced, timeout=WAIT_MS):  # enrolment is followed by a first sync
        dialog.enrol_button.click()
    assert Replica(w.session.store).get("role") == role


def save_project_in_window(qtbot: QtBot, w: MainWindow, code: str) -> None:
    dialog = w.new_project()
    assert isinstance(dialog, ProjectDialog)
    dialog.code_edit.setText(code)
    dialog.name_edit.setText("Kade")
    dialog.create_button.click()


def test_save_shows_pending_and_sync_now_pushes_it(qtbot: QtBot, window: MainWindow,
                                                   hub: tuple[HubService, str, ExitStack]) -> None:
    service, url, _ = hub
    assert "not enrolled" in window.sync.label.text()
    enrol_in_window(qtbot, window, service, url)
    assert "never synced" not in window.sync.label.text()
    save_project_in_window(qtbot, window, "2026-0500")
    qtbot.waitUntil(lambda: window.sync.label.text().startswith("1 change pending"), timeout=WAIT_MS)
    with qtbot.waitSignal(window.sync.synced, timeout=WAIT_MS):
        window.sync.sync_action.trigger()
    assert window.sync.current is not None and window.sync.current.pending == 0
    text = window.sync.label.text()
    assert text.startswith("0 changes pending") and "last sync" in text
    assert any(row.get("code") == "2026-0500" for (tbl, _id), row in service.rows().items() if tbl == "project")
    # the background timer syncs by itself while the hub answers
    save_project_in_window(qtbot, window, "2026-0501")
    with qtbot.waitSignal(window.sync.synced, timeout=WAIT_MS):
        window.sync.timer.timeout.emit()
    assert window.sync.current is not None and window.sync.current.pending == 0
    assert len(service.change_ids()) == 2


def test_a_hub_that_is_down_is_offline_and_the_change_is_kept(qtbot: QtBot, window: MainWindow,
                                                              hub: tuple[HubService, str, ExitStack]) -> None:
    service, url, stack = hub
    enrol_in_window(qtbot, window, service, url)
    stack.close()  # the hub goes down
    save_project_in_window(qtbot, window, "2026-0600")
    with qtbot.waitSignal(window.sync.synced, timeout=WAIT_MS):
        window.sync.sync_action.trigger()
    text = window.sync.label.text()
    assert text.startswith("Offline") and "1 change pending" in text
    assert "did not answer" in window.sync.label.toolTip()
    assert window.sync.current is not None and window.sync.current.state == "offline"
    assert service.change_ids() == []
    assert Replica(window.session.store).pending() == 1


def _edit_remarks(s: Session, row_id: str, value: str) -> None:
    with s.store.action("edit") as tx:
        tx.update("borehole", row_id, {"remarks": value})


def test_conflicts_window_lists_and_resolves(qtbot: QtBot, window: MainWindow, gui_session: Session,
                                             hub: tuple[HubService, str, ExitStack], tmp_path: Path,
                                             lists: CodeLists) -> None:
    service, url, _ = hub
    enrol_in_window(qtbot, window, service, url)
    other = Session.open(tmp_path / "other.sqlite", settings=Settings(user="sampler"), lists=lists)
    client_gui = HubClient(url, token=Replica(gui_session.store).get("token"))
    client_other = HubClient(url)
    try:
        enroll(other.store, client_other, devices.create_enrolment(service.db, role="coordinator", name="other"))
        proj = project.create(gui_session, code="2026-0700", name="Kade")
        with gui_session.store.action("holes") as tx:
            holes = [tx.insert("borehole", {"project_id": proj.id, "code": c, "kind": "boring"})
                     for c in ("B01", "B02")]
        sync(gui_session.store, client_gui)
        sync(other.store, client_other)
        for hole in holes:  # the same field edited on both devices while neither had synced
            _edit_remarks(gui_session, hole, "wet")
            _edit_remarks(other, hole, "dry")
        for s, c in ((gui_session, client_gui), (other, client_other), (gui_session, client_gui)):
            sync(s.store, c)
        assert len(client_gui.conflicts()) == 2

        conflicts = window.sync.open_conflicts()
        assert isinstance(conflicts, ConflictsWindow)
        qtbot.waitUntil(lambda: conflicts.model.rowCount() == 2, timeout=WAIT_MS)
        shown = conflicts.conflicts()
        assert [(c.table, c.row_label, c.field) for c in shown] == [("borehole", "B01", "remarks"),
                                                                     ("borehole", "B02", "remarks")]
        assert all({c.kept, c.losing} == {"wet", "dry"} for c in shown)
        assert all(c.can_take_other for c in shown)

        # keep the first: it leaves the hub's open list, the records stay as they are
        conflicts.view.selectRow(0)
        with qtbot.waitSignal(conflicts.loaded, timeout=WAIT_MS):
            conflicts.keep_button.click()
        assert [c.row_label for c in conflicts.conflicts()] == ["B02"]
        assert [c["row_id"] for c in client_gui.conflicts()] == [holes[1]]

        # take the other value of the second: written here, synced to the hub, resolved there
        losing = conflicts.conflicts()[0].losing
        conflicts.view.selectRow(0)
        with qtbot.waitSignal(conflicts.loaded, timeout=WAIT_MS):
            conflicts.take_button.click()
        assert conflicts.conflicts() == [] and client_gui.conflicts() == []
        assert "No open conflicts" in conflicts.summary.text()
        row = gui_session.store.get("borehole", holes[1])
        assert row is not None and row["remarks"] == losing
        assert service.rows()[("borehole", holes[1])]["remarks"] == losing
        conflicts.close()
    finally:
        client_gui.close()
        client_other.close()
        other.close()


def test_conflicts_are_for_coordinators(qtbot: QtBot, window: MainWindow,
                                        hub: tuple[HubService, str, ExitStack]) -> None:
    assert not window.sync.conflicts_action.isEnabled()  # not enrolled: nothing to review
    service, url, _ = hub
    enrol_in_window(qtbot, window, service, url, role="sampler")
    assert not window.sync.conflicts_action.isEnabled()


def test_a_dutch_window_says_what_the_sync_did_and_why_it_could_not_in_dutch(
        qtbot: QtBot, gui_session: Session, hub: tuple[HubService, str, ExitStack]) -> None:
    """The sync's summary and its refusals were the core's English in the status bar's tooltip of a Dutch
    window; the worker now gets the language shown and says them in it."""
    from every_window import look

    service, url, stack = hub
    with look("normal", "nl"):
        w = MainWindow(gui_session)
        qtbot.addWidget(w)
        w.show()
        enrol_in_window(qtbot, w, service, url)
        save_project_in_window(qtbot, w, "2026-0700")
        with qtbot.waitSignal(w.sync.synced, timeout=WAIT_MS):
            w.sync.sync_action.trigger()
        assert w.sync.label.toolTip().startswith("1 wijziging verzonden (0 al op de hub), opgehaald: 0, ")
        stack.close()  # the hub goes down
        save_project_in_window(qtbot, w, "2026-0701")
        with qtbot.waitSignal(w.sync.synced, timeout=WAIT_MS):
            w.sync.sync_action.trigger()
        assert w.sync.label.toolTip().startswith(f"De hub op {url} antwoordde niet (")
        assert Replica(gui_session.store).pending() == 1  # and the change is kept
