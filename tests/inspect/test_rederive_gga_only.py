"""`fieldapp inspect` re-derives a borehole averaged from a receiver that sends GGA alone (no date) for
longer than ten minutes: a u-blox LEA-5H's recorded GGA, 08:37 to 08:55. Live every epoch was dated by
the laptop clock as it moved; the re-derivation has no clock but the first epoch's time, and must
still find every fix the live averaging took, not only those of the first ten minutes."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

from fieldapp.inspect.positions import rederive
from fieldapp.positions.averaging import Averager
from fieldapp.positions.pipeline import NmeaPipeline
from fieldapp.positions.replay import read_log
from fieldapp.positions.sentences import parse_time

LOG = Path(__file__).resolve().parents[1] / "data" / "nmea" / "gpsd__ublox-lea-5h.log"


def test_a_gga_only_averaging_of_18_minutes_is_re_derived_with_every_fix() -> None:
    ggas = [line for line in read_log(LOG).splitlines(keepends=True) if line.startswith(b"$GPGGA")]
    clock = [datetime(2010, 8, 21, tzinfo=UTC)]
    live, averager = NmeaPipeline(reference_clock=lambda: clock[0]), Averager()
    for line in ggas:
        tod = parse_time(line.split(b",")[1].decode())
        assert tod is not None
        clock[0] = datetime.combine(date(2010, 8, 21), tod, tzinfo=UTC)  # the laptop clock, right
        for j in live.feed(line) + live.close_epoch():
            if j.fix is not None:
                averager.add(j.fix)
    for j in live.flush():  # the last second, given at the end of the stream (no late GGA of it can come)
        if j.fix is not None:
            averager.add(j.fix)
    stored = averager.result()
    assert stored.span_s > 600 and stored.count == 18
    again = rederive("".join(s + "\r\n" for s in stored.raw))
    assert again is not None
    assert (again.count, again.lat, again.lon, again.bro_class) == (
        stored.count, stored.lat, stored.lon, stored.bro_class)
