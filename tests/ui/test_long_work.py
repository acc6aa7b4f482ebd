"""Long work from the GUI: exports and offline bundles with progress and Cancel, nothing half written
(issue 16, item 9). Real files, the real core export and bundle code, a real TaskManager pool."""

from __future__ import annotations

import csv
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QProgressDialog, QPushButton
from pytestqt.qtbot import QtBot

from fieldapp import demo
from fieldapp.codelists import CodeLists
from fieldapp.errors import BundleError
from fieldapp.export.tables import TABLES
from fieldapp.session import Session
from fieldapp.settings import Settings
from fieldapp.sync.bundle import read_bundle
from fieldapp.sync.engine import public_key_hex, signing_key
from fieldapp.sync.local import Replica
from ui.export_dialog import BundleDialog, ExportDialog
from ui.import_dialog import ImportDialog
from ui.main_window import MainWindow
from ui.taskman import TaskManager


@pytest.fixture
def session(tmp_path: Path, lists: CodeLists) -> Iterator[Session]:
    s = Session.open(tmp_path / "field.sqlite", settings=Settings(user="J. de Vries", language="en"), lists=lists)
    demo.create(s, boreholes=6, seed=3)
    yield s
    s.close()


@pytest.fixture
def window(qtbot: QtBot, session: Session) -> Iterator[MainWindow]:
    w = MainWindow(session)
    qtbot.addWidget(w)
    w.select_project(0)
    yield w
    w.tasks.wait()


def hold_the_pool(tasks: TaskManager) -> threading.Event:
    """Occupy every worker until the event is set, so a task started next waits in the queue."""
    release = threading.Event()
    started = threading.Barrier(3)

    def wait() -> None:
        started.wait(5)
        release.wait(10)

    for _ in range(2):
        tasks.run(wait)
    started.wait(5)
    return release


def cancel_while_queued(qtbot: QtBot, tasks: TaskManager, dialog: Any) -> None:
    """Start the dialog's task while every worker is busy, press Cancel while it waits, and let it run."""
    release = hold_the_pool(tasks)
    dialog.start_button.click()
    assert dialog.progress is not None
    press_cancel(dialog.progress)
    release.set()
    qtbot.waitUntil(lambda: dialog.progress is None, timeout=60_000)


def press_cancel(progress: QProgressDialog) -> None:
    [button] = progress.findChildren(QPushButton)
    assert button.text() == "Cancel"
    button.click()


def test_cancel_reaches_a_cancellable_task(qtbot: QtBot) -> None:
    tasks = TaskManager()
    seen: list[str] = []

    def work(cancelled: object, progress: object) -> str:
        assert callable(cancelled) and callable(progress)
        for i in range(1, 1000):
            if cancelled():
                raise BundleError("stopped")
            progress(i, 1000)
            threading.Event().wait(0.01)
        return "all"

    task = tasks.run(work, cancellable=True, on_progress=lambda d, t: seen.append(f"{d}/{t}"),
                     on_done=lambda r: seen.append(f"done {r}"), on_error=lambda e: seen.append("error"),
                     on_cancelled=lambda e: seen.append(f"cancelled {e}"))
    qtbot.waitUntil(lambda: len(seen) >= 2, timeout=5_000)
    assert tasks.cancel(task) and tasks.cancelling(task)
    qtbot.waitUntil(lambda: not tasks.busy, timeout=5_000)
    assert seen[-1] == "cancelled stopped" and "error" not in seen
    assert not tasks.cancel(task)  # over: nothing left to cancel
    assert not tasks.cancel(tasks.run(lambda: None))  # not started as cancellable
    tasks.wait()


def test_export_from_the_gui_with_progress(qtbot: QtBot, window: MainWindow, tmp_path: Path) -> None:
    window.export_action.trigger()
    dialog = window.findChild(ExportDialog)
    assert isinstance(dialog, ExportDialog) and dialog.project_code == window.current_project().code  # type: ignore[union-attr]
    dialog.format_combo.setCurrentIndex(dialog.format_combo.findData("csv"))
    out = tmp_path / "export-csv"
    dialog.path_edit.setText(str(out))
    steps: list[tuple[int, int]] = []
    dialog.start_button.click()
    assert dialog.progress is not None
    callbacks = window.tasks._pending[dialog.progress.task_id]  # what the dialog is told, step by step
    shown = callbacks.on_progress
    assert shown is not None
    callbacks.on_progress = lambda d, t: (steps.append((d, t)), shown(d, t))  # type: ignore[func-returns-value]
    qtbot.waitUntil(lambda: dialog.progress is None, timeout=60_000)
    # the 6 demo boreholes and its 3 peilbuizen PB01-PB03 (fieldapp.demo_wells)
    assert dialog.outcome.text().startswith("Exported 9 boreholes to"), dialog.outcome.text()
    assert (out / "MANIFEST.sha256").is_file()
    with (out / "borehole.csv").open(encoding="utf-8") as fh:
        assert len(list(csv.DictReader(fh))) == 9
    assert len(steps) >= 3 and {t for _d, t in steps} == {len(TABLES)}  # a step per table of the export

    dialog.format_combo.setCurrentIndex(dialog.format_combo.findData("gpkg"))
    gpkg = tmp_path / f"{dialog.project_code}-gpkg"  # every export is a folder with its manifest
    assert dialog.path_edit.text() == str(gpkg)
    dialog.start_button.click()
    qtbot.waitUntil(lambda: dialog.progress is None, timeout=60_000)
    assert (gpkg / f"{gpkg.name}.gpkg").stat().st_size > 0 and (gpkg / "MANIFEST.sha256").is_file()


def test_a_cancelled_export_leaves_nothing(qtbot: QtBot, window: MainWindow, tmp_path: Path) -> None:
    folder = tmp_path / "out"
    folder.mkdir()
    dialog = window.open_export()
    assert dialog is not None
    dialog.format_combo.setCurrentIndex(dialog.format_combo.findData("xlsx"))
    dialog.path_edit.setText(str(folder / "site.xlsx"))
    cancel_while_queued(qtbot, window.tasks, dialog)
    assert dialog.outcome.text().startswith("Cancelled: nothing was written"), dialog.outcome.text()
    assert list(folder.iterdir()) == []  # no file, no staging folder left behind
    assert dialog.start_button.isEnabled()


SIKB_EXAMPLE = Path(__file__).resolve().parents[1] / "data" / "sikb" / "examples" / \
    "1._SAD_registrationRequest_IMBROA.xml"


def test_a_sikb0101_import_shows_its_steps_and_a_cancel_imports_nothing(qtbot: QtBot, window: MainWindow,
                                                                        session: Session, tmp_path: Path) -> None:
    source = tmp_path / "investigation.xml"
    source.write_bytes(SIKB_EXAMPLE.read_bytes())

    def held() -> tuple[int, int]:
        return (session.store.conn.execute("SELECT COUNT(*) FROM journal").fetchone()[0],
                session.store.conn.execute("SELECT COUNT(*) FROM project").fetchone()[0])

    before = held()
    window.import_action.trigger()
    dialog = window.findChild(ImportDialog)
    assert isinstance(dialog, ImportDialog)
    dialog.format_combo.setCurrentIndex(dialog.format_combo.findData("sikb0101"))
    dialog.path_edit.setText(str(source))
    cancel_while_queued(qtbot, window.tasks, dialog)
    assert dialog.outcome.text() == "Cancelled: nothing was imported.", dialog.outcome.text()
    assert held() == before and dialog.start_button.isEnabled()

    # not cancelled: the dialog hears of every step, from the first to the last
    steps: list[tuple[int, int]] = []
    dialog.start_button.click()
    assert dialog.progress is not None
    callbacks = window.tasks._pending[dialog.progress.task_id]
    shown = callbacks.on_progress
    assert shown is not None
    callbacks.on_progress = lambda d, t: (steps.append((d, t)), shown(d, t))  # type: ignore[func-returns-value]
    qtbot.waitUntil(lambda: dialog.progress is None, timeout=60_000)
    assert dialog.outcome.text().startswith("Imported investigation.xml as project SIKB_PROT_2001_2002"), \
        dialog.outcome.text()
    total = steps[0][1]
    assert total > 10 and steps == [(n, total) for n in range(total + 1)]
    assert held()[1] == before[1] + 1


def test_offline_bundle_from_the_gui(qtbot: QtBot, window: MainWindow, session: Session, tmp_path: Path) -> None:
    replica = Replica(session.store)
    replica.put_committed(token="enrolled-at-the-office", hub_url="http://127.0.0.1:9")
    out = tmp_path / "site.bundle"
    window.bundle_action.trigger()
    dialog = window.findChild(BundleDialog)
    assert isinstance(dialog, BundleDialog)
    dialog.path_edit.setText(str(out))
    dialog.start_button.click()
    qtbot.waitUntil(lambda: dialog.progress is None, timeout=60_000)
    pending = replica.pending()
    assert dialog.outcome.text().startswith(f"Wrote {pending} changes to {out}"), dialog.outcome.text()
    key = public_key_hex(signing_key(replica))
    bundle = read_bundle(out.read_bytes(), lambda device: key if device == session.store.device_id else None)
    assert len(bundle.changes) == pending

    # cancelled: the earlier bundle stays as it was
    before = out.read_bytes()
    cancel_while_queued(qtbot, window.tasks, dialog)
    assert "Cancelled" in dialog.outcome.text()
    assert out.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".bundle-")] == []
