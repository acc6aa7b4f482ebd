"""The GNSS indicator and the averaging panel say why there is no fix, in the language shown: a
receiver on a real pseudo-terminal plays a Septentrio PolaRx2's log, whose epochs use 3 satellites
(FieldApp takes a fix from 4). Before, the bar said "geen fix" and "nog geen fix" and no more."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

pytest.importorskip("termios", reason="pseudo-terminals are POSIX only")

from every_window import look
from pty_receiver import PtyReceiver

from drivers.gnss.sources import SerialSource
from fieldapp.positions.rdnap import RdNap
from ui.averaging_panel import AveragingPanel
from ui.gnss_bridge import NO_FIX, GnssBridge
from ui.gnss_indicator import GnssIndicator

POLARX2 = Path(__file__).resolve().parents[1] / "data" / "nmea" / "gpsd__polarx2.log"


@pytest.fixture
def bridge(tmp_path: Path) -> Iterator[GnssBridge]:
    """A bridge to the receiver, started by :func:`listen` once the widgets that show it are made (as in
    the window): a state it reported before a widget was there would not reach that widget."""
    receiver = PtyReceiver(tmp_path / "gnss0", POLARX2, baud=4800)
    receiver.plug()
    bridge = GnssBridge()
    bridge.setProperty("port", str(receiver.path))
    yield bridge
    bridge.stop()
    receiver.unplug()


def listen(bridge: GnssBridge) -> None:
    bridge.start(SerialSource(str(bridge.property("port")), 4800))


@pytest.mark.parametrize("lang, bar, tip", [
    ("nl", "maar 3 satellieten in gebruik", "Geen fix: maar 3 satellieten in gebruik"),
    ("en", "only 3 satellites in use", "No fix: only 3 satellites in use"),
])
def test_the_indicator_says_why_there_is_no_fix(qtbot: QtBot, bridge: GnssBridge, lang: str, bar: str,
                                               tip: str) -> None:
    with look("sunlight", lang):
        indicator = GnssIndicator(bridge, "sunlight")
        qtbot.addWidget(indicator)
        indicator.show()
        listen(bridge)
        qtbot.waitUntil(lambda: bridge.reasons != (), timeout=20_000)
        indicator.refresh()
        assert bridge.status == NO_FIX and bridge.reasons == ("3 satellites",)
        assert indicator.state_text.strip() == ("geen fix" if lang == "nl" else "no fix")
        assert indicator.age_label.text() == bar
        # in the place of the satellites and accuracy of a fix: there is none
        assert not indicator.sats_label.isVisible() and not indicator.accuracy_label.isVisible()
        assert indicator.toolTip().splitlines()[-1] == tip


def test_the_averaging_panel_says_why_it_waits(qtbot: QtBot, bridge: GnssBridge) -> None:
    with look("normal", "nl"):
        panel = AveragingPanel(bridge, RdNap())
        qtbot.addWidget(panel)
        panel.show()
        panel.start()
        listen(bridge)
        qtbot.waitUntil(lambda: "satellieten" in panel.state_label.text(), timeout=20_000)
        assert panel.state_label.text() == "gepauzeerd: maar 3 satellieten in gebruik"
        assert panel.count == 0  # no epoch of 3 satellites is averaged
