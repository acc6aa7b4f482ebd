"""SIKB's own domain tables (the 14.x lookups shipped with the SAD control rules):
which ids a SIKB0101 code list has and which SIKB has withdrawn ('Vervallen').

FieldApp's code lists hold the values FieldApp records; SIKB's tables hold
every value a file may carry. An import needs both: a value SIKB does not
know, or has withdrawn, is wrong in the file; one SIKB knows but FieldApp does
not record (a sand median 'grof' that NEN 5104 has no class for) is left out
and reported.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from lxml import etree

from fieldapp.runtime import resource_path

_PARSER = etree.XMLParser(remove_comments=True, resolve_entities=False, no_network=True, load_dtd=False)

FILES = ("immetingen lookup.xml", "imsikb0101 lookup.xml")
WITHDRAWN = "vervallen"


@cache
def _statuses(folder: Path) -> dict[tuple[str, int], str]:
    out: dict[tuple[str, int], str] = {}
    for name in FILES:
        path = folder / name
        if not path.is_file():
            continue
        # <sikb.X_c><X status="..."><ID>n</ID>...</X></sikb.X_c>: a table, its values, each value's id
        for table in etree.parse(str(path), _PARSER).getroot():
            for value in table:
                ident = value.findtext("ID")
                if ident is not None and ident.strip().isdigit():
                    out[(str(value.tag).casefold(), int(ident))] = (value.get("status") or "").casefold()
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
