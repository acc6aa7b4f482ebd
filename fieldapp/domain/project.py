"""Project (onderzoek): one investigation at one site."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from fieldapp.domain.common import dumps_list, fetch, from_row, human_code, optional_text, required_text
from fieldapp.errors import DuplicateCodeError, NotFoundError
from fieldapp.store.database import UniqueViolation

if TYPE_CHECKING:
    from fieldapp.session import Session
    from fieldapp.store import Store


@dataclass(frozen=True)
class Project:
    id: str
    code: str
    name: str
    client: str | None = None
    site_address: str | None = None
    standard: str | None = None
    lab: str | None = None
    field_staff: str | None = None
    start_date: str | None = None
    end_date: str | None = None
    required_position_class: str | None = None
    deviations: str | None = None
    remarks: str | None = None


def create(
    session: Session,
    *,
    code: str,
    name: str,
    client: str | None = None,
    site_address: str | None = None,
    standard: str | None = None,
    lab: str | None = None,
    field_staff: Sequence[str] = (),
    start_date: str | None = None,
    required_position_class: str | None = None,
) -> Project:
    row = {
        "code": human_code(code, "code", "Project"),
        "name": required_text(name, "name", "Project"),
        "client": optional_text(client),
        "site_address": optional_text(site_address),
        "standard": optional_text(standard),
        "lab": optional_text(lab),
        "field_staff": dumps_list(field_staff),
        "start_date": optional_text(start_date),
        "required_position_class": optional_text(required_position_class),
    }
    if row["required_position_class"]:
        session.lists.check("horizontal_positioning_method", str(row["required_position_class"]),
                            "required positioning class")
    with session.store.action(f"Create project {row['code']}") as tx:
        try:
            project_id = tx.insert("project", row)
        except UniqueViolation:
            raise DuplicateCodeError(
                "code",
                f"Project code '{row['code']}' is already used by another project.",
                hint="Pick another project code.",
            ) from None
    return get(session.store, project_id)


def get(store: Store, project_id: str) -> Project:
    return fetch(store, Project, "project", project_id)


def by_code(store: Store, code: str) -> Project:
    rows = store.query("SELECT * FROM project WHERE code = ?", (code,))
    if not rows:
        raise NotFoundError(f"There is no project with code '{code}'.", hint="Check the code.")
    return from_row(Project, rows[0])


def all_projects(store: Store) -> list[Project]:
    return [from_row(Project, r) for r in store.query("SELECT * FROM project ORDER BY code")]
