"""A receiver with its NMEA output turned off (a u-blox set to UBX only) sends bytes at the right baud rate
and never a sentence. On a real pseudo-terminal, with the UBX frames of a real u-blox 8 recording: the
monitor says "not NMEA" and that the receiver's NMEA output is off, not to check the baud rate; the same
frames at a wrong baud rate are garbage, and then the baud rate is what to check, as before."""

from __future__ import annotations

import queue
import time
from collections.abc import Iterator

import pytest

pytest.importorskip("termios", reason="pseudo-terminals are POSIX only")

from ubx_receiver import UbxOnlyReceiver

from drivers.gnss.receiver import Event, GnssReceiver, ReceiverState, Status
from drivers.gnss.sources import SerialSource
from fieldapp import error_text
from fieldapp.positions.linecheck import WINDOW_S, not_nmea_message


@pytest.fixture
def receiver() -> Iterator[UbxOnlyReceiver]:
    r = UbxOnlyReceiver(baud=9600)
    r.plug()
    yield r
    r.unplug()


def _not_nmea(rx: GnssReceiver) -> ReceiverState:
    deadline = time.monotonic() + WINDOW_S + 5
    while (left := deadline - time.monotonic()) > 0:
        try:
            ev: Event = rx.events.get(timeout=left)
        except queue.Empty:
            break
        if isinstance(ev, ReceiverState) and ev.status is Status.NOT_NMEA:
            return ev
    raise AssertionError("never judged not NMEA")


def test_ubx_only_at_the_right_rate_says_nmea_output_is_off(receiver: UbxOnlyReceiver) -> None:
    with GnssReceiver(SerialSource(receiver.path, 9600)) as rx:
        state = _not_nmea(rx)
    assert state.protocol == "UBX" and state.baud == 9600
    assert state.message == not_nmea_message(9600, "UBX")
    assert error_text.said(state.message, "nl") == (
        "er komen gegevens binnen in UBX, geen NMEA: zet de NMEA-uitvoer van de ontvanger aan")
    assert error_text.said(state.message, "en") == (
        "data is arriving in UBX, not NMEA: turn on the receiver's NMEA output")
    assert "baud" not in state.message


def test_ubx_only_at_a_wrong_rate_is_told_to_check_the_baud_rate(receiver: UbxOnlyReceiver) -> None:
    receiver.baud = 38400  # the receiver at 38400, the port opened at 9600: a UART's garbage
    with GnssReceiver(SerialSource(receiver.path, 9600)) as rx:
        state = _not_nmea(rx)
    assert state.protocol is None
    assert state.message == not_nmea_message(9600)
    assert "check the receiver's baud rate (FieldApp opens the port at 9600 baud" in state.message
