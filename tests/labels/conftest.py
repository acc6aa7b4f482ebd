"""Fixtures for the label tests."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from label_helpers import rasterise_pdf
from PIL import Image


@pytest.fixture
def rasterise(tmp_path: Path) -> Callable[[bytes, int], list[Image.Image]]:
    def run(pdf: bytes, dpi: int) -> list[Image.Image]:
        return rasterise_pdf(pdf, dpi, tmp_path)

    return run
