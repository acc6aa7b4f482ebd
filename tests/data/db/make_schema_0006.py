"""How schema-0006.sqlite was made (kept for the record; the file is committed).

A demo project of 4 boreholes (with layers, samples, containers, a sealed and handed-over cooler)
written by FieldApp as it stood before issue 12 (main at 236a844, schema step 0006_replica_receipts),
so that the project-metadata migration is tested on a file the landed version wrote, whatever
migrations and demo fields other branches add later. Run with that version's code on the path:

    git worktree add --detach /tmp/landed 236a844
    PYTHONPATH=/tmp/landed python tests/data/db/make_schema_0006.py
"""

from __future__ import annotations

from pathlib import Path

from fieldapp import demo
from fieldapp.session import Session
from fieldapp.settings import Settings

OUT = Path(__file__).with_name("schema-0006.sqlite")


def main() -> None:
    OUT.unlink(missing_ok=True)
    with Session.open(OUT, settings=Settings(user="J. de Vries")) as session:
        demo.create(session, boreholes=4, seed=5)
        session.store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")


if __name__ == "__main__":
    main()
