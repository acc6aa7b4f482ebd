"""The monitoring well (peilbuis) on a borehole log, drawn beside the soil column as professional logs do.

A column of its own right of the soil: the blind pipe as two lines from the top of the pipe
(above the surface for a standpipe) to the filter, the filter slotted, a closed bottom; in the
annulus the filter gravel (omstorting) dotted, the bentonite seal dark and hatched, and the
rest (backfill) left open. The header says the same in words with the depths, so the log can
be read without measuring the drawing.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from fieldapp.codelists import CodeLists
from fieldapp.domain.depth import DecimalText, in_metres
from fieldapp.export.borelog.extras import columns
from fieldapp.export.data import Row

WELL_W = 22.0  # points: the well's column, right of the soil column
PIPE_W = 7.0  # the pipe, schematic (a 32 mm pipe would be a hair at 1:50)
GRAVEL = (0.93, 0.84, 0.62)
GRAVEL_DOT = (0.45, 0.33, 0.10)
SEAL = (0.30, 0.30, 0.34)
PIPE_FILL = (1.0, 1.0, 1.0)
MAX_STICK_UP = 10.0  # points drawn above the surface at most: the header above must stay clear


@dataclass(frozen=True)
class WellDrawing:
    """What the log draws of a well; depths in cm below the surface, ``top_of_pipe_cm`` above it."""

    filter_top_cm: int
    filter_bottom_cm: int
    top_of_pipe_cm: int | None = None  # cm above the surface (negative: below it, in a street pot)
    gravel_top_cm: int | None = None
    gravel_bottom_cm: int | None = None
    seal_top_cm: int | None = None
    seal_bottom_cm: int | None = None
    pipe_diameter_mm: float | None = None
    material: str | None = None
    finish: str | None = None  # straatpot, standpipe ...

    @property
    def bottom_cm(self) -> int:
        return max(self.filter_bottom_cm, self.gravel_bottom_cm or 0, self.seal_bottom_cm or 0)


def _interval(top: int | None, bottom: int | None) -> str:
    return f"{in_metres(top, 'nl')}–{in_metres(bottom, 'nl')} m" if top is not None and bottom is not None else "-"


def well_header_lines(well: WellDrawing, font: str, size: float, width: float) -> list[str]:
    """:func:`well_header` in lines of at most ``width`` points, cut only between its parts."""
    lines = [""]
    for part in well_header(well).split("; "):
        joined = f"{lines[-1]}; {part}" if lines[-1] else part
        if lines[-1] and stringWidth(joined, font, size) > width:
            lines.append("  " + part)
        else:
            lines[-1] = joined
    return lines


def well_header(well: WellDrawing) -> str:
    """The header's words: "peilbuis: filter 2,00–3,00 m-mv, PVC Ø 32 mm; omstorting …; afdichting …"."""
    size = DecimalText(format(well.pipe_diameter_mm, "g")).said("nl") if well.pipe_diameter_mm else ""
    pipe = " ".join(filter(None, [well.material or "", f"Ø {size} mm" if size else ""]))
    parts = [f"peilbuis: filter {_interval(well.filter_top_cm, well.filter_bottom_cm)}-mv"
             + (f", {pipe}" if pipe else "")]
    if well.gravel_top_cm is not None:
        parts.append(f"omstorting {_interval(well.gravel_top_cm, well.gravel_bottom_cm)}")
    if well.seal_top_cm is not None:
        parts.append(f"afdichting {_interval(well.seal_top_cm, well.seal_bottom_cm)}")
    if well.finish:
        parts.append(well.finish)
    return "; ".join(parts)


def draw_well(c: Canvas, well: WellDrawing, x: float, top: float, top_cm: int, bottom_cm: int,
              pt_per_cm: float) -> None:
    """The well in the column from ``x`` (WELL_W wide), depth ``top_cm`` at ``top`` down to ``bottom_cm``."""

    def y_of(cm: float) -> float:
        return top - (min(max(cm, top_cm), bottom_cm) - top_cm) * pt_per_cm

    def shown(a: int | None, b: int | None) -> bool:
        return a is not None and b is not None and b > top_cm and a < bottom_cm

    if well.bottom_cm <= top_cm:
        return
    c.saveState()
    c.setLineWidth(0.4)
    if shown(well.gravel_top_cm, well.gravel_bottom_cm):
        assert well.gravel_top_cm is not None and well.gravel_bottom_cm is not None
        y1, y2 = y_of(well.gravel_top_cm), y_of(well.gravel_bottom_cm)
        c.setFillColorRGB(*GRAVEL)
        c.rect(x, y2, WELL_W, y1 - y2, stroke=0, fill=1)
        c.setFillColorRGB(*GRAVEL_DOT)
        row, y = 0, y1 - 2.0
        while y > y2 + 0.8:
            xx = x + 1.8 + (1.8 if row % 2 else 0)
            while xx < x + WELL_W - 0.8:
                c.circle(xx, y, 0.55, stroke=0, fill=1)
                xx += 3.6
            y -= 2.4
            row += 1
    if shown(well.seal_top_cm, well.seal_bottom_cm):
        assert well.seal_top_cm is not None and well.seal_bottom_cm is not None
        y1, y2 = y_of(well.seal_top_cm), y_of(well.seal_bottom_cm)
        c.setFillColorRGB(*SEAL)
        c.rect(x, y2, WELL_W, y1 - y2, stroke=0, fill=1)
        c.setStrokeColorRGB(1, 1, 1)
        c.setLineWidth(0.35)
        path = c.beginPath()  # diagonals clipped to the seal's box
        path.rect(x, y2, WELL_W, y1 - y2)
        c.saveState()
        c.clipPath(path, stroke=0, fill=0)
        d = y2 - WELL_W
        while d < y1:
            c.line(x, d, x + WELL_W, d + WELL_W)
            d += 3.0
        c.restoreState()
    # the pipe: blind from its top to the filter, slotted over the filter, closed at the bottom
    px = x + (WELL_W - PIPE_W) / 2
    stick = (well.top_of_pipe_cm or 0) * pt_per_cm
    pipe_top = top + min(stick, MAX_STICK_UP) if top_cm == 0 else top  # a later segment starts inside the pipe
    f_top, f_bottom = y_of(well.filter_top_cm), y_of(well.filter_bottom_cm)
    pipe_bottom = f_bottom
    if well.filter_top_cm > top_cm:
        c.setFillColorRGB(*PIPE_FILL)
        c.rect(px, f_top, PIPE_W, pipe_top - f_top, stroke=0, fill=1)
    if shown(well.filter_top_cm, well.filter_bottom_cm):
        c.setFillColorRGB(*PIPE_FILL)
        c.rect(px, f_bottom, PIPE_W, f_top - f_bottom, stroke=0, fill=1)
        c.setStrokeColorRGB(0, 0, 0)
        c.setLineWidth(0.5)
        y = f_top - 1.2
        while y > f_bottom + 0.6:  # the slots
            c.line(px + 1.2, y, px + PIPE_W - 1.2, y)
            y -= 1.6
    c.setStrokeColorRGB(0, 0, 0)
    c.setLineWidth(0.9)
    if pipe_bottom < pipe_top:
        c.line(px, pipe_top, px, pipe_bottom)
        c.line(px + PIPE_W, pipe_top, px + PIPE_W, pipe_bottom)
    if top_cm <= well.filter_bottom_cm <= bottom_cm:
        c.setLineWidth(1.4)
        c.line(px - 0.6, pipe_bottom, px + PIPE_W + 0.6, pipe_bottom)  # the bottom cap
    if top_cm == 0:
        c.setLineWidth(1.4)
        c.line(px - 0.6, pipe_top, px + PIPE_W + 0.6, pipe_top)  # the cap at the top of the pipe
    # the column's outline down to the deepest of filter, gravel and seal
    c.setLineWidth(0.4)
    c.setStrokeColorRGB(0.45, 0.45, 0.45)
    low = y_of(well.bottom_cm)
    c.rect(x, low, WELL_W, top - low, stroke=1, fill=0)
    c.restoreState()


def legend_items(c: Canvas, x: float, y: float, font: str) -> float:
    """The well's three fills in a legend row from ``x`` at baseline ``y``; returns the x after them."""
    c.saveState()
    c.setFont(font, 6.5)
    for name, fill in (("omstorting (filtergrind)", GRAVEL), ("bentonietafdichting", SEAL)):
        c.setFillColorRGB(*fill)
        c.rect(x, y - 1, 10, 8, stroke=0, fill=1)
        c.setFillColorRGB(0, 0, 0)
        c.drawString(x + 13, y + 1, name)
        x += 16 + c.stringWidth(name, font, 6.5) + 8
    c.setLineWidth(0.5)
    c.rect(x, y - 1, 5, 8, stroke=1, fill=0)
    for dy in (1.0, 3.0, 5.0):
        c.line(x + 1, y - 1 + dy, x + 4, y - 1 + dy)
    c.setFillColorRGB(0, 0, 0)
    c.drawString(x + 8, y + 1, "peilbuisfilter")
    c.restoreState()
    return float(x + 8 + c.stringWidth("peilbuisfilter", font, 6.5) + 8)


def from_row(row: Row, lists: CodeLists) -> WellDrawing | None:
    """A ``well`` row (fieldapp.domain.well) as drawn, its codes in Dutch words; None without a filter depth."""
    if row.get("filter_top_cm") is None or row.get("filter_bottom_cm") is None:
        return None

    def opt(name: str) -> int | None:
        value = row.get(name)
        return None if value is None else int(value)

    def word(list_name: str, code: str | None) -> str | None:
        if not code:
            return None
        try:
            return lists.label(list_name, code)
        except Exception:  # a value from an older list: shown as recorded
            return code

    return WellDrawing(int(row["filter_top_cm"]), int(row["filter_bottom_cm"]), opt("pipe_top_cm"),
                       opt("gravel_top_cm"), opt("gravel_bottom_cm"), opt("seal_top_cm"), opt("seal_bottom_cm"),
                       row.get("pipe_diameter_mm"), word("well_tube_material", row.get("pipe_material")),
                       word("well_finish", row.get("finish")))


def load_wells(conn: sqlite3.Connection, borehole_ids: set[str], lists: CodeLists) -> dict[str, WellDrawing]:
    """The well of each borehole that has one (its first tube), when the record has a ``well`` table
    (older files do not)."""
    if not columns(conn, "well"):
        return {}
    cursor = conn.execute("SELECT * FROM well ORDER BY borehole_id, tube_number DESC")  # tube 1 is kept
    names = [d[0] for d in cursor.description]
    out: dict[str, WellDrawing] = {}
    for values in cursor:
        row = dict(zip(names, values, strict=True))
        drawing = from_row(row, lists)
        if drawing is not None and row.get("borehole_id") in borehole_ids:
            out[str(row["borehole_id"])] = drawing
    return out
