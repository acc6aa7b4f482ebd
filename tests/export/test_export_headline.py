"""The head of the borehole logs and of the site map with a project's real-length name, client and address.

The map's title ran into its legend from a name of about fifty characters (the demo's forty-one just
fitted), and its client line over the scale bar; on the logs a long name ran over "blad 1 van 1" and
off the page. The line is set smaller and then shortened in the middle; the project code stays whole.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from test_borelog_overlap import _collisions

from fieldapp.domain import borehole, layer, project
from fieldapp.export import export
from fieldapp.session import Session
from fieldapp.settings import Settings

NAME = "Verkennend en nader bodemonderzoek voormalige gasfabriek en stadsreiniging Croeselaan 12-14, Utrecht"
CLIENT = "Gemeente Utrecht, Stadsontwikkeling, afdeling Vastgoed en Grondzaken, team Bodem en Ondergrond"
ADDRESS = "Croeselaan 12-14 en Jaarbeursplein 1-3, 3521 BJ Utrecht (kadastraal Utrecht C 1234 en C 1235)"
STARTED = (datetime.now().astimezone() - timedelta(days=1)).replace(hour=9, minute=0, second=0, microsecond=0)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("headline") / "site.sqlite"
    with Session.open(path, settings=Settings(user="J. de Vries")) as s:
        pid = project.create(s, code="2026-0142", name=NAME, client=CLIENT, site_address=ADDRESS,
                             start_date=(STARTED - timedelta(days=3)).date().isoformat()).id
        for n in range(3):
            hole = borehole.create(s, pid, code=f"B0{n + 1}", planned_x_rd=135_900.0 + 15 * n,
                                   planned_y_rd=455_300.0 + 10 * n, started_at=STARTED.isoformat())
            layer.add(s, hole.id, upper="0", lower="1.2", soil="Zs1", colour="bruin")
    return path


@pytest.mark.parametrize("kind", ["borelogs", "map"])
def test_the_head_stays_on_the_page_and_off_the_legend(site: Path, tmp_path: Path, kind: str) -> None:
    with Session.open(site, settings=Settings(user="coordinator")) as session:
        export(session, "2026-0142", kind, tmp_path / kind)
    pdf = tmp_path / kind / f"{kind}.pdf"
    assert _collisions(pdf) == []
    page = pdfium.PdfDocument(pdf)[0]
    width, height = page.get_size()
    textpage = page.get_textpage()
    boxes = [textpage.get_charbox(i) for i in range(textpage.count_chars())]
    assert all(left >= 0 and right <= width and bottom >= 0 and top <= height for left, bottom, right, top in boxes)
    text = " ".join(textpage.get_text_range().split())
    assert "project 2026-0142 Verkennend en nader" in text and "Utrecht" in text
    assert "opdrachtgever: Gemeente Utrecht" in text and "locatie: Croeselaan 12-14" in text
    if kind == "borelogs":
        assert "blad 1 van 1" in text and "verticale schaal 1:50; diepte in m-mv" in text
    else:
        assert "ingemeten positie met code" in text and "geplande positie" in text
