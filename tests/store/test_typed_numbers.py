"""A number typed into a field form is read only when it is plain digits with one decimal point or comma.

Python's readers take "1e1" as 10, "1_0" as 10, "NaN", "Infinity" and digits of other scripts; a sampler
who types "1e1" for a depth meant something else, and 10 m stored silently is not what was seen. Each
place the core reads a typed number refuses those with its own message naming the field, and still
reads "1,25", "1.25" and, where the quantity may be negative, "-0,40".
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from fieldapp import plan_import
from fieldapp.domain import borehole_closing, well
from fieldapp.domain import sampling_round as sr
from fieldapp.domain.depth import to_cm
from fieldapp.domain.purge import Reading
from fieldapp.errors import ValidationError
from fieldapp.intake.header import parse_reading
from fieldapp.positions.rdnap import RdNap
from fieldapp.session import Session

SLIPS = ["1e1", "1E1", "1_0", "NaN", "nan", "Infinity", "-inf", "+ 1", "- 1", "１２", "٣", "1.2.3", "1,2,3",
         "0x1", "1,5e0", "e", ".", ","]

SPEC = well.WellSpec(filter_top="2.00", filter_bottom="3.00", slot_width_mm="0.3", pipe_top="-0.05",
                     pipe_top_nap="0.72")


def _layer_depth(text: str) -> Any:
    return to_cm(text, "upper depth")


def _pipe_top(session: Session, text: str) -> Any:
    return well.row_of(session, replace(SPEC, pipe_top=text))["pipe_top_cm"]


def _pipe_top_nap(session: Session, text: str) -> Any:
    return well.row_of(session, replace(SPEC, pipe_top_nap=text))["pipe_top_nap_cm"]


def _slot(session: Session, text: str) -> Any:
    return well.row_of(session, replace(SPEC, slot_width_mm=text))["slot_width_mm"]


def _antenna(text: str) -> Any:
    return borehole_closing.antenna_height(text)


def _volume(text: str) -> Any:
    return sr.reading_row(Reading(volume_l=text))["volume_l"]  # type: ignore[arg-type]  # the form gives text


def _temperature(text: str) -> Any:
    return sr.reading_row(Reading(volume_l=1.0, temperature_c=text))["temperature_c"]  # type: ignore[arg-type]


WITH_SESSION = {"pipe top": _pipe_top, "pipe top NAP": _pipe_top_nap, "slot width": _slot}
PLAIN = {"upper depth": _layer_depth, "antenna height": _antenna, "volume": _volume, "temperature": _temperature,
         "cooler temperature": parse_reading}


def _read(session: Session, field: str, text: str) -> Any:
    return WITH_SESSION[field](session, text) if field in WITH_SESSION else PLAIN[field](text)


@pytest.mark.parametrize("text", SLIPS)
@pytest.mark.parametrize("field", [*PLAIN, *WITH_SESSION])
def test_a_slip_is_refused_naming_the_field(session: Session, field: str, text: str) -> None:
    with pytest.raises(ValidationError) as caught:
        _read(session, field, text)
    assert caught.value.field.split()[0] in field  # "pipe top NAP", "volume", "temperature": the form's field
    assert caught.value.hint  # what to type instead


@pytest.mark.parametrize(("field", "typed", "read"), [
    ("upper depth", "1,25", 125), ("upper depth", " 1.25 ", 125), ("upper depth", "2", 200),
    ("upper depth", ",5", 50), ("pipe top", "-0,05", -5), ("pipe top", "+0.80", 80),
    ("pipe top NAP", "-1,20", -120), ("slot width", "0,3", 0.3), ("antenna height", "2,00", 2),
    ("volume", "3,5", 3.5), ("temperature", "-0,5", -0.5), ("cooler temperature", "4,2 °C", 4.2),
])
def test_plain_decimals_with_point_or_comma_are_read(session: Session, field: str, typed: str, read: Any) -> None:
    assert _read(session, field, typed) == read


def test_a_depth_above_ground_still_says_so() -> None:
    with pytest.raises(ValidationError, match="above ground level"):
        to_cm("-0,10", "upper depth")


@pytest.mark.parametrize("x", ["1e5", "155_000", "１５５０００", "NaN"])
def test_a_planned_coordinate_typed_in_a_spreadsheet_is_read_only_when_plain(tmp_path: Path, x: str) -> None:
    plan = tmp_path / "plan.csv"
    plan.write_text(f"code;x;y\nB01;{x};463000\n", encoding="utf-8")
    with pytest.raises(ValidationError) as caught:
        plan_import.read_plan(plan, RdNap())
    assert caught.value.field == "x"
    plan.write_text("code;x;y\nB01;155000,25;463000\n", encoding="utf-8")
    assert plan_import.read_plan(plan, RdNap())[0].x_rd == 155000.25
