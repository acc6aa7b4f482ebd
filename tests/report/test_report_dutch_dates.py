"""A borehole started between midnight and two in the night, Dutch time, is dated on the Dutch day.

Imported and demo boreholes keep their start in UTC. The borehole log printed the first ten characters
of that stamp, and the field report grouped its table of days on them: a borehole begun at 00:30 on
16 January in Zeeland (23:30 UTC on the 15th) was logged on the 15th, a day the sampler was not on site.
Dates shown to a Dutch authority are Dutch calendar dates (Europe/Amsterdam), whatever the clock of the
computer that prints them; a sample taken that night counts on the same day as its borehole.
"""

from __future__ import annotations

import io
import re
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from pypdf import PdfReader

from fieldapp.domain import borehole, field_day, layer, project, sample, staffing
from fieldapp.domain.sample import Part
from fieldapp.export import export
from fieldapp.inspect import deviations as inspect_deviations
from fieldapp.report import pdf
from fieldapp.report.content import gather
from fieldapp.rules import default_book
from fieldapp.session import Session
from fieldapp.settings import Settings

WINTER = "2026-01-15T23:30:00+00:00"  # 00:30 on 16 January in the Netherlands (CET, UTC+1)
SUMMER = "2026-07-15T22:30:00Z"  # 00:30 on 16 July (CEST, UTC+2)


@pytest.fixture
def site(tmp_path: Path) -> Path:
    path = tmp_path / "site.sqlite"
    with Session.open(path, settings=Settings(user="J. de Vries")) as s:
        pid = project.create(s, code="P-NACHT", name="Nachtwerk", start_date="2026-01-01").id
        for code, started in (("B01", WINTER), ("B02", SUMMER)):
            hole = borehole.create(s, pid, code=code, started_at=started, sampler="J. de Vries")
            layer.add(s, hole.id, upper="0", lower="1", soil="Zs1", colour="grijs")
            sample.create(s, pid, code=f"M{code}", kind="field_sample", matrix="BS",
                          parts=[Part(hole.id, "0", "0.5")], sampled_at=started)
            with s.store.action(f"Deviation on {code}") as tx:  # decided on site that night, stored in UTC
                tx.insert("deviation", {
                    "project_id": pid, "object_kind": "borehole", "object_id": hole.id, "rule_id": "final_depth",
                    "part": "Protocol 2001, boren", "nature": "Niet tot de geplande diepte geboord.",
                    "reason": "Betonplaat.", "consequences": "Geen.", "staff_id": None, "decided_at": started})
        field_day.record(s, pid, "2026-01-16", weather="droog, vorst")  # the night shift's own field day
    return path


def test_the_borehole_log_is_dated_on_the_dutch_day(site: Path, tmp_path: Path) -> None:
    with Session.open(site, settings=Settings(user="coordinator")) as session:
        export(session, "P-NACHT", "borelogs", tmp_path / "logs")
    doc = pdfium.PdfDocument(tmp_path / "logs" / "logs.pdf")
    text = " ".join(" ".join(doc[n].get_textpage().get_text_range().split()) for n in range(len(doc)))
    assert "2026-01-16" in text and "2026-07-16" in text
    assert "2026-01-15" not in text and "2026-07-15" not in text  # neither the log's date nor a deviation's
    assert text.count("Betonplaat.") == 2


def test_the_reports_days_are_dutch_days(site: Path) -> None:
    with Session.open(site, settings=Settings(user="coordinator")) as session:
        report = gather(session.store.conn, project.by_code(session.store, "P-NACHT"))
    days = {d.day: d for d in report.days}
    assert sorted(days) == ["2026-01-16", "2026-07-16"]  # one day each: the field day is the night's day
    winter = days["2026-01-16"]
    assert (winter.boreholes, winter.samples, winter.weather) == (1, 1, "droog, vorst")
    assert report.period == "2026-01-16 t/m 2026-07-16"
    text = " ".join(" ".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(pdf.render(report))).pages)
    assert "2026-01-16" in text and "2026-07-16" in text
    assert not re.search(r"2026-0[17]-15", text)
    assert text.count("Betonplaat.") == 2  # the deviations' dates are in the text checked above
    with Session.open(site, settings=Settings(user="coordinator")) as session:
        pid = project.by_code(session.store, "P-NACHT").id
        days = staffing.days_of(session.store.conn, pid, default_book())
        notes = inspect_deviations._register(session.store.conn, pid)[1]
    assert sorted(days) == ["2026-01-16", "2026-07-16"]  # the staffing check holds the night's work to its field day
    assert days["2026-01-16"].field_day_ids and days["2026-01-16"].work == {"borehole": 1, "field_sample": 1}
    assert sorted(n.nl[-11:-1] for n in notes) == ["2026-01-16", "2026-07-16"]  # `fieldapp inspect`


@pytest.mark.parametrize(("stamp", "day"), [
    (WINTER, "2026-01-16"), (SUMMER, "2026-07-16"), ("2026-01-15T22:59:59Z", "2026-01-15"),
    ("2026-03-29T00:30:00Z", "2026-03-29"),  # the night summer time begins: 01:30 CET
    ("2026-01-16T00:30:00+01:00", "2026-01-16"), ("2026-01-15T23:30", "2026-01-15"),  # as written: no zone
    ("2026-01-15", "2026-01-15"), ("", ""), (None, ""),
])
def test_dutch_day(stamp: str | None, day: str) -> None:
    from fieldapp.domain.common import dutch_day

    assert dutch_day(stamp) == day
