"""Grab the shipment view, in Dutch, on a 1366 x 768 screen: a cooler being packed.

    xvfb-run -a -s "-screen 0 1366x768x24" .venv/bin/python tools/shipment_screenshot.py docs/shipment-view-nl.png

A demo project in a temporary database, one more sample of the day with its
jars, a new shipment to the project's lab with the jars scanned in, and the
seal number typed: what a sampler sees before sealing.
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
    from datetime import UTC, datetime, timedelta

    from PySide6.QtWidgets import QApplication

    from fieldapp import demo
    from fieldapp.domain import borehole, container, project, sample
    from fieldapp.domain.sample import Part
    from fieldapp.session import Session
    from ui.app import application, apply_look
    from ui.main_window import MainWindow

    session = Session.open_for_user(db)
    try:
        demo.create(session, boreholes=4, seed=1)
        proj = project.all_projects(session.store)[0]
        hole = borehole.of_project(session.store, proj.id)[0]
        codes = []
        for n, (hours, analysis) in enumerate(((70, "NEN 5740 standaardpakket grond"), (5, "PAK (10 VROM)"),
                                               (5, "PFAS")), start=1):
            smp = sample.create(session, proj.id, code=f"M99-{n}", kind="field_sample", matrix="BS",
                                parts=[Part(hole.id, "0", "0.2")], analyses=[analysis],
                                sampled_at=(datetime.now(UTC) - timedelta(hours=hours)).isoformat())
            codes.append(container.add(session, smp.id, container_type="Pot", material="G", volume_ml=250).barcode)
        app = application()
        apply_look(app, session)
        window = MainWindow(session)
        window.resize(1366, 740)
        window.show()
        window.select_project_code(proj.code)
        view = window.open_shipments()
        assert view is not None
        view.create_shipment()
        for code in codes:
            view.panel.scan_edit.setText(code)
            view.panel.scan()
        view.panel.seal_edit.setText("S-004211")
        for _ in range(20):
            QApplication.processEvents()
        out.parent.mkdir(parents=True, exist_ok=True)
        if not view.grab().save(str(out), "PNG"):
            print(f"shipment_screenshot: could not write {out}", file=sys.stderr)
            return 1
        print(f"wrote {out} ({view.width()} x {view.height()})")
        window.tasks.wait()
        view.close()
        window.close()
        return 0
    finally:
        session.close()


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    sys.exit(main())
