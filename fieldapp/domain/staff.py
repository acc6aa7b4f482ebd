"""The staff register (personeelsregister): who may do which field work, until when.

Under Kwalibo a fieldworker does the work of a protocol (2001 boreholes and soil samples,
2002 groundwater samples, 2018 asbestos, ...) only while registered for it in the Bodem+
register of the certified organisation; an assistant or trainee works under a registered
fieldworker. The register is the organisation's, not a project's: every device keeps it
(synced; fieldapp/hub/access.py REGISTER_TABLES). Boreholes, samples and field days point
at its rows; the staffing rules (resources/rules/staffing.json, fieldapp.domain.staffing)
read it.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from fieldapp.domain.common import check_choice, optional_text, required_text
from fieldapp.errors import NotFoundError, ValidationError

if TYPE_CHECKING:
    from fieldapp.session import Session
    from fieldapp.store import Store

#: experienced fieldworker (ervaren veldwerker, registered), assistant or trainee (works under
#: one), projectleader (decides deviations; does no field work of his own in this register)
ROLES = ("experienced", "assistant", "projectleader")
ROLE_NAMES: dict[str, tuple[str, str]] = {
    "experienced": ("experienced fieldworker", "ervaren veldwerker"),
    "assistant": ("assistant", "assistent"),
    "projectleader": ("projectleader", "projectleider"),
}
_PROTOCOL = re.compile(r"^\d{4}$")


@dataclass(frozen=True)
class Staff:
    id: str
    name: str
    role: str
    registration_number: str | None = None
    protocols: tuple[str, ...] = ()
    valid_until: str | None = None
    remarks: str | None = None

    def registered_for(self, protocol: str, day: str) -> bool:
        """Registered for ``protocol`` on ``day`` (YYYY-MM-DD): a number, the protocol, and not lapsed."""
        return (bool(self.registration_number) and protocol in self.protocols
                and (self.valid_until is None or self.valid_until >= day[:10]))

    def registration_problem(self, day: str) -> tuple[str, str] | None:
        """(English, Dutch) of why this experienced fieldworker's registration does not hold on ``day``."""
        if not self.registration_number:
            return ("has no registration number", "heeft geen registratienummer")
        if self.valid_until is not None and self.valid_until < day[:10]:
            return (f"the registration lapsed on {self.valid_until}", f"de registratie liep af op {self.valid_until}")
        return None


def _of(row: dict[str, Any]) -> Staff:
    return Staff(id=row["id"], name=row["name"], role=row["role"], registration_number=row["registration_number"],
                 protocols=tuple(json.loads(row["protocols"] or "[]")), valid_until=row["valid_until"],
                 remarks=row["remarks"])


def check_protocols(values: Sequence[str]) -> str:
    out: list[str] = []
    for value in values:
        text = str(value).strip()
        if not _PROTOCOL.match(text):
            raise ValidationError("protocols", f"'{text}' is not a BRL SIKB 2000 protocol number.",
                                  hint="Give protocol numbers of four digits, e.g. 2001, 2002, 2018.")
        if text not in out:
            out.append(text)
    return json.dumps(sorted(out))


def _valid_until(value: str | None) -> str | None:
    text = (value or "").strip()
    if not text:
        return None
    try:
        return date.fromisoformat(text).isoformat()
    except ValueError:
        raise ValidationError("valid until", f"'{text}' is not a date.", hint="Give it as YYYY-MM-DD.") from None


def _row(name: str | None, role: str | None, registration_number: str | None, protocols: Sequence[str],
         valid_until: str | None, remarks: str | None) -> dict[str, Any]:
    row = {
        "name": required_text(name, "name", "Staff member"),
        "role": check_choice(role, ROLES, "role", "Staff member"),
        "registration_number": optional_text(registration_number),
        "protocols": check_protocols(protocols),
        "valid_until": _valid_until(valid_until),
        "remarks": optional_text(remarks),
    }
    if row["role"] == "experienced" and not row["registration_number"]:
        raise ValidationError("registration number",
                              f"{row['name']}: an experienced fieldworker has a Bodem+ registration number.",
                              hint="Fill in the registration number, or register the person as an assistant.")
    return row


def create(session: Session, *, name: str, role: str, registration_number: str | None = None,
           protocols: Sequence[str] = (), valid_until: str | None = None, remarks: str | None = None) -> Staff:
    """Add a person to the register."""
    row = _row(name, role, registration_number, protocols, valid_until, remarks)
    with session.store.action(f"Register {row['name']}") as tx:
        staff_id = tx.insert("staff", row)
    return get(session.store, staff_id)


def update(session: Session, staff_id: str, *, name: str, role: str, registration_number: str | None = None,
           protocols: Sequence[str] = (), valid_until: str | None = None, remarks: str | None = None) -> Staff:
    """Change a person's registration (a renewed registration, another protocol)."""
    row = _row(name, role, registration_number, protocols, valid_until, remarks)
    with session.store.action(f"Update registration of {row['name']}") as tx:
        if tx.get("staff", staff_id) is None:
            raise NotFoundError(f"Staff member {staff_id} does not exist.")
        tx.update("staff", staff_id, row)
    return get(session.store, staff_id)


def get(store: Store, staff_id: str) -> Staff:
    row = store.get("staff", staff_id)
    if row is None:
        raise NotFoundError(f"Staff member {staff_id} does not exist.")
    return _of(row)


def register(store: Store) -> list[Staff]:
    """Everyone in the register, by name."""
    return [_of(r) for r in store.query("SELECT * FROM staff ORDER BY name, id")]


def check_exists(store: Store, staff_id: str | None, field: str = "staff") -> str | None:
    """``staff_id`` if it names someone in the register (None stays None)."""
    if staff_id is None or staff_id == "":
        return None
    if store.get("staff", staff_id) is None:
        raise ValidationError(field, "The fieldworker is not in the staff register.",
                              hint="Pick someone from the staff register, or register the person first.")
    return staff_id


def set_worker(session: Session, table: str, object_id: str, staff_id: str | None) -> None:
    """Record who did a borehole or took a sample (``table``: "borehole" or "sample")."""
    check_choice(table, ("borehole", "sample"), "table", "Work")
    with session.store.action("Record who did the work") as tx:
        row = tx.get(table, object_id)
        if row is None:
            raise NotFoundError(f"{table.capitalize()} {object_id} does not exist.")
        tx.update(table, object_id, {"staff_id": check_exists(session.store, staff_id)})
