"""The code printed under a label's barcode is never shortened: a clerk types it when the symbol
cannot be read. Before, about 0.3 % of FieldApp's own codes came out as "FA-HWWXG…XWS" on
avery-l7651, and wide ones on brother-62-continuous; now the code is set smaller or condensed
(never below 7 pt), and a layout that cannot hold it whole refuses it, naming both."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from label_helpers import decode, pdf_pages
from PIL import Image
from reportlab.pdfbase.pdfmetrics import stringWidth

from fieldapp.domain.container import new_barcode
from fieldapp.error_text import message
from fieldapp.errors import LabelError
from fieldapp.labels.data import LabelData
from fieldapp.labels.layouts import load_layouts
from fieldapp.labels.pdf import render_labels_pdf
from fieldapp.labels.plan import MIN_FONT_PT, plan_label
from fieldapp.labels.zpl import render_labels_zpl

Raster = Callable[[bytes, int], list[Image.Image]]
LAYOUTS = load_layouts()
#: codes new_barcode() made that avery-l7651 printed cut, and the widest a code of FA- + 10 can be
CUT_BEFORE = ("FA-HWWXGMMXWS", "FA-4WW21BXMWH", "FA-GKSVWHWMCW")
WIDEST = "FA-WWWWWWWWWW"


def label(code: str) -> LabelData:
    return LabelData(code, "M01-1", "2026-0142", borehole_code="B01", depth="0,50-1,00 m",
                     sampled="2026-11-27", container_type="glas 250 ml", treatment="koel")


def codes_for(name: str) -> list[str]:
    return [c for c in (*CUT_BEFORE, WIDEST) if not (name == "avery-l7651" and c == WIDEST)]


@pytest.mark.parametrize("name", sorted(LAYOUTS))
def test_a_wide_code_is_printed_whole_and_still_scans(name: str, tmp_path: Path, rasterise: Raster) -> None:
    layout = LAYOUTS[name]
    codes = codes_for(name)
    pdf = render_labels_pdf(layout, [label(c) for c in codes])
    # other lines may be shortened, visibly; the code never
    printed = " ".join(pdf_pages(pdf, tmp_path, "-raw")).split()
    for code in codes:
        assert code in printed
    found = set().union(*(decode(page) for page in rasterise(pdf, layout.dpi)))
    for code in codes:
        assert {("code128", code), ("qr", code)} <= found


@pytest.mark.parametrize("name", sorted(LAYOUTS))
def test_no_generated_code_is_shortened_or_set_below_7_pt(name: str) -> None:
    layout = LAYOUTS[name]
    for code in [new_barcode() for _ in range(1500)] + list(codes_for(name)[1:]):
        line = next(li for li in plan_label(layout, label(code)).lines if code in li.text)
        assert line.text == code
        assert line.size_pt >= MIN_FONT_PT
        assert stringWidth(line.text, line.font, line.size_pt) <= line.width_pt + 1e-6


def test_a_code_no_face_fits_is_refused_naming_layout_and_code() -> None:
    with pytest.raises(LabelError) as refused:
        render_labels_pdf(LAYOUTS["avery-l7651"], [label("FA-T0001"), label(WIDEST)])
    said = str(refused.value)
    assert "avery-l7651" in said and WIDEST in said
    dutch = message(refused.value, "nl")
    assert "avery-l7651" in dutch and WIDEST in dutch and "indeling" in dutch


@pytest.mark.parametrize("name", [n for n, lay in sorted(LAYOUTS.items()) if lay.zpl])
def test_zpl_prints_the_code_whole(name: str) -> None:
    codes = ["FA-WWWWWWWWWW"] + (["FA-WWWWWWWWWWWWW", "FA-WWWWWWWWWWWWWW"] if name.endswith("300") else [])
    zpl = render_labels_zpl(LAYOUTS[name], [label(c) for c in codes])
    fields = re.findall(r"\^FH_\^FD(.*?)\^FS", zpl)
    for code in codes:
        assert code in fields


def test_a_barcode_too_long_for_its_layout_is_refused_in_dutch_too() -> None:
    from fieldapp import error_text
    said = error_text.said("Barcode FA-ABCDEFGHIJKLMNOP is too long for a Code 128 on layout avery-l7651: it needs "
                           "700 dots and the label has 500.", "nl")
    assert said == ("Barcode FA-ABCDEFGHIJKLMNOP is te lang voor een Code 128 op layout avery-l7651: er zijn 700 "
                    "dots nodig en het etiket heeft er 500.")
    assert error_text.said("Barcode FA-X is too long for a QR code on layout a.", "nl").endswith("QR-code op layout a.")
    assert error_text.said("Use a wider layout or shorter barcodes.", "nl", hint=True) == \
        "Kies een bredere layout of kortere barcodes."
