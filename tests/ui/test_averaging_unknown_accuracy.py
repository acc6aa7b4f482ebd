"""Averaging a receiver that reports no accuracy at all (RMC only: a Magellan EC-10X, played on a real
pseudo-terminal from its recorded log): the class row says the accuracy is unknown, never "±0,0 m", and
the warning does not advise averaging longer, which cannot give a class to fixes without an error
estimate."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

pytest.importorskip("termios", reason="pseudo-terminals are POSIX only")

from every_window import look
from pty_receiver import PtyReceiver

from drivers.gnss.sources import SerialSource
from fieldapp.positions.averaging import AveragingTarget
from fieldapp.positions.rdnap import RdNap
from ui.averaging_panel import AveragingPanel
from ui.gnss_bridge import GnssBridge

MAGELLAN = Path(__file__).resolve().parents[1] / "data" / "nmea" / "gpsd__magellan-ec10.log"


@pytest.fixture
def receiver(tmp_path: Path) -> Iterator[PtyReceiver]:
    r = PtyReceiver(tmp_path / "gnss0", MAGELLAN, baud=4800)
    r.plug()
    yield r
    r.unplug()


@pytest.mark.parametrize("lang, row, advice, not_said", [
    ("nl", "geen klasse past (nauwkeurigheid onbekend)", "langer middelen helpt niet", "Middel langer"),
    ("en", "none fits (accuracy unknown)", "averaging longer cannot reach it", "Average longer"),
])
def test_fixes_without_an_accuracy_are_not_shown_as_zero_metres(
        qtbot: QtBot, receiver: PtyReceiver, lang: str, row: str, advice: str, not_said: str) -> None:
    bridge = GnssBridge()
    try:
        with look("normal", lang):
            panel = AveragingPanel(bridge, RdNap())
            qtbot.addWidget(panel)
            panel.configure(AveragingTarget(count=3), "GPS200tot1000cm", None)
            panel.show()
            panel.start()
            bridge.start(SerialSource(str(receiver.path), 4800))
            qtbot.waitUntil(lambda: panel.result is not None, timeout=30_000)
            assert panel.result is not None and panel.result.sigma_m is None
            assert panel.class_label.text() == row
            assert "0,0" not in panel.class_label.text() and "0.0" not in panel.class_label.text()
            assert panel.warning_label.isVisibleTo(panel)
            assert advice in panel.warning_label.text() and not_said not in panel.warning_label.text()
    finally:
        bridge.stop()
