"""Borehole logs: no text is printed over other text.

The demo project's logs, as a coordinator prints them: B01 carries a deviation (afwijking) under its
log, and boreholes whose stop reason is long. Every character's box on every page is read back from the
rendered PDF (pypdfium2) and no two characters may cover each other: the deviation once landed on the
last layer's description and the header's groundwater level ran into the log beside it.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import pypdfium2 as pdfium

from fieldapp import demo
from fieldapp.export import export
from fieldapp.session import Session
from fieldapp.settings import Settings

Box = tuple[float, float, float, float]
CELL = 12.0  # points: the grid that keeps the comparison to neighbours


def _overlap(a: Box, b: Box) -> float:
    w = min(a[2], b[2]) - max(a[0], b[0])
    h = min(a[3], b[3]) - max(a[1], b[1])
    return w * h if w > 0 and h > 0 else 0.0


def _collisions(pdf: Path) -> list[str]:
    found = []
    doc = pdfium.PdfDocument(pdf)
    for number in range(len(doc)):
        text = doc[number].get_textpage()
        chars: list[tuple[str, Box]] = []
        for i in range(text.count_chars()):
            ch = text.get_text_range(i, 1)
            if ch.strip():
                chars.append((ch, text.get_charbox(i)))
        grid: dict[tuple[int, int], list[int]] = defaultdict(list)
        for n, (_ch, (left, bottom, right, top)) in enumerate(chars):
            for gx in range(int(left // CELL), int(right // CELL) + 1):
                for gy in range(int(bottom // CELL), int(top // CELL) + 1):
                    grid[gx, gy].append(n)
        seen: set[tuple[int, int]] = set()
        for members in grid.values():
            for a in members:
                for b in members:
                    if a >= b or (a, b) in seen:
                        continue
                    seen.add((a, b))
                    box_a, box_b = chars[a][1], chars[b][1]
                    smaller = min((box_a[2] - box_a[0]) * (box_a[3] - box_a[1]),
                                  (box_b[2] - box_b[0]) * (box_b[3] - box_b[1]))
                    if smaller > 0 and _overlap(box_a, box_b) > 0.3 * smaller:
                        context_a = text.get_text_range(max(0, a - 15), 30)
                        context_b = text.get_text_range(max(0, b - 15), 30)
                        found.append(f"page {number + 1}: {context_a!r} over {context_b!r}")
        if len(found) > 5:
            break
    return found


def test_no_text_in_the_demo_logs_is_printed_over_other_text(tmp_path: Path) -> None:
    with Session.open(tmp_path / "demo.sqlite", settings=Settings(user="coordinator")) as session:
        demo.create(session, boreholes=12, seed=1)
        export(session, "2026-0142", "borelogs", tmp_path / "logs")
    assert _collisions(tmp_path / "logs" / "logs.pdf") == []
