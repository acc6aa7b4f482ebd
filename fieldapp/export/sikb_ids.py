"""SIKB0101 domain-table ids of coded layer values, for the exported tables.

The ids are facts of the code-list files (``sikb0101_id`` of an entry;
``sikb0101.id`` of a soil code). The tables' column getters take a row only,
so the lists are read here once, from the installed code lists.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from functools import cache, lru_cache
from typing import Any

from fieldapp.codelists import CodeLists
from fieldapp.domain.layer_words import describe
from fieldapp.errors import FieldAppError
from fieldapp.export.columns import of
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
    ids: dict[str, int] = {}  # the list's ids, read at the first row (not when the tables are defined)

    def get(code: str | None) -> int | None:
        if not ids:
            ids.update(_ids(list_name))
        return ids.get(code or "")
    return of(get, column)


def soil_sikb_id(row: Row) -> int | None:
    """SIKB0101 Grondsoort id (1-24) of the soil code's main part; humus and gravel grades are separate there."""
    return _soil_id(str(row.get("soil_code") or ""))


def _soil_code_id(code: str | None) -> int | None:
    return _soil_id(str(code or ""))


soil_sikb_column = of(_soil_code_id, "soil_code")  # soil_sikb_id as a table's column


@lru_cache(maxsize=4096)
def _soil_id(code: str) -> int | None:
    for entry in _lists().entries("soil_admixture"):
        if code.startswith(entry.code) and not code[len(entry.code):len(entry.code) + 1].isdigit():
            ident = entry.extra.get("sikb0101", {}).get("id")
            return ident if isinstance(ident, int) else None
    return None


def sikb_pairs(column: str, kinds: str, grades: str) -> Callable[[Row], str]:
    """``"16:1; 49:4"``: each item's kind id and grade id (empty where the list holds none)."""
    @lru_cache(maxsize=4096)  # one parse per distinct list: 50,000 layers repeat a few hundred
    def pairs(raw: str | None) -> str:
        items: list[dict[str, Any]] = json.loads(raw) if raw else []
        return "; ".join(f"{_ids(kinds).get(i['code'], '')}:{_ids(grades).get(i['grade'], '')}" for i in items)
    return of(pairs, column)


# what the Dutch words of a layer depend on (remarks are left out of them here)
_DESCRIBED = ("soil_code", "sand_median", "gravel_median", "components", "admixtures", "colour", "secondary_colour",
              "colour_shade", "smell", "oil_water")


def description_nl(row: Row) -> str:
    return _description(*map(row.get, _DESCRIBED))


@lru_cache(maxsize=8192)  # one description per distinct combination: layers of a site repeat them
def _description(*fields: Any) -> str:
    try:
        return describe(dict(zip(_DESCRIBED, fields, strict=True)), _lists(), remarks=False)
    except FieldAppError:
        return ""


description_column = of(_description, *_DESCRIBED)  # description_nl as a table's column
