"""Grab the sampling round view on a 1366 x 768 screen: a well being purged, the stop rule met.

    xvfb-run -a -s "-screen 0 1366x768x24" .venv/bin/python tools/well_screenshot.py docs/sampling-round-nl.png
    ... tools/well_screenshot.py docs/sampling-round-sunlight-nl.png --theme sunlight

The well of tests/export/well_site.py (PB01, 25 mm pipe, filter 2-3 m) and a round of the purge of
tests/store/test_well.py typed in: EC settles, and "EC stable and at least 5 well volumes" holds
at the tenth reading (5.0 l); two readings more, the entry row ready for the next.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from shot import ROOT, arguments, main_window, save_screen, settle, workplace

EC = (1250, 1020, 860, 745, 690, 668, 661, 659, 660, 658, 659, 657)
PH = (6.42, 6.51, 6.58, 6.63, 6.66, 6.68, 6.69, 6.69, 6.70, 6.70, 6.70, 6.71)
TEMP = (11.8, 11.5, 11.3, 11.2, 11.1, 11.1, 11.0, 11.0, 11.0, 11.0, 11.0, 11.0)
TURBIDITY = (48.0, 35.0, 22.0, 14.0, 9.5, 7.1, 6.0, 5.2, 4.9, 4.8, 4.7, 4.6)
O2 = (6.8, 5.9, 5.0, 4.2, 3.5, 2.9, 2.4, 2.0, 1.7, 1.5, 1.4, 1.4)


def main(argv: list[str] | None = None) -> int:
    args = arguments(__doc__ or "", argv)
    with workplace(args) as db:
        return _shoot(args.out, db)


def _shoot(out: Path, db: Path) -> int:
    sys.path.insert(0, str(ROOT / "tests" / "export"))
    import well_site

    from fieldapp.domain import sampling_round as round_mod
    from fieldapp.domain import well
    from fieldapp.domain.purge import Reading
    from fieldapp.session import Session

    well_site.build(db)
    session = Session.open_for_user(db)
    try:
        window = main_window(session)
        window.select_project_code(well_site.PROJECT)
        window.tasks.wait()
        settle()
        window.select_borehole(0)
        placed = well.of_borehole(session.store, window.current_borehole().id)[0]
        found = round_mod.start(session, placed.id, round_mod.RoundSpec(
            started_at="2026-11-18T09:15:00+01:00", water_level="1.10", pump_type="peristaltischePomp",
            intake="2.50", flow_ml_min=500))
        round_mod.add_readings(session, found.id, [
            Reading(volume_l=0.5 * (i + 1), ec_us_cm=EC[i], ph=PH[i], temperature_c=TEMP[i],
                    turbidity_ntu=TURBIDITY[i], o2_mg_l=O2[i]) for i in range(len(EC))])
        window.tabs.setCurrentWidget(window.well_tab)
        window.well_tab.load(window.current_borehole())
        dialog = window.well_tab.open_round()
        if dialog is None:
            print("well_screenshot: no round", file=sys.stderr)
            return 1
        dialog.resize(1366, 740)
        dialog.move(0, 0)
        dialog.entry.edits[0].setFocus()
        settle(40)
        return save_screen(out, dialog, "sampling round view")
    finally:
        session.close()


if __name__ == "__main__":
    raise SystemExit(main())
