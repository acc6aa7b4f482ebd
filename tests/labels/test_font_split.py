"""The fonts keep each string's subset codes per document (fieldapp/labels/fonts.py): two PDFs drawn
at the same time, each with the same strings in another order and characters the other lacks, read
back as written."""

from __future__ import annotations

from pathlib import Path

from pypdf import PdfReader
from reportlab.pdfgen.canvas import Canvas

from fieldapp.labels.fonts import FONT, FONT_BOLD, register_fonts

FIRST = ["B01", "0.00–0.80 m  Kz1h2", "zand, matig fijn, ijzerhoudend, één", "B01", "+1.16", "0.00–0.80 m  Kz1h2"]
SECOND = ["Ø ø Å ß ü", "+1.16", "B01", "zand, matig fijn, ijzerhoudend, één", "Ø ø Å ß ü", "kleur: grijsbruin"]


def _lines(path: Path) -> list[str]:
    text = "".join(page.extract_text() for page in PdfReader(path).pages)
    return [line.strip() for line in text.splitlines() if line.strip()]


def test_strings_drawn_again_and_into_two_documents_read_back_as_written(tmp_path: Path) -> None:
    register_fonts()
    one, two = Canvas(str(tmp_path / "one.pdf")), Canvas(str(tmp_path / "two.pdf"))
    for n, (a, b) in enumerate(zip(FIRST, SECOND, strict=True)):  # interleaved: both documents assign codes
        one.setFont(FONT_BOLD if n % 2 else FONT, 10)
        one.drawString(72, 700 - 20 * n, a)
        two.setFont(FONT if n % 2 else FONT_BOLD, 10)
        two.drawString(72, 700 - 20 * n, b)
    one.showPage()
    one.setFont(FONT, 10)
    one.drawString(72, 700, "B01 again on page 2")
    one.save()
    two.save()
    assert _lines(tmp_path / "one.pdf") == [*FIRST, "B01 again on page 2"]
    assert _lines(tmp_path / "two.pdf") == SECOND
