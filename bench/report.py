"""One way to print a figure beside its baseline."""

from __future__ import annotations


def line(name: str, value: float, unit: str, baseline_name: str, baseline: float,
         target: str, *, higher_is_better: bool) -> str:
    ratio = value / baseline if baseline else float("inf")
    return (
        f"{name}: {value:,.4g} {unit}   baseline ({baseline_name}): {baseline:,.4g} {unit}   "
        f"ratio {ratio:.3g} ({'higher' if higher_is_better else 'lower'} is better; target {target})"
    )
