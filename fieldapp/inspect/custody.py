"""Every container followed from filling to lab receipt; each gap in custody named.

The custody record (fieldapp.domain.custody) is read as it stands, an event
that a correction names counting as withdrawn: a container is filled
('collected'), packed into a shipment ('packed'), the shipment sealed and
handed over ('sealed', 'relinquished'), and at the lab each container scanned
('received') or written off ('rejected') when the shipment is received. A
later step on record without the step before it is a gap, and so is a step
dated before the one it follows. A container still in the field or on its way
is no gap: the summary counts them.
"""

from __future__ import annotations

import sqlite3
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import UTC, datetime

from fieldapp.inspect.requirements import Note, Outcome, Requirement
from fieldapp.intake.receipt import MISSING


@dataclass
class _Shipment:
    code: str
    relinquished_at: str | None
    received_at: str | None
    events: dict[str, str] = field(default_factory=dict)  # kind -> earliest time on record


@dataclass
class _Container:
    barcode: str
    sample: str
    # (kind, shipment) -> (at, remarks)
    events: dict[tuple[str, str | None], tuple[str, str]] = field(default_factory=dict)


# corrections are few; custody_event has no index on `corrects` (a NOT EXISTS per event would read the
# table once per event), so the corrected ids are read once and the events filtered against them
_CORRECTED = "SELECT corrects FROM custody_event WHERE corrects IS NOT NULL"
_EVENTS = "SELECT id, container_id, shipment_id, kind, at_laptop, remarks FROM custody_event WHERE kind <> 'correction'"


def _time(stamp: str | None) -> datetime | None:
    try:
        t = datetime.fromisoformat(str(stamp))
    except ValueError:
        return None
    return t if t.tzinfo else t.replace(tzinfo=UTC)


def _before(a: str | None, b: str | None) -> bool:
    """Whether ``b`` is dated before ``a`` (both known)."""
    ta, tb = _time(a), _time(b)
    return ta is not None and tb is not None and tb < ta


def _load(conn: sqlite3.Connection, project_id: str) -> tuple[dict[str, _Shipment], dict[str, _Container],
                                                               dict[str, list[str]]]:
    shipments = {str(r[0]): _Shipment(str(r[1]), r[2], r[3]) for r in conn.execute(
        "SELECT id, code, relinquished_at, received_at FROM shipment WHERE project_id = ?", (project_id,))}
    voided = "voided_at" in {r[1] for r in conn.execute("PRAGMA table_info(container)")}
    containers = {str(r[0]): _Container(str(r[1]), str(r[2])) for r in conn.execute(
        "SELECT c.id, c.barcode, s.code FROM container c JOIN sample s ON s.id = c.sample_id "
        f"WHERE s.project_id = ?{' AND c.voided_at IS NULL' if voided else ''}", (project_id,))}
    items: dict[str, list[str]] = defaultdict(list)
    for container_id, shipment_id in conn.execute(
            "SELECT i.container_id, i.shipment_id FROM shipment_item i JOIN shipment s ON s.id = i.shipment_id "
            "WHERE s.project_id = ?", (project_id,)):
        items[str(container_id)].append(str(shipment_id))
    corrected = {str(r[0]) for r in conn.execute(_CORRECTED)}
    for event_id, container_id, shipment_id, kind, at, remarks in conn.execute(_EVENTS):
        if event_id in corrected:
            continue
        if container_id is not None:
            box = containers.get(str(container_id))
            if box is not None:
                box.events.setdefault((str(kind), shipment_id), (str(at), str(remarks or "")))
        elif shipment_id in shipments:
            have = shipments[shipment_id].events
            if kind not in have or _before(have[kind], at):
                have[str(kind)] = str(at)
    return shipments, containers, items


def _shipment_gaps(ship: _Shipment) -> list[Note]:
    out = []
    handed_over = ship.relinquished_at or ship.received_at
    if handed_over and "sealed" not in ship.events:
        out.append(Note(f"{ship.code}: overgedragen zonder vastgelegde verzegeling",
                        f"{ship.code}: handed over without a recorded seal"))
    if handed_over and "relinquished" not in ship.events:
        out.append(Note(f"{ship.code}: overdracht niet vastgelegd (geen overdrachtsgebeurtenis)",
                        f"{ship.code}: hand-over not recorded (no relinquished event)"))
    if ship.received_at and _before(ship.events.get("relinquished"), ship.received_at):
        out.append(Note(f"{ship.code}: ontvangen vóór de overdracht",
                        f"{ship.code}: received before it was handed over"))
    return out


def _container_gaps(box: _Container, shipped: list[str], shipments: dict[str, _Shipment]) -> list[Note]:
    who = f"potje {box.barcode} ({box.sample})"
    who_en = f"container {box.barcode} ({box.sample})"
    out = []
    collected = box.events.get(("collected", None))
    if collected is None:
        out.append(Note(f"{who}: vullen niet vastgelegd", f"{who_en}: filling not recorded"))
    for sid in shipped:
        ship = shipments[sid]
        if ("packed", sid) not in box.events:
            out.append(Note(f"{who}: in {ship.code} zonder vastgelegd inpakken",
                            f"{who_en}: in {ship.code} without a recorded packing"))
        if collected and ship.relinquished_at and _before(collected[0], ship.relinquished_at):
            out.append(Note(f"{who}: overgedragen in {ship.code} vóór het vullen",
                            f"{who_en}: handed over in {ship.code} before it was filled"))
        if not ship.received_at:
            continue
        got = box.events.get(("received", sid))
        rejected = box.events.get(("rejected", sid))
        if got is None and rejected is None:
            out.append(Note(f"{who}: {ship.code} is ontvangen, maar dit potje is niet gescand of afgeschreven",
                            f"{who_en}: {ship.code} was received, but this container was neither scanned "
                            "nor written off"))
        elif rejected is not None and rejected[1].startswith(MISSING):
            out.append(Note(f"{who}: ontbrak bij ontvangst van {ship.code} (vermist na overdracht)",
                            f"{who_en}: missing on receipt of {ship.code} (lost after hand-over)"))
        elif got is not None and _before(ship.relinquished_at, got[0]):
            out.append(Note(f"{who}: gescand bij het lab vóór de overdracht van {ship.code}",
                            f"{who_en}: scanned at the lab before {ship.code} was handed over"))
    return out


def check(conn: sqlite3.Connection, project_id: str, requirement: Requirement) -> Outcome:
    shipments, containers, items = _load(conn, project_id)
    failures = [n for ship in sorted(shipments.values(), key=lambda s: s.code) for n in _shipment_gaps(ship)]
    field_, transit, received = 0, 0, 0
    for container_id, box in sorted(containers.items(), key=lambda kv: kv[1].barcode):
        shipped = items.get(container_id, [])
        failures.extend(_container_gaps(box, shipped, shipments))
        if not shipped:
            field_ += 1
        elif any(shipments[s].received_at for s in shipped):
            received += 1
        else:
            transit += 1
    return Outcome.judged(failures, Note(
        f"{len(containers)} potjes: {received} ontvangen door het lab, {transit} ingepakt of onderweg, "
        f"{field_} nog niet ingepakt; {len(shipments)} zendingen",
        f"{len(containers)} containers: {received} received by the lab, {transit} packed or on their way, "
        f"{field_} not packed yet; {len(shipments)} shipments"))
