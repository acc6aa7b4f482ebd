"""The modules of a Code 128 and a QR code, as plain data.

reportlab encodes both symbologies; the renderers place the modules
themselves so that every bar edge falls on the printer's dot grid (reportlab's
own widgets scale to a box and place edges anywhere).
"""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.graphics.barcode.code128 import Code128

from fieldapp.errors import LabelError
from fieldapp.labels.qr import QrEncoder, dark_runs, qr_size

CODE128_QUIET = 10  # modules each side (ISO/IEC 15417)
QR_QUIET = 4  # modules all round (ISO/IEC 18004)
MAX_BARCODE_LEN = 48


@dataclass(frozen=True, slots=True)
class Bars:
    """A linear symbol: (offset, width) of each bar in modules, quiet zones excluded."""

    bars: tuple[tuple[int, int], ...]
    modules: int


def check_barcode(code: str) -> None:
    """Refuse codes a scanner could misread or a Zebra printer would take as a command."""
    if not code:
        raise LabelError("barcode", "The container has no barcode.")
    if len(code) > MAX_BARCODE_LEN:
        raise LabelError(
            "barcode",
            f"Barcode {code[:20]}… is {len(code)} characters long; labels take at most "
            f"{MAX_BARCODE_LEN}.",
        )
    bad = sorted({c for c in code if not (" " < c <= "~") or c in "^~"})
    if bad:
        raise LabelError(
            "barcode",
            f"Barcode {code!r} contains characters labels cannot carry: {''.join(bad)!r}.",
            hint="Use letters, digits and simple punctuation.",
        )


def code128(code: str) -> Bars:
    """The bars of ``code`` (reportlab's encoding: subset B with digit runs in C)."""
    check_barcode(code)
    sym = Code128(code, quiet=0)
    sym.validate()
    sym.encode()
    pattern: str = sym.decompose()
    bars: list[tuple[int, int]] = []
    pos = 0
    for ch in pattern:
        if ch.isupper():
            width = ord(ch) - ord("A") + 1
            bars.append((pos, width))
        else:
            width = ord(ch) - ord("a") + 1
        pos += width
    return Bars(tuple(bars), pos)


def code128_worst_modules(code: str) -> int:
    """Modules of ``code`` in subset B alone: an upper bound for any printer's own encoder."""
    return 11 * (len(code) + 2) + 13  # start, data, check digit, stop (13 modules)


def printer_code128(code: str) -> Bars:
    """A Code 128 the printer encodes itself (ZPL ``^BC``): no bars, only the
    width to budget, for the longest encoding any printer may choose."""
    check_barcode(code)
    return Bars((), code128_worst_modules(code))


@dataclass(frozen=True, slots=True)
class Matrix:
    """A 2D symbol: dark runs per row as (row, first column, length), quiet zone excluded."""

    runs: tuple[tuple[int, int, int], ...]
    size: int


def qr(code: str, encoder: QrEncoder | None = None) -> Matrix:
    """The QR code of a container barcode (level M)."""
    check_barcode(code)
    return qr_text(code, encoder)


def qr_text(text: str, encoder: QrEncoder | None = None) -> Matrix:
    """The QR code of any text, such as the shipment manifest (level M)."""
    lines, _mask = (encoder or QrEncoder()).encode(text)
    return Matrix(dark_runs(lines), len(lines))


def printer_qr(code: str) -> Matrix:
    """A QR code the printer encodes itself (ZPL ``^BQ``): no modules, only its
    size, which is the version the data needs (no Reed-Solomon, no masks)."""
    check_barcode(code)
    return Matrix((), qr_size(code))
