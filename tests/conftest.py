"""Fixtures shared by the core tests: a real SQLite file per test."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from fieldapp.codelists import CodeLists
from fieldapp.session import Session
from fieldapp.settings import Settings

# Qt's offscreen screen is 1366 x 768, the rugged laptop FieldApp is laid out for (tests/ui/test_screen_fit.py);
# set before any test creates the QApplication
SCREEN = Path(__file__).parent / "data" / "screen-1366x768.json"
if os.environ.get("QT_QPA_PLATFORM", "offscreen") == "offscreen":
    os.environ["QT_QPA_PLATFORM"] = f"offscreen:configfile={SCREEN}"


@pytest.fixture(scope="session")
def lists() -> CodeLists:
    return CodeLists.load()


@pytest.fixture
def session(tmp_path: Path, lists: CodeLists) -> Iterator[Session]:
    s = Session.open(tmp_path / "field.sqlite", settings=Settings(user="J. de Vries"), lists=lists)
    yield s
    s.close()
