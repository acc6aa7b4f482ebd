"""The receipt report (PDF): what arrived, in what state, what deviated, who was consulted.

One A4 document per cooler that the lab files with the COC. It is drawn from
the receipt itself, so the report and the custody record say the same thing;
ISO/IEC 17025 7.4.3 asks for exactly this: deviations recorded, and the
customer's instructions when an item's suitability was in doubt.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from datetime import datetime
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from fieldapp.intake.closing import Deviation, reconcile
from fieldapp.intake.receipt import Receipt, clock
from fieldapp.labels.fonts import FONT, FONT_BOLD, register_fonts


def _styles() -> tuple[ParagraphStyle, ParagraphStyle, ParagraphStyle]:
    body = ParagraphStyle("body", fontName=FONT, fontSize=9, leading=11.5)
    head = ParagraphStyle("head", fontName=FONT_BOLD, fontSize=11, leading=14, spaceBefore=6, spaceAfter=3)
    title = ParagraphStyle("title", fontName=FONT_BOLD, fontSize=15, leading=19, spaceAfter=4)
    return body, head, title


def _when(stamp: str) -> str:
    try:
        return datetime.fromisoformat(stamp).astimezone().strftime("%Y-%m-%d %H:%M")
    except ValueError:
        return stamp


def _table(rows: list[list[str]], widths: list[float], body: ParagraphStyle, header: bool = True) -> Table:
    cells = [[Paragraph(escape(c), body) for c in row] for row in rows]
    table = Table(cells, colWidths=widths, repeatRows=1 if header else 0)
    style = [("GRID", (0, 0), (-1, -1), 0.4, colors.grey), ("VALIGN", (0, 0), (-1, -1), "TOP")]
    if header:
        style.append(("BACKGROUND", (0, 0), (-1, 0), colors.Color(0.88, 0.88, 0.88)))
    table.setStyle(TableStyle(style))
    return table


def render_receipt_pdf(receipt: Receipt, found: list[Deviation]) -> bytes:
    register_fonts()
    body, head, title = _styles()
    h = receipt.header
    rec = reconcile(receipt)
    mean = h.mean_temperature
    temp = "not measured" if mean is None else (
        f"{mean:.1f} °C, mean of {', '.join(f'{r:.1f}' for r in h.readings)}; lab accepts "
        f"{receipt.rules.temperature_min:g}-{receipt.rules.temperature_max:g} °C"
        + (" — OUT OF RANGE" if h.temperature_flag(receipt.rules) else ""))
    coc_seal = receipt.shipment.seal_number if receipt.shipment else None
    facts = [
        ["COC number", receipt.coc_number],
        ["Laboratory", receipt.lab or "(from the COC manifest)"],
        ["Received by", h.received_by],
        ["Received at", _when(h.received_at) + (f" (set by hand: {h.time_reason})" if h.time_reason else "")],
        ["Cooler temperature", temp],
        ["Seal", f"{h.seal_number or '(no number)'}, {h.seal_state}"
                 + (f"; COC says {coc_seal}" if coc_seal else "")],
        ["Remarks", h.remarks or "-"],
    ]
    counts = [["Expected", "Received", "Missing", "Unexpected", "Damaged", "Out of holding time", "Duplicate scans"],
              [str(rec.expected), str(rec.received), str(len(rec.missing)), str(len(rec.unexpected)),
               str(len(rec.damaged)), str(len(rec.late)), str(rec.duplicates)]]
    story = [
        Paragraph("Sample receipt report", title),
        Paragraph(escape(f"COC {receipt.coc_number}" + (" — received from the COC manifest; not yet in the "
                                                          "lab's database" if receipt.offline else "")), body),
        Spacer(1, 4 * mm),
        _table(facts, [40 * mm, 130 * mm], body, header=False),
        Paragraph("Reconciliation", head),
        _table(counts, [24 * mm] * 7, body),
        Paragraph("Deviations found on receipt (ISO/IEC 17025 7.4.3)", head),
    ]
    if found:
        story.append(_table([["Subject", "Deviation", "Detail"],
                             *[[d.subject, d.kind, d.detail] for d in found]], [42 * mm, 28 * mm, 100 * mm], body))
    else:
        story.append(Paragraph("None.", body))
    if receipt.analyses:  # the lab order read off the COC: what each analysis sample is made of
        story.append(Paragraph("Analysis samples on the lab order", head))
        short = dict(receipt.incomplete())
        story.append(_table([["Analysis sample", "Package", "Jars to combine", "State"],
                             *[[a.code, a.package_code, ", ".join(a.barcodes),
                                ("incomplete: " + ", ".join(short[a]) + " not received") if a in short
                                else "complete"] for a in receipt.analyses]],
                            [30 * mm, 36 * mm, 64 * mm, 40 * mm], body))
    story += [Paragraph("Customer consulted", head), Paragraph(escape(h.consulted or "not needed"), body),
              Paragraph("Containers received", head)]
    rows = [["Barcode", "Sample", "Scanned", "State"]]
    for code, item in receipt.expected.items():
        if code in receipt.received:
            state = "damaged" if code in receipt.damaged else ("out of holding time" if code in receipt.late
                                                                else "received")
            rows.append([code, item.sample_code or "-", clock(receipt.received[code]), state])
    story.append(_table(rows, [48 * mm, 48 * mm, 28 * mm, 46 * mm], body) if len(rows) > 1
                 else Paragraph("None.", body))
    buf = io.BytesIO()
    doc = SimpleDocTemplate(buf, pagesize=A4, leftMargin=20 * mm, rightMargin=20 * mm, topMargin=18 * mm,
                            bottomMargin=18 * mm, title=f"Receipt {receipt.coc_number}", creator="FieldApp",
                            invariant=1)
    doc.build(story, onFirstPage=_footer(receipt), onLaterPages=_footer(receipt))
    return buf.getvalue()


def _footer(receipt: Receipt) -> Callable[[Any, Any], None]:
    def draw(canvas: Any, doc: Any) -> None:
        canvas.setFont(FONT, 7)
        canvas.drawString(20 * mm, 10 * mm, f"Receipt of COC {receipt.coc_number} · made by FieldApp")
        canvas.drawRightString(A4[0] - 20 * mm, 10 * mm, f"Page {doc.page}")

    return draw
