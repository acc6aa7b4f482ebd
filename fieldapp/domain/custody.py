"""Custody events: the append-only history of who held a container or shipment.

A correction is a new event that names the event it corrects; nothing here
ever updates or deletes an event.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from fieldapp.domain.common import check_choice, from_row, optional_text
from fieldapp.errors import CustodyError, NotFoundError
from fieldapp.store.database import utc_now

if TYPE_CHECKING:
    from fieldapp.session import Session
    from fieldapp.store import Store

KINDS = (
    "collected",
    "label_printed",
    "packed",
    "sealed",
    "relinquished",
    "received",
    "rejected",
    "correction",
    "voided",  # scanned by mistake: the container is taken off the record, its events stay
)


@dataclass(frozen=True)
class CustodyEvent:
    id: str
    kind: str
    actor: str
    at_laptop: str
    container_id: str | None = None
    shipment_id: str | None = None
    at_receiver: str | None = None
    place: str | None = None
    corrects: str | None = None
    remarks: str | None = None


def record(
    session: Session,
    kind: str,
    *,
    container_id: str | None = None,
    shipment_id: str | None = None,
    at_laptop: str | None = None,
    at_receiver: str | None = None,
    place: str | None = None,
    corrects: str | None = None,
    remarks: str | None = None,
    actor: str | None = None,
) -> str:
    """Append a custody event (one action, or part of the caller's action)."""
    check_choice(kind, KINDS, "kind", "Custody event")
    if container_id is None and shipment_id is None:
        raise CustodyError("container", "A custody event is about a container or a shipment; none given.",
                           hint="Scan the container or pick the shipment.")
    if kind == "correction" and not corrects:
        raise CustodyError("corrects", "A correction must name the event it corrects.",
                           hint="Pick the event to correct.")
    with session.store.action(f"Custody: {kind}") as tx:
        if corrects and tx.get("custody_event", corrects) is None:
            raise NotFoundError(f"Custody event {corrects} does not exist.")
        return tx.insert("custody_event", {
            "container_id": container_id,
            "shipment_id": shipment_id,
            "kind": kind,
            "actor": actor or session.actor,
            "at_laptop": at_laptop or utc_now(),
            "at_receiver": optional_text(at_receiver),
            "place": optional_text(place),
            "corrects": corrects,
            "remarks": optional_text(remarks),
        })


def latest(store: Store, kind: str, *, container_id: str | None = None,
           shipment_id: str | None = None) -> CustodyEvent | None:
    """The newest event of ``kind`` about a container and/or shipment that no
    correction names yet: the one a correction would correct."""
    sql = ("SELECT * FROM custody_event e WHERE kind = ? AND NOT EXISTS "
           "(SELECT 1 FROM custody_event c WHERE c.corrects = e.id)")
    params: list[str] = [kind]
    for column, value in (("container_id", container_id), ("shipment_id", shipment_id)):
        if value is not None:
            sql += f" AND {column} = ?"
            params.append(value)
    rows = store.query(sql + " ORDER BY at_laptop DESC, id DESC LIMIT 1", tuple(params))
    return from_row(CustodyEvent, rows[0]) if rows else None


def correct(session: Session, event: CustodyEvent, remarks: str) -> str:
    """A correction of ``event``: about the same container and shipment, saying why."""
    return record(session, "correction", container_id=event.container_id, shipment_id=event.shipment_id,
                  corrects=event.id, remarks=remarks)


def of_container(store: Store, container_id: str) -> list[CustodyEvent]:
    rows = store.query("SELECT * FROM custody_event WHERE container_id = ? ORDER BY at_laptop, id",
                       (container_id,))
    return [from_row(CustodyEvent, r) for r in rows]


def of_shipment(store: Store, shipment_id: str) -> list[CustodyEvent]:
    rows = store.query("SELECT * FROM custody_event WHERE shipment_id = ? ORDER BY at_laptop, id",
                       (shipment_id,))
    return [from_row(CustodyEvent, r) for r in rows]
