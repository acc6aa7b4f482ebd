"""Shared helpers for the label tests: real rasterising (pdftoppm) and real decoding (zxing-cpp)."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
import zxingcpp
from PIL import Image, ImageFilter
from pypdf import PdfReader

Decoded = list[set[tuple[str, str]]]  # per page: {(symbology, text)}


def symbology(fmt: object) -> str:
    if fmt == zxingcpp.BarcodeFormat.Code128:
        return "code128"
    if fmt == zxingcpp.BarcodeFormat.QRCode:
        return "qr"
    return str(fmt)


@pytest.fixture
def rasterise(tmp_path: Path) -> Callable[[bytes, int], list[Image.Image]]:
    if shutil.which("pdftoppm") is None:
        pytest.fail("pdftoppm (poppler-utils) is needed to check printed output")

    def run(pdf: bytes, dpi: int) -> list[Image.Image]:
        src = tmp_path / f"in-{dpi}.pdf"
        src.write_bytes(pdf)
        prefix = tmp_path / f"page-{dpi}"
        subprocess.run(
            ["pdftoppm", "-r", str(dpi), "-gray", "-png", str(src), str(prefix)], check=True
        )
        pages = sorted(
            tmp_path.glob(f"page-{dpi}-*.png"), key=lambda p: int(p.stem.rsplit("-")[-1])
        )
        images = [Image.open(p).convert("L") for p in pages]
        for p in pages:
            p.unlink()
        return images

    return run


def decode(image: Image.Image, blur: float = 0.0) -> set[tuple[str, str]]:
    if blur:
        image = image.filter(ImageFilter.GaussianBlur(blur))
    return {(symbology(r.format), r.text) for r in zxingcpp.read_barcodes(image)}


def page_streams(pdf: bytes) -> list[str]:
    """The decompressed content stream of each page."""
    reader = PdfReader(io.BytesIO(pdf))
    return [page.get_contents().get_data().decode("latin-1") for page in reader.pages]


NUM = r"(-?\d+(?:\.\d+)?)"
RECT = re.compile(rf"{NUM} {NUM} {NUM} {NUM} re\b")
FONT_SIZE = re.compile(rf"/\S+ {NUM} Tf\b")


def rects(stream: str) -> list[tuple[float, float, float, float]]:
    return [tuple(float(v) for v in m.groups()) for m in RECT.finditer(stream)]  # type: ignore[misc]


def font_sizes(stream: str) -> list[float]:
    return [float(m.group(1)) for m in FONT_SIZE.finditer(stream)]
