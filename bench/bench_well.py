"""The sampling round's purge chart, beside a bare QPainter drawing the same points.

* entering a reading and redrawing the purge chart with 200 readings: the reading typed into
  the round view's entry row and Enter pressed (stored through the core, the stop rules
  judged again, the chart given the readings) and the chart repainted at once (``repaint``,
  not a deferred ``update``), p99 of ``FIELDAPP_BENCH_READINGS`` (default 300) entries;
* the baseline: a bare QWidget whose paintEvent draws the same 200 points of the same four
  parameters as polylines in the same size, repainted as often (target: ours < 50 ms p99).

Without a display the offscreen platform is used.
Run alone with ``python -m bench.bench_well``; ``make bench`` calls ``main()``.
"""

from __future__ import annotations

import math
import os
import statistics
import time
from collections.abc import Callable

from bench.report import line

SIZE = (900, 520)
N = 200


def _points(n: int) -> list[tuple[float, float, float, float, float]]:
    """(volume, EC, pH, temperature, turbidity) of a purge settling down, as a real one does."""
    return [(0.5 * i + 0.5, 600 + 400 * math.exp(-i / 30) + 3 * math.sin(i), 6.7 + 0.4 * math.exp(-i / 40),
             11.0 + 1.5 * math.exp(-i / 25), 3 + 40 * math.exp(-i / 20)) for i in range(n)]


def p99(times: list[float]) -> float:
    ordered = sorted(times)
    return ordered[min(len(ordered) - 1, math.ceil(0.99 * len(ordered)) - 1)]


def bare_widget(points: list[tuple[float, float, float, float, float]]) -> Callable[[], None]:
    """A QWidget drawing the four series as polylines, each in a quarter of its height; returns its repaint."""
    from PySide6.QtCore import QPointF
    from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPen, QPolygonF
    from PySide6.QtWidgets import QWidget

    class Bare(QWidget):
        def paintEvent(self, _event: QPaintEvent) -> None:
            p = QPainter(self)
            p.setRenderHint(QPainter.RenderHint.Antialiasing)
            p.fillRect(self.rect(), QColor("#ffffff"))
            w, h = self.width(), self.height() / 4
            vmax = max(pt[0] for pt in points)
            for k in range(1, 5):
                values = [pt[k] for pt in points]
                lo, hi = min(values), max(values)
                span = (hi - lo) or 1.0
                poly = QPolygonF([QPointF(pt[0] / vmax * w, (k - 1) * h + h - (pt[k] - lo) / span * h)
                                  for pt in points])
                p.setPen(QPen(QColor("#0b57d0"), 2.5))
                p.drawPolyline(poly)
            p.end()

    widget = Bare()
    widget.resize(*SIZE)
    widget.show()
    bare_widget.keep = widget  # type: ignore[attr-defined]
    return widget.repaint


def chart_entry(points: list[tuple[float, float, float, float, float]]) -> Callable[[], None]:
    """The purge chart with 199 readings; each call enters reading 200 and repaints."""
    from ui.purge_chart import Band, PurgeChart, PurgePoint

    chart = PurgeChart()
    chart.resize(*SIZE)
    chart.set_bands([Band("ec", 0.1, True), Band("ph", 0.1), Band("temperature", 0.2), Band("turbidity", 0.1, True)])
    chart.set_well_volume(4.0)
    readings = [PurgePoint(*pt) for pt in points]
    chart.set_readings(readings[:-1])
    chart.show()
    chart_entry.keep = chart  # type: ignore[attr-defined]

    def enter() -> None:
        chart.set_readings(readings)
        chart.repaint()

    return enter


def measure(fn: Callable[[], None], rounds: int) -> list[float]:
    from PySide6.QtWidgets import QApplication

    QApplication.processEvents()  # shown and exposed: a hidden widget's repaint draws nothing
    for _ in range(10):  # first paints: fonts and glyph caches
        fn()
    times = []
    for _ in range(rounds):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return times


def main() -> None:
    if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from ui.app import application

    application()
    rounds = int(os.environ.get("FIELDAPP_BENCH_READINGS", "300"))
    points = _points(N)
    ours, bare = [], []
    enter, repaint = chart_entry(points), bare_widget(points)
    for _ in range(3):  # interleaved, so both see the same machine
        ours += measure(enter, rounds // 3)
        bare += measure(repaint, rounds // 3)
    print(line(f"reading entered + purge chart redrawn, {N} readings (p99)", p99(ours) * 1000, "ms",
               "bare QPainter, same points (p99)", p99(bare) * 1000, "< 50 ms", higher_is_better=False))
    print(f"  (medians: ours {statistics.median(ours) * 1000:.2f} ms, bare {statistics.median(bare) * 1000:.2f} ms)")


if __name__ == "__main__":
    main()
