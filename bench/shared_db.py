"""The 50,000-borehole database, built once per `make bench` and read by every benchmark that needs it.

`make bench` (bench/__main__.py) names a scratch folder in ``FIELDAPP_BENCH_SHARED`` and removes it
at the end; the first benchmark to need a database of a size builds it there (bench_scale times that
build), the next ones open the same file. A benchmark run alone builds its own.
"""

from __future__ import annotations

import os
from pathlib import Path

ENV = "FIELDAPP_BENCH_SHARED"


def shared_path(boreholes: int, fallback: Path) -> Path:
    """Where the database of ``boreholes`` demo boreholes lives for this run (``fallback`` outside `make bench`)."""
    folder = os.environ.get(ENV)
    return Path(folder) / f"demo-{boreholes}.sqlite" if folder else fallback


def built(path: Path) -> bool:
    """Whether an earlier benchmark of this run built ``path`` completely (it writes the mark last)."""
    return path.with_suffix(".done").exists()


def mark_built(path: Path) -> None:
    path.with_suffix(".done").write_text("built\n", encoding="ascii")
