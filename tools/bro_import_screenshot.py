"""Grab the export dialog's BRO deliveries and the import dialog on a 1366 x 768 screen, one PNG per state.

    xvfb-run -a -s "-screen 0 1366x768x24" .venv/bin/python tools/bro_import_screenshot.py docs/bro.png \\
        --lang nl --theme sunlight

writes docs/bro-sad.png (the SAD format: KvK number and delivery context), docs/bro-bhrgt.png (after a BHR-GT
delivery that left two boreholes out, listed with their reasons), docs/bro-import.png (a plan imported) and
docs/bro-refused.png (a plan refused, the row named) and docs/bro-sikb.png (a SIKB0101
investigation imported, with its report). A demo project with a borehole without position
(B90) and a layer whose colour the BRO has no name for.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from shot import ROOT, arguments, project_window, save_screen, settle, wait_until, workplace

PLAN = "code;x;y;kind;planned_depth_m\nP01;135950;455320;boring;2,50\nP02;135990;455300;peilbuis;4\n"
REFUSED = "code;x;y;kind;planned_depth_m\nP03;135950;455320;boring;2,50\nP04;52,09;5,11;boring;2\n"


def main(argv: list[str] | None = None) -> int:
    args = arguments(__doc__ or "", argv)
    with workplace(args) as db:
        return _shoot(args.out, db)


def _named(out: Path, state: str) -> Path:
    return out.with_name(f"{out.stem}-{state}{out.suffix}")


def _shoot(out: Path, db: Path) -> int:
    from fieldapp import demo
    from fieldapp.domain import borehole, layer, project
    from fieldapp.session import Session

    with Session.open_for_user(db) as session:
        demo.create(session, boreholes=6, seed=1)
        proj = project.all_projects(session.store)[0]
        borehole.create(session, proj.id, code="B90", kind="boring", planned_x_rd=135_950.0,
                        planned_y_rd=455_320.0, started_at="2026-12-01T09:00:00+01:00")
        hole = next(b for b in borehole.of_project(session.store, proj.id) if b.code == "B02")
        layer.update(session, layer.of_borehole(session.store, hole.id)[0].id, colour="oranje")
    code = 0
    with project_window(db) as window:
        dialog: Any = window.open_export()
        dialog.format_combo.setCurrentIndex(dialog.format_combo.findData("sad"))
        settle()
        code |= save_screen(_named(out, "sad"), dialog, "export dialog, SAD")
        dialog.format_combo.setCurrentIndex(dialog.format_combo.findData("bhrgt"))
        dialog.path_edit.setText(str(db.parent / "bro"))
        dialog.start_button.click()
        wait_until(lambda: dialog.progress is None and dialog.start_button.isEnabled())
        code |= save_screen(_named(out, "bhrgt"), dialog, "export dialog, BHR-GT")
        dialog.close()
        for state, text in (("import", PLAN), ("refused", REFUSED)):
            plan = db.parent / f"plan-{state}.csv"
            plan.write_text(text, encoding="utf-8")
            dialog = window.open_import()
            dialog.path_edit.setText(str(plan))
            dialog.start_button.click()
            wait_until(lambda d=dialog: d.progress is None and d.start_button.isEnabled() and bool(d.outcome.text()))
            code |= save_screen(_named(out, state), dialog, f"import dialog, {state}")
            dialog.close()
        dialog = window.open_import()  # a SIKB0101 investigation: its report, its project selected after
        dialog.format_combo.setCurrentIndex(dialog.format_combo.findData("sikb0101"))
        dialog.path_edit.setText(str(ROOT / "tests" / "data" / "sikb" / "examples" /
                                     "1._SAD_registrationRequest_IMBROA.xml"))
        dialog.start_button.click()
        wait_until(lambda d=dialog: d.progress is None and d.start_button.isEnabled() and bool(d.outcome.text()))
        code |= save_screen(_named(out, "sikb"), dialog, "import dialog, SIKB0101")
        dialog.close()
        return code


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    sys.exit(main())
