"""GUI benchmarks, each beside a baseline from the same run.

* start to first window shown, against a bare PySide6 QMainWindow start
  (both in fresh subprocesses; target ratio <= 2), on a small database and on
  one of 50,000 boreholes (issue 18: the list shows its first rows by then);
* opening a project of 50,000 boreholes, scrolling its list, searching it and
  selecting boreholes: the longest stall of the event loop, measured with a
  QTimer heartbeat, against the same heartbeat on an idle window (target < 50 ms);
* resident memory with that project open, against a bare QMainWindow
  process (target < 300 MB);
* with a frozen build in dist/fieldapp (``make dist``): its start to first
  window and its ``--version``, against the installed program's (both as
  ``fieldapp ... --quit-after 0``, in fresh processes; no target, a figure
  for the README).

Sizes: ``FIELDAPP_BENCH_BOREHOLES`` (default 50000), ``FIELDAPP_BENCH_STARTS``
(default 9). Under `make bench` the big database is the one bench_scale built
in this run (bench/shared_db.py); run alone, it is built here (minutes).
Without a display the offscreen platform is used.
Run alone with ``python -m bench.bench_ui``; ``make bench`` calls ``main()``.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple

from bench.report import figure, line
from bench.shared_db import built, mark_built, shared_path

ROOT = Path(__file__).resolve().parents[1]

_BARE = """
import os, sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication(sys.argv[:1])
w = QMainWindow()
w.resize(1400, 860)
w.show()
QTimer.singleShot(0, lambda: (print("shown", sum(os.times()[:2]), flush=True), app.quit()))
app.exec()
"""

_FIELDAPP = """
import os, sys
from pathlib import Path
from PySide6.QtCore import QTimer
from ui.app import open_window
gui = open_window(db=Path(sys.argv[1]), demo=False, gnss=False)
QTimer.singleShot(0, lambda: (print("shown", sum(os.times()[:2]), flush=True), gui.app.quit()))
gui.app.exec()
gui.close()
"""

_RSS_BARE = """
import sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication(sys.argv[:1])
w = QMainWindow()
w.resize(1400, 860)
w.show()
def done():
    print(open('/proc/self/status').read().split('VmRSS:')[1].split()[0], flush=True)
    app.quit()
QTimer.singleShot(200, done)
app.exec()
"""


def _env(tmp: Path) -> dict[str, str]:
    config = tmp / "config"
    config.mkdir(parents=True, exist_ok=True)
    # a user who has started FieldApp before: the first-start "who is working" dialog is not what is timed
    (config / "settings.json").write_text('{"user": "Bench"}', encoding="utf-8")
    env = dict(os.environ, FIELDAPP_CONFIG_DIR=str(config), PYTHONPATH=str(ROOT))
    if not env.get("DISPLAY") and not env.get("WAYLAND_DISPLAY"):
        env.setdefault("QT_QPA_PLATFORM", "offscreen")
    return env


def _start_time(code: str, args: list[str], env: dict[str, str]) -> tuple[float, float]:
    """(wall, CPU) seconds until the window is shown: until the program says so, not until it has shut
    down (what runs after, the forms built just after the first show and the teardown, is not the first
    window). The CPU time is the process's own, which the machine's load does not stretch."""
    said: list[str] = []
    wall = _program_time([sys.executable, "-c", code, *args], env, "shown", said)
    return wall, float(said[0].split()[1])


def start_times(tmp: Path, db: Path, repeat: int) -> tuple[tuple[float, float], tuple[float, float]]:
    """Both programs as installed: with their modules' bytecode compiled, as
    pip leaves Qt's and as an installed FieldApp has its own (a development
    shell with PYTHONDONTWRITEBYTECODE would otherwise recompile only ours,
    from source, at every start)."""
    env = _env(tmp)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    subprocess.run([sys.executable, "-m", "compileall", "-q", "fieldapp", "drivers", "ui"], cwd=ROOT,
                   env=env, check=True)
    bare, ours = [], []
    for _ in range(repeat):  # interleaved, so both see the same machine
        bare.append(_start_time(_BARE, [], env))
        ours.append(_start_time(_FIELDAPP, [str(db)], env))
    return ((statistics.median(t[0] for t in ours), statistics.median(t[1] for t in ours)),
            (statistics.median(t[0] for t in bare), statistics.median(t[1] for t in bare)))


def _program_time(command: list[str], env: dict[str, str], expect: str, said: list[str] | None = None) -> float:
    """Seconds from start until the program prints ``expect`` (not until it has shut down); the line
    it printed is put in ``said``."""
    t0 = time.perf_counter()
    with subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
                          cwd=ROOT) as proc:
        assert proc.stdout is not None
        for printed in proc.stdout:
            if expect in printed:
                took = time.perf_counter() - t0
                if said is not None:
                    said.append(printed)
                break
        else:
            raise AssertionError(f"{command[0]} never printed {expect!r}")
        proc.stdout.read()
    assert proc.returncode == 0, command
    return took


def frozen_times(tmp: Path, db: Path, repeat: int) -> dict[str, tuple[float, float]] | None:
    """{what: (frozen, installed)} medians, or None without a build."""
    frozen = ROOT / "dist" / "fieldapp" / ("fieldapp.exe" if sys.platform == "win32" else "fieldapp")
    if not frozen.is_file():
        return None
    script = Path(sys.executable).with_name("fieldapp")
    installed = [str(script)] if script.is_file() else [sys.executable, "-m", "ui.main"]
    env = _env(tmp)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    runs = {"--version": (["--version"], "FieldApp"), "window": (["--db", str(db), "--quit-after", "0"], "shown")}
    times: dict[str, tuple[list[float], list[float]]] = {what: ([], []) for what in runs}
    for _ in range(repeat):  # interleaved, so both see the same machine
        for what, (args, expect) in runs.items():
            times[what][0].append(_program_time([str(frozen), *args], env, expect))
            times[what][1].append(_program_time([*installed, *args], env, expect))
    return {what: (statistics.median(f), statistics.median(i)) for what, (f, i) in times.items()}


def _rss_mb(field: str = "VmRSS:") -> float:
    with open("/proc/self/status", encoding="ascii") as fh:
        for row in fh:
            if row.startswith(field):
                return int(row.split()[1]) / 1024
    return float("nan")


class Stalls(NamedTuple):
    busy: float  # longest wall time between two heartbeats, opening, scrolling, searching (s)
    idle: float  # the same on an idle window
    busy_cpu: float  # the most CPU time this process spent between two heartbeats (s)
    idle_cpu: float
    rss: float  # MB with the project open
    peak: float


def stall_and_memory(db: Path) -> Stalls:
    """The event loop's longest stalls and the memory with a big project open."""
    if not os.environ.get("DISPLAY"):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QTimer

    from fieldapp.session import Session
    from fieldapp.settings import Settings
    from ui.app import application
    from ui.main_window import MainWindow

    app = application()
    session = Session.open(db, settings=Settings(user="bench", language="en"))
    window = MainWindow(session)
    window.show()
    gaps: list[float] = []
    cpu_gaps: list[float] = []  # the process's CPU time between beats: what other processes' load cannot add
    doing = ["start"]
    worst = {"gap": 0.0, "step": "", "cpu": 0.0, "cpu_step": ""}
    last = [time.perf_counter(), time.process_time()]

    def beat() -> None:
        now, cpu = time.perf_counter(), time.process_time()
        gaps.append(now - last[0])
        cpu_gaps.append(cpu - last[1])
        if len(gaps) > 1 and gaps[-1] > worst["gap"]:  # type: ignore[operator]
            worst.update(gap=gaps[-1], step=doing[0])
        if len(cpu_gaps) > 1 and cpu_gaps[-1] > worst["cpu"]:  # type: ignore[operator]
            worst.update(cpu=cpu_gaps[-1], cpu_step=doing[0])
        last[0], last[1] = now, cpu

    heart = QTimer()
    heart.setInterval(5)
    heart.timeout.connect(beat)

    def run(steps: list[Callable[[], object]]) -> None:
        """Each step from the event loop, 20 ms apart; a step returning False is tried again."""
        # one QTimer object, not QTimer.singleShot(callable): PySide6 6.12's singleShot
        # with a Python callable over-releases None, which a long run notices
        def next_step() -> None:
            if not steps:
                stepper.stop()
                app.quit()
                return
            doing[0] = getattr(steps[0], "__name__", "?")
            if steps[0]() is not False:
                steps.pop(0)
        stepper = QTimer()
        stepper.setInterval(20)
        stepper.timeout.connect(next_step)
        stepper.start()
        heart.start()
        last[0], last[1] = time.perf_counter(), time.process_time()
        app.exec()
        heart.stop()

    # let the window settle (first layout and paint, the first project read) before measuring
    run([lambda: not window.loading] + [lambda: None] * 25)
    gaps.clear()
    cpu_gaps.clear()

    # idle baseline: the same heartbeat with nothing to do for as long
    run([lambda: None] * 60)
    idle = max(gaps[1:]) if len(gaps) > 1 else 0.0
    idle_cpu = max(cpu_gaps[1:]) if len(cpu_gaps) > 1 else 0.0
    gaps.clear()
    cpu_gaps.clear()
    worst.update(gap=0.0, step="", cpu=0.0, cpu_step="")

    view = window.borehole_view
    bar = view.verticalScrollBar()

    def scroll(fraction: float) -> None:
        bar.setValue(int(bar.maximum() * fraction))

    def pick(fraction: float) -> None:
        window.select_borehole(int((window.boreholes_model.rowCount() - 1) * fraction))

    def named(name: str, fn: Callable[[], object]) -> Callable[[], object]:
        fn.__name__ = name
        return fn

    steps: list[Callable[[], object]] = [
        named("reload the projects", lambda: window.refresh()),
        named("open the project", lambda: window.select_project(0)),
        named("waiting for the boreholes", lambda: not window.loading),
    ]
    steps += [named(f"scroll to {i / 40:.0%}", lambda f=i / 40: scroll(f)) for i in range(41)]
    steps += [named(f"select the borehole at {i / 10:.0%}", lambda f=i / 10: pick(f)) for i in range(11)]
    for text in ("B", "B1", "B12", "B123", "B1234", "", "2.5", "meas", ""):  # typed, one key at a time
        steps.append(named(f"search {text!r}", lambda t=text: window.borehole_search.setText(t)))
    steps += [named("show the layers tab", lambda: window.tabs.setCurrentWidget(window.layer_form)),
              named("show the samples tab", lambda: window.tabs.setCurrentWidget(window.sample_form)),
              named("show the overview tab", lambda: window.tabs.setCurrentWidget(window.overview))]
    run(steps)
    busy = max(gaps[1:]) if len(gaps) > 1 else 0.0
    busy_cpu = max(cpu_gaps[1:]) if len(cpu_gaps) > 1 else 0.0
    print(f"  (the longest stall came during: {worst['step']}; the most CPU time between two beats: "
          f"{worst['cpu_step']})", flush=True)
    assert window.boreholes_model.rowCount() > 0
    print(f"  (the list read {window.boreholes_model.reads} pages and holds {window.boreholes_model.loaded} "
          f"of {window.boreholes_model.rowCount()} boreholes)", flush=True)
    rss, peak = _rss_mb(), _rss_mb("VmHWM:")
    window.close()
    session.close()
    return Stalls(busy, idle, busy_cpu, idle_cpu, rss, peak)


def main() -> None:
    boreholes = int(os.environ.get("FIELDAPP_BENCH_BOREHOLES", "50000"))
    # nine interleaved pairs: the median of five bare starts moved from 102 to 152 ms between two runs
    starts = int(os.environ.get("FIELDAPP_BENCH_STARTS", "9"))
    with tempfile.TemporaryDirectory(prefix="fieldapp-bench-ui-") as name:
        tmp = Path(name)
        small = tmp / "small.sqlite"
        big = shared_path(boreholes, tmp / "big.sqlite")
        env = _env(tmp)
        for db, n in ((small, 12), (big, boreholes)):
            if db is big and built(big):
                print(f"the {n:,}-borehole database of this run is opened, not built again", flush=True)
                continue
            subprocess.run([sys.executable, "-m", "ui.main", "demo-data", "--db", str(db), "--boreholes", str(n)],
                           env=env, check=True, capture_output=True, cwd=ROOT)
            if db is big:
                mark_built(big)
        for db, what in ((small, ""), (big, f", {boreholes:,} boreholes listed")):
            ours, bare = start_times(tmp, db, starts)
            print(line(f"start to first window shown{what}", ours[0] * 1000, "ms", "bare PySide6 QMainWindow",
                       bare[0] * 1000, "ratio <= 2", higher_is_better=False), flush=True)
            print(line(f"start to first window shown{what}, CPU time", ours[1] * 1000, "ms",
                       "bare PySide6 QMainWindow", bare[1] * 1000, "(the wall time above is the figure; CPU time "
                       "shows what a busy machine hides)", higher_is_better=False), flush=True)
        frozen = frozen_times(tmp, small, starts)
        if frozen is None:
            print("frozen build: none in dist/fieldapp (make dist), not measured", flush=True)
        else:
            (f_win, i_win), (f_ver, i_ver) = frozen["window"], frozen["--version"]
            print(line("frozen build, start to first window shown", f_win * 1000, "ms", "installed fieldapp",
                       i_win * 1000, "none (a figure)", higher_is_better=False), flush=True)
            print(line("frozen build, fieldapp --version", f_ver * 1000, "ms", "installed fieldapp", i_ver * 1000,
                       "none (a figure)", higher_is_better=False), flush=True)
        bare_rss = float(subprocess.run([sys.executable, "-c", textwrap.dedent(_RSS_BARE)], env=env,
                                        capture_output=True, text=True, check=True).stdout.strip()) / 1024
        s = stall_and_memory(big)
        print(line(f"longest event-loop stall, opening, scrolling and searching {boreholes:,} boreholes",
                   s.busy * 1000, "ms", "idle window, same heartbeat", s.idle * 1000, "< 50 ms",
                   higher_is_better=False), flush=True)
        print(line(f"longest event-loop stall in CPU time, {boreholes:,} boreholes", s.busy_cpu * 1000, "ms",
                   "idle window, same heartbeat", s.idle_cpu * 1000, "(the wall time above is the figure; CPU "
                   "time shows what a busy machine hides)", higher_is_better=False), flush=True)
        print(line(f"resident memory, project of {boreholes:,} boreholes open", s.rss, "MB",
                   "bare PySide6 QMainWindow process", bare_rss, "< 300 MB", higher_is_better=False), flush=True)
        print(figure(f"peak resident memory, project of {boreholes:,} boreholes open", s.peak, "MB", "< 300 MB"),
              flush=True)


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    main()
