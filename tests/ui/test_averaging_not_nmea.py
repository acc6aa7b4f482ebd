"""While bytes come but no NMEA, the averaging panel pauses with the reason the GNSS indicator gives, not
"paused: no current fix": a receiver at another baud rate (a real u-blox NEO-M8N log as a UART at the wrong
rate reads it), and a receiver whose NMEA output is off (the UBX frames of a real u-blox 8), each on a real
pseudo-terminal, in Dutch and English; and "paused: no receiver" when the cable is then pulled."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

pytest.importorskip("termios", reason="pseudo-terminals are POSIX only")

from every_window import look
from pty_receiver import PtyReceiver
from ubx_receiver import UbxOnlyReceiver

from drivers.gnss.sources import SerialSource
from fieldapp.positions.averaging import AveragingTarget
from fieldapp.positions.linecheck import WINDOW_S
from fieldapp.positions.rdnap import RdNap
from ui.averaging_panel import AveragingPanel
from ui.gnss_bridge import NO_RECEIVER, NOT_NMEA, GnssBridge
from ui.gnss_indicator import GnssIndicator

NEO_M8N = Path(__file__).resolve().parents[1] / "data" / "nmea" / "gpsd__neo-m8n.log"

SAID = {  # (kind, lang): the panel's state, the indicator's two lines
    ("baud", "nl"): ("gepauzeerd: geen NMEA\ncontroleer de baudrate van de ontvanger (FieldApp: 4800 baud)",
                     "Er komen gegevens binnen, maar geen NMEA:\n"
                     "controleer de baudrate van de ontvanger (FieldApp: 4800 baud)"),
    ("baud", "en"): ("paused: not NMEA\ncheck the receiver's baud rate (FieldApp: 4800 baud)",
                     "Data is arriving but it is not NMEA:\ncheck the receiver's baud rate (FieldApp: 4800 baud)"),
    ("ubx", "nl"): ("gepauzeerd: geen NMEA\nzet de NMEA-uitvoer van de ontvanger aan",
                    "Er komen gegevens binnen in UBX, geen NMEA:\nzet de NMEA-uitvoer van de ontvanger aan"),
    ("ubx", "en"): ("paused: not NMEA\nturn on the receiver's NMEA output",
                    "Data is arriving in UBX, not NMEA:\nturn on the receiver's NMEA output"),
}
GONE = {"nl": ("geen ontvanger", "gepauzeerd: geen ontvanger"), "en": ("no receiver", "paused: no receiver")}


Writer = PtyReceiver | UbxOnlyReceiver


@pytest.fixture(params=["baud", "ubx"])
def receiver(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[tuple[str, str, Writer]]:
    """(kind, the port to open at 4800 baud, the receiver)."""
    if request.param == "baud":  # sent at 38400: garbage to a port opened at 4800
        writer: Writer = PtyReceiver(tmp_path / "gnss0", NEO_M8N, baud=38400, uart=True)
        writer.plug()
        yield "baud", str(tmp_path / "gnss0"), writer
    else:  # UBX only, at the rate the port is opened with
        writer = UbxOnlyReceiver(baud=4800)
        writer.plug()
        yield "ubx", writer.path, writer
    writer.unplug()


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_averaging_panel_pauses_with_the_indicators_reason(
        qtbot: QtBot, receiver: tuple[str, str, Writer], lang: str) -> None:
    kind, port, writer = receiver
    state, lines = SAID[kind, lang]
    bridge = GnssBridge()
    try:
        with look("normal", lang):
            panel = AveragingPanel(bridge, RdNap())
            indicator = GnssIndicator(bridge, "normal")
            qtbot.addWidget(panel)
            qtbot.addWidget(indicator)
            panel.configure(AveragingTarget(count=5), None, None)
            panel.show()
            indicator.show()
            panel.start()
            bridge.start(SerialSource(port, 4800))
            qtbot.waitUntil(lambda: bridge.status == NOT_NMEA, timeout=int((WINDOW_S + 5) * 1000))
            indicator.refresh()
            assert indicator.age_label.text() == lines
            assert panel.paused and panel.state_label.text() == state
            # the same thing to check in both places
            assert panel.state_label.text().splitlines()[1] == indicator.age_label.text().splitlines()[1]

            writer.unplug()  # the cable pulled: the panel says so, as the indicator does
            qtbot.waitUntil(lambda: bridge.status == NO_RECEIVER, timeout=5_000)
            indicator.refresh()
            word, paused = GONE[lang]
            assert indicator.state_text.strip() == word
            assert panel.paused and panel.state_label.text() == paused
    finally:
        bridge.stop()
