"""Helpers for the label tests: real rasterising (pdftoppm) and real decoding (zxing-cpp)."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
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


def rasterise_pdf(pdf: bytes, dpi: int, folder: Path) -> list[Image.Image]:
    """Every page of ``pdf`` as a grey image at ``dpi``, through poppler's pdftoppm."""
    if shutil.which("pdftoppm") is None:
        pytest.fail("pdftoppm (poppler-utils) is needed to check printed output")
    src = folder / f"in-{dpi}.pdf"
    src.write_bytes(pdf)
    prefix = folder / f"page-{dpi}"
    subprocess.run(["pdftoppm", "-r", str(dpi), "-gray", "-png", str(src), str(prefix)], check=True)
    pages = sorted(folder.glob(f"page-{dpi}-*.png"), key=lambda p: int(p.stem.rsplit("-")[-1]))
    images = [Image.open(p).convert("L") for p in pages]
    for p in pages:
        p.unlink()
    return images


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
SCALED = re.compile(rf"q {NUM} 0 0 {NUM} {NUM} {NUM} cm\n(.*?)\bf Q", re.S)
FONT_SIZE = re.compile(rf"/\S+ {NUM} Tf\b")


def rects(stream: str) -> list[tuple[float, float, float, float]]:
    """Filled rectangles drawn under a scaling, as (x, y, width, height) in page points."""
    out = []
    for block in SCALED.finditer(stream):
        a, d, e, f = (float(v) for v in block.groups()[:4])
        for m in RECT.finditer(block.group(5)):
            x, y, w, h = (float(v) for v in m.groups())
            y0, y1 = sorted((f + d * y, f + d * (y + h)))
            out.append((a * x + e, y0, a * w, y1 - y0))
    return out


def font_sizes(stream: str) -> list[float]:
    return [float(m.group(1)) for m in FONT_SIZE.finditer(stream)]


def run_cli(*argv: str) -> int:
    """``fieldapp ARGV`` in this process, as the command line runs it (errors to stderr, an exit code)."""
    from fieldapp.cli import CommandLine, register_core, run_handler

    cli = CommandLine()
    register_core(cli)
    args = cli.parser.parse_args(list(argv))
    return run_handler(args.handler, args)


def pdf_pages(pdf: bytes, folder: Path, layout: str = "-layout") -> list[str]:
    """The text of each page read back by poppler's pdftotext (``-layout`` as a PDF reader shows it,
    ``-raw`` in the order it was drawn)."""
    if shutil.which("pdftotext") is None:
        pytest.fail("pdftotext (poppler-utils) is needed to read printed text back")
    src = folder / "read-back.pdf"
    src.write_bytes(pdf)
    out = subprocess.run(["pdftotext", layout, str(src), "-"], check=True, capture_output=True, text=True).stdout
    return out.split("\f")[:-1]
