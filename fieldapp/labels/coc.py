"""The lab order (opdrachtformulier) with its chain of custody, as a multi-page A4 PDF.

A4 landscape, because eleven columns per container do not fit upright at a
legible size. Every page repeats the header (COC number, the lab's client and
quotation numbers, results to, turnaround, AS3000) with "page x of y" and a
QR code with the manifest part for what that page lists (see
:mod:`fieldapp.labels.manifest`), so a page that gets separated still says
what it is. Two tables follow: the analysis samples (code, matrix, package
and parameters, the jars the lab combines, sampling time), then every jar and
bottle (sampling time and the end of its holding time, preservation,
filtered). The closing block (the sampler's statement,
signatures, seal, temperature, remarks and the hand-over pairs, see
:mod:`fieldapp.labels.coc_blocks`) sits on the last page, which always
carries at least one row so the signatures stay with the list.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from reportlab.pdfbase.pdfmetrics import stringWidth

from fieldapp.errors import LabelError
from fieldapp.labels import coc_words
from fieldapp.labels.coc_blocks import (
    CLOSING_H,
    FOOTER_H,
    HEADER_H,
    LINE,
    MARGIN,
    PAD,
    PAGE_H,
    PAGE_W,
    SIZE,
    closing,
    closing_height,
    footer,
    header,
    text,
)
from fieldapp.labels.coc_words import CocLang, word
from fieldapp.labels.data import CocAnalysis, CocData, CocRow
from fieldapp.labels.fonts import FONT, FONT_BOLD, broken, register_fonts
from fieldapp.labels.layouts import MM
from fieldapp.labels.manifest import ManifestAnalysis, encode_parts
from fieldapp.labels.pdf import new_canvas, step
from fieldapp.labels.plan import ELLIPSIS
from fieldapp.progress import Cancelled, Progress

TABLE_TOP = PAGE_H - MARGIN - HEADER_H
TABLE_BOTTOM = MARGIN + FOOTER_H
HEAD_ROW_H = 14.0
TITLE_H = 16.0  # a section's title line above its column heads
GAP = 6.0  # between the two tables
SECTION_HEAD_H = TITLE_H + HEAD_ROW_H
MAX_CELL_LINES = 4
MAX_CODE_LINES = 24  # the jars of one analysis sample are never cut short
#: cells printed whole: the jars an analysis sample combines, the analyses asked of a jar (four
#: packages on a jar lost the fourth to an ellipsis, and the lab does only what it reads) and the codes
#: (a borehole or sample code of 32 wide letters, as a code may be, lost its end)
WHOLE = ("jars", "analyses", "barcode", "code", "sample_code", "borehole_code")

#: (title, field, width in mm); each table spans the page between the margins (273 mm)
ANALYSIS_COLUMNS: tuple[tuple[str, str, float], ...] = (
    ("#", "", 9),
    ("Analysis sample", "code", 30),
    ("Matrix", "matrix", 16),
    ("Analysis package", "package", 50),
    ("Parameters", "parameters", 78),
    ("Jars to combine", "jars", 58),
    ("Sampled", "sampled_at", 32),
)
COLUMNS: tuple[tuple[str, str, float], ...] = (  # each as narrow as its heading or a usual value allows
    ("#", "", 7.5),
    ("Barcode", "barcode", 34.5),
    ("Sample", "sample_code", 22),
    ("Borehole", "borehole_code", 17.5),
    ("Depth", "depth", 20.5),
    ("Sampled", "sampled_at", 28.5),
    ("Analyse by", "deadline", 28.5),  # the end of its holding time (resources/rules/holding.json)
    ("Matrix", "matrix", 13.5),
    ("Container", "container_type", 21.5),
    ("Preservation", "preservation", 24.5),
    ("Filtered", "filtered", 17.5),
    ("Analyses requested", "analyses", 37),  # "For analysis sample" when the order has them
)
SECTIONS = (("Analysis samples", ANALYSIS_COLUMNS), ("Jars and bottles", COLUMNS))


@dataclass(frozen=True, slots=True)
class _Row:
    section: int  # 0: analysis samples, 1: jars and bottles
    number: int
    code: str  # barcode or analysis sample code
    cells: tuple[tuple[str, ...], ...]  # the lines of each column
    height: float
    analysis: CocAnalysis | None = None
    analysis_codes: bool = False  # a jar row whose last column names analysis samples


def wrap(value: str, font: str, width: float, max_lines: int = MAX_CELL_LINES) -> tuple[str, ...]:
    """``value`` in lines that fit ``width``: at spaces, inside a word only when it must.

    Codes are never cut short on the form; only a cell of more than
    ``max_lines`` lines loses its end, with an ellipsis.
    """
    lines = broken(value, font, SIZE, width)
    if len(lines) > max_lines:
        last = lines[max_lines - 1]
        while last and stringWidth(last + " " + ELLIPSIS, font, SIZE) > width:
            last = last[:-1]
        lines = [*lines[: max_lines - 1], last.rstrip() + " " + ELLIPSIS]
    return tuple(lines) or ("",)


#: the matrices a sampler filters in the field (groundwater for dissolved metals, fieldapp.domain.bottle): only
#: their bottles ask "ja / nee" when it was not recorded; a soil jar's cell says it does not apply
FILTERED_MATRICES = frozenset({"GW"})


def _filtered(row: CocRow) -> str:
    if row.filtered is not None:
        return word("yes" if row.filtered else "no")
    return word("yes / no") if row.matrix in FILTERED_MATRICES else "—"


def _jar_cells(number: int, row: CocRow, into: dict[str, list[str]]) -> dict[str, str]:
    return {"": str(number), "barcode": row.barcode, "sample_code": row.sample_code,
            "borehole_code": row.borehole_code, "depth": row.depth, "sampled_at": row.sampled_at,
            "deadline": word("no holding time") if row.deadline is None else row.deadline,
            "matrix": row.matrix, "container_type": row.container_type, "preservation": row.preservation,
            "filtered": _filtered(row),
            "analyses": _analyses_cell(row, into)}


def _analyses_cell(row: CocRow, into: dict[str, list[str]]) -> str:
    """The analysis samples a jar goes into; a jar in none shows what was asked of it by free text."""
    if not into:
        return row.analyses
    if row.barcode in into:
        return ", ".join(into[row.barcode])
    return word("analyses: {analyses}", analyses=row.analyses) if row.analyses else "—"


def _analysis_cells(number: int, a: CocAnalysis) -> dict[str, str]:
    package = f"{a.package_name} ({a.package_code})" if a.package_name else a.package_code
    jars = ", ".join(a.barcodes)
    if a.elsewhere:  # the lab waits for these before it combines
        jars += "; " + word("also: {jars}", jars=", ".join(
            f"{b} ({coc or word('not shipped')})" for b, coc in a.elsewhere))
    return {"": str(number), "code": a.code, "matrix": a.matrix, "package": package,
            "parameters": a.parameters, "jars": jars, "sampled_at": a.sampled_at}


def _row(section: int, number: int, code: str, values: dict[str, str],
         analysis: CocAnalysis | None = None, analysis_codes: bool = False) -> _Row:
    bold = ("barcode", "code")
    cells = []
    for _title, name, width in SECTIONS[section][1]:
        lines = wrap(values[name], FONT_BOLD if name in bold else FONT, width * MM - 2 * PAD,
                     MAX_CODE_LINES if name in WHOLE else MAX_CELL_LINES)
        if name == "jars" and lines[-1].endswith(ELLIPSIS):
            raise LabelError("analysis samples", f"Analysis sample {code} combines {len(values[name].split(','))} "
                             "jars: more than the form can list.", hint="Split it into smaller analysis samples.")
        cells.append(lines)
    return _Row(section, number, code, tuple(cells), max(len(c) for c in cells) * LINE + PAD, analysis,
                analysis_codes)


def _prepare(coc: CocData) -> list[_Row]:
    register_fonts()
    into: dict[str, list[str]] = {}
    for a in coc.analyses:
        for barcode in a.barcodes:
            into.setdefault(barcode, []).append(a.code)
    out = [_row(0, i, a.code, _analysis_cells(i, a), a) for i, a in enumerate(coc.analyses, start=1)]
    out += [_row(1, i, r.barcode, _jar_cells(i, r, into), analysis_codes=bool(coc.analyses))
            for i, r in enumerate(coc.rows, start=1)]
    return out


def paginate(rows: Sequence[_Row], closing_h: float = CLOSING_H) -> list[list[_Row]]:
    """Rows per page, each table's heads repeated on every page it runs onto; the last page
    keeps room for the closing block and at least one row."""
    capacity = TABLE_TOP - TABLE_BOTTOM
    pages: list[list[_Row]] = [[]]
    used = 0.0
    for r in rows:
        starts_section = not pages[-1] or pages[-1][-1].section != r.section
        need = r.height + (SECTION_HEAD_H + (GAP if pages[-1] else 0.0) if starts_section else 0.0)
        if pages[-1] and used + need > capacity:
            pages.append([])
            used, need = 0.0, r.height + SECTION_HEAD_H
        pages[-1].append(r)
        used += need
    if used + closing_h > capacity:
        last = pages[-1]
        pages[-1:] = [last[:-1], last[-1:]] if len(last) > 1 else [last]
    return pages


def render_coc_pdf(coc: CocData, progress: Progress | None = None, cancelled: Cancelled | None = None,
                   lang: CocLang = "nl") -> bytes:
    """The lab order, Dutch unless ``lang`` says otherwise (it goes to a Dutch lab);
    ``progress(page, pages)`` per page, ``cancelled()`` checked before each."""
    token = coc_words.use(lang)
    try:
        return _render(coc, progress, cancelled)
    finally:
        coc_words.reset(token)


def _manifest_analysis(a: CocAnalysis) -> ManifestAnalysis:
    return ManifestAnalysis(a.code, a.package_code, a.barcodes)


def _render(coc: CocData, progress: Progress | None, cancelled: Cancelled | None) -> bytes:
    if not coc.rows:
        raise LabelError("containers", f"COC {coc.coc_number} has no containers to list.")
    listed = {r.barcode for r in coc.rows}
    for a in coc.analyses:
        absent = [b for b in a.barcodes if b not in listed]
        if absent:
            raise LabelError("analysis samples", f"Analysis sample {a.code} needs jar {absent[0]}, which is not "
                             f"in shipment {coc.coc_number}.", hint="Pack that jar into this cooler too.")
    pages = paginate(_prepare(coc), closing_height(coc))
    manifests = encode_parts(
        coc.coc_number, [[r.code for r in page if r.section == 1] for page in pages],
        [[_manifest_analysis(r.analysis) for r in page if r.analysis is not None] for page in pages])
    buf = io.BytesIO()
    c = new_canvas(buf, (PAGE_W, PAGE_H), f"{word('Laboratory order form')} {coc.coc_number}")
    for i, (page, manifest) in enumerate(zip(pages, manifests, strict=True), start=1):
        step(progress, cancelled, i - 1, len(pages))
        header(c, coc, i, len(pages), manifest)
        bottom = _tables(c, page)
        if i == len(pages):
            closing(c, coc, bottom - 6 * MM)
        footer(c, coc, i, len(pages))
        c.showPage()
    c.save()
    return buf.getvalue()


def _tables(c: Any, rows: Sequence[_Row]) -> float:
    """Draw the page's rows, a table per section; returns the y of the last table's bottom edge."""
    y: float = TABLE_TOP
    start = 0
    while start < len(rows):
        section = rows[start].section
        end = start
        while end < len(rows) and rows[end].section == section:
            end += 1
        if start:
            y -= GAP
        y = _table(c, SECTIONS[section], rows[start:end], y)
        start = end
    return y


def _table(c: Any, section: tuple[str, tuple[tuple[str, str, float], ...]], rows: Sequence[_Row],
           top: float) -> float:
    title, columns = section
    x0, width = MARGIN, PAGE_W - 2 * MARGIN
    text(c, x0, top - TITLE_H + 4, word(title), 10, bold=True)
    y = top - TITLE_H
    c.setLineWidth(0.5)
    c.setFillColorRGB(0.88, 0.88, 0.88)
    c.rect(x0, y - HEAD_ROW_H, width, HEAD_ROW_H, stroke=1, fill=1)
    c.setFillColorRGB(0, 0, 0)
    x = x0
    for head, _field, col in columns:
        if head == "Analyses requested" and any(r.analysis_codes for r in rows):
            head = "For analysis sample"
        text(c, x + PAD, y - HEAD_ROW_H + 4.5, word(head), SIZE, bold=True)
        x += col * MM
    y -= HEAD_ROW_H
    head_bottom = y
    for r in rows:
        c.rect(x0, y - r.height, width, r.height, stroke=1, fill=0)
        x = x0
        baseline = y - PAD / 2 - LINE + 2.4
        for (_title, name, col), lines in zip(columns, r.cells, strict=True):
            for k, line in enumerate(lines):
                text(c, x + PAD, baseline - k * LINE, line, bold=name in ("barcode", "code"))
            x += col * MM
        y -= r.height
    x = x0
    for _title, _field, col in columns[:-1]:
        x += col * MM
        c.line(x, head_bottom + HEAD_ROW_H, x, y)
    return float(y)
