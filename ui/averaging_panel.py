"""Live position and averaging: running count and spread, a scatter plot of the
averaged fixes, the target, the required positioning class, and the way to the
planned location.

Fixes come from :class:`ui.gnss_bridge.GnssBridge`. While averaging, a fix is
taken only when the receiver reports a fix *and* the fix arrived less than
``MAX_FIX_AGE`` ago: when the receiver is unplugged the panel says so and
pauses, and it resumes by itself with the first fresh fix after it returns.
"""

from __future__ import annotations

import math
import time
from collections import Counter
from dataclasses import replace

from PySide6.QtCore import QPointF, Qt, Signal, Slot
from PySide6.QtGui import QColor, QPainter, QPen
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QLabel, QPushButton, QSpinBox, QVBoxLayout, QWidget

from drivers.gnss.receiver import ReceiverState, Status
from fieldapp.errors import CoordinateError
from fieldapp.positions.averaging import AveragedPosition, Averager, AveragingTarget, StopReason
from fieldapp.positions.deviation import class_bound_cm, worse_than
from fieldapp.positions.model import Fix
from fieldapp.positions.rdnap import RdNap, RdPoint
from fieldapp.positions.why import reasons_said, telling_first
from ui.gnss_bridge import MAX_FIX_AGE, NO_RECEIVER, NOT_NMEA, GnssBridge
from ui.gnss_indicator import accuracy_text, fix_words, not_nmea_check, status_words
from ui.i18n import counted, decimal, shown, tr, typed
from ui.models import position_class_text

_M_PER_DEG = 111_320.0

__all__ = ["AveragingPanel", "ScatterPlot", "class_bound_cm", "compass", "way_to", "worse_than"]


def way_to(here: RdPoint, x: float, y: float) -> tuple[float, float]:
    """Distance (m) and bearing (degrees from grid north) from ``here`` to (x, y)."""
    dx, dy = x - here.x, y - here.y
    return math.hypot(dx, dy), math.degrees(math.atan2(dx, dy)) % 360


def compass(bearing: float) -> str:
    names = (tr("N"), tr("NE"), tr("E"), tr("SE"), tr("S"), tr("SW"), tr("W"), tr("NW"))
    return names[int((bearing + 22.5) // 45) % 8]


class ScatterPlot(QWidget):
    """The averaged fixes around their mean, north up, with 1 m rings."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setMinimumSize(180, 180)
        self._points: list[tuple[float, float]] = []  # east, north in metres from the mean

    def set_fixes(self, fixes: list[Fix]) -> None:
        if not fixes:
            self._points = []
        else:
            lat = sum(f.lat for f in fixes) / len(fixes)
            lon = sum(f.lon for f in fixes) / len(fixes)
            c = math.cos(math.radians(lat))
            self._points = [((f.lon - lon) * _M_PER_DEG * c, (f.lat - lat) * _M_PER_DEG) for f in fixes]
        self.update()

    def paintEvent(self, _event: object) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        side = min(self.width(), self.height()) - 8
        cx, cy = self.width() / 2, self.height() / 2
        fg = self.palette().windowText().color()
        p.fillRect(self.rect(), self.palette().base())
        reach = max([1.0] + [math.hypot(e, n) for e, n in self._points]) * 1.15
        scale = side / 2 / reach
        p.setPen(QPen(fg, 1, Qt.PenStyle.DashLine))
        rings = max(1, int(reach))
        step = max(1, rings // 4)
        for r in range(step, rings + 1, step):
            p.drawEllipse(QPointF(cx, cy), r * scale, r * scale)
        p.setPen(QPen(fg, 1))
        p.drawLine(QPointF(cx, cy - side / 2), QPointF(cx, cy + side / 2))
        p.drawLine(QPointF(cx - side / 2, cy), QPointF(cx + side / 2, cy))
        p.drawText(QPointF(cx + 4, cy - side / 2 + 12), tr("N"))
        p.drawText(QPointF(cx + 4, cy + side / 2 - 4), tr("{m} m per ring").format(m=step))
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(QColor("#0050d0"))
        for e, n in self._points:
            p.drawEllipse(QPointF(cx + e * scale, cy - n * scale), 4, 4)
        p.end()


class AveragingPanel(QWidget):
    #: the averaging met its target (or was stopped) with this result
    finished = Signal(object)
    #: a fix was taken into the average (the new count)
    taken = Signal(int)
    #: the sampler changed when averaging stops (the new target)
    target_edited = Signal(object)

    def __init__(self, bridge: GnssBridge, rdnap: RdNap, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._bridge = bridge
        self._rd = rdnap
        self._target = AveragingTarget(count=30)
        self._required: str | None = None
        self._planned: tuple[float, float] | None = None
        self._averager: Averager | None = None
        self._fixes: list[Fix] = []
        self._sources: Counter[str] = Counter()
        self._paused = False
        self.result: AveragedPosition | None = None

        self.live_label = QLabel(tr("Waiting for the receiver…"))
        self.live_label.setWordWrap(True)
        self.way_label = QLabel()
        self.state_label = QLabel()
        self.state_label.setObjectName("averaging-state")
        self.count_label = QLabel()
        self.spread_label = QLabel()
        self.class_label = QLabel()
        self.warning_label = QLabel()
        self.warning_label.setProperty("role", "warning")
        self.warning_label.setWordWrap(True)
        self.warning_label.setVisible(False)
        self.plot = ScatterPlot()
        self.average_button = QPushButton(tr("Start averaging"))
        self.average_button.setToolTip(tr("Collect fixes here until the target is met (F5)"))
        self.average_button.setShortcut("F5")
        self.average_button.clicked.connect(self.toggle)
        # when averaging stops, in view and settable: a hidden time limit used to end it early
        self.count_spin = QSpinBox()
        self.count_spin.setRange(0, 999)
        self.count_spin.setSpecialValueText(tr("no limit"))
        self.count_spin.setSuffix(" " + tr("fixes"))
        self.count_spin.setToolTip(tr("Stop after this many fixes (0: no limit)"))
        self.seconds_spin = QSpinBox()
        self.seconds_spin.setRange(0, 3600)
        self.seconds_spin.setSpecialValueText(tr("no time limit"))
        self.seconds_spin.setSuffix(" s")
        self.seconds_spin.setToolTip(tr("Stop after this many seconds, even with fewer fixes (0: no limit)"))
        stop_row = QHBoxLayout()
        stop_row.setContentsMargins(0, 0, 0, 0)
        stop_row.addWidget(self.count_spin)
        stop_row.addWidget(QLabel(tr("or")))
        stop_row.addWidget(self.seconds_spin)
        stop_row.addStretch(1)
        self.stop_holder = QWidget()
        self.stop_holder.setLayout(stop_row)

        grid = QGridLayout()
        grid.addWidget(QLabel(tr("Position")), 0, 0)
        grid.addWidget(self.live_label, 0, 1)
        grid.addWidget(QLabel(tr("To the planned location")), 1, 0)
        grid.addWidget(self.way_label, 1, 1)
        stop_title = QLabel(tr("Stop at"))
        stop_title.setBuddy(self.count_spin)
        grid.addWidget(stop_title, 6, 0)
        grid.addWidget(self.stop_holder, 6, 1)
        grid.addWidget(QLabel(tr("Averaging")), 2, 0)
        grid.addWidget(self.state_label, 2, 1)
        grid.addWidget(QLabel(tr("Fixes")), 3, 0)
        grid.addWidget(self.count_label, 3, 1)
        grid.addWidget(QLabel(tr("Spread (2DRMS)")), 4, 0)
        grid.addWidget(self.spread_label, 4, 1)
        grid.addWidget(QLabel(tr("Positioning class")), 5, 0)
        grid.addWidget(self.class_label, 5, 1)
        grid.setColumnStretch(1, 1)
        left = QVBoxLayout()
        left.addLayout(grid)
        left.addWidget(self.warning_label)
        left.addWidget(self.average_button)
        left.addStretch(1)
        layout = QHBoxLayout(self)
        layout.addLayout(left, 3)
        layout.addWidget(self.plot, 2)

        bridge.fix_received.connect(self._on_fix)
        bridge.status_changed.connect(self._on_status)
        self.count_spin.valueChanged.connect(self._stop_edited)
        self.seconds_spin.valueChanged.connect(self._stop_edited)
        self._show_target()
        self._show_state()

    # configuration -----------------------------------------------------------
    def configure(self, target: AveragingTarget, required_class: str | None,
                  planned: tuple[float, float] | None) -> None:
        self._target = target
        self._required = required_class or None
        self._planned = planned
        self._show_target()
        self._show_state()

    @property
    def target(self) -> AveragingTarget:
        return self._target

    @property
    def planned(self) -> tuple[float, float] | None:
        return self._planned

    def _show_target(self) -> None:
        for spin, value in ((self.count_spin, self._target.count), (self.seconds_spin, self._target.seconds)):
            blocked = spin.blockSignals(True)
            spin.setValue(int(value or 0))
            spin.blockSignals(blocked)

    @Slot()
    def _stop_edited(self) -> None:
        """A new stop condition applies at once, to a running averaging too."""
        self._target = replace(self._target, count=self.count_spin.value() or None,
                               seconds=float(self.seconds_spin.value()) or None)
        if self._averager is not None and self.result is None:
            self._averager.target = self._target
            if self._averager.done:
                self._finish()
        self._show_state()
        self.target_edited.emit(self._target)

    def reset(self) -> None:
        self._averager = None
        self._fixes = []
        self._sources.clear()
        self._paused = False
        self.result = None
        self.plot.set_fixes([])
        self._show_state()

    @property
    def averaging(self) -> bool:
        return self._averager is not None and not self._averager.done and self.result is None

    @property
    def paused(self) -> bool:
        return self.averaging and self._paused

    @property
    def count(self) -> int:
        return 0 if self._averager is None else self._averager.count

    @property
    def sigma_source(self) -> str | None:
        return self._sources.most_common(1)[0][0] if self._sources else None

    def rd_of(self, lat: float, lon: float, h: float | None) -> RdPoint | None:
        try:
            return self._rd.to_rd(lat, lon, h)
        except CoordinateError:
            return None

    # actions -------------------------------------------------------------------
    @Slot()
    def toggle(self) -> None:
        if self.averaging:
            self.stop()
        else:
            self.start()

    def start(self) -> None:
        self.reset()
        self._averager = Averager(self._target)
        self._paused = self._bridge.current_fix() is None
        self._show_state()

    def stop(self) -> None:
        """Stop now and keep what was averaged (if anything)."""
        if self._averager is None or self._averager.count == 0:
            self.reset()
            return
        self._averager.stop()
        self._finish()

    @property
    def stop_reason(self) -> StopReason | None:
        return None if self._averager is None or self.result is None else self._averager.stop_reason

    def _finish(self) -> None:
        assert self._averager is not None
        self.result = self._averager.result()
        self._show_state()
        self.finished.emit(self.result)

    # GNSS ----------------------------------------------------------------------
    @Slot(object, float)
    def _on_fix(self, fix: Fix, arrived: float) -> None:
        fresh = time.monotonic() - arrived <= MAX_FIX_AGE and self._bridge.status == Status.FIX
        self._show_live(fix)
        if not self.averaging or not fresh:
            return
        assert self._averager is not None
        self._paused = False
        if self._averager.add(fix):
            if self._fixes and self._fixes[-1].time == fix.time:
                # the same second, completed after a pause (fieldapp.positions.epoch): one point
                self._sources[str(self._fixes.pop().accuracy.source)] -= 1
            self._fixes.append(fix)
            self._sources[str(fix.accuracy.source)] += 1
            self._sources += Counter()  # drop a source no fix has any more
            self.plot.set_fixes(self._fixes)
            self.taken.emit(self._averager.count)
        if self._averager.done:
            self._finish()
        else:
            self._show_state()

    @Slot(object)
    def _on_status(self, state: ReceiverState) -> None:
        if state.status is not Status.FIX:
            self._paused = True
            if state.status is Status.NO_RECEIVER:
                self.live_label.setText(tr("No receiver: check the cable or the Bluetooth link."))
        self._show_state()

    # display ---------------------------------------------------------------------
    def _show_live(self, fix: Fix) -> None:
        rd = self.rd_of(fix.lat, fix.lon, fix.alt_hae)
        where = tr("{lat} N  {lon} E").format(lat=decimal(fix.lat, 7), lon=decimal(fix.lon, 7))
        if rd is not None:
            where += "\n" + tr("RD x {x}  y {y}").format(x=typed(rd.x), y=typed(rd.y))
        else:
            where += "\n" + tr("outside the RD grid")
        self.live_label.setText(f"{where}\n{fix_words(fix.fix_type)} · {accuracy_text(fix.accuracy.sigma_m)}")
        if self._planned is None:
            self.way_label.setText(tr("no planned location"))
        elif rd is None:
            self.way_label.setText(tr("unknown (no RD position)"))
        else:
            dist, bearing = way_to(rd, *self._planned)
            self.way_label.setText(tr("{d} m to the {c} ({b}°)").format(
                d=decimal(dist, 1), c=compass(bearing), b=f"{bearing:.0f}"))

    def _reason_text(self) -> str:
        t, reason = self._target, self.stop_reason
        if reason is StopReason.COUNT:
            return tr("done: {n} reached").format(n=counted(t.count or 0, "fix"))
        if reason is StopReason.TIME:
            return tr("done: time limit of {s} s reached").format(s=f"{t.seconds or 0:g}")
        if reason is StopReason.SPREAD:
            return tr("done: spread at most {m} m").format(m=f"{t.spread_m or 0:g}")
        return tr("done: stopped by you")

    def _show_state(self) -> None:
        t = self._target
        goal = t.count if t.count else "–"
        if self.result is not None:
            state = self._reason_text()
            self.average_button.setText(tr("Average again"))
        elif self.averaging:
            state = tr("paused: no current fix") if self._paused else tr("averaging…")
            not_nmea = self._bridge.not_nmea
            if self._paused and self._bridge.reasons:  # why, as the GNSS indicator says it
                state = tr("paused: {why}").format(why=reasons_said(telling_first(self._bridge.reasons)[:1], shown()))
            elif self._paused and not_nmea is not None:  # a wrong baud rate, NMEA output off: as the indicator
                state = tr("paused: {why}").format(why=status_words(NOT_NMEA)) + "\n" + not_nmea_check(
                    not_nmea[1], self._bridge.nmea_off)
            elif self._paused and self._bridge.status == NO_RECEIVER:
                state = tr("paused: {why}").format(why=status_words(NO_RECEIVER))
            self.average_button.setText(tr("Stop averaging"))
        else:
            state = tr("not started")
            self.average_button.setText(tr("Start averaging"))
        self.state_label.setText(state)
        counted = tr("{n} of {goal}").format(n=self.count, goal=goal)
        if t.seconds and self._averager is not None and self._averager.count:
            counted += " · " + tr("{s} of {limit} s").format(s=f"{self._averager.span_s:.0f}",
                                                             limit=f"{t.seconds:g}")
        self.count_label.setText(counted)
        avg = self.result or (self._averager.result() if self._averager and self._averager.count else None)
        self.spread_label.setText("–" if avg is None else f"{decimal(avg.drms2, 2)} m")
        code = avg.bro_class if avg is not None else None
        if avg is None:
            self.class_label.setText("–")
        elif code is None and avg.sigma_m is None:
            # fixes without GST, PGRME or HDOP: no accuracy is known, and zero must not be claimed
            self.class_label.setText(tr("none fits (accuracy unknown)"))
        elif code is None:
            self.class_label.setText(tr("none fits (±{s} m)").format(s=decimal(avg.sigma_m or 0, 1)))
        else:
            self.class_label.setText(position_class_text(code))
        required = self._required
        bad = avg is not None and worse_than(code, required)
        self.warning_label.setVisible(bad)
        if bad and avg is not None and avg.sigma_m is None:
            # no class follows from an unknown accuracy however long the averaging goes on
            self.warning_label.setText(
                tr("Worse than the project's required class {req}: {have}. The receiver reports no accuracy, "
                   "so averaging longer cannot reach it; use a receiver that reports its accuracy (GST or "
                   "HDOP).").format(req=position_class_text(required), have=self.class_label.text()))
        elif bad:
            self.warning_label.setText(
                tr("Worse than the project's required class {req}: {have}. Average longer, or use a "
                   "receiver with corrections.").format(req=position_class_text(required),
                                                         have=self.class_label.text()))
