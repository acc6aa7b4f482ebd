"""The project's name and client in the head of a page of borehole logs or of the site map, fitted to the
room beside what stands to their right ("blad 2 van 9", the map's legend and scale bar).

A project name of fifty characters ran into the map's legend, and a longer one, or a long client or
address, over the page number of the logs and off the page. The line is set smaller, down to a floor,
and then the name (or each value) is shortened in its middle with an ellipsis; the project code, which
identifies the project, is always whole.
"""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.pdfbase.pdfmetrics import stringWidth

from fieldapp.labels.plan import shorten_middle


def fit_title(prefix: str, name: str, font: str, size: float, smallest: float, width: float) -> tuple[str, float]:
    """``prefix + name`` in ``font`` at the largest size from ``size`` down to ``smallest`` at which it fits
    ``width``, else at ``smallest`` with ``name`` shortened; returns (text, size)."""
    text = prefix + name
    step = size
    while step >= smallest:
        if stringWidth(text, font, step) <= width:
            return text, step
        step -= 0.5
    room = width - stringWidth(prefix, font, smallest)
    return prefix + shorten_middle(name, font, smallest, max(room, 0.0)), smallest


def fit_fields(fields: Sequence[tuple[str, str]], font: str, size: float, width: float, sep: str = "   ") -> str:
    """``label value`` pairs on one line ``sep`` apart, the longest values shortened until it fits ``width``;
    a short value is kept whole and leaves its room to the others."""
    values = [value for _label, value in fields]

    def joined() -> str:
        return sep.join(f"{label}{value}" for (label, _v), value in zip(fields, values, strict=True))

    if stringWidth(joined(), font, size) <= width:
        return joined()
    fixed = stringWidth(sep * (len(fields) - 1) + "".join(label for label, _v in fields), font, size)
    left = width - fixed
    order = sorted(range(len(values)), key=lambda i: stringWidth(values[i], font, size))
    for k, i in enumerate(order):
        share = left / (len(order) - k)
        if stringWidth(values[i], font, size) > share:
            values[i] = shorten_middle(values[i], font, size, max(share, 0.0))
        left -= stringWidth(values[i], font, size)
    return joined()
