"""Purging a well (voorpompen): the well volume, the stability of the field readings
and the stop rule that holds, computed from plain data.

Nothing here reads the database: the sampling round (fieldapp.domain.sampling_round)
passes its readings in, and so can the GUI's purge chart for every reading typed.
The stop rules and the stability criteria are data with their sources
(``resources/groundwater/stop_rules.json``): a stop rule holds at the first
reading, in purge order, where all its conditions hold; the rules are tried in
the order of the table.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from fieldapp.errors import FieldAppError
from fieldapp.rules import Lang, RuleBook
from fieldapp.runtime import resource_path

#: the field readings, as reading columns: (column, unit, Dutch, English)
PARAMETERS: tuple[tuple[str, str, str, str], ...] = (
    ("ec_us_cm", "µS/cm", "EC", "EC"),
    ("ph", "", "pH", "pH"),
    ("temperature_c", "°C", "temperatuur", "temperature"),
    ("turbidity_ntu", "NTU", "troebelheid", "turbidity"),
    ("o2_mg_l", "mg/l", "zuurstof", "O2"),
)
PARAMETER_NAMES = tuple(p[0] for p in PARAMETERS)
STOP_RULES_FILE = resource_path("groundwater", "stop_rules.json")


@dataclass(frozen=True)
class Reading:
    """One field reading at a purged volume (litres since the pump started)."""

    volume_l: float
    ec_us_cm: float | None = None
    ph: float | None = None
    temperature_c: float | None = None
    turbidity_ntu: float | None = None
    o2_mg_l: float | None = None
    water_level_cm: int | None = None  # below the top of the pipe, while pumping
    measured_at: str | None = None
    id: str = ""
    round_id: str = ""

    def value(self, parameter: str) -> float | None:
        value = getattr(self, parameter)
        return None if value is None else float(value)


@dataclass(frozen=True)
class Stability:
    """When a parameter counts as stable: the last ``window`` readings lie within
    the larger of ``relative`` times their mean and ``absolute``."""

    parameter: str
    window: int
    relative: float
    absolute: float
    source: str
    confirmed: bool

    def tolerance(self, values: Sequence[float]) -> float:
        mean = sum(values) / len(values)
        return max(self.relative * abs(mean), self.absolute)

    def holds(self, values: Sequence[float | None]) -> bool:
        if len(values) < self.window:
            return False
        last = values[-self.window:]
        if any(v is None for v in last):
            return False
        numbers = [float(v) for v in last if v is not None]
        return max(numbers) - min(numbers) <= self.tolerance(numbers) + 1e-9


@dataclass(frozen=True)
class StopRule:
    """One purge stop rule: parameters stable and a number of well volumes purged
    (``slow_only``: only for a slow-running well)."""

    id: str
    stable: tuple[str, ...]
    min_volumes: float
    slow_only: bool
    nl: str
    en: str
    source: str
    confirmed: bool

    def label(self, lang: Lang = "nl") -> str:
        return self.nl if lang == "nl" else self.en


@dataclass(frozen=True)
class StopRules:
    stability: Mapping[str, Stability]
    rules: tuple[StopRule, ...]
    source: str

    def rule(self, rule_id: str) -> StopRule | None:
        return next((r for r in self.rules if r.id == rule_id), None)


@dataclass(frozen=True)
class StopMet:
    """The stop rule that held, and the reading (index in purge order) where it first did."""

    rule: StopRule
    index: int
    reading: Reading
    volumes: float  # well volumes purged at that reading


def _load(path: Path) -> StopRules:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        stability = {row["parameter"]: Stability(row["parameter"], int(row["window"]), float(row["relative"]),
                                                 float(row["absolute"]), row["source"], bool(row["confirmed"]))
                     for row in data["stability"]}
        rules = tuple(StopRule(row["id"], tuple(row["stable"]), float(row["min_volumes"]), bool(row["slow_only"]),
                               row["nl"], row["en"], row["source"], bool(row["confirmed"])) for row in data["rules"])
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise FieldAppError(f"The stop-rules table {path.name} cannot be read ({exc}).",
                            hint="Reinstall FieldApp or restore resources/groundwater.") from exc
    unknown = [p for r in rules for p in r.stable if p not in stability]
    if unknown:
        raise FieldAppError(f"The stop-rules table {path.name} names {unknown[0]!r} without a stability criterion.",
                            hint="Reinstall FieldApp or restore resources/groundwater.")
    return StopRules(stability, rules, str(data.get("source", "")))


@cache
def load(path: Path | None = None) -> StopRules:
    """The stop rules as installed (read once per process)."""
    return _load(path or STOP_RULES_FILE)


# --- the well --------------------------------------------------------------------------------

def well_volume_l(diameter_mm: float | None, water_column_cm: float | None) -> float | None:
    """The water standing in the pipe, in litres: pi r^2 h with the pipe's inner
    diameter and the water column (pipe bottom minus water level); None when unknown."""
    if diameter_mm is None or water_column_cm is None or diameter_mm <= 0 or water_column_cm <= 0:
        return None
    radius_dm = diameter_mm / 200.0
    return math.pi * radius_dm * radius_dm * (water_column_cm / 10.0)


def drawdown_cm(level_before_cm: int | None, readings: Sequence[Reading], measured_cm: int | None = None) -> int | None:
    """How far the level dropped while pumping: the measured drawdown when given,
    else the deepest level read during the purge minus the level before."""
    if measured_cm is not None:
        return measured_cm
    levels = [r.water_level_cm for r in readings if r.water_level_cm is not None]
    if level_before_cm is None or not levels:
        return None
    return max(0, max(levels) - level_before_cm)


def is_slow(drawdown: int | None, flow_ml_min: int | None, book: RuleBook) -> bool:
    """Slow-running (slecht lopend): more drawdown than the rule allows while pumping
    no faster than its flow (rule ``well_slow_running``: 50 cm at 100 ml/min)."""
    limits = book.value("well_slow_running")
    if drawdown is None or flow_ml_min is None:
        return False
    return drawdown > int(limits["drawdown_cm"]) and flow_ml_min <= int(limits["flow_ml_min"])


# --- stop rules --------------------------------------------------------------------------------

def in_purge_order(readings: Sequence[Reading]) -> list[Reading]:
    return sorted(readings, key=lambda r: (r.volume_l, r.measured_at or ""))


def stable_at(readings: Sequence[Reading], index: int, criterion: Stability) -> bool:
    """Whether ``criterion`` holds over the readings up to and including ``index``."""
    values = [r.value(criterion.parameter) for r in readings[max(0, index + 1 - criterion.window):index + 1]]
    return criterion.holds(values)


def holds_at(rule: StopRule, readings: Sequence[Reading], index: int, well_volume: float | None, slow: bool,
             rules: StopRules) -> bool:
    if rule.slow_only and not slow:
        return False
    if rule.min_volumes > 0:
        if not well_volume:
            return False
        if readings[index].volume_l < rule.min_volumes * well_volume - 1e-9:
            return False
    return all(stable_at(readings, index, rules.stability[p]) for p in rule.stable)


def first_met(readings: Sequence[Reading], well_volume: float | None, slow: bool,
              rules: StopRules | None = None) -> StopMet | None:
    """The first reading (in purge order) where a stop rule holds, with that rule;
    None while none does. ``readings`` may come in any order."""
    rules = rules or load()
    ordered = in_purge_order(readings)
    for index, reading in enumerate(ordered):
        for rule in rules.rules:
            if holds_at(rule, ordered, index, well_volume, slow, rules):
                volumes = reading.volume_l / well_volume if well_volume else 0.0
                return StopMet(rule, index, reading, volumes)
    return None


def band(readings: Sequence[Reading], parameter: str, rules: StopRules | None = None) -> tuple[float, float] | None:
    """The stability band the chart draws for ``parameter``: the mean of the last
    window of readings plus and minus the tolerance; None before a full window."""
    criterion = (rules or load()).stability.get(parameter)
    if criterion is None:
        return None
    values = [r.value(parameter) for r in in_purge_order(readings)][-criterion.window:]
    numbers = [v for v in values if v is not None]
    if len(numbers) < criterion.window:
        return None
    mean = sum(numbers) / len(numbers)
    tolerance = criterion.tolerance(numbers)
    return mean - tolerance / 2, mean + tolerance / 2


def as_reading(row: Mapping[str, Any]) -> Reading:
    """A ``purge_reading`` row as a :class:`Reading`."""
    return Reading(volume_l=float(row["volume_l"]), ec_us_cm=row.get("ec_us_cm"), ph=row.get("ph"),
                   temperature_c=row.get("temperature_c"), turbidity_ntu=row.get("turbidity_ntu"),
                   o2_mg_l=row.get("o2_mg_l"), water_level_cm=row.get("water_level_cm"),
                   measured_at=row.get("measured_at"), id=str(row.get("id") or ""),
                   round_id=str(row.get("round_id") or ""))
