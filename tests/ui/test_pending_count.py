"""The pending-sync count follows writes of other connections too (the demo project is written on a
worker's connection): it jumped from 0 to 408 at the first edit after the demo was made (issue 16)."""

from __future__ import annotations

import sys
from contextlib import ExitStack
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from fieldapp import demo
from fieldapp.codelists import CodeLists
from fieldapp.domain import project
from fieldapp.hub import devices
from fieldapp.hub.service import HubService
from fieldapp.session import Session
from fieldapp.settings import Settings
from fieldapp.store import Store
from fieldapp.sync.client import HubClient
from fieldapp.sync.engine import enroll, sync
from fieldapp.sync.local import Replica
from ui.main_window import MainWindow

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "sync"))
from hubserver import serve  # tests/sync/hubserver.py: the real hub the sync tests use


def test_writes_of_another_connection_show_in_the_pending_count(qtbot: QtBot, tmp_path: Path,
                                                                lists: CodeLists) -> None:
    path = tmp_path / "field.sqlite"
    settings = Settings(user="J. de Vries", language="en", sync_interval_s=3600)
    with Session.open(path, settings=settings, lists=lists) as mine:
        w = MainWindow(mine)
        qtbot.addWidget(w)
        assert w.sync.label.text().startswith("0 changes pending")
        assert "no hub has received yet" in w.sync.label.toolTip()  # what the count means
        with Session.open(path, settings=settings, lists=lists) as worker:  # as the demo task does
            demo.create(worker, boreholes=3, seed=1)
            written = Replica(worker.store).pending()
        assert written > 50
        qtbot.waitUntil(lambda: w.sync.label.text().startswith(f"{written:,} changes pending"), timeout=5_000)


class _Stop(Exception):
    pass


def _unsent(store: Store) -> int:
    """The unsent own changes, counted one by one (what the status bar's figure must equal)."""
    return int(store.conn.execute(
        "SELECT COUNT(*) FROM journal WHERE device = (SELECT id FROM journal_device WHERE device_id = ?) "
        "AND device_seq > ?", (store.device_id, Replica(store).pushed_upto)).fetchone()[0])


def test_the_count_is_right_after_each_write_a_push_cut_short_and_a_sync(qtbot: QtBot, tmp_path: Path,
                                                                       lists: CodeLists) -> None:
    """The figure is the newest own change less the last the hub confirmed (no count over the journal):
    it must still be the number of changes the hub lacks, whatever was written and sent."""
    service = HubService.open(f"sqlite:///{tmp_path / 'hub.sqlite'}")
    settings = Settings(user="J. de Vries", language="en", sync_interval_s=3600)
    with ExitStack() as stack, Session.open(tmp_path / "field.sqlite", settings=settings, lists=lists) as s:
        stack.callback(service.close)
        url = stack.enter_context(serve(service))
        w = MainWindow(s)
        qtbot.addWidget(w)
        client = HubClient(url)
        stack.callback(client.close)
        enroll(s.store, client, devices.create_enrolment(service.db, role="sampler", name="veld"))

        def shown(n: int) -> None:
            text = "1 change pending" if n == 1 else f"{n:,} changes pending"
            qtbot.waitUntil(lambda: w.sync.label.text().startswith(text), timeout=5_000)

        proj = project.create(s, code="2026-0800", name="Kade")
        shown(_unsent(s.store))
        with s.store.action("holes") as tx:
            for n in range(1, 31):
                tx.insert("borehole", {"project_id": proj.id, "code": f"B{n:02}", "kind": "boring"})
        assert _unsent(s.store) > 30
        shown(_unsent(s.store))

        def cut_short(step: str, _count: int) -> None:
            if step == "push":
                raise _Stop  # after the first batch, which the hub has confirmed

        with pytest.raises(_Stop):
            sync(s.store, client, push_batch=10, progress=cut_short)
        left = _unsent(s.store)
        assert 0 < left == Replica(s.store).pending() and len(service.change_ids()) == 10
        w.sync.refresh()
        shown(left)
        sync(s.store, client, push_batch=10)
        w.sync.refresh()
        shown(0)
        with s.store.action("edit") as tx:
            tx.update("project", proj.id, {"name": "Kade Noord"})
        shown(1)
        assert _unsent(s.store) == 1
