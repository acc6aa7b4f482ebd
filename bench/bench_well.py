"""The sampling round's purge chart, beside a bare QPainter drawing the same points.

* entering a reading and redrawing the purge chart with 200 readings: in the sampling round
  view (ui/well_round.py) on a round of 199 stored readings, reading 200 put in the entry row
  and submitted as Enter does (stored through the core in a real SQLite file, the readings
  read back, the stop rules judged again, table and chart given them) and the chart repainted
  at once (``repaint``, not a deferred ``update``); p99 of ``FIELDAPP_BENCH_READINGS``
  (default 300) entries, the new reading taken out again between them (not timed);
* the baseline: a bare QWidget whose paintEvent draws the same 200 points of the same four
  parameters as polylines in the same size, repainted as often (target: ours < 50 ms p99).

Without a display the offscreen platform is used.
Run alone with ``python -m bench.bench_well``; ``make bench`` calls ``main()``.
"""

from __future__ import annotations

import math
import os
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

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


def view_entry(db: Path, points: list[tuple[float, float, float, float, float]]) -> tuple[Callable[[], None],
                                                                                    Callable[[], None]]:
    """The sampling round view on a round of 199 stored readings (a real SQLite file): returns
    (enter reading 200 as typed and repaint the chart, take that reading out again)."""
    from fieldapp.codelists import CodeLists
    from fieldapp.domain import borehole, project, well
    from fieldapp.domain import sampling_round as round_mod
    from fieldapp.domain.purge import Reading
    from fieldapp.session import Session
    from fieldapp.settings import Settings
    from ui.well_round import SamplingRoundDialog

    session = Session.open(db, settings=Settings(user="bench", language="en"), lists=CodeLists.load())
    proj = project.create(session, code="B1", name="Bench")
    hole = borehole.create(session, proj.id, code="PB01", kind="peilbuis", started_at="2026-11-09T09:00:00+01:00")
    borehole.set_final_depth(session, hole.id, "6.00", "einddoel")
    placed = well.place(session, hole.id, well.WellSpec(filter_top="4.00", filter_bottom="5.00", pipe_diameter_mm=50,
                                                        pipe_top="0.50", placed_at="2026-11-09T10:30:00+01:00"))
    found = round_mod.start(session, placed.id, round_mod.RoundSpec(started_at="2026-11-18T09:15:00+01:00",
                                                                    water_level="1.50", flow_ml_min=500))
    readings = [Reading(*pt) for pt in points]
    round_mod.add_readings(session, found.id, readings[:-1])
    dialog = SamplingRoundDialog(session, placed, "PB01-1", "en", found)
    dialog.resize(1366, 740)
    dialog.show()
    view_entry.keep = (session, dialog)  # type: ignore[attr-defined]
    last = points[-1]
    texts = [f"{v:.2f}" for v in last]

    def enter() -> None:
        for edit, text in zip(dialog.entry.edits, texts, strict=False):
            edit.setText(text)
        dialog.entry.submit()  # as Enter in the last box: stored, judged, chart and table given the readings
        dialog.chart.repaint()

    def take_out() -> None:
        newest = max(round_mod.readings(session.store, found.id), key=lambda r: r.volume_l)
        round_mod.delete_reading(session, newest.id)

    return enter, take_out


def measure(fn: Callable[[], None], rounds: int, after: Callable[[], None] | None = None) -> list[float]:
    from PySide6.QtWidgets import QApplication

    QApplication.processEvents()  # shown and exposed: a hidden widget's repaint draws nothing
    for _ in range(10):  # first paints: fonts and glyph caches
        fn()
        if after is not None:
            after()
    times = []
    for _ in range(rounds):
        t0, c0 = time.perf_counter(), time.process_time()
        fn()
        times.append(time.perf_counter() - t0)
        CPU.setdefault(fn, []).append(time.process_time() - c0)
        if after is not None:  # not timed: back to 199 readings for the next entry
            after()
    return times


#: per measured function, the process CPU time of each call: what the work costs without waiting for a core
CPU: dict[Callable[[], None], list[float]] = {}


def main() -> None:
    if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from ui.app import application

    application()
    rounds = int(os.environ.get("FIELDAPP_BENCH_READINGS", "300"))
    points = _points(N)
    ours: list[float] = []
    bare: list[float] = []
    with tempfile.TemporaryDirectory(prefix="fieldapp-bench-well-") as tmp:
        enter, take_out = view_entry(Path(tmp) / "field.sqlite", points)
        repaint = bare_widget(points)
        for _ in range(3):  # interleaved, so both see the same machine
            ours += measure(enter, rounds // 3, take_out)
            bare += measure(repaint, rounds // 3)
        session, dialog = view_entry.keep  # type: ignore[attr-defined]
        dialog.close()
        session.close()
    print(line(f"reading entered + purge chart redrawn, {N} readings (p99)", p99(ours) * 1000, "ms",
               "bare QPainter, same points (p99)", p99(bare) * 1000, "< 50 ms", higher_is_better=False))
    print(f"  (medians: ours {statistics.median(ours) * 1000:.2f} ms, bare {statistics.median(bare) * 1000:.2f} ms; "
          f"CPU time p99: ours {p99(CPU[enter]) * 1000:.2f} ms, bare {p99(CPU[repaint]) * 1000:.2f} ms; "
          f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores)")


if __name__ == "__main__":
    main()
