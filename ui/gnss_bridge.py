"""The bridge from the GNSS reader thread to Qt signals.

The receiver monitor (:class:`drivers.gnss.receiver.GnssReceiver`) calls back
on its own thread with plain data. The bridge only emits signals from those
callbacks; Qt queues them to the GUI thread, where widgets connect. It never
touches a widget. Each fix travels with the monotonic time it arrived, so a
consumer can refuse a fix that waited too long in the queue.
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal, Slot

if TYPE_CHECKING:
    # imported when a receiver starts: the serial and NMEA libraries are not
    # needed to show the first window
    from drivers.gnss.receiver import GnssReceiver, ReceiverState
    from drivers.gnss.sources import GnssSource
    from fieldapp.positions.model import Fix

#: a fix older than this (seconds since it arrived) is not "current"
MAX_FIX_AGE = 2.0
#: the receiver states (the values of drivers.gnss.receiver.Status, a StrEnum)
CONNECTING, NO_RECEIVER, NO_FIX, FIX = "connecting", "no receiver", "no fix", "fix"
#: bytes come but no NMEA sentence (a receiver at another baud rate): the state's message says what to check
NOT_NMEA = "not NMEA"


class GnssBridge(QObject):
    #: a fix and the time.monotonic() it arrived
    fix_received = Signal(object, float)
    #: a ReceiverState
    status_changed = Signal(object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._receiver: GnssReceiver | None = None
        self._last: tuple[Fix, float] | None = None
        self._status: str = NO_RECEIVER
        self._reasons: tuple[str, ...] = ()
        self._message = ""
        self._baud: int | None = None
        self._protocol: str | None = None
        self._source_name = ""
        # our own slots run on the GUI thread and keep the last state for late joiners
        self.fix_received.connect(self._remember_fix)
        self.status_changed.connect(self._remember_status)

    # called on the reader thread: emit only ---------------------------------
    def _on_fix(self, fix: Fix) -> None:
        self.fix_received.emit(fix, time.monotonic())

    def _on_status(self, state: ReceiverState) -> None:
        self.status_changed.emit(state)

    # GUI thread -------------------------------------------------------------
    def start(self, source: GnssSource) -> None:
        from drivers.gnss.receiver import GnssReceiver

        self.stop()
        self._source_name = source.name
        self._receiver = GnssReceiver(source, on_fix=self._on_fix, on_status=self._on_status,
                                      max_fix_age=MAX_FIX_AGE)
        self._receiver.start()

    def stop(self) -> None:
        receiver, self._receiver = self._receiver, None
        if receiver is not None:
            receiver.stop()
        self._last = None
        self._reasons = ()
        self._message, self._baud, self._protocol = "", None, None

    @property
    def running(self) -> bool:
        return self._receiver is not None

    @property
    def source_name(self) -> str:
        return self._source_name

    @property
    def status(self) -> str:
        return self._status

    def last_fix(self) -> tuple[Fix, float] | None:
        """The last fix and when it arrived (monotonic), whatever its age."""
        return self._last

    def current_fix(self) -> Fix | None:
        """The last fix if the receiver is there and the fix is fresh."""
        if self._last is None or self._status != FIX:
            return None
        fix, arrived = self._last
        return fix if time.monotonic() - arrived <= MAX_FIX_AGE else None

    @Slot(object, float)
    def _remember_fix(self, fix: Fix, arrived: float) -> None:
        self._last = (fix, arrived)

    @property
    def reasons(self) -> tuple[str, ...]:
        """Why the newest epoch was no fix, as the acceptor names them (English; fieldapp.positions.why
        says them); () with a fix, or when no data comes."""
        return self._reasons if self._status == NO_FIX else ()

    @property
    def not_nmea(self) -> tuple[str, int | None] | None:
        """While bytes come but none is NMEA (fieldapp.positions.linecheck decides): what to check, in the
        core's English (fieldapp.error_text says it), and the baud rate the port was opened with (None for a
        network receiver); None otherwise."""
        return (self._message, self._baud) if self._status == NOT_NMEA else None

    @property
    def nmea_off(self) -> str | None:
        """While not NMEA: the binary protocol that comes instead ("UBX"), the receiver's NMEA output being
        off; None otherwise (then a wrong baud rate is the likely cause)."""
        return self._protocol if self._status == NOT_NMEA else None

    @Slot(object)
    def _remember_status(self, state: ReceiverState) -> None:
        self._status = state.status
        self._reasons = state.reasons
        self._message = state.message
        self._baud = state.baud
        self._protocol = state.protocol
