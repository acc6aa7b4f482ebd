"""The GNSS indicator says "not NMEA" and what to check where it said "no fix", when a receiver on a real
pseudo-terminal sends at 38400 baud and the port is opened at 4800 (what a UART makes of a real log at the
wrong rate, tests/drivers/uart.py); it clears when the receiver is set right. The two lines fit the menu
bar beside the menus at 1366 px, in both themes and both languages."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

pytest.importorskip("termios", reason="pseudo-terminals are POSIX only")

from every_window import look
from pty_receiver import PtyReceiver
from screen_checks import problems

from drivers.gnss.receiver import ReceiverState, Status
from drivers.gnss.sources import SerialSource
from fieldapp.positions.linecheck import WINDOW_S, not_nmea_message
from fieldapp.session import Session
from ui.gnss_bridge import FIX, NOT_NMEA, GnssBridge
from ui.gnss_indicator import GnssIndicator
from ui.main_window import MainWindow
from ui.screen import fit_to_screen
from ui.theme import status_colours

NEO_M8N = Path(__file__).resolve().parents[1] / "data" / "nmea" / "gpsd__neo-m8n.log"

SAID = {
    "nl": (" geen NMEA ",
           "Er komen gegevens binnen, maar geen NMEA:\ncontroleer de baudrate van de ontvanger (FieldApp: 4800 baud)",
           "Er komen gegevens binnen, maar geen NMEA: controleer de baudrate van de ontvanger (FieldApp opent de "
           "poort met 4800 baud; probeer 9600, 38400 of 115200)"),
    "en": (" not NMEA ",
           "Data is arriving but it is not NMEA:\ncheck the receiver's baud rate (FieldApp: 4800 baud)",
           "Data is arriving but it is not NMEA: check the receiver's baud rate (FieldApp opens the port at 4800 "
           "baud; try 9600, 38400 or 115200)"),
}


@pytest.fixture
def receiver(tmp_path: Path) -> Iterator[PtyReceiver]:
    """A u-blox NEO-M8N log sent at 38400 baud: garbage to a port opened at 4800."""
    writer = PtyReceiver(tmp_path / "gnss0", NEO_M8N, baud=38400, uart=True)
    writer.plug()
    yield writer
    writer.unplug()


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_indicator_says_not_nmea_and_what_to_check_until_the_rate_is_right(
        qtbot: QtBot, receiver: PtyReceiver, lang: str) -> None:
    word, bar, tip = SAID[lang]
    bridge = GnssBridge()
    with look("sunlight", lang):
        indicator = GnssIndicator(bridge, "sunlight")
        qtbot.addWidget(indicator)
        indicator.show()
        bridge.start(SerialSource(str(receiver.path), 4800))
        try:
            qtbot.waitUntil(lambda: bridge.status == NOT_NMEA, timeout=int((WINDOW_S + 5) * 1000))
            indicator.refresh()
            assert indicator.state_text == word
            assert indicator.age_label.text() == bar
            assert indicator.toolTip().splitlines()[-1] == tip
            assert not indicator.sats_label.isVisible() and not indicator.accuracy_label.isVisible()
            bg, fg = status_colours("sunlight").bad
            assert f"background: {bg}; color: {fg}" in indicator.state_label.styleSheet()

            receiver.baud = 4800  # the sampler sets the receiver right
            qtbot.waitUntil(lambda: bridge.status != NOT_NMEA, timeout=3_000)
            indicator.refresh()
            assert indicator.state_text != word and "NMEA" not in indicator.age_label.text()
            assert "NMEA" not in indicator.toolTip()
            qtbot.waitUntil(lambda: bridge.status == FIX and bridge.current_fix() is not None, timeout=5_000)
            indicator.refresh()
            assert indicator.state_text.strip() == "GPS" and indicator.sats_label.isVisible()
        finally:
            bridge.stop()


@pytest.mark.parametrize("theme", ["normal", "sunlight"])
@pytest.mark.parametrize("lang", ["nl", "en"])
def test_not_nmea_fits_the_menu_bar_at_1366(qtbot: QtBot, demo_session: Session, theme: str, lang: str) -> None:
    demo_session.settings.language, demo_session.settings.theme = lang, theme
    with look(theme, lang):
        w = MainWindow(demo_session)
        qtbot.addWidget(w)
        fit_to_screen(w, 1366, 768)
        w.show()
        qtbot.wait(100)
        w.bridge._receiver = object()  # type: ignore[assignment]  # counts as running for the indicator
        # the widest: a rate with four others to try
        w.bridge.status_changed.emit(ReceiverState(Status.NOT_NMEA, "COM4", not_nmea_message(19200),
                                                   datetime.now(UTC), baud=19200))
        qtbot.waitUntil(lambda: "19200" in w.indicator.age_label.text(), timeout=2_000)
        qtbot.wait(100)  # the menu bar places its corner widget anew
        try:
            assert w.indicator.age_label.isVisible()
            assert not problems(w), problems(w)
            assert w.indicator.geometry().right() <= w.menuBar().width()
        finally:
            w.bridge._receiver = None
