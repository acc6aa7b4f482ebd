"""The always-visible GNSS indicator: fix type in words and colour, satellites,
estimated accuracy, age of the last fix, "no receiver" when it is gone, and
"not NMEA" with what to check when bytes come but no sentence (a wrong baud rate)."""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QTimer, Slot
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QMenuBar, QWidget

from ui.gnss_bridge import CONNECTING, FIX, MAX_FIX_AGE, NO_FIX, NO_RECEIVER, NOT_NMEA, GnssBridge
from ui.i18n import decimal, shown, tr
from ui.theme import status_colours

if TYPE_CHECKING:  # the positions model is imported with the first fix, not at start
    from fieldapp.positions.model import Fix, FixType


def fix_words(fix_type: FixType) -> str:
    from fieldapp.positions.model import FixType

    return {
        FixType.RTK_FIXED: tr("RTK fixed"),
        FixType.RTK_FLOAT: tr("RTK float"),
        FixType.DGPS: tr("DGPS"),
        FixType.GPS: tr("GPS"),
    }.get(fix_type, tr("no fix"))


def status_words(status: str) -> str:
    return {
        CONNECTING: tr("connecting…"),
        NO_RECEIVER: tr("no receiver"),
        NO_FIX: tr("no fix"),
        FIX: tr("fix"),
        NOT_NMEA: tr("not NMEA"),
    }.get(status, status)


def not_nmea_check(baud: int | None, protocol: str | None = None) -> str:
    """Bytes come but no NMEA: what to check, on one line (the indicator's second, the averaging panel's).
    ``protocol``: the binary protocol that comes instead (the receiver's NMEA output is off)."""
    if protocol is not None:
        return tr("turn on the receiver's NMEA output")
    if baud is None:  # a network receiver has no baud rate
        return tr("check that the receiver sends NMEA 0183")
    return tr("check the receiver's baud rate (FieldApp: {baud} baud)").format(baud=baud)


def not_nmea_lines(baud: int | None, protocol: str | None = None) -> str:
    """Bytes come but no NMEA: what is wrong and what to check, on two lines short enough for the menu bar
    beside the menus at 1366 px in both themes (the rates to try are in the tooltip)."""
    if protocol is not None:
        first = tr("Data is arriving in {protocol}, not NMEA:").format(protocol=protocol)
    else:
        first = tr("Data is arriving but it is not NMEA:")
    return f"{first}\n{not_nmea_check(baud, protocol)}"


def not_nmea_said(message: str) -> str:
    """The core's whole sentence (fieldapp.positions.linecheck) in the language shown, as a sentence."""
    from fieldapp import error_text

    said = error_text.said(message, shown())
    return said[:1].upper() + said[1:]


def accuracy_text(sigma_m: float | None) -> str:
    if sigma_m is None:
        return tr("accuracy unknown")
    if sigma_m < 1:
        return tr("±{cm} cm").format(cm=f"{sigma_m * 100:.0f}")
    return tr("±{m} m").format(m=decimal(sigma_m, 1))


class GnssIndicator(QFrame):
    """Reads the bridge's signals; ticks twice a second to age the last fix."""

    def __init__(self, bridge: GnssBridge, theme: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("gnss-indicator")
        self._bridge = bridge
        self._colours = status_colours(theme)
        self._long = False  # the two lines of "not NMEA" are shown
        self.state_label = QLabel()
        self.state_label.setObjectName("gnss-state")
        self.state_label.setMinimumWidth(150)
        self.state_label.setMinimumHeight(36)
        font = self.state_label.font()
        font.setBold(True)
        self.state_label.setFont(font)
        self.sats_label = QLabel()
        self.accuracy_label = QLabel()
        self.age_label = QLabel()
        layout = QHBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.setSpacing(12)
        for w in (self.state_label, self.sats_label, self.accuracy_label, self.age_label):
            layout.addWidget(w)
        layout.addStretch(1)  # the room left stays empty: the fix type keeps its box while labels hide
        bridge.status_changed.connect(self._changed)
        bridge.fix_received.connect(self._changed)
        self._timer = QTimer(self)
        self._timer.setInterval(500)
        self._timer.timeout.connect(self.refresh)
        self._timer.start()
        self.refresh()

    @Slot()
    def _changed(self, *_args: object) -> None:
        self.refresh()

    def set_theme(self, theme: str) -> None:
        """Colours for ``theme`` (the theme changes without a restart)."""
        self._colours = status_colours(theme)
        self.refresh()

    @property
    def state_text(self) -> str:
        return self.state_label.text()

    def _relayout_when(self, long: bool) -> None:
        """The menu bar places its corner widget only when it is resized (or the widget shown or hidden): when
        the two lines of "not NMEA" come or go, it is told, so that they get their width (and give it back)."""
        if long == self._long:
            return
        self._long = long
        bar = self.parentWidget()
        if isinstance(bar, QMenuBar):  # after the labels' new sizes are laid out: the event is queued behind them
            QCoreApplication.postEvent(bar, QResizeEvent(bar.size(), bar.size()))

    def refresh(self) -> None:
        bridge = self._bridge
        status = bridge.status if bridge.running else NO_RECEIVER
        last = bridge.last_fix()
        fix: Fix | None = last[0] if last else None
        age = time.monotonic() - last[1] if last else None
        if status == FIX and fix is not None and age is not None and age <= MAX_FIX_AGE:
            from fieldapp.positions.model import FixType

            word = fix_words(fix.fix_type)
            good = fix.fix_type in (FixType.RTK_FIXED, FixType.DGPS)
            colours = self._colours.good if good else self._colours.fair
        else:
            word = status_words(NO_FIX if status == FIX else status)
            colours = self._colours.bad if status in (NO_RECEIVER, NOT_NMEA) else self._colours.idle
        self.state_label.setText(f" {word} ")
        bg, fg = colours
        self.state_label.setStyleSheet(f"background: {bg}; color: {fg}; padding: 4px 8px; border-radius: 3px;")
        # data comes, but no fix: say why in the place of the last fix's figures (the most telling
        # reason; every one on hover), so that a sampler under trees reads "only 3 satellites in use",
        # not just "no fix" beside the satellites and accuracy of a fix that is gone
        reasons = bridge.reasons if status != NO_RECEIVER else ()
        tip = tr("GNSS receiver: fix type, satellites used, estimated accuracy and age of the last fix")
        not_nmea = bridge.not_nmea if status == NOT_NMEA else None
        self.sats_label.setVisible(not reasons and not not_nmea)
        self.accuracy_label.setVisible(not reasons and not not_nmea)
        self._relayout_when(not_nmea is not None)
        if not_nmea is not None:  # bytes but no sentence: not the sky, the settings (fieldapp.positions.linecheck)
            self.age_label.setText(not_nmea_lines(not_nmea[1], bridge.nmea_off))
            self.setToolTip(f"{tip}\n{not_nmea_said(not_nmea[0])}")
            return
        if reasons:  # imported then, as the positions model is: not needed for the first window
            from fieldapp.positions.why import reasons_said, telling_first

            self.age_label.setText(reasons_said(telling_first(reasons)[:1], shown()))
            tip += f"\n{tr('No fix')}: {reasons_said(reasons, shown())}"
            if age is not None:
                tip += "\n" + tr("last fix {s} s ago").format(s=f"{age:.0f}")
            self.setToolTip(tip)
            return
        self.setToolTip(tip)
        if fix is None:
            self.sats_label.setText(tr("satellites: –"))
            self.accuracy_label.setText(tr("accuracy unknown"))
            self.age_label.setText(tr("no fix yet"))
            return
        self.sats_label.setText(tr("satellites: {n}").format(n=fix.sats if fix.sats is not None else "–"))
        self.accuracy_label.setText(accuracy_text(fix.accuracy.sigma_m))
        self.age_label.setText(tr("last fix {s} s ago").format(s=f"{age:.0f}"))
