"""The well on the borehole log: pipe, filter, gravel and seal drawn at their depths beside the layers,
read back from the rendered page's pixels, and named with their depths in the log's header."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
import well_site
from pypdf import PdfReader

from fieldapp.codelists import CodeLists
from fieldapp.export import export
from fieldapp.export.borelog.well import GRAVEL, SEAL, WELL_W
from fieldapp.session import Session
from fieldapp.settings import Settings

DPI = 100


@pytest.fixture(scope="module")
def log_pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    tmp = tmp_path_factory.mktemp("wellog")
    db = tmp / "field.sqlite"
    well_site.build(db)
    with Session.open(db, settings=Settings(user="J. de Vries"), lists=CodeLists.load()) as session:
        export(session, well_site.PROJECT, "borelogs", tmp / "logs")
    return tmp / "logs" / "logs.pdf"


def test_header_names_filter_gravel_and_seal_with_their_depths(log_pdf: Path) -> None:
    text = " ".join((PdfReader(log_pdf).pages[0].extract_text() or "").split())
    assert "peilbuis: filter 2,00–3,00 m-mv, PVC Ø 25 mm" in text
    assert "omstorting 1,80–3,20 m" in text and "afdichting 1,30–1,80 m" in text and "straatpot" in text
    assert "omstorting (filtergrind)" in text and "bentonietafdichting" in text  # the legend


def _near(rgb: tuple[int, int, int], want: tuple[float, float, float]) -> bool:
    return all(abs(a - b * 255) < 18 for a, b in zip(rgb, want, strict=True))


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="poppler-utils (pdftoppm) NOT INSTALLED: no PNG")
def test_pipe_filter_gravel_and_seal_are_drawn_at_their_depths(log_pdf: Path, tmp_path: Path) -> None:
    from PIL import Image

    from fieldapp.export.borelog.draw import COL_X, SAMPLE_X
    from fieldapp.export.borelog.layout import LOG_HEAD, MARGIN, PAGE_H, PT_PER_CM, SLOT_TOP
    from fieldapp.export.borelog.patterns import TILE

    subprocess.run(["pdftoppm", "-r", str(DPI), "-png", "-f", "1", "-l", "1", str(log_pdf), str(tmp_path / "p")],
                   check=True)
    image = Image.open(next(tmp_path.glob("p*.png"))).convert("RGB")
    px = DPI / 72
    # the surface: the soil column's top edge, found under PB01's header (the first log; the header's
    # height depends on its lines), so the well is measured against the drawn soil column
    col_x = round((MARGIN + COL_X + TILE / 2) * px)
    y_px = round((PAGE_H - SLOT_TOP + LOG_HEAD) * px)
    while sum(image.getpixel((col_x, y_px))[:3]) > 200:  # type: ignore[index]
        y_px += 1
    top = PAGE_H - y_px / px
    x = MARGIN + SAMPLE_X + 2.0  # the well column's annulus, left of the pipe

    def patch(depth_cm: float, at: float = x) -> list[tuple[int, tuple[int, int, int]]]:
        y = top - depth_cm * PT_PER_CM
        cx, cy = round(at * px), round((PAGE_H - y) * px)
        return image.crop((cx - 2, cy - 2, cx + 3, cy + 3)).getcolors(25) or []  # type: ignore[return-value]

    def pixel(depth_cm: int) -> tuple[int, int, int]:
        """The commonest colour around the point: the fill, not a dot or hatch line of it."""
        _count, colour = max(patch(depth_cm))
        return colour[0], colour[1], colour[2]

    def slotted(depth_cm: float) -> bool:
        """A dark slot line in the pipe's middle (the blind pipe is white inside)."""
        return any(sum(c) < 250 for _n, c in patch(depth_cm, MARGIN + SAMPLE_X + WELL_W / 2))

    assert _near(pixel(155), SEAL), "bentonite seal at 1.30-1.80 m"
    assert _near(pixel(250), GRAVEL), "filter gravel at 1.80-3.20 m"
    assert _near(pixel(310), GRAVEL), "the gravel runs on below the filter"
    assert not _near(pixel(100), SEAL) and not _near(pixel(100), GRAVEL), "backfill above the seal"
    assert not _near(pixel(330), GRAVEL), "nothing below the gravel"
    assert all(slotted(d) for d in (215, 250, 285)), "the slotted filter at 2.00-3.00 m"
    assert not any(slotted(d) for d in (50, 150, 190)), "blind pipe above the filter"
    assert _near(max(patch(310, MARGIN + SAMPLE_X + WELL_W / 2))[1], GRAVEL), "no pipe below its bottom cap"
