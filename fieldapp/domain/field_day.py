"""Field day (veldwerkdag): one day of field work on a project's site, its weather and who was there.

What the staffing rules (fieldapp.domain.staffing) and the field report (veldwerkrapportage:
dates, weather per day, fieldworkers with registration numbers) need. The protocols in use on
a day follow from the work done that day (boreholes, samples); ``protocols`` adds what the
work does not show (an asbestos inspection under 2018, a well placed under 2001 ...).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from fieldapp.domain import staff as staff_register
from fieldapp.domain.common import optional_text
from fieldapp.domain.staff import check_protocols
from fieldapp.errors import DuplicateCodeError, NotFoundError, ValidationError

if TYPE_CHECKING:
    from fieldapp.session import Session
    from fieldapp.store import Store, Tx


@dataclass(frozen=True)
class FieldDay:
    id: str
    project_id: str
    day: str
    site: str | None = None
    weather: str | None = None
    protocols: tuple[str, ...] = ()
    remarks: str | None = None
    staff_ids: tuple[str, ...] = ()


def _day(value: str | None) -> str:
    text = (value or "").strip()[:10]
    try:
        return date.fromisoformat(text).isoformat()
    except ValueError:
        raise ValidationError("day", f"'{value or ''}' is not a date.", hint="Give the day as YYYY-MM-DD.") from None


def _set_staff(tx: Tx, store: Store, field_day_id: str, staff_ids: Sequence[str]) -> None:
    wanted = list(dict.fromkeys(s for s in staff_ids if s))
    for staff_id in wanted:
        staff_register.check_exists(store, staff_id, "staff present")
    held = {r["staff_id"]: r["id"] for r in tx.query(
        "SELECT id, staff_id FROM field_day_staff WHERE field_day_id = ?", (field_day_id,))}
    for staff_id, row_id in held.items():
        if staff_id not in wanted:
            tx.delete("field_day_staff", row_id)
    for staff_id in wanted:
        if staff_id not in held:
            tx.insert("field_day_staff", {"field_day_id": field_day_id, "staff_id": staff_id})


def record(session: Session, project_id: str, day: str, *, site: str | None = None,
           weather: str | None = None, protocols: Sequence[str] = (), staff_ids: Sequence[str] = (),
           remarks: str | None = None) -> FieldDay:
    """Record a field day of a project (one per project and day on this device)."""
    row = {"project_id": project_id, "day": _day(day), "site": optional_text(site),
           "weather": optional_text(weather), "protocols": check_protocols(protocols),
           "remarks": optional_text(remarks)}
    with session.store.action(f"Field day {row['day']}") as tx:
        project = tx.get("project", project_id)
        if project is None:
            raise NotFoundError(f"Project {project_id} does not exist.")
        if tx.query("SELECT 1 FROM field_day WHERE project_id = ? AND day = ?", (project_id, row["day"])):
            raise DuplicateCodeError("day", f"A field day on {row['day']} is already recorded for this project.",
                                     hint="Open that field day and change it.")
        row["site"] = row["site"] or project["site_address"]
        field_day_id = tx.insert("field_day", row)
        _set_staff(tx, session.store, field_day_id, staff_ids)
    return get(session.store, field_day_id)


def update(session: Session, field_day_id: str, *, site: str | None = None, weather: str | None = None,
           protocols: Sequence[str] = (), staff_ids: Sequence[str] = (), remarks: str | None = None) -> FieldDay:
    """Change a field day: its site, weather, extra protocols and who was there."""
    changes = {"site": optional_text(site), "weather": optional_text(weather), "protocols": check_protocols(protocols),
               "remarks": optional_text(remarks)}
    with session.store.action("Change field day") as tx:
        if tx.get("field_day", field_day_id) is None:
            raise NotFoundError(f"Field day {field_day_id} does not exist.")
        tx.update("field_day", field_day_id, changes)
        _set_staff(tx, session.store, field_day_id, staff_ids)
    return get(session.store, field_day_id)


def _of(row: dict[str, Any], staff_ids: Sequence[str]) -> FieldDay:
    return FieldDay(id=row["id"], project_id=row["project_id"], day=row["day"], site=row["site"],
                    weather=row["weather"], protocols=tuple(json.loads(row["protocols"] or "[]")),
                    remarks=row["remarks"], staff_ids=tuple(staff_ids))


def get(store: Store, field_day_id: str) -> FieldDay:
    row = store.get("field_day", field_day_id)
    if row is None:
        raise NotFoundError(f"Field day {field_day_id} does not exist.")
    ids = [r["staff_id"] for r in store.query(
        "SELECT fs.staff_id FROM field_day_staff fs JOIN staff s ON s.id = fs.staff_id "
        "WHERE fs.field_day_id = ? ORDER BY s.name", (field_day_id,))]
    return _of(row, ids)


def of_project(store: Store, project_id: str) -> list[FieldDay]:
    """The project's field days by date, each with who was there."""
    present: dict[str, list[str]] = {}
    for r in store.query("SELECT fs.field_day_id, fs.staff_id FROM field_day_staff fs JOIN field_day d "
                         "ON d.id = fs.field_day_id JOIN staff s ON s.id = fs.staff_id WHERE d.project_id = ? "
                         "ORDER BY s.name", (project_id,)):
        present.setdefault(r["field_day_id"], []).append(r["staff_id"])
    return [_of(r, present.get(r["id"], ())) for r in store.query(
        "SELECT * FROM field_day WHERE project_id = ? ORDER BY day, id", (project_id,))]
