"""The labs' acceptance terms and the keyboard layouts, read from ``resources/intake``.

Both are data because they differ per lab and per site: a lab edits its own
temperature range (and a holding time it keeps differently from the one table,
``resources/rules/holding.json``, by row id), and a new keyboard layout is one
more entry in a JSON file, not a code change.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from types import MappingProxyType
from typing import Any

from fieldapp.domain import holding_table
from fieldapp.domain.holding_table import Term
from fieldapp.errors import FieldAppError
from fieldapp.runtime import resource_path

RESOURCES = resource_path("intake")


@dataclass(frozen=True, slots=True)
class LabRules:
    """A lab's acceptance terms: its cooler temperature range, and where it keeps a shorter (or longer)
    holding time than the one table (row id of resources/rules/holding.json -> hours)."""

    title: str
    temperature_min: float
    temperature_max: float
    holding_hours: Mapping[str, int]

    def term(self, matrix: str, parameters: Iterable[str] = (), analyses: Iterable[str] = ()) -> Term:
        """The holding time of a container under this lab's terms (see :mod:`fieldapp.domain.holding_table`)."""
        return holding_table.load().term(matrix, parameters, analyses, self.holding_hours)

    def temperature_ok(self, celsius: float) -> bool:
        return self.temperature_min <= celsius <= self.temperature_max


@dataclass(frozen=True, slots=True)
class Layout:
    name: str
    title: str
    reverse: dict[str, str]  # character that appeared -> the character the scanner meant


def _load(name: str, folder: Path) -> Any:
    try:
        return json.loads((folder / name).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise FieldAppError(f"Cannot read {folder / name}: {exc}.",
                            hint="Reinstall FieldApp or restore resources/intake.") from None


def _rules(raw: dict[str, Any]) -> LabRules:
    temp = raw["temperature_c"]
    return LabRules(
        title=str(raw["title"]), temperature_min=float(temp["min"]), temperature_max=float(temp["max"]),
        holding_hours=MappingProxyType({str(k): int(v) for k, v in raw.get("holding_hours", {}).items()}),
    )


@cache
def _labs(folder: Path) -> tuple[LabRules, tuple[tuple[str, LabRules], ...]]:
    raw = _load("labs.json", folder)
    default = _rules(raw["default"])
    labs = tuple((str(lab["match"]).lower(), _rules(lab)) for lab in raw["labs"])
    known = {row.id for row in holding_table.load().rows}
    for rules in (default, *(r for _m, r in labs)):
        strange = sorted(set(rules.holding_hours) - known)
        if strange:  # a typo would silently leave the lab on the table's time
            raise FieldAppError(f"{folder / 'labs.json'}: {rules.title} names holding-time rows that do not exist: "
                                f"{', '.join(strange)}.", hint="Use the row ids of resources/rules/holding.json.")
    return default, labs


def lab_rules(lab_name: str, folder: Path = RESOURCES) -> LabRules:
    """The acceptance terms for a shipment addressed to ``lab_name``."""
    default, labs = _labs(folder)
    name = lab_name.lower()
    for match, rules in labs:
        if match in name:
            return rules
    return default


@cache
def layouts(folder: Path = RESOURCES) -> tuple[Layout, ...]:
    """The keyboard layouts a US-configured scanner may be typing into, with their reverse maps."""
    out = []
    for raw in _load("keyboard_layouts.json", folder)["layouts"]:
        reverse: dict[str, str] = {}
        for meant, shown in raw["keys"].items():
            # a character two keys produce cannot be told back apart: leave it out
            reverse[shown] = "" if shown in reverse else meant
        out.append(Layout(str(raw["name"]), str(raw["title"]), {k: v for k, v in reverse.items() if v}))
    return tuple(out)


def ungarble(text: str, folder: Path = RESOURCES) -> list[tuple[str, list[str]]]:
    """What ``text`` would have been on a US layout, per layout it could have come through.

    Returns (candidate code, titles of the layouts giving it), the candidate
    upper-cased as stored; a layout that changes nothing gives no candidate.
    """
    found: dict[str, list[str]] = {}
    plain = text.upper()
    for layout in layouts(folder):
        if not any(ch in layout.reverse for ch in text):
            continue
        candidate = "".join(layout.reverse.get(ch, ch) for ch in text).upper()
        if candidate != plain:
            found.setdefault(candidate, []).append(layout.title)
    return list(found.items())
