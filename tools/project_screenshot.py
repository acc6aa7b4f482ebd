"""Grab the project dialog, in Dutch, on a 1366 x 768 screen: the demo project's details.

    xvfb-run -a -s "-screen 0 1366x768x24" .venv/bin/python tools/project_screenshot.py docs/project-dialog.png

The whole screen is grabbed, with the workbench behind the dialog, so the picture shows that it fits.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path, help="PNG file to write")
    parser.add_argument("--lang", choices=("nl", "en"), default="nl")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="fieldapp-shot-") as tmp:
        config = Path(tmp) / "config"
        config.mkdir()
        (config / "settings.json").write_text(json.dumps({"user": "J. de Vries", "language": args.lang}),
                                              encoding="utf-8")
        os.environ["FIELDAPP_CONFIG_DIR"] = str(config)
        return _shoot(args.out, Path(tmp) / "field.sqlite")


def _shoot(out: Path, db: Path) -> int:
    from PySide6.QtWidgets import QApplication

    from fieldapp import demo
    from fieldapp.domain import project
    from fieldapp.session import Session
    from ui.app import application, apply_look
    from ui.main_window import MainWindow

    session = Session.open_for_user(db)
    try:
        demo.create(session, boreholes=12, seed=1)
        proj = project.all_projects(session.store)[0]
        app = application()
        apply_look(app, session)
        window = MainWindow(session)
        window.resize(1366, 740)
        window.show()
        window.select_project_code(proj.code)
        dialog = window.edit_project()
        assert dialog is not None
        for _ in range(20):
            QApplication.processEvents()
        screen = QApplication.primaryScreen()
        shot = screen.grabWindow(0) if screen is not None else dialog.grab()
        if shot.isNull() or shot.width() < dialog.width():
            shot = dialog.grab()
        out.parent.mkdir(parents=True, exist_ok=True)
        if not shot.save(str(out), "PNG"):
            print(f"project_screenshot: could not write {out}", file=sys.stderr)
            return 1
        print(f"wrote {out} ({shot.width()} x {shot.height()}; dialog {dialog.width()} x {dialog.height()})")
        window.tasks.wait()
        dialog.close()
        window.close()
        return 0
    finally:
        session.close()


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    sys.exit(main())
