"""The demo's receiver: the position it stores is the one the real NMEA pipeline gives for its log.

`demo_nmea.measured` skips framing and sentence dispatch for speed; these tests hold it to
`averaged(raw_log(...))`, the log replayed through the pipeline a live receiver feeds, bit for bit."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from fieldapp import demo_boreholes, demo_nmea
from fieldapp.domain.borehole import evidence_from_average
from fieldapp.errors import GnssError
from fieldapp.positions.averaging import AveragedPosition
from fieldapp.positions.rdnap import RdNap


def both(lat: float, lon: float, h: float | None, when: datetime, sats: int, hdop: float, sigma: float,
         seed: str) -> tuple[AveragedPosition | str, AveragedPosition | str]:
    """The fast path's result and the pipeline's, for the same draws (or each one's refusal)."""
    out: list[AveragedPosition | str] = []
    for replayed in (False, True):
        rng = random.Random(seed)
        try:
            if replayed:
                out.append(demo_nmea.averaged(demo_nmea.raw_log(lat, lon, h, when, sats=sats, hdop=hdop,
                                                                sigma_m=sigma, rng=rng)))
            else:
                out.append(demo_nmea.measured(lat, lon, h, when, sats=sats, hdop=hdop, sigma_m=sigma, rng=rng))
        except GnssError as exc:
            out.append(f"refused: {exc}")
    return out[0], out[1]


def test_the_demo_boreholes_positions_are_what_their_nmea_replays_to() -> None:
    # the demo's own boreholes, started around a UTC midnight so that some of their five
    # one-second epochs get the next day from the date keeper, not from their RMC
    rd, start = RdNap(), datetime(2026, 12, 31, 23, 58, 30, tzinfo=UTC)
    for n in range(0, 3000, 25):
        when = start + timedelta(seconds=3 * (n // 25))
        hole = demo_boreholes.borehole(n, 55, when, random.Random(f"7/{n}"), rd)
        evidence = hole.position
        assert evidence is not None and evidence.raw_nmea is not None
        replayed = demo_nmea.averaged(evidence.raw_nmea)
        again = evidence_from_average(replayed, None, "gst")
        assert (evidence.lat, evidence.lon, evidence.h_ell) == (again.lat, again.lon, again.h_ell)
        assert (evidence.sigma_m, evidence.spread_n_m, evidence.spread_e_m, evidence.drms2_m) == (
            again.sigma_m, again.spread_n_m, again.spread_e_m, again.drms2_m)
        assert (evidence.epoch_count, evidence.span_s, evidence.fix_type, evidence.position_class) == (
            again.epoch_count, again.span_s, again.fix_type, again.position_class) == (5, 4.0, "dgps",
                                                                                      "DGPS50tot200cm")
        assert evidence.raw_nmea == again.raw_nmea


@settings(max_examples=300, deadline=None)
@given(lat=st.floats(50.7, 53.6), lon=st.floats(3.3, 7.3), h=st.none() | st.floats(30.0, 80.0),
       when=st.datetimes(datetime(1999, 12, 31), datetime(2079, 12, 31)), sats=st.integers(0, 30),
       hdop=st.floats(0.0, 120.0), sigma=st.floats(0.0, 5.0), seed=st.text(max_size=8))
def test_measured_is_the_pipelines_average_bit_for_bit(lat: float, lon: float, h: float | None, when: datetime,
                                                      sats: int, hdop: float, sigma: float, seed: str) -> None:
    fast, replayed = both(lat, lon, h, when.replace(tzinfo=UTC), sats, hdop, sigma, seed)
    assert fast == replayed  # every field: position, heights, spreads, times, class and the frames


@pytest.mark.parametrize("lat", [52.999999999999, 51.99999999999999])
def test_a_field_the_pipeline_refuses_gives_what_the_pipeline_gives(lat: float) -> None:
    # minutes that print as 60.0000000: the GGA is malformed, and the pipeline's verdict stands
    fast, replayed = both(lat, 5.1, 46.7, datetime(2026, 5, 4, 23, 59, 58, tzinfo=UTC), 12, 0.9, 0.8, "x")
    assert fast == replayed
