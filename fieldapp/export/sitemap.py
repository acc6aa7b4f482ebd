"""The site map: measured and planned borehole positions in RD New, as PDF and PNG.

Drawn at a round scale (1:250, 1:500, 1:1000 ...) on A4 landscape with an RD
grid, a scale bar and a north arrow. The PNG is the PDF rendered by
poppler's ``pdftoppm``, so both show exactly the same map; where poppler is
not installed only the PDF is written and the result says so.
"""

from __future__ import annotations

import math
import shutil
import subprocess

from reportlab.lib.pagesizes import A4, landscape
from reportlab.pdfgen.canvas import Canvas

from fieldapp.errors import ExportError
from fieldapp.export.atomic import Job, Staging
from fieldapp.export.data import ProjectData
from fieldapp.export.geo import RD_NEW, points
from fieldapp.export.headline import fit_fields, fit_title
from fieldapp.labels.fonts import FONT, FONT_BOLD, register_fonts

PAGE_W, PAGE_H = landscape(A4)
MARGIN = 28.0
TITLE_H = 46.0
# up to the whole country on a sheet: a planned position typed 20 km off made every borehole fall outside
# a 1:50000 map, which was then written empty
SCALES = (100, 200, 250, 500, 1000, 2000, 2500, 5000, 10000, 20000, 25000, 50000, 100000, 200000, 250000,
          500000, 1000000)
ROUND_M = (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 5000, 10000, 20000, 25000, 50000, 100000)
PT_PER_M_PAPER = 72 / 0.0254
PNG_DPI = 150


def _scale(width_m: float, height_m: float, box_w: float, box_h: float) -> int:
    for s in SCALES:
        if width_m * PT_PER_M_PAPER / s <= box_w and height_m * PT_PER_M_PAPER / s <= box_h:
            return s
    return math.ceil(max(width_m * PT_PER_M_PAPER / box_w, height_m * PT_PER_M_PAPER / box_h) / SCALES[-1]) * SCALES[-1]


def _grid_step(scale: int) -> float:
    # about 3-4 cm on paper between grid lines, a round number of metres
    target = 0.035 * scale
    return float(min(ROUND_M, key=lambda s: abs(s - target)))


def _draw(c: Canvas, data: ProjectData, job: Job) -> None:
    pts = points(data.boreholes, RD_NEW)
    xy = [p for p in [*pts.measured.values(), *pts.planned.values()] if p is not None]
    if not xy:
        raise ExportError("No borehole of this project has a measured or planned RD position.",
                          hint="Measure or plan positions first; there is nothing to map.")
    box = (MARGIN, MARGIN + TITLE_H, PAGE_W - MARGIN, PAGE_H - MARGIN)
    box_w, box_h = box[2] - box[0], box[3] - box[1]
    min_x, max_x = min(p[0] for p in xy), max(p[0] for p in xy)
    min_y, max_y = min(p[1] for p in xy), max(p[1] for p in xy)
    pad = max(5.0, 0.08 * max(max_x - min_x, max_y - min_y))
    scale = _scale(max_x - min_x + 2 * pad, max_y - min_y + 2 * pad, box_w, box_h)
    k = PT_PER_M_PAPER / scale  # points per metre on the ground
    cx, cy = (min_x + max_x) / 2, (min_y + max_y) / 2
    mid_x, mid_y = (box[0] + box[2]) / 2, (box[1] + box[3]) / 2

    def to_page(x: float, y: float) -> tuple[float, float]:
        return mid_x + (x - cx) * k, mid_y + (y - cy) * k

    c.saveState()
    p = c.beginPath()
    p.rect(box[0], box[1], box_w, box_h)
    c.clipPath(p, stroke=0, fill=0)
    _grid(c, box, k, cx, cy, mid_x, mid_y, _grid_step(scale))
    c.setFont(FONT, 6.5)
    total = len(data.boreholes)
    for n, b in enumerate(data.boreholes):
        measured, planned = pts.measured.get(b["id"]), pts.planned.get(b["id"])
        if planned is not None:
            px, py = to_page(*planned)
            c.setStrokeColorRGB(0.1, 0.3, 0.8)
            c.setLineWidth(0.6)
            c.circle(px, py, 3.2, stroke=1, fill=0)
            c.line(px - 4.5, py, px + 4.5, py)
            c.line(px, py - 4.5, px, py + 4.5)
        if measured is not None:
            mx, my = to_page(*measured)
            if planned is not None:
                # how far the borehole stands from its plan is what an inspector checks first
                c.setStrokeColorRGB(0.5, 0.5, 0.5)
                c.setLineWidth(0.4)
                c.line(px, py, mx, my)
            c.setFillColorRGB(0.8, 0.05, 0.05)
            c.circle(mx, my, 2.0, stroke=0, fill=1)
            c.setFillColorRGB(0, 0, 0)
            c.drawString(mx + 3.5, my + 2.5, b["code"])
        elif planned is not None:
            c.setFillColorRGB(0.1, 0.3, 0.8)
            c.drawString(px + 4.5, py + 2.5, f"{b['code']} (gepland)")
        if n % 2000 == 0:
            job.step(n, total)
    c.restoreState()
    c.setStrokeColorRGB(0, 0, 0)
    c.setLineWidth(0.8)
    c.rect(box[0], box[1], box_w, box_h, stroke=1, fill=0)
    _title(c, data, scale, k)
    _north_arrow(c, box[2] - 30, box[3] - 58)


def _grid(c: Canvas, box: tuple[float, float, float, float], k: float, cx: float, cy: float,
          mid_x: float, mid_y: float, step: float) -> None:
    c.setStrokeColorRGB(0.75, 0.75, 0.75)
    c.setLineWidth(0.3)
    c.setFont(FONT, 6)
    c.setFillColorRGB(0.4, 0.4, 0.4)
    x0 = math.floor((cx - (mid_x - box[0]) / k) / step) * step
    x = x0
    while (px := mid_x + (x - cx) * k) <= box[2]:
        if px >= box[0]:
            c.line(px, box[1], px, box[3])
            c.drawString(px + 1.5, box[1] + 2, f"{x:.0f}")
        x += step
    y = math.floor((cy - (mid_y - box[1]) / k) / step) * step
    while (py := mid_y + (y - cy) * k) <= box[3]:
        if py >= box[1]:
            c.line(box[0], py, box[2], py)
            c.drawString(box[0] + 2, py + 1.5, f"{y:.0f}")
        y += step


def _north_arrow(c: Canvas, x: float, y: float) -> None:
    # RD grid north; on Dutch sites it differs from true north by under 2 degrees
    c.setFillColorRGB(0, 0, 0)
    p = c.beginPath()
    p.moveTo(x, y + 40)
    p.lineTo(x - 8, y + 8)
    p.lineTo(x, y + 15)
    p.lineTo(x + 8, y + 8)
    p.close()
    c.drawPath(p, stroke=1, fill=1)
    c.setFont(FONT_BOLD, 11)
    c.drawCentredString(x, y - 4, "N")


def _title(c: Canvas, data: ProjectData, scale: int, k: float) -> None:
    pr = data.project
    c.setFillColorRGB(0, 0, 0)
    lx = PAGE_W - MARGIN - 285  # the legend's symbols; the title and the client end before them
    room = lx - 10 - MARGIN
    title, size = fit_title(f"Situatie boorpunten  project {pr['code']}  ", str(pr["name"]), FONT_BOLD, 10, 7, room)
    c.setFont(FONT_BOLD, size)
    c.drawString(MARGIN, MARGIN + 30, title)
    c.setFont(FONT, 7)
    where = fit_fields([("opdrachtgever: ", pr.get("client") or ""), ("locatie: ", pr.get("site_address") or "")],
                       FONT, 7, room)
    c.drawString(MARGIN, MARGIN + 19, where)
    c.drawString(MARGIN, MARGIN + 8, f"schaal 1:{scale} (A4 liggend)   coördinaten RD New (EPSG:28992), m   "
                 "raster RD; noordpijl: RD-noorden")
    # legend
    c.setFillColorRGB(0.8, 0.05, 0.05)
    c.circle(lx, MARGIN + 33, 2.0, stroke=0, fill=1)
    c.setFillColorRGB(0, 0, 0)
    c.drawString(lx + 6, MARGIN + 31, "ingemeten positie met code")
    c.setStrokeColorRGB(0.1, 0.3, 0.8)
    c.circle(lx, MARGIN + 21, 3.2, stroke=1, fill=0)
    c.line(lx - 4.5, MARGIN + 21, lx + 4.5, MARGIN + 21)
    c.line(lx, MARGIN + 16.5, lx, MARGIN + 25.5)
    c.drawString(lx + 6, MARGIN + 19, "geplande positie")
    # scale bar: a round length of about 4 cm on paper
    metres = min(ROUND_M, key=lambda m: abs(m * k - 113))
    bx, by = PAGE_W - MARGIN - 150, MARGIN + 14
    c.setStrokeColorRGB(0, 0, 0)
    c.setLineWidth(0.5)
    for i in range(4):
        c.setFillColorRGB(*((0, 0, 0) if i % 2 == 0 else (1, 1, 1)))
        c.rect(bx + i * metres * k / 4, by, metres * k / 4, 4, stroke=1, fill=1)
    c.setFillColorRGB(0, 0, 0)
    c.setFont(FONT, 6.5)
    c.drawString(bx, by + 7, "0")
    c.drawRightString(bx + metres * k + 3, by + 7, f"{metres} m")


def write_map(data: ProjectData, staging: Staging, job: Job) -> tuple[int, str]:
    register_fonts()
    pdf = staging.path(".pdf")
    c = Canvas(str(pdf), pagesize=(PAGE_W, PAGE_H), initialFontName=FONT)  # not Helvetica, named unembedded
    c.setTitle(f"Situatie boorpunten {data.project['code']}")
    c.setAuthor("FieldApp")
    _draw(c, data, job)
    c.showPage()
    c.save()
    tool = shutil.which("pdftoppm")
    if tool is None:
        return 1, "PNG not written: pdftoppm (poppler-utils) is not installed; the PDF is complete."
    png = staging.path(".png")
    try:
        subprocess.run([tool, "-png", "-r", str(PNG_DPI), "-singlefile", str(pdf), str(png.with_suffix(""))],
                       check=True, capture_output=True, timeout=300)
    except (subprocess.SubprocessError, OSError) as exc:
        raise ExportError(f"Rendering the map PNG failed: {exc}.") from exc
    return 1, ""
