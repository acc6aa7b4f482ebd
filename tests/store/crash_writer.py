"""Saves field-work actions in a loop and reports each one once it is saved.

Run by test_crash_safety.py, which kills this process with SIGKILL at random
moments. Each line on stdout is a promise: "this is on disk".
"""

from __future__ import annotations

import sys
from pathlib import Path

from fieldapp.domain import borehole, container, layer, project, sample
from fieldapp.domain.sample import Part
from fieldapp.errors import NotFoundError
from fieldapp.session import Session
from fieldapp.settings import Settings


def main(db: Path) -> None:
    with Session.open(db, settings=Settings(user="crash test")) as session:
        store = session.store
        try:
            proj = project.by_code(store, "CRASH")
        except NotFoundError:
            proj = project.create(session, code="CRASH", name="crash test")
            print(f"saved project {proj.id}", flush=True)
        n = store.count("sample")
        hole = None
        while True:
            # a fresh borehole each run and every 20 m, as a sampler's day goes
            deepest = borehole.deepest_layer_cm(store, hole.id) or 0 if hole else 0
            if hole is None or deepest >= 2000:
                code = f"B{store.count('borehole') + 1:03d}"
                hole = borehole.create(session, proj.id, code=code)
                print(f"saved borehole {hole.id}", flush=True)
                deepest = 0
            new = layer.add(session, hole.id, upper=deepest / 100, lower=(deepest + 10) / 100, soil="Zs1h2",
                            colour="bruin")
            print(f"saved layer {new.id}", flush=True)
            if deepest % 30 == 0:
                n += 1
                smp = sample.create(session, proj.id, code=f"M{n}", kind="field_sample", matrix="BS",
                                    parts=[Part(hole.id, deepest / 100, (deepest + 10) / 100)])
                print(f"saved sample {smp.id}", flush=True)
                jar = container.add(session, smp.id, container_type="Pot", material="G")
                print(f"saved container {jar.id}", flush=True)


if __name__ == "__main__":
    main(Path(sys.argv[1]))
