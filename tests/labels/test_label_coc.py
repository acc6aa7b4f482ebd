"""The COC form: pages, rows, custody block, and a manifest code the lab can scan."""

from __future__ import annotations

import io
from collections.abc import Callable

import pytest
from label_helpers import decode, font_sizes, page_streams
from PIL import Image
from pypdf import PdfReader

from fieldapp.errors import LabelError
from fieldapp.labels import coc as coc_module
from fieldapp.labels.coc import render_coc_pdf
from fieldapp.labels.data import CocData, CocRow, CustodyTransfer
from fieldapp.labels.fonts import register_fonts
from fieldapp.labels.layouts import MM
from fieldapp.labels.manifest import decode_manifest

Raster = Callable[[bytes, int], list[Image.Image]]


def rows(n: int) -> tuple[CocRow, ...]:
    return tuple(
        CocRow(
            barcode=f"FA-{i:06d}", sample_code=f"RH24-B{i % 12 + 1:02d}-{i}",
            borehole_code=f"B{i % 12 + 1:02d}", depth="0.50-1.00 m", sampled_at="2026-11-27 10:42",
            matrix="grond", container_type="glas 250 ml", preservation="koel 4 °C",
            analyses="NEN 5740 standaardpakket grond, PFAS (EU-lijst), asbest NEN 5898 " * (i % 3),
        )
        for i in range(1, n + 1)
    )


def form(n: int) -> CocData:
    return CocData(
        coc_number="COC-2026-0042", project_code="RH2024-017",
        project_name="Sanering gasfabriek Rotterdam-Zuid", client="Gemeente Rotterdam",
        lab="Eurofins Analytico", sampler="J. de Vries", rows=rows(n), seal_number="SEAL-889231",
        remarks="Twee potten met condens op het etiket.",
        transfers=(CustodyTransfer("J. de Vries", "2026-11-27 16:05"),),
    )


def test_a_long_shipment_spans_pages_with_every_row_and_the_custody_block(
    rasterise: Raster,
) -> None:
    data = form(45)
    pdf = render_coc_pdf(data, lang="en")
    reader = PdfReader(io.BytesIO(pdf))
    pages = len(reader.pages)
    assert pages >= 3
    texts = [p.extract_text() for p in reader.pages]
    for i, text in enumerate(texts, start=1):
        assert f"Page {i} of {pages}" in text
        assert "COC-2026-0042" in text
        w, h = reader.pages[i - 1].mediabox.width, reader.pages[i - 1].mediabox.height
        assert (float(w) / MM, float(h) / MM) == pytest.approx((297.0, 210.0), abs=0.01)
    everything = "\n".join(texts)
    for row in data.rows:
        assert row.barcode in everything and row.sample_code in everything
    for field in ("Relinquished by", "Received by", "Signature", "Seal number", "SEAL-889231",
                  "Temperature on receipt", "Remarks", "condens", "16:05", "Gemeente Rotterdam"):
        assert field in texts[-1]
    assert "Relinquished by" not in texts[0]
    assert min(size for stream in page_streams(pdf) for size in font_sizes(stream)) >= 7.0

    scanned = []
    for image in rasterise(pdf, 300):
        found = [text for kind, text in decode(image) if kind == "qr"]
        assert len(found) == 1  # exactly one manifest part per page
        scanned += found
    manifest = decode_manifest(*scanned)
    assert manifest.coc_number == "COC-2026-0042"
    assert manifest.codes == tuple(r.barcode for r in data.rows)


def test_a_small_shipment_is_one_page_and_its_manifest_reads_at_600_dpi(rasterise: Raster) -> None:
    pdf = render_coc_pdf(form(3))
    assert len(PdfReader(io.BytesIO(pdf)).pages) == 1
    (image,) = rasterise(pdf, 600)
    (text,) = [t for kind, t in decode(image) if kind == "qr"]
    assert decode_manifest(text).codes == ("FA-000001", "FA-000002", "FA-000003")


@pytest.mark.parametrize("n", range(1, 70, 3))
def test_the_last_page_always_has_rows_and_room_to_sign(n: int) -> None:
    pages = coc_module.paginate(coc_module._prepare(CocData("COC-1", "P1", rows=rows(n))))
    assert [r.number for page in pages for r in page] == list(range(1, n + 1))
    assert all(pages)
    capacity = coc_module.TABLE_TOP - coc_module.TABLE_BOTTOM - coc_module.SECTION_HEAD_H
    assert sum(r.height for r in pages[-1]) + coc_module.CLOSING_H <= capacity


def test_codes_are_wrapped_on_the_form_never_cut() -> None:
    register_fonts()
    code = "FA-" + "7XWMTQ8F2Z" * 3  # as long as a container barcode may be
    width = 38 * MM - 2 * coc_module.PAD
    lines = coc_module.wrap(code, coc_module.FONT_BOLD, width)
    assert len(lines) > 1 and "".join(lines) == code
    words = coc_module.wrap("NEN 5740 standaardpakket grond, PFAS " * 9, coc_module.FONT, width)
    assert len(words) == coc_module.MAX_CELL_LINES and words[-1].endswith("…")
    data = form(2)
    data = CocData(data.coc_number, data.project_code,
                   rows=(data.rows[0], CocRow(barcode="FA-SYWY1EXAMPLE", sample_code="M01-3")))
    text = PdfReader(io.BytesIO(render_coc_pdf(data))).pages[0].extract_text()
    assert "FA-SYWY1EXAMPLE" in text and "…" not in text


def test_a_coc_without_containers_is_an_error() -> None:
    with pytest.raises(LabelError, match="no containers"):
        render_coc_pdf(CocData("COC-1", "P1"))


def test_the_coc_is_dutch_by_default_for_a_dutch_lab() -> None:
    """What goes to a Dutch lab is Dutch unless asked otherwise: headings, custody block, footer."""
    data = form(45)
    reader = PdfReader(io.BytesIO(render_coc_pdf(data)))
    texts = [p.extract_text() for p in reader.pages]
    pages = len(texts)
    assert "Opdrachtformulier laboratorium" in texts[0] and f"Pagina 1 van {pages}" in texts[0]
    for heading in ("Monsternemer", "Opdrachtgever", "Boring", "Diepte", "Bemonsterd", "Gevraagde analyses"):
        assert heading in texts[0], heading
    assert f"Verklaring, overdracht en handtekeningen op pagina {pages}" in texts[0]
    for field in ("Overgedragen door", "Ontvangen door", "Handtekening", "Zegelnummer", "Temperatuur bij ontvangst",
                  "Koelbox intact bij ontvangst", "ja / nee", "Opmerkingen"):
        assert field in texts[-1], field
    everything = "\n".join(texts)
    for english in ("Laboratory order form", "Relinquished by", "Signature", "Page 1 of", "Analyses requested"):
        assert english not in everything, english
