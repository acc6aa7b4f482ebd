"""What every screenshot script shares: its arguments, a throw-away configuration with a
returning user (so no first-start dialog), the main window at 1366 x 740, and the grab.

The scripts run under ``xvfb-run -a -s "-screen 0 1366x768x24"``; the whole screen is
grabbed so that the picture shows a dialog fits over the window, as on the laptop.
"""

from __future__ import annotations

import argparse
import json
import os
import sqlite3
import sys
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent


def arguments(doc: str, argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=doc.splitlines()[0])
    parser.add_argument("out", type=Path, help="PNG file to write")
    parser.add_argument("--lang", choices=("nl", "en"), default="nl")
    parser.add_argument("--theme", choices=("normal", "sunlight"), default="normal")
    return parser.parse_args(argv)


@contextmanager
def workplace(args: argparse.Namespace) -> Iterator[Path]:
    """A temporary folder with the settings of a returning user; yields the database path in it."""
    with tempfile.TemporaryDirectory(prefix="fieldapp-shot-") as tmp:
        config = Path(tmp) / "config"
        config.mkdir()
        (config / "settings.json").write_text(json.dumps({"user": "J. de Vries", "language": args.lang,
                                                          "theme": args.theme}), encoding="utf-8")
        os.environ["FIELDAPP_CONFIG_DIR"] = str(config)
        yield Path(tmp) / "field.sqlite"


def broken_demo(db: Path, breaks: Iterable[str], *, boreholes: int = 6, seed: int = 1) -> None:
    """A demo project in ``db``, then changed with raw SQL as an older FieldApp or another program
    could have left it: the core refuses to write such records, so the screenshot goes round it."""
    from fieldapp import demo
    from fieldapp.session import Session
    from fieldapp.store import natural

    with Session.open_for_user(db) as session:
        demo.create(session, boreholes=boreholes, seed=seed)
    conn = sqlite3.connect(db)
    natural.register(conn)  # the borehole code's sort index calls it
    with conn:
        for sql in breaks:
            conn.execute(sql)
    conn.close()


def main_window(session: Any) -> Any:
    """The application with the session's look, and its main window shown at the laptop's size."""
    from ui.app import application, apply_look
    from ui.main_window import MainWindow

    app = application()
    apply_look(app, session)
    window = MainWindow(session)
    window.resize(1366, 740)
    window.show()
    return window


@contextmanager
def project_window(db: Path) -> Iterator[Any]:
    """The main window on ``db``, its first project chosen; window and session closed on leaving."""
    from fieldapp.session import Session

    session = Session.open_for_user(db)
    try:
        window = main_window(session)
        window.select_project(0)
        yield window
        window.close()
    finally:
        session.close()


def settle(rounds: int = 20) -> None:
    from PySide6.QtWidgets import QApplication

    for _ in range(rounds):
        QApplication.processEvents()


def wait_until(done: Callable[[], bool], rounds: int = 2400) -> None:
    """Let the event loop run until ``done()`` (a worker finished), at most ``rounds`` x 50 ms."""
    for _ in range(rounds):
        settle(1)
        time.sleep(0.05)
        if done():
            break
    settle()


def save_screen(out: Path, widget: Any, what: str, *, whole_screen: bool = True) -> int:
    """Grab the whole screen (the widget alone where there is no screen, or when asked) into ``out``."""
    from PySide6.QtWidgets import QApplication

    screen = QApplication.primaryScreen()
    shot = screen.grabWindow(0) if screen is not None and whole_screen else widget.grab()
    if shot.isNull() or shot.width() < widget.width():
        shot = widget.grab()
    out.parent.mkdir(parents=True, exist_ok=True)
    if not shot.save(str(out), "PNG"):
        print(f"{what}: could not write {out}", file=sys.stderr)
        return 1
    print(f"wrote {out} ({shot.width()} x {shot.height()}; {what} {widget.width()} x {widget.height()})")
    return 0
