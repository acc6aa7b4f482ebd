"""Open the window for a moment and leave: the frozen build's smoke test and the start-time benchmark.

``fieldapp --quit-after SECONDS [--screenshot PNG]`` (both hidden from
``--help``) opens the window as ``fieldapp`` does, prints ``shown`` once the
first window has been shown and the event loop has turned, and quits
SECONDS later; with ``--screenshot`` it first saves the whole screen (the X
server's, under Xvfb) or, on a screen-less platform, the window.
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtGui import QPixmap

from fieldapp.errors import FieldAppError
from ui.app import Gui, open_window


def run_briefly(db: Path | None, demo: bool, seconds: float, screenshot: Path | None) -> int:
    gui = open_window(db, demo)
    shots: list[bool] = []

    def shown() -> None:
        print("shown", flush=True)
        leave.start(int(seconds * 1000))

    def finish() -> None:
        if screenshot is not None:
            shots.append(_grab(gui).save(str(screenshot)))
        # exit(), not quit(): Qt 6 turns quit() into closing every window, which a
        # window-modal dialog (the name asked on first start) refuses
        gui.app.exit(0)

    # QTimer objects rather than singleShot(callable), as elsewhere in ui/
    first = QTimer()
    first.setSingleShot(True)
    first.timeout.connect(shown)
    leave = QTimer()
    leave.setSingleShot(True)
    leave.timeout.connect(finish)
    first.start(0)
    try:
        gui.app.exec()
    finally:
        gui.close()
    if screenshot is not None and not all(shots or [False]):
        raise FieldAppError(f"Could not save the screenshot {screenshot}.", hint="Check that its folder exists.")
    sys.stdout.flush()
    return 0


def _grab(gui: Gui) -> QPixmap:
    screen = gui.app.primaryScreen()
    whole = screen.grabWindow(0) if screen is not None else QPixmap()
    return whole if not whole.isNull() else gui.window.grab()
