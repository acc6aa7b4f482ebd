"""A platypus canvas whose pages say their number of the total ("pagina 2 van 5").

With "pagina 2" alone a reader, an inspector or a lab's quality officer cannot tell that the last pages
of a report are missing (ISO/IEC 17025 7.8.2.1 asks that the end of a report can be seen). The pages
are held until the document is complete, then each gets its line. The canvas also starts in the
embedded font: a reportlab canvas starts in Helvetica, which the file then names without embedding it.
"""

from __future__ import annotations

from typing import Any

from reportlab.lib import colors
from reportlab.pdfgen.canvas import Canvas

from fieldapp.labels.fonts import FONT, register_fonts


class NumberedCanvas(Canvas):  # type: ignore[misc]  # reportlab has no type hints
    #: the line with {page} and {pages}, its right end and baseline in points, size and colour
    label = "{page} / {pages}"
    right = 0.0
    y = 0.0
    size = 7.0
    colour: Any = colors.black

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        register_fonts()
        super().__init__(*args, **{**kwargs, "initialFontName": FONT})
        self._held: list[dict[str, Any]] = []

    def showPage(self) -> None:  # reportlab names it so
        self._held.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        for state in self._held:
            self.__dict__.update(state)
            self.saveState()
            self.setFont(FONT, self.size)
            self.setFillColor(self.colour)
            self.drawRightString(self.right, self.y, self.label.format(page=self._pageNumber, pages=len(self._held)))
            self.restoreState()
            super().showPage()
        super().save()


def numbered(label: str, right: float, y: float, size: float = 7.0, colour: Any = colors.black) -> type[Canvas]:
    """A :class:`NumberedCanvas` that writes ``label`` (with {page} and {pages}) right-aligned at ``right``, ``y``,
    for ``SimpleDocTemplate.build(..., canvasmaker=...)``."""
    return type("Numbered", (NumberedCanvas,), {"label": label, "right": right, "y": y, "size": size,
                                                "colour": colour})
