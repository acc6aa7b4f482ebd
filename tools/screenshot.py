"""Grab the main window on a fresh demo database to a PNG: `make screenshot`.

    python tools/screenshot.py docs/main-window.png

Runs the real start-up path (``ui.app.open_window(demo=True)``) in a temporary
data directory, so the demo project is written by the task manager exactly as
on a sampler's first `make run`. Needs a screen; `make screenshot` provides
one with xvfb-run.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from pathlib import Path

TIMEOUT_MS = 120_000


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path, help="PNG file to write")
    parser.add_argument("--width", type=int, default=1366)
    parser.add_argument("--height", type=int, default=768)
    parser.add_argument("--lang", choices=("nl", "en"), default="nl")
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory(prefix="fieldapp-shot-") as tmp:
        os.environ["FIELDAPP_DATA_DIR"] = str(Path(tmp) / "data")
        config = Path(tmp) / "config"
        config.mkdir()
        (config / "settings.json").write_text(json.dumps({"user": "J. de Vries", "language": args.lang}),
                                              encoding="utf-8")
        os.environ["FIELDAPP_CONFIG_DIR"] = str(config)
        os.environ.setdefault("USER", "J. de Vries")
        return _shoot(args.out, args.width, args.height)


def _shoot(out: Path, width: int, height: int) -> int:
    # Qt is imported only now, after the environment is set
    from PySide6.QtCore import QTimer

    from ui.app import open_window

    gui = open_window(db=None, demo=True)
    window = gui.window
    window.resize(width, height)
    result: dict[str, int] = {"rc": 1}

    def fail(message: str) -> None:
        print(f"screenshot: {message}", file=sys.stderr)
        gui.app.quit()

    def shoot() -> None:
        window.select_project(0)
        window.select_borehole(0)
        window.select_sample(0)
        if window.containers_model.rowCount() == 0:
            fail("the demo project has no sample with containers to show")
            return
        # let the layout settle before grabbing
        QTimer.singleShot(300, grab)

    def grab() -> None:
        out.parent.mkdir(parents=True, exist_ok=True)
        if not window.grab().save(str(out), "PNG"):
            fail(f"could not write {out}")
            return
        print(f"wrote {out} ({window.width()}x{window.height()})")
        result["rc"] = 0
        gui.app.quit()

    window.demo_ready.connect(lambda: QTimer.singleShot(200, shoot))
    window.demo_failed.connect(fail)
    if not window.creating_demo:  # already there (should not happen in a fresh dir)
        QTimer.singleShot(200, shoot)
    QTimer.singleShot(TIMEOUT_MS, lambda: fail("timed out waiting for the demo project"))
    try:
        gui.app.exec()
    finally:
        gui.close()
    return result["rc"]


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    sys.exit(main())
