"""Grab the shipment view, in Dutch, on a 1366 x 768 screen: a cooler being packed.

    xvfb-run -a -s "-screen 0 1366x768x24" .venv/bin/python tools/shipment_screenshot.py docs/shipment-view-nl.png

A demo project in a temporary database, one more sample of the day with its
jars, a new shipment to the project's lab with the jars scanned in, and the
seal number typed: what a sampler sees before sealing.
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
    from datetime import UTC, datetime, timedelta

    from fieldapp import demo
    from fieldapp.domain import borehole, container, project, sample
    from fieldapp.domain.sample import Part
    from fieldapp.session import Session

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
        window = main_window(session)
        window.select_project_code(proj.code)
        view = window.open_shipments()
        assert view is not None
        view.create_shipment()
        for code in codes:
            view.panel.scan_edit.setText(code)
            view.panel.scan()
        view.panel.seal_edit.setText("S-004211")
        settle()
        done = save_screen(out, view, "shipment view", whole_screen=False)  # a window of its own
        window.tasks.wait()
        view.close()
        window.close()
        return done
    finally:
        session.close()


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    sys.exit(main())
