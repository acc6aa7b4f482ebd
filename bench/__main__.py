"""`make bench`: run every benchmark module in bench/ and print its figures.

Each module runs in a process of its own, so that one benchmark's heap (a
million containers, a hub) does not weigh on the next one's figures, above
all on resident memory and garbage-collection pauses.

Besides what it prints, a run writes ``bench-results.jsonl`` (or the file
named by ``FIELDAPP_BENCH_RESULTS``): the machine and its load at the start
and the end, and every figure with its verdict (bench/report.py).
`python tools/bench_table.py bench-results.jsonl --readme README.md` puts it
in the README's performance table. The 50,000-borehole database is built once
per run in a scratch folder (bench/shared_db.py) and removed at the end.
"""

from __future__ import annotations

import os
import pkgutil
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

from bench.report import RESULTS_ENV, record
from bench.shared_db import ENV as SHARED_ENV


def _cpu() -> str:
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as fh:
            for row in fh:
                if row.startswith("model name"):
                    return row.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def _memory_gb() -> float | None:
    try:
        with open("/proc/meminfo", encoding="ascii") as fh:
            return int(fh.readline().split()[1]) / 1024 / 1024
    except (OSError, ValueError, IndexError):
        return None


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def main() -> int:
    here = Path(__file__).parent
    names = sorted(m.name for m in pkgutil.iter_modules([str(here)]) if m.name.startswith("bench_"))
    only = sys.argv[1:]
    results = Path(os.environ.get(RESULTS_ENV) or here.parent / "bench-results.jsonl").resolve()
    results.write_text("", encoding="utf-8")  # one run per file
    # a folder named by the caller is kept (a database built there is reused by the next run)
    given = os.environ.get(SHARED_ENV)
    shared = given or tempfile.mkdtemp(prefix="fieldapp-bench-shared-", dir=os.environ.get("BENCH_DIR"))
    env = dict(os.environ, **{RESULTS_ENV: str(results), SHARED_ENV: shared})
    os.environ[RESULTS_ENV] = str(results)
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    load = os.getloadavg()
    record({"kind": "machine", "cpu": _cpu(), "cores": cores, "memory_gb": _memory_gb(),
            "system": f"{platform.system()} {platform.release()}", "python": platform.python_version(),
            "load_start": load, "started": _now(), "modules": [n for n in names if not only or n in only]})
    print(f"machine: {_cpu()}, {cores} cores; load average {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}",
          flush=True)
    failed = []
    try:
        for name in names:
            if only and name not in only:
                continue
            print(f"== {name}", flush=True)
            record({"kind": "module", "name": name})
            t0 = time.perf_counter()
            done = subprocess.run([sys.executable, "-c", f"import bench.{name} as b; b.main()"],
                                  cwd=here.parent, check=False, env=env)
            record({"kind": "module_done", "name": name, "returncode": done.returncode,
                    "seconds": time.perf_counter() - t0})
            if done.returncode != 0:
                failed.append(name)
    finally:
        if not given:
            shutil.rmtree(shared, ignore_errors=True)
        load = os.getloadavg()
        record({"kind": "end", "load_end": load, "finished": _now(), "failed": failed})
        print(f"load average at the end: {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}; figures in {results}",
              flush=True)
    if failed:
        print(f"failed: {', '.join(failed)}", file=sys.stderr)
    return 1 if failed else 0


raise SystemExit(main())
