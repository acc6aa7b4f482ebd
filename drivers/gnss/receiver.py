"""The live receiver monitor: a reader thread that survives unplugging and drop-outs.

It reports "no receiver" when the port fails or stays silent, "not NMEA" when
bytes keep coming but no sentence passes its checksum (a receiver at another
baud rate: fieldapp.positions.linecheck), never serves a position older than
``max_fix_age`` as current, and reopens the port by itself. Everything it
delivers is plain data, through callbacks called on the reader thread and
through a queue; the GUI bridges these to Qt.
"""

from __future__ import annotations

import queue
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum

from drivers.gnss.sources import GnssSource
from fieldapp.errors import GnssError
from fieldapp.positions.linecheck import LineCheck, not_nmea_message
from fieldapp.positions.model import Fix, Judged
from fieldapp.positions.pipeline import NmeaPipeline
from fieldapp.positions.rawlog import RawLog


class Status(StrEnum):
    CONNECTING = "connecting"
    NO_RECEIVER = "no receiver"
    NO_FIX = "no fix"
    FIX = "fix"
    #: bytes come, but for seconds no sentence passed its checksum: the message says what to check
    NOT_NMEA = "not NMEA"


@dataclass(frozen=True, slots=True)
class ReceiverState:
    status: Status
    source: str
    message: str
    at: datetime  # laptop time of the change
    # while data comes but no fix: why the newest epoch is none, as the acceptor
    # names it ("3 satellites"); the window and `gps listen` say it in Dutch
    reasons: tuple[str, ...] = ()
    # NOT_NMEA: the baud rate the port was opened with (None: a network receiver, which has none)
    baud: int | None = None
    # NOT_NMEA: the binary protocol that comes instead ("UBX"), when the receiver's NMEA output is off
    protocol: str | None = None


Event = ReceiverState | Fix


def _laptop_clock() -> datetime:
    return datetime.now(UTC)


class GnssReceiver:
    """Run ``source`` on a reader thread; deliver fixes and status changes.

    ``silence`` is how long the port may say nothing before the receiver
    counts as gone; with the read timeout it keeps the report within 2 s.
    """

    def __init__(
        self,
        source: GnssSource,
        *,
        on_fix: Callable[[Fix], None] | None = None,
        on_status: Callable[[ReceiverState], None] | None = None,
        silence: float = 1.5,
        max_fix_age: float = 2.0,
        retry_every: float = 0.5,
        raw_log: RawLog | None = None,
        clock: Callable[[], datetime] = _laptop_clock,
    ) -> None:
        self._source = source
        self._on_fix = on_fix
        self._on_status = on_status
        self._silence = silence
        self._max_age = max_fix_age
        self._retry = retry_every
        self._raw_log = raw_log
        self._clock = clock
        self.events: queue.Queue[Event] = queue.Queue()
        self._lock = threading.Lock()
        self._fix: tuple[float, Fix] | None = None
        self._state = ReceiverState(Status.CONNECTING, source.name, "", clock())
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    # --- what the GUI asks --------------------------------------------------

    @property
    def state(self) -> ReceiverState:
        with self._lock:
            return self._state

    def current_fix(self) -> Fix | None:
        """The latest fix, only if it is fresh and the receiver is still there."""
        with self._lock:
            if self._fix is None or self._state.status is not Status.FIX:
                return None
            arrived, fix = self._fix
        return fix if time.monotonic() - arrived <= self._max_age else None

    # --- life cycle ----------------------------------------------------------

    def start(self) -> None:
        if self._thread is not None:
            return
        self._stop.clear()
        name = f"gnss {self._source.name}"
        self._thread = threading.Thread(target=self._run, name=name, daemon=True)
        self._thread.start()

    def stop(self, timeout: float = 5.0) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout)
            self._thread = None

    def __enter__(self) -> GnssReceiver:
        self.start()
        return self

    def __exit__(self, *_exc: object) -> None:
        self.stop()

    # --- the reader thread ---------------------------------------------------

    def _run(self) -> None:
        try:
            while not self._stop.is_set():
                if not self._connect():
                    self._stop.wait(self._retry)
                    continue
                self._pump()
        finally:
            self._source.close()
            if self._raw_log is not None:
                self._raw_log.flush()

    def _connect(self) -> bool:
        try:
            self._source.open()
        except GnssError as exc:
            self._set(Status.NO_RECEIVER, str(exc))
            return False
        self._set(Status.CONNECTING, "port open, waiting for data")
        return True

    def _pump(self) -> None:
        """Read until the port fails or the receiver falls silent."""
        pipeline = NmeaPipeline(reference_clock=self._clock)
        line = LineCheck()
        last_data = time.monotonic()
        while not self._stop.is_set():
            try:
                data = self._source.read()
            except GnssError as exc:
                self._source.close()
                # the epoch held for a sentence that can no longer come is judged as a replay
                # of the session log judges it
                self._deliver(pipeline.close_epoch(quiet=False))
                self._lost(str(exc))
                return
            now = time.monotonic()
            if data:
                last_data = now
                if self._raw_log is not None:
                    self._raw_log.write(data)
                self._deliver(pipeline.feed(data))
                framing = pipeline.framing
                if line.feed(data, framing.frames, framing.dropped, now):
                    self._line_changed(line)
                if self.state.status in (Status.CONNECTING, Status.NO_RECEIVER):
                    self._set(Status.NO_FIX, f"receiving from {self._source.name}")
                continue
            quiet = now - last_data
            # A receiver sends its burst within a few tens of milliseconds;
            # a pause means the epoch is complete (unless a sentence that could
            # refuse it is still missing): it is judged, and given once the next
            # second begins, as a late sentence of this one may still refuse it.
            if pipeline.epoch_open and quiet > 0.15:
                self._deliver(pipeline.close_epoch())
            if quiet > self._silence:
                # Reopen: a dropped Bluetooth link or a re-enumerated USB
                # device often leaves a port that is open but dead.
                self._source.close()
                self._deliver(pipeline.close_epoch(quiet=False))
                self._lost(f"nothing from {self._source.name} for {quiet:.1f} s")
                return

    def _line_changed(self, line: LineCheck) -> None:
        """Not NMEA (told once, until a valid sentence comes), or NMEA again."""
        if line.verdict is None:
            if self.state.status is Status.NOT_NMEA:
                self._set(Status.NO_FIX, f"receiving from {self._source.name}")
            return
        if self._raw_log is not None:
            self._raw_log.note(f"{self._clock().isoformat()} not NMEA: {line.verdict.evidence()}")
        # a network receiver has no baud rate to check (a serial source says which it opened)
        baud: int | None = getattr(self._source, "line_baud", None)
        protocol = line.verdict.protocol
        self._set(Status.NOT_NMEA, not_nmea_message(baud, protocol), baud=baud, protocol=protocol)

    def _lost(self, why: str) -> None:
        if self._raw_log is not None:
            self._raw_log.note(f"{self._clock().isoformat()} no receiver: {why}")
        self._set(Status.NO_RECEIVER, why)

    def _deliver(self, judged: list[Judged]) -> None:
        for j in judged:
            if j.fix is None:
                if self.state.status in (Status.FIX, Status.NO_FIX):
                    self._set(Status.NO_FIX, "; ".join(j.reasons), j.reasons)
                continue
            with self._lock:
                self._fix = (time.monotonic(), j.fix)
            if self.state.status is not Status.FIX:
                self._set(Status.FIX, str(j.fix.fix_type))
            self.events.put(j.fix)
            if self._on_fix is not None:
                self._on_fix(j.fix)

    def _set(self, status: Status, message: str, reasons: tuple[str, ...] = (), baud: int | None = None,
             protocol: str | None = None) -> None:
        with self._lock:
            if self._state.status is status and self._state.message == message:
                return
            # a new reason for no fix is told too (from "no fix yet" to "3 satellites"): a sampler
            # waiting under trees sees it change, at most once an epoch
            changed = self._state.status is not status or reasons != self._state.reasons
            self._state = ReceiverState(status, self._source.name, message, self._clock(), reasons, baud, protocol)
            state = self._state
        if changed:
            self.events.put(state)
            if self._on_status is not None:
                self._on_status(state)
