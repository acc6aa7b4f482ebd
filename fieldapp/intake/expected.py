"""What the cooler should hold, and what the database says about anything else.

The expected list comes from the shipment in the database (pulled from the
hub) or, at a lab without hub access, from the manifest printed on the COC.
Samples may be missing at a lab (the hub sends a lab its shipments and
containers, not the field record), so sampling time and analyses are
optional and the holding-time check is skipped where they are unknown.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from fieldapp.domain.common import loads_list
from fieldapp.domain.shipment import Shipment
from fieldapp.labels.manifest import Manifest

if TYPE_CHECKING:
    from fieldapp.store import Store

_ITEMS = (
    "SELECT c.id, c.barcode, s.code AS sample_code, s.sampled_at, s.analyses "
    "FROM shipment_item i JOIN container c ON c.id = i.container_id "
    "LEFT JOIN sample s ON s.id = c.sample_id WHERE i.shipment_id = ? ORDER BY c.barcode"
)
_BY_CODES = (
    "SELECT c.id, c.barcode, s.code AS sample_code, s.sampled_at, s.analyses "
    "FROM container c LEFT JOIN sample s ON s.id = c.sample_id WHERE c.barcode IN ({marks})"
)
_NUMBERED = (
    "SELECT s.id, s.code, s.lab, s.relinquished_at, s.received_at, p.code AS project, p.name AS project_name, "
    "(SELECT COUNT(*) FROM shipment_item i WHERE i.shipment_id = s.id) AS containers "
    "FROM shipment s JOIN project p ON p.id = s.project_id WHERE s.code = ? ORDER BY p.code"
)
_SHIPMENTS_OF = (
    "SELECT s.id, s.code, s.received_at, s.received_by FROM shipment_item i JOIN shipment s ON s.id = i.shipment_id "
    "WHERE i.container_id = ? ORDER BY s.received_at IS NULL DESC"
)


@dataclass(frozen=True, slots=True)
class Expected:
    barcode: str
    container_id: str | None  # None: on the manifest, but not in this database
    sample_code: str = ""
    sampled_at: str | None = None
    analyses: tuple[str, ...] = field(default_factory=tuple)


@dataclass(frozen=True, slots=True)
class Elsewhere:
    """Where a container that is not on this COC belongs."""

    container_id: str
    open_shipment: str = ""  # code of the open shipment it is packed in
    closed_shipment: str = ""  # code of a shipment it was already received with
    closed_at: str = ""


def _expected(row: dict[str, object]) -> Expected:
    return Expected(str(row["barcode"]), str(row["id"]), str(row["sample_code"] or ""),
                    str(row["sampled_at"]) if row["sampled_at"] else None,
                    tuple(str(a) for a in loads_list(str(row["analyses"]) if row["analyses"] else None)))


def of_shipment(store: Store, shipment: Shipment) -> dict[str, Expected]:
    return {str(r["barcode"]): _expected(r) for r in store.query(_ITEMS, (shipment.id,))}


def of_manifest(store: Store, manifest: Manifest) -> dict[str, Expected]:
    """The manifest's codes in COC order, with what this database knows of each."""
    known: dict[str, Expected] = {}
    codes = list(manifest.codes)
    for start in range(0, len(codes), 500):
        chunk = codes[start:start + 500]
        for r in store.query(_BY_CODES.format(marks=", ".join("?" * len(chunk))), tuple(chunk)):
            known[str(r["barcode"])] = _expected(r)
    return {code: known.get(code) or Expected(code, None) for code in codes}


def numbered(store: Store, coc_number: str) -> list[dict[str, Any]]:
    """Every shipment with this COC number, with its project (COC numbers repeat across projects)."""
    return store.query(_NUMBERED, (coc_number,))


def holding(store: Store, shipments: list[dict[str, Any]], codes: set[str]) -> list[dict[str, Any]]:
    """The ``shipments`` (rows of :func:`numbered`) that hold any of ``codes``."""
    return [r for r in shipments if codes & {str(b["barcode"]) for b in store.query(
        "SELECT c.barcode FROM shipment_item i JOIN container c ON c.id = i.container_id WHERE i.shipment_id = ?",
        (r["id"],))}]


def elsewhere(store: Store, barcode: str, shipment_id: str | None) -> Elsewhere | None:
    """None when no container has this code; otherwise the shipments it is in."""
    row = store.conn.execute("SELECT id FROM container WHERE barcode = ?", (barcode,)).fetchone()
    if row is None:
        return None
    found = Elsewhere(str(row[0]))
    for s in store.query(_SHIPMENTS_OF, (found.container_id,)):
        if s["id"] == shipment_id:
            continue
        if s["received_at"] is None and not found.open_shipment:
            found = Elsewhere(found.container_id, str(s["code"]), found.closed_shipment, found.closed_at)
        elif s["received_at"] is not None and not found.closed_shipment:
            found = Elsewhere(found.container_id, found.open_shipment, str(s["code"]), str(s["received_at"]))
    return found


def exists(store: Store, barcode: str) -> bool:
    return store.conn.execute("SELECT 1 FROM container WHERE barcode = ?", (barcode,)).fetchone() is not None
