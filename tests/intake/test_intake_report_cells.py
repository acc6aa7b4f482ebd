"""The receipt report's cells as the lab reads them on paper: a package code whole on its line, never broken
inside ("NEN5740_GRONDW / ATER"), and the date with the time each jar was scanned. Rendered by reportlab and
read back from the PDF; the receipt is a real one on a real SQLite file, received against the COC form's
manifest (a lab without the hub), whose lab order names a groundwater package."""

from __future__ import annotations

import io
from datetime import datetime

from pypdf import PdfReader

from fieldapp.intake import closing
from fieldapp.intake.receipt import open_manifest
from fieldapp.intake.report import render_receipt_pdf
from fieldapp.labels.manifest import ManifestAnalysis, combine, decode_part, encode_parts
from fieldapp.session import Session


def _lines(pdf: bytes) -> list[str]:
    return [line.strip() for page in PdfReader(io.BytesIO(pdf)).pages for line in page.extract_text().splitlines()]


def test_the_longest_package_code_is_whole_and_each_jar_has_its_scan_date(session: Session) -> None:
    codes = [f"FA-PB01-{i:04d}" for i in range(1, 5)]
    order = [ManifestAnalysis("MM-GW01", "NEN5740_GRONDWATER", tuple(codes[:3]))]
    form = encode_parts("COC-0001", [codes], [order])
    receipt = open_manifest(session, combine([decode_part(part) for part in form]))
    assert [a.package_code for a in receipt.analyses] == ["NEN5740_GRONDWATER"]
    for code in codes:
        assert receipt.scan(code).outcome.value == "received"
    receipt.header.readings = [4.0]
    for lang in ("nl", "en"):
        lines = _lines(render_receipt_pdf(receipt, closing.ready(receipt), lang=lang))
        assert any("NEN5740_GRONDWATER" in line for line in lines), [ln for ln in lines if "NEN5740" in ln]
        for code in codes:
            # its row of the last table, cell by cell: barcode, sample, scanned, state
            at = max(i for i, line in enumerate(lines) if line == code)
            scanned = datetime.fromisoformat(receipt.received[code]).astimezone()
            assert scanned.strftime("%Y-%m-%d %H:%M:%S") in lines[at:at + 4], lines[at:at + 4]


def test_every_shipped_package_code_fits_the_package_column() -> None:
    from reportlab.lib.units import mm
    from reportlab.pdfbase.pdfmetrics import stringWidth

    from fieldapp.domain import analysis_package
    from fieldapp.intake.report import COLUMNS
    from fieldapp.labels.fonts import FONT, register_fonts

    register_fonts()
    width = dict(COLUMNS["analyses"])["Package"] * mm - 12  # 6 pt padding either side
    assert [p.code for p in analysis_package.load() if stringWidth(p.code, FONT, 9) > width] == []
