"""Start to first window, this checkout beside another one and a bare QMainWindow, in paired runs.

bench/bench_ui.py gives the figure (wall time) and the process's CPU time, which counts every
thread. Work moved to a worker thread (the first rows of a big file, the font list) leaves the
second unchanged, and on a busy machine the first is mostly the load. This prints beside both the
GUI thread's own CPU time (``time.thread_time()`` at the same moment the bench takes its figure):
what a quiet machine's wall time follows. Same programs as the bench, interleaved::

    git worktree add --detach /tmp/old main
    python tools/first_window_threads.py --old /tmp/old --rounds 12 small.sqlite big.sqlite

Each database is a file ``fieldapp demo-data`` made (the bench's are 12 and 50,000 boreholes).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHOWN = 'print("shown", sum(os.times()[:2]), time.thread_time(), flush=True)'
BARE = f"""
import os, sys, time
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication(sys.argv[:1])
w = QMainWindow()
w.resize(1400, 860)
w.show()
QTimer.singleShot(0, lambda: ({SHOWN}, app.quit()))
app.exec()
"""
OURS = f"""
import os, sys, time
from pathlib import Path
from PySide6.QtCore import QTimer
from ui.app import open_window
gui = open_window(db=Path(sys.argv[1]), demo=False, gnss=False)
QTimer.singleShot(0, lambda: ({SHOWN}, gui.app.quit()))
gui.app.exec()
gui.close()
"""


def start(code: str, args: list[str], root: Path, config: Path) -> tuple[float, float, float]:
    """(wall, process CPU, GUI-thread CPU) seconds until the window is shown."""
    env = dict(os.environ, FIELDAPP_CONFIG_DIR=str(config), PYTHONPATH=str(root))
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    if not env.get("DISPLAY") and not env.get("WAYLAND_DISPLAY"):
        env.setdefault("QT_QPA_PLATFORM", "offscreen")
    t0 = time.perf_counter()
    with subprocess.Popen([sys.executable, "-c", code, *args], env=env, stdout=subprocess.PIPE,
                          stderr=subprocess.DEVNULL, text=True, cwd=root) as proc:
        assert proc.stdout is not None
        for printed in proc.stdout:
            if printed.startswith("shown"):
                wall, said = time.perf_counter() - t0, printed.split()
                break
        else:
            raise SystemExit(f"{root}: the window was never shown")
        proc.stdout.read()
    return wall, float(said[1]), float(said[2])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("databases", nargs="+", type=Path)
    parser.add_argument("--old", type=Path, required=True, help="another checkout to compare with")
    parser.add_argument("--rounds", type=int, default=10)
    args = parser.parse_args()
    programs = (("bare", BARE, ROOT, False), ("old", OURS, args.old.resolve(), True), ("new", OURS, ROOT, True))
    for root in (ROOT, args.old.resolve()):  # compiled as installed, as the bench does
        subprocess.run([sys.executable, "-m", "compileall", "-q", "fieldapp", "drivers", "ui"], cwd=root, check=True)
    times: dict[tuple[Path, str], list[tuple[float, float, float]]] = {}
    with tempfile.TemporaryDirectory() as name:
        config = Path(name)
        (config / "settings.json").write_text('{"user": "Bench"}', encoding="utf-8")
        for _ in range(args.rounds):
            for db in args.databases:
                for what, code, root, with_db in programs:
                    times.setdefault((db, what), []).append(start(code, [str(db)] if with_db else [], root, config))
    load = os.getloadavg()
    print(f"load average at the end {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}; medians of {args.rounds} rounds")
    for db in args.databases:
        bare = [statistics.median(t[i] for t in times[(db, "bare")]) for i in range(3)]
        for what, *_ in programs:
            wall, cpu, gui = (statistics.median(t[i] for t in times[(db, what)]) for i in range(3))
            print(f"{db.name:20s} {what:4s}  wall {wall * 1000:6.1f} ms ({wall / bare[0]:.2f}x)  "
                  f"CPU {cpu * 1000:4.0f} ms ({cpu / bare[1]:.2f}x)  GUI thread {gui * 1000:6.1f} ms "
                  f"({gui / bare[2]:.2f}x)")


if __name__ == "__main__":
    main()
