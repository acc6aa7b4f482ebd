"""`make bench`: run every benchmark module in bench/ and print its figures."""

from __future__ import annotations

import importlib
import pkgutil
import sys
from pathlib import Path


def main() -> int:
    here = Path(__file__).parent
    names = sorted(m.name for m in pkgutil.iter_modules([str(here)]) if m.name.startswith("bench_"))
    only = sys.argv[1:]
    for name in names:
        if only and name not in only:
            continue
        module = importlib.import_module(f"bench.{name}")
        print(f"== {name}", flush=True)
        module.main()
    return 0


raise SystemExit(main())
