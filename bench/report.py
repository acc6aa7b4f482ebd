"""One way to print a figure beside its baseline.

Under `make bench` every figure is also written as one JSON line to the file
named by ``FIELDAPP_BENCH_RESULTS`` (bench/__main__.py sets it), with the
verdict on its target; tools/bench_table.py turns that file into the
README's performance table.
"""

from __future__ import annotations

import json
import math
import os
import re

RESULTS_ENV = "FIELDAPP_BENCH_RESULTS"

# The target of a floor: the least a design can cost (what it must write, by raw bulk inserts, with no
# Python work) beside the baseline a real target is set against. Never judged: it names no comparison.
FLOOR_TARGET = "none (the least the design can cost: the target is out of reach where this ratio is under it)"

# a target's first clause: "ratio <= 2", "absolute p99 < 20 ms", ">= 5x", "< 300 MB", "push < 20 s on ..."
_TARGET = re.compile(r"(?P<ratio>\bratio\b)?[^<>≤≥]*?(?P<op><=|>=|<|>|≤|≥)\s*(?P<num>[\d.,]+)\s*(?P<unit>[^\s,;()]*)")
_SCALES = ({"us": 1e-6, "µs": 1e-6, "ms": 1e-3, "s": 1.0}, {"KB": 1e3, "MB": 1e6, "GB": 1e9})


def judge(target: str, value: float, unit: str, ratio: float | None) -> bool | None:
    """Whether the figure meets ``target``; None when the target is no comparison ("none (a figure)")
    or compares a unit the figure is not in.

    "ratio ..." and a bare number or "Nx" compare the ratio; a number with a unit compares the value,
    converted between s/ms/us and KB/MB/GB.
    """
    found = _TARGET.search(target)
    if found is None:
        return None
    limit = float(found["num"].replace(",", ""))
    wanted = found["unit"]
    if found["ratio"] or wanted in ("", "x", "×"):
        if ratio is None or math.isnan(ratio):
            return None
        measured = ratio
    elif wanted == unit:
        measured = value
    else:
        scale = next((s for s in _SCALES if wanted in s and unit in s), None)
        if scale is None:
            return None
        measured = value * scale[unit] / scale[wanted]
    op = found["op"]
    if op in ("<=", "≤"):
        return measured <= limit
    if op in (">=", "≥"):
        return measured >= limit
    return measured < limit if op == "<" else measured > limit


def record(entry: dict[str, object]) -> None:
    """Append one JSON line to the run's results file, when there is one."""
    path = os.environ.get(RESULTS_ENV)
    if path:
        with open(path, "a", encoding="utf-8") as fh:
            fh.write(json.dumps(entry, ensure_ascii=False) + "\n")


def line(name: str, value: float, unit: str, baseline_name: str, baseline: float,
         target: str, *, higher_is_better: bool) -> str:
    ratio = value / baseline if baseline else float("inf")
    met = judge(target, value, unit, ratio)
    record({"kind": "figure", "name": name, "value": value, "unit": unit, "baseline_name": baseline_name,
            "baseline": baseline, "ratio": None if math.isinf(ratio) else ratio, "target": target,
            "higher_is_better": higher_is_better, "met": met})
    return (
        f"{name}: {value:,.4g} {unit}   baseline ({baseline_name}): {baseline:,.4g} {unit}   "
        f"ratio {ratio:.3g} ({'higher' if higher_is_better else 'lower'} is better; target {target})"
        + ("   MISSES ITS TARGET" if met is False else "")
    )


def figure(name: str, value: float, unit: str, target: str, *, note: str = "") -> str:
    """A figure with no baseline of its own (a peak RSS, a size), judged on its target alone."""
    met = judge(target, value, unit, None)
    record({"kind": "figure", "name": name, "value": value, "unit": unit, "baseline_name": None,
            "baseline": None, "ratio": None, "target": target, "higher_is_better": False, "met": met,
            "note": note})
    return (f"{name}: {value:,.4g} {unit}   (target {target})" + (f"   {note}" if note else "")
            + ("   MISSES ITS TARGET" if met is False else ""))
