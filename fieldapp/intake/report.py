"""The receipt report (PDF): what arrived, in what state, what deviated, who was consulted.

One A4 document per cooler that the lab files with the COC. It is drawn from
the receipt itself, so the report and the custody record say the same thing;
ISO/IEC 17025 7.4.3 asks for exactly this: deviations recorded, and the
customer's instructions when an item's suitability was in doubt.

Dutch by default, the language of the lab it is filed at (``lang="en"`` for a lab abroad): its words
and the deviations' details are rows of resources/messages/intake.json (:mod:`fieldapp.error_text`),
numbers take the decimal comma in Dutch. A desk's language setting does not change it.
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable
from datetime import datetime
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle
from reportlab.platypus.doctemplate import LayoutError

from fieldapp.domain.depth import DecimalText
from fieldapp.error_text import said, word
from fieldapp.errors import ExportError
from fieldapp.intake.closing import Deviation, reconcile
from fieldapp.intake.receipt import Receipt
from fieldapp.labels.fonts import FONT, FONT_BOLD, register_fonts
from fieldapp.report.numbered import numbered
from fieldapp.rules import Lang

#: what Windows or Linux refuses in a file name, and control characters
_UNSAFE = re.compile(r'[\x00-\x1f<>:"/\\|?*]')
#: the deviations whose subject is a word (the others name a barcode or an analysis sample)
_SUBJECT_WORDS = ("temperature", "seal", "manifest", "hand-over")
#: each table's columns, heading and width in mm (170 mm of A4 between the margins); a heading or a word
#: of a column wraps between words, never inside one, in either language (tests/intake)
COLUMNS: dict[str, tuple[tuple[str, float], ...]] = {
    "facts": (("", 40), ("", 130)),  # label, value: no heading row
    "counts": (("Expected", 22), ("Received", 23), ("Missing", 22), ("Unexpected", 24), ("Damaged", 24),
               ("Out of holding time", 29), ("Duplicate scans", 26)),
    "deviations": (("Subject", 38), ("Deviation", 32), ("Detail", 100)),
    # the package column holds the longest shipped package code whole (NEN5740_GRONDWATER, 40 mm at 9 pt)
    "analyses": (("Analysis sample", 30), ("Package", 46), ("Jars to combine", 54), ("State", 40)),
    # a receipt can span midnight or be closed days after a first scan: the scan's date with its time
    "containers": (("Barcode", 42), ("Sample", 42), ("Scanned", 40), ("State", 46)),
}


def _styles() -> tuple[ParagraphStyle, ParagraphStyle, ParagraphStyle]:
    body = ParagraphStyle("body", fontName=FONT, fontSize=9, leading=11.5)
    head = ParagraphStyle("head", fontName=FONT_BOLD, fontSize=11, leading=14, spaceBefore=6, spaceAfter=3)
    title = ParagraphStyle("title", fontName=FONT_BOLD, fontSize=15, leading=19, spaceAfter=4)
    return body, head, title


def _when(stamp: str, spec: str = "%Y-%m-%d %H:%M") -> str:
    try:
        return datetime.fromisoformat(stamp).astimezone().strftime(spec)
    except ValueError:
        return stamp


def _table(rows: list[list[str]], columns: str, body: ParagraphStyle, header: bool = True) -> Table:
    cells = [[Paragraph(escape(c), body) for c in row] for row in rows]
    # a cell may be longer than a page (remarks pasted from an e-mail): its row splits across pages
    table = Table(cells, colWidths=[width * mm for _head, width in COLUMNS[columns]], repeatRows=1 if header else 0,
                  splitInRow=1)
    style = [("GRID", (0, 0), (-1, -1), 0.4, colors.grey), ("VALIGN", (0, 0), (-1, -1), "TOP"),
             ("FONTNAME", (0, 0), (-1, -1), FONT)]  # a cell's own font (of no text here), not Helvetica
    if header:
        style.append(("BACKGROUND", (0, 0), (-1, 0), colors.Color(0.88, 0.88, 0.88)))
    table.setStyle(TableStyle(style))
    return table


def _number(value: float, spec: str, lang: Lang) -> str:
    return DecimalText(format(value, spec)).said(lang)


def _temperature(receipt: Receipt, lang: Lang) -> str:
    h, rules = receipt.header, receipt.rules
    mean = h.mean_temperature
    if mean is None:
        return word("not measured", lang)
    # Dutch readings are separated by semicolons: a comma is their decimal sign
    readings = ("; " if lang == "nl" else ", ").join(_number(r, ".1f", lang) for r in h.readings)
    text = word("{mean} °C, mean of {readings}; lab accepts {lo}-{hi} °C", lang).format(
        mean=_number(mean, ".1f", lang), readings=readings, lo=_number(rules.temperature_min, "g", lang),
        hi=_number(rules.temperature_max, "g", lang))
    return word("{text} — OUT OF RANGE", lang).format(text=text) if h.temperature_flag(rules) else text


def _deviation(d: Deviation, lang: Lang) -> list[str]:
    """A deviation's row; in English its detail as the core wrote it (the custody record's words)."""
    subject = word(d.subject, lang) if d.subject in _SUBJECT_WORDS else d.subject
    return [subject, word(d.kind, lang), said(d.detail, lang) if lang == "nl" else d.detail]


def render_receipt_pdf(receipt: Receipt, found: list[Deviation], lang: Lang = "nl") -> bytes:
    """The report of a closed receipt, in Dutch unless ``lang`` says otherwise."""
    register_fonts()
    body, head, title = _styles()
    h = receipt.header

    def w(text: str, /, **values: str) -> str:
        return word(text, lang).format(**values) if values else word(text, lang)

    rec = reconcile(receipt)
    coc_seal = receipt.shipment.seal_number if receipt.shipment else None
    seal = f"{h.seal_number or w('(no number)')}, {w(h.seal_state)}"
    received_at = _when(h.received_at)
    facts = [
        [w("COC number"), receipt.coc_number],
        [w("Laboratory"), receipt.lab or w("(from the COC manifest)")],
        [w("Received by"), h.received_by],
        [w("Received at"), w("{when} (set by hand: {why})", when=received_at, why=h.time_reason) if h.time_reason
         else received_at],
        [w("Cooler temperature"), _temperature(receipt, lang)],
        [w("Seal"), w("{text}; COC says {seal}", text=seal, seal=coc_seal) if coc_seal else seal],
        [w("Remarks"), h.remarks or "-"],
    ]
    counts = [[w(head) for head, _width in COLUMNS["counts"]],
              [str(rec.expected), str(rec.received), str(len(rec.missing)), str(len(rec.unexpected)),
               str(len(rec.damaged)), str(len(rec.late)), str(rec.duplicates)]]
    coc = (w("COC {coc} — received from the COC manifest; not yet in the lab's database", coc=receipt.coc_number)
           if receipt.offline else f"COC {receipt.coc_number}")
    story = [
        Paragraph(escape(w("Sample receipt report")), title),
        Paragraph(escape(coc), body),
        Spacer(1, 4 * mm),
        _table(facts, "facts", body, header=False),
        Paragraph(escape(w("Reconciliation")), head),
        _table(counts, "counts", body),
        Paragraph(escape(w("Deviations found on receipt (ISO/IEC 17025 7.4.3)")), head),
    ]
    if found:
        story.append(_table([[w(head) for head, _width in COLUMNS["deviations"]],
                             *[_deviation(d, lang) for d in found]], "deviations", body))
    else:
        story.append(Paragraph(escape(w("None.")), body))
    if receipt.analyses:  # the lab order read off the COC: what each analysis sample is made of
        story.append(Paragraph(escape(w("Analysis samples on the lab order")), head))
        short = dict(receipt.incomplete())
        story.append(_table([[w(head) for head, _width in COLUMNS["analyses"]],
                             *[[a.code, a.package_code, ", ".join(a.barcodes),
                                w("incomplete: {jars} not received", jars=", ".join(short[a])) if a in short
                                else w("complete")] for a in receipt.analyses]],
                            "analyses", body))
    story += [Paragraph(escape(w("Customer consulted")), head),
              Paragraph(escape(h.consulted or w("not needed")), body),
              Paragraph(escape(w("Containers received")), head)]
    rows = [[w(head) for head, _width in COLUMNS["containers"]]]
    for code, item in receipt.expected.items():
        if code in receipt.received:
            state = "damaged" if code in receipt.damaged else ("out of holding time" if code in receipt.late
                                                                else "received")
            rows.append([code, item.sample_code or "-", _when(receipt.received[code], "%Y-%m-%d %H:%M:%S"),
                         w(state)])
    story.append(_table(rows, "containers", body) if len(rows) > 1
                 else Paragraph(escape(w("None.")), body))
    buf = io.BytesIO()
    doc = SimpleDocTemplate(buf, pagesize=A4, leftMargin=20 * mm, rightMargin=20 * mm, topMargin=18 * mm,
                            bottomMargin=18 * mm, title=w("Receipt {coc}", coc=receipt.coc_number),
                            creator="FieldApp", invariant=1)
    footer = _footer(w("Receipt of COC {coc} · made by FieldApp", coc=receipt.coc_number))
    pages = numbered(w("Page {page} of {pages}"), A4[0] - 20 * mm, 10 * mm)  # the end of the report is seen
    try:
        doc.build(story, onFirstPage=footer, onLaterPages=footer, canvasmaker=pages)
    except LayoutError:  # a text no page can hold even split: the receipt stays open, said as such
        raise ExportError(f"The receipt report of COC {receipt.coc_number} cannot be laid out.",
                          hint="Shorten the longest text of the receipt (remarks, who was consulted), then close "
                               "it again.") from None
    return buf.getvalue()


def file_name(coc_number: str) -> str:
    """The report's file name: the COC number with what no file system takes (a '/' would be a folder)
    replaced by ``_``."""
    safe = _UNSAFE.sub("_", coc_number).strip(" .") or "_"
    return f"{safe}-receipt.pdf"


def _footer(line: str) -> Callable[[Any, Any], None]:
    def draw(canvas: Any, doc: Any) -> None:
        canvas.setFont(FONT, 7)
        canvas.drawString(20 * mm, 10 * mm, line)

    return draw
