"""Labels as PDF at the exact label (or sheet) size, with vector barcodes.

The page is the label itself for roll printers and the whole sheet for
sheet labels. The PDF asks viewers not to scale when printing
(``PrintScaling /None``), because a page shrunk to 96 % by a printer dialog
takes the bars off the dot grid.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from reportlab.pdfgen.canvas import Canvas

from fieldapp.errors import LabelError
from fieldapp.labels.data import LabelData
from fieldapp.labels.fonts import FONT, register_fonts
from fieldapp.labels.layouts import Layout
from fieldapp.labels.plan import LabelPlan, plan_label
from fieldapp.labels.qr import QrEncoder
from fieldapp.progress import Cancelled, Progress


def new_canvas(buf: io.BytesIO, pagesize: tuple[float, float], title: str) -> Any:
    # invariant=1 keeps the output byte-for-byte reproducible (no timestamps or random ids). The first
    # font is the embedded one: a canvas starts in Helvetica, which the file then names unembedded.
    register_fonts()
    c = Canvas(buf, pagesize=pagesize, invariant=1, pageCompression=1, initialFontName=FONT)
    c.setTitle(title)
    c.setCreator("FieldApp")
    c.setViewerPreference("PrintScaling", "None")
    return c


def draw_plan(c: Any, plan: LabelPlan, dot_pt: float, page_h_pt: float) -> None:
    """Draw one planned label on the current page of canvas ``c``.

    The symbols are written as PDF operators in printer dots, y down from the
    top-left corner, under one scaling: every coordinate is an integer, so no
    rounding can take a bar edge off the dot grid (and it is several times
    faster than reportlab's path objects).
    """
    c.setFillColorRGB(0, 0, 0)
    m, top, h, left = plan.bar_module, plan.bars_y, plan.bar_height, plan.bars_x
    ops = [f"q {dot_pt:.9f} 0 0 {-dot_pt:.9f} 0 {page_h_pt:.6f} cm"]
    ops += [f"{left + offset * m} {top} {width * m} {h} re" for offset, width in plan.bars.bars]
    q, qx, qy = plan.qr_module, plan.qr_x, plan.qr_y
    ops += [f"{qx + col * q} {qy + row * q} {run * q} {q} re" for row, col, run in plan.matrix.runs]
    ops.append("f Q")
    c.addLiteral("\n".join(ops))
    for line in plan.lines:
        if line.text:
            c.setFont(line.font, line.size_pt)
            c.drawString(line.x * dot_pt, page_h_pt - line.baseline_pt, line.text)


#: progress is told (and a cancel noticed) once per this many labels
STEP = 200


def step(progress: Progress | None, cancelled: Cancelled | None, done: int, total: int) -> None:
    """Report progress; stop with LabelError once the caller cancelled (nothing is returned then)."""
    if cancelled is not None and cancelled():
        raise LabelError("labels", "Printing was cancelled; nothing was printed or saved.")
    if progress is not None:
        progress(done, total)


def render_labels_pdf(layout: Layout, labels: Sequence[LabelData], *, start: int = 1,
                      progress: Progress | None = None, cancelled: Cancelled | None = None) -> bytes:
    """One PDF of ``labels``; on sheets, the first label goes to position ``start``.

    ``progress(done, total)`` counts planned and then drawn labels (total is
    twice their number); ``cancelled()`` is checked at the same steps.
    """
    if not labels:
        raise LabelError("containers", "No containers were chosen, so there is nothing to print.")
    page_w, page_h = layout.page_size_pt
    total = 2 * len(labels)
    # Plan everything first: a label that cannot be drawn fails before any output exists.
    encoder = QrEncoder()
    placed = []
    for i, (label, (page, x, y)) in enumerate(zip(labels, layout.slots(len(labels), start), strict=True)):
        if i % STEP == 0:
            step(progress, cancelled, i, total)
        placed.append((page, plan_label(layout, label, (x, y), qr_encoder=encoder)))
    buf = io.BytesIO()
    c = new_canvas(buf, (page_w, page_h), f"Labels ({layout.name})")
    _draw_pages(c, placed, layout.dot_pt, page_h,
                lambda i: step(progress, cancelled, len(labels) + i, total) if i % STEP == 0 else None)
    c.save()
    step(progress, cancelled, total, total)
    return buf.getvalue()


def _draw_pages(c: Any, placed: Iterable[tuple[int, LabelPlan]], dot_pt: float, h: float,
                on_label: Callable[[int], None] | None = None) -> None:
    current = 0
    for i, (page, plan) in enumerate(placed):
        if on_label is not None:
            on_label(i)
        while page > current:
            c.showPage()
            current += 1
        draw_plan(c, plan, dot_pt, h)
    c.showPage()
