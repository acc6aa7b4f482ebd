"""Borehole logs (boorstaten) as PDF: the drawn soil column of every borehole of a project.

:mod:`layout` decides where each log goes, :mod:`draw` draws a page,
:mod:`patterns` holds the NEN 5104 fills.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from reportlab.pdfgen.canvas import Canvas

from fieldapp.codelists import CodeLists
from fieldapp.export.atomic import Job
from fieldapp.export.borelog.deviations import notes_for
from fieldapp.export.borelog.draw import draw_page
from fieldapp.export.borelog.extras import LogExtras, load_extras
from fieldapp.export.borelog.layout import (
    DESC_W,
    DESCRIBED,
    HEAD_FONT,
    PAGE_H,
    PAGE_W,
    SLOT_W,
    Segment,
    description,
    header_lines,
    plan,
    segments_of,
    wrap,
)
from fieldapp.export.borelog.patterns import PatternBook
from fieldapp.export.borelog.well import WELL_W, load_wells, well_header_lines
from fieldapp.export.data import ProjectData
from fieldapp.labels.fonts import FONT, register_fonts


def write_borelogs(data: ProjectData, lists: CodeLists, path: Path, job: Job,
                   conn: sqlite3.Connection | None = None) -> int:
    """Write the logs of every borehole of ``data`` to ``path``; returns the number of pages.

    ``conn``, the store's connection, gives the boring processes per interval and the analysis
    samples where the record holds them (:mod:`.extras`)."""
    register_fonts()
    parts = data.parts_of_borehole()
    extras = LogExtras() if conn is None else load_extras(
        conn, {b["id"] for b in data.boreholes}, {s["id"] for s in data.samples})
    wells = {} if conn is None else load_wells(conn, {b["id"] for b in data.boreholes}, lists)
    logs: list[list[Segment]] = []
    wrapped: dict[tuple[str, str, bool], list[str]] = {}  # many layers share code, colour and admixtures
    said: dict[tuple[object, ...], str] = {}  # and so their words: described once per distinct layer
    for b in data.boreholes:
        layers = data.layers.get(b["id"], [])
        well = wells.get(b["id"])
        texts = {}
        for lay in layers:
            fields = tuple(map(lay.get, DESCRIBED))
            text = said.get(fields)
            if text is None:
                text = said[fields] = description(lay, data.soil_words, lists)
            key = (f"{lay['upper_cm']}-{lay['lower_cm']}-{lay['soil_code']}", text, well is not None)
            if key not in wrapped:
                wrapped[key] = wrap(lay, text, DESC_W - (WELL_W + 3.0 if well is not None else 0.0))
            texts[lay["upper_cm"]] = wrapped[key]
        head = header_lines(b, data.project, extras.processes.get(b["id"], []), lists)
        if well is not None:
            head += well_header_lines(well, FONT, HEAD_FONT, SLOT_W - 4)
        mine = parts.get(b["id"], [])
        logs.append(segments_of(b, layers, mine, texts, head, extras.analysis_of_sample,
                                notes_for(b, mine, data.deviations), well))
    pages = plan(logs)
    c = Canvas(str(path), pagesize=(PAGE_W, PAGE_H), pageCompression=1, initialFontName=FONT)  # not Helvetica
    c.setTitle(f"Boorstaten {data.project['code']}")
    c.setAuthor("FieldApp")
    c.setSubject(str(data.project["name"]))
    book = PatternBook(c)
    for n, page in enumerate(pages, start=1):
        draw_page(c, page, data.project, n, len(pages), book)
        c.showPage()
        job.step(n, len(pages))
    c.save()
    return len(pages)
