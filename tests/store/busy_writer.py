"""Writes boreholes with a layer each, as fast as it can, until killed.

Run by test_verify_snapshot.py: verify and exports must read one state of
the file while this writes."""

from __future__ import annotations

import sys
from pathlib import Path

from fieldapp.domain import borehole, layer, project
from fieldapp.session import Session
from fieldapp.settings import Settings


def main(db: Path) -> None:
    with Session.open(db, settings=Settings(user="busy writer")) as session:
        proj = project.create(session, code="BUSY", name="busy")
        print("ready", flush=True)
        n = 0
        while True:
            n += 1
            with session.store.batch("borehole and its top layer"):
                hole = borehole.create(session, proj.id, code=f"B{n:05d}")
                layer.add(session, hole.id, upper=0.0, lower=0.5, soil="Zs1h2", colour="bruin")


if __name__ == "__main__":
    main(Path(sys.argv[1]))
