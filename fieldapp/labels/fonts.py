"""The fonts labels and forms are drawn in.

DejaVu Sans, shipped under ``resources/fonts`` (its sources and licence beside it), is embedded
(subset) in every PDF: the text is measured with the same metrics it is drawn with, whatever fonts
the printing machine has. A non-embedded Helvetica gets substituted by a wider font on many systems
and then runs past the width it was fitted to. DejaVu Sans is Bitstream Vera, which FieldApp used
before, with the letters Vera lacks (the Dutch ĳ and Ĳ printed as empty boxes); the widths of Vera's
own letters are unchanged.
"""

from __future__ import annotations

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

    def splitString(self, text: str, doc: Any, encoding: str = "utf-8") -> Any:  # reportlab names it so
        if encoding != "utf-8" or not isinstance(text, str):
            return super().splitString(text, doc, encoding)
        memo = self._split.get(doc)
        if memo is None:
            memo = self._split[doc] = {}
        found = memo.get(text)
        if found is None:  # a string's codes never change within a document once assigned
            found = memo[text] = super().splitString(text, doc, encoding)
        return found


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
    for line in simpleSplit(text, font, size, width):
        while pdfmetrics.stringWidth(line, font, size) > width and len(line) > 1:
            cut = len(line) - 1
            while cut > 1 and pdfmetrics.stringWidth(line[:cut], font, size) > width:
                cut -= 1
            out.append(line[:cut])
            line = line[cut:]
        out.append(line)
    return out
