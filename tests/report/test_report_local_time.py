"""Times FieldApp stores in UTC are printed as a Dutch clock showed them.

A deviation's decision time is stored in UTC (utc_now), and so is a photo's time when it comes from the
GNSS fix or from adding the file. The field report printed them as stored: a deviation decided on New
Year's night at half past midnight read "2026-12-31", and a photo of a borehole drilled at 14:00 read
"12:00" in summer, two hours before the borehole it shows on the COC and the log. The borehole logs'
deviation lines had the same date.
"""

from __future__ import annotations

import io
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from pypdf import PdfReader

from fieldapp.domain import borehole, layer, project
from fieldapp.domain.deviation import Deviation
from fieldapp.domain.project import Project
from fieldapp.export.borelog.deviations import notes_for
from fieldapp.report import photos
from fieldapp.report.content import FieldReport
from fieldapp.report.pdf import render
from fieldapp.session import Session
from fieldapp.settings import Settings

NEW_YEAR = "2026-12-31T23:30:00+00:00"  # 00:30 on 1 January 2027 in the Netherlands


@pytest.fixture
def amsterdam(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("TZ", "Europe/Amsterdam")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def _deviation() -> Deviation:
    return Deviation(id="d", project_id="p", object_kind="borehole", object_id="b", rule_id="final_depth",
                     part="Protocol 2001, boren", nature="Niet tot de geplande diepte geboord.",
                     reason="Betonplaat op 0,8 m.", consequences="De diepere laag is niet onderzocht.", staff_id=None,
                     decided_at=NEW_YEAR, staff_name="M. Jansen", object_code="B01")


def test_a_deviation_decided_after_midnight_has_the_dutch_date(amsterdam: None) -> None:
    project = Project(id="p", code="2027-0001", name="Nieuwjaar")
    pdf = render(FieldReport(project, (), (), (), (_deviation(),)))
    text = " ".join(" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(pdf)).pages)
    assert "M. Jansen, 2027-01-01" in text and "2026-12-31" not in text
    row = {"id": "b", "code": "B01", "object_id": "b", "object_kind": "borehole", "object_code": "B01",
           "part": "Protocol 2001, boren", "nature": "n", "reason": "r", "consequences": "c",
           "staff_name": "M. Jansen", "decided_at": NEW_YEAR}
    assert any("(M. Jansen, 2027-01-01)" in line for line in notes_for({"id": "b", "code": "B01"}, [], [row]))


def test_a_photo_timed_by_the_gnss_has_the_dutch_clock(amsterdam: None, tmp_path: Path) -> None:
    with Session.open(tmp_path / "site.sqlite", settings=Settings(user="J. de Vries")) as s:
        pid = project.create(s, code="2026-0142", name="Zomer", start_date="2026-06-01").id
        hole = borehole.create(s, pid, code="B01", started_at="2026-07-01T14:00:00+02:00")
        layer.add(s, hole.id, upper="0", lower="1", soil="Zs1")
        with s.store.action("Photo of B01") as tx:  # as photo.add writes a time from the GNSS fix
            tx.insert("photo", {"project_id": pid, "object_kind": "borehole", "object_id": hole.id,
                                "sha256": "ab" * 32, "file_name": "B01.jpg", "size_bytes": 1,
                                "taken_at": "2026-07-01T12:00:05Z", "time_source": "gnss",
                                "added_at": "2026-07-01T12:01:00Z"})
        found = photos.gather(s.store, pid)
    assert [p.taken_at for p in found] == ["2026-07-01 14:00"]
