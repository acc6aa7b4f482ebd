"""Label PDFs: exact page sizes, whole-dot bars, and codes that read back (issue 5)."""

from __future__ import annotations

import io
from collections.abc import Callable

import pytest
from label_helpers import decode, font_sizes, page_streams, rects
from PIL import Image
from pypdf import PdfReader

from fieldapp.errors import LabelError, NotFoundError
from fieldapp.labels.data import LabelData
from fieldapp.labels.layouts import MM, get_layout, load_layouts
from fieldapp.labels.pdf import render_labels_pdf
from fieldapp.labels.plan import ELLIPSIS, plan_label
from fieldapp.labels.symbols import CODE128_QUIET, QR_QUIET

LAYOUTS = sorted(load_layouts())
Raster = Callable[[bytes, int], list[Image.Image]]


def label(n: int, **kw: str) -> LabelData:
    base = dict(
        barcode=f"FA-{n:06d}", sample_code=f"RH24-B03-{n}", project_code="RH2024-017",
        borehole_code="B03", depth="0.50-1.00 m", sampled="2026-11-27",
        container_type="glas 250 ml",
    )
    base.update(kw)
    return LabelData(**base)


def test_the_shipped_layouts_are_all_there() -> None:
    assert LAYOUTS == [
        "avery-l7651", "brother-62-continuous", "brother-62x29", "zebra-2x1-203", "zebra-2x1-300"
    ]
    sheet = get_layout("avery-l7651").sheet
    assert sheet is not None and sheet.per_page == 65
    # The L7651 grid spans the A4 page symmetrically: 4.67 mm sides, 10.7 mm top and bottom.
    assert sheet.left_mm * 2 + 4 * sheet.pitch_x_mm + 38.1 == pytest.approx(210.0, abs=0.01)
    assert sheet.top_mm * 2 + 12 * sheet.pitch_y_mm + 21.2 == pytest.approx(297.0, abs=0.01)


def expected_pages(name: str, labels: list[LabelData], start: int) -> list[set[tuple[str, str]]]:
    layout = get_layout(name)
    pages: list[set[tuple[str, str]]] = []
    for lab, (page, _x, _y) in zip(labels, layout.slots(len(labels), start), strict=True):
        while len(pages) <= page:
            pages.append(set())
        pages[page] |= {("code128", lab.barcode), ("qr", lab.barcode)}
    return pages


@pytest.mark.parametrize("name", LAYOUTS)
def test_every_code_reads_back_at_printer_resolution_blurred_and_at_600_dpi(
    name: str, rasterise: Raster
) -> None:
    layout = get_layout(name)
    start = 63 if layout.sheet else 1  # a part-used sheet: the run continues on a new sheet
    labels = [label(n) for n in (7, 123456, 42, 900001)]
    labels.append(label(5, barcode="FA-1E7565XVBS"))  # as long as FieldApp's own codes get
    pdf = render_labels_pdf(layout, labels, start=start)

    reader = PdfReader(io.BytesIO(pdf))
    # Print dialogs that honour it will not shrink the page to "fit" (and off the dot grid).
    assert reader.trailer["/Root"]["/ViewerPreferences"]["/PrintScaling"] == "/None"
    want = expected_pages(name, labels, start)
    assert len(reader.pages) == len(want)
    for page in reader.pages:
        w, h = layout.page_size_pt
        assert float(page.mediabox.width) == pytest.approx(w, abs=0.01)
        assert float(page.mediabox.height) == pytest.approx(h, abs=0.01)

    printed = rasterise(pdf, layout.dpi)
    assert [decode(img) for img in printed] == want
    assert [decode(img, blur=0.7) for img in printed] == want
    assert [decode(img) for img in rasterise(pdf, 600)] == want


@pytest.mark.parametrize("name", LAYOUTS)
def test_bars_and_modules_are_whole_dots_inside_the_printable_area(name: str) -> None:
    layout = get_layout(name)
    pdf = render_labels_pdf(layout, [label(1), label(2)], start=7 if layout.sheet else 1)
    page_h = layout.page_size_pt[1]
    for stream in page_streams(pdf):
        shapes = rects(stream)
        assert len(shapes) > 50
        for x, y, w, h in shapes:
            for value in (x, w, page_h - y - h):  # the dot grid starts at the top-left corner
                dots = value * layout.dpi / 72
                assert dots == pytest.approx(round(dots), abs=0.01), (x, y, w, h)
            assert round(w * layout.dpi / 72) >= 2
        assert min(font_sizes(stream)) >= 7.0

    for lab, (_page, ox, oy) in zip([label(1)], layout.slots(1, 1), strict=True):
        plan = plan_label(layout, lab, (ox, oy))
        left, top, right, bottom = plan.box
        assert plan.bar_module >= 2 and plan.qr_module >= 2
        # Quiet zones lie inside the printable area and nothing else is drawn in them.
        quiet_left = plan.bars_x - CODE128_QUIET * plan.bar_module
        quiet_right = plan.bars_x + (plan.bars.modules + CODE128_QUIET) * plan.bar_module
        assert left <= quiet_left and quiet_right <= right
        assert plan.bars_y + plan.bar_height <= bottom
        qr_outer = (plan.matrix.size + 2 * QR_QUIET) * plan.qr_module
        assert plan.qr_x - QR_QUIET * plan.qr_module >= left
        assert plan.qr_y - QR_QUIET * plan.qr_module >= top
        assert plan.qr_y - QR_QUIET * plan.qr_module + qr_outer <= plan.bars_y
        for line in plan.lines:
            assert line.x >= plan.qr_x - QR_QUIET * plan.qr_module + qr_outer
            assert line.baseline_pt < plan.bars_y * layout.dot_pt


@pytest.mark.parametrize("name", LAYOUTS)
def test_long_texts_are_shortened_visibly_and_the_codes_still_read(
    name: str, rasterise: Raster
) -> None:
    layout = get_layout(name)
    long = label(
        77,
        sample_code="RH2024-017-B03-COMPOSITE-OF-ELEVEN-BOREHOLES-0050-0100",
        project_code="Sanering voormalige gasfabriek Rotterdam-Zuid fase 2",
        container_type="glazen pot 250 ml met PTFE-vrije deksel en koelelement",
    )
    pdf = render_labels_pdf(layout, [long])
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)
    assert ELLIPSIS in text
    assert "COMPOSITE-OF-ELEVEN-BOREHOLES" not in text
    assert "B03" in text  # the short borehole code survives a long project code
    assert decode(rasterise(pdf, layout.dpi)[0]) == {("code128", "FA-000077"), ("qr", "FA-000077")}
    plan = plan_label(layout, long)
    for line in plan.lines:
        assert line.size_pt >= 7.0


def test_a_barcode_too_long_for_the_layout_is_a_clear_error() -> None:
    layout = get_layout("avery-l7651")
    with pytest.raises(LabelError, match="too long for a Code 128 on layout avery-l7651"):
        render_labels_pdf(layout, [label(1), label(2, barcode="FA-" + "X" * 40)])


@pytest.mark.parametrize(
    ("labels", "start", "match"),
    [
        ([], 1, "nothing to print"),
        ([label(1)], 66, "Start position 66"),
        ([label(1)], 0, "Start position 0"),
        ([label(1, barcode="FA^XZ")], 1, "cannot carry"),
        ([label(1, barcode="")], 1, "no barcode"),
    ],
)
def test_bad_requests_are_label_errors(labels: list[LabelData], start: int, match: str) -> None:
    with pytest.raises(LabelError, match=match):
        render_labels_pdf(get_layout("avery-l7651"), labels, start=start)


def test_an_unknown_layout_names_the_known_ones() -> None:
    with pytest.raises(NotFoundError, match="no label layout 'dymo'") as err:
        get_layout("dymo")
    assert "brother-62x29" in str(err.value)


def test_a_label_is_as_large_as_its_layout_says() -> None:
    w, h = get_layout("brother-62x29").page_size_pt
    assert (w / MM, h / MM) == pytest.approx((62.0, 29.0))
