"""The purge chart: EC, pH, temperature, turbidity (and O2 where measured) against purge volume.

One panel per parameter, stacked on a shared volume axis, because the four have nothing in
common but the volume: one plot with four y axes is unreadable on a laptop in the sun.
Each panel shades the stability band of its parameter over the readings the stop rule looks
at, the whole well volumes are marked on the volume axis (rules count them: "at least 5 well
volumes"), and the reading at which the stop rule was met gets a heavy vertical bar across
every panel with the rule's name. Lines are thick and each parameter has its own marker
shape as well as its own colour, so it reads without colour and through a sun glare.

Plain QPainter: 200 readings redraw in a few milliseconds (bench/bench_well.py); a chart
library would cost more to start than the whole chart costs to draw.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPaintEvent, QPen, QPolygonF
from PySide6.QtWidgets import QSizePolicy, QWidget

from fieldapp.domain import purge
from fieldapp.domain.purge import Reading
from ui.i18n import decimal, tr, tr_noop
from ui.theme import current_theme


@dataclass(frozen=True)
class Series:
    key: str
    title: str  # English, translated when drawn
    unit: str
    places: int
    colours: tuple[str, str]  # normal theme, sunlight theme
    marker: str  # circle, square, triangle, diamond, cross


#: the parameters drawn, by the core's reading columns (fieldapp.domain.purge.PARAMETERS)
SERIES = (
    Series("ec_us_cm", tr_noop("EC"), "µS/cm", 0, ("#0b57d0", "#0030a0"), "circle"),
    Series("ph", tr_noop("pH"), "", 2, ("#b3261e", "#a00000"), "square"),
    Series("temperature_c", tr_noop("Temperature"), "°C", 1, ("#8e4a00", "#5a2d00"), "triangle"),
    Series("turbidity_ntu", tr_noop("Turbidity"), "NTU", 1, ("#5b3b8c", "#3a1070"), "diamond"),
    Series("o2_mg_l", tr_noop("O2"), "mg/l", 1, ("#00695c", "#004d40"), "cross"),
)
#: a parameter's stability band: (low, high, volume of the first reading the band is judged over)
Band = tuple[float, float, float]
_STOP = ("#1b7a2f", "#005a14")
MARKED_ALL = 40  # up to this many readings every one gets its marker
_BAND = ("#00838f", "#000000")


def nice_ticks(lo: float, hi: float, most: int = 4) -> list[float]:
    """Round tick values covering lo..hi, at most about ``most`` of them."""
    if not math.isfinite(lo) or not math.isfinite(hi):
        return []
    if hi <= lo:
        hi = lo + 1.0
    raw = (hi - lo) / max(1, most)
    mag = 10 ** math.floor(math.log10(raw))
    step = next(m * mag for m in (1, 2, 2.5, 5, 10) if m * mag >= raw)
    first = math.ceil(lo / step - 1e-9) * step
    out = []
    v = first
    while v <= hi + step * 1e-9:
        out.append(round(v, 10))
        v += step
    return out


def tick_places(ticks: Sequence[float]) -> int:
    """Decimals that show every tick of an evenly spaced row the same way (6,50 and 7,00, not 6,5 and 7)."""
    if len(ticks) < 2:
        return 0
    step = abs(ticks[1] - ticks[0])
    places = 0
    while places < 4 and abs(step * 10 ** places - round(step * 10 ** places)) > 1e-6:
        places += 1
    return places


def bands_of(readings: Sequence[Reading], rules: purge.StopRules | None = None) -> dict[str, Band]:
    """The stability band of each parameter over the readings its criterion judges (the core's
    :func:`fieldapp.domain.purge.band`), where there are enough readings for one."""
    rules = rules or purge.load()
    ordered = purge.in_purge_order(readings)
    out: dict[str, Band] = {}
    for s in SERIES:
        span = purge.band(ordered, s.key, rules)
        criterion = rules.stability.get(s.key)
        if span is None or criterion is None:
            continue
        having = [r for r in ordered if r.value(s.key) is not None]
        out[s.key] = (span[0], span[1], having[-criterion.window].volume_l)
    return out


class PurgeChart(QWidget):
    """The live chart of one sampling round's readings."""

    #: the stop rule was met at this reading (index into the readings); emitted once per change
    stop_rule_met = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("purge-chart")
        self.setMinimumSize(360, 320)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        self._points: list[Reading] = []
        self._bands: Mapping[str, Band] = {}
        self._well_volume_l: float | None = None
        self._stop: int | None = None
        self._stop_text = ""
        self.sunlight_override: bool | None = None  # None: as the theme applied (ui.theme)

    @property
    def sunlight(self) -> bool:
        """Drawn for the sun: the theme's choice, read at every paint so a theme change shows at once."""
        return current_theme() == "sunlight" if self.sunlight_override is None else self.sunlight_override

    @sunlight.setter
    def sunlight(self, value: bool | None) -> None:
        self.sunlight_override = value

    # data -------------------------------------------------------------------
    @property
    def points(self) -> list[Reading]:
        return list(self._points)

    @property
    def stop_index(self) -> int | None:
        return self._stop

    def set_well_volume(self, litres: float | None) -> None:
        self._well_volume_l = litres if litres and litres > 0 else None
        self.update()

    def set_readings(self, points: Sequence[Reading], stop_index: int | None = None, stop_text: str = "",
                     bands: Mapping[str, Band] | None = None) -> None:
        """Show ``points`` in purge order; ``stop_index``: the reading at which the stop rule held;
        ``bands``: per parameter its stability band (:func:`bands_of`)."""
        self._points = list(points)
        self._bands = bands or {}
        self._stop_text = stop_text
        changed = stop_index != self._stop
        self._stop = stop_index if stop_index is not None and 0 <= stop_index < len(self._points) else None
        self.update()
        if changed and self._stop is not None:
            self.stop_rule_met.emit(self._stop)

    def shown_series(self) -> list[Series]:
        """EC, pH, temperature and turbidity always; O2 only where a reading has it."""
        return [s for s in SERIES if s.key != "o2_mg_l" or any(p.o2_mg_l is not None for p in self._points)]

    # drawing ----------------------------------------------------------------
    def _colour(self, pair: tuple[str, str]) -> QColor:
        return QColor(pair[1] if self.sunlight else pair[0])

    def paintEvent(self, _event: QPaintEvent) -> None:
        p = QPainter(self)  # frames and grid straight and sharp; only the curves antialiased (and fast)
        pal = self.palette()
        fg = pal.windowText().color()
        p.fillRect(self.rect(), pal.base())
        font = QFont(self.font())
        font.setBold(self.sunlight)
        p.setFont(font)
        fm = QFontMetricsF(font)
        line_h = fm.height()
        series = self.shown_series()
        left = fm.horizontalAdvance("00000") + 14
        right = 12.0
        top = line_h + 6  # the stop-rule caption
        bottom = line_h * 2 + 10  # volume ticks and axis title
        w = max(10.0, self.width() - left - right)
        h = max(10.0, self.height() - top - bottom)
        gap = 6.0
        panel_h = (h - gap * (len(series) - 1)) / len(series)
        vols = [pt.volume_l for pt in self._points]
        vmax = max([*vols, self._well_volume_l or 0.0, 1.0])
        x_ticks = nice_ticks(0.0, vmax, 6)
        vmax = max(vmax * 1.03, x_ticks[-1] if x_ticks else vmax)  # the last marker whole, not cut by the frame

        def x_of(v: float) -> float:
            return left + v / vmax * w

        # an opaque mix, not a translucent pen: Qt's raster engine draws a 1 px translucent line ~50x slower
        grid = _mix(fg, pal.base().color(), 0.43 if self.sunlight else 0.22)
        # whole well volumes: the rules count them
        if self._well_volume_l:
            caption = tr("× well volume")
            caption_x = left + w - fm.horizontalAdvance(caption)
            p.setPen(fg)
            p.drawText(QPointF(caption_x, top + h + line_h * 2 + 6), caption)
            step = 1 if vmax / self._well_volume_l < 12 else 5
            n = 1
            while n * self._well_volume_l <= vmax:
                x = x_of(n * self._well_volume_l)
                p.setPen(QPen(grid, 1, Qt.PenStyle.DashLine))
                p.drawLine(QPointF(x, top), QPointF(x, top + h))
                label = f"{n}×"
                half = fm.horizontalAdvance(label) / 2
                if x + half < caption_x - 8:
                    p.setPen(fg)
                    p.drawText(QPointF(x - half, top + h + line_h * 2 + 6), label)
                n = n + step if n > 1 or step == 1 else step
        for i, s in enumerate(series):
            y0 = top + i * (panel_h + gap)
            self._panel(p, s, QRectF(left, y0, w, panel_h), x_of, fg, grid, fm)
        # volume axis: its title at the right end of the tick row, ticks that would run into it left out
        p.setPen(QPen(fg, 1.5))
        p.drawLine(QPointF(left, top + h), QPointF(left + w, top + h))
        title = tr("purge volume (l)")
        title_x = left + w - fm.horizontalAdvance(title)
        places = tick_places(x_ticks)
        for t in x_ticks:
            x = x_of(t)
            p.drawLine(QPointF(x, top + h), QPointF(x, top + h + 4))
            label = decimal(t, places)
            half = fm.horizontalAdvance(label) / 2
            if x + half < title_x - 8:
                p.drawText(QPointF(x - half, top + h + line_h + 2), label)
        p.drawText(QPointF(title_x, top + h + line_h + 2), title)
        if self._stop is not None:
            self._stop_bar(p, x_of(self._points[self._stop].volume_l), top, h, fm)
        elif not self._points:
            p.setPen(fg)
            p.drawText(QRectF(left, top, w, h), Qt.AlignmentFlag.AlignCenter,
                       tr("No readings yet: type the first reading below."))
        p.end()

    def _panel(self, p: QPainter, s: Series, r: QRectF, xf: Callable[[float], float], fg: QColor, grid: QColor,
               fm: QFontMetricsF) -> None:
        pts = [(pt.volume_l, v) for pt in self._points if (v := getattr(pt, s.key)) is not None]
        span = self._bands.get(s.key)
        values = [v for _, v in pts] + ([span[0], span[1]] if span else [])
        lo, hi = (min(values), max(values)) if values else (0.0, 1.0)
        pad = (hi - lo) * 0.12 or max(abs(hi) * 0.05, 0.5)
        lo, hi = lo - pad, hi + pad
        # room above the curve for the panel's name
        hi += (hi - lo) * (fm.height() + 4) / max(1.0, r.height() - fm.height() - 4)
        ticks = nice_ticks(lo, hi, 5 if r.height() > 70 else 3)

        def y_of(v: float) -> float:
            return r.bottom() - (v - lo) / (hi - lo) * r.height()

        colour = self._colour(s.colours)
        p.setPen(QPen(fg, 1.5 if self.sunlight else 1))
        p.setBrush(Qt.BrushStyle.NoBrush)
        p.drawRect(r)
        if span is not None:
            shade = _mix(self._colour(_BAND), self.palette().base().color(), 0.27 if self.sunlight else 0.18)
            x1 = xf(span[2])
            band_rect = QRectF(QPointF(x1, y_of(span[1])), QPointF(r.right(), y_of(span[0]))).intersected(r)
            p.fillRect(band_rect, shade)
            edge = self._colour(_BAND)
            p.setPen(QPen(edge, 1.5, Qt.PenStyle.DashLine))
            p.drawLine(band_rect.topLeft(), band_rect.topRight())
            p.drawLine(band_rect.bottomLeft(), band_rect.bottomRight())
        for t in ticks:
            y = y_of(t)
            if r.top() <= y <= r.bottom():
                p.setPen(QPen(grid, 1))
                p.drawLine(QPointF(r.left(), y), QPointF(r.right(), y))
                p.setPen(fg)
                label = decimal(t, tick_places(ticks))
                p.drawText(QPointF(r.left() - fm.horizontalAdvance(label) - 5, y + fm.ascent() / 2 - 1), label)
        name = tr(s.title) + (f" ({s.unit})" if s.unit else "")
        if pts:
            name += "   " + decimal(pts[-1][1], s.places)
        # the name on the panel's own background: readable where the line runs through it
        name_box = QRectF(r.left() + 1, r.top() + 1, fm.horizontalAdvance(name) + 10, fm.height() + 2)
        p.fillRect(name_box, self.palette().base())
        p.setPen(colour)
        p.drawText(name_box, Qt.AlignmentFlag.AlignCenter, name)
        if not pts:
            return
        spots = [QPointF(xf(v), y_of(val)) for v, val in pts]
        poly = QPolygonF(spots)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.setPen(QPen(colour, 3.5 if self.sunlight else 2.5))
        p.drawPolyline(poly)
        p.setPen(QPen(colour, 1.5))
        p.setBrush(colour)
        # a marker on every reading while they stand apart; on a long purge, where they would merge
        # into a band, on the readings the stability is judged over
        marked = spots if len(spots) <= MARKED_ALL else spots[-3:]
        for q in marked:
            _marker(p, s.marker, q, 4.5)
        p.setRenderHint(QPainter.RenderHint.Antialiasing, False)

    def _stop_bar(self, p: QPainter, x: float, top: float, h: float, fm: QFontMetricsF) -> None:
        colour = self._colour(_STOP)
        p.setPen(QPen(colour, 5))
        p.drawLine(QPointF(x, top - 2), QPointF(x, top + h))
        text = tr("stop rule met") + (f": {self._stop_text}" if self._stop_text else "")
        # the whole rule where it fits; the bar under the chart always says it in full
        text = fm.elidedText(text, Qt.TextElideMode.ElideRight, self.width() - 16)
        width = fm.horizontalAdvance(text) + 12
        x_text = min(max(2.0, x - width / 2), self.width() - width - 2)
        box = QRectF(x_text, 1, width, fm.height() + 3)
        p.fillRect(box, colour)
        p.setPen(QColor("#ffffff"))
        p.drawText(box, Qt.AlignmentFlag.AlignCenter, text)


def _mix(a: QColor, b: QColor, share_a: float) -> QColor:
    def part(x: float, y: float) -> float:
        return share_a * x + (1 - share_a) * y

    return QColor.fromRgbF(part(a.redF(), b.redF()), part(a.greenF(), b.greenF()), part(a.blueF(), b.blueF()))


def _marker(p: QPainter, kind: str, c: QPointF, r: float) -> None:
    if kind == "circle":
        p.drawEllipse(c, r, r)
    elif kind == "square":
        p.drawRect(QRectF(c.x() - r, c.y() - r, 2 * r, 2 * r))
    elif kind == "triangle":
        p.drawPolygon(QPolygonF([QPointF(c.x(), c.y() - r * 1.2), QPointF(c.x() + r * 1.1, c.y() + r * 0.8),
                                 QPointF(c.x() - r * 1.1, c.y() + r * 0.8)]))
    elif kind == "diamond":
        p.drawPolygon(QPolygonF([QPointF(c.x(), c.y() - r * 1.3), QPointF(c.x() + r * 1.3, c.y()),
                                 QPointF(c.x(), c.y() + r * 1.3), QPointF(c.x() - r * 1.3, c.y())]))
    else:
        p.drawLine(QPointF(c.x() - r, c.y() - r), QPointF(c.x() + r, c.y() + r))
        p.drawLine(QPointF(c.x() - r, c.y() + r), QPointF(c.x() + r, c.y() - r))
