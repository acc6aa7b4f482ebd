"""Time of `fieldapp check`'s holding-time, PFAS and asbestos checks beside the others, on a demo project.

    .venv/bin/python bench/bench_holding.py [BOREHOLES]   (default 1000)
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

from fieldapp import check, demo
from fieldapp.domain import asbestos, holding, pfas, project
from fieldapp.session import Session
from fieldapp.settings import Settings


def _best(conn: object, pid: str, fns: list[check.CheckFn] | None) -> float:
    times = []
    for _ in range(3):
        start = time.perf_counter()
        check.run(conn, pid, checks=fns)  # type: ignore[arg-type]
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    path = Path(tempfile.mkdtemp()) / "demo.sqlite"
    with Session.open(path, settings=Settings(user="J. de Vries")) as s:
        demo.create(s, boreholes=n, seed=1)
        pid = project.by_code(s.store, "2026-0142").id
        mine = [holding.findings, pfas.findings, asbestos.findings]
        containers = s.store.conn.execute("SELECT COUNT(*) FROM container").fetchone()[0]
        print(f"demo: {n} boreholes, {containers} containers")
        for name, fns in (("every check", None), ("the other checks", [c for c in check.CHECKS if c not in mine]),
                          ("holding", [holding.findings]), ("pfas", [pfas.findings]),
                          ("asbestos", [asbestos.findings])):
            print(f"{name:18s} {_best(s.store.conn, pid, fns):.3f} s")


if __name__ == "__main__":
    main()
