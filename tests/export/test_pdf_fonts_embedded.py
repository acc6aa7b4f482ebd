"""Every PDF FieldApp writes names only the DejaVu fonts it embeds.

A reportlab canvas starts in Helvetica: the labels, the COC form, the borehole logs and the site map
named it in every page's resources, unembedded, beside DejaVu Sans. It drew no text, but `pdffonts`
lists it as "emb no", a PDF/A or a lab's document check refuses the file for it, and a reader that
meets text in it substitutes a font without the Dutch ĳ.
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from pypdf import PdfReader

from fieldapp import demo
from fieldapp.export import export
from fieldapp.labels.coc import render_coc_pdf
from fieldapp.labels.data import CocData, CocRow, LabelData
from fieldapp.labels.layouts import load_layouts
from fieldapp.labels.pdf import render_labels_pdf
from fieldapp.session import Session
from fieldapp.settings import Settings


def _fonts(pdf: bytes) -> list[tuple[int, str, bool]]:
    """(page, font name, embedded) of every font every page names."""
    out = []
    for n, page in enumerate(PdfReader(io.BytesIO(pdf)).pages, start=1):
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            out.append((n, str(font["/BaseFont"]), "/FontFile2" in font.get("/FontDescriptor", {})))
    return out


def _assert_dejavu_only(pdf: bytes) -> None:
    fonts = _fonts(pdf)
    assert fonts and [f for f in fonts if not f[2] or "DejaVuSans" not in f[1]] == []


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("fonts") / "demo.sqlite"
    with Session.open(path, settings=Settings(user="J. de Vries")) as session:
        demo.create(session, boreholes=4, seed=2)
    return path


@pytest.mark.parametrize("kind", ["borelogs", "map"])
def test_the_logs_and_the_map(site: Path, tmp_path: Path, kind: str) -> None:
    with Session.open(site, settings=Settings(user="coordinator")) as session:
        export(session, "2026-0142", kind, tmp_path / kind)
    _assert_dejavu_only((tmp_path / kind / f"{kind}.pdf").read_bytes())


def test_a_label_sheet_and_the_coc_form() -> None:
    label = LabelData("FA-T0001", "M01-1", "2026-0142", borehole_code="B01", container_type="glas 250 ml")
    _assert_dejavu_only(render_labels_pdf(load_layouts()["brother-62x29"], [label]))
    coc = CocData("COC-1", "2026-0142", client="Gemeente Ĳsselstein",
                  rows=(CocRow(barcode="FA-T0001", sample_code="M01-1", borehole_code="B01"),))
    _assert_dejavu_only(render_coc_pdf(coc))
