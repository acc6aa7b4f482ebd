"""Drawing one page of borehole logs: page header, the logs, and the legend."""

from __future__ import annotations

import json

from reportlab.pdfgen.canvas import Canvas

from fieldapp.domain.depth import format_m
from fieldapp.export.borelog.layout import (
    DESC_FONT,
    DESC_LEAD,
    DESC_X,
    LEGEND_H,
    LOG_HEAD,
    MARGIN,
    PAGE_H,
    PAGE_W,
    PT_PER_CM,
    SCALE_TEXT,
    Page,
    Segment,
)
from fieldapp.export.borelog.patterns import ADMIXTURE_MARKS, MAIN, TILE, UNKNOWN, PatternBook
from fieldapp.export.data import Row, staff
from fieldapp.labels.fonts import FONT, FONT_BOLD

COL_X = 24.0  # soil column's offset from the slot's left edge
ANTHRO_X = COL_X + TILE + 1.5  # strip of anthropogenic-admixture marks
SAMPLE_X = ANTHRO_X + 7.0  # sample bars
GW_BLUE = (0.0, 0.35, 0.85)
ANTHRO_RED = (0.8, 0.1, 0.1)


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
    c.setFillColorRGB(0, 0, 0)
    c.setFont(FONT_BOLD, 10)
    c.drawString(MARGIN, top - 10, f"Boorstaten  project {project['code']}  {project['name']}")
    c.setFont(FONT, 7)
    client = project.get("client") or ""
    c.drawString(MARGIN, top - 21, f"opdrachtgever: {client}   locatie: {project.get('site_address') or ''}")
    c.drawRightString(PAGE_W - MARGIN, top - 10, f"blad {number} van {total}")
    c.drawRightString(PAGE_W - MARGIN, top - 21, f"verticale schaal {SCALE_TEXT}; diepte in m-mv")
    c.setLineWidth(0.6)
    c.line(MARGIN, top - 26, PAGE_W - MARGIN, top - 26)


def _log_header(c: Canvas, seg: Segment, project: Row) -> None:
    b = seg.borehole
    x, y = seg.x, seg.y_top
    c.setFillColorRGB(0, 0, 0)
    c.setFont(FONT_BOLD, 11)
    title = b["code"] if seg.of == 1 else (
        f"{b['code']}  (deel {seg.number}/{seg.of}: {format_m(seg.top_cm)}–{format_m(seg.bottom_cm)} m-mv)")
    c.drawString(x, y - 11, title)
    c.setFont(FONT, 6.5)
    if b.get("x_rd") is not None:
        pos = f"RD x {b['x_rd']:.2f}  y {b['y_rd']:.2f} m"
        if b.get("rd_source") == "RDNAPTRANS2018":
            pos += " (RDNAPTRANS2018)"
    else:
        pos = "positie niet ingemeten"
    c.drawString(x, y - 21, f"{pos}   klasse {b.get('position_class') or '-'}")
    date = (b.get("started_at") or "")[:10] or "-"
    sampler = b.get("sampler") or staff(project) or "-"
    level = "NAP onbekend" if b.get("ground_level_nap_cm") is None else f"NAP {format_m(b['ground_level_nap_cm'])} m"
    if b.get("ground_level_nap_cm") is None and b.get("nap_m") is not None:
        level = f"NAP {b['nap_m']:.2f} m (GNSS)"
    c.drawString(x, y - 30, f"datum {date}   monsternemer {sampler}   maaiveld {level}")
    gw = b.get("groundwater_cm")
    gw_text = "grondwater niet aangetroffen" if gw is None else f"grondwaterstand {format_m(gw)} m-mv"
    tool = " ".join(filter(None, [b.get("apparatus"), f"Ø {b['diameter_mm']} mm" if b.get("diameter_mm") else ""]))
    final = "-" if b.get("final_depth_cm") is None else f"{format_m(b['final_depth_cm'])} m-mv"
    c.drawString(x, y - 39, f"{tool or 'boring'}   einddiepte {final}   {gw_text}")


def _depth_scale(c: Canvas, seg: Segment, top: float) -> None:
    x = seg.x + COL_X
    c.setLineWidth(0.3)
    c.setFont(FONT, 5.5)
    first = -(-seg.top_cm // 10) * 10
    for cm in range(first, seg.bottom_cm + 1, 10):
        y = top - (cm - seg.top_cm) * PT_PER_CM
        size = 4.0 if cm % 100 == 0 else 2.5 if cm % 50 == 0 else 1.2
        c.line(x - size, y, x, y)
        if cm % 100 == 0 or (cm % 50 == 0 and seg.column_h < 200):
            c.drawRightString(x - 5, y - 2, format_m(cm))


def _column(c: Canvas, seg: Segment, top: float, book: PatternBook) -> None:
    x = seg.x + COL_X
    for lay in seg.layers:
        upper, lower = max(lay["upper_cm"], seg.top_cm), min(lay["lower_cm"], seg.bottom_cm)
        y1, y2 = top - (upper - seg.top_cm) * PT_PER_CM, top - (lower - seg.top_cm) * PT_PER_CM
        main, marks = _soil(lay["soil_code"])
        c.setFillColorRGB(*MAIN.get(main, UNKNOWN).fill)
        c.rect(x, y2, TILE, y1 - y2, stroke=0, fill=1)
        book.stamp(book.main(main), x, y1, y2)
        for letter, grade in marks:
            book.stamp(book.mark(letter, grade), x, y1, y2)
        if lay.get("admixtures") and json.loads(lay["admixtures"]):
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
    while y >= y2 - 0.5:
        p = c.beginPath()
        p.moveTo(x, y)
        p.lineTo(x + 4.5, y)
        p.lineTo(x + 2.25, y + 3.8)
        p.close()
        c.drawPath(p, stroke=0, fill=1)
        y -= 8.0


def _samples(c: Canvas, seg: Segment, top: float) -> None:
    x = seg.x + SAMPLE_X
    c.setFont(FONT, 5.5)
    free = top + 10.0
    for part in sorted(seg.samples, key=lambda p: p["upper_cm"]):
        upper, lower = max(part["upper_cm"], seg.top_cm), min(part["lower_cm"], seg.bottom_cm)
        y1, y2 = top - (upper - seg.top_cm) * PT_PER_CM, top - (lower - seg.top_cm) * PT_PER_CM
        c.setFillColorRGB(0, 0, 0)
        c.rect(x, y2, 3.0, max(y1 - y2, 1.0), stroke=0, fill=1)
        ty = min(y1 - 5.5, free - 6.0)
        c.drawString(x + 5, ty, part["sample_code"])
        free = ty


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
    x = seg.x + DESC_X
    free = top
    for upper, lines in seg.texts:
        y_layer = top - (upper - seg.top_cm) * PT_PER_CM
        y = min(y_layer, free)
        c.setStrokeColorRGB(0.55, 0.55, 0.55)
        c.setLineWidth(0.3)
        # leader from the layer's top boundary to its text, as hand-drawn logs do
        c.line(seg.x + SAMPLE_X + 26, y_layer, x - 6, y_layer)
        c.line(x - 6, y_layer, x - 2, y - 0.5)
        c.setFillColorRGB(0, 0, 0)
        for n, line in enumerate(lines):
            c.setFont(FONT_BOLD if n == 0 else FONT, DESC_FONT)
            c.drawString(x, y - DESC_LEAD + 1.2, line)
            y -= DESC_LEAD
        free = y
    c.setStrokeColorRGB(0, 0, 0)


def draw_segment(c: Canvas, seg: Segment, project: Row, book: PatternBook) -> None:
    _log_header(c, seg, project)
    top = seg.y_top - LOG_HEAD
    _depth_scale(c, seg, top)
    _column(c, seg, top, book)
    _samples(c, seg, top)
    _groundwater(c, seg, top)
    _descriptions(c, seg, top)


def legend(c: Canvas, book: PatternBook) -> None:
    top = MARGIN + LEGEND_H - 6
    c.setStrokeColorRGB(0, 0, 0)
    c.setLineWidth(0.6)
    c.line(MARGIN, top + 4, PAGE_W - MARGIN, top + 4)
    c.setFont(FONT_BOLD, 7)
    c.setFillColorRGB(0, 0, 0)
    c.drawString(MARGIN, top - 6, "Legenda (NEN 5104)")
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
    c.drawString(x + 10, y + 2, "antropogene bijmenging (puin, baksteen, sintels, ...)")
    c.rect(x + 190, y, 3, 9, stroke=0, fill=1)
    c.drawString(x + 197, y + 2, "monster met code")
    c.setFillColorRGB(*GW_BLUE)
    _water_mark(c, x + 272, y + 1)
    c.setFillColorRGB(0, 0, 0)
    c.drawString(x + 279, y + 2, "grondwaterstand")
    c.drawString(x + 345, y + 2, "m-mv: meter onder maaiveld")


def draw_page(c: Canvas, page: Page, project: Row, number: int, total: int, book: PatternBook) -> None:
    page_header(c, project, number, total)
    for seg in page.segments:
        draw_segment(c, seg, project, book)
    legend(c, book)
