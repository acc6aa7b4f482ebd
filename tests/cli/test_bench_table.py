"""tools/bench_table.py: one `make bench` run's JSON lines become the README's performance table,
naming the machine and its load and marking each figure that misses its target (issue 18 item 8)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from bench import report

ROOT = Path(__file__).resolve().parents[2]
TOOL = ROOT / "tools" / "bench_table.py"


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, str(TOOL), *args], capture_output=True, text=True, cwd=ROOT,
                          check=False)


@pytest.fixture
def results(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A run as bench/__main__.py and bench/report.py write it, with one figure over its target."""
    path = tmp_path / "bench-results.jsonl"
    monkeypatch.setenv(report.RESULTS_ENV, str(path))
    report.record({"kind": "machine", "cpu": "AMD EPYC", "cores": 2, "memory_gb": 23.5, "system": "Linux 6",
                   "python": "3.11.7", "load_start": [3.5, 2.25, 1.0], "started": "2026-12-06T17:00:00+00:00"})
    report.record({"kind": "module", "name": "bench_ui"})
    printed = [
        report.line("start to first window shown", 512.0, "ms", "bare PySide6 QMainWindow", 280.0, "ratio <= 2",
                    higher_is_better=False),
        report.line("longest event-loop stall, 50,000 boreholes", 84.2, "ms", "idle window, same heartbeat", 9.0,
                    "< 50 ms", higher_is_better=False),
        report.figure("peak resident memory, 50,000 boreholes open", 171.0, "MB", "< 300 MB"),
        report.line("frozen build, fieldapp --version", 120.0, "ms", "installed fieldapp", 110.0,
                    "none (a figure)", higher_is_better=False),
    ]
    assert "MISSES ITS TARGET" in printed[1] and "MISSES" not in printed[0] + printed[2] + printed[3]
    report.record({"kind": "module_done", "name": "bench_ui", "returncode": 0, "seconds": 60.0})
    report.record({"kind": "module", "name": "bench_sync"})  # died: no module_done, no end record's mention
    report.record({"kind": "end", "load_end": [4.0, 3.0, 1.5], "finished": "2026-12-06T17:40:00+00:00",
                   "failed": []})
    return path


def test_the_table_names_the_machine_and_marks_what_misses(results: Path) -> None:
    done = _run(str(results))
    assert done.returncode == 0, done.stderr
    text = done.stdout
    assert "AMD EPYC, 2 cores, 23.5 GB" in text
    assert "3.50 / 2.25 / 1.00 at the start, 4.00 / 3.00 / 1.50 at the end" in text
    rows = {r.split(" | ")[0].lstrip("| "): r for r in text.splitlines() if r.startswith("| ") and "---" not in r}
    assert rows["start to first window shown"].endswith("| ratio <= 2 | met |")
    assert "512 ms" in rows["start to first window shown"] and "1.83 ×" in rows["start to first window shown"]
    assert rows["longest event-loop stall, 50,000 boreholes"].endswith("| < 50 ms | **misses its target** |")
    assert rows["peak resident memory, 50,000 boreholes open"].endswith("| < 300 MB | met |")
    assert rows["frozen build, fieldapp --version"].endswith("(no target to judge) |")
    assert "4 figures, 1 missing their target." in text
    assert "Benchmarks that failed, their figures missing: bench_sync." in text


def test_the_readme_table_is_replaced_between_its_markers(results: Path, tmp_path: Path) -> None:
    readme = tmp_path / "README.md"
    readme.write_text("# FieldApp\n\n## Performance\n\nintro\n\n<!-- bench-table -->\n| old | table |\n"
                      "<!-- /bench-table -->\n\n## How the code is cut\n", encoding="utf-8")
    done = _run(str(results), "--readme", str(readme))
    assert done.returncode == 0, done.stderr
    text = readme.read_text(encoding="utf-8")
    assert "| old | table |" not in text and "**misses its target**" in text
    assert text.startswith("# FieldApp\n\n## Performance\n\nintro\n\n<!-- bench-table -->\nMeasured by one")
    assert text.endswith("<!-- /bench-table -->\n\n## How the code is cut\n")


def test_bad_input_gets_one_line_and_changes_nothing(results: Path, tmp_path: Path) -> None:
    missing = _run(str(tmp_path / "nope.jsonl"))
    assert missing.returncode == 2 and "run `make bench` first" in missing.stderr
    assert len(missing.stderr.strip().splitlines()) == 1
    text_output = tmp_path / "bench.txt"
    text_output.write_text("== bench_ui\nstart to first window shown: 512 ms\n", encoding="utf-8")
    wrong = _run(str(text_output))
    assert wrong.returncode == 2 and "line 1: not a JSON line" in wrong.stderr
    readme = tmp_path / "README.md"
    readme.write_text("no markers here\n", encoding="utf-8")
    unmarked = _run(str(results), "--readme", str(readme))
    assert unmarked.returncode == 2 and "<!-- bench-table -->" in unmarked.stderr
    assert readme.read_text(encoding="utf-8") == "no markers here\n"


@pytest.mark.parametrize(("target", "value", "unit", "ratio", "met"), [
    ("ratio <= 2", 500, "ms", 1.8, True), ("ratio <= 2", 600, "ms", 2.2, False),
    ("absolute p99 < 20 ms", 22, "ms", 3, False), (">= 5x", 100, "labels/s", 6.6, True),
    (">= 0.25", 1, "rows/s", 0.19, False), ("< 300 MB", 310, "MB", 3, False),
    ("< 10 s", 2300, "ms", 1, True), ("< 100 ms, ratio ~1", 50, "ms", 2, True),
    ("p99 ratio <= 3", 1, "ms", 1.7, True), ("> 150 pages/s", 120, "pages/s", 1, False),
    ("none (a figure)", 1, "ms", 1, None), ("push < 20 s on PostgreSQL", 3000, "changes/s", 0.2, None),
    # a floor (bench_sync) is a figure beside its baseline, never judged: the text names no comparison
    (report.FLOOR_TARGET, 7e4, "changes/s", 0.41, None),
])
def test_each_target_the_benchmarks_state_is_judged(target: str, value: float, unit: str, ratio: float,
                                                    met: bool | None) -> None:
    assert report.judge(target, value, unit, ratio) is met
