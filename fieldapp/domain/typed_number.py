"""A number as a person types it into a field form: digits with at most one decimal point or comma.

Python's own readers take far more: ``Decimal`` and ``float`` read "1e1" as 10, "1_0" as 10, "NaN",
"Infinity", and digits of any script ("１２", "٣"). A sampler who types "1e1" for a depth meant
something else (a slip beside the 1), and a record that silently stores 10 m is not what was seen.
So a typed number is only: an optional sign where the quantity may be negative, digits, and one
decimal sign, nothing between them. Everything else is refused by the caller with its own message,
which names the field and says what to type.
"""

from __future__ import annotations

import math
import re
from decimal import Decimal

# ASCII digits only; "1." and ".5" are plain enough (a decimal sign typed at either end)
_PLAIN = re.compile(r"(?:[0-9]+(?:[.,][0-9]*)?|[.,][0-9]+)", re.ASCII)


def plain_decimal(value: str | int | float | Decimal, *, signed: bool = False) -> Decimal | None:
    """``value`` as a Decimal, or None when it is not a plain decimal number.

    Text may carry spaces around it and, when ``signed``, one '-' or '+' right before the digits
    ("-0,40", "+1.25", not "- 1"). Numbers (from an import or a spin box) pass when finite; a bool
    is no number.
    """
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        number = Decimal(value)
    elif isinstance(value, float):
        if not math.isfinite(value):
            return None
        number = Decimal(repr(value))  # repr: the shortest text that round-trips, so 0.1 stays 0.1
    elif isinstance(value, Decimal):
        if not value.is_finite():
            return None
        number = value
    elif isinstance(value, str):
        text = value.strip()
        sign = ""
        if signed and text[:1] in ("-", "+"):
            sign, text = text[0], text[1:]
        if not _PLAIN.fullmatch(text):
            return None
        number = Decimal(sign + text.replace(",", "."))
    else:
        return None
    if not signed and number < 0:
        return None
    return number


def plain_float(value: str | int | float | Decimal, *, signed: bool = False) -> float:
    """:func:`plain_decimal` as a float; NaN when it is no plain number (so a range check refuses it)."""
    number = plain_decimal(value, signed=signed)
    return math.nan if number is None else float(number)
