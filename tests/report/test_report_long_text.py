"""The field report with long texts: a deviation whose motivation runs to a few kilobytes (a
projectleider explaining a stuck auger and what was done instead) is printed whole, across pages.

Its row in the deviation table, six narrow columns, grew taller than a page from about 1.5 kB of
text, and reportlab gave up on the whole report with a LayoutError: `fieldapp report` ended with
"unexpected error" and wrote nothing."""

from __future__ import annotations

import io
from typing import Any

from pypdf import PdfReader
from reportlab.lib.units import mm

from fieldapp.domain.deviation import Deviation
from fieldapp.domain.project import Project
from fieldapp.report.content import FieldReport
from fieldapp.report.pdf import render

REASON = " ".join(f"Zin {n}: de boor liep in de ĳzeren puinlaag telkens vast." for n in range(1, 61))
RISK = " ".join(f"Gevolg {n}: het gehalte kan te laag uitvallen." for n in range(1, 41))


def _report() -> FieldReport:
    project = Project(id="p", code="2026-0142", name="Voormalige gasfabriek Croeselaan, Utrecht")
    deviation = Deviation(id="d", project_id="p", object_kind="sample", object_id="s",
                          rule_id="soil_sample_layer_boundary", part="Protocol 2001, grondmonsters nemen",
                          nature="Monster over een laaggrens.", reason=REASON, consequences=RISK, staff_id=None,
                          decided_at="2026-12-07T10:00:00+01:00", staff_name="M. Jansen", object_code="M99-1")
    return FieldReport(project, (), (), (), (deviation,))


def _column(reader: PdfReader, left: float, right: float) -> str:
    """The words printed between ``left`` and ``right`` (points from the page's left edge), page by page,
    without the table's heads (bold) that each page repeats."""
    found: list[str] = []
    for page in reader.pages:
        def keep(text: str, cm: list[float], tm: list[float], font: Any, size: object) -> None:
            x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]  # the text matrix in the table cell's coordinates
            if left <= x < right and text.strip() and "Bold" not in str(font and font["/BaseFont"]):
                found.append(text)
        page.extract_text(visitor_text=keep)
    return " ".join(" ".join(found).split())


def test_a_deviation_longer_than_a_page_is_printed_whole() -> None:
    assert len(REASON) > 3000
    reader = PdfReader(io.BytesIO(render(_report())))
    assert len(reader.pages) >= 3
    # the columns Motivatie and Gevolgen en risico's, 18 mm margin + 25 + 25 + 32 mm, 32 mm each
    assert REASON in _column(reader, 100 * mm, 132 * mm)
    assert RISK in _column(reader, 132 * mm, 164 * mm)
    text = " ".join(" ".join(page.extract_text().split()) for page in reader.pages)
    assert "M. Jansen, 2026-12-07" in text and "Er is niet van de protocollen afgeweken" not in text


def test_every_page_says_its_number_of_the_total_in_embedded_fonts_only() -> None:
    """"pagina 2" alone did not show a reader that the last pages were missing; and the file named
    Helvetica, unembedded (a canvas's and a table cell's first font), beside DejaVu Sans."""
    reader = PdfReader(io.BytesIO(render(_report())))
    total = len(reader.pages)
    for n, page in enumerate(reader.pages, start=1):
        assert f"pagina {n} van {total}" in page.extract_text(), n
        fonts = [font.get_object() for font in page["/Resources"]["/Font"].values()]
        assert [str(f["/BaseFont"]) for f in fonts if "/FontDescriptor" not in f] == [], n
        assert all("DejaVuSans" in str(f["/BaseFont"]) for f in fonts), n
