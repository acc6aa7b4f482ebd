"""Run by test_export_atomic: start an export, say so once it is midway, then hang until killed."""

from __future__ import annotations

import sys
import time
from pathlib import Path

from fieldapp.codelists import CodeLists
from fieldapp.export import export
from fieldapp.session import Session
from fieldapp.settings import Settings


def main() -> None:
    db, fmt, out = sys.argv[1], sys.argv[2], Path(sys.argv[3])

    def progress(done: int, total: int) -> None:
        # some output is already written into the staging area by now
        print("midway", flush=True)
        while True:
            time.sleep(1)

    with Session.open(db, settings=Settings(user="kill"), lists=CodeLists.load()) as session:
        export(session, "2026-0142", fmt, out, progress=progress)


if __name__ == "__main__":
    main()
