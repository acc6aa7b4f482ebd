"""A QR encoder that picks the mask as ISO/IEC 18004 says, at a fraction of the cost.

reportlab encodes the data (mode, Reed-Solomon, module placement); what is
ours is the mask choice. reportlab rebuilds the whole symbol module by module
for each of the eight masks and scores it in pure Python, which is most of
the time of a label. Here each row is one integer: a mask is an XOR, and the
penalty rules are string searches and bit counts. The function patterns,
module positions and masks of a version are built once per encoder.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

from reportlab.graphics.barcode import qrencoder

LEVEL = qrencoder.QRErrorCorrectLevel.M  # survives a smudge or a scratch
_RUN = re.compile(r"0{5,}|1{5,}")
_FINDER = re.compile(r"(?=00001011101|10111010000)")
_DARK = re.compile(r"1+")


@dataclass(frozen=True, slots=True)
class _Template:
    size: int
    base: tuple[int, ...]  # finder, timing, alignment and version patterns
    data: tuple[int, ...]  # where data modules go
    places: tuple[tuple[int, int], ...]  # (row, bit) of each data bit in order
    masks: tuple[tuple[int, ...], ...]
    formats: tuple[tuple[int, ...], ...]  # format information for each mask


def _ints(modules: list[list[bool | None]], n: int) -> tuple[int, ...]:
    return tuple(int("".join("1" if m else "0" for m in row), 2) for row in modules[:n])


def qr_size(text: str) -> int:
    """Modules per side of the QR code of ``text`` (level M), as :meth:`QrEncoder.encode`
    would make it, from the data's length alone."""
    sym = qrencoder.QRCode(None, LEVEL)
    sym.addData(text)
    return int(sym.calculate_version()) * 4 + 17


class QrEncoder:
    """Encodes text as a QR code (level M); keep one for a batch of labels."""

    def __init__(self) -> None:
        self._templates: dict[int, _Template] = {}

    def encode(self, text: str) -> tuple[tuple[str, ...], int]:
        """The rows of the symbol as '0'/'1' strings, and the mask chosen."""
        sym = qrencoder.QRCode(None, LEVEL)
        sym.addData(text)
        sym.version = sym.calculate_version()
        tpl = self._template(sym)
        n = tpl.size
        rows = [0] * n
        codewords = qrencoder.QRCode.createData(sym.version, LEVEL, sym.dataList)
        places = iter(tpl.places)
        for byte in codewords:
            for shift in range(7, -1, -1):
                row, bit = next(places)
                if byte >> shift & 1:
                    rows[row] |= bit
        best: tuple[int, tuple[str, ...], int] | None = None
        for k in range(8):
            mask, fmt = tpl.masks[k], tpl.formats[k]
            cand = [tpl.base[r] | ((rows[r] ^ mask[r]) & tpl.data[r]) | fmt[r] for r in range(n)]
            score = penalty(cand, n)
            if best is None or score < best[0]:
                best = (score, tuple(format(r, f"0{n}b") for r in cand), k)
        assert best is not None
        return best[1], best[2]

    def _template(self, sym: qrencoder.QRCode) -> _Template:
        version: int = sym.version
        if version in self._templates:
            return self._templates[version]
        n = version * 4 + 17
        sym.makeImpl(True, 0)  # test mode: format and version areas left light
        places = list(sym.dataPosIterator())
        modules = sym.modules
        for col, row in places:
            modules[row][col] = False
        if version >= 7:
            sym.setupTypeNumber(False)
        base = _ints(modules, n)
        data = [0] * n
        for col, row in places:
            data[row] |= 1 << (n - 1 - col)
        masks, formats = [], []
        for k in range(8):
            fn = qrencoder.QRUtil.getMask(k)
            masks.append(tuple(
                int("".join("1" if fn(r, c) else "0" for c in range(n)), 2) for r in range(n)
            ))
            sym.modules = [[False] * n for _ in range(n)]
            sym.setupTypeInfo(False, k)
            formats.append(_ints(sym.modules, n))
        tpl = _Template(n, base, tuple(data), tuple((row, 1 << (n - 1 - col))
                        for col, row in places), tuple(masks), tuple(formats))
        self._templates[version] = tpl
        return tpl


def penalty(rows: list[int], n: int) -> int:
    """The ISO/IEC 18004 mask penalty (rules 1 to 4) of a symbol given as row integers."""
    lines = [format(r, f"0{n}b") for r in rows]
    lines += ["".join(col) for col in zip(*lines, strict=True)]
    # One string for all rows and columns: the separator stops runs and patterns at the edges.
    text = "|".join(lines)
    runs = _RUN.findall(text)
    score = sum(map(len, runs)) - 2 * len(runs)  # 3 for five in a row, 1 more for each further
    score += 40 * len(_FINDER.findall(text))
    inner = (1 << (n - 1)) - 1
    for a, b in itertools.pairwise(rows):
        same = ~(a ^ b)
        score += 3 * (same & (same >> 1) & ~(a ^ (a >> 1)) & inner).bit_count()
    dark = sum(r.bit_count() for r in rows)
    score += 10 * (abs(dark * 100 // (n * n) - 50) // 5)
    return score


def dark_runs(lines: tuple[str, ...]) -> tuple[tuple[int, int, int], ...]:
    """(row, first column, length) of each horizontal run of dark modules."""
    return tuple(
        (r, m.start(), m.end() - m.start()) for r, line in enumerate(lines)
        for m in _DARK.finditer(line)
    )
