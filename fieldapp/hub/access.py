"""Who may change what on the hub, judged per object.

A change is checked against every object it touches: the row itself as the
hub holds it, and every row it refers to (a layer's borehole, a shipment
item's shipment *and* container, a custody event's shipment, container and
the event it corrects), both the references the change sets and those the
row already has. Judging from one parent alone let a sampler of project P2
pack a container of P1 into a P2 shipment, and a lab write custody events on
another lab's containers.

- A coordinator may change anything.
- A sampler may change rows of the projects it was granted (``hub grant``)
  or created; every object a change touches must belong to one of them.
- A lab records receipt and custody of the shipments addressed to it, and
  its own reference on the containers packed in them; nothing else.

Refusals are :class:`Refused` (403) naming the object; the push they come
from is rolled back whole.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from fieldapp.hub.db import Conn
from fieldapp.hub.devices import Device
from fieldapp.hub.refused import Refused
from fieldapp.hub.rows import HubRow, RowCache
from fieldapp.sync.changes import Change

RECEIPT_FIELDS = frozenset({"received_by", "received_at", "temperature_c", "condition", "remarks"})
LAB_CONTAINER_FIELDS = frozenset({"lab_reference"})

# Every field that refers to another row (the device schema's foreign keys).
REFERENCES: dict[str, tuple[tuple[str, str], ...]] = {
    "borehole": (("project_id", "project"),),
    "sample": (("project_id", "project"), ("sampling_round_id", "sampling_round")),
    "shipment": (("project_id", "project"),),
    "layer": (("borehole_id", "borehole"),),
    "boring_process": (("borehole_id", "borehole"),),
    "sample_part": (("sample_id", "sample"), ("borehole_id", "borehole")),
    "container": (("sample_id", "sample"),),
    "shipment_item": (("shipment_id", "shipment"), ("container_id", "container")),
    "custody_event": (("shipment_id", "shipment"), ("container_id", "container"), ("corrects", "custody_event")),
    "analysis_sample_part": (("analysis_sample_id", "sample"), ("field_sample_id", "sample")),
    # staff_id (borehole, sample, deviation, field_day_staff) points into the staff register, which
    # belongs to no project (REGISTER_TABLES): it says who did the work, it grants nothing
    "field_day": (("project_id", "project"),),
    "field_day_staff": (("field_day_id", "field_day"),),
    "deviation": (("project_id", "project"),),
    "pfas_checklist": (("project_id", "project"),),
    "asbestos_judgement": (("borehole_id", "borehole"),),
    "inspection_pit": (("project_id", "project"), ("borehole_id", "borehole")),
    "inspection_fraction": (("inspection_pit_id", "inspection_pit"),),
    "well": (("borehole_id", "borehole"),),
    "sampling_round": (("well_id", "well"),),
    "purge_reading": (("round_id", "sampling_round"),),
    "photo": (("project_id", "project"),),
}

#: tables of the organisation, not of a project: every sampler reads and keeps them
REGISTER_TABLES = frozenset({"staff"})


@dataclass
class Access:
    """What one device may reach, loaded once per push."""

    device: Device
    projects: set[str] = field(default_factory=set)  # project ids a sampler may change


def load(conn: Conn, device: Device) -> Access:
    access = Access(device)
    if device.role == "sampler":
        access.projects = {r[0] for r in conn.execute(
            "SELECT project_id FROM hub_project WHERE created_by = ? OR code IN "
            "(SELECT project_code FROM hub_grant WHERE device = ?)", (device.id, device.id))}
    return access


def describe(tbl: str, row_id: str, row: HubRow | None) -> str:
    """A row as a person knows it: its code or barcode, then its id."""
    values = row.state.values if row is not None else {}
    label = values.get("code") or values.get("barcode")
    return f"{tbl.replace('_', ' ')} {label} ({row_id})" if label else f"{tbl.replace('_', ' ')} {row_id}"


def _touched(change: Change, values: Mapping[str, Any], own: HubRow | None,
             rows: RowCache) -> Iterator[tuple[str, str, str, HubRow]]:
    """(field, table, id, row) of every row the change refers to, set now or held already."""
    held = own.state.values if own is not None else {}
    for name, parent_tbl in REFERENCES.get(change.tbl, ()):
        for ref in dict.fromkeys((values.get(name), held.get(name))):
            if ref is None:
                continue
            parent = rows.get(parent_tbl, ref) if isinstance(ref, str) else None
            if parent is None:
                raise Refused(403, f"{describe(change.tbl, change.row_id, own)}: its {name} refers to "
                                   f"{parent_tbl.replace('_', ' ')} {ref}, which the hub does not hold; "
                                   "its access cannot be checked.")
            yield name, parent_tbl, ref, parent


def authorise(access: Access, change: Change, values: Mapping[str, Any], rows: RowCache) -> None:
    """Refuse (403) a change that touches an object the device may not change."""
    device = access.device
    own = rows.get(change.tbl, change.row_id)
    if device.role == "coordinator":
        _same_project(change, own, rows, values)
        return
    touched = list(_touched(change, values, own, rows))
    if device.role == "sampler":
        _sampler(access, change, own, touched, rows)
    else:
        _lab(device, change, values, own, touched)
    _same_project(change, own, rows, values)


def _sampler(access: Access, change: Change, own: HubRow | None,
             touched: list[tuple[str, str, str, HubRow]], rows: RowCache) -> None:
    if change.tbl in REGISTER_TABLES:
        return  # the organisation's register: every field device keeps it up to date
    if change.tbl == "project":
        if change.op == "insert" and own is None:
            access.projects.add(change.row_id)  # its own new project
        elif change.row_id not in access.projects:
            raise Refused(403, f"This device may not change {describe('project', change.row_id, own)}: "
                               "it is not granted that project.")
        return
    objects = [(describe(change.tbl, change.row_id, own), own.project_id)] if own is not None else []
    objects += [(describe(tbl, ref, row), row.project_id) for _f, tbl, ref, row in touched]
    if not objects:
        raise Refused(403, f"{describe(change.tbl, change.row_id, own)} belongs to no project this device "
                           "may change.")
    for what, project_id in objects:
        if project_id is None or project_id not in access.projects:
            project = describe("project", project_id, rows.get("project", project_id)) if project_id else "none"
            raise Refused(403, f"This device may not change {describe(change.tbl, change.row_id, own)}: "
                               f"{what} belongs to {project}, which it is not granted.")


def _lab(device: Device, change: Change, values: Mapping[str, Any], own: HubRow | None,
         touched: list[tuple[str, str, str, HubRow]]) -> None:
    what = describe(change.tbl, change.row_id, own)
    if change.tbl == "custody_event" and change.op == "insert":
        if not touched:
            raise Refused(403, f"A lab device may record custody only of its shipments and containers ({what}).")
        for _f, tbl, ref, row in touched:
            lab = row.state.values.get("lab") if tbl == "shipment" else row.lab
            if lab != device.lab:
                raise Refused(403, f"This lab device ({device.lab}) may not record {what}: "
                                   f"{describe(tbl, ref, row)} is not addressed to it.")
        return
    if change.op == "update" and own is not None:
        if change.tbl == "shipment" and set(values) <= RECEIPT_FIELDS:
            lab = own.state.values.get("lab")
        elif change.tbl == "container" and set(values) <= LAB_CONTAINER_FIELDS:
            lab = own.lab
        else:
            lab = None
            what = f"this {change.tbl} {change.op} ({what})"
        if lab is not None:
            if lab != device.lab:
                raise Refused(403, f"This lab device ({device.lab}) may not change {what}: "
                                   "it is not addressed to it.")
            return
    raise Refused(403, f"A lab device may record receipt and custody only, not {what}.")


def _same_project(change: Change, own: HubRow | None, rows: RowCache, values: Mapping[str, Any]) -> None:
    """A shipment carries containers of its own project only (as the device's packing check says)."""
    if change.tbl != "shipment_item" or change.op == "delete":
        return
    held = own.state.values if own is not None else {}
    shipment_id = values.get("shipment_id", held.get("shipment_id"))
    container_id = values.get("container_id", held.get("container_id"))
    shipment = rows.get("shipment", shipment_id) if isinstance(shipment_id, str) else None
    container = rows.get("container", container_id) if isinstance(container_id, str) else None
    if shipment is None or container is None:
        return
    project = shipment.state.values.get("project_id")
    if container.project_id is not None and project is not None and container.project_id != project:
        raise Refused(403, f"{describe(change.tbl, change.row_id, own)} packs "
                           f"{describe('container', str(container_id), container)} of another project into "
                           f"{describe('shipment', str(shipment_id), shipment)}: pack only containers of the "
                           "shipment's project.")
