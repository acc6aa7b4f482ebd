"""A small demo project is one field day's work, whenever it is made.

Made between 03:00 and 04:15 it used to start its boreholes before midnight and end after, so its
field report counted three days where the same demo an hour later counted two (a test that compared
the count failed at that hour of the night)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from fieldapp import demo
from fieldapp.demo_boreholes import STEP
from fieldapp.session import Session
from fieldapp.settings import Settings

NL = ZoneInfo("Europe/Amsterdam")
#: every quarter of an hour of a winter day, a summer day and both days the clocks change
MOMENTS = [datetime(2026, m, d, tzinfo=UTC) + timedelta(minutes=15 * q)
           for m, d in ((1, 14), (7, 2), (3, 29), (10, 25)) for q in range(96)]


@pytest.mark.parametrize("boreholes", [1, 3, 12, 19])
def test_a_small_demo_is_one_dutch_field_day_before_now(boreholes: int) -> None:
    for now in MOMENTS:
        start, step = demo._schedule(boreholes, now)
        last = start + step * (boreholes - 1)
        assert step == STEP
        assert start.astimezone(NL).date() == last.astimezone(NL).date(), (now, start, last)
        assert start.astimezone(NL).hour >= 7 and last.astimezone(NL).hour < 17, (now, start, last)
        # the cooler, handed over two hours after the last borehole, is in before now, and within a day of it
        assert last + timedelta(hours=2) <= now < last + timedelta(hours=2 + 24 + 3 + 1), (now, last)


def test_a_big_demo_still_fits_the_shortest_holding_time() -> None:
    now = datetime(2026, 1, 14, 3, 30, tzinfo=UTC)
    start, _step = demo._schedule(50_000, now)
    assert now - start < timedelta(hours=96)  # NEN 5740's 96 h: every container still within it today


def test_the_demo_written_now_has_its_boreholes_on_one_dutch_day(tmp_path: Path) -> None:
    with Session.open(tmp_path / "demo.sqlite", settings=Settings(user="J. de Vries")) as s:
        demo.create(s, boreholes=3)
        days = {datetime.fromisoformat(r["started_at"]).astimezone(NL).date()
                for r in s.store.query("SELECT started_at FROM borehole WHERE kind = 'boring'")}
    assert len(days) == 1
