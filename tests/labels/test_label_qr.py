"""Our QR mask selection: the same symbol reportlab would draw for that mask, and it scans."""

from __future__ import annotations

import zxingcpp
from hypothesis import given, settings
from hypothesis import strategies as st
from PIL import Image
from reportlab.graphics.barcode import qrencoder

from fieldapp.labels.qr import LEVEL, QrEncoder, penalty

printable = st.text(st.characters(min_codepoint=0x20, max_codepoint=0x7E), min_size=1, max_size=230)


def reportlab_symbol(text: str, mask: int) -> tuple[str, ...]:
    sym = qrencoder.QRCode(None, LEVEL)
    sym.addData(text)
    sym.version = sym.calculate_version()
    sym.makeImpl(False, mask)
    return tuple("".join("1" if m else "0" for m in row) for row in sym.modules)


def image(lines: tuple[str, ...], scale: int = 4, quiet: int = 4) -> Image.Image:
    n = len(lines)
    img = Image.new("L", ((n + 2 * quiet) * scale,) * 2, 255)
    for r, line in enumerate(lines):
        for c, ch in enumerate(line):
            if ch == "1":
                x, y = (c + quiet) * scale, (r + quiet) * scale
                img.paste(0, (x, y, x + scale, y + scale))
    return img


@settings(max_examples=60, deadline=None)
@given(printable)
def test_the_symbol_matches_reportlab_for_the_chosen_mask_and_scans(text: str) -> None:
    lines, mask = QrEncoder().encode(text)
    assert lines == reportlab_symbol(text, mask)
    (found,) = zxingcpp.read_barcodes(image(lines))
    assert found.text == text


def test_one_encoder_reuses_its_templates_across_versions() -> None:
    enc = QrEncoder()
    for text in ["FA-1E7565XVBS", "x" * 200, "FA-000001", "y" * 200]:  # v1, v9 (version info)
        lines, mask = enc.encode(text)
        assert lines == reportlab_symbol(text, mask)


def test_penalty_rules_on_an_all_dark_symbol() -> None:
    n = 21
    rows = [(1 << n) - 1] * n
    runs = 2 * n * (n - 2)  # rule 1: a run of 21 in every row and column scores 3 + 16
    blocks = 3 * (n - 1) ** 2  # rule 2: every 2 x 2 block
    balance = 10 * 10  # rule 4: 100 % dark is 50 points off balance, 10 steps of 5
    assert penalty(rows, n) == runs + blocks + balance

