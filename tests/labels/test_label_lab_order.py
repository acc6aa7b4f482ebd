"""The lab order (opdrachtformulier): rendered, read back as text (pdftotext) and QR (zxing-cpp)."""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path

import pytest
from label_helpers import decode, pdf_pages
from PIL import Image
from pypdf import PdfReader
from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase.pdfmetrics import stringWidth

from fieldapp.errors import LabelError
from fieldapp.labels import coc as coc_module
from fieldapp.labels import coc_blocks, coc_words
from fieldapp.labels.coc import render_coc_pdf
from fieldapp.labels.data import CocAnalysis, CocData, CocRow, CustodyTransfer
from fieldapp.labels.fonts import FONT, FONT_BOLD, register_fonts
from fieldapp.labels.layouts import MM
from fieldapp.labels.manifest import ManifestAnalysis, decode_manifest

Raster = Callable[[bytes, int], list[Image.Image]]
PARAMETERS = ("metalen (barium, cadmium, kobalt, koper, kwik, lood, molybdeen, nikkel, zink), PAK (10 VROM), "
              "minerale olie (C10-C40), PCB (7), lutum, organische stof")


def jars(n: int) -> tuple[CocRow, ...]:
    return tuple(
        CocRow(barcode=f"FA-{i:08d}", sample_code=f"B{(i - 1) // 2 + 1:02d}-{i}",
               borehole_code=f"B{(i - 1) // 2 + 1:02d}", depth="0.00-0.50 m", sampled_at="2026-11-27 10:42",
               matrix="GW" if i % 7 == 0 else "BS",
               container_type="potje glas 250 ml", preservation="HNO3, koel 4 °C" if i % 7 == 0 else "koel 4 °C",
               filtered=True if i % 7 == 0 else None)
        for i in range(1, n + 1))


def order(n_jars: int, per_sample: int = 4, **changes: object) -> CocData:
    rows = jars(n_jars)
    analyses = tuple(
        CocAnalysis(code=f"MM{k + 1}", package_code="NEN5740-GROND", package_name="NEN 5740 standaardpakket grond",
                    parameters=PARAMETERS, matrix="BS",
                    barcodes=tuple(r.barcode for r in rows[k * per_sample:(k + 1) * per_sample]),
                    sampled_at="2026-11-27 10:42")
        for k in range(n_jars // per_sample))
    values: dict[str, object] = dict(
        coc_number="COC-0042", project_code="RH2024-017", project_name="Sanering gasfabriek Rotterdam-Zuid",
        client="Gemeente Rotterdam", lab="Eurofins Analytico", sampler="J. de Vries, P. Jansen", rows=rows,
        seal_number="SEAL-889231", transfers=(CustodyTransfer("J. de Vries", "2026-11-27 16:05"),),
        site="Strevelsweg 700, Rotterdam", client_number="1234567890", quotation="OFF-2026-00123",
        results_name="M. van den Berg", results_email="m.vandenberg@bureau.nl", turnaround="urgent",
        turnaround_days=3, as3000=True, analyses=analyses)
    values.update(changes)
    return CocData(**values)  # type: ignore[arg-type]


def pdftotext(pdf: bytes, folder: Path) -> list[str]:
    """The text of each page as poppler lays it out (what a lab's PDF reader shows)."""
    return pdf_pages(pdf, folder)


def test_every_analysis_sample_is_on_the_form_with_its_package_and_jars_in_dutch(
        tmp_path: Path, rasterise: Raster) -> None:
    data = order(60)
    pdf = render_coc_pdf(data)
    pages = pdftotext(pdf, tmp_path)
    assert len(pages) >= 3
    everything = "\n".join(pages)
    flat = " ".join(everything.split())
    for a in data.analyses:
        assert a.code in everything
        for barcode in a.barcodes:
            assert barcode in everything
    # the first sample's row: code, matrix, package and its first jars on one line
    line = next(x for x in pages[0].splitlines() if " MM1 " in f" {x} ")
    assert "BS" in line and "NEN 5740 standaardpakket" in line and "FA-00000001" in line
    assert "(NEN5740-GROND)" in flat and "metalen (barium, cadmium" in flat
    for heading in ("Opdrachtformulier laboratorium", "Klantnummer", "1234567890", "Offertenummer", "OFF-2026-00123",
                    "Uitslag naar", "M. van den Berg", "E-mail uitslag", "m.vandenberg@bureau.nl", "Doorlooptijd",
                    "spoed, 3 werkdagen", "AS3000 vereist", "Analysemonsters", "Locatie", "Strevelsweg 700"):
        assert all(heading in page for page in pages), heading  # a page that gets separated still says it all
    for heading in ("Te mengen potten", "Potten en flessen", "Gefilterd", "Conservering", "Voor analysemonster"):
        assert heading in everything, heading
    last = pages[-1]
    for field in ("Verklaring monsternemer", "Ontvangst laboratorium", "Handtekening", "Datum",
                  "Overgedragen door", "Zegelnummer", "SEAL-889231"):
        assert field in last, field
    assert "Hierbij verklaar ik dat de monsters volgens BRL SIKB 2000, protocol 2001 en 2002, zijn genomen" in \
        " ".join(last.split())
    for english in ("Laboratory order form", "Client number", "Jars to combine", "Signature", "urgent"):
        assert english not in everything, english
    # the groundwater bottles (every 7th) were filtered; a soil jar is not asked (tests/labels/test_label_coc_filtered)
    row7 = next(x for x in everything.splitlines() if "FA-00000007" in x and "HNO3" in x)
    assert " ja " in f" {row7} " and "ja / nee" not in row7
    row1 = next(x for x in everything.splitlines() if x.lstrip().startswith("1 ") and "B01-1" in x)
    assert "ja / nee" not in row1 and "—" in row1

    scanned = []
    for image in rasterise(pdf, 300):
        found = [t for kind, t in decode(image) if kind == "qr"]
        assert len(found) == 1
        scanned += found
    manifest = decode_manifest(*scanned)
    assert manifest.version == 2 and manifest.codes == tuple(r.barcode for r in data.rows)
    assert manifest.analyses == tuple(ManifestAnalysis(a.code, a.package_code, a.barcodes) for a in data.analyses)


def test_english_on_request(tmp_path: Path) -> None:
    text = " ".join(" ".join(pdftotext(render_coc_pdf(order(8), lang="en"), tmp_path)).split())
    for phrase in ("Laboratory order form", "Client number 1234567890", "Quotation number OFF-2026-00123",
                   "Turnaround urgent, 3 working days", "AS3000 required yes", "Jars to combine",
                   "I hereby declare that the samples were taken", "protocol 2001 and 2002",
                   "Received by the laboratory"):
        assert phrase in text, phrase
    assert "Klantnummer" not in text


def test_an_order_not_filled_in_leaves_lines_and_choices_to_fill_by_hand(tmp_path: Path) -> None:
    data = order(4, client_number="", quotation="", results_name="", results_email="", turnaround="",
                 turnaround_days=None, as3000=None, analyses=())
    (page,) = pdftotext(render_coc_pdf(data), tmp_path)
    flat = " ".join(page.split())
    assert "Klantnummer ____" in flat and "normaal / spoed: ___ werkdagen" in flat and "AS3000 vereist ja / nee" in flat
    assert "Analysemonsters 0" in flat and "Gevraagde analyses" in flat and "Te mengen potten" not in flat
    assert "protocol 2001, zijn genomen" in flat  # soil only: no groundwater protocol claimed


@pytest.mark.parametrize("lang", coc_words.LANGUAGES)
def test_every_heading_fits_its_column_and_the_tables_span_the_page(lang: coc_words.CocLang) -> None:
    register_fonts()
    token = coc_words.use(lang)
    try:
        for _name, columns in coc_module.SECTIONS:
            assert sum(w for _t, _f, w in columns) == pytest.approx((coc_blocks.PAGE_W - 2 * coc_blocks.MARGIN) / MM)
            swapped = [("For analysis sample", "", columns[-1][2])] if columns is coc_module.COLUMNS else []
            for title, _field, width in [*columns, *swapped]:
                room = width * MM - 2 * coc_module.PAD
                assert stringWidth(coc_words.word(title), FONT_BOLD, coc_module.SIZE) <= room, title
        # the header's headings leave room for their values before the next column and the QR code
        left, right = coc_blocks.header_fields(order(4))
        qr_left = coc_blocks.PAGE_W - coc_blocks.MARGIN - coc_blocks.QR_SIDE
        for fields, room in ((left, coc_blocks.MIDDLE_X - coc_blocks.MARGIN),
                             (right, qr_left - 3 * MM - coc_blocks.MIDDLE_X)):
            widest = max(stringWidth(coc_words.word(n), FONT_BOLD, coc_blocks.FIELD_SIZE) for n, _v in fields)
            assert widest + 3 * MM + 50 * MM <= room
        # the statement fits its two lines
        lines = simpleSplit(coc_blocks.statement(order(8)), FONT, coc_module.SIZE,
                            coc_blocks.PAGE_W - 2 * coc_blocks.MARGIN)
        assert len(lines) <= 2
    finally:
        coc_words.reset(token)


@pytest.mark.parametrize("n", [1, 4, 13, 14, 15, 29, 40, 61])
def test_the_closing_block_fits_on_the_last_page_with_at_least_one_row(n: int) -> None:
    data = order(n, per_sample=3)
    pages = coc_module.paginate(coc_module._prepare(data))
    assert [r.code for page in pages for r in page] == [a.code for a in data.analyses] + [r.barcode for r in data.rows]
    assert all(pages)
    drawn = coc_module.TABLE_TOP
    for k, r in enumerate(pages[-1]):
        if k == 0 or pages[-1][k - 1].section != r.section:
            drawn -= coc_module.SECTION_HEAD_H + (coc_module.GAP if k else 0)
        drawn -= r.height
    # what the closing block really draws, measured on a scratch canvas
    from reportlab.pdfgen.canvas import Canvas

    bottom = coc_blocks.closing(Canvas(io.BytesIO()), data, drawn - 6 * MM)
    assert bottom >= coc_module.TABLE_BOTTOM
    assert drawn - bottom <= coc_blocks.CLOSING_H


def test_an_analysis_sample_whose_jar_is_not_in_the_cooler_is_refused_clearly() -> None:
    data = order(8)
    short = CocData(**{**{f: getattr(data, f) for f in data.__slots__}, "rows": data.rows[:-1]})  # type: ignore[attr-defined]
    with pytest.raises(LabelError, match=r"Analysis sample MM2 needs jar FA-00000008, which is not in shipment"):
        render_coc_pdf(short)


def test_a_long_dutch_header_value_is_shortened_never_run_into_the_qr_code(tmp_path: Path) -> None:
    long = order(4, results_name="Ir. M.A.J. van den Berg-Oosterhuis van Wijk tot Rechteren", client="Gemeente "
                 "Rotterdam, cluster Stadsontwikkeling, afdeling Bodem en Ondergrond, team Bodemsanering")
    reader = PdfReader(io.BytesIO(render_coc_pdf(long)))
    assert "…" in reader.pages[0].extract_text()
