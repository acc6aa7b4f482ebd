"""The fonts labels and forms are drawn in.

Bitstream Vera ships with reportlab and is embedded (subset) in every PDF:
the text is measured with the same metrics it is drawn with, whatever fonts
the printing machine has. A non-embedded Helvetica gets substituted by a
wider font on many systems and then runs past the width it was fitted to.
"""

from __future__ import annotations

from typing import Any
from weakref import WeakKeyDictionary

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

FONT = "FieldApp-Sans"
FONT_BOLD = "FieldApp-Sans-Bold"


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
    if FONT not in registered:
        pdfmetrics.registerFont(_Font(FONT, "Vera.ttf"))
    if FONT_BOLD not in registered:
        pdfmetrics.registerFont(_Font(FONT_BOLD, "VeraBd.ttf"))
