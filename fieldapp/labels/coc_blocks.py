"""The fixed blocks of the lab order form: the header of every page, the closing block
of the last (the sampler's statement, signatures and custody) and the footer.

Headings are measured in the form's language before the values are placed:
Dutch words ("Offertenummer", "Temperatuur bij ontvangst") are longer.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase.pdfmetrics import stringWidth

from fieldapp.errors import LabelError
from fieldapp.labels import symbols
from fieldapp.labels.coc_words import word
from fieldapp.labels.data import CocData, CustodyTransfer
from fieldapp.labels.fonts import FONT, FONT_BOLD
from fieldapp.labels.layouts import MM
from fieldapp.labels.plan import ELLIPSIS, shorten_middle

PAGE_W, PAGE_H = landscape(A4)
MARGIN = 12 * MM
DPI = 300  # QR modules on the 300 dpi grid are whole dots on 600 and 1200 dpi printers too
DOT = 72.0 / DPI
HEADER_H = 44 * MM
FOOTER_H = 8 * MM
SIZE = 8.0
LINE = 9.6
PAD = 4.0
TRANSFER_ROWS = 2  # sampler -> courier, courier -> lab
TRANSFER_ROW_H = 22.0
SIGN_H = 24.0
CLOSING_H = 77 * MM  # what :func:`closing` draws with two lines of remarks, plus the gap above it
MAX_REMARK_LINES = 8
QR_SIDE = 38 * MM
FIELD_SIZE = 9.0
SMALLEST_FIELD = 7.0  # the labels' and the form's smallest text
FIELD_LINE = 11.0
MIDDLE_X = MARGIN + 118 * MM  # the second column of header fields

#: BRL SIKB 2000 protocols by matrix: 2001 soil (handboringen, grondmonsters), 2002 groundwater
PROTOCOL = {"GW": "2002", "PW": "2002"}
SOIL_PROTOCOL = "2001"


def text(c: Any, x: float, y: float, value: str, size: float = SIZE, bold: bool = False) -> None:
    c.setFont(FONT_BOLD if bold else FONT, size)
    c.drawString(x, y, value)


def _turnaround(coc: CocData) -> str:
    if not coc.turnaround:
        return word("normal / urgent: ___ working days")
    kind = word(coc.turnaround)
    if not coc.turnaround_days:
        return kind
    return word("{kind}, {days} working day" if coc.turnaround_days == 1 else "{kind}, {days} working days",
                kind=kind, days=coc.turnaround_days)


def _as3000(value: bool | None) -> str:
    return word("yes / no") if value is None else word("yes" if value else "no")


def header_fields(coc: CocData) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """The header's two columns of (heading, value), in the form's language."""
    left = [("Project", f"{coc.project_code}  {coc.project_name}".strip()), ("Site", coc.site),
            ("Client", coc.client), ("Sampler", coc.sampler),
            ("Containers", f"{len(coc.rows)}"), ("Analysis samples", f"{len(coc.analyses)}")]
    right = [("Laboratory", coc.lab), ("Client number", coc.client_number or "_" * 14),
             ("Quotation number", coc.quotation or "_" * 14), ("Results to", coc.results_name or "_" * 30),
             ("Results e-mail", coc.results_email or "_" * 30),
             ("Turnaround", _turnaround(coc)), ("AS3000 required", _as3000(coc.as3000))]
    return left, right


def _fields(c: Any, x: float, y: float, fields: Sequence[tuple[str, str]], right_edge: float) -> None:
    value_x = x + 3 * MM + max(stringWidth(word(name), FONT_BOLD, FIELD_SIZE) for name, _v in fields)
    room = right_edge - value_x
    for name, value in fields:
        text(c, x, y, word(name), FIELD_SIZE, bold=True)
        size = FIELD_SIZE  # smaller before shorter: a project name of 45 letters lost its middle at 9 pt
        while size > SMALLEST_FIELD and stringWidth(value, FONT, size) > room:
            size -= 0.5
        text(c, value_x, y, shorten_middle(value, FONT, size, room), size)
        y -= FIELD_LINE


def header(c: Any, coc: CocData, page: int, pages: int, manifest: str) -> None:
    top = PAGE_H - MARGIN
    text(c, MARGIN, top - 16, word("Laboratory order form"), 16, bold=True)
    number = word("COC number")
    text(c, MARGIN, top - 34, number, 10, bold=True)
    text(c, MARGIN + stringWidth(number, FONT_BOLD, 10) + 3 * MM, top - 34, coc.coc_number, 13, bold=True)
    left, right = header_fields(coc)
    qr_left = PAGE_W - MARGIN - QR_SIDE
    _fields(c, MARGIN, top - 50, left, MIDDLE_X - 4 * MM)
    _fields(c, MIDDLE_X, top - 50, right, qr_left - 3 * MM)
    _qr(c, manifest, qr_left, top - QR_SIDE)
    label_x = qr_left - 4 * MM
    c.setFont(FONT_BOLD, 11)
    c.drawRightString(label_x, top - 14, word("Page {page} of {pages}", page=page, pages=pages))
    c.setFont(FONT, 8)
    c.drawRightString(label_x, top - 28, word("Manifest part {page} of {pages}:", page=page, pages=pages))
    c.drawRightString(label_x, top - 38, word("scan to check the cooler's containers"))


def _qr(c: Any, value: str, x: float, y: float) -> None:
    """A QR code in the box of side QR_SIDE at (x, y), modules on the 300 dpi grid."""
    matrix = symbols.qr_text(value)
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


def statement(coc: CocData) -> str:
    """The sampler's statement, naming the BRL SIKB 2000 protocols of the matrices on the form."""
    matrices = {r.matrix for r in coc.rows} | {a.matrix for a in coc.analyses}
    protocols = sorted({PROTOCOL.get(m, SOIL_PROTOCOL) for m in matrices if m}) or [SOIL_PROTOCOL]
    joined = word("{a} and {b}", a=protocols[0], b=protocols[1]) if len(protocols) > 1 else protocols[0]
    return word("I hereby declare that the samples were taken, preserved and packed according to BRL SIKB 2000, "
                "protocol {protocols}, and that this form is correct.", protocols=joined)


def closing(c: Any, coc: CocData, top: float) -> float:
    """The statement, the two signatures, the custody block; returns the y it ended at."""
    x0, width = MARGIN, PAGE_W - 2 * MARGIN
    text(c, x0, top, word("Sampler's statement"), 10, bold=True)
    y = top - 12
    for line in simpleSplit(statement(coc), FONT, SIZE, width)[:2]:
        text(c, x0, y, line)
        y -= LINE
    y -= 4
    first_sampler = coc.sampler.split(", ")[0] if coc.sampler else ""
    _sign_boxes(c, x0, y, width, (("Sampler", first_sampler), ("Received by the laboratory", "")),
                ("Name", "Date", "Signature"), (0.4, 0.2, 0.4), SIGN_H, [("", "")])
    y -= 12 + SIGN_H + 14
    text(c, x0, y, word("Custody"), 10, bold=True)
    y -= 14
    third = width / 3
    for k, (name, value) in enumerate(
        [("Seal number", coc.seal_number), ("Temperature on receipt (°C)", coc.temperature_on_receipt),
         ("Cooler intact on receipt", word("yes / no"))]
    ):
        x = x0 + k * third
        name = word(name)
        text(c, x, y, name, SIZE, bold=True)
        text(c, x + stringWidth(name, FONT_BOLD, SIZE) + 6, y, value or "_" * 18)
    y -= 14
    box_x, lines = remark_lines(coc)
    extra = LINE * max(0, len(lines) - 2)
    text(c, x0, y, word("Remarks"), SIZE, bold=True)
    c.rect(x0 + box_x, y - 16 - extra, width - box_x, 26 + extra, stroke=1, fill=0)
    for k, line in enumerate(lines):
        text(c, x0 + box_x + 2 * MM, y - k * LINE, line)
    y -= 30 + extra
    given = list(coc.transfers)
    rows = [*given, *[CustodyTransfer()] * max(0, TRANSFER_ROWS - len(given))]
    pairs = [(t.relinquished_by, t.relinquished_at, t.received_by, t.received_at) for t in rows]
    _sign_boxes(c, x0, y, width, (("Relinquished by", ""), ("Received by", "")),
                ("Name", "Date", "Time", "Signature"), (0.34, 0.2, 0.12, 0.34), TRANSFER_ROW_H,
                [((a, b), (cc, d)) for a, b, cc, d in pairs])
    return y - 12 - TRANSFER_ROW_H * len(rows)


def remark_lines(coc: CocData) -> tuple[float, list[str]]:
    """Where the remarks box starts and the remarks in its lines: as many as they take up to
    MAX_REMARK_LINES, the last then ending in an ellipsis. The box held two lines and dropped the
    rest of a longer remark without a sign (a broken jar, a cooler found warm, said on a third line)."""
    box_x = max(20 * MM, stringWidth(word("Remarks"), FONT_BOLD, SIZE) + 3 * MM)  # "Opmerkingen" is wider
    room = PAGE_W - 2 * MARGIN - box_x - 4 * MM
    lines = simpleSplit(coc.remarks, FONT, SIZE, room)
    if len(lines) > MAX_REMARK_LINES:
        last = lines[MAX_REMARK_LINES - 1]
        while last and stringWidth(f"{last} {ELLIPSIS}", FONT, SIZE) > room:
            last = last[:-1]
        lines = [*lines[:MAX_REMARK_LINES - 1], f"{last.rstrip()} {ELLIPSIS}"]
    return box_x, lines


def closing_height(coc: CocData) -> float:
    """What :func:`closing` takes of the last page: CLOSING_H and the remarks' lines beyond two."""
    return CLOSING_H + LINE * max(0, len(remark_lines(coc)[1]) - 2)


def _sign_boxes(c: Any, x0: float, y: float, width: float, sides: Sequence[tuple[str, str]],
                heads: Sequence[str], fracs: Sequence[float], row_h: float, rows: Sequence[Any]) -> None:
    """Two halves side by side, each a row of boxes per entry: name, date (time), signature."""
    gap = 6 * MM
    half = (width - gap) / 2
    for k, (side, _prefill) in enumerate(sides):
        xx = x0 + k * (half + gap)
        text(c, xx + 2, y, word(side), 9, bold=True)
        for head, frac in zip(heads, fracs, strict=True):
            text(c, xx + 2, y - 10, word(head), 7)
            xx += half * frac
    y -= 12
    for entry in rows:
        for k in range(2):
            if len(heads) == 3:  # name, date, signature: the name may be known
                values: tuple[str, ...] = (sides[k][1], "", "")
            else:
                who, when = entry[k]
                date, _sp, time = when.partition(" ")
                values = (who, date, time, "")
            xx = x0 + k * (half + gap)
            for value, frac in zip(values, fracs, strict=True):
                c.rect(xx, y - row_h, half * frac, row_h, stroke=1, fill=0)
                if value:
                    text(c, xx + PAD, y - 12, shorten_middle(value, FONT, 9, half * frac - 8), 9)
                xx += half * frac
        y -= row_h


def footer(c: Any, coc: CocData, page: int, pages: int) -> None:
    c.setFont(FONT, 7)
    c.drawString(MARGIN, MARGIN, word("COC {coc} · {project} · made by FieldApp", coc=coc.coc_number,
                                      project=coc.project_code))
    c.drawRightString(PAGE_W - MARGIN, MARGIN, word("Page {page} of {pages}", page=page, pages=pages))
    if page < pages:
        c.drawCentredString(PAGE_W / 2, MARGIN, word("Statement, custody and signatures on page {pages}",
                                                     pages=pages))
