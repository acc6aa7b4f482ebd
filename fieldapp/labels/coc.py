"""The chain-of-custody (COC) form as a multi-page A4 PDF.

A4 landscape, because ten columns per container do not fit upright at a
legible size. Every page carries the COC number, "page x of y" and a QR code
with the manifest part for the containers on that page (see
:mod:`fieldapp.labels.manifest`), so a page that gets separated still says
what it is. The custody block (seal, temperature, remarks and the
relinquished-by/received-by pairs) sits on the last page, which always
carries at least one container row so the signatures stay with the list.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase.pdfmetrics import stringWidth

from fieldapp.errors import LabelError
from fieldapp.labels import coc_words, symbols
from fieldapp.labels.coc_words import CocLang, word
from fieldapp.labels.data import CocData, CocRow, CustodyTransfer
from fieldapp.labels.fonts import FONT, FONT_BOLD, register_fonts
from fieldapp.labels.layouts import MM
from fieldapp.labels.manifest import encode_parts
from fieldapp.labels.pdf import Cancelled, Progress, new_canvas, step
from fieldapp.labels.plan import ELLIPSIS, shorten_middle

PAGE_W, PAGE_H = landscape(A4)
MARGIN = 12 * MM
DPI = 300  # QR modules on the 300 dpi grid are whole dots on 600 and 1200 dpi printers too
DOT = 72.0 / DPI
HEADER_H = 44 * MM
FOOTER_H = 8 * MM
TABLE_TOP = PAGE_H - MARGIN - HEADER_H
TABLE_BOTTOM = MARGIN + FOOTER_H
HEAD_ROW_H = 14.0
SIZE = 8.0
LINE = 9.6
PAD = 4.0
MAX_CELL_LINES = 4
TRANSFER_ROWS = 3
CUSTODY_H = 80 * MM
QR_SIDE = 38 * MM

COLUMNS: tuple[tuple[str, str, float], ...] = (
    ("#", "", 9),
    ("Barcode", "barcode", 38),
    ("Sample", "sample_code", 31),
    ("Borehole", "borehole_code", 17),
    ("Depth", "depth", 23),
    ("Sampled", "sampled_at", 32),
    ("Matrix", "matrix", 18),
    ("Container", "container_type", 28),
    ("Preservation", "preservation", 25),
    ("Analyses requested", "analyses", 52),
)


@dataclass(frozen=True, slots=True)
class _Row:
    number: int
    row: CocRow
    cells: tuple[tuple[str, ...], ...]  # the lines of each column
    height: float


def wrap(text: str, font: str, width: float, max_lines: int = MAX_CELL_LINES) -> tuple[str, ...]:
    """``text`` in lines that fit ``width``: at spaces, inside a word only when it must.

    Codes are never cut short on the form; only a cell of more than
    ``max_lines`` lines loses its end, with an ellipsis.
    """
    lines: list[str] = []
    for line in simpleSplit(text, font, SIZE, width):
        while stringWidth(line, font, SIZE) > width and len(line) > 1:
            cut = len(line) - 1
            while cut > 1 and stringWidth(line[:cut], font, SIZE) > width:
                cut -= 1
            lines.append(line[:cut])
            line = line[cut:]
        lines.append(line)
    if len(lines) > max_lines:
        last = lines[max_lines - 1]
        while last and stringWidth(last + " " + ELLIPSIS, font, SIZE) > width:
            last = last[:-1]
        lines = [*lines[: max_lines - 1], last.rstrip() + " " + ELLIPSIS]
    return tuple(lines) or ("",)


def _prepare(rows: Sequence[CocRow]) -> list[_Row]:
    register_fonts()
    out = []
    for i, row in enumerate(rows, start=1):
        cells = tuple(
            wrap(getattr(row, name) if name else str(i), FONT_BOLD if name == "barcode" else FONT,
                 width * MM - 2 * PAD)
            for _title, name, width in COLUMNS
        )
        out.append(_Row(i, row, cells, max(len(c) for c in cells) * LINE + PAD))
    return out


def paginate(rows: Sequence[_Row]) -> list[list[_Row]]:
    """Rows per page; the last page keeps room for the custody block and at least one row."""
    capacity = TABLE_TOP - TABLE_BOTTOM - HEAD_ROW_H
    pages: list[list[_Row]] = [[]]
    used = 0.0
    for r in rows:
        if pages[-1] and used + r.height > capacity:
            pages.append([])
            used = 0.0
        pages[-1].append(r)
        used += r.height
    if used + CUSTODY_H > capacity:
        last = pages[-1]
        pages[-1:] = [last[:-1], last[-1:]] if len(last) > 1 else [last]
    return pages


def render_coc_pdf(coc: CocData, progress: Progress | None = None, cancelled: Cancelled | None = None,
                   lang: CocLang = "nl") -> bytes:
    """The COC form, Dutch unless ``lang`` says otherwise (it goes to a Dutch lab);
    ``progress(page, pages)`` per page, ``cancelled()`` checked before each."""
    token = coc_words.use(lang)
    try:
        return _render(coc, progress, cancelled)
    finally:
        coc_words.reset(token)


def _render(coc: CocData, progress: Progress | None, cancelled: Cancelled | None) -> bytes:
    if not coc.rows:
        raise LabelError("containers", f"COC {coc.coc_number} has no containers to list.")
    register_fonts()
    pages = paginate(_prepare(coc.rows))
    manifests = encode_parts(coc.coc_number, [[r.row.barcode for r in page] for page in pages])
    buf = io.BytesIO()
    c = new_canvas(buf, (PAGE_W, PAGE_H), f"COC {coc.coc_number}")
    for i, (page, manifest) in enumerate(zip(pages, manifests, strict=True), start=1):
        step(progress, cancelled, i - 1, len(pages))
        _header(c, coc, i, len(pages), manifest)
        bottom = _table(c, page)
        if i == len(pages):
            _custody(c, coc, bottom - 6 * MM)
        _footer(c, coc, i, len(pages))
        c.showPage()
    c.save()
    return buf.getvalue()


def _text(c: Any, x: float, y: float, text: str, size: float = SIZE, bold: bool = False) -> None:
    c.setFont(FONT_BOLD if bold else FONT, size)
    c.drawString(x, y, text)


def _header(c: Any, coc: CocData, page: int, pages: int, manifest: str) -> None:
    top = PAGE_H - MARGIN
    _text(c, MARGIN, top - 16, word("Chain of custody"), 16, bold=True)
    fields = [
        ("Project", f"{coc.project_code}  {coc.project_name}".strip()),
        ("Client", coc.client),
        ("Laboratory", coc.lab),
        ("Sampler", coc.sampler),
        ("Containers", str(len(coc.rows))),
    ]
    # the values start after the widest heading, which is longer in Dutch ("Opdrachtgever")
    value_x = MARGIN + 4 * MM + max(stringWidth(word("COC number"), FONT_BOLD, 10),
                                    *(stringWidth(word(name), FONT_BOLD, 9) for name, _v in fields))
    _text(c, MARGIN, top - 34, word("COC number"), 10, bold=True)
    _text(c, value_x, top - 34, coc.coc_number, 13, bold=True)
    y = top - 52
    for name, value in fields:
        _text(c, MARGIN, y, word(name), 9, bold=True)
        _text(c, value_x, y, shorten_middle(value, FONT, 9, 150 * MM), 9)
        y -= 12
    _qr(c, manifest, PAGE_W - MARGIN - QR_SIDE, top - QR_SIDE)
    label_x = PAGE_W - MARGIN - QR_SIDE - 4 * MM
    c.setFont(FONT_BOLD, 11)
    c.drawRightString(label_x, top - 14, word("Page {page} of {pages}", page=page, pages=pages))
    c.setFont(FONT, 8)
    c.drawRightString(label_x, top - 28, word("Manifest part {page} of {pages}:", page=page, pages=pages))
    c.drawRightString(label_x, top - 38, word("scan to check the cooler's containers"))


def _qr(c: Any, text: str, x: float, y: float) -> None:
    """A QR code in the box of side QR_SIDE at (x, y), modules on the 300 dpi grid."""
    matrix = symbols.qr_text(text)
    span = matrix.size + 2 * symbols.QR_QUIET
    module = int(QR_SIDE / DOT) // span
    if module < 2:
        raise LabelError("containers", "Too many containers per page for the manifest code.")
    left = round(x / DOT) + symbols.QR_QUIET * module
    top = round((PAGE_H - y - QR_SIDE) / DOT) + symbols.QR_QUIET * module
    path = c.beginPath()
    for row, col, run in matrix.runs:
        path.rect((left + col * module) * DOT, PAGE_H - (top + (row + 1) * module) * DOT,
                  run * module * DOT, module * DOT)
    c.setFillColorRGB(0, 0, 0)
    c.drawPath(path, stroke=0, fill=1)


def _table(c: Any, rows: Sequence[_Row]) -> float:
    """Draw the container rows; returns the y of the table's bottom edge."""
    x0 = MARGIN
    y = TABLE_TOP
    c.setLineWidth(0.5)
    c.setFillColorRGB(0.88, 0.88, 0.88)
    c.rect(x0, y - HEAD_ROW_H, PAGE_W - 2 * MARGIN, HEAD_ROW_H, stroke=1, fill=1)
    c.setFillColorRGB(0, 0, 0)
    x = x0
    for title, _field, width in COLUMNS:
        _text(c, x + PAD, y - HEAD_ROW_H + 4.5, word(title), SIZE, bold=True)
        x += width * MM
    y -= HEAD_ROW_H
    for r in rows:
        c.rect(x0, y - r.height, PAGE_W - 2 * MARGIN, r.height, stroke=1, fill=0)
        x = x0
        baseline = y - PAD / 2 - LINE + 2.4
        for (_title, name, width), lines in zip(COLUMNS, r.cells, strict=True):
            for k, line in enumerate(lines):
                _text(c, x + PAD, baseline - k * LINE, line, bold=name == "barcode")
            x += width * MM
        y -= r.height
    x = x0
    for _title, _field, width in COLUMNS[:-1]:
        x += width * MM
        c.line(x, TABLE_TOP, x, y)
    return float(y)


def _custody(c: Any, coc: CocData, top: float) -> None:
    x0, width = MARGIN, PAGE_W - 2 * MARGIN
    _text(c, x0, top, word("Custody"), 11, bold=True)
    y = top - 16
    third = width / 3
    for k, (name, value) in enumerate(
        [("Seal number", coc.seal_number), ("Temperature on receipt (°C)",
          coc.temperature_on_receipt), ("Cooler intact on receipt", "yes / no")]
    ):
        x = x0 + k * third
        name = word(name)
        value = word(value) if value == "yes / no" else value
        _text(c, x, y, name, SIZE, bold=True)
        _text(c, x + stringWidth(name, FONT_BOLD, SIZE) + 6, y, value or "_" * 18)
    y -= 16
    remarks = word("Remarks")
    box_x = max(20 * MM, stringWidth(remarks, FONT_BOLD, SIZE) + 3 * MM)  # "Opmerkingen" is wider
    _text(c, x0, y, remarks, SIZE, bold=True)
    c.rect(x0 + box_x, y - 16, width - box_x, 26, stroke=1, fill=0)
    for k, line in enumerate(simpleSplit(coc.remarks, FONT, SIZE, width - box_x - 4 * MM)[:2]):
        _text(c, x0 + box_x + 2 * MM, y - k * LINE, line)
    y -= 30
    _transfers(c, coc.transfers, x0, y, width)


def _transfers(c: Any, given: Sequence[CustodyTransfer], x0: float, y: float, width: float) -> None:
    """Relinquished-by / received-by pairs: name, date, time and room to sign."""
    blank = [CustodyTransfer()] * max(0, TRANSFER_ROWS - len(given))
    gap = 6 * MM
    half = (width - gap) / 2
    row_h = 30.0
    heads = ("Name", "Date", "Time", "Signature")
    cols = (0.34, 0.2, 0.12, 0.34)
    for k, side in enumerate(("Relinquished by", "Received by")):
        xx = x0 + k * (half + gap)
        _text(c, xx + 2, y, word(side), 9, bold=True)
        for head, frac in zip(heads, cols, strict=True):
            _text(c, xx + 2, y - 11, word(head), 7)
            xx += half * frac
    y -= 14
    for t in [*given, *blank]:
        for k, (who, when) in enumerate(
            ((t.relinquished_by, t.relinquished_at), (t.received_by, t.received_at))
        ):
            date, _sp, time = when.partition(" ")
            xx = x0 + k * (half + gap)
            for value, frac in zip((who, date, time, ""), cols, strict=True):
                c.rect(xx, y - row_h, half * frac, row_h, stroke=1, fill=0)
                if value:
                    _text(c, xx + PAD, y - 12, shorten_middle(value, FONT, 9, half * frac - 8), 9)
                xx += half * frac
        y -= row_h


def _footer(c: Any, coc: CocData, page: int, pages: int) -> None:
    c.setFont(FONT, 7)
    c.drawString(MARGIN, MARGIN, word("COC {coc} · {project} · made by FieldApp", coc=coc.coc_number,
                                      project=coc.project_code))
    c.drawRightString(PAGE_W - MARGIN, MARGIN, word("Page {page} of {pages}", page=page, pages=pages))
    if page < pages:
        c.drawCentredString(PAGE_W / 2, MARGIN, word("Custody block and signatures on page {pages}", pages=pages))
