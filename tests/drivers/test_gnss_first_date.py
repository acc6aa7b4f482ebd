"""The very first epoch after a port opens has no epoch before it to check its date against.

A real u-blox LEA-5H log (tests/data/nmea) is played on a real pseudo-terminal, its RMC dates rewritten
as receivers get them wrong: one first date 300 days ahead (a corrupted RMC, a date not yet confirmed after
a cold start), every date 1024 weeks back (firmware from before a GPS week rollover, as the GP-320FW's
"220899" in gpsd__gp-320fw-2019-04-07-coldboot.log), and right dates on a laptop whose clock is wrong.
A first date the laptop clock contradicts is held, and said, until the next epoch goes on from it; a
rollover is corrected at once; the right dates after a wrong first one are fixes as before.
"""

from __future__ import annotations

from datetime import timedelta

import pytest

pytest.importorskip("termios", reason="pseudo-terminals are POSIX only")

from dated_bursts import FIRST, RECORDED, dated_bursts, play

from drivers.gnss.receiver import Status
from fieldapp.positions.dates import ROLLOVER
from fieldapp.positions.model import DateFlag
from fieldapp.positions.why import reasons_said


def test_a_first_date_300_days_ahead_is_held_and_said_not_given() -> None:
    ahead = RECORDED + timedelta(days=300)
    got, states = play(dated_bursts(5, lambda k: ahead if k == 0 else RECORDED), RECORDED)
    # the first epoch's position never became a fix; the right dates after it did, as before
    assert [f.time for f in got] == [FIRST + timedelta(seconds=s) for s in (1, 2, 3, 4)]
    assert all(f.date_flag is DateFlag.OK for f in got)
    held = [s for s in states if s.status is Status.NO_FIX and s.reasons]
    assert [s.reasons for s in held] == [("date not yet confirmed",)]
    # what the GNSS indicator and the averaging panel say while it is held
    assert reasons_said(held[0].reasons, "nl") == (
        "een datum die niet klopt met de klok van de laptop, aangehouden tot het volgende meetmoment hem bevestigt")
    assert reasons_said(held[0].reasons, "en") == (
        "a date that disagrees with the laptop's clock, held until the next epoch confirms it")


def test_a_laptop_clock_300_days_off_holds_only_the_first_epoch() -> None:
    # every receiver date right, the laptop clock wrong: the receiver's next epoch confirms its date,
    # and the fixes are given flagged, as the clock cannot say which of the two is wrong
    got, states = play(dated_bursts(5, lambda k: RECORDED), RECORDED - timedelta(days=300))
    assert [f.time for f in got] == [FIRST + timedelta(seconds=s) for s in (1, 2, 3, 4)]
    assert all(f.date_flag is DateFlag.CLOCK_MISMATCH for f in got)
    assert [s.reasons for s in states if s.reasons] == [("date not yet confirmed",)]


def test_a_week_rollover_date_in_the_first_epoch_is_corrected_at_once() -> None:
    # firmware from before a rollover: every date 1024 weeks back; the first epoch is a fix, rightly dated
    got, states = play(dated_bursts(4, lambda k: RECORDED - ROLLOVER), RECORDED)
    assert [f.time for f in got] == [FIRST + timedelta(seconds=s) for s in (0, 1, 2, 3)]
    assert all(f.date_flag is DateFlag.ROLLOVER_CORRECTED for f in got)
    assert not [s for s in states if s.reasons]
