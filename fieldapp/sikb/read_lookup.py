"""SIKB's own domain tables (the 14.x lookups shipped with the SAD control rules):
which ids a SIKB0101 code list has and which SIKB has withdrawn ('Vervallen').

FieldApp's code lists hold the values FieldApp records; SIKB's tables hold
every value a file may carry. An import needs both: a value SIKB does not
know, or has withdrawn, is wrong in the file; one SIKB knows but FieldApp does
not record (a sand median 'grof' that NEN 5104 has no class for) is left out
and reported.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from functools import cache
from pathlib import Path

from fieldapp.runtime import resource_path

FILES = ("immetingen lookup.xml", "imsikb0101 lookup.xml")
WITHDRAWN = "vervallen"


@cache
def _statuses(folder: Path) -> dict[tuple[str, int], str]:
    out: dict[tuple[str, int], str] = {}
    for name in FILES:
        path = folder / name
        if not path.is_file():
            continue
        for _event, el in ET.iterparse(path, events=("end",)):
            if el.tag == "ID" or el.find("ID") is None:
                continue
            try:
                ident = int((el.findtext("ID") or "").strip())
            except ValueError:
                continue
            out[(el.tag.casefold(), ident)] = (el.get("status") or "").casefold()
            el.clear()
    return out


class SikbTables:
    """The lookups, read once per process (they are data that never changes at run time)."""

    def __init__(self, folder: Path | None = None) -> None:
        self._status = _statuses(folder or resource_path("sikb", "control-xslt"))
        self._tables = {table for table, _ in self._status}

    def knows_table(self, table: str) -> bool:
        return table.casefold() in self._tables

    def status(self, table: str, ident: int) -> str | None:
        """'bevestigd', 'gewijzigd', 'vervallen', ...; None for an id SIKB's table does not have."""
        return self._status.get((table.casefold(), ident))
