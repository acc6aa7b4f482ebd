"""The version a sampler reads out to support: in Help > About, from `fieldapp --version`,
and the same everywhere (fieldapp/__init__.py)."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMenu, QMessageBox
from pytestqt.qtbot import QtBot

from fieldapp import __version__
from fieldapp.codelists import CodeLists
from fieldapp.session import Session
from fieldapp.settings import Settings
from ui.main_window import MainWindow


@pytest.fixture
def window(qtbot: QtBot, tmp_path: Path, lists: CodeLists) -> Iterator[MainWindow]:
    session = Session.open(tmp_path / "field.sqlite", settings=Settings(user="J. de Vries"), lists=lists)
    w = MainWindow(session)
    qtbot.addWidget(w)
    w.show()
    yield w
    w.close()
    session.close()


def test_help_about_shows_the_version_and_the_database(window: MainWindow, qtbot: QtBot) -> None:
    help_menu = window.menuBar().findChild(QMenu, "menu-help")
    assert help_menu is not None and window.about_action in help_menu.actions()
    window.about_action.trigger()
    box = window.findChild(QMessageBox, "about")
    assert box is not None and box.isVisible()
    assert f"FieldApp {__version__}" in box.text()
    assert str(window.session.store.path) in box.text()
    box.accept()


def test_the_version_is_the_package_version() -> None:
    from importlib.metadata import version

    assert version("fieldapp") == __version__  # pyproject reads it from fieldapp/__init__.py
    out = subprocess.run([sys.executable, "-m", "ui.main", "--version"], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == f"FieldApp {__version__}"
