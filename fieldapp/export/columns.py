"""What an exported table is: named columns with type and meaning, and where its rows come from.

The definitions themselves are in tables.py (the investigation: boreholes, layers, samples),
well_tables.py and evidence_tables.py; these are the few getters they share.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import lru_cache
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
        # the columns read straight from the row in one map() (most of them), then the computed ones: a
        # Python call per cell was a third of a 10,000-borehole Excel export
        names = [c.get.name if isinstance(c.get, Key) else _COMPUTED for c in self.columns]
        computed = [(i, c.get) for i, c in enumerate(self.columns) if not isinstance(c.get, Key)]
        for row in self.rows(data):
            values = list(map(row.get, names))
            for i, get in computed:
                values[i] = get(row)
            yield tuple(values)


_COMPUTED = "\x00computed"  # no row has this key


class Key:
    """The getter of a column that is a field of the row as it is."""

    __slots__ = ("name",)

    def __init__(self, name: str) -> None:
        self.name = name

    def __call__(self, row: Row) -> Any:
        return row.get(self.name)


def key(name: str) -> Callable[[Row], Any]:
    return Key(name)


def metres(name: str) -> Callable[[Row], float | None]:
    # centimetres are what is stored; metres (positive down) are what reports show
    return lambda r: None if r.get(name) is None else r[name] / 100


def col(name: str, kind: Kind, doc: str, get: Callable[[Row], Any] | None = None) -> Column:
    return Column(name, kind, doc, get or key(name))


def listed(name: str) -> Callable[[Row], str]:
    return lambda r: _listed(r.get(name))


@lru_cache(maxsize=4096)
def _listed(text: str | None) -> str:  # one parse per distinct list: a project repeats a few dozen
    return "; ".join(str(v) for v in json_list(text))


def coded(name: str, doc: str) -> tuple[Column, Column]:
    """A coded field: its FieldApp code, then the SIKB0101 id of that value (``load`` looks it up)."""
    return (col(name, "text", f"{doc}: code"),
            col(f"{name}_sikb0101_id", "integer", f"{doc}: SIKB0101 id",
                lambda r: (r.get("_sikb0101") or {}).get(name)))
