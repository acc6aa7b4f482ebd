"""The customary NEN 5104 fills of a drawn soil column.

Each main soil type has its usual colour and hatch, as Dutch borehole logs
draw them: sand yellow with dots, clay green with diagonal hatching, loam
ochre with crossed dots and hatching, peat brown with horizontal strokes,
gravel orange with small circles. An admixture of the code (``Ks2``,
``Zk``, ``h2``, ``g1``) is drawn over the main fill as sparse marks of its
own kind, denser for a higher grade.

Every pattern is a tile drawn once per document as a PDF form and stamped
down the column: a log of 2,000 pages then carries each hatch once.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from reportlab.pdfgen.canvas import Canvas

TILE = 24.0  # points; the soil column is one tile wide

RGB = tuple[float, float, float]


@dataclass(frozen=True)
class MainStyle:
    name_nl: str
    fill: RGB
    ink: RGB


MAIN: dict[str, MainStyle] = {
    "Z": MainStyle("zand", (1.00, 0.92, 0.40), (0.45, 0.36, 0.00)),
    "K": MainStyle("klei", (0.56, 0.80, 0.44), (0.10, 0.33, 0.08)),
    "L": MainStyle("leem", (0.86, 0.74, 0.47), (0.40, 0.28, 0.08)),
    "V": MainStyle("veen", (0.66, 0.47, 0.29), (0.25, 0.13, 0.03)),
    "G": MainStyle("grind", (1.00, 0.67, 0.33), (0.45, 0.20, 0.00)),
}
UNKNOWN = MainStyle("onbekend", (0.9, 0.9, 0.9), (0.3, 0.3, 0.3))

# Admixture letter -> (Dutch adjective for the legend, mark kind)
ADMIXTURE_MARKS: dict[str, tuple[str, str]] = {
    "z": ("zandig", "dots"),
    "s": ("siltig", "dashes"),
    "k": ("kleiig", "diagonals"),
    "m": ("mineraalarm/mosveen", "ticks"),
    "h": ("humeus", "humus"),
    "g": ("grindig", "circles"),
}


def _dots(c: Canvas, step: float, r: float) -> None:
    y, row = step / 2, 0
    while y < TILE:
        x = step / 2 + (step / 2 if row % 2 else 0)
        while x < TILE:
            c.circle(x, y, r, stroke=0, fill=1)
            x += step
        y += step
        row += 1


def _diagonals(c: Canvas, step: float, direction: int = 1) -> None:
    # lines at 45 degrees that continue seamlessly across tile borders
    p = c.beginPath()
    k = -TILE
    while k < TILE:
        if direction > 0:
            p.moveTo(k, 0)
            p.lineTo(k + TILE, TILE)
        else:
            p.moveTo(k + TILE, 0)
            p.lineTo(k, TILE)
        k += step
    c.drawPath(p, stroke=1, fill=0)


def _horizontals(c: Canvas, step: float, dash: tuple[float, float] | None) -> None:
    if dash:
        c.setDash(*dash)
    y = step / 2
    while y < TILE:
        c.line(0, y, TILE, y)
        y += step
    c.setDash()


def _circles(c: Canvas, step: float, r: float) -> None:
    y, row = step / 2, 0
    while y < TILE:
        x = step / 2 + (step / 2 if row % 2 else 0)
        while x < TILE + r:
            c.circle(x % TILE, y, r, stroke=1, fill=0)
            x += step
        y += step
        row += 1


def _peat(c: Canvas) -> None:
    _horizontals(c, 4.0, None)
    for y in (2.0, 10.0, 18.0):
        for x in (4.0, 16.0):
            c.line(x, y, x + 1.5, y + 3.0)
            c.line(x + 1.5, y, x, y + 3.0)


def _loam(c: Canvas) -> None:
    _diagonals(c, 6.0, -1)
    _dots(c, 6.0, 0.4)


def _main_drawer(code: str) -> Callable[[Canvas], None]:
    return {
        "Z": lambda c: _dots(c, 4.0, 0.45),
        "K": lambda c: _diagonals(c, 4.0),
        "L": _loam,
        "V": _peat,
        "G": lambda c: _circles(c, 6.0, 1.5),
    }.get(code, lambda c: None)


def _mark_drawer(kind: str, grade: int) -> Callable[[Canvas], None]:
    step = {1: 8.0, 2: 6.0, 3: 4.8, 4: 4.0}.get(grade, 6.0)
    if kind == "dots":
        return lambda c: _dots(c, step, 0.6)
    if kind == "dashes":
        return lambda c: _horizontals(c, step, (1.5, 2.5))
    if kind == "diagonals":
        return lambda c: _diagonals(c, step * 1.2, -1)
    if kind == "circles":
        return lambda c: _circles(c, step * 1.3, 1.1)
    if kind == "humus":
        def humus(c: Canvas) -> None:
            y, row = step / 2, 0
            while y < TILE:
                x = step / 3 + (step / 2 if row % 2 else 0)
                while x < TILE:
                    c.line(x, y, x + 2.0, y)
                    x += step
                y += step
                row += 1
        return humus
    return lambda c: _horizontals(c, step, (0.8, 3.2))


class PatternBook:
    """The pattern forms of one PDF, made the first time each is used."""

    def __init__(self, canvas: Canvas) -> None:
        self._c = canvas
        self._made: set[str] = set()

    def main(self, code: str) -> str:
        style = MAIN.get(code, UNKNOWN)
        return self._form(f"main-{code}", style.ink, 0.45, _main_drawer(code))

    def mark(self, letter: str, grade: int | None) -> str:
        kind = ADMIXTURE_MARKS.get(letter, ("", "other"))[1]
        g = grade or 2
        ink = (0.35, 0.18, 0.02) if letter == "h" else (0.05, 0.05, 0.05)
        return self._form(f"mark-{letter}{g}", ink, 0.6, _mark_drawer(kind, g))

    def _form(self, name: str, ink: RGB, width: float, draw: Callable[[Canvas], None]) -> str:
        if name not in self._made:
            c = self._c
            c.beginForm(name, lowerx=0, lowery=0, upperx=TILE, uppery=TILE)
            c.setStrokeColorRGB(*ink)
            c.setFillColorRGB(*ink)
            c.setLineWidth(width)
            draw(c)
            c.endForm()
            self._made.add(name)
        return name

    def has(self, name: str) -> bool:
        """Whether the form ``name`` (a pattern, or another drawn once per document) is made."""
        return name in self._made

    def add(self, name: str) -> None:
        self._made.add(name)

    def stamp(self, form: str, x: float, y_top: float, y_bottom: float) -> None:
        """Fill the rectangle x..x+TILE, y_bottom..y_top (PDF y, up) with the form, clipped."""
        self.stamps([form], x, y_top, y_bottom)

    def stamps(self, forms: list[str], x: float, y_top: float, y_bottom: float) -> None:
        """The forms one over the other in the rectangle (a soil and its admixtures), inside one clip."""
        if y_top <= y_bottom:
            return  # nothing to fill
        c = self._c
        c.saveState()
        p = c.beginPath()
        p.rect(x, y_bottom, TILE, y_top - y_bottom)
        c.clipPath(p, stroke=0, fill=0)
        for n, form in enumerate(forms):
            last = n == len(forms) - 1
            if not last:
                c.saveState()
            # tiles hang from the top of the rectangle so the hatch lines up with depth, not with the page;
            # one tile down at a time in one graphics state (a state per tile was a tenth of the drawing)
            y = y_top - TILE
            c.translate(x, y)
            while True:
                c.doForm(form)
                y -= TILE
                if y + TILE <= y_bottom:
                    break
                c.translate(0, -TILE)
            if not last:
                c.restoreState()
        c.restoreState()
