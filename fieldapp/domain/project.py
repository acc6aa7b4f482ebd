"""Project (onderzoek): one investigation at one site, with what every report and
SIKB0101 file carries about it (type, reason, strategy, phase, bevoegd gezag,
report number, site contour, contractor, asbestos status)."""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from fieldapp.domain import contour
from fieldapp.domain.common import dumps_list, fetch, from_row, human_code, optional_text, required_text
from fieldapp.errors import CodeListError, DuplicateCodeError, NotFoundError, ValidationError
from fieldapp.store.database import UniqueViolation

if TYPE_CHECKING:
    from fieldapp.rules import Finding, RuleBook
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
    investigation_type: str | None = None
    investigation_reason: str | None = None
    investigation_strategy: str | None = None
    investigation_phase: str | None = None
    competent_authority: str | None = None
    asbestos_presence: str | None = None
    report_number: str | None = None
    site_contour: str | None = None  # WKT polygon in RD New (EPSG:28992)
    contractor: str | None = None
    contractor_kvk: str | None = None
    process_certificate: str | None = None


#: coded project fields -> (their code list, the field's name in forms and messages)
CODED: dict[str, tuple[str, str]] = {
    "investigation_type": ("investigation_type", "investigation type"),
    "investigation_reason": ("investigation_reason", "reason"),
    "investigation_strategy": ("investigation_strategy", "strategy"),
    "investigation_phase": ("investigation_phase", "phase"),
    "competent_authority": ("competent_authority", "competent authority"),
    "asbestos_presence": ("asbestos_presence", "asbestos"),
    "required_position_class": ("horizontal_positioning_method", "required positioning class"),
}
#: free-text fields a project dialog edits -> their name in forms and messages
TEXTS: dict[str, str] = {
    "name": "name", "client": "client", "site_address": "site address", "report_number": "report number",
    "contractor": "contractor", "process_certificate": "procescertificaat",
}
DATES: dict[str, str] = {"start_date": "start date", "end_date": "end date"}
EDITABLE = frozenset({*CODED, *TEXTS, *DATES, "contractor_kvk", "site_contour", "field_staff"})
_KVK_SEPARATORS = re.compile(r"[\s.]")


def clean(session: Session, changes: Mapping[str, Any], current: Mapping[str, Any] | None = None,
          book: RuleBook | None = None, today: date | None = None) -> dict[str, Any]:
    """The stored form of ``changes`` to a project (``current``: the row as it is; None for a new one).

    Checks every changed value and the rules of resources/rules/project.json on the
    project as it would be; raises (ValidationError, RuleError) before anything is written.
    A withdrawn code-list value a project already holds may stay; it is never taken as a new one.
    """
    from fieldapp.rules import RuleError, load_rules  # for writes: the GUI's first window only reads projects

    book = book or load_rules()
    before = dict(current or {})
    row: dict[str, Any] = {}
    for key, value in changes.items():
        if key not in EDITABLE:
            raise ValidationError(key, f"A project has no editable field '{key}'.",
                                  hint=f"Use one of: {', '.join(sorted(EDITABLE))}.")
        if current is not None and value == before.get(key):
            continue  # a value the project holds is not checked again: editing another field must not fail on it
        if key == "field_staff":
            row[key] = dumps_list(value) if not isinstance(value, str | None) else value
        elif key == "name":
            row[key] = required_text(value, "name", "Project")
        elif key in TEXTS:
            row[key] = optional_text(value)
        elif key in DATES:
            row[key] = _iso_date(value, DATES[key])
        elif key == "contractor_kvk":
            row[key] = _kvk(value, book)
        elif key == "site_contour":
            row[key] = contour.normalise_wkt(value) if optional_text(value) else None
        else:
            row[key] = _code(session, key, optional_text(value), before.get(key))
    if current is not None:
        row = {k: v for k, v in row.items() if v != before.get(k)}
    after = {**before, **row}
    number = after.get("report_number")
    limit = int(book.value("project_report_number_length"))
    if "report_number" in row and number and len(number) > limit:
        raise RuleError("report number", book["project_report_number_length"], length=len(number),
                        hint=f"Shorten it to {limit} characters, as the SIKB0101 file takes it.")
    start, end = after.get("start_date"), after.get("end_date")
    if "start_date" in row and start and start > (today or date.today()).isoformat():
        raise RuleError("start date", book["project_start_not_future"], date=start,
                        hint="Enter the first field day that has been worked, not a planned one.")
    if start and end and end < start and ({"start_date", "end_date"} & row.keys()):
        raise RuleError("end date", book["project_end_not_before_start"], start=start, end=end,
                        hint="Check both dates: the end date is the last field day.")
    return row


def _iso_date(value: Any, field: str) -> str | None:
    text = optional_text(value if value is None else str(value))
    if text is None:
        return None
    try:
        return date.fromisoformat(text).isoformat()
    except ValueError:
        raise ValidationError(field, f"'{text}' is not a date.",
                              hint="Write it as YYYY-MM-DD, e.g. 2026-03-14.") from None


def kvk_number(value: Any, book: RuleBook | None = None) -> str | None:
    """A KvK (Chamber of Commerce) number as its 8 digits, by the project rule; None when empty."""
    from fieldapp.rules import load_rules

    return _kvk(value, book or load_rules())


def _kvk(value: Any, book: RuleBook) -> str | None:
    from fieldapp.rules import RuleError

    text = optional_text(value if value is None else str(value))
    if text is None:
        return None
    digits = _KVK_SEPARATORS.sub("", text)
    if not (digits.isdigit() and len(digits) == int(book.value("project_kvk_number_digits"))):
        raise RuleError("KvK number", book["project_kvk_number_digits"], kvk=text,
                        hint="Copy the 8-digit number from the contractor's KvK extract (uittreksel).")
    return digits


def _code(session: Session, key: str, code: str | None, held: Any) -> str | None:
    list_name, field = CODED[key]
    if code is None:
        return None
    entry = session.lists.get(list_name, code, field=field)
    if entry.withdrawn and code != held:
        raise CodeListError(field, f"'{entry.nl}' has been withdrawn from the list {list_name!r}.",
                            hint="Choose a current value from the list.")
    return code


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
    metadata: Mapping[str, Any] | None = None,
) -> Project:
    """A new project; ``metadata``: further fields of :data:`EDITABLE` (end date, investigation type, ...)."""
    row = {
        "code": human_code(code, "code", "Project"),
        "standard": optional_text(standard),
        "lab": optional_text(lab),
        **clean(session, {"name": name, "client": client, "site_address": site_address,
                          "field_staff": dumps_list(field_staff), "start_date": start_date,
                          "required_position_class": required_position_class, **(metadata or {})}),
    }
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


def edit(session: Session, project_id: str, changes: Mapping[str, Any]) -> Project:
    """Change fields of :data:`EDITABLE`; one journalled action, nothing written if a value is refused."""
    current = session.store.get("project", project_id)
    if current is None:
        raise NotFoundError(f"Project {project_id} does not exist.", hint="Reload the project list.")
    row = clean(session, changes, current)
    with session.store.action(f"Edit project {current['code']}") as tx:
        tx.update("project", project_id, row)
    return get(session.store, project_id)


def findings(conn: sqlite3.Connection, project_id: str, book: RuleBook, today: date | None = None) -> list[Finding]:
    """The project rules (resources/rules/project.json) on the stored project, for ``fieldapp check``:
    a record written before the rules, or synced from elsewhere, is held to them too."""
    cur = conn.execute("SELECT code, start_date, end_date, report_number, contractor_kvk FROM project "
                       "WHERE id = ?", (project_id,))
    found = cur.fetchone()
    if found is None:
        return []
    code, start, end, number, kvk = found
    out: list[Finding] = []

    def add(rule_id: str, field: str, **values: Any) -> None:
        out.append(book.finding(rule_id, object_kind="project", object_id=project_id, object_code=code,
                                field=field, **values))

    if start and start > (today or date.today()).isoformat():
        add("project_start_not_future", "start date", date=start)
    if start and end and end < start:
        add("project_end_not_before_start", "end date", start=start, end=end)
    if number and len(number) > int(book.value("project_report_number_length")):
        add("project_report_number_length", "report number", length=len(number))
    digits = int(book.value("project_kvk_number_digits"))
    if kvk and not (kvk.isdigit() and len(kvk) == digits):
        add("project_kvk_number_digits", "KvK number", kvk=kvk)
    return out


def sikb0101_ids(session: Session, project: Mapping[str, Any]) -> dict[str, int | None]:
    """The SIKB0101 id of each coded field's value, for exports (None where empty or without one)."""
    ids: dict[str, int | None] = {}
    for key, (list_name, _field) in CODED.items():
        code = project.get(key)
        found = session.lists.codelist(list_name).by_code.get(code) if code else None
        value = found.extra.get("sikb0101_id") if found else None
        ids[key] = value if isinstance(value, int) else None
    return ids


def get(store: Store, project_id: str) -> Project:
    return fetch(store, Project, "project", project_id)


def by_code(store: Store, code: str) -> Project:
    rows = store.query("SELECT * FROM project WHERE code = ?", (code,))
    if not rows:
        raise NotFoundError(f"There is no project with code '{code}'.", hint="Check the code.")
    return from_row(Project, rows[0])


def all_projects(store: Store) -> list[Project]:
    return [from_row(Project, r) for r in store.query("SELECT * FROM project ORDER BY code")]
