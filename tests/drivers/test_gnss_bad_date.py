"""A live receiver on a real pseudo-terminal sends one RMC whose date is 300 days ahead (a date not
yet confirmed after a cold start, a corrupted sentence): that epoch is refused, and every right one
after it is a fix again, without reopening the port."""

from __future__ import annotations

from datetime import timedelta

import pytest

pytest.importorskip("termios", reason="pseudo-terminals are POSIX only")

from dated_bursts import RECORDED, dated_bursts, play

from drivers.gnss.receiver import Status
from fieldapp import error_text
from fieldapp.positions.model import DateFlag


def test_one_rmc_date_300_days_ahead_does_not_lock_the_receiver_out() -> None:
    ahead = RECORDED + timedelta(days=300)
    got, states = play(dated_bursts(8, lambda k: ahead if k == 3 else RECORDED), RECORDED)
    assert [f.time.second for f in got] == [23, 24, 25, 27, 28, 29, 30]  # 08:37:26 is the one refused
    assert all(f.date_flag is DateFlag.OK for f in got)
    refused = [s for s in states if s.status is Status.NO_FIX and s.reasons]
    assert [s.reasons for s in refused] == [("date disagrees with the clock",)]
    assert error_text.said(refused[0].reasons[0], "nl") == (
        "een datum die niet klopt met de klok van de laptop, na datums die wel klopten")
