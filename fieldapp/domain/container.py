"""Container (potje, fles): a barcoded jar or bottle filled from one sample."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import uuid_utils

from fieldapp.domain import custody
from fieldapp.domain.common import fetch, from_row, optional_text
from fieldapp.errors import DuplicateBarcodeError, NotFoundError, ValidationError
from fieldapp.store.database import UniqueViolation

if TYPE_CHECKING:
    from fieldapp.session import Session
    from fieldapp.store import Store

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
    with session.store.action(f"Fill container {code}") as tx:
        if tx.get("sample", sample_id) is None:
            raise NotFoundError(f"Sample {sample_id} does not exist.")
        try:
            container_id = tx.insert("container", row)
        except UniqueViolation:
            raise DuplicateBarcodeError(
                "barcode",
                f"Barcode {code} is already on another container (barcodes are unique across all projects).",
                hint="Use a fresh label, or generate a new code.",
            ) from None
        custody.record(session, "collected", container_id=container_id, at_laptop=collected_at)
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


def of_sample(store: Store, sample_id: str) -> list[Container]:
    return [from_row(Container, r) for r in store.query(
        "SELECT * FROM container WHERE sample_id = ? ORDER BY barcode", (sample_id,))]
