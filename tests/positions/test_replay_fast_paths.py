"""The cheaper paths `fieldapp inspect` replays every borehole's NMEA through give exactly what the
general ones give: the averager's spread is statistics.stdev to the last bit, and a talker sentence
is split as pynmea2 splits it (or left to pynmea2)."""

from __future__ import annotations

import statistics

import pynmea2
from hypothesis import given
from hypothesis import strategies as st

from fieldapp.positions import sentences
from fieldapp.positions.averaging import stdev

finite = st.floats(allow_nan=False, allow_infinity=False, min_value=-1e150, max_value=1e150)


@given(st.lists(finite, min_size=2, max_size=12))
def test_the_spread_is_statistics_stdev_to_the_last_bit(values: list[float]) -> None:
    assert stdev(values) == statistics.stdev(values)


@given(st.lists(st.floats(min_value=-0.5, max_value=0.5), min_size=2, max_size=12), st.floats(-200, 200))
def test_the_spread_of_nearly_equal_values_is_exact(offsets: list[float], base: float) -> None:
    values = [base + o * 1e-9 for o in offsets]  # what the fixes of one spot look like: a large common part
    assert stdev(values) == statistics.stdev(values)
    assert stdev([base, base, base]) == statistics.stdev([base, base, base]) == 0.0


REAL = ["$GNGGA,145500.00,5205.1424654,N,00506.5192230,E,2,08,1.0,2.855,M,43.5,M,1.0,0001*50",
        "$GNRMC,145500.00,A,5205.1424654,N,00506.5192230,E,0.0,,241126,,,D*67",
        "$GPGSA,A,3,01,02,03,04,,,,,,,,,1.8,1.0,1.5*33", "$GPZDA,145500.00,24,11,2026,00,00*6C",
        "$GNGST,145500.00,0.45,0.318,0.318,0.0,0.318,0.318,0.636*7E"]
body_chars = st.sampled_from(list("0123456789,.-ANSEWVDR *$PpQq\r\n\t_gé"))


@given(st.sampled_from(REAL), st.lists(st.tuples(st.integers(0, 90), body_chars), max_size=5),
       st.sampled_from(["", "P", "p", "g", "GP", "1"]))
def test_a_talker_sentence_is_split_as_pynmea2_splits_it(real: str, edits: list[tuple[int, str]], head: str) -> None:
    line = real[:-3]
    if head:
        line = "$" + head + line[1 + len(head):]
    for at, char in edits:
        line = line[:at] + char + line[at + 1:]
    frame = line + "*00"
    kind_head = frame[1:7].split(",", 1)[0]
    if len(kind_head) != 5 or kind_head[2:] not in sentences.USED or not kind_head[:2].isalpha():
        return  # parse_frame leaves it before either path
    fast = sentences._talker_data(line, kind_head)
    if fast is None:
        return  # pynmea2 decides
    assert fast == pynmea2.parse(line).data
