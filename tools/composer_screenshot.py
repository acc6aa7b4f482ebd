"""Grab the analysis-sample composer, in Dutch, on a 1366 x 768 screen.

    xvfb-run -a -s "-screen 0 1366x768x24" .venv/bin/python tools/composer_screenshot.py docs/analysis-composer.png

A demo project (12 boreholes, its analysis samples MM1... composed per four
boreholes) in a temporary database; the composer opened from the main
window's action, MM1 selected: its field samples ticked across boreholes,
its package, and the jars the lab combines. The whole screen is grabbed, the
composer over the main window, as on the laptop.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from shot import ROOT, arguments, main_window, save_screen, settle, workplace


def main(argv: list[str] | None = None) -> int:
    args = arguments(__doc__ or "", argv)
    with workplace(args) as db:
        return _shoot(args.out, db)


def _shoot(out: Path, db: Path) -> int:
    from fieldapp import demo
    from fieldapp.domain import project
    from fieldapp.session import Session
    from ui.analysis_composer import AnalysisComposer

    session = Session.open_for_user(db)
    try:
        demo.create(session, boreholes=12, seed=1)
        proj = project.all_projects(session.store)[0]
        window = main_window(session)
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
        settle(30)
        done = save_screen(out, view, "composer")
        window.tasks.wait()
        view.close()
        window.close()
        return done
    finally:
        session.close()


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    sys.exit(main())
