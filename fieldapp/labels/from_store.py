"""Label and COC data read from the store, and the record that labels were printed.

Read-only queries with joins, so a project of thousands of containers is one
round trip per table rather than one per container. Printing is recorded as
a ``label_printed`` custody event per container with a running count in its
remarks; the barcode itself never changes on a reprint.

A label file and its events are saved together or not at all
(:func:`save_labels`). The database commit is the one point of decision:

1. inside the action, the file is written whole and flushed under a hidden
   name that carries the device id and the action id
   (``.labels.pdf.<device>.<action>.part``), then the events are recorded;
2. the action commits;
3. the hidden file is renamed to the name asked for.

A kill before 2 leaves no events and a hidden file whose action never
committed; a kill after 2 leaves the events and the complete hidden file.
Before every save into a folder, :func:`settle_label_files` looks at the
hidden files of this device there, inside the write lock: one whose action
is in the journal is renamed into place (roll forward), any other is
deleted (roll back). So once settled the folder and the database agree:
both the file and its events, or neither.
"""

from __future__ import annotations

import contextlib
import os
from collections import defaultdict
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from fieldapp.codelists import CodeLists
from fieldapp.domain import custody, holding, lab_order
from fieldapp.domain.common import loads_list
from fieldapp.domain.container import normalise_barcode
from fieldapp.domain.depth import decimal, in_metres
from fieldapp.domain.holding import Packed
from fieldapp.domain.project import by_code as project_by_code
from fieldapp.domain.project import get as get_project
from fieldapp.domain.shipment import by_code as shipment_by_code
from fieldapp.errors import FieldAppError, LabelError, NotFoundError
from fieldapp.intake.rules import lab_rules
from fieldapp.labels.coc_words import CocLang
from fieldapp.labels.data import CocData, CocRow, CustodyTransfer, LabelData
from fieldapp.labels.order_from_store import shipment_analyses
from fieldapp.outputs import crash_point, fsync_dir, write_failure

if TYPE_CHECKING:
    from fieldapp.session import Session
    from fieldapp.store import Store

_ROWS = (
    "SELECT c.id, c.barcode, c.container_type, c.material, c.volume_ml, c.preservation, c.filtered, "
    "s.id AS sample_id, s.code AS sample_code, s.sampled_at, s.matrix, s.analyses "
    "FROM container c JOIN sample s ON s.id = c.sample_id "
)
_PARTS = (
    "SELECT p.sample_id, b.code, p.upper_cm, p.lower_cm FROM sample_part p "
    "JOIN borehole b ON b.id = p.borehole_id JOIN sample s ON s.id = p.sample_id "
    "WHERE s.project_id = ? ORDER BY b.code, p.upper_cm"
)

_ANALYSIS_PARTS = (
    "SELECT a.analysis_sample_id AS sample_id, b.code, p.upper_cm, p.lower_cm FROM analysis_sample_part a "
    "JOIN sample_part p ON p.sample_id = a.field_sample_id JOIN borehole b ON b.id = p.borehole_id "
    "JOIN sample s ON s.id = a.analysis_sample_id WHERE s.project_id = ? ORDER BY b.code, p.upper_cm"
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


def _deadline(item: Packed | None) -> str | None:
    """The end of a container's holding time as the form shows it (None: it has none)."""
    if item is not None and item.hours is None:
        return None
    return local_time(item.deadline.isoformat(), with_time=True) if item and item.deadline else ""


def _places(store: Store, project_id: str, lang: CocLang) -> dict[str, tuple[str, str]]:
    """Borehole codes and depth text per sample in ``lang`` ("0,00-0,50 m" in Dutch); composites list
    every part ("0,00-0,50; 0,80-1,00 m": with the decimal comma a comma cannot also part them)."""
    parts: dict[str, list[tuple[str, int, int]]] = defaultdict(list)
    for r in store.query(_PARTS, (project_id,)):
        parts[r["sample_id"]].append((r["code"], r["upper_cm"], r["lower_cm"]))
    # an analysis sample's own jars (a converted field composite) name the places of its field samples
    for r in store.query(_ANALYSIS_PARTS, (project_id,)):
        parts[r["sample_id"]].append((r["code"], r["upper_cm"], r["lower_cm"]))
    out = {}
    for sample_id, items in parts.items():
        holes = "+".join(dict.fromkeys(code for code, _u, _l in items))
        depths = ("; " if lang == "nl" else ", ").join(
            dict.fromkeys(f"{in_metres(u, lang)}-{in_metres(lo, lang)}" for _c, u, lo in items))
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


def treatment(preservation: str | None, filtered: int | None) -> str:
    """What the lab must know of a bottle before opening it: its preservation and whether
    it was filtered in the field (Dutch, as the lab reads it); "" for a plain jar."""
    said = "" if filtered is None else ("gefiltreerd" if filtered else "ongefiltreerd")
    return " ".join(p for p in (preservation or "", said) if p)


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
    lists: CodeLists | None = None, lang: CocLang = "nl",
) -> list[tuple[str, LabelData]]:
    """(container id, label) for the project's containers, or just the given barcodes; the depths in
    ``lang`` (Dutch by default, as the label's other words: "0,00-0,50 m")."""
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
    places = _places(store, project.id, lang)
    return [
        (
            r["id"],
            LabelData(
                barcode=r["barcode"], sample_code=r["sample_code"], project_code=project.code,
                borehole_code=places.get(r["sample_id"], ("", ""))[0],
                depth=places.get(r["sample_id"], ("", ""))[1],
                sampled=local_time(r["sampled_at"], with_time=False),
                container_type=_container_text(lists, r), treatment=treatment(r["preservation"], r["filtered"]),
            ),
        )
        for r in rows
    ]


def shipment_coc(
    store: Store, coc_number: str, project_code: str | None = None,
    lists: CodeLists | None = None, lang: CocLang = "nl",
) -> CocData:
    """The COC form and lab order of a shipment, its analysis samples in ``lang``."""
    project_id = project_by_code(store, project_code).id if project_code else None
    ship = shipment_by_code(store, coc_number, project_id)
    project = get_project(store, ship.project_id)
    rows = store.query(
        _ROWS + "JOIN shipment_item i ON i.container_id = c.id WHERE i.shipment_id = ? "
        "ORDER BY s.code, c.barcode", (ship.id,),
    )
    places = _places(store, project.id, lang)
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
    order = lab_order.of_shipment(store, ship.id)
    due = {p.container_id: p for p in holding.of_containers(store.conn, [r["id"] for r in rows], lab_rules(ship.lab))}
    return CocData(
        coc_number=ship.code, project_code=project.code, project_name=project.name,
        client=project.client or "", lab=ship.lab, sampler=sampler,
        rows=tuple(
            CocRow(
                barcode=r["barcode"], sample_code=r["sample_code"],
                borehole_code=places.get(r["sample_id"], ("", ""))[0],
                depth=places.get(r["sample_id"], ("", ""))[1],
                sampled_at=local_time(r["sampled_at"], with_time=True), matrix=r["matrix"] or "",
                deadline=_deadline(due.get(r["id"])),
                container_type=_container_text(lists, r), preservation=r["preservation"] or "",
                analyses=", ".join(str(a) for a in loads_list(r["analyses"])),
                filtered=None if r["filtered"] is None else bool(r["filtered"]),
            )
            for r in rows
        ),
        seal_number=ship.seal_number or "",
        temperature_on_receipt="" if ship.temperature_c is None else decimal(ship.temperature_c, 1, lang),
        remarks=ship.remarks or "",
        transfers=transfers,
        site=project.site_address or "",
        client_number=order.client_number or "", quotation=order.quotation or "",
        results_name=order.results_name or "", results_email=order.results_email or "",
        turnaround=order.turnaround or "", turnaround_days=order.turnaround_days, as3000=order.as3000,
        analyses=shipment_analyses(store, project.id, ship.id, lang, lambda t: local_time(t, with_time=True)),
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


#: the steps of saving a label file, in order, where the kill tests stop the process
CRASH_POINTS = ("labels:part-written", "labels:events-recorded", "labels:committed", "labels:renamed")


def _part_name(path: Path, device_id: str, action_id: str) -> Path:
    return path.parent / f".{path.name}.{device_id}.{action_id}.part"


def save_labels(session: Session, container_ids: Sequence[str], layout: str, path: Path, data: bytes) -> list[Path]:
    """Write the label file ``path`` and record its ``label_printed`` events, both or neither.

    Must not be called inside another action (its commit is the point of
    decision). Returns the files of earlier interrupted saves it put in place.
    """
    path = Path(os.path.abspath(path))
    if path.is_dir():
        raise LabelError("out", f"{path} is a folder.", hint="Give a file name ending in .pdf or .zpl.")
    store = session.store
    part: Path | None = None
    try:
        with store.action(f"Print labels ({layout})") as tx:
            settled = settle_label_files(store, path.parent)
            part = _part_name(path, store.device_id, tx.action_id)
            with part.open("wb") as f:
                f.write(data)
                f.flush()
                os.fsync(f.fileno())
            fsync_dir(path.parent)
            crash_point("labels:part-written")
            record_printed(session, container_ids, layout)
            crash_point("labels:events-recorded")
    except OSError as exc:
        if part is not None:
            with contextlib.suppress(OSError):
                part.unlink()
        message, hint = write_failure(path, exc)
        raise LabelError("out", message, hint=hint) from None
    except BaseException:
        if part is not None:
            with contextlib.suppress(OSError):
                part.unlink()
        raise
    crash_point("labels:committed")
    try:
        os.replace(part, path)
        fsync_dir(path.parent)
    except OSError as exc:
        message, _hint = write_failure(path, exc)
        raise LabelError("out", f"The labels are recorded as printed, but {message[0].lower()}{message[1:]}",
                         hint=f"The complete file is {part}; the next labels run into this folder "
                              "puts it in place.") from None
    crash_point("labels:renamed")
    return settled


def settle_label_files(store: Store, folder: Path) -> list[Path]:
    """Finish or undo the label saves of this device that a kill interrupted in ``folder``.

    Call inside an action (the write lock), so that no save of this device is
    between writing its hidden file and committing. Returns the files put in place.
    """
    placed = []
    suffix = f".{store.device_id}."
    for part in sorted(folder.glob(f".*{suffix}*.part")):
        head, _sep, tail = part.name[1:].rpartition(suffix)
        action_id = tail[: -len(".part")]
        if not head or not action_id:
            continue
        done = store.query("SELECT 1 FROM journal_action WHERE action_id = ? LIMIT 1", (action_id,))
        try:
            if done:
                os.replace(part, folder / head)
                placed.append(folder / head)
            else:
                part.unlink()
        except OSError:
            continue  # left for the next run; nothing is lost by waiting
    if placed:
        fsync_dir(folder)
    return placed
