"""A character the embedded font lacks (an emoji in a remark) is printed as its Unicode name in brackets.

DejaVu Sans has no emoji. A remark "stuk glas 🔥 gevonden" printed as "stuk glas ▯" on the borehole log:
an empty box, and the PDF's text lost the character and the words after it on that line, so the log no
longer said what the sampler wrote. Now the log and the field report print "stuk glas [FIRE] gevonden",
measured as drawn (the words still fit their column), and letters the font has (ĳ, ✓, ☺) stay as they are.
"""

from __future__ import annotations

import io
from pathlib import Path

import pypdfium2 as pdfium
from pypdf import PdfReader
from reportlab.pdfbase.pdfmetrics import getFont, stringWidth

from fieldapp.domain import borehole, layer, project
from fieldapp.export import export
from fieldapp.labels.fonts import FONT, broken, register_fonts
from fieldapp.report import write_report
from fieldapp.session import Session
from fieldapp.settings import Settings

REMARK = "stuk glas 🔥 gevonden ✓ ☺ ĳzer 𝛼"
SHOWN = "stuk glas [FIRE] gevonden ✓ ☺ ĳzer [MATHEMATICAL ITALIC SMALL ALPHA]"


def _site(path: Path) -> None:
    with Session.open(path, settings=Settings(user="J. de Vries")) as s:
        pid = project.create(s, code="P-EMO", name="Hekwerk 🚧 Vlissingen", start_date="2026-01-01").id
        hole = borehole.create(s, pid, code="B01", started_at="2026-02-02T10:00:00+01:00")
        layer.add(s, hole.id, upper="0", lower="1", soil="Zs1", colour="grijs", remarks=REMARK)


def _flat(text: str) -> str:
    return " ".join(text.split())


def test_the_log_and_the_report_print_the_characters_name(tmp_path: Path) -> None:
    _site(tmp_path / "site.sqlite")
    with Session.open(tmp_path / "site.sqlite", settings=Settings(user="coordinator")) as session:
        export(session, "P-EMO", "borelogs", tmp_path / "logs")
    doc = pdfium.PdfDocument(tmp_path / "logs" / "logs.pdf")
    log = _flat(" ".join(doc[n].get_textpage().get_text_range() for n in range(len(doc))))
    assert SHOWN in log and "Hekwerk [CONSTRUCTION SIGN] Vlissingen" in log
    assert "🔥" not in log and "\ufffd" not in log
    write_report(tmp_path / "site.sqlite", "P-EMO", tmp_path / "report.pdf")
    report = _flat(" ".join(p.extract_text() for p in PdfReader(io.BytesIO((tmp_path / "report.pdf").read_bytes()))
                            .pages))
    assert "P-EMO · Hekwerk [CONSTRUCTION SIGN] Vlissingen" in report


def test_a_name_is_measured_as_drawn_so_lines_fit() -> None:
    register_fonts()
    font = getFont(FONT)
    assert font.printable("ĳzer ✓ – €\xa0m") == "ĳzer ✓ – €\xa0m"  # the font has these: unchanged
    assert font.printable("👍🏽 ❤️") == "[THUMBS UP SIGN][EMOJI MODIFIER FITZPATRICK TYPE-4] ❤️"
    assert stringWidth("🔥", FONT, 8) == stringWidth("[FIRE]", FONT, 8)
    lines = broken(f"{REMARK} {REMARK}", FONT, 8, 90)
    assert all(stringWidth(line, FONT, 8) <= 90 for line in lines)
    assert "".join(lines).replace(" ", "") == f"{SHOWN}{SHOWN}".replace(" ", "")  # nothing lost
