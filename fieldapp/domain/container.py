"""Container (potje, fles): a barcoded jar or bottle filled from one sample."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import uuid_utils

from fieldapp.domain import custody
from fieldapp.domain.common import dumps_list, fetch, from_row, optional_text, required_text
from fieldapp.errors import CustodyError, DuplicateBarcodeError, NotFoundError, ValidationError
from fieldapp.store.database import UniqueViolation, utc_now

if TYPE_CHECKING:
    from fieldapp.session import Session
    from fieldapp.store import Store
    from fieldapp.store.database import Tx

# Code 128 carries any printable ASCII, but scanners with the wrong keyboard
# layout mangle punctuation; allow only what survives every layout.
_BARCODE_RE = re.compile(r"^[A-Z0-9][A-Z0-9-]{3,31}$")
_CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"


@dataclass(frozen=True)
class Container:
    id: str
    sample_id: str
    barcode: str
    container_type: str
    material: str | None = None
    volume_ml: int | None = None
    preservation: str | None = None
    remarks: str | None = None
    lab_reference: str | None = None
    voided_at: str | None = None
    filtered: int | None = None  # 1: filtered in the field (groundwater for metals), 0: not, None: not said
    analysis_package: str | None = None  # the package a bottle was filled for (fieldapp.domain.bottle)
    parameters: str | None = None  # JSON list of the package's parameters it is for; NULL: all of them

    @property
    def voided(self) -> bool:
        return self.voided_at is not None


def new_barcode() -> str:
    """A fresh code, unique across devices without asking the hub: 50 random
    bits of a UUIDv7 in Crockford base32 (no I, L, O, U to misread)."""
    bits = uuid_utils.uuid7().int & ((1 << 50) - 1)
    chars = "".join(_CROCKFORD[(bits >> shift) & 31] for shift in range(45, -1, -5))
    return f"FA-{chars}"


def normalise_barcode(text: str) -> str:
    """What a scanner or a typist gives, as stored: trimmed, upper case."""
    return text.strip().upper()


def check_barcode(text: str) -> str:
    code = normalise_barcode(text)
    if not _BARCODE_RE.match(code):
        raise ValidationError(
            "barcode",
            f"'{text.strip()}' is not a usable container barcode.",
            hint="Use 4 to 32 letters, digits or '-'; scan the label again or generate a new code.",
        )
    return code


def add(
    session: Session,
    sample_id: str,
    *,
    container_type: str,
    barcode: str | None = None,
    material: str | None = None,
    volume_ml: int | None = None,
    preservation: str | None = None,
    remarks: str | None = None,
    collected_at: str | None = None,
    filtered: bool | None = None,
    analysis_package: str | None = None,
    parameters: list[str] | None = None,
) -> Container:
    """Fill a container from a sample; records the 'collected' custody event."""
    code = check_barcode(barcode) if barcode else new_barcode()
    session.lists.check("container_type", container_type, "container type")
    if material:
        session.lists.check("container_material", material, "material")
    if volume_ml is not None and (isinstance(volume_ml, bool) or not 1 <= volume_ml <= 100_000):
        raise ValidationError("volume", f"A volume of {volume_ml} ml is not plausible.",
                              hint="Give the volume in millilitres, e.g. 250.")
    row: dict[str, Any] = {
        "sample_id": sample_id,
        "barcode": code,
        "container_type": container_type,
        "material": optional_text(material),
        "volume_ml": volume_ml,
        "preservation": optional_text(preservation),
        "remarks": optional_text(remarks),
    }
    if filtered is not None:  # only then: an unsaid value stays NULL, as in records from before
        row["filtered"] = int(bool(filtered))
    if analysis_package:  # a bottle filled for a package (fieldapp.domain.bottle checks it first)
        row["analysis_package"] = analysis_package
        row["parameters"] = dumps_list(parameters)
    with session.store.action(f"Fill container {code}") as tx:
        if tx.get("sample", sample_id) is None:
            raise NotFoundError(f"Sample {sample_id} does not exist.")
        _free_barcode(tx, code)
        try:
            container_id = tx.insert("container", row)
        except UniqueViolation:
            if tx.query("SELECT 1 FROM container WHERE barcode = ? AND voided_at IS NOT NULL", (code,)):
                raise DuplicateBarcodeError(
                    "barcode", f"Barcode {code} belongs to a voided container whose label was printed.",
                    hint="A printed label is never reused: stick on a fresh label, or generate a new code.",
                ) from None
            raise DuplicateBarcodeError(
                "barcode",
                f"Barcode {code} is already on another container (barcodes are unique across all projects).",
                hint="Use a fresh label, or generate a new code.",
            ) from None
        custody.record(session, "collected", container_id=container_id, at_laptop=collected_at)
    return get(session.store, container_id)


def labelled(store: Store, container_id: str) -> bool:
    """Whether a label with this container's barcode was ever printed."""
    return bool(store.query("SELECT 1 FROM custody_event WHERE container_id = ? AND kind = 'label_printed' "
                            "LIMIT 1", (container_id,)))


def _free_barcode(tx: Tx, code: str) -> None:
    """Give ``code`` back when the container holding it was voided before any
    label was printed: the voided container keeps its record under its id."""
    rows = tx.query("SELECT id, voided_at FROM container WHERE barcode = ?", (code,))
    if rows and rows[0]["voided_at"] and not labelled(tx.store, rows[0]["id"]):
        tx.update("container", rows[0]["id"], {"barcode": f"VOID-{rows[0]['id'].replace('-', '').upper()}"})


def void(session: Session, container_id: str, reason: str) -> Container:
    """Take a container scanned by mistake off the record: a 'voided' custody
    event saying who and why. It leaves an open shipment; its barcode can be
    scanned again for another container only if no label was ever printed."""
    why = required_text(reason, "reason", "Void")
    with session.store.action("Void container") as tx:
        row = tx.get("container", container_id)
        if row is None:
            raise NotFoundError(f"Container {container_id} does not exist.")
        if row["voided_at"]:
            raise CustodyError("barcode", f"Container {row['barcode']} is already void.",
                               hint="Nothing to do; undo the void to bring it back.")
        shipped = tx.query(
            "SELECT s.id, s.code, s.relinquished_at FROM shipment_item i JOIN shipment s ON s.id = i.shipment_id "
            "WHERE i.container_id = ?", (container_id,))
        for ship in shipped:
            if ship["relinquished_at"]:
                raise CustodyError("barcode", f"Container {row['barcode']} was handed over in shipment "
                                   f"{ship['code']}.", hint="Ask the lab to reject it at intake instead.")
            from fieldapp.domain import shipment as shipment_mod  # shipment imports this module

            shipment_mod.remove_containers(session, ship["id"], [container_id], f"voided: {why}")
        free = not labelled(session.store, container_id)
        tx.update("container", container_id, {"voided_at": utc_now()})
        custody.record(session, "voided", container_id=container_id,
                       remarks=why + ("" if free else f" (labelled: barcode {row['barcode']} stays void)"))
    return get(session.store, container_id)


def restore(session: Session, container_id: str, reason: str = "void undone") -> Container:
    """Bring a voided container back (a correction of its void), if its barcode is still its own.
    It comes back unpacked: a cooler it was taken out of is packed again by scanning it."""
    with session.store.action("Restore container") as tx:
        row = tx.get("container", container_id)
        if row is None:
            raise NotFoundError(f"Container {container_id} does not exist.")
        event = custody.latest(session.store, "voided", container_id=container_id)
        if not row["voided_at"] or event is None:
            raise CustodyError("barcode", f"Container {row['barcode']} is not void.", hint="Nothing to undo.")
        if row["barcode"].startswith("VOID-"):
            raise CustodyError("barcode", "Its barcode has since been scanned for another container, so this "
                               "container cannot come back.", hint="Scan a fresh label for it instead.")
        tx.update("container", container_id, {"voided_at": None})
        custody.correct(session, event, reason)
    return get(session.store, container_id)


def get(store: Store, container_id: str) -> Container:
    return fetch(store, Container, "container", container_id)


def by_barcode(store: Store, barcode: str) -> Container | None:
    """The container with this barcode, or None. Backed by the UNIQUE index."""
    cur = store.conn.execute("SELECT * FROM container WHERE barcode = ?", (normalise_barcode(barcode),))
    row = cur.fetchone()
    if row is None:
        return None
    return from_row(Container, dict(zip([d[0] for d in cur.description], row, strict=True)))


def of_sample(store: Store, sample_id: str, *, voided: bool = False) -> list[Container]:
    """A sample's containers; voided ones only when asked for."""
    where = "" if voided else " AND voided_at IS NULL"
    return [from_row(Container, r) for r in store.query(
        f"SELECT * FROM container WHERE sample_id = ?{where} ORDER BY barcode", (sample_id,))]
