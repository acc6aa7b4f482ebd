"""The field report (veldwerkrapportage) as a Dutch PDF, laid out by reportlab's platypus.

Each section is headed by what it is and, in small print under it, the BRL SIKB
2000 / SIKB 8821 requirement it answers (``resources/report/sections.json``),
so that a reader or an inspector sees why it is there. The file is written
whole (fieldapp.outputs): a failed write leaves no half report.
"""

from __future__ import annotations

import functools
import io
import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle
from reportlab.platypus.flowables import Flowable

from fieldapp import __version__
from fieldapp.domain.common import dutch_day
from fieldapp.errors import ExportError, FieldAppError
from fieldapp.export.data import staff
from fieldapp.labels.fonts import FONT, FONT_BOLD, register_fonts
from fieldapp.outputs import write_failure, write_whole
from fieldapp.report.content import FieldReport
from fieldapp.report.numbered import numbered
from fieldapp.runtime import resource_path
from fieldapp.store.database import utc_now

SECTIONS_FILE = resource_path("report", "sections.json")
INK = colors.HexColor("#1f2a33")
RULE = colors.HexColor("#9aa5ad")
SHADE = colors.HexColor("#e8edf0")
FOOT = colors.HexColor("#55606a")
SPLIT_IN_ROW = 36  # points of a row at least on either side of a page break (three lines of a cell)


@functools.cache
def sections(path: Path = SECTIONS_FILE) -> dict[str, dict[str, Any]]:
    try:
        return {str(s["id"]): s for s in json.loads(path.read_text(encoding="utf-8"))["sections"]}
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise FieldAppError(f"The report sections in {path.name} cannot be read ({exc}).",
                            hint="Reinstall FieldApp or restore resources/report.") from exc


def _styles() -> dict[str, ParagraphStyle]:
    base = ParagraphStyle("body", fontName=FONT, fontSize=9, leading=12, textColor=INK)
    return {
        "body": base,
        "small": ParagraphStyle("small", parent=base, fontSize=7.5, leading=9.5, textColor=colors.HexColor("#55606a")),
        "title": ParagraphStyle("title", parent=base, fontName=FONT_BOLD, fontSize=16, leading=20, spaceAfter=2),
        "h": ParagraphStyle("h", parent=base, fontName=FONT_BOLD, fontSize=11.5, leading=14, spaceBefore=10),
        "cell": ParagraphStyle("cell", parent=base, fontSize=8.5, leading=10.5),
        "head": ParagraphStyle("head", parent=base, fontName=FONT_BOLD, fontSize=8.5, leading=10.5),
    }


def _p(text: object, style: ParagraphStyle) -> Paragraph:
    return Paragraph(escape(str(text if text not in (None, "") else "—")), style)


def _table(rows: Sequence[Sequence[object]], widths: list[float], st: dict[str, ParagraphStyle],
           header: bool = True, split_rows: bool = False) -> Table:
    """``split_rows``: a row of text taller than what is left of a page goes on across the page break
    (the motivation of a deviation, a kilobyte of text in a narrow column, is taller than a page: it
    stopped the whole report with a LayoutError)."""
    cells = [[c if isinstance(c, Flowable) else _p(c, st["head"] if header and i == 0 else st["cell"]) for c in row]
             for i, row in enumerate(rows)]
    table = Table(cells, colWidths=widths, repeatRows=1 if header else 0, hAlign="LEFT",
                  splitInRow=SPLIT_IN_ROW if split_rows else 0)
    style = [("VALIGN", (0, 0), (-1, -1), "TOP"), ("LINEBELOW", (0, 0), (-1, -1), 0.3, RULE),
             ("FONTNAME", (0, 0), (-1, -1), FONT),  # a cell's own font (of no text here), not Helvetica
             ("LEFTPADDING", (0, 0), (-1, -1), 3), ("RIGHTPADDING", (0, 0), (-1, -1), 3)]
    if header:
        style.append(("BACKGROUND", (0, 0), (-1, 0), SHADE))
    table.setStyle(TableStyle(style))
    return table


def _heading(section: str, number: int, st: dict[str, ParagraphStyle]) -> list[Flowable]:
    s = sections()[section]
    source = str(s["requirement"]) + ("" if s.get("confirmed") else " (bron niet bevestigd)")
    return [_p(f"{number}. {s['title']}", st["h"]), _p(f"Beantwoordt: {source}", st["small"]), Spacer(1, 4)]


def statement(report: FieldReport) -> str:
    p = report.project
    certificate = p.process_certificate or "(nummer niet vastgelegd)"
    by = p.contractor or "de uitvoerende organisatie"
    return (f"Het veldwerk van project {p.code} is uitgevoerd door {by} onder procescertificaat "
            f"{certificate} voor BRL SIKB 2000 (Veldwerk bij milieuhygiënisch bodemonderzoek), volgens de "
            "daarbij horende protocollen. Afwijkingen van de protocollen staan in paragraaf 5, met hun motivatie "
            "en gevolgen.")


def _names(field_staff: str | None) -> str:
    """The project's field staff, stored as a JSON list (it was printed as '["J. de Vries", "A. Bakker"]'),
    or as a text given as such."""
    try:
        return staff({"field_staff": field_staff})
    except (ValueError, TypeError):
        return field_staff or ""


def _story(report: FieldReport) -> list[Flowable]:
    st = _styles()
    p = report.project
    width = A4[0] - 36 * mm
    story: list[Flowable] = [_p("Veldwerkrapportage", st["title"]),
                             _p(f"{p.code} · {p.name}", st["h"]), Spacer(1, 2)]
    story += _heading("project", 1, st)
    story.append(_table([
        ["Projectcode", p.code], ["Projectnaam", p.name], ["Opdrachtgever", p.client],
        ["Locatie", p.site_address], ["Onderzoek", p.standard], ["Rapportnummer", p.report_number],
        ["Uitvoerder", f"{p.contractor or '—'}" + (f" (KvK {p.contractor_kvk})" if p.contractor_kvk else "")],
        ["Procescertificaat", p.process_certificate], ["Laboratorium", p.lab],
        ["Periode veldwerk", report.period]], [45 * mm, width - 45 * mm], st, header=False))
    story += _heading("workers", 2, st)
    if report.workers:
        story.append(_table([["Naam", "Functie", "Registratienummer (Bodem+)", "Protocollen", "Geldig tot"]] +
                            [[w.name, w.role, w.registration_number, w.protocols, w.valid_until]
                             for w in report.workers],
                            [40 * mm, 33 * mm, 42 * mm, 28 * mm, width - 143 * mm], st))
    else:
        named = _names(p.field_staff) or "—"
        story.append(_p(f"Geen personeelsregister in deze database; veldwerkers volgens het project: {named}.",
                        st["body"]))
    story += _heading("days", 3, st)
    narrow = ParagraphStyle("narrow", parent=st["head"], fontSize=7.5, leading=9)
    heads = [Paragraph(h, narrow) for h in ("Datum", "Weer", "Aanwezig", "Boringen", "Peil-<br/>buizen",
                                                 "Grond-<br/>monsters", "Grond-<br/>water", "Potjes")]
    story.append(_table([heads] +
                        [[d.day, d.weather or "niet vastgelegd", ", ".join(d.present) or "niet vastgelegd",
                          d.boreholes, d.wells, d.samples, d.groundwater_samples, d.containers]
                         for d in report.days],
                        [21 * mm, 34 * mm, width - 21 * mm - 34 * mm - 5 * 17 * mm] + [17 * mm] * 5, st))
    story += _heading("collected", 4, st)
    story.append(_table([["Gegevens", "Aantal"]] + [[what, n] for what, n in report.collected],
                        [90 * mm, 25 * mm], st))
    story += _heading("deviations", 5, st)
    if report.deviations:
        story.append(_table([["Object", "Onderdeel", "Aard", "Motivatie", "Gevolgen en risico's", "Besloten"]] +
                            [[report.deviation_object(d), d.part, d.nature, d.reason, d.consequences,
                              f"{d.staff_name or '—'}, {dutch_day(d.decided_at)}"]  # UTC stored: the Dutch day
                             for d in report.deviations],
                            [25 * mm, 25 * mm, 32 * mm, 32 * mm, 32 * mm, width - 146 * mm], st,
                            split_rows=True))
    else:
        story.append(_p("Er is niet van de protocollen afgeweken.", st["body"]))
    story += _heading("statement", 6, st)
    story.append(_p(statement(report), st["body"]))
    story += _photo_section(report, 7, st, width)
    return story


def _photo_section(report: FieldReport, number: int, st: dict[str, ParagraphStyle], width: float) -> list[Flowable]:
    from fieldapp.report.photos import rows

    out = _heading("photos", number, st)
    if not report.photos:
        return [*out, _p("Er zijn geen foto's vastgelegd.", st["body"])]
    thumb = 40 * mm
    return [*out, _table(rows(report.photos, st["cell"], thumb),
                         [thumb + 6, width - thumb - 6 - 30 * mm - 36 * mm, 30 * mm, 36 * mm], st)]


def _footer(code: str) -> Any:
    made = utc_now()[:16].replace("T", " ")

    def draw(canvas: Any, doc: Any) -> None:
        canvas.saveState()
        canvas.setFont(FONT, 7)
        canvas.setFillColor(FOOT)
        canvas.drawString(18 * mm, 10 * mm, f"Veldwerkrapportage {code} · FieldApp {__version__} · {made} UTC")
        canvas.restoreState()

    return draw


def render(report: FieldReport) -> bytes:
    register_fonts()
    out = io.BytesIO()
    doc = SimpleDocTemplate(out, pagesize=A4, leftMargin=18 * mm, rightMargin=18 * mm, topMargin=16 * mm,
                            bottomMargin=18 * mm, title=f"Veldwerkrapportage {report.project.code}",
                            author="FieldApp", subject=report.project.name, lang="nl")
    footer = _footer(report.project.code)
    pages = numbered("pagina {page} van {pages}", A4[0] - 18 * mm, 10 * mm, 7, FOOT)
    doc.build(_story(report), onFirstPage=footer, onLaterPages=footer, canvasmaker=pages)
    return out.getvalue()


def write(report: FieldReport, path: Path) -> int:
    """Write the report to ``path`` whole; returns its size in bytes."""
    data = render(report)
    try:
        write_whole(path, data)
    except OSError as exc:
        text, hint = write_failure(path, exc)
        raise ExportError(text, hint=hint) from None
    return len(data)
