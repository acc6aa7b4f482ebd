"""Grab the analysis-sample composer, in Dutch, on a 1366 x 768 screen.

    xvfb-run -a -s "-screen 0 1366x768x24" .venv/bin/python tools/composer_screenshot.py docs/analysis-composer.png

A demo project (12 boreholes, its analysis samples MM1... composed per four
boreholes) in a temporary database; the composer opened from the main
window's action, MM1 selected: its field samples ticked across boreholes,
its package, and the jars the lab combines. The whole screen is grabbed, the
composer over the main window, as on the laptop.
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
    parser.add_argument("--theme", choices=("normal", "sunlight"), default="normal")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="fieldapp-shot-") as tmp:
        config = Path(tmp) / "config"
        config.mkdir()
        (config / "settings.json").write_text(json.dumps({"user": "J. de Vries", "language": args.lang,
                                                          "theme": args.theme}), encoding="utf-8")
        os.environ["FIELDAPP_CONFIG_DIR"] = str(config)
        return _shoot(args.out, Path(tmp) / "field.sqlite")


def _shoot(out: Path, db: Path) -> int:
    from PySide6.QtWidgets import QApplication

    from fieldapp import demo
    from fieldapp.domain import project
    from fieldapp.session import Session
    from ui.analysis_composer import AnalysisComposer
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
        window.analysis_samples_action.trigger()
        view = window.analysis_composer
        assert isinstance(view, AnalysisComposer)
        view.move(90, 60)
        view.list_view.setFocus()
        view.list_view.setCurrentIndex(view.list_model.index(0, 0))
        view.matrix_filter.setCurrentIndex(view.matrix_filter.findData("BS"))
        view.depth_to.setText("1.5")
        view.parts_view.setFocus()
        view.parts_view.setCurrentIndex(view.parts_model.index(0, 0))
        for _ in range(30):
            QApplication.processEvents()
        screen = QApplication.primaryScreen()
        shot = screen.grabWindow(0) if screen is not None else view.grab()
        if shot.isNull() or shot.width() < 100:
            shot = view.grab()
        out.parent.mkdir(parents=True, exist_ok=True)
        if not shot.save(str(out), "PNG"):
            print(f"composer_screenshot: could not write {out}", file=sys.stderr)
            return 1
        print(f"wrote {out} ({shot.width()} x {shot.height()}; composer {view.width()} x {view.height()})")
        window.tasks.wait()
        view.close()
        window.close()
        return 0
    finally:
        session.close()


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    sys.exit(main())
