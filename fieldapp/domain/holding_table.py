"""The holding-time table: how long a sample may wait for its analysis, per parameter and matrix.

One table (``resources/rules/holding.json``, key ``holding_times``) serves the
sampler packing a cooler, the lab order, ``fieldapp check`` and the lab's
intake. A row names the parameters (codes of ``resources/analysis/packages.json``)
and matrices it holds for, the time in hours (``null``: no holding time, as for
asbestos), the preservation and its source. A free-text analysis of an older
sample is looked up as a whole name (a package code or name, a parameter code
or name, or a row's alias), never by a part of a word: "asbestos pakket" is
not "pak".
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

from fieldapp.domain import analysis_package
from fieldapp.errors import FieldAppError
from fieldapp.runtime import resource_path

DEFAULT_PATH = resource_path("rules", "holding.json")


@dataclass(frozen=True)
class HoldingRow:
    id: str
    nl: str
    en: str
    matrices: tuple[str, ...]
    parameters: tuple[str, ...]
    aliases: tuple[str, ...]
    hours: int | None  # None: no holding time
    preservation: str
    source: str
    confirmed: bool


@dataclass(frozen=True)
class Term:
    """The holding time that governs a container: the shortest of its parameters."""

    hours: int | None  # None: no holding time at all
    what: str  # the parameter or analysis it comes from, as the sampler names it (Dutch)
    row: HoldingRow | None = None  # None: the table's default (an analysis not in the table)
    unknown: tuple[str, ...] = ()  # analyses the table does not know

    @property
    def confirmed(self) -> bool:
        return self.row is not None and self.row.confirmed


@dataclass(frozen=True, eq=False)  # hashed by identity: the cached terms below key on it, thousands of times
class HoldingTable:
    rows: tuple[HoldingRow, ...]
    default_hours: int

    def rows_for(self, parameter: str, matrix: str) -> list[HoldingRow]:
        return [r for r in self.rows if parameter in r.parameters and matrix in r.matrices]

    def term(self, matrix: str, parameters: Iterable[str] = (), analyses: Iterable[str] = (),
             lab_hours: Mapping[str, int] | None = None) -> Term:
        """The shortest holding time of ``parameters`` (codes) and free-text ``analyses`` in ``matrix``;
        ``lab_hours`` replaces a row's hours by a lab's own (row id -> hours)."""
        # a cooler or a project asks the same few questions thousands of times
        return _term(self, matrix, tuple(parameters), tuple(analyses), tuple(sorted((lab_hours or {}).items())))

    def _term(self, matrix: str, parameters: tuple[str, ...], analyses: tuple[str, ...],
              lab_items: tuple[tuple[str, int], ...]) -> Term:
        lab_hours = dict(lab_items)
        found: list[tuple[int | None, str, HoldingRow | None]] = []
        unknown: list[str] = []
        names = _parameter_names()
        for code in parameters:
            rows = self.rows_for(code, matrix)
            if not rows:
                unknown.append(names.get(code, code))
            found += [(lab_hours.get(r.id, r.hours), names.get(code, code), r) for r in rows]
        for text in analyses:
            key = normal(text)
            package = _packages().get(key)
            if package is not None:  # each parameter of the package, named after it
                hits = [(f"{text}: {names.get(p.code, p.code)}", r) for p in package.parameters
                        for r in self.rows_for(p.code, matrix)]
            elif key in _parameter_codes():
                hits = [(text, r) for r in self.rows_for(_parameter_codes()[key], matrix)]
            else:
                hits = [(text, r) for r in self.rows if matrix in r.matrices and key in r.aliases]
            if not hits:
                unknown.append(text)
            found += [(lab_hours.get(r.id, r.hours), what, r) for what, r in hits]
        limited = [f for f in found if f[0] is not None]
        if unknown:
            limited.append((self.default_hours, unknown[0], None))
        if limited:
            hours, what, row = min(limited, key=lambda f: f[0] or 0)
            return Term(hours, what, row, tuple(unknown))
        if found:  # every parameter has no holding time (asbestos)
            return Term(None, found[0][1], found[0][2])
        return Term(self.default_hours, "any analysis")


@lru_cache(maxsize=4096)
def _term(table: HoldingTable, matrix: str, parameters: tuple[str, ...], analyses: tuple[str, ...],
          lab_items: tuple[tuple[str, int], ...]) -> Term:
    return table._term(matrix, parameters, analyses, lab_items)


@lru_cache(maxsize=4096)
def normal(text: str) -> str:
    """A name as compared: lower case, single spaces."""
    return re.sub(r"\s+", " ", text.strip().lower())


@cache
def _packages() -> dict[str, analysis_package.Package]:
    out: dict[str, analysis_package.Package] = {}
    for p in analysis_package.load():
        for name in (p.code, p.nl, p.en):
            out[normal(name)] = p
    return out


@cache
def _parameter_codes() -> dict[str, str]:
    out: dict[str, str] = {}
    for package in analysis_package.load():
        for p in package.parameters:
            for name in (p.code, p.nl, p.en):
                out.setdefault(normal(name), p.code)
    return out


@cache
def _parameter_names() -> dict[str, str]:
    return {p.code: p.nl for package in analysis_package.load() for p in package.parameters}


@cache
def load(path: Path = DEFAULT_PATH) -> HoldingTable:
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
        rows = tuple(HoldingRow(
            id=str(r["id"]), nl=str(r["nl"]), en=str(r["en"]), matrices=tuple(r["matrices"]),
            parameters=tuple(r["parameters"]), aliases=tuple(normal(a) for a in r.get("aliases", ())),
            hours=None if r["hours"] is None else int(r["hours"]), preservation=str(r.get("preservation", "")),
            source=str(r["source"]), confirmed=bool(r.get("confirmed", True))) for r in raw["holding_times"])
        table = HoldingTable(rows, int(raw["default_hours"]))
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise FieldAppError(f"The holding-time table {path.name} cannot be read ({exc}).",
                            hint="Reinstall FieldApp or restore resources/rules.") from exc
    for row in rows:
        if not row.source.strip() or not row.matrices or not row.parameters:
            raise FieldAppError(f"The holding-time table {path.name} has row {row.id} without its source, "
                                "matrices or parameters.", hint="Reinstall FieldApp or restore resources/rules.")
    return table
