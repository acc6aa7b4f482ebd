"""PFAS sampling: the containers allowed per matrix, and the equipment checklist signed per day.

PFAS are everywhere in field gear (PTFE tape and tubing, coated gloves,
water-repellent jackets) and stick to glass: a PFAS result is only worth
something when the jar is of an allowed material and the fieldworker
checked the equipment that day. Both are data (``resources/rules/pfas.json``).
A sample is a PFAS sample when its own analyses name PFAS (a whole name, as in
the holding-time table) or an analysis sample it is a part of has a PFAS package.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from fieldapp.codelists import CodeLists
from fieldapp.domain import analysis_package
from fieldapp.domain.common import loads_list, optional_text, required_text
from fieldapp.domain.holding import parse_time
from fieldapp.domain.holding_table import normal
from fieldapp.errors import FieldAppError, ValidationError
from fieldapp.rules import Finding, RuleBook, RuleError, default_book
from fieldapp.runtime import resource_path
from fieldapp.store.database import utc_now

if TYPE_CHECKING:
    from fieldapp.session import Session

DEFAULT_PATH = resource_path("rules", "pfas.json")
CONTAINER_RULE = "pfas_container_not_allowed"
INCOMPLETE_RULE = "pfas_checklist_incomplete"
MISSING_RULE = "pfas_checklist_missing"
UNKNOWN_MATERIAL_RULE = "pfas_container_material_unknown"


@dataclass(frozen=True)
class Allowed:
    matrix: str
    nl: str
    en: str
    types: tuple[str, ...]
    materials: tuple[str, ...]
    source: str
    confirmed: bool


@dataclass(frozen=True)
class Item:
    """One point of the equipment checklist."""

    id: str
    nl: str
    en: str
    source: str
    confirmed: bool


@dataclass(frozen=True)
class PfasTable:
    names: frozenset[str]  # analysis names that make a sample a PFAS sample (normalised)
    packages: frozenset[str]
    allowed: dict[str, Allowed]
    why: dict[str, dict[str, str]]
    checklist: tuple[Item, ...]


@cache
def load(path: Path = DEFAULT_PATH) -> PfasTable:
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
        packages = frozenset(str(p) for p in raw["packages"])
        names = {normal(a) for a in raw["aliases"]}
        for package in analysis_package.load():
            if package.code in packages:
                names |= {normal(n) for n in (package.code, package.nl, package.en)}
        allowed = {str(r["matrix"]): Allowed(str(r["matrix"]), str(r["nl"]), str(r["en"]), tuple(r["types"]),
                                             tuple(r["materials"]), str(r["source"]), bool(r.get("confirmed", True)))
                   for r in raw["containers"]}
        items = tuple(Item(str(i["id"]), str(i["nl"]), str(i["en"]), str(i["source"]),
                           bool(i.get("confirmed", True))) for i in raw["checklist"])
        why = {str(k): {"nl": str(v["nl"]), "en": str(v["en"])} for k, v in raw["why"].items()}
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise FieldAppError(f"The PFAS table {path.name} cannot be read ({exc}).",
                            hint="Reinstall FieldApp or restore resources/rules.") from exc
    return PfasTable(frozenset(names), packages, allowed, why, items)


def is_pfas(analyses: Iterable[str], packages: Iterable[str] = ()) -> bool:
    """Whether a sample with these free-text analyses and analysis-sample packages is analysed for PFAS."""
    table = load()
    return any(p in table.packages for p in packages) or any(normal(a) in table.names for a in analyses)


@cache
def _label(lists_dir: Path, name: str, code: str, lang: str) -> str:
    lists = CodeLists.load(lists_dir)
    return lists.label(name, code, "nl" if lang == "nl" else "en") if lists.has(name, code) else code


def refusal(matrix: str, container_type: str, material: str | None) -> dict[str, str] | None:
    """The values of the container rule's message when this container is not allowed for PFAS
    in ``matrix``; None when it is (or when the table has no list for the matrix)."""
    table = load()
    allowed = table.allowed.get(matrix)
    # a material not recorded cannot be judged at entry: only its type is (fieldapp check warns)
    if allowed is None or (container_type in allowed.types and (material is None or material in allowed.materials)):
        return None
    key = material or ""
    why = table.why.get(key) or table.why["*"]
    lists = resource_path("codelists")
    choices = " of ".join(_label(lists, "container_material", m, "nl") for m in allowed.materials)
    kinds = " of ".join(_label(lists, "container_type", t, "nl") for t in allowed.types)
    return {"matrix": allowed.nl, "container": _label(lists, "container_type", container_type, "nl"),
            "material": _label(lists, "container_material", material, "nl") if material else "onbekend materiaal",
            "why": why["nl"], "why_en": why["en"], "allowed": f"{kinds} van {choices}"}


def check_container(matrix: str, container_type: str, material: str | None, analyses: Iterable[str],
                    packages: Iterable[str] = (), book: RuleBook | None = None) -> None:
    """Refuse a container of a PFAS sample that the allow-list does not name for its matrix."""
    if not is_pfas(analyses, packages):
        return
    values = refusal(matrix, container_type, material)
    if values is not None:
        raise RuleError("material", (book or default_book())[CONTAINER_RULE], **values)


def check_sample_container(conn: sqlite3.Connection, sample_id: str, container_type: str,
                           material: str | None) -> None:
    """:func:`check_container` for a container filled from the sample ``sample_id``."""
    row = conn.execute(_SAMPLE_OF, (sample_id,)).fetchone()
    if row is not None:
        check_container(row[0], container_type, material, [str(a) for a in loads_list(row[1])],
                        str(row[3] or "").split() + ([row[2]] if row[2] else []))


def sample_packages(conn: sqlite3.Connection, sample_id: str) -> list[str]:
    """The analysis packages that make the sample ``sample_id`` a PFAS sample or not: its own and
    those of the analysis samples it is a part of (as :func:`check_sample_container` reads them)."""
    row = conn.execute(_SAMPLE_OF, (sample_id,)).fetchone()
    return [] if row is None else str(row[3] or "").split() + ([row[2]] if row[2] else [])


_SAMPLE_OF = (
    "SELECT s.matrix, s.analyses, s.analysis_package, (SELECT group_concat(a.analysis_package, ' ') "
    "FROM analysis_sample_part p JOIN sample a ON a.id = p.analysis_sample_id WHERE p.field_sample_id = s.id) "
    "FROM sample s WHERE s.id = ?"
)


# the checklist ---------------------------------------------------------------------------------

@dataclass(frozen=True)
class Checklist:
    id: str
    project_id: str
    day: str
    fieldworker: str
    staff_id: str | None
    items: tuple[str, ...]
    signed_at: str
    remarks: str | None = None


def _day(value: str) -> str:
    try:
        return date.fromisoformat(value.strip()).isoformat()
    except ValueError:
        raise ValidationError("day", f"'{value}' is not a date.", hint="Give the day as YYYY-MM-DD.") from None


def sign(session: Session, project_id: str, *, day: str, fieldworker: str, ticked: Sequence[str],
         staff_id: str | None = None, remarks: str | None = None, book: RuleBook | None = None) -> Checklist:
    """Record that ``fieldworker`` checked every point of the PFAS equipment checklist on ``day``.

    Refused, naming the first point, unless every point is ticked; a fieldworker signs once a day."""
    book = book or default_book()
    who = required_text(fieldworker, "fieldworker", "PFAS checklist")
    when = _day(day)
    for item in load().checklist:
        if item.id not in ticked:
            raise RuleError("items", book[INCOMPLETE_RULE], fieldworker=who, day=when, item=item.nl, item_en=item.en)
    row: dict[str, Any] = {"project_id": project_id, "day": when, "fieldworker": who, "staff_id": staff_id,
                           "items": json.dumps([i.id for i in load().checklist]), "signed_at": utc_now(),
                           "remarks": optional_text(remarks)}
    with session.store.action(f"Sign PFAS checklist {when} {who}") as tx:
        if tx.get("project", project_id) is None:
            raise ValidationError("project", f"Project {project_id} does not exist.")
        if tx.query("SELECT 1 FROM pfas_checklist WHERE project_id = ? AND day = ? AND fieldworker = ?",
                    (project_id, when, who)):
            raise ValidationError("fieldworker", f"{who} already signed the PFAS checklist for {when}.",
                                  hint="One signature per fieldworker per day is enough.")
        row_id = tx.insert("pfas_checklist", row)
    return Checklist(row_id, project_id, when, who, staff_id, tuple(loads_list(row["items"])), row["signed_at"],
                     row["remarks"])


def of_project(conn: sqlite3.Connection, project_id: str) -> list[Checklist]:
    return [Checklist(r[0], r[1], r[2], r[3], r[4], tuple(loads_list(r[5])), r[6], r[7]) for r in conn.execute(
        "SELECT id, project_id, day, fieldworker, staff_id, items, signed_at, remarks FROM pfas_checklist "
        "WHERE project_id = ? ORDER BY day, fieldworker", (project_id,))]


# findings --------------------------------------------------------------------------------------

_SAMPLES = (
    "SELECT s.id, s.code, s.matrix, s.sampled_at, s.analyses, s.analysis_package, s.staff_id "
    "FROM sample s WHERE s.project_id = ? AND s.kind <> 'analysis_sample' ORDER BY s.code"
)
# the packages of the analysis samples each field sample of the project is a part of, read in one pass
_PACKAGES = (
    "SELECT p.field_sample_id, a.analysis_package FROM sample s JOIN analysis_sample_part p "
    "ON p.field_sample_id = s.id JOIN sample a ON a.id = p.analysis_sample_id "
    "WHERE s.project_id = ? AND a.analysis_package IS NOT NULL"
)
_JARS = ("SELECT c.id, c.barcode, c.container_type, c.material, c.sample_id FROM container c "
         "WHERE c.sample_id IN ({}) AND c.voided_at IS NULL")


def local_day(stamp: str | None) -> str | None:
    """The day of a stored time as the sampler's calendar had it."""
    moment = parse_time(stamp)
    return None if moment is None else moment.astimezone().date().isoformat()


def findings(conn: sqlite3.Connection, project_id: str, book: RuleBook) -> list[Finding]:
    """PFAS containers not on the allow-list, and PFAS samples taken on a day without a signed checklist."""
    signed: dict[str, list[tuple[str | None, str]]] = {}
    for c in of_project(conn, project_id):
        signed.setdefault(c.day, []).append((c.staff_id, c.fieldworker))
    pfas: dict[str, tuple[str, str]] = {}  # sample id -> (matrix, code)
    out: list[Finding] = []
    # thousands of samples share a few analysis lists and a field day's stamps: each is judged once
    judged: dict[tuple[Any, ...], bool] = {}
    days: dict[str | None, str | None] = {}
    codes = load().packages
    by_package: dict[str, bool] = {}
    in_pfas_package = set()  # field samples of an analysis sample with a PFAS package
    for sid, package in conn.execute(_PACKAGES, (project_id,)):
        if package not in by_package:  # word by word, as is_pfas reads the space-joined list of them
            by_package[package] = any(w in codes for w in str(package).split())
        if by_package[package]:
            in_pfas_package.add(sid)
    staff = dict(conn.execute("SELECT id, name FROM staff").fetchall())
    for sid, code, matrix, sampled_at, analyses, own, staff_id in conn.execute(_SAMPLES, (project_id,)):
        if sid not in in_pfas_package:
            key = (analyses, own)
            if key not in judged:
                judged[key] = is_pfas([str(a) for a in loads_list(analyses)], [own] if own else [])
            if not judged[key]:
                continue
        staff_name = staff.get(staff_id)
        pfas[sid] = (matrix, code)
        if sampled_at not in days:
            days[sampled_at] = local_day(sampled_at)
        day = days[sampled_at]
        if day is None:
            continue
        on_day = signed.get(day, [])
        # the one who took it must have signed (by register id or name); unknown who: anyone that day
        ok = any(sig_staff == staff_id or sig_name == staff_name for sig_staff, sig_name in on_day) \
            if staff_id else bool(on_day)
        if not ok:
            out.append(book.finding(MISSING_RULE, object_kind="sample", object_id=sid, object_code=code, code=code,
                                    day=day, who=f" ({staff_name})" if staff_name else ""))
    jars = []  # only the PFAS samples' jars, by barcode
    ids = list(pfas)
    for start in range(0, len(ids), 500):
        chunk = ids[start:start + 500]
        jars += conn.execute(_JARS.format(", ".join("?" * len(chunk))), chunk).fetchall()
    jars.sort(key=lambda jar: jar[1])
    for cid, barcode, kind, material, sample_id in jars:
        values = refusal(pfas[sample_id][0], kind, material)
        if values is None and material is None and pfas[sample_id][0] in load().allowed:
            allowed = refusal(pfas[sample_id][0], kind, "?")
            out.append(book.finding(UNKNOWN_MATERIAL_RULE, object_kind="container", object_id=cid,
                                    object_code=barcode, field="material", barcode=barcode,
                                    allowed=allowed["allowed"] if allowed else ""))
        if values is not None:
            out.append(book.finding(CONTAINER_RULE, object_kind="container", object_id=cid,
                                    object_code=barcode, field="material", **values))
    return out
