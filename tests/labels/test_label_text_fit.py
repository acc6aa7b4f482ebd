"""Shortening label text: always fits, always shows that something was cut."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st
from reportlab.pdfbase.pdfmetrics import stringWidth

from fieldapp.labels.fonts import FONT, FONT_BOLD, register_fonts
from fieldapp.labels.plan import ELLIPSIS, SEPARATOR, shorten_middle, shorten_parts

register_fonts()
text = st.text(st.characters(min_codepoint=0x20, max_codepoint=0xFF, exclude_characters="·…"),
               max_size=60)


@given(text, st.floats(20, 200), st.sampled_from([FONT, FONT_BOLD]))
def test_a_shortened_code_fits_and_keeps_both_ends(value: str, width: float, font: str) -> None:
    out = shorten_middle(value, font, 7.0, width)
    assert stringWidth(out, font, 7.0) <= width + 1e-6
    if out != value:
        assert ELLIPSIS in out
        head, _sep, tail = out.partition(ELLIPSIS)
        assert value.startswith(head) and value.endswith(tail)


@given(st.lists(text, min_size=1, max_size=3), st.floats(30, 200))
def test_a_shortened_line_fits_and_shows_the_cut(parts: list[str], width: float) -> None:
    out = shorten_parts(parts, FONT, 7.0, width)
    full = SEPARATOR.join(p for p in parts if p)
    assert stringWidth(out, FONT, 7.0) <= width + 1e-6
    assert out == full or ELLIPSIS in out


def test_a_short_borehole_code_survives_a_long_project_code() -> None:
    out = shorten_parts(["Sanering voormalige gasfabriek Rotterdam-Zuid", "B03"], FONT, 7.0, 80)
    assert out.endswith(SEPARATOR + "B03") and ELLIPSIS in out
    out = shorten_parts(["2026-11-27", "glazen pot 250 ml met PTFE-vrije deksel"], FONT, 7.0, 80)
    assert out.startswith("2026-11-27" + SEPARATOR) and out.endswith(ELLIPSIS)
