"""SIKB0101 domain-table ids of coded layer values, for the exported tables.

The ids are facts of the code-list files (``sikb0101_id`` of an entry;
``sikb0101.id`` of a soil code). The tables' column getters take a row only,
so the lists are read here once, from the installed code lists.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from functools import cache
from typing import Any

from fieldapp.codelists import CodeLists
from fieldapp.domain.layer_words import describe
from fieldapp.errors import FieldAppError
from fieldapp.export.data import Row


@cache
def _lists() -> CodeLists:
    return CodeLists.load()


@cache
def _ids(list_name: str) -> dict[str, int]:
    out = {}
    for entry in _lists().entries(list_name):
        value = entry.extra.get("sikb0101_id")
        if isinstance(value, int):
            out[entry.code] = value
    return out


def sikb_id(list_name: str, column: str) -> Callable[[Row], int | None]:
    """The SIKB0101 id of the code in ``column`` of a row, or None."""
    return lambda r: _ids(list_name).get(r.get(column) or "")


def soil_sikb_id(row: Row) -> int | None:
    """SIKB0101 Grondsoort id (1-24) of the soil code's main part; humus and gravel grades are separate there."""
    code = str(row.get("soil_code") or "")
    for entry in _lists().entries("soil_admixture"):
        if code.startswith(entry.code) and not code[len(entry.code):len(entry.code) + 1].isdigit():
            ident = entry.extra.get("sikb0101", {}).get("id")
            return ident if isinstance(ident, int) else None
    return None


def sikb_pairs(column: str, kinds: str, grades: str) -> Callable[[Row], str]:
    """``"16:1; 49:4"``: each item's kind id and grade id (empty where the list holds none)."""
    def get(row: Row) -> str:
        raw = row.get(column)
        items: list[dict[str, Any]] = json.loads(raw) if raw else []
        return "; ".join(f"{_ids(kinds).get(i['code'], '')}:{_ids(grades).get(i['grade'], '')}" for i in items)
    return get


def description_nl(row: Row) -> str:
    try:
        return describe(row, _lists(), remarks=False)
    except FieldAppError:
        return ""
