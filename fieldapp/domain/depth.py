"""Depths in metres below ground level, kept exactly as whole centimetres.

Floats drift (0.1 + 0.2 != 0.3), and a layer boundary that drifts makes two
layers overlap by a hair or leave a gap. Users type metres; the store keeps
integer centimetres, which is the resolution field logs are written in.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from fieldapp.errors import DepthError

if TYPE_CHECKING:
    from decimal import Decimal

MAX_DEPTH_CM = 100_000  # 1 km: no hand or machine borehole in this trade goes deeper


def to_cm(value: str | int | float | Decimal, field: str) -> int:
    """Parse a depth in metres (``"1.25"``, ``1.25``, ``"1,25"``) into centimetres.

    Raises :class:`DepthError` naming ``field`` when the value is not a number,
    is negative, or is finer than a centimetre.
    """
    if isinstance(value, bool):
        raise DepthError(field, f"{field}: {value!r} is not a depth.", hint="Give metres, e.g. 0.50.")
    if type(value) is float and 0 <= value <= MAX_DEPTH_CM / 100:
        # fast path for imports: a float within a millionth of a whole
        # centimetre is that centimetre (0.1 * 100 is 10.000000000000002)
        whole = round(value * 100)
        if abs(value * 100 - whole) < 1e-6:
            return int(whole)
    # typed text only: reading and showing depths needs no decimal module
    from fieldapp.domain.typed_number import plain_decimal

    # plain digits with one point or comma: "1e1", "1_0", "NaN" or "１２" are slips, not 10 m
    metres = plain_decimal(value, signed=True)
    if metres is None:
        raise DepthError(
            field,
            f"{field}: '{value}' is not a depth in metres.",
            hint="Type metres below ground level, e.g. 0.50.",
        )
    if metres < 0:
        raise DepthError(
            field,
            f"{field}: {metres} m is above ground level.",
            hint="Depths are metres below ground level and cannot be negative.",
        )
    cm = metres * 100
    if cm != cm.to_integral_value():
        raise DepthError(
            field,
            f"{field}: {metres} m is finer than a centimetre.",
            hint="Round the depth to whole centimetres, e.g. 1.25.",
        )
    if cm > MAX_DEPTH_CM:
        raise DepthError(field, f"{field}: {metres} m is deeper than any borehole.", hint="Check the unit: metres.")
    return int(cm)


class DecimalText(str):
    """A number as the code writes it ("7.2", "+1.25"), which Dutch text says with the decimal comma
    ("7,2"): a message of the rules tables (:func:`fieldapp.rules.said`), the labels, the lab order and the
    borehole logs. Machine formats (XML, CSV, GeoJSON, ZPL commands, barcodes) keep the point."""

    __slots__ = ()

    def said(self, lang: str) -> str:
        return self.replace(".", ",") if lang == "nl" else str(self)


class MetresText(DecimalText):
    """A depth or interval in metres as the code writes it ("0.50", "0.50-1.20 m"), in Dutch "0,50-1,20 m"."""

    __slots__ = ()


def decimal(value: float, places: int, lang: str, *, signed: bool = False) -> str:
    """``value`` with ``places`` decimals and the decimal sign of ``lang`` (no thousands separator, so
    that an edit reads it back): "135900,25" in Dutch, "135900.25" in English; ``signed``: "+1,25"."""
    return DecimalText(f"{value:+.{places}f}" if signed else f"{value:.{places}f}").said(lang)


def in_metres(cm: int, lang: str) -> str:
    """A depth of whole centimetres in metres in ``lang``: "0,50" in Dutch, "0.50" in English."""
    return format_m(cm).said(lang)


def format_m(cm: int) -> MetresText:
    """Centimetres as metres with two decimals, the way field logs show depth."""
    sign = "-" if cm < 0 else ""
    cm = abs(cm)
    return MetresText(f"{sign}{cm // 100}.{cm % 100:02d}")


def check_interval(upper_cm: int, lower_cm: int, what: str) -> None:
    if upper_cm >= lower_cm:
        raise DepthError(
            f"{what} lower depth",
            f"{what}: the lower depth {format_m(lower_cm)} m is not below the upper depth "
            f"{format_m(upper_cm)} m.",
            hint="The lower depth must be deeper (a larger number) than the upper depth.",
        )
