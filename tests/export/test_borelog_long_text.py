"""Borehole logs whose descriptions are taller than a column: every layer is printed, on the page.

A log was cut into segments by the length of its soil column only. Thin layers with long descriptions
(a made-ground profile logged every 5 cm, a layer with a long remark) made a log taller than its column
while its soil fitted: the descriptions ran past the legend and off the bottom of the page, and the
layers below were on no page at all. A fieldworkers' line wider than a column ran into the log beside
it. Now the cut falls where the words fit (a whole metre, else a layer boundary), a description taller
than a column goes on in the next segment, and the header wraps.
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta
from pathlib import Path

import pypdfium2 as pdfium
from test_borelog_overlap import _collisions

from fieldapp.domain import borehole, layer, project, sample
from fieldapp.domain.depth import in_metres
from fieldapp.domain.sample import Part
from fieldapp.export import export
from fieldapp.export.borelog.layout import LEGEND_H, MARGIN
from fieldapp.session import Session
from fieldapp.settings import Settings

STARTED = (datetime.now().astimezone() - timedelta(days=1)).replace(hour=9, minute=0, second=0, microsecond=0)
REMARK = ("puin en kolengruis, plaatselijk ĳzerhoudende slakken, een brok asbestverdacht plaatmateriaal "
          "op de rand van de laag, scherp afgegrensd tegen de laag eronder")
WORKERS = ", ".join(f"{first} van Ĳzendoorn-Overbeek" for first in ("Anna", "Bram", "Cor", "Dirk", "Eva", "Fenna"))
MOTIVATION = " ".join(f"Poging {n}: de boor stuitte op een betonplaat." for n in range(1, 151))
STORY = " ".join(f"Waarneming {n}: in de boorkern zat een laagje roestig puin." for n in range(1, 121))


def _site(path: Path) -> None:
    with Session.open(path, settings=Settings(user="J. de Vries")) as s:
        pid = project.create(s, code="P-LOG", name="Lange beschrijvingen",
                             start_date=(STARTED - timedelta(days=3)).date().isoformat()).id
        thin = borehole.create(s, pid, code="B01", started_at=STARTED.isoformat(), sampler=WORKERS)
        for i in range(40):  # 2 m of made ground logged every 5 cm, each with its remark
            layer.add(s, thin.id, upper=f"{i * 0.05:.2f}", lower=f"{(i + 1) * 0.05:.2f}",
                      soil="Zs1" if i % 2 else "Zs2", colour="grijs", remarks=f"{REMARK} ({i + 1})")
        one = borehole.create(s, pid, code="B02", started_at=(STARTED + timedelta(hours=1)).isoformat())
        layer.add(s, one.id, upper="0", lower="1", soil="Zs1", colour="bruin", remarks=STORY)
        with s.store.action("Deviation on B02") as tx:  # as a sync brings it: the motivation of a stuck auger
            tx.insert("deviation", {
                "project_id": pid, "object_kind": "borehole", "object_id": one.id, "rule_id": "final_depth",
                "part": "Protocol 2001, boren", "nature": "Niet tot de geplande diepte geboord.",
                "reason": MOTIVATION, "consequences": "De diepere laag is niet onderzocht.", "staff_id": None,
                "decided_at": "2026-12-01T16:00:00+00:00"})


def _missing_layers(text: str, n: int, step_cm: int) -> list[str]:
    heads = [f"{in_metres(i * step_cm, 'nl')}–{in_metres((i + 1) * step_cm, 'nl')} m" for i in range(n)]
    return [head for head in heads if head not in text]


def test_every_layer_of_a_log_taller_than_a_column_is_on_a_page(tmp_path: Path) -> None:
    _site(tmp_path / "site.sqlite")
    with Session.open(tmp_path / "site.sqlite", settings=Settings(user="coordinator")) as session:
        export(session, "P-LOG", "borelogs", tmp_path / "logs")
    pdf = tmp_path / "logs" / "logs.pdf"
    doc = pdfium.PdfDocument(pdf)
    pages = [doc[n].get_textpage().get_text_range() for n in range(len(doc))]
    text = " ".join(" ".join(page.split()) for page in pages)
    assert _missing_layers(text, 40, 5) == []  # 0,00–0,05 m down to 1,95–2,00 m
    for i in (1, 20, 40):
        assert f"{REMARK} ({i})" in text, i
    # the one long description, whole, over segments that say it goes on
    for n in (1, 60, 120):
        assert f"Waarneming {n}: in de boorkern zat een laagje roestig puin." in text, n
    assert "0,00–1,00 m Zs1 (vervolg)" in text
    # the deviation under B02's log, on as many columns of its own as it needs
    for n in (1, 75, 150):
        assert f"Poging {n}: de boor stuitte op een betonplaat." in text, n
    assert re.search(r"B02 \(deel (\d+)/\1: afwijkingen\)", text) and "De diepere laag is niet onderzocht." in text
    # the fieldworkers whole, in the header
    for first in ("Anna", "Fenna"):
        assert f"{first} van Ĳzendoorn-Overbeek" in text, first
    # no description in the legend's band at the foot of a page, no character beside or below the page
    for n in range(len(doc)):
        textpage = doc[n].get_textpage()
        width, height = doc[n].get_size()
        band = " ".join(textpage.get_text_bounded(0, 0, width, MARGIN + LEGEND_H - 2).split())
        assert band.startswith("Legenda (NEN 5104)") and "puin" not in band and "Waarneming" not in band, n + 1
        boxes = [textpage.get_charbox(i) for i in range(textpage.count_chars())]
        assert all(left >= 0 and right <= width and bottom >= 0 and top <= height
                   for left, bottom, right, top in boxes), n + 1
    assert _collisions(pdf) == []


def test_the_codes_of_thin_samples_stay_clear_of_the_next_log(tmp_path: Path) -> None:
    """A PFAS profile sampled in 5 cm slices: the codes, each under the one before, reach below the column;
    the next log starts below them (they were printed over its header)."""
    with Session.open(tmp_path / "site.sqlite", settings=Settings(user="J. de Vries")) as s:
        pid = project.create(s, code="P-PFAS", name="Profiel",
                             start_date=(STARTED - timedelta(days=3)).date().isoformat()).id
        for b in (1, 2, 3):
            hole = borehole.create(s, pid, code=f"B0{b}", started_at=STARTED.isoformat())
            layer.add(s, hole.id, upper="0", lower="1", soil="Zs1", colour="grijs")
            for i in range(20):
                sample.create(s, pid, code=f"M0{b}-{i + 1}", kind="field_sample", matrix="BS",
                              parts=[Part(hole.id, f"{i * 0.05:.2f}", f"{(i + 1) * 0.05:.2f}")])
        export(s, "P-PFAS", "borelogs", tmp_path / "logs")
    pdf = tmp_path / "logs" / "logs.pdf"
    assert _collisions(pdf) == []
    doc = pdfium.PdfDocument(pdf)
    text = " ".join(" ".join(doc[n].get_textpage().get_text_range().split()) for n in range(len(doc)))
    assert all(f"M0{b}-20" in text for b in (1, 2, 3))
