"""The pending-sync count follows writes of other connections too (the demo project is written on a
worker's connection): it jumped from 0 to 408 at the first edit after the demo was made (issue 16)."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from fieldapp import demo
from fieldapp.codelists import CodeLists
from fieldapp.session import Session
from fieldapp.settings import Settings
from fieldapp.sync.local import Replica
from ui.main_window import MainWindow


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
        qtbot.waitUntil(lambda: w.sync.label.text().startswith(f"{written} changes pending"), timeout=5_000)
