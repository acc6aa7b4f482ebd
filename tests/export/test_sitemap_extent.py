"""Every borehole with a position is on the site map, however far apart they lie.

The map's scales ended at 1:50000. A planned position typed 20 km off (155000 for 135000) made the
boreholes' extent larger than that scale shows, the map was centred between them and every borehole fell
outside its frame: the export wrote an empty map and said "3 boreholes".
"""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

import pypdfium2 as pdfium

from fieldapp.domain import borehole, project
from fieldapp.export import export
from fieldapp.export.sitemap import MARGIN, PAGE_H, PAGE_W, TITLE_H
from fieldapp.session import Session
from fieldapp.settings import Settings

STARTED = (datetime.now().astimezone() - timedelta(days=1)).replace(hour=9, minute=0, second=0, microsecond=0)


def test_boreholes_twenty_kilometres_apart_are_all_inside_the_frame(tmp_path: Path) -> None:
    with Session.open(tmp_path / "site.sqlite", settings=Settings(user="J. de Vries")) as s:
        pid = project.create(s, code="P-VER", name="Ver uit elkaar",
                             start_date=(STARTED - timedelta(days=3)).date().isoformat()).id
        for code, x, y in (("B01", 135_000.0, 455_000.0), ("B02", 135_040.0, 455_030.0),
                           ("B03", 155_000.0, 465_000.0)):  # B03: a typing error of 20 km
            borehole.create(s, pid, code=code, planned_x_rd=x, planned_y_rd=y, started_at=STARTED.isoformat())
        export(s, "P-VER", "map", tmp_path / "map")
    page = pdfium.PdfDocument(tmp_path / "map" / "map.pdf")[0]
    textpage = page.get_textpage()
    text = textpage.get_text_range()
    for code in ("B01", "B02", "B03"):
        start = text.find(f"{code} (gepland)")
        assert start >= 0, code
        left, bottom, _right, top = textpage.get_charbox(start)
        assert MARGIN < left < PAGE_W - MARGIN and bottom > MARGIN + TITLE_H and top < PAGE_H - MARGIN, code
    assert "schaal 1:100000" in " ".join(text.split())
