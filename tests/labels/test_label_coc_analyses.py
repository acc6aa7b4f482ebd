"""The analyses asked of a jar are printed whole on the lab order form.

Without analysis samples the form's last column is the lab's only word on what to analyse. It was cut
at four lines with an ellipsis: "NEN 5740 standaardpakket grond, PFAS (EU-lijst), asbest NEN 5898,
minerale olie (C10-C40)" printed as "... NEN 5898, minerale …", and a fifth analysis not at all.
"""

from __future__ import annotations

import io

import pypdfium2 as pdfium

from fieldapp.labels import coc as coc_module
from fieldapp.labels.coc import render_coc_pdf
from fieldapp.labels.data import CocData, CocRow
from fieldapp.labels.layouts import MM

ASKED = ("NEN 5740 standaardpakket grond, PFAS (EU-lijst), asbest NEN 5898, minerale olie (C10-C40), "
         "BTEX en naftaleen, lutum en organische stof")


def _column(pdf: bytes, field: str) -> str:
    """The words of one column of the jars' table, on every page."""
    left = coc_module.MARGIN
    for _title, name, width in coc_module.COLUMNS:
        if name == field:
            right = left + width * MM
            break
        left += width * MM
    doc = pdfium.PdfDocument(io.BytesIO(pdf))
    words = []
    for n in range(len(doc)):
        page = doc[n]
        words.append(page.get_textpage().get_text_bounded(left + 1, 0, right - 1, page.get_size()[1]))
    return " ".join(" ".join(words).split())


def test_every_analysis_asked_of_a_jar_is_on_the_form() -> None:
    rows = tuple(CocRow(barcode=f"FA-{i:06d}", sample_code=f"M{i:02d}-1", borehole_code=f"B{i:02d}",
                        depth="0,50-1,00 m", sampled_at="2026-12-07 10:42", matrix="BS",
                        container_type="potje glas 250 ml", analyses=ASKED) for i in range(1, 31))
    pdf = render_coc_pdf(CocData("COC-0007", "2026-0142", rows=rows))
    column = _column(pdf, "analyses")
    assert "…" not in column
    assert column.count(ASKED) == len(rows)


def test_codes_as_long_as_a_code_may_be_are_whole() -> None:
    code = "WMWMWMWMWMWMWMWMWMWMWMWMWMWMWMWM"  # 32 wide letters: the longest code FieldApp takes
    rows = (CocRow(barcode="FA-000001", sample_code=code, borehole_code=code, depth="0,50-1,00 m"),)
    pdf = render_coc_pdf(CocData("COC-0007", "2026-0142", rows=rows))
    for field in ("sample_code", "borehole_code"):
        column = _column(pdf, field).replace(" ", "")
        assert code in column and "…" not in column, field


def test_the_project_name_and_the_samplers_in_the_header_are_whole() -> None:
    """They lost their middles at 9 pt ("Voormalige gasfabri…selaan, Utrecht" on the demo's own form);
    they are set smaller first, down to 7 pt."""
    rows = (CocRow(barcode="FA-000001", sample_code="M01-1", borehole_code="B01"),)
    data = CocData("COC-0001", "2026-0142", project_name="Voormalige gasfabriek Croeselaan, Utrecht",
                   sampler="J. de Vries, A. Bakker, S. Yilmaz", rows=rows)
    for lang in ("nl", "en"):
        page = pdfium.PdfDocument(io.BytesIO(render_coc_pdf(data, lang=lang)))[0]
        text = " ".join(page.get_textpage().get_text_range().split())
        assert "2026-0142 Voormalige gasfabriek Croeselaan, Utrecht" in text, lang
        assert "J. de Vries, A. Bakker, S. Yilmaz" in text and "…" not in text, lang
