"""A borehole begun at 00:30 on the project's first day, Dutch time, belongs to the project.

Imported moments are UTC: 00:30 on 16 January on site is 23:30 UTC on the 15th. The rule "not before the
project's start date" compared the UTC date and refused it: "Borehole start: 2026-01-15 23:30 is before
the project's start date (2026-01-16)", a time the sampler's clock never showed. The start date is a
Dutch calendar date, and a moment in a message is the Dutch clock's.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from fieldapp.domain import borehole, project
from fieldapp.rules import RuleError
from fieldapp.session import Session
from fieldapp.settings import Settings


@pytest.mark.parametrize("started", ["2026-01-15T23:30:00Z", "2026-01-16T00:30:00+01:00"])
def test_a_start_after_dutch_midnight_on_the_first_day_is_accepted(tmp_path: Path, started: str) -> None:
    with Session.open(tmp_path / "s.sqlite", settings=Settings(user="J. de Vries")) as s:
        pid = project.create(s, code="P-NACHT", name="Nachtwerk", start_date="2026-01-16").id
        hole = borehole.create(s, pid, code="B01", started_at=started)
        assert hole.code == "B01"


def test_a_start_the_day_before_is_refused_with_the_dutch_time(tmp_path: Path) -> None:
    with Session.open(tmp_path / "s.sqlite", settings=Settings(user="J. de Vries")) as s:
        pid = project.create(s, code="P-NACHT", name="Nachtwerk", start_date="2026-01-16").id
        with pytest.raises(RuleError) as caught:
            borehole.create(s, pid, code="B01", started_at="2026-01-15T22:30:00Z")  # 23:30 on the 15th on site
    assert "2026-01-15 23:30" in str(caught.value) and "22:30" not in str(caught.value)
