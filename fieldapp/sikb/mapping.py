"""The table that says how FieldApp's values are written in SIKB0101 (``resources/sikb/mapping.json``).

The ids are rows of SIKB's domain tables; they are data, not code, so that a
new SIKB release is a file change. Code-list values with their own
``sikb0101_id`` (``resources/codelists``) are read from the code lists.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from fieldapp.codelists import CodeLists
from fieldapp.errors import FieldAppError
from fieldapp.runtime import resource_path


@dataclass(frozen=True)
class Mapping:
    raw: dict[str, Any]
    lists: CodeLists
    # list_id's answers: an export asks the same few dozen codes a million times
    known: dict[tuple[str, str], int | None] = field(default_factory=dict, compare=False)
    # other answers the writers look up again and again (a layer's words, a code's label), per export
    memo: dict[Any, Any] = field(default_factory=dict, compare=False)

    def table(self, name: str) -> dict[str, Any]:
        return {k: v for k, v in self.raw[name].items() if not k.startswith("_")}

    def one(self, name: str) -> int:
        return int(self.raw[name]["id"])

    def unit(self, code: str) -> int:
        return int(self.raw["units"][code])

    def list_id(self, list_name: str, code: str | None) -> int | None:
        """The ``sikb0101_id`` of a code-list value, following ``export_as`` (Vial is written as Fles)."""
        if not code:
            return None
        key = (list_name, code)
        if key not in self.known:
            self.known[key] = self._list_id(list_name, code)
        return self.known[key]

    def _list_id(self, list_name: str, code: str | None) -> int | None:
        if not code or not self.lists.has(list_name, code):
            return None
        entry = self.lists.get(list_name, code)
        ident = entry.extra.get("sikb0101_id")
        if isinstance(ident, int):
            return ident
        other = entry.extra.get("export_as")
        return self._list_id(list_name, other) if isinstance(other, str) and other != code else None

    def label(self, list_name: str, code: str | None) -> str:
        key = ("label", list_name, code)
        if key not in self.memo:
            known = bool(code) and self.lists.has(list_name, str(code))
            self.memo[key] = self.lists.get(list_name, str(code)).nl if known else (code or "")
        return str(self.memo[key])


@cache
def _raw() -> dict[str, Any]:
    path = resource_path("sikb", "mapping.json")
    try:
        data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise FieldAppError(f"The SIKB0101 mapping {path} cannot be read: {exc}",
                            hint="Reinstall FieldApp or restore resources/sikb.") from None
    return data


def load(lists: CodeLists) -> Mapping:
    return Mapping(_raw(), lists)
