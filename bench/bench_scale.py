"""A coordinator's laptop with 50,000 boreholes (issue 18).

1. Opening the store at 50,000 boreholes against opening it at 1,000, in the
   same run (median of alternated opens).
2. `fieldapp verify` at 50,000 boreholes against a raw read-and-hash of the
   same rows (every journal row and every domain row read with sqlite3 and
   hashed with SHA-256), each in a child process of its own so that its peak
   resident memory is its own (``ru_maxrss``).

The 50,000-borehole database is built by `demo-data` in each run (about two
minutes on the 2-core machine): a file kept from an earlier run could be of an
older journal format and measure that instead. BENCH_SCALE_BOREHOLES sets a
smaller one for a quick look.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.report import line
from bench.shared_db import mark_built, shared_path
from fieldapp import demo
from fieldapp.session import Session
from fieldapp.store import Store

SMALL = 1000
LARGE = int(os.environ.get("BENCH_SCALE_BOREHOLES", "50000"))
OPENS = 41  # a busy machine preempts single opens for 10 ms: the median of many

# the two child processes: each prints {"seconds": ..., "cpu": ..., "rss_mb": ...}. Peak RSS is
# VmHWM of /proc: ru_maxrss would keep the high-water mark of the forked parent across exec.
_REPORT = """
def report(t0):
    import json, os, time
    cpu = sum(os.times()[:2])
    hwm = [l for l in open("/proc/self/status") if l.startswith("VmHWM:")][0].split()[1]
    print(json.dumps({"seconds": time.perf_counter() - t0, "cpu": cpu, "rss_mb": int(hwm) / 1024}))
"""
_VERIFY = _REPORT + """
import sys, time
from fieldapp.store import Store
from fieldapp.store.verify import verify
t0 = time.perf_counter()
with Store.open(sys.argv[1], actor="verify", read_only=True) as store:
    verify(store)
report(t0)
"""

_RAW = _REPORT + """
import hashlib, sqlite3, sys, time
t0 = time.perf_counter()
conn = sqlite3.connect(f"file:{sys.argv[1]}?mode=ro", uri=True)
tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
          if r[0] not in ("sqlite_sequence",)]
for table in tables:
    for row in conn.execute(f"SELECT * FROM {table}"):
        hashlib.sha256("\\x1f".join(map(str, row)).encode()).hexdigest()
report(t0)
"""


def _build(path: Path, boreholes: int) -> float:
    t0 = time.perf_counter()
    with Session.open(path) as session:
        demo.create(session, boreholes=boreholes, seed=7)
    return time.perf_counter() - t0


def _open_once(path: Path) -> tuple[float, float]:
    """Wall and CPU seconds of one open and close."""
    t0, c0 = time.perf_counter(), time.process_time()
    Store.open(path, actor="bench").close()
    return time.perf_counter() - t0, time.process_time() - c0


def _child(code: str, path: Path) -> dict[str, float]:
    done = subprocess.run([sys.executable, "-c", code, str(path)], capture_output=True, text=True, check=True)
    result: dict[str, float] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def main() -> None:
    with tempfile.TemporaryDirectory(dir=os.environ.get("BENCH_DIR")) as d:
        # under `make bench` the large one is kept for bench_ui, which opens it rather than build it again
        small, large = Path(d) / "small.db", shared_path(LARGE, Path(d) / "large.db")
        _build(small, SMALL)
        built = _build(large, LARGE)
        mark_built(large)
        size = large.stat().st_size
        print(f"built {LARGE:,} boreholes in {built:.1f} s ({size / 1e9:.2f} GB, "
              f"{size / LARGE / 1e3:.1f} KB per borehole; target <= 20 KB)", flush=True)
        _open_once(small), _open_once(large)  # the page cache warm for both
        small_t, large_t = [], []
        for _ in range(OPENS):
            small_t.append(_open_once(small))
            large_t.append(_open_once(large))
        for k, what in ((0, "wall"), (1, "CPU")):
            print(line(f"open the store at {LARGE:,} boreholes ({what} time)",
                       statistics.median(t[k] for t in large_t) * 1e3, "ms", f"open at {SMALL:,}",
                       statistics.median(t[k] for t in small_t) * 1e3, "ratio <= 1.2",
                       higher_is_better=False), flush=True)
        raw = _child(_RAW, large)
        ours = _child(_VERIFY, large)
        print(line(f"verify at {LARGE:,} boreholes", ours["seconds"], "s",
                   "raw sqlite3 read + SHA-256 of every row", raw["seconds"], "ratio <= 1.5",
                   higher_is_better=False), flush=True)
        print(line(f"verify at {LARGE:,} boreholes, CPU time", ours["cpu"], "s",
                   "the same raw read-and-hash", raw["cpu"], "(the wall time above is the figure; CPU time "
                   "shows what a busy machine hides)", higher_is_better=False), flush=True)
        print(f"verify at {LARGE:,} boreholes: peak RSS {ours['rss_mb']:.0f} MB (target < 200 MB; "
              f"the raw read-and-hash: {raw['rss_mb']:.0f} MB)", flush=True)


if __name__ == "__main__":
    main()
