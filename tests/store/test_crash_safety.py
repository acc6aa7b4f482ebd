"""Kill -9 in the middle of saving, 50 times: nothing reported saved is lost,
the file is intact and its audit chain verifies."""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from fieldapp.store import Store, natural
from fieldapp.store.verify import verify

WRITER = Path(__file__).with_name("crash_writer.py")
TABLES = {"project": "project", "borehole": "borehole", "layer": "layer", "sample": "sample",
          "container": "container"}


def test_sigkill_loses_nothing_reported_saved(tmp_path: Path) -> None:
    db = tmp_path / "crash.sqlite"
    rng = random.Random(20261127)
    promised: list[tuple[str, str]] = []
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])}
    kills_after_saves = 0
    # 50 kills at random moments; on a loaded machine the writer starts slowly and more of them land before
    # its first save, so it goes on until 25 have landed while saving (or 200 kills)
    for attempt in range(200):
        if attempt >= 50 and kills_after_saves >= 25:
            break
        proc = subprocess.Popen([sys.executable, str(WRITER), str(db)], stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, env=env, text=True)
        time.sleep(rng.uniform(0.05, 1.2))  # sometimes before the first save, mostly in the middle
        proc.send_signal(signal.SIGKILL)
        out, err = proc.communicate()
        assert proc.returncode == -signal.SIGKILL, f"the writer ended by itself: {err}"
        lines = [line.split() for line in out.splitlines() if line.startswith("saved ")]
        promised.extend((kind, row_id) for _, kind, row_id in lines)
        kills_after_saves += bool(lines)

        if not db.exists():  # killed while creating it: a new database appears whole or not at all
            assert not promised
            continue
        conn = sqlite3.connect(db)
        natural.register(conn)  # the natural-order index is checked through it (fieldapp/store/natural.py)
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        for kind, row_id in promised:
            found = conn.execute(f"SELECT 1 FROM {TABLES[kind]} WHERE id = ?", (row_id,)).fetchone()
            assert found, f"{kind} {row_id} was reported saved but is gone"
        conn.close()
        with Store.open(db, actor="check") as store:
            verify(store)
    assert kills_after_saves >= 25, "too few kills landed while saving to mean anything"
    assert len(promised) > 100
