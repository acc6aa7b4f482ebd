"""The window's own number fields (a planned borehole's RD coordinates, a purge reading, an inspection
pit's measures) read only plain digits with one decimal point or comma, like the core: "1e5" typed for
an RD coordinate is a slip, not 100000 m, and is refused naming the field."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from pytestqt.qtbot import QtBot

from fieldapp.errors import ValidationError
from ui import borehole_form, inspection_pit_dialog, well_readings

READERS: dict[str, Callable[[str], float | None]] = {
    "x": lambda t: borehole_form._coordinate(t, "x"),
    "ph": lambda t: well_readings.number(t, "ph"),
    "length": lambda t: inspection_pit_dialog.number(t, "length", "length"),
}


@pytest.mark.parametrize("text", ["1e5", "1_0", "NaN", "inf", "+ 1", "１２", "1.2.3"])
@pytest.mark.parametrize("field", READERS)
def test_a_slip_in_a_number_field_is_refused(qtbot: QtBot, field: str, text: str) -> None:
    with pytest.raises(ValidationError) as caught:
        READERS[field](text)
    assert caught.value.field == field and caught.value.hint


@pytest.mark.parametrize("field", READERS)
def test_a_decimal_comma_or_point_is_read(qtbot: QtBot, field: str) -> None:
    assert READERS[field]("6,85") == READERS[field](" 6.85 ") == 6.85
    assert READERS[field]("") is None
