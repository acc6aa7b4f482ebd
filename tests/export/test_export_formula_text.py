"""A remark or description that starts like a formula is what the sampler wrote, in Excel and in the CSV.

A sampler writes "=B03, zelfde profiel", "+ puin onderin", "-0,5 m stuit", "@ hek"; a spreadsheet would
take such text for a formula and show a computed value or an error, not what was recorded. The workbook
holds each as a text cell with the exact words; the CSV holds them unchanged (a record is not altered to
suit a spreadsheet: who opens the CSV in Excel should import it as text).
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from openpyxl import load_workbook

from fieldapp.codelists import CodeLists
from fieldapp.export import export
from fieldapp.session import Session
from fieldapp.settings import Settings

PROJECT = "2026-0142"  # as in conftest.py
WRITTEN = ["=B03, zelfde profiel", "=SOM(A1:A3)", "=1+1", "+ puin onderin", "+31 6 12345678", "-0,5 m stuit",
           "-puin", "@ hek", "=HYPERLINK(\"http://x.nl\";\"klik\")", "\t=tab", "http://veld.nl/foto", "0012",
           "1e5", "TRUE", "#N/A"]


@pytest.fixture
def written(export_db: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "field.sqlite"
    copy.write_bytes(export_db.read_bytes())
    with Session.open(copy, settings=Settings(user="coordinator"), lists=CodeLists.load()) as session:
        holes = [r["id"] for r in session.store.query("SELECT id FROM borehole ORDER BY code")]
        layers = [r["id"] for r in session.store.query("SELECT id FROM layer ORDER BY id")]
        assert len(holes) >= 6 and len(layers) >= len(WRITTEN)
        with session.store.action("Remarks as the sampler wrote them") as tx:
            for n, text in enumerate(WRITTEN):
                tx.update("layer", layers[n], {"remarks": text})
            tx.update("borehole", holes[0], {"remarks": "=B03, zelfde profiel"})
        export(session, PROJECT, "xlsx", tmp_path / "x")
        export(session, PROJECT, "csv", tmp_path / "c")
    return tmp_path


def test_a_remark_like_a_formula_is_a_text_cell_of_the_words_written(written: Path) -> None:
    wb = load_workbook(written / "x" / "x.xlsx")
    ws = wb["layer"]
    column = [c.value for c in ws[1]].index("remarks")
    cells = [row[column] for row in ws.iter_rows(min_row=2)]
    for text in WRITTEN:
        found = [c for c in cells if c.value == text]
        assert found, text
        assert all(c.data_type == "s" for c in found), (text, [c.data_type for c in found])
    assert not [c for c in cells if c.data_type == "f"]
    holes = wb["borehole"]
    remark = [c.value for c in holes[1]].index("remarks")
    assert [r[remark] for r in holes.iter_rows(min_row=2, values_only=True)].count("=B03, zelfde profiel") == 1
    for sheet in wb.worksheets:  # no formula anywhere in the workbook
        assert not [c.coordinate for row in sheet.iter_rows() for c in row if c.data_type == "f"], sheet.title


def test_the_csv_keeps_the_words_unchanged(written: Path) -> None:
    with (written / "c" / "layer.csv").open(encoding="utf-8", newline="") as f:
        remarks = [row["remarks"] for row in csv.DictReader(f)]
    for text in WRITTEN:
        assert text in remarks, text  # not prefixed with a quote or a space: the record as it is
