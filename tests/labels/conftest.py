"""Fixtures for the label tests."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from label_helpers import rasterise_pdf
from PIL import Image

from fieldapp import demo
from fieldapp.session import Session
from fieldapp.settings import Settings

PROJECT = "2026-0142"


@pytest.fixture
def rasterise(tmp_path: Path) -> Callable[[bytes, int], list[Image.Image]]:
    def run(pdf: bytes, dpi: int) -> list[Image.Image]:
        return rasterise_pdf(pdf, dpi, tmp_path)

    return run


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A demo project of three boreholes (``PROJECT``), made once per test file."""
    path = tmp_path_factory.mktemp("db") / "field.sqlite"
    with Session.open(path, settings=Settings(user="J. de Vries")) as session:
        demo.create(session, boreholes=3, seed=1, project_code=PROJECT)
    return path


@pytest.fixture
def own_config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A settings folder of the test's own: no user's settings reach a command."""
    monkeypatch.setenv("FIELDAPP_CONFIG_DIR", str(tmp_path / "config"))
