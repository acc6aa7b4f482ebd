"""The fonts labels and forms are drawn in.

DejaVu Sans, shipped under ``resources/fonts`` (its sources and licence beside it), is embedded
(subset) in every PDF: the text is measured with the same metrics it is drawn with, whatever fonts
the printing machine has. A non-embedded Helvetica gets substituted by a wider font on many systems
and then runs past the width it was fitted to. DejaVu Sans is Bitstream Vera, which FieldApp used
before, with the letters Vera lacks (the Dutch ĳ and Ĳ printed as empty boxes); the widths of Vera's
own letters are unchanged. A character DejaVu lacks too (an emoji typed in a remark) is printed as its
Unicode name in brackets, measured as it is drawn (:meth:`_Font.printable`).
"""

from __future__ import annotations

import unicodedata
from typing import Any
from weakref import WeakKeyDictionary

from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from fieldapp.runtime import resource_path

FONT = "FieldApp-Sans"
FONT_BOLD = "FieldApp-Sans-Bold"
#: for a label's code line only, which must be printed whole where the normal face is too wide
FONT_CONDENSED = "FieldApp-Sans-Condensed"
FILES = {FONT: "DejaVuSans.ttf", FONT_BOLD: "DejaVuSans-Bold.ttf", FONT_CONDENSED: "DejaVuSansCondensed.ttf"}


class _Font(TTFont):  # type: ignore[misc]  # reportlab has no type hints
    """A TrueType font that maps each distinct string to its subset codes once per document.
    reportlab does it character by character in Python each time a string is drawn, and a page of
    borehole logs draws the same depths and words again and again (a fifth of the drawing time)."""

    def __init__(self, name: str, filename: str) -> None:
        super().__init__(name, filename)
        self._split: WeakKeyDictionary[Any, dict[str, Any]] = WeakKeyDictionary()
        self._named: dict[str, str] = {}

    def printable(self, text: str) -> str:
        """``text`` with each character the font lacks (an emoji, a mathematical letter) as its Unicode name
        in brackets, "stuk glas [FIRE]": drawn, it would be an empty box, and the PDF's text would lose it
        and sometimes the words after it. Invisible emoji modifiers the font lacks (variation selectors,
        the zero-width joiner) are left out."""
        if text.isascii():
            return text
        found = self._named.get(text)
        if found is None:
            glyphs = self.face.charToGlyph
            # ASCII and the no-break space as reportlab draws them (it maps the latter to a space)
            found = "".join(c if c <= "\xa0" or ord(c) in glyphs else _named(c) for c in text)
            if len(self._named) < 10_000:  # a document's distinct non-ASCII strings; a bound against runaway
                self._named[text] = found
        return found

    def stringWidth(self, text: str, size: float, encoding: str = "utf8") -> float:  # measured as drawn
        return float(super().stringWidth(self.printable(text) if isinstance(text, str) else text, size, encoding))

    def splitString(self, text: str, doc: Any, encoding: str = "utf-8") -> Any:  # reportlab names it so
        if encoding != "utf-8" or not isinstance(text, str):
            return super().splitString(text, doc, encoding)
        memo = self._split.get(doc)
        if memo is None:
            memo = self._split[doc] = {}
        found = memo.get(text)
        if found is None:  # a string's codes never change within a document once assigned
            found = memo[text] = super().splitString(self.printable(text), doc, encoding)
        return found


def _named(char: str) -> str:
    if char == "\u200d" or 0xFE00 <= ord(char) <= 0xFE0F:
        return ""
    return f"[{unicodedata.name(char, f'U+{ord(char):04X}')}]"


def register_fonts() -> None:
    """Make the fonts known to reportlab; cheap to call again."""
    registered = pdfmetrics.getRegisteredFontNames()
    for name, file in FILES.items():
        if name not in registered:
            pdfmetrics.registerFont(_Font(name, str(resource_path("fonts", file))))


def broken(text: str, font: str, size: float, width: float) -> list[str]:
    """``text`` in lines that fit ``width`` in ``font`` at ``size``: at spaces, and inside a word (a code, a
    hyphenated double name) only where it must: nothing is cut short or runs past the width."""
    out: list[str] = []
    face = pdfmetrics.getFont(font)
    if isinstance(face, _Font):  # a character's name in brackets is cut like a word where it must be
        text = face.printable(text)
    for line in simpleSplit(text, font, size, width):
        while pdfmetrics.stringWidth(line, font, size) > width and len(line) > 1:
            cut = len(line) - 1
            while cut > 1 and pdfmetrics.stringWidth(line[:cut], font, size) > width:
                cut -= 1
            out.append(line[:cut])
            line = line[cut:]
        out.append(line)
    return out
