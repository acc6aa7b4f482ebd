"""The receipt report says on every page its number of the total, in the lab's language, and names only the
embedded fonts.

It said "Pagina 2": a lab filing the report with the COC could not see that its last page was missing
(ISO/IEC 17025 7.8.2.1: the end of a report is to be recognisable). Its canvas and table cells also named
Helvetica, unembedded, beside DejaVu Sans.
"""

from __future__ import annotations

import io

import pytest
from intake_helpers import cooler
from pypdf import PdfReader

from fieldapp.intake import closing
from fieldapp.intake.receipt import open_shipment
from fieldapp.intake.report import render_receipt_pdf
from fieldapp.session import Session


@pytest.mark.parametrize(("lang", "page"), [("nl", "Pagina {n} van {total}"), ("en", "Page {n} of {total}")])
def test_every_page_says_its_number_of_the_total(session: Session, lang: str, page: str) -> None:
    box = cooler(session, 60)  # sixty jars: a report of more than one page
    receipt = open_shipment(session, "COC-0001")
    for code in box.codes:
        receipt.scan(code)
    receipt.header.readings = [4.0]
    receipt.header.consulted = "P. Jansen (opdrachtgever): analyseren"
    found = closing.close(receipt)
    reader = PdfReader(io.BytesIO(render_receipt_pdf(receipt, found, lang=lang)))
    total = len(reader.pages)
    assert total >= 2
    for n, one in enumerate(reader.pages, start=1):
        assert page.format(n=n, total=total) in one.extract_text(), n
        fonts = [font.get_object() for font in one["/Resources"]["/Font"].values()]
        assert [str(f["/BaseFont"]) for f in fonts if "/FontDescriptor" not in f] == [], n
