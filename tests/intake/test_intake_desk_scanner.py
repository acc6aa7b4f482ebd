"""`fieldapp intake --scanner PORT` without --shipment: the serial scanner's first scan is the COC form at the
"which cooler?" prompt, and the jars scanned right behind it are received in the window it opens. Run through
run_intake itself (its event loop), with the scanner on a real pseudo-terminal and a real SQLite file."""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from intake_helpers import cooler, events
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from drivers.scanners import SimulatedScanner
from fieldapp.codelists import CodeLists
from fieldapp.session import Session
from fieldapp.settings import Settings
from ui import i18n
from ui.intake.launch import ChooseCooler, run_intake
from ui.intake.window import IntakeWindow


def _run_desk(qapp: QApplication, db: Path, sim: SimulatedScanner, scans: list[str],
              done: Callable[[IntakeWindow], bool]) -> dict[str, object]:
    """run_intake on ``db`` with the scanner ``sim``; once its prompt is up, ``scans`` are sent down the
    line in one burst, and the desk runs until ``done(window)`` is true (or 20 s pass). What was on screen."""
    seen: dict[str, object] = {"prompt": False, "window": None}
    started = time.monotonic()

    def front() -> IntakeWindow | None:
        return next((w for w in qapp.topLevelWidgets() if isinstance(w, IntakeWindow) and w.isVisible()), None)

    def send() -> None:
        seen["prompt"] = any(isinstance(w, ChooseCooler) and w.isVisible() for w in qapp.topLevelWidgets())
        for code in scans:
            sim.scan(code, "\r")
        poll.start()

    def check() -> None:
        window = front()
        if (window is not None and done(window)) or time.monotonic() - started > 20:
            poll.stop()
            seen["window"] = window
            if window is not None:
                seen["title"] = window.windowTitle()
                seen["log"] = [(r.code, r.outcome.value) for r in window.receipt.log]
            # the clerk closes the windows, and the desk's event loop ends with the last one (a quit() on top
            # would be left pending and end the next test's event loops at once)
            for w in qapp.topLevelWidgets():
                w.close()

    poll = QTimer()
    poll.setInterval(50)
    poll.timeout.connect(check)
    QTimer.singleShot(200, send)
    qapp.setQuitOnLastWindowClosed(True)  # as the program's (Qt's default): closing the last window ends it
    assert run_intake(db, shipment=None, scanner=sim.port) == 0
    return seen


@pytest.fixture
def lab(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, qapp: QApplication) -> Iterator[tuple[Path, list[str], str]]:
    config = tmp_path / "config"
    config.mkdir()
    (config / "settings.json").write_text(json.dumps({"user": "L. Smit", "language": "en"}), encoding="utf-8")
    monkeypatch.setenv("FIELDAPP_CONFIG_DIR", str(config))
    db = tmp_path / "lab.sqlite"
    with Session.open(db, settings=Settings(user="L. Smit"), lists=CodeLists.load()) as s:
        box = cooler(s, 5)
    yield db, box.codes, box.shipment.id
    i18n.install(qapp, "en")


def test_the_coc_scanned_at_the_prompt_opens_the_cooler_and_no_jar_behind_it_is_lost(
        qapp: QApplication, lab: tuple[Path, list[str], str]) -> None:
    db, codes, shipment_id = lab
    with SimulatedScanner() as sim:
        # the COC number off the form, then four jars as fast as the scanner sends them
        seen = _run_desk(qapp, db, sim, ["COC-0001", *codes[:4]], lambda w: len(w.receipt.log) >= 4)
    assert seen["prompt"], "the desk opens on the 'which cooler?' prompt"
    assert seen["window"] is not None, "the COC scanned on the serial scanner opened no intake window"
    assert seen["title"] == "FieldApp intake - COC COC-0001"
    assert seen["log"] == [(code, "received") for code in codes[:4]]
    with Session.open(db, settings=Settings(user="L. Smit"), lists=CodeLists.load()) as s:
        received = sorted(str(e["barcode"]) for e in events(s, shipment_id) if e["kind"] == "received")
    assert received == sorted(codes[:4])  # in the database, as each scan was taken


def test_a_scanner_that_stops_is_said_in_the_window(qtbot: QtBot, lab: tuple[Path, list[str], str]) -> None:
    from ui.intake.launch import LabDesk  # here: the first test runs on a tree without it too

    db, codes, _shipment_id = lab
    sim = SimulatedScanner()
    with Session.open(db, settings=Settings(user="L. Smit"), lists=CodeLists.load()) as s:
        desk = LabDesk(s, sim.port)
        window = desk.open("COC-0001")
        assert isinstance(window, IntakeWindow)
        qtbot.addWidget(window)
        desk.start()
        try:
            sim.scan(codes[0], "\r")
            qtbot.waitUntil(lambda: len(window.receipt.log) == 1)
            sim.close()  # the cable pulled: the port reports an error on the next read
            qtbot.waitUntil(lambda: "SCANNER STOPPED" in window.banner.text(), timeout=10_000)
            assert f"The scanner on {sim.port} stopped" in window.banner.text()
        finally:
            desk.stop()
            window.close()
