"""The BRO BHR-GT code lists (``BHR_GT_Codelijsten.csv``) as the values each quality regime allows."""

from __future__ import annotations

import csv
from functools import cache

from fieldapp.runtime import resource_path

CSV = ("bro", "bhr-gt-2.1", "BHR_GT_Codelijsten.csv")


@cache
def _lists() -> dict[tuple[str, str], frozenset[str]]:
    """(list name, regime) -> values; regime is ``IMBRO`` or ``IMBRO/A``."""
    out: dict[tuple[str, str], set[str]] = {}
    with resource_path(*CSV).open(encoding="utf-8-sig", newline="") as f:
        for row in csv.DictReader(f, delimiter=";"):
            name = row["URN"].rsplit(":", 1)[-1]
            for regime in ("IMBRO", "IMBRO/A"):
                if row[regime].strip() == "Ja":
                    out.setdefault((name, regime), set()).add(row["Waarde"])
    return {k: frozenset(v) for k, v in out.items()}


def allowed(codelist: str, regime: str = "IMBRO/A") -> frozenset[str]:
    """The values of ``urn:bro:bhrgt:<codelist>`` a request under ``regime`` may carry."""
    return _lists().get((codelist, regime), frozenset())
