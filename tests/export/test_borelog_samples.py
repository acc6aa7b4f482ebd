"""The borehole log shows what the issue asks beside the layers: a bar per sample (overlapping ones side
by side), the analysis samples each is part of, the apparatus per interval, stop reason, fieldworkers,
a NAP axis, and "niet gemeten" apart from "niet aangetroffen"; read back from the rendered PDF."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import borelog_site
import pytest
from pypdf import PdfReader

from fieldapp.codelists import CodeLists
from fieldapp.export import export
from fieldapp.export.borelog.draw import sample_lanes
from fieldapp.export.borelog.layout import groundwater_text
from fieldapp.session import Session
from fieldapp.settings import Settings


@pytest.fixture(scope="module")
def log_pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    tmp = tmp_path_factory.mktemp("borelog")
    db = tmp / "field.sqlite"
    borelog_site.build(db)
    with Session.open(db, settings=Settings(user="J. de Vries"), lists=CodeLists.load()) as session:
        export(session, borelog_site.PROJECT, "borelogs", tmp / "logs")
    return tmp / "logs" / "logs.pdf"


def _text(pdf: Path) -> str:
    return " ".join(" ".join(page.extract_text() or "" for page in PdfReader(pdf).pages).split())


def _log_of(text: str, code: str) -> str:
    start = text.index(f"{code} ")
    nxt = [text.find(f" B0{n} ", start + 3) for n in range(3, 7)]
    ends = [n for n in nxt if n > start]
    return text[start:min(ends) if ends else len(text)]


def test_each_sample_has_its_bar_and_its_analysis_samples(log_pdf: Path) -> None:
    b03 = _log_of(_text(log_pdf), "B03")
    for code in ("M03-1", "M03-2", "M03-3", "M03-4", "M03-5"):
        assert code in b03
    assert "M03-1 in MM1, MM3" in b03
    assert "M03-2 in MM2" in b03 and "M03-3 in MM1" in b03 and "M03-4 in MM3" in b03
    assert "M03-5 in" not in b03  # in no analysis sample: the open bar, no membership line


def test_overlapping_samples_go_side_by_side() -> None:
    parts = [{"upper_cm": 0, "lower_cm": 50, "c": "M1"}, {"upper_cm": 30, "lower_cm": 80, "c": "M2"},
             {"upper_cm": 50, "lower_cm": 100, "c": "M3"}, {"upper_cm": 40, "lower_cm": 60, "c": "M4"},
             {"upper_cm": 140, "lower_cm": 190, "c": "M5"}]
    lanes = {p["c"]: lane for p, lane in sample_lanes(parts)}
    assert lanes == {"M1": 0, "M2": 1, "M4": 2, "M3": 0, "M5": 0}


def test_header_names_apparatus_per_interval_stop_reason_fieldworkers_and_nap(log_pdf: Path) -> None:
    text = _text(log_pdf)
    b03 = _log_of(text, "B03")
    assert "0,00–1,40 m Edelmanboor Ø 70 mm" in b03 and "1,40–3,00 m Zuigerboor Ø 63 mm" in b03
    assert "stopreden einddiepte/doel bereikt" in b03
    assert "veldwerker(s) J. de Vries, A. Bakker" in b03
    assert "maaiveld NAP +1,42 m" in b03  # Dutch: the decimal comma
    # the NAP axis: 1,42 m at the surface, -0,58 m at 2 m below it
    assert "m NAP" in b03 and "+1,42" in b03 and "-0,58" in b03
    assert "1.42" not in b03
    assert "stopreden gestuit op puin" in _log_of(text, "B04")
    assert "m NAP" not in _log_of(text, "B05"), "no surface level, no NAP axis"


def test_layer_descriptions_are_dutch_log_words(log_pdf: Path) -> None:
    b03 = _log_of(_text(log_pdf), "B03")
    assert "zand, matig fijn, zwak siltig, matig humeus, sporen wortels, zwak puinhoudend, donkerbruin" in b03
    assert "zwak schelphoudend, lichtgrijs" in b03


def test_not_measured_is_not_printed_as_not_encountered(log_pdf: Path) -> None:
    """Reported: an empty groundwater level printed "niet aangetroffen", so "not measured" read as dry."""
    text = _text(log_pdf)
    assert "grondwaterstand 1,65 m-mv" in _log_of(text, "B03")
    assert "grondwater niet aangetroffen" in _log_of(text, "B04")  # looked for, dry
    assert "grondwater niet gemeten" in _log_of(text, "B05")
    assert "aangetroffen" not in _log_of(text, "B05")
    assert groundwater_text({"groundwater_cm": None}) == "grondwater niet gemeten"


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="poppler-utils (pdftoppm) NOT INSTALLED: no PNG")
def test_the_log_renders(log_pdf: Path, tmp_path: Path) -> None:
    from PIL import Image

    subprocess.run(["pdftoppm", "-r", "60", "-png", "-f", "1", "-l", "1", str(log_pdf), str(tmp_path / "p")],
                   check=True)
    image = Image.open(next(tmp_path.glob("p*.png"))).convert("RGB")
    colours = image.getcolors(1 << 16) or []
    # the soil fills and the blue groundwater mark are drawn, not just text
    assert any(b > 150 and r < 60 for _, (r, _g, b) in colours)
    assert len(colours) > 20


def test_csv_carries_the_layer_description_with_sikb0101_ids(log_pdf: Path, tmp_path: Path) -> None:
    import csv

    db = log_pdf.parents[1] / "field.sqlite"
    with Session.open(db, settings=Settings(user="J. de Vries"), lists=CodeLists.load()) as session:
        export(session, borelog_site.PROJECT, "csv", tmp_path / "csv")
    with (tmp_path / "csv" / "layer.csv").open(encoding="utf-8", newline="") as f:
        top = next(r for r in csv.DictReader(f) if r["borehole_code"] == "B03" and r["upper_m"] in ("0.0", "0", "0.00"))
    assert (top["colour"], top["colour_sikb0101"], top["colour_shade"], top["colour_shade_sikb0101"]) == (
        "bruin", "10", "donker", "4")
    assert top["soil_sikb0101"] == "1"  # Zs1h2: Grondsoort Zs1
    assert top["sand_median_sikb0101"] == "5"  # matigFijnNEN5104
    assert top["components"] == "sporen wortels" and top["components_sikb0101"] == "170:8"
    assert top["admixtures_sikb0101"] == "16:1"  # puin, zwak
    assert top["description_nl"].startswith("zand, matig fijn, zwak siltig, matig humeus, sporen wortels")
