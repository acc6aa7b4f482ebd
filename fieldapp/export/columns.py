"""What an exported table is: named columns with type and meaning, and where its rows come from.

The definitions themselves are in tables.py (the investigation: boreholes, layers, samples),
well_tables.py and evidence_tables.py; these are the few getters they share.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any, Literal

from fieldapp.export.data import ProjectData, Row, json_list

Kind = Literal["text", "integer", "real", "datetime", "date"]


@dataclass(frozen=True)
class Column:
    name: str
    kind: Kind
    doc: str
    get: Callable[[Row], Any]


@dataclass(frozen=True)
class Table:
    name: str
    doc: str
    columns: tuple[Column, ...]
    rows: Callable[[ProjectData], Iterator[Row]]

    def records(self, data: ProjectData) -> Iterator[tuple[Any, ...]]:
        getters = [c.get for c in self.columns]
        for row in self.rows(data):
            yield tuple([g(row) for g in getters])  # a list first: a generator is twice as slow per cell


def key(name: str) -> Callable[[Row], Any]:
    return lambda r: r.get(name)


def metres(name: str) -> Callable[[Row], float | None]:
    # centimetres are what is stored; metres (positive down) are what reports show
    return lambda r: None if r.get(name) is None else r[name] / 100


def col(name: str, kind: Kind, doc: str, get: Callable[[Row], Any] | None = None) -> Column:
    return Column(name, kind, doc, get or key(name))


def listed(name: str) -> Callable[[Row], str]:
    return lambda r: "; ".join(str(v) for v in json_list(r.get(name)))


def coded(name: str, doc: str) -> tuple[Column, Column]:
    """A coded field: its FieldApp code, then the SIKB0101 id of that value (``load`` looks it up)."""
    return (col(name, "text", f"{doc}: code"),
            col(f"{name}_sikb0101_id", "integer", f"{doc}: SIKB0101 id",
                lambda r: (r.get("_sikb0101") or {}).get(name)))
