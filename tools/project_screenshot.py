"""Grab the project dialog, in Dutch, on a 1366 x 768 screen: the demo project's details.

    xvfb-run -a -s "-screen 0 1366x768x24" .venv/bin/python tools/project_screenshot.py docs/project-dialog.png

The whole screen is grabbed, with the workbench behind the dialog, so the picture shows that it fits.
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

    session = Session.open_for_user(db)
    try:
        demo.create(session, boreholes=12, seed=1)
        proj = project.all_projects(session.store)[0]
        window = main_window(session)
        window.select_project_code(proj.code)
        dialog = window.edit_project()
        assert dialog is not None
        settle()
        done = save_screen(out, dialog, "project dialog")
        window.tasks.wait()
        dialog.close()
        window.close()
        return done
    finally:
        session.close()


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    sys.exit(main())
