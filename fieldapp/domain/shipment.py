"""Shipment (cooler, COC): containers handed over together to a lab."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from fieldapp.domain import custody, lab_order
from fieldapp.domain.common import fetch, from_row, human_code, optional_text, required_text
from fieldapp.domain.container import Container, normalise_barcode
from fieldapp.errors import CustodyError, DuplicateCodeError, NotFoundError, ValidationError
from fieldapp.store.database import UniqueViolation, utc_now

if TYPE_CHECKING:
    from fieldapp.domain.deviation import Overrides
    from fieldapp.session import Session
    from fieldapp.store import Store
    from fieldapp.store.database import Tx


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
    relinquished_to: str | None = None

    @property
    def is_open(self) -> bool:
        return self.received_at is None

    @property
    def state(self) -> str:
        """packing, sealed, handed over or received: what can be done with it next."""
        if self.received_at:
            return "received"
        if self.relinquished_at:
            return "handed over"
        return "sealed" if self.seal_number else "packing"


#: COC numbers made here: COC-0001, COC-0002, ... per project
CODE_PREFIX = "COC-"


def next_code(store: Store, project_id: str) -> str:
    """The COC number after the highest COC-nnnn of a project."""
    row = store.conn.execute(
        "SELECT MAX(CAST(substr(code, ?) AS INTEGER)) FROM shipment "
        "WHERE project_id = ? AND code GLOB ? AND code NOT GLOB ?",
        (len(CODE_PREFIX) + 1, project_id, f"{CODE_PREFIX}[0-9]*", f"{CODE_PREFIX}*[^0-9]*"),
    ).fetchone()
    return f"{CODE_PREFIX}{(row[0] or 0) + 1:04d}"


def create(session: Session, project_id: str, *, lab: str, code: str | None = None,
           container_ids: Sequence[str] = (), overrides: Overrides | None = None) -> Shipment:
    """Pack containers into a new shipment (a 'packed' custody event each).

    Without a code the shipment gets the project's next COC number; ``overrides``
    as for :func:`add_containers`."""
    if session.store.get("project", project_id) is None:
        raise NotFoundError(f"Project {project_id} does not exist.")
    code = code if code is not None else next_code(session.store, project_id)
    row = {"project_id": project_id, "code": human_code(code, "code", "Shipment"),
           "lab": required_text(lab, "lab", "Shipment")}
    with session.store.action(f"Pack shipment {row['code']}") as tx:
        try:
            shipment_id = tx.insert("shipment", row)
        except UniqueViolation:
            raise DuplicateCodeError("code", f"COC number '{row['code']}' is already used in this project.",
                                     hint="Pick another COC number.") from None
        lab_order.carried_over(tx, project_id, row["lab"], shipment_id)
        add_containers(session, shipment_id, container_ids, overrides=overrides)
    return get(session.store, shipment_id)


def add_containers(session: Session, shipment_id: str, container_ids: Sequence[str],
                   overrides: Overrides | None = None) -> None:
    """Pack containers into a shipment that has not been handed over yet.

    A container travels in one open shipment at a time. A container past its
    holding time is refused unless ``overrides`` holds a deviation for the
    holding-time rule; each late container then gets its own deviation row."""
    ids = list(dict.fromkeys(container_ids))
    with session.store.action("Pack containers") as tx:
        shipment = tx.get("shipment", shipment_id)
        if shipment is None:
            raise NotFoundError(f"Shipment {shipment_id} does not exist.")
        _check_packing(shipment)
        found = 0
        for start in range(0, len(ids), 500):
            chunk = ids[start:start + 500]
            marks = ", ".join("?" * len(chunk))
            found += tx.query(f"SELECT COUNT(*) AS n FROM container WHERE id IN ({marks})", tuple(chunk))[0]["n"]
            void = tx.query(f"SELECT barcode FROM container WHERE id IN ({marks}) AND voided_at IS NOT NULL "
                            "LIMIT 1", tuple(chunk))
            if void:
                raise CustodyError("container", f"Container {void[0]['barcode']} is void and cannot be packed.",
                                   hint="Set it apart; pack only containers on the record.")
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
        _check_holding(session, tx, shipment, ids, overrides)
        now = utc_now()
        with tx.journalled_together():
            tx.insert_many("shipment_item", [{"shipment_id": shipment_id, "container_id": c} for c in ids])
            tx.insert_many("custody_event", [
                {"container_id": c, "shipment_id": shipment_id, "kind": "packed", "actor": session.actor,
                 "at_laptop": now} for c in ids])


def _check_holding(session: Session, tx: Tx, shipment: dict[str, Any], ids: Sequence[str],
                   overrides: Overrides | None) -> None:
    """Refuse a container past its holding time at packing, or record the deviation that lets it go."""
    from fieldapp.domain import holding
    from fieldapp.domain.deviation import Overrides
    from fieldapp.intake.rules import lab_rules
    from fieldapp.rules import default_book

    at = datetime.now(UTC)
    ov = Overrides.of(overrides)
    for item in holding.of_containers(session.store.conn, ids, lab_rules(str(shipment["lab"]))):
        if item.late_at(at):
            with ov.guard():
                holding.check_packing(default_book(), [item], at)
            ov.record(tx, str(shipment["project_id"]), "container", item.container_id)


def _check_packing(shipment: dict[str, object]) -> None:
    """A shipment takes containers only while it is neither sealed nor handed over."""
    _refuse_if_received(shipment)
    _refuse_if_handed_over(shipment, "Start a new shipment for these containers.")
    if shipment["seal_number"]:
        raise CustodyError("shipment", f"Shipment {shipment['code']} is sealed ({shipment['seal_number']}).",
                           hint="Undo the seal first, or start a new shipment for these containers.")


def _current(tx: Tx, shipment_id: str) -> dict[str, object]:
    row = tx.get("shipment", shipment_id)
    if row is None:
        raise NotFoundError(f"Shipment {shipment_id} does not exist.")
    return row


def add_barcodes(session: Session, shipment_id: str, barcodes: Sequence[str],
                 overrides: Overrides | None = None) -> list[Container]:
    """Pack the containers with these barcodes (as scanned) into a shipment.

    Every barcode must be a container of the shipment's project that is on
    the record (not void); otherwise nothing is packed."""
    from fieldapp.domain import container as container_mod

    codes = list(dict.fromkeys(normalise_barcode(b) for b in barcodes if b.strip()))
    if not codes:
        raise ValidationError("barcode", "No barcode given.", hint="Scan a container's label.")
    ship = get(session.store, shipment_id)
    jars: list[Container] = []
    for code in codes:
        jar = container_mod.by_barcode(session.store, code)
        if jar is None:
            raise NotFoundError(f"No container has barcode {code}.",
                                hint="Scan it in its sample first (Samples tab), then pack it.")
        project = session.store.query("SELECT p.code, p.id FROM sample s JOIN project p ON p.id = s.project_id "
                                      "WHERE s.id = ?", (jar.sample_id,))[0]
        if project["id"] != ship.project_id:
            raise CustodyError("barcode", f"Container {code} belongs to project {project['code']}.",
                               hint="A shipment carries the containers of one project.")
        jars.append(jar)
    add_containers(session, shipment_id, [j.id for j in jars], overrides=overrides)
    return jars


def remove_containers(session: Session, shipment_id: str, container_ids: Sequence[str], reason: str) -> None:
    """Take containers out of a shipment not yet handed over: each 'packed'
    event gets a correction saying why (the packing stays on record)."""
    why = required_text(reason, "reason", "Take out")
    with session.store.action("Take containers out") as tx:
        ship = _current(tx, shipment_id)
        _refuse_if_received(ship)
        _refuse_if_handed_over(ship, "The lab records what it did not receive at intake.")
        for container_id in dict.fromkeys(container_ids):
            items = tx.query("SELECT id FROM shipment_item WHERE shipment_id = ? AND container_id = ?",
                             (shipment_id, container_id))
            if not items:
                raise NotFoundError(f"Container {container_id} is not in shipment {ship['code']}.")
            tx.delete("shipment_item", items[0]["id"])
            packed = custody.latest(session.store, "packed", container_id=container_id, shipment_id=shipment_id)
            if packed is not None:
                custody.correct(session, packed, f"taken out: {why}")


def seal(session: Session, shipment_id: str, seal_number: str) -> Shipment:
    number = required_text(seal_number, "seal number", "Shipment")
    with session.store.action("Seal shipment") as tx:
        current = _current(tx, shipment_id)
        _refuse_if_received(current)
        _refuse_if_handed_over(current, "A handed-over cooler is not sealed again.")
        if not _has_items(tx, shipment_id):
            raise CustodyError("seal number", f"Shipment {current['code']} is empty.",
                               hint="Scan the containers into it before sealing.")
        tx.update("shipment", shipment_id, {"seal_number": number})
        custody.record(session, "sealed", shipment_id=shipment_id, remarks=f"seal {number}")
    return get(session.store, shipment_id)


def unseal(session: Session, shipment_id: str, reason: str) -> Shipment:
    """Break the seal of a cooler not yet handed over (a correction of 'sealed')."""
    why = required_text(reason, "reason", "Unseal")
    with session.store.action("Break seal") as tx:
        current = _current(tx, shipment_id)
        _refuse_if_received(current)
        _refuse_if_handed_over(current, "Undo the hand-over first.")
        event = custody.latest(session.store, "sealed", shipment_id=shipment_id)
        if not current["seal_number"] or event is None:
            raise CustodyError("seal number", f"Shipment {current['code']} is not sealed.", hint="Nothing to undo.")
        tx.update("shipment", shipment_id, {"seal_number": None})
        custody.correct(session, event, f"seal {current['seal_number']} broken: {why}")
    return get(session.store, shipment_id)


def relinquish(session: Session, shipment_id: str, *, by: str | None = None, to: str | None = None,
               at: str | None = None, remarks: str | None = None) -> Shipment:
    """Hand the cooler over (to a courier or the lab): who, to whom, when."""
    from fieldapp.domain.sample import check_time

    when = check_time(at, "at", "hand-over time") if at else utc_now()
    who = by or session.actor
    with session.store.action("Hand over shipment") as tx:
        current = _current(tx, shipment_id)
        _refuse_if_received(current)
        if current["relinquished_at"]:
            raise CustodyError("shipment", f"Shipment {current['code']} was already handed over.",
                               hint="Record a correction instead of a second hand-over.")
        if not _has_items(tx, shipment_id):
            raise CustodyError("shipment", f"Shipment {current['code']} is empty.",
                               hint="Scan the containers into it before handing it over.")
        taker = optional_text(to)
        tx.update("shipment", shipment_id, {"relinquished_by": who, "relinquished_at": when,
                                            "relinquished_to": taker})
        note = "; ".join(filter(None, (f"to {taker}" if taker else None, optional_text(remarks))))
        custody.record(session, "relinquished", shipment_id=shipment_id, at_laptop=when, actor=who,
                       remarks=note or None)
    return get(session.store, shipment_id)


def undo_handover(session: Session, shipment_id: str, reason: str) -> Shipment:
    """Take back a hand-over recorded by mistake, before the lab received anything."""
    why = required_text(reason, "reason", "Take back")
    with session.store.action("Take back hand-over") as tx:
        current = _current(tx, shipment_id)
        if current["received_at"] or tx.query(
                "SELECT 1 FROM custody_event WHERE shipment_id = ? AND kind IN ('received', 'rejected') LIMIT 1",
                (shipment_id,)):
            raise CustodyError("shipment", f"The lab has already received shipment {current['code']}.",
                               hint="The hand-over stands; corrections are made at the lab's intake now.")
        event = custody.latest(session.store, "relinquished", shipment_id=shipment_id)
        if not current["relinquished_at"] or event is None:
            raise CustodyError("shipment", f"Shipment {current['code']} has not been handed over.",
                               hint="Nothing to undo.")
        tx.update("shipment", shipment_id, {"relinquished_by": None, "relinquished_at": None,
                                            "relinquished_to": None})
        custody.correct(session, event, f"hand-over taken back: {why}")
    return get(session.store, shipment_id)


def delete_empty(session: Session, shipment_id: str) -> None:
    """Remove a shipment that never held a container (the undo of creating it)."""
    with session.store.action("Remove shipment") as tx:
        current = _current(tx, shipment_id)
        if tx.query("SELECT 1 FROM custody_event WHERE shipment_id = ? LIMIT 1", (shipment_id,)) or \
                _has_items(tx, shipment_id):
            raise CustodyError("shipment", f"Shipment {current['code']} has custody on record.",
                               hint="Take its containers out instead; the record stays.")
        tx.delete("shipment", shipment_id)


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
    if len(rows) > 1:  # named, so that the user can pass one of them as --project
        codes = sorted(str(r["code"]) for r in store.query(
            f"SELECT code FROM project WHERE id IN ({', '.join('?' * len(rows))})",
            tuple(r["project_id"] for r in rows)))
        raise NotFoundError(f"COC number '{code}' is used in {len(rows)} projects: {', '.join(codes)}.",
                            hint="Name the project as well (--project CODE).")
    return from_row(Shipment, rows[0])


def container_ids(store: Store, shipment_id: str) -> list[str]:
    return [r["container_id"] for r in store.query(
        "SELECT container_id FROM shipment_item WHERE shipment_id = ?", (shipment_id,))]


def of_project(store: Store, project_id: str) -> list[Shipment]:
    return [from_row(Shipment, r) for r in store.query(
        "SELECT * FROM shipment WHERE project_id = ? ORDER BY code", (project_id,))]


def _refuse_if_handed_over(row: dict[str, Any], hint: str) -> None:
    """A handed-over cooler is out of the sampler's hands: nothing is packed, taken out or sealed."""
    if row["relinquished_at"]:
        raise CustodyError("shipment", f"Shipment {row['code']} has already been handed over.", hint=hint)


def _refuse_if_received(row: dict[str, Any]) -> None:
    """A cooler the lab has received is closed on both sides: packing, sealing or handing it over now
    would put custody events after the lab's receipt."""
    if row["received_at"]:
        raise CustodyError("shipment", f"Shipment {row['code']} was received by the lab on "
                           f"{str(row['received_at'])[:10]}.",
                           hint="Nothing more is packed, sealed or handed over with a received cooler; "
                                "start a new shipment.")


def _has_items(tx: Tx, shipment_id: str) -> bool:
    return bool(tx.query("SELECT 1 FROM shipment_item WHERE shipment_id = ? LIMIT 1", (shipment_id,)))
