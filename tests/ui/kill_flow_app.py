"""The GUI on a database, driven through its widgets until it is killed.

    python tests/ui/kill_flow_app.py DB

Each step types into the real forms from the event loop and prints
``ACK <table> <what>`` once the form reports the save; the test kills this
process with SIGKILL at a random moment and checks every acknowledged record.
"""

from __future__ import annotations

import os
import sys
from itertools import count
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))


def main(db: Path) -> int:
    from PySide6.QtCore import QTimer

    from fieldapp.domain import layer as layer_mod
    from ui.app import open_window

    gui = open_window(db=db, demo=False, gnss=False)
    w = gui.window
    steps = count()

    def ack(*what: object) -> None:
        print("ACK", *what, flush=True)

    def step() -> None:
        try:
            one_step()
        except BaseException as exc:  # a failed step ends the run, it must not hang the test
            print(f"FAILED {exc!r}", file=sys.stderr, flush=True)
            os._exit(3)

    def one_step() -> None:
        n = next(steps)
        if n == 0:
            dialog = w.new_project()
            dialog.code_edit.setText("K-1")
            dialog.name_edit.setText("Kill test")
            p = dialog.save()
            assert p is not None
            ack("project", p.code)
        elif (bh := w.current_borehole()) is None or len(layer_mod.of_borehole(w.session.store, bh.id)) >= 20:
            w.borehole_form.load(w.current_project(), None)
            bh = w.borehole_form.save()
            assert bh is not None, w.borehole_form.errors_general.text()
            ack("borehole", bh.code)
        else:
            lf = w.layer_form
            lower = (round(float(lf.upper_edit.text()) * 100) + 10) / 100
            lf.lower_edit.setText(f"{lower:.2f}")
            lf.soil_edit.setText("Zs1")
            layer = lf.save()
            assert layer is not None, lf.errors_general.text()
            ack("layer", lf.borehole.code if lf.borehole else "?", layer.upper_cm, layer.lower_cm)

    # one timer object: QTimer.singleShot(callable) over-releases None in PySide6 6.12
    timer = QTimer()
    timer.setInterval(0)
    timer.timeout.connect(step)
    timer.start()
    return int(gui.app.exec())


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1])))
