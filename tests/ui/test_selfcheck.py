"""`fieldapp --quit-after S [--screenshot PNG]`: the window opened for a moment, as the frozen
build's smoke test and the start-time benchmark use it; it must leave even when the first
start's name dialog is open over the window."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from PIL import Image

from fieldapp import demo
from fieldapp.session import Session
from fieldapp.settings import Settings


def test_opens_shows_saves_a_screenshot_and_leaves(tmp_path: Path) -> None:
    db = tmp_path / "field.sqlite"
    with Session.open(db, settings=Settings(user="J. de Vries")) as session:
        demo.create(session, boreholes=3, seed=1)
    shot = tmp_path / "shot.png"
    # an empty settings folder: the first start, with the name dialog open over the window
    env = {**os.environ, "FIELDAPP_CONFIG_DIR": str(tmp_path / "config"), "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run([sys.executable, "-m", "ui.main", "--db", str(db), "--quit-after", "0.2",
                           "--screenshot", str(shot)], env=env, capture_output=True, text=True, timeout=120,
                          check=False)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == ["shown"]
    with Image.open(shot) as image:
        assert image.width > 600 and image.height > 400


def test_the_options_are_not_in_the_help() -> None:
    shown = subprocess.run([sys.executable, "-m", "ui.main", "--help"], capture_output=True, text=True,
                           check=True).stdout
    assert "--version" in shown
    assert "--quit-after" not in shown and "--screenshot" not in shown
