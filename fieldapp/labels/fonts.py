"""The fonts labels and forms are drawn in.

Bitstream Vera ships with reportlab and is embedded (subset) in every PDF:
the text is measured with the same metrics it is drawn with, whatever fonts
the printing machine has. A non-embedded Helvetica gets substituted by a
wider font on many systems and then runs past the width it was fitted to.
"""

from __future__ import annotations

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

FONT = "FieldApp-Sans"
FONT_BOLD = "FieldApp-Sans-Bold"


def register_fonts() -> None:
    """Make the fonts known to reportlab; cheap to call again."""
    registered = pdfmetrics.getRegisteredFontNames()
    if FONT not in registered:
        pdfmetrics.registerFont(TTFont(FONT, "Vera.ttf"))
    if FONT_BOLD not in registered:
        pdfmetrics.registerFont(TTFont(FONT_BOLD, "VeraBd.ttf"))
