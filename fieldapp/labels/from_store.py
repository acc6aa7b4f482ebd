"""Label and COC data read from the store, and the record that labels were printed.

Read-only queries with joins, so a project of thousands of containers is one
round trip per table rather than one per container. Printing is recorded as
a ``label_printed`` custody event per container with a running count in its
remarks; the barcode itself never changes on a reprint.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from datetime import datetime
from typing import TYPE_CHECKING, Any

from fieldapp.codelists import CodeLists
from fieldapp.domain import custody
from fieldapp.domain.common import loads_list
from fieldapp.domain.container import normalise_barcode
from fieldapp.domain.depth import format_m
from fieldapp.domain.project import by_code as project_by_code
from fieldapp.domain.project import get as get_project
from fieldapp.domain.shipment import by_code as shipment_by_code
from fieldapp.errors import FieldAppError, NotFoundError
from fieldapp.labels.data import CocData, CocRow, CustodyTransfer, LabelData

if TYPE_CHECKING:
    from fieldapp.session import Session
    from fieldapp.store import Store

_ROWS = (
    "SELECT c.id, c.barcode, c.container_type, c.material, c.volume_ml, c.preservation, "
    "s.id AS sample_id, s.code AS sample_code, s.sampled_at, s.matrix, s.analyses "
    "FROM container c JOIN sample s ON s.id = c.sample_id "
)
_PARTS = (
    "SELECT p.sample_id, b.code, p.upper_cm, p.lower_cm FROM sample_part p "
    "JOIN borehole b ON b.id = p.borehole_id JOIN sample s ON s.id = p.sample_id "
    "WHERE s.project_id = ? ORDER BY b.code, p.upper_cm"
)


def local_time(stamp: str | None, *, with_time: bool) -> str:
    """An ISO timestamp as the sampler's clock showed it: 'YYYY-MM-DD[ HH:MM]'."""
    if not stamp:
        return ""
    try:
        moment = datetime.fromisoformat(stamp)
    except ValueError:
        return stamp
    if moment.tzinfo is not None:
        moment = moment.astimezone()
    return moment.strftime("%Y-%m-%d %H:%M" if with_time else "%Y-%m-%d")


def _places(store: Store, project_id: str) -> dict[str, tuple[str, str]]:
    """Borehole codes and depth text per sample; composites list every part."""
    parts: dict[str, list[tuple[str, int, int]]] = defaultdict(list)
    for r in store.query(_PARTS, (project_id,)):
        parts[r["sample_id"]].append((r["code"], r["upper_cm"], r["lower_cm"]))
    out = {}
    for sample_id, items in parts.items():
        holes = "+".join(dict.fromkeys(code for code, _u, _l in items))
        depths = ", ".join(dict.fromkeys(f"{format_m(u)}-{format_m(lo)}" for _c, u, lo in items))
        out[sample_id] = (holes, f"{depths} m")
    return out


def _people(value: str | None) -> str:
    """Field staff as names: the store keeps a JSON list, older records plain text."""
    if value and value.startswith("["):
        try:
            return ", ".join(str(name) for name in loads_list(value))
        except ValueError:
            pass
    return value or ""


def _container_text(lists: CodeLists | None, row: dict[str, Any]) -> str:
    kind = row["container_type"]
    material = row["material"] or ""
    if lists is not None:
        try:
            kind = lists.label("container_type", kind)
            material = lists.label("container_material", material) if material else ""
        except FieldAppError:
            pass  # an old code no longer on the list still prints as its code
    volume = f"{row['volume_ml']} ml" if row["volume_ml"] else ""
    return " ".join(p for p in (kind, material, volume) if p)


def project_labels(
    store: Store, project_code: str, barcodes: Sequence[str] | None = None,
    lists: CodeLists | None = None,
) -> list[tuple[str, LabelData]]:
    """(container id, label) for the project's containers, or just the given barcodes."""
    project = project_by_code(store, project_code)
    # a voided container (scanned by mistake) gets no label
    rows = store.query(_ROWS + "WHERE s.project_id = ? AND c.voided_at IS NULL ORDER BY s.code, c.barcode",
                       (project.id,))
    if barcodes is not None:
        wanted = [normalise_barcode(b) for b in barcodes]
        by_code = {r["barcode"]: r for r in rows}
        missing = [b for b in wanted if b not in by_code]
        if missing:
            raise NotFoundError(
                f"Project {project.code} has no container {', '.join(missing[:5])}"
                + (f" (and {len(missing) - 5} more)" if len(missing) > 5 else "") + ".",
                hint="Check the barcodes; labels are printed per project.",
            )
        rows = [by_code[b] for b in dict.fromkeys(wanted)]
    places = _places(store, project.id)
    return [
        (
            r["id"],
            LabelData(
                barcode=r["barcode"], sample_code=r["sample_code"], project_code=project.code,
                borehole_code=places.get(r["sample_id"], ("", ""))[0],
                depth=places.get(r["sample_id"], ("", ""))[1],
                sampled=local_time(r["sampled_at"], with_time=False),
                container_type=_container_text(lists, r),
            ),
        )
        for r in rows
    ]


def shipment_coc(
    store: Store, coc_number: str, project_code: str | None = None,
    lists: CodeLists | None = None,
) -> CocData:
    project_id = project_by_code(store, project_code).id if project_code else None
    ship = shipment_by_code(store, coc_number, project_id)
    project = get_project(store, ship.project_id)
    rows = store.query(
        _ROWS + "JOIN shipment_item i ON i.container_id = c.id WHERE i.shipment_id = ? "
        "ORDER BY s.code, c.barcode", (ship.id,),
    )
    places = _places(store, project.id)
    transfers: tuple[CustodyTransfer, ...] = ()
    handed = local_time(ship.relinquished_at, with_time=True)
    received = local_time(ship.received_at, with_time=True)
    if ship.relinquished_at and ship.relinquished_to:  # sampler -> courier, then courier -> lab
        transfers = (CustodyTransfer(ship.relinquished_by or "", handed, ship.relinquished_to, handed),
                     CustodyTransfer(ship.relinquished_to, "", ship.received_by or "", received))
    elif ship.relinquished_at:
        transfers = (CustodyTransfer(ship.relinquished_by or "", handed, ship.received_by or "", received),)
    # the field staff on the project, and whoever packed this cooler (the user of the laptop)
    packers = [r["actor"] for r in store.query(
        "SELECT DISTINCT actor FROM custody_event WHERE shipment_id = ? AND kind = 'packed'", (ship.id,))]
    staff = [name for name in _people(project.field_staff).split(", ") if name]
    sampler = ", ".join(dict.fromkeys(staff + packers))
    return CocData(
        coc_number=ship.code, project_code=project.code, project_name=project.name,
        client=project.client or "", lab=ship.lab, sampler=sampler,
        rows=tuple(
            CocRow(
                barcode=r["barcode"], sample_code=r["sample_code"],
                borehole_code=places.get(r["sample_id"], ("", ""))[0],
                depth=places.get(r["sample_id"], ("", ""))[1],
                sampled_at=local_time(r["sampled_at"], with_time=True), matrix=r["matrix"] or "",
                container_type=_container_text(lists, r), preservation=r["preservation"] or "",
                analyses=", ".join(str(a) for a in loads_list(r["analyses"])),
            )
            for r in rows
        ),
        seal_number=ship.seal_number or "",
        temperature_on_receipt="" if ship.temperature_c is None else f"{ship.temperature_c:.1f}",
        remarks=ship.remarks or "",
        transfers=transfers,
    )


def record_printed(session: Session, container_ids: Sequence[str], layout: str) -> None:
    """A ``label_printed`` event per container, numbered, inside the caller's action."""
    counts: dict[str, int] = {}
    ids = list(dict.fromkeys(container_ids))
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        marks = ", ".join("?" * len(chunk))
        for r in session.store.query(
            "SELECT container_id, COUNT(*) AS n FROM custody_event WHERE kind = 'label_printed' "
            f"AND container_id IN ({marks}) GROUP BY container_id", tuple(chunk),
        ):
            counts[r["container_id"]] = r["n"]
    with session.store.action(f"Print {len(ids)} labels"):
        for cid in ids:
            n = counts.get(cid, 0) + 1
            note = f"label {n} ({layout})" + (", reprint" if n > 1 else "")
            custody.record(session, "label_printed", container_id=cid, remarks=note)
