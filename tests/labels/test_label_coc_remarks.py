"""The remarks on the lab order form are printed whole: the box grows with them.

The box held two lines and silently dropped the rest: "FA-000012 gebroken, apart verpakt" on a third
line never reached the lab. Now it takes up to eight lines (the last ends in an ellipsis beyond that),
and the last page keeps room for it above the footer.
"""

from __future__ import annotations

import dataclasses
import io

import pypdfium2 as pdfium
import pytest
from test_label_coc import form

from fieldapp.labels import coc_blocks
from fieldapp.labels.coc import render_coc_pdf

REMARKS = ("Koelbox om 16:05 overgedragen met twee koelelementen; temperatuur bij het sluiten 4 °C. "
           "Twee potten met condens op het etiket, de barcodes zijn wel leesbaar. "
           "Pot FA-000012 is bij het inpakken gebarsten: apart verpakt in een zak en niet analyseren. "
           "Het monster M07-2 is op verzoek van de opdrachtgever ook op PFAS te analyseren, zie offerte. "
           "Bij vragen: bel J. de Vries, 06-12345678, bereikbaar tot 18:00.")


def _last_page(pdf: bytes) -> tuple[str, float]:
    """The last page's words and the lowest character above the footer line."""
    doc = pdfium.PdfDocument(io.BytesIO(pdf))
    page = doc[len(doc) - 1]
    textpage = page.get_textpage()
    bottoms = [textpage.get_charbox(i)[1] for i in range(textpage.count_chars())
               if textpage.get_charbox(i)[1] > coc_blocks.MARGIN + 2]
    return " ".join(textpage.get_text_range().split()), min(bottoms)


@pytest.mark.parametrize("n", [1, 5, 9, 13, 17, 21])
@pytest.mark.parametrize("lang", ["nl", "en"])
def test_remarks_of_three_lines_are_printed_whole_above_the_footer(n: int, lang: str) -> None:
    pdf = render_coc_pdf(dataclasses.replace(form(n), remarks=REMARKS), lang=lang)
    text, lowest = _last_page(pdf)
    assert REMARKS in text
    assert lowest > coc_blocks.MARGIN + coc_blocks.FOOTER_H / 2  # clear of the footer's line


def test_remarks_beyond_eight_lines_end_in_an_ellipsis() -> None:
    pdf = render_coc_pdf(dataclasses.replace(form(3), remarks=REMARKS * 6))
    text, lowest = _last_page(pdf)
    assert text.count("Bij vragen: bel J. de Vries") >= 3 and text.count("…") == 1
    assert lowest > coc_blocks.MARGIN + coc_blocks.FOOTER_H / 2
