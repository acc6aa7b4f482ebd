"""Grab the check view, in Dutch, on a 1366 x 768 screen: a project with records that break rules.

    xvfb-run -a -s "-screen 0 1366x768x24" .venv/bin/python tools/check_screenshot.py docs/check-view.png

A demo project in a temporary database, a few of its records then changed with
raw SQL as an older FieldApp could have left them (the core refuses to write
them): a sample over 2 m, a soil sample with matrix GW, a sampling date in 2099,
a groundwater level below the hole. The check view lists them, the first one
selected.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from shot import ROOT, arguments, broken_demo, project_window, settle, workplace

BREAK = (
    "UPDATE sample_part SET lower_cm = upper_cm + 200 WHERE sample_id = (SELECT id FROM sample WHERE code = 'M01-1')",
    "UPDATE sample SET matrix = 'GW' WHERE code = 'M02-2'",
    "UPDATE sample SET sampled_at = '2099-06-01T10:00:00+02:00' WHERE code = 'M03-1'",
    "UPDATE borehole SET groundwater_cm = 2500 WHERE code = 'B04'",
)


def main(argv: list[str] | None = None) -> int:
    args = arguments(__doc__ or "", argv)
    with workplace(args) as db:
        return _shoot(args.out, db)


def _shoot(out: Path, db: Path) -> int:
    broken_demo(db, BREAK)
    with project_window(db) as window:
        view = window.open_check()
        if view is None:
            print("check_screenshot: no project", file=sys.stderr)
            return 1
        window.tasks.wait()
        for _ in range(50):
            settle(1)
            if view.report is not None:
                break
        settle()
        out.parent.mkdir(parents=True, exist_ok=True)
        if not view.grab().save(str(out), "PNG"):
            print(f"check_screenshot: could not write {out}", file=sys.stderr)
            return 1
        print(f"wrote {out} ({view.width()} x {view.height()}), {view.model.rowCount()} findings")
        view.close()
        return 0


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    sys.exit(main())
