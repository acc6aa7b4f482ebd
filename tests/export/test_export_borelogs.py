"""Borehole logs: every layer's code and depths are in the PDF's text; long logs run over pages."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from pypdf import PdfReader

from fieldapp.domain.depth import in_metres
from fieldapp.export import export
from fieldapp.session import Session

PROJECT = "2026-0142"  # as in conftest.py


def _text(path: Path) -> list[str]:
    return [page.extract_text() or "" for page in PdfReader(path).pages]


def test_every_layer_code_and_depth_is_in_the_logs(export_session: Session, tmp_path: Path) -> None:
    result = export(export_session, PROJECT, "borelogs", tmp_path / "logs")
    out = tmp_path / "logs" / "logs.pdf"
    pages = _text(out)
    assert result.pages == len(pages)
    text = "\n".join(pages)
    layers = export_session.store.query(
        "SELECT b.code, l.upper_cm, l.lower_cm, l.soil_code FROM layer l JOIN borehole b ON b.id = l.borehole_id")
    for row in layers:
        line = f"{in_metres(row['upper_cm'], 'nl')}–{in_metres(row['lower_cm'], 'nl')} m {row['soil_code']}"
        assert line in " ".join(text.split()), (row, line)
    for code in ("B12L", "M12L-1", "M12L-2", "M25M-1", "grondwaterstand 1,35 m-mv", "klasse DGPS50tot200cm"):
        assert code in text
    assert "Legenda" in pages[0] and "blad 1 van" in pages[0]
    # a log goes to a Dutch lab or authority: every number with the decimal comma, none with a point
    assert re.search(r"RD x \d{6},\d\d y \d{6},\d\d m", " ".join(text.split()))
    assert not re.search(r"\d\.\d", text.replace("NEN 5104", "")), re.findall(r".{20}\d\.\d.{10}", text)[:5]


def test_a_25_m_log_continues_on_the_next_page(export_session: Session, tmp_path: Path) -> None:
    export(export_session, PROJECT, "borelogs", tmp_path / "logs")
    out = tmp_path / "logs" / "logs.pdf"
    with_deep = [n for n, page in enumerate(_text(out)) if "B25M" in page]
    assert len(with_deep) >= 2 and with_deep == list(range(with_deep[0], with_deep[-1] + 1))
    assert "deel 1/" in _text(out)[with_deep[0]]


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="poppler-utils (pdftoppm) NOT INSTALLED: no PNG")
def test_site_map_pdf_and_png(export_session: Session, tmp_path: Path) -> None:
    result = export(export_session, PROJECT, "map", tmp_path / "map")
    out = tmp_path / "map" / "map.pdf"
    assert [p.name for p in result.files] == ["map.pdf", "map.png", "MANIFEST.sha256"]
    text = _text(out)[0]
    for code in ("B01", "B12L", "B25M", "schaal 1:", "RD New"):
        assert code in text
    check = subprocess.run(["sha256sum", "-c", "MANIFEST.sha256"], cwd=tmp_path / "map", capture_output=True, text=True)
    assert check.returncode == 0, check.stdout
