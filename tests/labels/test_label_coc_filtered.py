"""The COC's Gefilterd column belongs to groundwater: a groundwater bottle shows what was recorded, or "ja / nee"
to circle; a soil jar is never filtered in the field, and its cell says so ("—") instead of asking. Rendered by
reportlab and read back as poppler lays the page out (pdftotext), in Dutch and in English."""

from __future__ import annotations

from pathlib import Path

import pytest
from label_helpers import pdf_pages

from fieldapp.labels.coc import render_coc_pdf
from fieldapp.labels.data import CocData, CocRow


def _row(barcode: str, matrix: str, filtered: bool | None) -> CocRow:
    return CocRow(barcode=barcode, sample_code=f"{matrix}-1", borehole_code="PB01", depth="2,00-3,00 m",
                  sampled_at="2026-12-07 10:36", matrix=matrix, container_type="fles glas 1000 ml",
                  filtered=filtered)


@pytest.mark.parametrize(("lang", "asked", "yes", "no"), [("nl", "ja / nee", "ja", "nee"),
                                                           ("en", "yes / no", "yes", "no")])
def test_only_groundwater_asks_whether_it_was_filtered(tmp_path: Path, lang: str, asked: str, yes: str,
                                                       no: str) -> None:
    rows = (_row("FA-SOIL0001", "BS", None), _row("FA-ASB00001", "ASB", None), _row("FA-GW000001", "GW", None),
            _row("FA-GW000002", "GW", True), _row("FA-GW000003", "GW", False))
    coc = CocData(coc_number="COC-0001", project_code="2026-0142", lab="SYNLAB", rows=rows)
    text = "\n".join(pdf_pages(render_coc_pdf(coc, lang=lang), tmp_path))  # type: ignore[arg-type]
    line = {r.barcode: next(x for x in text.splitlines() if r.barcode in x) for r in rows}
    for soil in ("FA-SOIL0001", "FA-ASB00001"):
        assert asked not in line[soil] and f" {no} " not in f"{line[soil]} " and "—" in line[soil], line[soil]
    assert asked in line["FA-GW000001"]
    assert f" {yes} " in f"{line['FA-GW000002']} " and asked not in line["FA-GW000002"]
    assert f" {no} " in f"{line['FA-GW000003']} " and asked not in line["FA-GW000003"]
