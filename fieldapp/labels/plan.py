"""Where everything goes on one label, in whole printer dots.

The plan is shared by the PDF and the ZPL renderers. Every position is
counted in dots from the top-left corner of the page, because that is the
grid a printer rasterises on; a bar that starts half a dot off the grid
prints one dot too wide or too narrow and the code may no longer scan.

The Code 128 runs along the bottom of the label, the QR code sits top left,
and the text fills the rest. The module widths are the largest whole number
of dots that fits (at least 2); when even 2 dots do not fit, the code is too
long for the layout and that is an error, never a squeezed barcode. Text
shrinks down to 7 pt and then is shortened with an ellipsis, except the code
printed under the barcode: a clerk types it by hand when the symbol cannot
be read, so it is set smaller or condensed (never below 7 pt) and a code
that fits neither way is refused, never printed cut.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Sequence
from dataclasses import dataclass

from reportlab.pdfbase import pdfmetrics

from fieldapp.errors import LabelError
from fieldapp.labels import symbols
from fieldapp.labels.data import LabelData
from fieldapp.labels.fonts import FONT, FONT_BOLD, FONT_CONDENSED, register_fonts
from fieldapp.labels.layouts import Layout
from fieldapp.labels.qr import QrEncoder

MIN_FONT_PT = 7.0
MIN_MODULE_DOTS = 2
MAX_CODE128_MODULE_MM = 0.5  # wider bars only make the symbol longer, not easier to scan
LEADING = 1.12
ASCENT = 0.80  # of the font size: Helvetica's cap and ascender height plus a little air
DESCENT = 0.22
ZPL_MAX_QR_MODULE = 10  # ^BQ magnification goes up to 10 dots
ELLIPSIS = "…"
SEPARATOR = " · "
DEFAULT_LINES: tuple[tuple[str, ...], ...] = (
    ("sample_code",),
    ("barcode",),
    ("project_code", "borehole_code"),
    ("depth", "sampled"),
    ("treatment", "container_type"),
)


@dataclass(frozen=True, slots=True)
class TextLine:
    text: str
    font: str
    size_pt: float
    x: int  # dots from the page's left edge
    baseline_pt: float  # points from the page's top edge
    width_pt: float  # the room the line had


@dataclass(frozen=True, slots=True)
class LabelPlan:
    code: str
    bars: symbols.Bars
    bars_x: int  # first bar, quiet zone excluded
    bars_y: int  # top of the bars
    bar_module: int  # dots
    bar_height: int  # dots
    matrix: symbols.Matrix
    qr_x: int  # first module, quiet zone excluded
    qr_y: int
    qr_module: int  # dots
    lines: tuple[TextLine, ...]
    box: tuple[int, int, int, int]  # printable area: left, top, right, bottom in dots


@functools.lru_cache(maxsize=8192)
def stringWidth(text: str, font: str, size: float) -> float:
    """reportlab's width of ``text``, remembered: a run of labels measures the
    same project codes, dates and container types over and over."""
    return float(pdfmetrics.stringWidth(text, font, size))


def dots(mm: float, dpi: int) -> float:
    return mm * dpi / 25.4


def label_lines(label: LabelData, template: Sequence[Sequence[str]]) -> list[list[str]]:
    """The text parts of each line of ``label`` (``template`` names LabelData fields)."""
    return [[getattr(label, name) for name in line] for line in template]


def shorten_middle(text: str, font: str, size: float, width_pt: float) -> str:
    """``text`` cut in the middle with an ellipsis so that it fits ``width_pt``.

    Used for codes, which differ at their ends (project prefix, running number).
    """
    if stringWidth(text, font, size) <= width_pt:
        return text
    lo, hi, best = 0, len(text) - 1, ELLIPSIS
    while lo <= hi:
        keep = (lo + hi) // 2
        head = (keep * 2 + 2) // 3
        cand = text[:head] + ELLIPSIS + text[len(text) - (keep - head) :][: keep - head]
        if stringWidth(cand, font, size) <= width_pt:
            best, lo = cand, keep + 1
        else:
            hi = keep - 1
    return best


def shorten_parts(parts: Sequence[str], font: str, size: float, width_pt: float) -> str:
    """Join ``parts`` with a middle dot and shorten the result to fit ``width_pt``.

    A short last part (a borehole code) is kept whole and the head shortened;
    a long one (a container description) loses its end first, so the first
    part (the date) stays readable.
    """
    kept = [p for p in parts if p]
    if not kept:
        return ""
    text = SEPARATOR.join(kept)
    if len(kept) == 1 or stringWidth(text, font, size) <= width_pt:
        return shorten_middle(text, font, size, width_pt)
    head, last = SEPARATOR.join(kept[:-1]), kept[-1]
    tail_w = stringWidth(SEPARATOR + last, font, size)
    if tail_w <= 0.4 * width_pt:
        return shorten_middle(head, font, size, width_pt - tail_w) + SEPARATOR + last
    room = width_pt - stringWidth(head + SEPARATOR + ELLIPSIS, font, size)
    if room < 0:
        room_head = width_pt - stringWidth(SEPARATOR + ELLIPSIS, font, size)
        return shorten_middle(head, font, size, room_head) + SEPARATOR + ELLIPSIS
    n = len(last)
    while n > 0 and stringWidth(last[:n], font, size) > room:
        n -= 1
    return head + SEPARATOR + last[:n].rstrip() + ELLIPSIS


def plan_label(
    layout: Layout,
    label: LabelData,
    origin_mm: tuple[float, float] = (0.0, 0.0),
    *,
    printer_encodes: bool = False,
    qr_encoder: QrEncoder | None = None,
) -> LabelPlan:
    """Place ``label`` with its top-left corner at ``origin_mm`` on the page.

    ``printer_encodes`` is set for ZPL, where the printer picks its own Code 128
    subsets: the width is then budgeted for the longest encoding.
    """
    register_fonts()
    dpi = layout.dpi
    ox, oy = origin_mm
    il, it, ir, ib = layout.inset_mm
    left = math.ceil(dots(ox + il, dpi) - 1e-6)
    top = math.ceil(dots(oy + it, dpi) - 1e-6)
    right = math.floor(dots(ox + layout.label_w_mm - ir, dpi) + 1e-6)
    bottom = math.floor(dots(oy + layout.label_h_mm - ib, dpi) + 1e-6)
    gap = round(dots(layout.gap_mm, dpi))

    # a printer that encodes the symbols itself needs only their sizes: no
    # Code 128 or QR encoding on the computer (most of a ZPL label's cost)
    bars = symbols.printer_code128(label.barcode) if printer_encodes else symbols.code128(label.barcode)
    modules = bars.modules
    span = modules + 2 * symbols.CODE128_QUIET
    bar_module = min((right - left) // span, max(2, int(dots(MAX_CODE128_MODULE_MM, dpi))))
    if bar_module < MIN_MODULE_DOTS:
        raise LabelError(
            "barcode",
            f"Barcode {label.barcode} is too long for a Code 128 on layout {layout.name}: "
            f"it needs {span * MIN_MODULE_DOTS} dots and the label has {right - left}.",
            hint="Use a wider layout or shorter barcodes.",
        )
    bar_height = round(dots(layout.code128_height_mm, dpi))
    bars_y = bottom - bar_height
    symbol_w = modules * bar_module
    bars_x = left + (right - left - symbol_w) // 2

    matrix = symbols.printer_qr(label.barcode) if printer_encodes else symbols.qr(label.barcode, qr_encoder)
    qr_span = matrix.size + 2 * symbols.QR_QUIET
    side = min(bars_y - gap - top, int((right - left) * 0.45))
    qr_module = side // qr_span
    if printer_encodes:
        qr_module = min(qr_module, ZPL_MAX_QR_MODULE)
    if qr_module < MIN_MODULE_DOTS:
        raise LabelError(
            "barcode",
            f"Barcode {label.barcode} is too long for a QR code on layout {layout.name}.",
            hint="Use a larger layout or shorter barcodes.",
        )
    qr_x = left + symbols.QR_QUIET * qr_module
    qr_y = top + symbols.QR_QUIET * qr_module

    text_x = left + qr_span * qr_module + gap
    lines = _fit_lines(layout, label, text_x, top, right, bars_y - gap)
    return LabelPlan(
        code=label.barcode, bars=bars, bars_x=bars_x, bars_y=bars_y, bar_module=bar_module,
        bar_height=bar_height, matrix=matrix, qr_x=qr_x, qr_y=qr_y, qr_module=qr_module,
        lines=lines, box=(left, top, right, bottom),
    )


def _fit_lines(
    layout: Layout, label: LabelData, x: int, top: int, right: int, bottom: int
) -> tuple[TextLine, ...]:
    dot_pt = layout.dot_pt
    width_pt = (right - x) * dot_pt
    height_pt = (bottom - top) * dot_pt
    texts = label_lines(label, layout.lines or DEFAULT_LINES)
    n = len(texts)
    size = layout.font_pt
    while (n - 1) * LEADING * size + (ASCENT + DESCENT) * size > height_pt:
        size -= 0.5
        if size < MIN_FONT_PT:
            raise LabelError(
                "layout",
                f"Layout {layout.name} has no room for {n} lines of {MIN_FONT_PT:g} pt text.",
            )
    template = layout.lines or DEFAULT_LINES
    lines = []
    for i, parts in enumerate(texts):
        font = FONT_BOLD if i == 0 else FONT
        baseline = top * dot_pt + ASCENT * size + i * LEADING * size
        if "barcode" in template[i]:
            text = SEPARATOR.join(p for p in parts if p)
            font, line_size = fit_whole(text, font, size, width_pt, layout.name, label.barcode)
        else:
            text, line_size = shorten_parts(parts, font, size, width_pt), size
        lines.append(TextLine(text, font, line_size, x, baseline, width_pt))
    return tuple(lines)


def fit_whole(text: str, font: str, size: float, width_pt: float, layout: str, code: str) -> tuple[str, float]:
    """The face and size that set ``text`` (the line holding ``code``) whole in ``width_pt``: the largest
    size down to MIN_FONT_PT, in ``font`` or else condensed. It stays on its line's baseline, so smaller
    text never reaches into the next line."""
    steps = max(0, math.floor((size - MIN_FONT_PT) / 0.5 + 1e-9))
    for n in range(steps + 1):
        at = size - 0.5 * n
        for face in (font, FONT_CONDENSED):
            if stringWidth(text, face, at) <= width_pt:
                return face, at
    raise LabelError(
        "barcode",
        f"The code {code} does not fit whole beside the QR code on layout {layout}, not even condensed "
        f"at {MIN_FONT_PT:g} pt.",
        hint="Use a wider layout; the code under a barcode is never printed shortened.",
    )
