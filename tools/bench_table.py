"""The README's performance table from one `make bench` run (issue 18 item 8).

`make bench` writes ``bench-results.jsonl`` (bench/__main__.py, bench/report.py):
the machine, its load average at the start and the end, and every figure
with its baseline, ratio, target and verdict. This turns that file into the
table, a line on the machine above it, and marks every figure that misses
its target (and says which benchmarks failed and so have no figures)::

    python tools/bench_table.py bench-results.jsonl            # print the table
    python tools/bench_table.py bench-results.jsonl --readme README.md

With ``--readme`` the table replaces what stands between the markers
``<!-- bench-table -->`` and ``<!-- /bench-table -->`` in that file.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any

START, END = "<!-- bench-table -->", "<!-- /bench-table -->"
MISSES = "**misses its target**"


class BenchTableError(Exception):
    """A results file or README this tool cannot use; the message says what to do."""


def read(path: Path) -> list[dict[str, Any]]:
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise BenchTableError(f"cannot read {path}: {exc.strerror}; run `make bench` first") from exc
    entries = []
    for number, row in enumerate(text.splitlines(), start=1):
        if not row.strip():
            continue
        try:
            entry = json.loads(row)
        except ValueError as exc:
            raise BenchTableError(f"{path}, line {number}: not a JSON line ({exc.msg}); "
                                  "give the bench-results.jsonl of one `make bench` run") from exc
        if not isinstance(entry, dict) or "kind" not in entry:
            raise BenchTableError(f"{path}, line {number}: not a bench record (no \"kind\")")
        entries.append(entry)
    if not any(e["kind"] == "machine" for e in entries):
        raise BenchTableError(f"{path} does not start with the machine's record: is it from `make bench`?")
    return entries


def number(value: float) -> str:
    """A figure as a reader takes it in: three significant digits, thousands separated."""
    if value is None or (isinstance(value, float) and (math.isnan(value) or math.isinf(value))):
        return "–"
    if value == 0:
        return "0"
    digits = max(0, 2 - math.floor(math.log10(abs(value))))
    return f"{value:,.{digits}f}"


def _load(values: Iterable[float] | None) -> str:
    return "?" if not values else " / ".join(f"{v:.2f}" for v in values)


def machine_line(entries: list[dict[str, Any]]) -> str:
    m = next(e for e in entries if e["kind"] == "machine")
    end = next((e for e in entries if e["kind"] == "end"), None)
    memory = f", {m['memory_gb']:.1f} GB" if m.get("memory_gb") else ""
    when = m.get("started", "?")
    finished = "" if end is None else f" to {end.get('finished', '?')}"
    load_end = "not recorded (the run did not finish)" if end is None else _load(end.get("load_end"))
    return (f"Measured by one `make bench` run ({when}{finished}) on {m.get('cpu', '?')}, "
            f"{m.get('cores', '?')} cores{memory}, {m.get('system', '')}, Python {m.get('python', '?')}. "
            f"Load average (1 / 5 / 15 min): {_load(m.get('load_start'))} at the start, {load_end} at the end.")


def row(e: dict[str, Any]) -> str:
    measured = f"{number(e['value'])} {e['unit']}"
    if e.get("baseline") is None:
        baseline = "–"
        ratio = "–"
    else:
        baseline = f"{number(e['baseline'])} {e['unit']} ({e['baseline_name']})"
        ratio = number(e["ratio"]) + " ×" if e.get("ratio") is not None else "–"
    met = e.get("met")
    verdict = "met" if met is True else MISSES if met is False else "(no target to judge)"
    cells = [e["name"], measured, baseline, ratio, str(e.get("target", "")), verdict]
    return "| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |"


def table(entries: list[dict[str, Any]]) -> str:
    figures = [e for e in entries if e["kind"] == "figure"]
    lines = [machine_line(entries), "",
             "| figure | measured | baseline (same run) | ratio | target | |",
             "|---|---|---|---|---|---|"]
    lines += [row(e) for e in figures]
    missed = sum(e.get("met") is False for e in figures)
    lines.append("")
    lines.append(f"{len(figures)} figures, {missed} missing their target."
                 if missed else f"{len(figures)} figures, every judged one meets its target.")
    end = next((e for e in entries if e["kind"] == "end"), None)
    failed = [] if end is None else list(end.get("failed") or [])
    started = {e["name"] for e in entries if e["kind"] == "module"}
    finished = {e["name"] for e in entries if e["kind"] == "module_done"}
    failed += sorted(started - finished - set(failed))
    if failed:
        lines.append(f"Benchmarks that failed, their figures missing: {', '.join(failed)}.")
    return "\n".join(lines) + "\n"


def into_readme(readme: Path, text: str) -> None:
    try:
        old = readme.read_text(encoding="utf-8")
    except OSError as exc:
        raise BenchTableError(f"cannot read {readme}: {exc.strerror}") from exc
    start, end = old.find(START), old.find(END)
    if start < 0 or end < start:
        raise BenchTableError(f"{readme} has no {START} ... {END} markers around its performance table; "
                              "put them where the table goes")
    new = old[:start + len(START)] + "\n" + text + old[end:]
    tmp = readme.with_name(readme.name + ".new")
    tmp.write_text(new, encoding="utf-8")
    tmp.replace(readme)  # whole or not at all


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("results", type=Path, help="bench-results.jsonl of one `make bench` run")
    parser.add_argument("--readme", type=Path, help="put the table into this README between the markers")
    args = parser.parse_args(argv)
    try:
        text = table(read(args.results))
        if args.readme is None:
            sys.stdout.write(text)
        else:
            into_readme(args.readme, text)
            print(f"{args.readme}: performance table from {args.results}")
    except BenchTableError as exc:
        print(f"bench_table: {exc}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
