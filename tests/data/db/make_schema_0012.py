"""How schema-0012.sqlite was made (kept for the record; the file is committed).

A demo project of 6 boreholes (seed 3) written by FieldApp as it stood before the lean journal
(main at 253da22, schema step 0012_lab_order, the journal in its old form), so that the
0013_lean_journal step is tested on a file the landed version wrote, whatever tables later
steps add to today's demo (staff, wells, photos ... cannot be written at step 0012).
Run with that version's code on the path:

    git worktree add --detach /tmp/landed 253da22
    PYTHONPATH=/tmp/landed python tests/data/db/make_schema_0012.py
"""

from __future__ import annotations

from pathlib import Path

from fieldapp import demo
from fieldapp.session import Session
from fieldapp.settings import Settings

OUT = Path(__file__).with_name("schema-0012.sqlite")


def main() -> None:
    OUT.unlink(missing_ok=True)
    with Session.open(OUT, settings=Settings(user="A. Bakker")) as session:
        demo.create(session, boreholes=6, seed=3, parallel=False)
        session.store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")


if __name__ == "__main__":
    main()
