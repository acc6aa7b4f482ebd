"""Every layout's codes read back after dot gain: the bars print wider than planned, as on a worn
thermal head or an absorbent label stock (issue 16, item 11). Real PDFs, rasterised by poppler at
the printer's resolution, decoded by zxing-cpp.

Dot gain is modelled on the printer-resolution raster as grey coverage: every edge of a dark area
grows by half the gain (a fraction of a dot shows as grey, as a scanner sees it).
"""

from __future__ import annotations

import random
from collections.abc import Callable

import pytest
import zxingcpp
from PIL import Image, ImageChops

from fieldapp.domain.container import _CROCKFORD
from fieldapp.labels.data import LabelData
from fieldapp.labels.layouts import get_layout, load_layouts
from fieldapp.labels.pdf import render_labels_pdf

LAYOUTS = sorted(load_layouts())
Raster = Callable[[bytes, int], list[Image.Image]]
MM_PER_INCH = 25.4


def codes(n: int) -> list[str]:
    """FieldApp's own kind of codes (FA- and ten Crockford characters), the same on every run."""
    rng = random.Random(16)
    return ["FA-" + "".join(rng.choice(_CROCKFORD) for _ in range(10)) for _ in range(n)]


def labels(n: int) -> list[LabelData]:
    return [LabelData(barcode=code, sample_code=f"2026-0142-M{i:02d}", project_code="2026-0142",
                      borehole_code=f"B{i % 7 + 1:02d}", depth="0.50-1.00 m", sampled="2026-12-06 10:40",
                      container_type="glas 250 ml") for i, code in enumerate(codes(n))]


def dot_gain(image: Image.Image, gain_mm: float, dpi: int) -> Image.Image:
    """``image`` with every dark edge grown by ``gain_mm / 2`` (at most one dot per edge)."""
    fraction = min(1.0, gain_mm / 2 * dpi / MM_PER_INCH)
    around = ImageChops.darker(
        ImageChops.darker(ImageChops.offset(image, 1, 0), ImageChops.offset(image, -1, 0)),
        ImageChops.darker(ImageChops.offset(image, 0, 1), ImageChops.offset(image, 0, -1)))
    return Image.blend(image, ImageChops.darker(image, around), fraction)


def code128(image: Image.Image) -> set[str]:
    return {r.text for r in zxingcpp.read_barcodes(image, formats=zxingcpp.BarcodeFormat.Code128)}


@pytest.mark.parametrize("name", LAYOUTS)
def test_all_38_codes_read_after_a_slight_dot_gain(name: str, rasterise: Raster) -> None:
    layout = get_layout(name)
    batch = labels(38)
    pages = rasterise(render_labels_pdf(layout, batch), layout.dpi)
    read: set[str] = set()
    for page in pages:
        read |= code128(dot_gain(page, 0.05, layout.dpi))
    assert read == set(codes(38)), f"{len(read)} of 38 read on {name}"


@pytest.mark.parametrize("name", LAYOUTS)
def test_each_label_reads_alone_after_a_heavy_dot_gain(name: str, rasterise: Raster) -> None:
    """0.1 mm of gain: more than half a 300 dpi dot on each edge. A hand scanner sees one label;
    on a sheet each label is cut out of the page, its neighbours left out."""
    layout = get_layout(name)
    batch = labels(12)
    pages = rasterise(render_labels_pdf(layout, batch), layout.dpi)
    dots = layout.dpi / MM_PER_INCH
    if layout.sheet is None:
        alone = pages
    else:
        alone = [pages[page].crop((round(x * dots), round(y * dots), round((x + layout.label_w_mm) * dots),
                                   round((y + layout.label_h_mm) * dots)))
                 for page, x, y in layout.slots(len(batch))]
    unread = [lab.barcode for lab, image in zip(batch, alone, strict=True)
              if code128(dot_gain(image, 0.1, layout.dpi)) != {lab.barcode}]
    assert unread == []
