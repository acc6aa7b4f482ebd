"""Drawing one page of borehole logs: page header, the logs, and the legend."""

from __future__ import annotations

import json
from functools import lru_cache

from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from fieldapp.domain.depth import decimal, in_metres
from fieldapp.export.borelog.deviations import draw_notes
from fieldapp.export.borelog.layout import (
    DESC_FONT,
    DESC_LEAD,
    DESC_X,
    HEAD_FONT,
    HEAD_LEAD,
    LEGEND_H,
    MARGIN,
    NL,
    PAGE_H,
    PAGE_W,
    PT_PER_CM,
    SAMPLE_FONT,
    SCALE_TEXT,
    Page,
    Segment,
)
from fieldapp.export.borelog.patterns import ADMIXTURE_MARKS, MAIN, TILE, UNKNOWN, PatternBook
from fieldapp.export.borelog.well import draw_well, legend_items
from fieldapp.export.data import Row
from fieldapp.export.headline import fit_fields, fit_title
from fieldapp.labels.fonts import FONT, FONT_BOLD

NAP_X = 19.0  # right edge of the NAP labels, left of the depth scale
COL_X = 40.0  # soil column's offset from the slot's left edge
ANTHRO_X = COL_X + TILE + 1.5  # strip of anthropogenic-admixture marks
SAMPLE_X = ANTHRO_X + 7.0  # sample bars, one lane per overlapping sample
LANE_W = 4.5
BAR_W = 3.0
GW_BLUE = (0.0, 0.35, 0.85)
ANTHRO_RED = (0.8, 0.1, 0.1)
NAP_GREY = (0.35, 0.35, 0.35)


@lru_cache(maxsize=4096)  # the depth and NAP labels repeat on every log
def _width(text: str, font: str, size: float) -> float:
    return float(stringWidth(text, font, size))


class _Text:
    """The strings of one part of a page in one PDF text object, each placed where drawString would
    put it: a text object per string (a few hundred a page) was a third of the drawing time."""

    def __init__(self, c: Canvas, rgb: tuple[float, float, float] = (0.0, 0.0, 0.0)) -> None:
        self._c = c
        self._t = c.beginText()
        self._font: tuple[str, float] | None = None
        self._rgb = rgb
        self._t.setFillColorRGB(*rgb)

    def colour(self, rgb: tuple[float, float, float]) -> None:
        if rgb != self._rgb:
            self._t.setFillColorRGB(*rgb)
            self._rgb = rgb

    def put(self, x: float, y: float, text: str, font: str, size: float, right: bool = False) -> None:
        if (font, size) != self._font:
            self._t.setFont(font, size)
            self._font = (font, size)
        if right:
            x -= _width(text, font, size)
        self._t.setTextOrigin(x, y)
        self._t.textLine(text)  # as drawString writes it; textOut would measure every string

    def draw(self) -> None:
        """Put the text on the page; the fill colour is black again after it, as the drawing expects."""
        self._c.drawText(self._t)
        self._c.setFillColorRGB(0, 0, 0)


def _soil(code: str) -> tuple[str, list[tuple[str, int | None]]]:
    """Main type and the admixture marks of a code, read from its letters (the code is validated on entry)."""
    marks: list[tuple[str, int | None]] = []
    rest = code[1:]
    i = 0
    while i < len(rest):
        letter = rest[i]
        i += 1
        digits = ""
        while i < len(rest) and rest[i].isdigit():
            digits += rest[i]
            i += 1
        marks.append((letter, int(digits) if digits else None))
    return code[:1], marks


def page_header(c: Canvas, project: Row, number: int, total: int) -> None:
    top = PAGE_H - MARGIN
    text = _Text(c)
    sheet, scale = f"blad {number} van {total}", f"verticale schaal {SCALE_TEXT}; diepte in m-mv"
    title, size = fit_title(f"Boorstaten  project {project['code']}  ", str(project["name"]), FONT_BOLD, 10, 7,
                            PAGE_W - 2 * MARGIN - _width(sheet, FONT, 7) - 12)
    text.put(MARGIN, top - 10, title, FONT_BOLD, size)
    where = fit_fields([("opdrachtgever: ", project.get("client") or ""),
                        ("locatie: ", project.get("site_address") or "")],
                       FONT, 7, PAGE_W - 2 * MARGIN - _width(scale, FONT, 7) - 12)
    text.put(MARGIN, top - 21, where, FONT, 7)
    text.put(PAGE_W - MARGIN, top - 10, sheet, FONT, 7, right=True)
    text.put(PAGE_W - MARGIN, top - 21, scale, FONT, 7, right=True)
    text.draw()
    c.setLineWidth(0.6)
    c.line(MARGIN, top - 26, PAGE_W - MARGIN, top - 26)


def _log_header(c: Canvas, seg: Segment) -> None:
    b = seg.borehole
    x, y = seg.x, seg.y_top
    shows = "afwijkingen" if seg.notes_only else \
        f"{in_metres(seg.top_cm, NL)}–{in_metres(seg.bottom_cm, NL)} m-mv"
    title = b["code"] if seg.of == 1 else f"{b['code']}  (deel {seg.number}/{seg.of}: {shows})"
    text = _Text(c)
    text.put(x, y - 11, title, FONT_BOLD, 11)
    for n, line in enumerate(seg.head):
        text.put(x, y - 20 - HEAD_LEAD * n, line, FONT, HEAD_FONT)
    text.draw()


def _depth_scale(c: Canvas, seg: Segment, top: float) -> None:
    x = seg.x + COL_X
    ground = seg.borehole.get("ground_level_nap_cm")
    c.setLineWidth(0.3)
    text = _Text(c)
    text.put(x - 3, top + 3, "m-mv", FONT, 5.5, right=True)
    if ground is not None:
        # the NAP axis beside the depth: a level to compare boreholes and the groundwater by
        text.colour(NAP_GREY)
        text.put(seg.x + NAP_X, top + 3, "m NAP", FONT, 5.5, right=True)
    ticks = c.beginPath()  # every tick in one path: one stroke instead of a line each
    labelled = []
    first = -(-seg.top_cm // 10) * 10
    for cm in range(first, seg.bottom_cm + 1, 10):
        y = top - (cm - seg.top_cm) * PT_PER_CM
        size = 4.0 if cm % 100 == 0 else 2.5 if cm % 50 == 0 else 1.2
        ticks.moveTo(x - size, y)
        ticks.lineTo(x, y)
        if cm % 100 == 0 or (cm % 50 == 0 and seg.column_h < 200):
            labelled.append((cm, y))
    c.drawPath(ticks, stroke=1, fill=0)
    # the NAP labels after the depths: one change of colour, not two per label
    text.colour((0.0, 0.0, 0.0))
    for cm, y in labelled:
        text.put(x - 5, y - 2, in_metres(cm, NL), FONT, 5.5, right=True)
    if ground is not None:
        text.colour(NAP_GREY)
        for cm, y in labelled:
            text.put(seg.x + NAP_X, y - 2, decimal((ground - cm) / 100, 2, NL, signed=True), FONT, 5.5, right=True)
    text.draw()


def _column(c: Canvas, seg: Segment, top: float, book: PatternBook) -> None:
    x = seg.x + COL_X
    for lay in seg.layers:
        upper, lower = max(lay["upper_cm"], seg.top_cm), min(lay["lower_cm"], seg.bottom_cm)
        y1, y2 = top - (upper - seg.top_cm) * PT_PER_CM, top - (lower - seg.top_cm) * PT_PER_CM
        main, marks = _soil(lay["soil_code"])
        c.setFillColorRGB(*MAIN.get(main, UNKNOWN).fill)
        c.rect(x, y2, TILE, y1 - y2, stroke=0, fill=1)
        book.stamps([book.main(main), *(book.mark(letter, grade) for letter, grade in marks)], x, y1, y2)
        if lay.get("admixtures") and _listed(lay["admixtures"]):
            c.setFillColorRGB(*ANTHRO_RED)
            _triangles(c, ANTHRO_X + seg.x, y1, y2)
        c.setStrokeColorRGB(0, 0, 0)
        c.setLineWidth(0.5)
        c.line(x, y1, x + TILE, y1)
        c.line(x, y2, x + TILE, y2)
    # the outline ends where the logged soil ends, not at the end of the depth scale
    logged = max((lay["lower_cm"] for lay in seg.layers), default=seg.top_cm)
    bottom = min(logged, seg.bottom_cm)
    c.setLineWidth(0.6)
    c.rect(x, top - (bottom - seg.top_cm) * PT_PER_CM, TILE, (bottom - seg.top_cm) * PT_PER_CM, stroke=1, fill=0)


def _triangles(c: Canvas, x: float, y1: float, y2: float) -> None:
    y = y1 - 4.5
    if y < y2 - 0.5:
        return  # too thin a layer for one
    p = c.beginPath()  # apart from each other: one fill for all of them
    while y >= y2 - 0.5:
        p.moveTo(x, y)
        p.lineTo(x + 4.5, y)
        p.lineTo(x + 2.25, y + 3.8)
        p.close()
        y -= 8.0
    c.drawPath(p, stroke=0, fill=1)


@lru_cache(maxsize=1024)  # a layer's admixtures as stored: a project repeats a few hundred
def _listed(admixtures: str) -> bool:
    return bool(json.loads(admixtures))


def sample_lanes(parts: list[Row]) -> list[tuple[Row, int]]:
    """Each sample interval with its lane: overlapping samples side by side, the first free lane from the left."""
    ends: list[int] = []  # per lane, where its last sample ends
    out = []
    for part in sorted(parts, key=lambda p: (p["upper_cm"], p["lower_cm"])):
        lane = next((n for n, end in enumerate(ends) if end <= part["upper_cm"]), len(ends))
        if lane == len(ends):
            ends.append(part["lower_cm"])
        else:
            ends[lane] = part["lower_cm"]
        out.append((part, lane))
    return out


def _samples(c: Canvas, seg: Segment, top: float) -> None:
    placed = sample_lanes(seg.samples)
    lanes = max((lane for _, lane in placed), default=-1) + 1
    x = seg.x + SAMPLE_X + seg.shift
    text_x = x + lanes * LANE_W + 1.5
    text = _Text(c)
    free = top + 10.0
    c.setFillColorRGB(0, 0, 0)
    c.setLineWidth(0.6)
    for part, lane in placed:
        upper, lower = max(part["upper_cm"], seg.top_cm), min(part["lower_cm"], seg.bottom_cm)
        y1, y2 = top - (upper - seg.top_cm) * PT_PER_CM, top - (lower - seg.top_cm) * PT_PER_CM
        member = seg.members.get(part["sample_id"], [])
        bar_x = x + lane * LANE_W
        y2 += 0.4  # a hair between two samples that follow each other in one lane
        if member:
            c.rect(bar_x, y2, BAR_W, max(y1 - y2, 1.0), stroke=0, fill=1)
        else:  # a field sample in no analysis sample: an open bar, not (yet) analysed
            c.rect(bar_x + 0.3, y2, BAR_W - 0.6, max(y1 - y2, 1.0), stroke=1, fill=0)
        ty = min(y1 - SAMPLE_FONT, free - 6.0)
        text.put(text_x, ty, part["sample_code"], FONT, SAMPLE_FONT)
        if member:
            ty -= SAMPLE_FONT + 0.6
            text.put(text_x, ty, "in " + ", ".join(member), FONT, SAMPLE_FONT)
        free = ty
    text.draw()


def _groundwater(c: Canvas, seg: Segment, top: float) -> None:
    gw = seg.borehole.get("groundwater_cm")
    if gw is None or not seg.top_cm <= gw <= seg.bottom_cm:
        return
    y = top - (gw - seg.top_cm) * PT_PER_CM
    x = seg.x + COL_X
    c.setStrokeColorRGB(*GW_BLUE)
    c.setFillColorRGB(*GW_BLUE)
    c.setLineWidth(1.0)
    c.line(x - 3, y, x + TILE + 3, y)
    _water_mark(c, x - 9, y)
    c.setStrokeColorRGB(0, 0, 0)


def _water_mark(c: Canvas, x: float, y: float) -> None:
    # the customary inverted triangle standing on the water table
    p = c.beginPath()
    p.moveTo(x - 3, y + 5)
    p.lineTo(x + 3, y + 5)
    p.lineTo(x, y)
    p.close()
    c.drawPath(p, stroke=0, fill=1)


def _descriptions(c: Canvas, seg: Segment, top: float) -> None:
    x = seg.x + DESC_X + seg.shift
    free = top
    text = _Text(c)
    c.setStrokeColorRGB(0.55, 0.55, 0.55)
    c.setLineWidth(0.3)
    for upper, lines in seg.texts:
        y_layer = top - (upper - seg.top_cm) * PT_PER_CM
        y = min(y_layer, free)
        # leader from the layer's top boundary to its text, as hand-drawn logs do
        c.line(x - 14, y_layer, x - 6, y_layer)
        c.line(x - 6, y_layer, x - 2, y - 0.5)
        for n, line in enumerate(lines):
            text.put(x, y - DESC_LEAD + 1.2, line, FONT_BOLD if n == 0 else FONT, DESC_FONT)
            y -= DESC_LEAD
        free = y
    c.setStrokeColorRGB(0, 0, 0)
    text.draw()


def draw_segment(c: Canvas, seg: Segment, project: Row, book: PatternBook) -> None:
    _log_header(c, seg)
    top = seg.y_top - seg.head_h
    if seg.notes_only:
        draw_notes(c, seg, top)
        return
    _depth_scale(c, seg, top)
    _column(c, seg, top, book)
    if seg.well is not None:
        draw_well(c, seg.well, seg.x + SAMPLE_X, top, seg.top_cm, seg.bottom_cm, PT_PER_CM)
    _samples(c, seg, top)
    _groundwater(c, seg, top)
    _descriptions(c, seg, top)
    if seg.notes:
        draw_notes(c, seg, top - seg.body_h)


def legend(c: Canvas, book: PatternBook, wells: bool = False) -> None:
    """The legend at the foot of the page: drawn once per document as a form, then placed on each page."""
    name = f"legend-wells-{int(wells)}"
    if not book.has(name):
        # the pattern forms it stamps first: a form is not begun inside another
        for code in MAIN:
            book.main(code)
        for letter in [letter for letter in ADMIXTURE_MARKS if letter != "m"]:
            book.mark(letter, 2)
        c.beginForm(name, lowerx=0, lowery=0, upperx=PAGE_W, uppery=PAGE_H)
        _legend(c, book, wells)
        c.endForm()
        book.add(name)
    c.doForm(name)


def _legend(c: Canvas, book: PatternBook, wells: bool) -> None:
    top = MARGIN + LEGEND_H - 6
    c.setStrokeColorRGB(0, 0, 0)
    c.setLineWidth(0.6)
    c.line(MARGIN, top + 4, PAGE_W - MARGIN, top + 4)
    c.setFont(FONT_BOLD, 7)
    c.setFillColorRGB(0, 0, 0)
    c.drawString(MARGIN, top - 6, "Legenda (NEN 5104)")
    if wells:  # on the title's row, which has room: a page without a well keeps its legend as it was
        legend_items(c, MARGIN + 120, top - 6, FONT)
    x = MARGIN
    y = top - 24
    for code, style in MAIN.items():
        c.setFillColorRGB(*style.fill)
        c.rect(x, y, TILE, 12, stroke=0, fill=1)
        book.stamp(book.main(code), x, y + 12, y)
        c.setLineWidth(0.4)
        c.rect(x, y, TILE, 12, stroke=1, fill=0)
        c.setFillColorRGB(0, 0, 0)
        c.setFont(FONT, 6.5)
        c.drawString(x + TILE + 3, y + 3, f"{code} {style.name_nl}")
        x += 100
    x, y = MARGIN, top - 44
    for letter, (word, _kind) in ADMIXTURE_MARKS.items():
        if letter == "m":
            continue
        c.setFillColorRGB(1, 1, 1)
        c.rect(x, y, TILE, 12, stroke=0, fill=1)
        book.stamp(book.mark(letter, 2), x, y + 12, y)
        c.rect(x, y, TILE, 12, stroke=1, fill=0)
        c.setFillColorRGB(0, 0, 0)
        c.drawString(x + TILE + 3, y + 3, word)
        x += 76
    x, y = MARGIN, top - 58
    c.setFillColorRGB(*ANTHRO_RED)
    _triangles(c, x + 2, y + 8.5, y)
    c.setFillColorRGB(0, 0, 0)
    c.drawString(x + 10, y + 2, "antropogene bijmenging")
    c.rect(x + 98, y, 3, 9, stroke=0, fill=1)
    c.drawString(x + 104, y + 2, "monster in analysemonster")
    c.setLineWidth(0.6)
    c.rect(x + 196.3, y, 2.4, 9, stroke=1, fill=0)
    c.drawString(x + 202, y + 2, "monster, niet in analysemonster")
    c.setFillColorRGB(*GW_BLUE)
    _water_mark(c, x + 312, y + 1)
    c.setFillColorRGB(0, 0, 0)
    c.drawString(x + 319, y + 2, "grondwaterstand")
    c.drawString(x + 378, y + 2, "m-mv: meter onder maaiveld")


def draw_page(c: Canvas, page: Page, project: Row, number: int, total: int, book: PatternBook) -> None:
    page_header(c, project, number, total)
    for seg in page.segments:
        draw_segment(c, seg, project, book)
    legend(c, book, wells=any(seg.well is not None for seg in page.segments))
