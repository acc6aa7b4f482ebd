"""Shipment (cooler, COC): containers handed over together to a lab."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from fieldapp.domain import custody
from fieldapp.domain.common import fetch, from_row, human_code, optional_text, required_text
from fieldapp.errors import CustodyError, DuplicateCodeError, NotFoundError
from fieldapp.store.database import UniqueViolation, utc_now

if TYPE_CHECKING:
    from fieldapp.session import Session
    from fieldapp.store import Store


@dataclass(frozen=True)
class Shipment:
    id: str
    project_id: str
    code: str
    lab: str
    seal_number: str | None = None
    relinquished_by: str | None = None
    relinquished_at: str | None = None
    received_by: str | None = None
    received_at: str | None = None
    temperature_c: float | None = None
    condition: str | None = None
    remarks: str | None = None

    @property
    def is_open(self) -> bool:
        return self.received_at is None


def create(session: Session, project_id: str, *, code: str, lab: str,
           container_ids: Sequence[str] = ()) -> Shipment:
    """Pack containers into a new shipment (a 'packed' custody event each)."""
    row = {"project_id": project_id, "code": human_code(code, "code", "Shipment"),
           "lab": required_text(lab, "lab", "Shipment")}
    with session.store.action(f"Pack shipment {row['code']}") as tx:
        try:
            shipment_id = tx.insert("shipment", row)
        except UniqueViolation:
            raise DuplicateCodeError("code", f"COC number '{row['code']}' is already used in this project.",
                                     hint="Pick another COC number.") from None
        add_containers(session, shipment_id, container_ids)
    return get(session.store, shipment_id)


def add_containers(session: Session, shipment_id: str, container_ids: Sequence[str]) -> None:
    """Pack containers into a shipment that has not been handed over yet.

    A container travels in one open shipment at a time."""
    ids = list(dict.fromkeys(container_ids))
    with session.store.action("Pack containers") as tx:
        shipment = tx.get("shipment", shipment_id)
        if shipment is None:
            raise NotFoundError(f"Shipment {shipment_id} does not exist.")
        if shipment["relinquished_at"]:
            raise CustodyError("shipment", f"Shipment {shipment['code']} has already been handed over.",
                               hint="Start a new shipment for these containers.")
        found = 0
        for start in range(0, len(ids), 500):
            chunk = ids[start:start + 500]
            marks = ", ".join("?" * len(chunk))
            found += tx.query(f"SELECT COUNT(*) AS n FROM container WHERE id IN ({marks})", tuple(chunk))[0]["n"]
            other = tx.query(
                "SELECT c.barcode, s.code FROM shipment_item i JOIN shipment s ON s.id = i.shipment_id "
                f"JOIN container c ON c.id = i.container_id WHERE i.container_id IN ({marks}) "
                "AND s.received_at IS NULL LIMIT 1",
                tuple(chunk),
            )
            if other:
                raise CustodyError(
                    "container",
                    f"Container {other[0]['barcode']} is already in open shipment {other[0]['code']}.",
                    hint="Take it out of that shipment first; a container travels in one shipment at a time.",
                )
        if found != len(ids):
            raise NotFoundError(f"{len(ids) - found} of the containers do not exist.",
                                hint="Pack only containers filled in this project; scan them again.")
        tx.insert_many("shipment_item", [{"shipment_id": shipment_id, "container_id": c} for c in ids])
        now = utc_now()
        tx.insert_many("custody_event", [
            {"container_id": c, "shipment_id": shipment_id, "kind": "packed", "actor": session.actor,
             "at_laptop": now} for c in ids])


def seal(session: Session, shipment_id: str, seal_number: str) -> Shipment:
    number = required_text(seal_number, "seal number", "Shipment")
    with session.store.action("Seal shipment") as tx:
        if tx.get("shipment", shipment_id) is None:
            raise NotFoundError(f"Shipment {shipment_id} does not exist.")
        tx.update("shipment", shipment_id, {"seal_number": number})
        custody.record(session, "sealed", shipment_id=shipment_id, remarks=f"seal {number}")
    return get(session.store, shipment_id)


def relinquish(session: Session, shipment_id: str, *, by: str | None = None,
               at: str | None = None, remarks: str | None = None) -> Shipment:
    when = at or utc_now()
    who = by or session.actor
    with session.store.action("Hand over shipment") as tx:
        current = tx.get("shipment", shipment_id)
        if current is None:
            raise NotFoundError(f"Shipment {shipment_id} does not exist.")
        if current["relinquished_at"]:
            raise CustodyError("shipment", f"Shipment {current['code']} was already handed over.",
                               hint="Record a correction instead of a second hand-over.")
        tx.update("shipment", shipment_id, {"relinquished_by": who, "relinquished_at": when})
        custody.record(session, "relinquished", shipment_id=shipment_id, at_laptop=when, actor=who,
                       remarks=optional_text(remarks))
    return get(session.store, shipment_id)


def get(store: Store, shipment_id: str) -> Shipment:
    return fetch(store, Shipment, "shipment", shipment_id)


def by_code(store: Store, code: str, project_id: str | None = None) -> Shipment:
    sql, params = "SELECT * FROM shipment WHERE code = ?", [code]
    if project_id:
        sql += " AND project_id = ?"
        params.append(project_id)
    rows = store.query(sql, tuple(params))
    if not rows:
        raise NotFoundError(f"There is no shipment with COC number '{code}'.", hint="Check the number.")
    return from_row(Shipment, rows[0])


def container_ids(store: Store, shipment_id: str) -> list[str]:
    return [r["container_id"] for r in store.query(
        "SELECT container_id FROM shipment_item WHERE shipment_id = ?", (shipment_id,))]


def of_project(store: Store, project_id: str) -> list[Shipment]:
    return [from_row(Shipment, r) for r in store.query(
        "SELECT * FROM shipment WHERE project_id = ? ORDER BY code", (project_id,))]
