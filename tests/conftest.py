"""Fixtures shared by the core tests: a real SQLite file per test."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from fieldapp.codelists import CodeLists
from fieldapp.session import Session
from fieldapp.settings import Settings


@pytest.fixture(scope="session")
def lists() -> CodeLists:
    return CodeLists.load()


@pytest.fixture
def session(tmp_path: Path, lists: CodeLists) -> Iterator[Session]:
    s = Session.open(tmp_path / "field.sqlite", settings=Settings(user="J. de Vries"), lists=lists)
    yield s
    s.close()
