"""Groundwater bottles on their labels and on the lab order (issue 13): the preservation and
whether the water was filtered, read back from the rendered PDFs; the groundwater analysis
samples of the demo on the lab order of the first cooler."""

from __future__ import annotations

from pathlib import Path

from pypdf import PdfReader

from fieldapp import demo
from fieldapp.codelists import CodeLists
from fieldapp.labels.coc import render_coc_pdf
from fieldapp.labels.from_store import project_labels, shipment_coc
from fieldapp.labels.layouts import get_layout
from fieldapp.labels.pdf import render_labels_pdf
from fieldapp.session import Session
from fieldapp.settings import Settings


def _text(pdf: bytes, folder: Path, name: str) -> str:
    path = folder / name
    path.write_bytes(pdf)
    return "\n".join(page.extract_text() for page in PdfReader(path).pages)


def test_bottles_show_preservation_and_filtering(tmp_path: Path) -> None:
    with Session.open(tmp_path / "demo.sqlite", settings=Settings(user="J. de Vries")) as s:
        summary = demo.create(s, boreholes=4, seed=3)
        metals = [r["barcode"] for r in s.store.query(
            "SELECT c.barcode FROM container c JOIN sample m ON m.id = c.sample_id WHERE m.code = 'GW01' "
            "ORDER BY c.analysis_package")]
        labels = dict(project_labels(s.store, summary.project_code, metals)).values()
        treatments = sorted(label.treatment for label in labels)
        assert treatments == ["HNO3 gefiltreerd", "ongefiltreerd", "ongefiltreerd", "ongefiltreerd"]
        text = _text(render_labels_pdf(get_layout("brother-62x29"), list(labels)), tmp_path, "labels.pdf")
        assert "HNO3 gefiltreerd" in text and "ongefiltreerd" in text
        coc = shipment_coc(s.store, "COC-0001", lists=CodeLists.load())
        gw = [r for r in coc.rows if r.sample_code == "GW01"]
        assert sorted((r.preservation, r.filtered) for r in gw) == [
            ("", False), ("", False), ("", False), ("HNO3", True)]
        assert [a.code for a in coc.analyses if a.code.startswith("MM-GW")] == ["MM-GW01", "MM-GW02", "MM-GW03"]
        order = _text(render_coc_pdf(coc), tmp_path, "order.pdf")
        assert "MM-GW01" in order and "HNO3" in order
