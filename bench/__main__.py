"""`make bench`: run every benchmark module in bench/ and print its figures.

Each module runs in a process of its own, so that one benchmark's heap (a
million containers, a hub) does not weigh on the next one's figures, above
all on resident memory and garbage-collection pauses.
"""

from __future__ import annotations

import pkgutil
import subprocess
import sys
from pathlib import Path


def main() -> int:
    here = Path(__file__).parent
    names = sorted(m.name for m in pkgutil.iter_modules([str(here)]) if m.name.startswith("bench_"))
    only = sys.argv[1:]
    failed = []
    for name in names:
        if only and name not in only:
            continue
        print(f"== {name}", flush=True)
        done = subprocess.run([sys.executable, "-c", f"import bench.{name} as b; b.main()"],
                              cwd=here.parent, check=False)
        if done.returncode != 0:
            failed.append(name)
    if failed:
        print(f"failed: {', '.join(failed)}", file=sys.stderr)
    return 1 if failed else 0


raise SystemExit(main())
