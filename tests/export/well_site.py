"""A monitoring well in a borehole of borelog_site: filter 2.00-3.00 m, gravel 1.70-3.00 m, seal 1.20-1.70 m,
PVC 32 mm, a standpipe 0.50 m above the surface."""

from __future__ import annotations

import sqlite3
from pathlib import Path


def add_well(db: Path, code: str) -> None:
    conn = sqlite3.connect(db)
    with conn:
        bid = conn.execute("SELECT id FROM borehole WHERE code = ?", (code,)).fetchone()[0]
        conn.execute("CREATE TABLE IF NOT EXISTS well (id TEXT, borehole_id TEXT, filter_top_cm INT, "
                     "filter_bottom_cm INT, top_of_pipe_cm INT, gravel_top_cm INT, gravel_bottom_cm INT, "
                     "seal_top_cm INT, seal_bottom_cm INT, pipe_diameter_mm REAL, pipe_material TEXT, finish TEXT)")
        conn.execute("INSERT INTO well VALUES ('w1', ?, 200, 300, 50, 170, 300, 120, 170, 32, 'PVC', 'standpijp')",
                     (bid,))
    conn.close()
