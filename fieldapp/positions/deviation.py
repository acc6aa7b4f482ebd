"""When a measured position strays from the plan, and how far.

Two checks, both rules read from ``resources/positions/position_checks.json``
with their sources: the distance from the planned point (RD), and the BRO
positioning class against the project's required one. A position that fails
either is saved only with the sampler's reason, which the borehole keeps as
its position deviation (journalled like every other field).
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from fieldapp.errors import FieldAppError
from fieldapp.runtime import resource_path

RULES_FILE = resource_path("positions", "position_checks.json")


@dataclass(frozen=True, slots=True)
class PositionRules:
    planned_distance_m: float
    distance_confirmed: bool
    distance_source: str


@cache
def rules(path: Path = RULES_FILE) -> PositionRules:
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
        by_name = {r["rule"]: r for r in raw["rules"]}
        distance = by_name["planned_distance_m"]
        return PositionRules(float(distance["value"]), bool(distance["confirmed"]), str(distance["source"]))
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise FieldAppError(f"The position rules in {path.name} cannot be read: {exc}.",
                            hint="Reinstall FieldApp or restore the file.") from exc


def class_bound_cm(code: str | None) -> int | None:
    """The upper error bound of a BRO positioning class in cm (``DGPS50tot200cm`` -> 200)."""
    m = re.search(r"(\d+)tot(\d+)cm$", code or "")
    return int(m[2]) if m else None


def worse_than(actual: str | None, required: str | None) -> bool:
    """Whether a measured class does not meet the required one (no class at all does not)."""
    need = class_bound_cm(required)
    if need is None:
        return False
    have = class_bound_cm(actual)
    return have is None or have > need


def planned_distance_m(x_rd: float | None, y_rd: float | None,
                       planned_x: float | None, planned_y: float | None) -> float | None:
    if None in (x_rd, y_rd, planned_x, planned_y):
        return None
    assert x_rd is not None and y_rd is not None and planned_x is not None and planned_y is not None
    return math.hypot(x_rd - planned_x, y_rd - planned_y)


def deviations(x_rd: float | None, y_rd: float | None, position_class: str | None,
               planned: tuple[float | None, float | None], required_class: str | None,
               limits: PositionRules | None = None) -> tuple[str, ...]:
    """What is wrong with a measured position, one English phrase each (empty: nothing)."""
    limits = limits or rules()
    found: list[str] = []
    distance = planned_distance_m(x_rd, y_rd, *planned)
    if distance is not None and distance > limits.planned_distance_m:
        found.append(f"{distance:.1f} m from the planned location (more than {limits.planned_distance_m:g} m)")
    if worse_than(position_class, required_class):
        found.append(f"class {position_class or 'none'} is below the required {required_class}")
    return tuple(found)
