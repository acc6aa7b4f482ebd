"""Grab the export dialog with the SIKB0101 format, in Dutch, on a 1366 x 768 screen, after its check.

    xvfb-run -a -s "-screen 0 1366x768x24" .venv/bin/python tools/export_screenshot.py docs/export-sikb.png

A demo project whose borehole B02 got a 25-character code and a layer gap with raw SQL (as an older
FieldApp or another program could have left them), and no SIKB application code set: the dialog
runs the check, lists the findings naming the objects and writes nothing.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from shot import ROOT, arguments, broken_demo, project_window, save_screen, wait_until, workplace

BREAK = (
    "UPDATE borehole SET code = 'B02-ZUIDOOSTHOEK-PERCEEL7' WHERE code = 'B02'",
    "UPDATE layer SET upper_cm = upper_cm + 10 WHERE id = (SELECT l.id FROM layer l JOIN borehole b"
    " ON b.id = l.borehole_id WHERE b.code = 'B03' ORDER BY l.upper_cm LIMIT 1 OFFSET 1)",
)


def main(argv: list[str] | None = None) -> int:
    args = arguments(__doc__ or "", argv)
    with workplace(args) as db:
        return _shoot(args.out, db)


def _shoot(out: Path, db: Path) -> int:
    broken_demo(db, BREAK)
    with project_window(db) as window:
        dialog = window.open_export()
        dialog.format_combo.setCurrentIndex(dialog.format_combo.findData("sikb0101"))
        dialog.path_edit.setText(str(db.parent / "sikb"))
        dialog.start_button.click()
        wait_until(lambda: dialog.progress is None and dialog.start_button.isEnabled())  # Saxon, on a worker
        code = save_screen(out, dialog, "export dialog")
        dialog.close()
        return code


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    sys.exit(main())
