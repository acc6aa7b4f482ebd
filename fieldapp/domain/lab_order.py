"""The lab order (opdrachtformulier) of a shipment: what the lab needs besides the containers.

A Dutch lab books a cooler against its client number (klantnummer) and the
quotation (offertenummer) the prices were agreed in, sends the results to
one person, works at normal or urgent turnaround (doorlooptijd) and reports
under AS3000 accreditation when the investigation needs it (BRL SIKB 2000
work for a soil quality statement does).

The values are kept on the shipment, because they are what that form said;
a new shipment to the same lab in the same project starts from the values of
the last one (:func:`carried_over`), so the sampler fills them in once per
project and lab.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from fieldapp.domain.common import optional_text
from fieldapp.errors import CustodyError, NotFoundError, ValidationError

if TYPE_CHECKING:
    from fieldapp.session import Session
    from fieldapp.store import Store
    from fieldapp.store.database import Tx

TURNAROUNDS = ("normal", "urgent")
MAX_CLIENT_NUMBER = 20  # the longest lab client numbers seen are 10 digits; room for a prefix
MAX_QUOTATION = 30
MAX_NAME = 80
MAX_DAYS = 30  # working days; a longer turnaround is a different agreement, not a lab order
_NUMBER_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9./_-]*$")
_EMAIL_RE = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
COLUMNS = ("order_client_number", "order_quotation", "order_results_name", "order_results_email",
           "order_turnaround", "order_turnaround_days", "order_as3000")


@dataclass(frozen=True, slots=True)
class LabOrder:
    client_number: str | None = None
    quotation: str | None = None
    results_name: str | None = None
    results_email: str | None = None
    turnaround: str | None = None  # 'normal' or 'urgent'
    turnaround_days: int | None = None
    as3000: bool | None = None  # None: not said; the form leaves ja/nee to circle


def from_row(row: Any) -> LabOrder:
    as3000 = row["order_as3000"]
    return LabOrder(row["order_client_number"], row["order_quotation"], row["order_results_name"],
                    row["order_results_email"], row["order_turnaround"], row["order_turnaround_days"],
                    None if as3000 is None else bool(as3000))


def of_shipment(store: Store, shipment_id: str) -> LabOrder:
    row = store.get("shipment", shipment_id)
    return LabOrder() if row is None else from_row(row)


def _number(value: str | None, field: str, what: str, longest: int) -> str | None:
    text = optional_text(value)
    if text is None:
        return None
    if len(text) > longest:
        raise ValidationError(field, f"The {what} '{text}' has {len(text)} characters; at most {longest} fit "
                                     "the lab's form.", hint=f"Give the {what} as the lab writes it.")
    if not _NUMBER_RE.match(text):
        raise ValidationError(field, f"The {what} '{text}' has characters a lab number does not have.",
                              hint="Use letters, digits, '.', '/', '_' or '-', without spaces.")
    return text


def check(order: LabOrder) -> LabOrder:
    """The order as it will be stored, or a ValidationError naming the first bad field (in form order)."""
    client = _number(order.client_number, "client number", "client number", MAX_CLIENT_NUMBER)
    quotation = _number(order.quotation, "quotation", "quotation number", MAX_QUOTATION)
    name = optional_text(order.results_name)
    if name is not None and len(name) > MAX_NAME:
        raise ValidationError("results to", f"The name to send results to has {len(name)} characters; "
                              f"at most {MAX_NAME} fit the form.", hint="Give one person's name.")
    email = optional_text(order.results_email)
    if email is not None and not _EMAIL_RE.match(email):
        raise ValidationError("results e-mail", f"'{email}' is not an e-mail address.",
                              hint="Give the address the lab sends the results to, e.g. naam@bureau.nl.")
    turnaround = optional_text(order.turnaround)
    if turnaround is not None and turnaround not in TURNAROUNDS:
        raise ValidationError("turnaround", f"Turnaround '{turnaround}' is not known.",
                              hint="Choose normal or urgent.")
    days = order.turnaround_days
    if days is not None and (isinstance(days, bool) or not 1 <= days <= MAX_DAYS):
        raise ValidationError("turnaround days", f"A turnaround of {days} working days is not a lab order.",
                              hint=f"Give 1 to {MAX_DAYS} working days.")
    if turnaround == "urgent" and days is None:
        raise ValidationError("turnaround days", "An urgent order needs the number of working days.",
                              hint="Say within how many working days the results are needed, e.g. 2.")
    if days is not None and turnaround is None:
        turnaround = "normal"
    return LabOrder(client, quotation, name, email, turnaround, days, order.as3000)


def _values(order: LabOrder) -> dict[str, Any]:
    return dict(zip(COLUMNS, (order.client_number, order.quotation, order.results_name, order.results_email,
                              order.turnaround, order.turnaround_days,
                              None if order.as3000 is None else int(order.as3000)), strict=True))


def set_order(session: Session, shipment_id: str, order: LabOrder) -> LabOrder:
    """Store the lab order of a shipment not yet handed over (the form goes with the cooler)."""
    checked = check(order)
    with session.store.action("Set lab order") as tx:
        row = tx.get("shipment", shipment_id)
        if row is None:
            raise NotFoundError(f"Shipment {shipment_id} does not exist.")
        if row["relinquished_at"]:
            raise CustodyError("shipment", f"Shipment {row['code']} has already been handed over with its form.",
                               hint="Tell the lab of a change in writing; the order on record stays as sent.")
        tx.update("shipment", shipment_id, _values(checked))
    return checked


def carried_over(tx: Tx, project_id: str, lab: str, shipment_id: str) -> None:
    """Give a new shipment the order of the last shipment to the same lab in the project
    (ids are time-ordered UUIDv7, so the highest id is the newest)."""
    rows = tx.query(f"SELECT {', '.join(COLUMNS)} FROM shipment WHERE project_id = ? AND lab = ? AND id <> ? "
                    "AND (order_client_number IS NOT NULL OR order_quotation IS NOT NULL "
                    "OR order_results_name IS NOT NULL OR order_turnaround IS NOT NULL "
                    "OR order_as3000 IS NOT NULL) ORDER BY id DESC LIMIT 1", (project_id, lab, shipment_id))
    values = {k: v for k, v in rows[0].items() if v is not None} if rows else {}
    if values:
        tx.update("shipment", shipment_id, values)
