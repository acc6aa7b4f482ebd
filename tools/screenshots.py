"""Screenshots at 1366 x 768, the rugged laptop's screen: `make screenshot`.

    xvfb-run -a -s "-screen 0 1366x768x24" .venv/bin/python tools/screenshots.py docs/

writes docs/workbench-{position,layers,samples}-{normal,sunlight}-nl.png and
docs/intake-{normal,sunlight}-nl.png (``--lang en`` for English), plus one
PNG per entry of :data:`WINDOWS` (windows opened from the workbench, e.g. a
shipment view: add a function there). Each combination runs in its own
process on a fresh demo database (written by the task manager as on first
start), with the recorded log replayed through the GNSS bridge, averaging a
new borehole beside its planned location. The window fills the screen, as
a maximised window on the laptop does.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
TIMEOUT_MS = 180_000
SCREENS = ("position", "layers", "samples")


def _intake(w: Any) -> Any:
    """The intake window on the demo's last cooler, after a few scans: received, one unknown."""
    from fieldapp.domain import shipment as shipment_mod
    from fieldapp.intake.receipt import open_shipment
    from ui.intake.entry import show_intake

    proj = w.current_project()
    ship = shipment_mod.of_project(w.session.store, proj.id)[-1]
    intake = show_intake(w, open_shipment(w.session, ship.code))
    codes = [code for code, _sample in intake.missing_model.codes[:3]]
    for code in codes:
        intake.handle_scan(code)
    intake.handle_scan("XX-0000-99")
    intake.form.reading.setText("4,2")
    intake.form._add_reading()
    intake.handle_scan(codes[-1])  # the last one twice: "already scanned"
    return intake


#: windows opened from the workbench, shot as <name>-<theme>-<lang>.png: name -> (main window) -> window.
#: A new window (the shipment view) adds an entry here.
WINDOWS: dict[str, Callable[[Any], Any]] = {"intake": _intake}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path, nargs="?", default=ROOT / "docs")
    parser.add_argument("--theme", choices=("normal", "sunlight"))
    parser.add_argument("--lang", choices=("en", "nl"), help="one language (default: Dutch)")
    parser.add_argument("--one", action="store_true", help=argparse.SUPPRESS)  # one theme in this process
    args = parser.parse_args(argv)
    if args.one:
        return _one(args.out, args.theme, args.lang)
    rc = 0
    for theme in (args.theme,) if args.theme else ("normal", "sunlight"):
        rc |= subprocess.call([sys.executable, __file__, str(args.out), "--theme", theme,
                               "--lang", args.lang or "nl", "--one"])
    return rc


def _one(out: Path, theme: str, lang: str) -> int:
    with tempfile.TemporaryDirectory(prefix="fieldapp-shots-") as tmp:
        config = Path(tmp) / "config"
        config.mkdir()
        (config / "settings.json").write_text(json.dumps({
            "user": "J. de Vries", "language": lang, "theme": theme, "averaging_count": 30,
            "averaging_seconds": 0}), encoding="utf-8")
        os.environ["FIELDAPP_DATA_DIR"] = str(Path(tmp) / "data")
        os.environ["FIELDAPP_CONFIG_DIR"] = str(config)
        return _shoot(out, theme, lang)


def _shoot(out: Path, theme: str, lang: str) -> int:
    from PySide6.QtCore import QTimer

    from ui.app import open_window
    from ui.gnss_sources import DEMO_LOG, LoopingReplay

    gui = open_window(db=None, demo=True, gnss=False)
    w = gui.window
    screen = w.screen().availableGeometry()
    w.setGeometry(screen)  # maximised: the whole screen, as on the laptop
    result = {"rc": 1}

    def fail(message: str) -> None:
        print(f"screenshots: {message}", file=sys.stderr)
        gui.app.quit()

    def save(name: str, window: Any = w) -> None:
        path = out / f"{name}-{theme}-{lang}.png"
        path.parent.mkdir(parents=True, exist_ok=True)
        if not window.grab().save(str(path), "PNG"):
            fail(f"could not write {path}")
        print(f"wrote {path} ({window.width()}x{window.height()})")

    def start() -> None:
        w.select_project(0)
        w.select_borehole(0)
        proj = w.current_project()
        assert proj is not None
        w.bridge.start(LoopingReplay(DEMO_LOG, speed=4.0))
        form = w.borehole_form
        form.load(proj, None)
        form.planned_x_edit.setText("99318.50")
        form.planned_y_edit.setText("437806.00")
        w.tabs.setCurrentWidget(form)
        form.averaging.start()
        wait_for_fixes()

    def wait_for_fixes() -> None:
        if w.borehole_form.averaging.count >= 8:
            QTimer.singleShot(300, shots)
        else:
            QTimer.singleShot(200, wait_for_fixes)

    def shots() -> None:
        save("workbench-position")
        w.select_borehole(0)
        w.tabs.setCurrentWidget(w.layer_form)
        w.layer_form.lower_edit.setFocus()
        QTimer.singleShot(300, lambda: (save("workbench-layers"), samples()))

    def samples() -> None:
        w.tabs.setCurrentWidget(w.sample_form)
        # a saved sample of the borehole shown, reopened as the sampler does, so that its containers are beside it
        w.sample_form.reopen_combo.setCurrentIndex(0)
        assert w.sample_form.reopen() is not None, "the demo's first borehole has a sample"
        w.sample_form.analyses_edit.setText("NEN 5740; PFAS")
        w.sample_form.material_combo.setCurrentIndex(w.sample_form.material_combo.findData("PTFE"))
        w.sample_form.barcode_edit.setFocus()
        QTimer.singleShot(300, finish)

    def finish() -> None:
        save("workbench-samples")
        w.bridge.stop()
        windows(list(WINDOWS))

    def windows(todo: list[str]) -> None:
        if not todo:
            result["rc"] = 0
            gui.app.quit()
            return
        name = todo[0]
        window = WINDOWS[name](w)
        window.setGeometry(screen)

        def shoot() -> None:
            save(name, window)
            window.close()
            windows(todo[1:])

        QTimer.singleShot(400, shoot)

    w.demo_ready.connect(lambda: QTimer.singleShot(200, start))
    w.demo_failed.connect(fail)
    QTimer.singleShot(TIMEOUT_MS, lambda: fail("timed out"))
    try:
        gui.app.exec()
    finally:
        gui.close()
    return result["rc"]


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    sys.exit(main())
