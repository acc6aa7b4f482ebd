"""Dutch and European letters are printed, not empty boxes: the embedded font has their glyphs.

Bitstream Vera has no ĳ/Ĳ: "Gemeente Ĳsselstein" printed as "Gemeente ▯sselstein" on every COC,
label and report. The text layer alone cannot show it (a viewer's copy still gives the letter), so
these tests look inside the font program each PDF embeds.
"""

from __future__ import annotations

import dataclasses
import io
import re
from pathlib import Path

import pytest
from label_helpers import pdf_pages
from pypdf import PdfReader
from reportlab.pdfbase.ttfonts import TTFontFile
from reportlab.pdfgen.canvas import Canvas
from test_label_coc import form

from fieldapp.labels.coc import render_coc_pdf
from fieldapp.labels.data import LabelData
from fieldapp.labels.fonts import FILES, FONT, FONT_BOLD, register_fonts
from fieldapp.labels.layouts import load_layouts
from fieldapp.labels.pdf import render_labels_pdf
from fieldapp.runtime import resource_path

LETTERS = "ĳĲ€„“’–øłşëé"
TEXT = "Gemeente Ĳsselstein, ĳzer € 12 „aan“ ’t – Ørsted Łódź Şişli Ëindhoven café"


def embedded_glyphs(pdf: bytes, tmp: Path) -> dict[str, set[int]]:
    """For each letter of LETTERS in ``pdf``'s text, the glyph numbers its embedded fonts draw it with
    (0 is the empty box, .notdef)."""
    found: dict[str, set[int]] = {}
    for page in PdfReader(io.BytesIO(pdf)).pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            if "/FontDescriptor" not in font:
                continue
            unicode_map = font["/ToUnicode"].get_object().get_data().decode("latin-1")
            codes = {int(u, 16): int(c, 16) for c, u in re.findall(r"<([0-9A-F]{2})> <([0-9A-F]{4})>", unicode_map)}
            program = tmp / "embedded.ttf"
            program.write_bytes(font["/FontDescriptor"].get_object()["/FontFile2"].get_object().get_data())
            cmap = TTFontFile(str(program)).charToGlyph
            for letter in LETTERS:
                if ord(letter) in codes:
                    found.setdefault(letter, set()).add(cmap.get(codes[ord(letter)], 0))
    return found


def assert_drawn(pdf: bytes, tmp: Path, text: str) -> None:
    glyphs = embedded_glyphs(pdf, tmp)
    for letter in set(text) & set(LETTERS):
        assert glyphs.get(letter), f"{letter!r} is not in any embedded font's text"
        assert 0 not in glyphs[letter], f"{letter!r} is drawn as an empty box"
    assert text in " ".join(" ".join(pdf_pages(pdf, tmp)).split())


@pytest.mark.parametrize("name", sorted(FILES))
def test_every_shipped_font_has_the_letters(name: str) -> None:
    path = resource_path("fonts", FILES[name])
    cmap = TTFontFile(str(path)).charToGlyph
    assert [c for c in LETTERS if cmap.get(ord(c), 0) == 0] == []
    assert (path.parent / "LICENSE").is_file() and (path.parent / "SOURCES.md").is_file()


def test_text_in_both_faces_is_drawn_with_real_glyphs(tmp_path: Path) -> None:
    register_fonts()
    buf = io.BytesIO()
    c = Canvas(buf, invariant=1)
    c.setFont(FONT, 10)
    c.drawString(40, 700, TEXT)
    c.setFont(FONT_BOLD, 10)
    c.drawString(40, 680, TEXT)
    c.save()
    assert_drawn(buf.getvalue(), tmp_path, TEXT)


def test_the_coc_prints_a_client_with_ij(tmp_path: Path) -> None:
    data = dataclasses.replace(form(3), client="Gemeente Ĳsselstein", sampler="J. Ĳzerman",
                               remarks="Koelbox ’s ochtends 4 °C – ĳs in de box")
    pdf = render_coc_pdf(data, lang="nl")
    for text in ("Gemeente Ĳsselstein", "J. Ĳzerman", "Koelbox ’s ochtends 4 °C – ĳs in de box"):
        assert_drawn(pdf, tmp_path, text)


def test_a_label_prints_ij(tmp_path: Path) -> None:
    layout = load_layouts()["brother-62x29"]
    label = LabelData("FA-T0001", "M01-Ĳ", "IJ-2026", borehole_code="Bĳ1", container_type="glas ø 60")
    pdf = render_labels_pdf(layout, [label])
    for text in ("M01-Ĳ", "Bĳ1", "glas ø 60"):
        assert_drawn(pdf, tmp_path, text)
