"""GNSS settings (port, baud, class, target, training replay) and --demo's replayed Dutch log."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from fieldapp.session import Session
from fieldapp.settings import Settings
from ui import app as app_mod
from ui.gnss_sources import DEMO_LOG, REPLAY_PREFIX
from ui.main_window import MainWindow
from ui.settings_dialog import SettingsDialog


def test_settings_saved_and_training_replay_started(qtbot: QtBot, session: Session, tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FIELDAPP_CONFIG_DIR", str(tmp_path / "config"))
    w = MainWindow(session)
    qtbot.addWidget(w)
    dialog = SettingsDialog(session, w.tasks, w)
    dialog.port_combo.setCurrentIndex(dialog.port_combo.findData(f"{REPLAY_PREFIX}{DEMO_LOG}"))
    dialog.baud_combo.setCurrentIndex(dialog.baud_combo.findData("9600"))
    dialog.class_combo.setCurrentIndex(dialog.class_combo.findData("DGPS50tot200cm"))
    dialog.count_spin.setValue(12)
    dialog.theme_combo.setCurrentIndex(dialog.theme_combo.findData("sunlight"))
    dialog.save()
    saved = Settings.load(tmp_path / "config" / "settings.json")
    assert (saved.gnss_port, saved.gnss_baud, saved.required_position_class, saved.averaging_count,
            saved.theme) == (f"{REPLAY_PREFIX}{DEMO_LOG}", "9600", "DGPS50tot200cm", 12, "sunlight")
    assert json.loads((tmp_path / "config" / "settings.json").read_text())["averaging_count"] == 12
    try:
        assert w.bridge.running and w.bridge.source_name == f"{REPLAY_PREFIX}{DEMO_LOG}"
        qtbot.waitUntil(lambda: w.bridge.last_fix() is not None, timeout=60_000)
        fix, _arrived = w.bridge.last_fix()  # type: ignore[misc]
        assert fix.lat == pytest.approx(51.926, abs=0.01)  # Rotterdam
    finally:
        w.bridge.stop()


def test_demo_replays_a_recorded_dutch_log(qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FIELDAPP_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("FIELDAPP_CONFIG_DIR", str(tmp_path / "config"))
    gui = app_mod.open_window(db=None, demo=True)
    try:
        qtbot.addWidget(gui.window)
        qtbot.waitUntil(lambda: gui.window.bridge.running, timeout=10_000)
        assert gui.window.bridge.source_name.startswith(f"{REPLAY_PREFIX}{DEMO_LOG} at 52.08")  # Utrecht
        qtbot.waitUntil(lambda: "GPS" in gui.window.indicator.state_text, timeout=60_000)
        qtbot.waitUntil(lambda: not gui.window.creating_demo, timeout=60_000)
    finally:
        gui.close()
