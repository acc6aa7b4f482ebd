"""What an exported table is: named columns with type and meaning, and where its rows come from.

The definitions themselves are in tables.py (the investigation: boreholes, layers, samples),
well_tables.py and evidence_tables.py; these are the few getters they share.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from functools import lru_cache
from itertools import islice, repeat
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
    rows: Callable[[ProjectData], Iterable[Row]]

    def records(self, data: ProjectData,
                convert: Mapping[Kind, Callable[[Any], Any]] | None = None) -> Iterator[tuple[Any, ...]]:
        """Each row's values in column order; ``convert`` (by column kind) changes a format's values of
        a kind (once per distinct value)."""
        rows = self.rows(data)
        rows = rows if isinstance(rows, list) else list(rows)
        if not rows:
            return iter(())
        if len(rows) < _FEW:  # a borehole's layers for GeoJSON: setting up the columns would cost more
            return _by_row(self.columns, convert, rows)
        # zip takes one value of each column in turn, so rows still come one by one
        return zip(*_columns(self.columns, convert, rows), strict=True)

    def value_lists(self, data: ProjectData,
                    convert: Mapping[Kind, Callable[[Any], Any]] | None = None) -> list[list[Any]]:
        """The values of :meth:`records` a column at a time: a list per column, in column order."""
        rows = self.rows(data)
        rows = rows if isinstance(rows, list) else list(rows)
        if len(rows) < _FEW:  # as records() has them, value for value
            return [list(v) for v in zip(*_by_row(self.columns, convert, rows), strict=True)] or [
                [] for _ in self.columns]
        lists: list[list[Any]] = [[] for _ in self.columns]
        values = _columns(self.columns, convert, rows)
        # filled a block of rows at a time, all columns in step: one column after the other over all rows fetches
        # each row's dict from memory again for every column, which made the lists as slow as a dict per row
        for _ in range(0, len(rows), _BLOCK):
            for out, column in zip(lists, values, strict=True):
                out.extend(islice(column, _BLOCK))
        return lists


_FEW = 32
_BLOCK = 1024  # rows: their dicts stay in the processor's cache while every column takes its values
_COMPUTED = "\x00computed"  # no row has this key


def _columns(columns: tuple[Column, ...], convert: Mapping[Kind, Callable[[Any], Any]] | None,
             rows: list[Row]) -> list[Iterator[Any]]:
    # column by column in C (map) rather than a Python call per cell: that loop was a third of a
    # 10,000-borehole Excel export
    change = [(convert or {}).get(c.kind) for c in columns]
    return [_values(c.get, rows) if f is None else map(_Memo(f, False).__getitem__, _values(c.get, rows))
            for c, f in zip(columns, change, strict=True)]


def _by_row(columns: tuple[Column, ...], convert: Mapping[Kind, Callable[[Any], Any]] | None,
            rows: list[Row]) -> Iterator[tuple[Any, ...]]:
    """The records row by row: the stored fields in one map(), then the computed and changed values."""
    names, computed = _plan(columns, convert)
    for row in rows:
        values = list(map(row.get, names))
        for i, get, f in computed:
            value = get(row)
            values[i] = value if f is None else f(value)
        yield tuple(values)


Plan = tuple[list[str], list[tuple[int, Callable[[Row], Any], Callable[[Any], Any] | None]]]
_PLANS: dict[tuple[int, int], tuple[tuple[Column, ...], Mapping[Kind, Callable[[Any], Any]] | None, Plan]] = {}


def _plan(columns: tuple[Column, ...], convert: Mapping[Kind, Callable[[Any], Any]] | None) -> Plan:
    """Which columns _by_row reads as they are and which it computes; kept per table (GeoJSON asks once per
    borehole). The key is the objects' ids, so the entry holds them: an id is not reused while they live."""
    key = (id(columns), id(convert))
    found = _PLANS.get(key)
    if found is None:
        names = [c.get.name if isinstance(c.get, Key) else _COMPUTED for c in columns]
        computed = [(i, c.get, (convert or {}).get(c.kind)) for i, c in enumerate(columns)
                    if (convert or {}).get(c.kind) is not None or not isinstance(c.get, Key)]
        if len(_PLANS) > 256:  # tables made on the fly: start again rather than grow
            _PLANS.clear()
        found = _PLANS[key] = (columns, convert, (names, computed))
    return found[2]


def _values(get: Callable[[Row], Any], rows: list[Row]) -> Iterator[Any]:
    """One column's values, row by row."""
    if isinstance(get, Key):
        return map(dict.get, rows, repeat(get.name))
    if isinstance(get, Of):
        fields = [map(dict.get, rows, repeat(name)) for name in get.names]
        keys = fields[0] if len(fields) == 1 else zip(*fields, strict=True)
        return map(_Memo(get.fn, len(fields) > 1).__getitem__, keys)
    return map(get, rows)


class _Memo(dict[Any, Any]):
    """A column's value per distinct field value (or tuple of them), computed at its first row: 55,000 layers
    have a few hundred depths and a few thousand descriptions. Equal values give one entry (1 and 1.0), as with
    lru_cache."""

    def __init__(self, fn: Callable[..., Any], spread: bool) -> None:
        super().__init__()
        self.fn, self.spread = fn, spread

    def __missing__(self, key: Any) -> Any:
        value = self[key] = self.fn(*key) if self.spread else self.fn(key)
        return value


class Key:
    """The getter of a column that is a field of the row as it is."""

    __slots__ = ("name",)

    def __init__(self, name: str) -> None:
        self.name = name

    def __call__(self, row: Row) -> Any:
        return row.get(self.name)


class Of:
    """The getter of a column computed from some fields of the row alone: ``fn`` of their values, which
    must depend on nothing else (``records`` computes it once per distinct value)."""

    __slots__ = ("fn", "name", "names")

    def __init__(self, names: tuple[str, ...], fn: Callable[..., Any]) -> None:
        self.names, self.fn = names, fn
        self.name = names[0] if len(names) == 1 else None

    def __call__(self, row: Row) -> Any:
        if self.name is not None:
            return self.fn(row.get(self.name))
        return self.fn(*map(row.get, self.names))


def key(name: str) -> Callable[[Row], Any]:
    return Key(name)


def of(fn: Callable[..., Any], *names: str) -> Callable[[Row], Any]:
    return Of(names, fn)


def metres(name: str) -> Callable[[Row], float | None]:
    return Of((name,), _metres)


def _metres(cm: Any) -> float | None:
    # centimetres are what is stored; metres (positive down) are what reports show
    return None if cm is None else cm / 100


def col(name: str, kind: Kind, doc: str, get: Callable[[Row], Any] | None = None) -> Column:
    return Column(name, kind, doc, get or key(name))


def listed(name: str) -> Callable[[Row], str]:
    return Of((name,), _listed)


@lru_cache(maxsize=4096)
def _listed(text: str | None) -> str:  # one parse per distinct list: a project repeats a few dozen
    return "; ".join(str(v) for v in json_list(text))


def coded(name: str, doc: str) -> tuple[Column, Column]:
    """A coded field: its FieldApp code, then the SIKB0101 id of that value (``load`` looks it up)."""
    return (col(name, "text", f"{doc}: code"),
            col(f"{name}_sikb0101_id", "integer", f"{doc}: SIKB0101 id",
                lambda r: (r.get("_sikb0101") or {}).get(name)))
