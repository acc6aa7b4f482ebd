"""GUI tests run without a screen: the offscreen platform, set before Qt loads."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from fieldapp import demo
from fieldapp.codelists import CodeLists
from fieldapp.session import Session
from fieldapp.settings import Settings
from ui import i18n
from ui.collector import collect_on_gui_thread
from ui.main_window import MainWindow

# the pseudo-terminal receiver of the driver tests
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "drivers"))


@pytest.fixture(scope="module", autouse=True)
def _cycles_collected_on_the_gui_thread(qapp: QApplication) -> Iterator[None]:
    # as in the application: a worker must never free a cycle holding a Qt object. Per module, not
    # "package": without an __init__.py pytest makes that the session, and the collector (automatic
    # collection off) then outlived these files into the sync tests of the same xdist worker
    collector = collect_on_gui_thread(qapp)
    yield
    collector.stop()


@pytest.fixture
def dutch(qapp: QApplication) -> Iterator[None]:
    """The window in Dutch, as the samplers see it; English again after the test."""
    i18n.install(qapp, "nl")
    yield
    i18n.install(qapp, "en")


DEMO_PROJECT = "2026-0142"


@pytest.fixture
def demo_session(tmp_path: Path, lists: CodeLists) -> Iterator[Session]:
    """A demo project of four boreholes in a real database file, the window in English."""
    s = Session.open(tmp_path / "field.sqlite", settings=Settings(user="J. de Vries", language="en"), lists=lists)
    demo.create(s, boreholes=4, seed=3, project_code=DEMO_PROJECT)
    yield s
    s.close()


@pytest.fixture
def demo_window(qtbot: QtBot, demo_session: Session) -> Iterator[MainWindow]:
    """The main window on :func:`demo_session`, its project chosen."""
    w = MainWindow(demo_session)
    qtbot.addWidget(w)
    w.select_project_code(DEMO_PROJECT)
    yield w
    w.tasks.wait()
