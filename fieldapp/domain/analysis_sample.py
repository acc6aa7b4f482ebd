"""Analysis sample (analysemonster, mengmonster): what the lab analyses.

The projectleider composes it from field samples of one matrix, often across
boreholes (MM1 = B01 0-0.5 + B02 0-0.5 + B03 0-0.5), and gives it an analysis
package. It is a sample row of kind ``analysis_sample`` (SIKB0101 MonsterType
10) holding the package; each part is an ``analysis_sample_part`` row naming
a field sample (MonsterType 1, role 10 HeeftDeelmonster). The lab combines the
jars of its field samples (and, for a field composite converted by schema step
0007, the composite's own jars, filled with the material mixed in the field).

Every rule (``resources/rules/analysis_sample.json``) is checked before
anything is written; a broken rule is a :class:`~fieldapp.rules.RuleError`.
"""

from __future__ import annotations

import sqlite3
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Any

from fieldapp.domain import analysis_package
from fieldapp.domain.common import from_row, human_code, optional_text
from fieldapp.errors import DuplicateCodeError, NotFoundError, ValidationError
from fieldapp.rules import Finding, RuleBook, RuleError, load_rules
from fieldapp.store.database import UniqueViolation

if TYPE_CHECKING:
    from fieldapp.session import Session
    from fieldapp.store import Store

KIND = "analysis_sample"
#: the sample kinds an analysis sample can be made of (SIKB0101 veldmonster)
PART_KINDS = ("field_sample", "groundwater")
CODE_PREFIX = "MM"


@dataclass(frozen=True)
class AnalysisSample:
    id: str
    project_id: str
    code: str
    matrix: str
    analysis_package: str | None = None
    sampled_at: str | None = None
    analyses: str | None = None  # free text of a converted field composite
    remarks: str | None = None


@dataclass(frozen=True)
class Member:
    """One part: a field sample, where it was taken, how many live jars it has."""

    part_id: str  # the analysis_sample_part row
    field_sample_id: str
    code: str
    kind: str
    matrix: str
    borehole_id: str | None
    borehole_code: str | None
    upper_cm: int | None
    lower_cm: int | None
    jars: int


@dataclass(frozen=True)
class Jar:
    """A container the lab combines into the analysis sample."""

    container_id: str
    barcode: str
    container_type: str
    sample_id: str
    sample_code: str
    material: str | None = None
    volume_ml: int | None = None
    preservation: str | None = None


@cache
def _default_book() -> RuleBook:
    return load_rules()


def _book(book: RuleBook | None) -> RuleBook:
    return book if book is not None else _default_book()


# reads --------------------------------------------------------------------------

_FIELD_SAMPLES = (
    "SELECT s.id, s.code, s.kind, s.matrix, s.project_id, p.borehole_id, b.code AS borehole_code, "
    "p.upper_cm, p.lower_cm, "
    "(SELECT COUNT(*) FROM container c WHERE c.sample_id = s.id AND c.voided_at IS NULL) AS jars "
    "FROM sample s "
    "LEFT JOIN sample_part p ON p.id = (SELECT id FROM sample_part WHERE sample_id = s.id "
    "ORDER BY upper_cm LIMIT 1) "
    "LEFT JOIN borehole b ON b.id = p.borehole_id "
)


def field_samples(store: Store, project_id: str) -> list[Member]:
    """The field samples of a project an analysis sample can be made of (for the composer)."""
    marks = ", ".join("?" * len(PART_KINDS))
    rows = store.query(_FIELD_SAMPLES + f"WHERE s.project_id = ? AND s.kind IN ({marks}) "
                       "ORDER BY b.code, p.upper_cm, s.code", (project_id, *PART_KINDS))
    return [_member("", r) for r in rows]


def _member(part_id: str, r: dict[str, Any]) -> Member:
    return Member(part_id, r["id"], r["code"], r["kind"], r["matrix"], r["borehole_id"], r["borehole_code"],
                  r["upper_cm"], r["lower_cm"], int(r["jars"]))


def get(store: Store, analysis_id: str) -> AnalysisSample:
    row = store.get("sample", analysis_id)
    if row is None or row["kind"] != KIND:
        raise NotFoundError(f"Analysis sample {analysis_id} does not exist.")
    return from_row(AnalysisSample, row)


def of_project(store: Store, project_id: str) -> list[AnalysisSample]:
    rows = store.query("SELECT * FROM sample WHERE project_id = ? AND kind = ? "
                       "ORDER BY length(code), code", (project_id, KIND))
    return [from_row(AnalysisSample, r) for r in rows]


def members(store: Store, analysis_id: str) -> list[Member]:
    """The field samples an analysis sample is made of, by borehole and depth."""
    rows = store.query(
        _FIELD_SAMPLES.replace("SELECT s.id,", "SELECT a.id AS part_id, s.id,")
        .replace("FROM sample s ", "FROM analysis_sample_part a JOIN sample s ON s.id = a.field_sample_id ")
        + "WHERE a.analysis_sample_id = ? ORDER BY b.code, p.upper_cm, s.code", (analysis_id,))
    return [_member(r["part_id"], r) for r in rows]


def containing(store: Store, field_sample_id: str) -> list[AnalysisSample]:
    """The analysis samples a field sample is part of."""
    rows = store.query("SELECT s.* FROM analysis_sample_part a JOIN sample s ON s.id = a.analysis_sample_id "
                       "WHERE a.field_sample_id = ? ORDER BY s.code", (field_sample_id,))
    return [from_row(AnalysisSample, r) for r in rows]


def jars(store: Store, analysis_id: str) -> list[Jar]:
    """The live containers the lab combines: those of each part, and the
    analysis sample's own (a converted field composite's)."""
    rows = store.query(
        "SELECT c.id, c.barcode, c.container_type, s.id AS sample_id, s.code, c.material, c.volume_ml, "
        "c.preservation FROM container c "
        "JOIN sample s ON s.id = c.sample_id WHERE c.voided_at IS NULL AND (c.sample_id = ? OR c.sample_id IN "
        "(SELECT field_sample_id FROM analysis_sample_part WHERE analysis_sample_id = ?)) "
        "ORDER BY s.code, c.barcode", (analysis_id, analysis_id))
    return [Jar(r["id"], r["barcode"], r["container_type"], r["sample_id"], r["code"], r["material"], r["volume_ml"],
                r["preservation"]) for r in rows]


def next_code(store: Store, project_id: str) -> str:
    """MM1, MM2, ...: one past the highest MM number in the project's sample codes."""
    row = store.conn.execute(
        "SELECT MAX(CAST(substr(code, 3) AS INTEGER)) FROM sample "
        "WHERE project_id = ? AND code GLOB 'MM[0-9]*' AND code NOT GLOB 'MM*[^0-9]*'", (project_id,)).fetchone()
    return f"{CODE_PREFIX}{(row[0] or 0) + 1}"


# rules ---------------------------------------------------------------------------

def check(store: Store, project_id: str, code: str, field_sample_ids: Sequence[str], package: str | None,
          book: RuleBook | None = None, known: Mapping[str, dict[str, Any]] | None = None) -> str:
    """Check a composition against every rule; return its matrix. Writes nothing.
    ``known``: sample rows already read (a batch reads them in one query)."""
    rules = _book(book)
    if not field_sample_ids:
        raise RuleError("parts", rules["analysis_sample_min_parts"], code=code,
                        hint="Pick its field samples in the table.")
    parts: list[dict[str, Any]] = []
    seen: set[str] = set()
    for n, sample_id in enumerate(field_sample_ids, start=1):
        row = known.get(sample_id) if known is not None else store.get("sample", sample_id)
        if row is None or row["project_id"] != project_id:
            raise ValidationError("parts", f"Part {n} is not a sample of this project.",
                                  hint="Pick field samples of this project.")
        if sample_id in seen:
            raise RuleError("parts", rules["analysis_sample_part_once"], code=code, part=row["code"],
                            hint="Pick each field sample once.")
        seen.add(sample_id)
        if row["kind"] not in PART_KINDS:
            raise RuleError("parts", rules["analysis_sample_part_kind"], part=row["code"], kind=row["kind"],
                            hint="Pick field samples only.")
        parts.append(row)
    matrix = str(parts[0]["matrix"])
    for row in parts[1:]:
        if row["matrix"] != matrix:
            raise RuleError("parts", rules["analysis_sample_one_matrix"], code=code, part=row["code"],
                            matrix=row["matrix"], expected=matrix, hint="Leave out the parts of the other matrix.")
    if not package:
        raise RuleError("package", rules["analysis_sample_package_required"], code=code,
                        hint="Choose the analysis package.")
    chosen = analysis_package.get(package)
    if not chosen.fits(matrix):
        allowed = ", ".join(p.code for p in analysis_package.for_matrix(matrix)) or "-"
        raise RuleError("package", rules["analysis_sample_package_matrix"], package=chosen.code, matrix=matrix,
                        allowed=allowed, hint=f"Choose one of: {allowed}.")
    return matrix


def _sampled_at(store: Store, field_sample_ids: Sequence[str],
                known: Mapping[str, dict[str, Any]] | None = None) -> str | None:
    """The earliest sampling time of the parts: holding times count from it."""
    rows = (known.get(i) if known is not None else store.get("sample", i) for i in field_sample_ids)
    times = [r["sampled_at"] for r in rows if r is not None and r["sampled_at"]]
    return min(times) if times else None


# writes --------------------------------------------------------------------------

def create(session: Session, project_id: str, *, code: str, field_sample_ids: Sequence[str],
           package: str | None, remarks: str | None = None, book: RuleBook | None = None) -> AnalysisSample:
    """Compose an analysis sample; nothing is written if a rule breaks."""
    store = session.store
    text = human_code(code, "code", "Analysis sample")
    matrix = check(store, project_id, text, field_sample_ids, package, book)
    with store.action(f"Compose analysis sample {text}") as tx:
        try:
            analysis_id = tx.insert("sample", {
                "project_id": project_id, "code": text, "kind": KIND, "matrix": matrix,
                "sampled_at": _sampled_at(store, field_sample_ids), "analysis_package": package,
                "remarks": optional_text(remarks),
            })
        except UniqueViolation:
            raise _duplicate(text) from None
        for sample_id in field_sample_ids:
            tx.insert("analysis_sample_part", {"analysis_sample_id": analysis_id, "field_sample_id": sample_id})
    return get(store, analysis_id)


@dataclass(frozen=True)
class Composition:
    """One analysis sample to compose (the batch form's input)."""

    code: str
    field_sample_ids: tuple[str, ...]
    package: str | None
    remarks: str | None = None


def compose_many(session: Session, project_id: str, compositions: Sequence[Composition],
                 book: RuleBook | None = None) -> list[str]:
    """Compose many analysis samples in one action (an import, the demo): each
    checked as :func:`create` does, then written in a batch. All or nothing."""
    store = session.store
    heads: list[dict[str, Any]] = []
    links: list[dict[str, Any]] = []
    known = {r["id"]: r for r in store.query(
        "SELECT id, project_id, code, kind, matrix, sampled_at FROM sample WHERE project_id = ?", (project_id,))}
    for comp in compositions:
        text = human_code(comp.code, "code", "Analysis sample")
        matrix = check(store, project_id, text, comp.field_sample_ids, comp.package, book, known)
        heads.append({"project_id": project_id, "code": text, "kind": KIND, "matrix": matrix,
                      "sampled_at": _sampled_at(store, comp.field_sample_ids, known), "analysis_package": comp.package,
                      "remarks": optional_text(comp.remarks)})
    if not heads:
        return []
    with store.action(f"Compose {len(heads)} analysis samples") as tx:
        try:
            ids = tx.insert_many("sample", heads)
        except UniqueViolation:
            codes = [h["code"] for h in heads]
            taken = next((c for c in codes if codes.count(c) > 1 or tx.query(
                "SELECT 1 FROM sample WHERE project_id = ? AND code = ?", (project_id, c))), codes[0])
            raise _duplicate(taken) from None
        for analysis_id, comp in zip(ids, compositions, strict=True):
            links.extend({"analysis_sample_id": analysis_id, "field_sample_id": f} for f in comp.field_sample_ids)
        tx.insert_many("analysis_sample_part", links)
    return ids


def update(session: Session, analysis_id: str, *, code: str | None = None,
           field_sample_ids: Sequence[str] | None = None, package: str | None = None,
           remarks: str | None = None, book: RuleBook | None = None) -> AnalysisSample:
    """Change an analysis sample; None leaves a field as it is (remarks "" clears them)."""
    store = session.store
    current = get(store, analysis_id)
    text = human_code(code, "code", "Analysis sample") if code is not None else current.code
    wanted = list(field_sample_ids) if field_sample_ids is not None else [
        m.field_sample_id for m in members(store, analysis_id)]
    chosen = package if package is not None else current.analysis_package
    matrix = check(store, current.project_id, text, wanted, chosen, book)
    with store.action(f"Change analysis sample {text}") as tx:
        held = {r["field_sample_id"]: r["id"] for r in tx.query(
            "SELECT id, field_sample_id FROM analysis_sample_part WHERE analysis_sample_id = ?", (analysis_id,))}
        for sample_id, part_id in held.items():
            if sample_id not in wanted:
                tx.delete("analysis_sample_part", part_id)
        for sample_id in wanted:
            if sample_id not in held:
                tx.insert("analysis_sample_part", {"analysis_sample_id": analysis_id, "field_sample_id": sample_id})
        changes: dict[str, Any] = {"code": text, "matrix": matrix, "analysis_package": chosen}
        if remarks is not None:
            changes["remarks"] = optional_text(remarks)
        if field_sample_ids is not None:
            changes["sampled_at"] = _sampled_at(store, wanted) or current.sampled_at
        try:
            tx.update("sample", analysis_id, changes)
        except UniqueViolation:
            raise _duplicate(text) from None
    return get(store, analysis_id)


def delete(session: Session, analysis_id: str) -> None:
    """Remove an analysis sample (its field samples stay). One with jars of its
    own (a converted field composite) stays, like any sample with jars."""
    store = session.store
    current = get(store, analysis_id)
    with store.action(f"Remove analysis sample {current.code}") as tx:
        if tx.query("SELECT 1 FROM container WHERE sample_id = ? LIMIT 1", (analysis_id,)):
            raise ValidationError("code", f"Analysis sample {current.code} has jars of its own and cannot be removed.",
                                  hint="Change its parts or package instead; its jars keep their custody history.")
        for part in tx.query("SELECT id FROM analysis_sample_part WHERE analysis_sample_id = ?", (analysis_id,)):
            tx.delete("analysis_sample_part", part["id"])
        tx.delete("sample", analysis_id)


def _duplicate(code: str) -> DuplicateCodeError:
    return DuplicateCodeError("code", f"Sample code '{code}' is already used in this project.",
                              hint="Pick another code (the next free one is offered).")


# fieldapp check ------------------------------------------------------------------

def findings(conn: sqlite3.Connection, project_id: str, book: RuleBook) -> list[Finding]:
    """Every rule an analysis sample of the project breaks (for `fieldapp check`)."""
    heads = conn.execute("SELECT id, code, matrix, analysis_package FROM sample WHERE project_id = ? AND kind = ? "
                         "ORDER BY code", (project_id, KIND)).fetchall()
    if not heads:
        return []
    parts: dict[str, list[tuple[str, str, str, int]]] = defaultdict(list)
    for analysis_id, code, kind, matrix, jar_count in conn.execute(
            "SELECT a.analysis_sample_id, s.code, s.kind, s.matrix, "
            "(SELECT COUNT(*) FROM container c WHERE c.sample_id = s.id AND c.voided_at IS NULL) "
            "FROM analysis_sample_part a JOIN sample s ON s.id = a.field_sample_id "
            "JOIN sample h ON h.id = a.analysis_sample_id WHERE h.project_id = ? ORDER BY s.code", (project_id,)):
        parts[analysis_id].append((code, kind, matrix, jar_count))
    own_jars = {r[0] for r in conn.execute(
        "SELECT DISTINCT c.sample_id FROM container c JOIN sample s ON s.id = c.sample_id "
        "WHERE s.project_id = ? AND s.kind = ? AND c.voided_at IS NULL", (project_id, KIND))}
    out: list[Finding] = []
    for analysis_id, code, matrix, package in heads:
        def found(rule_id: str, field: str, **values: Any) -> None:
            out.append(book.finding(rule_id, object_kind=KIND, object_id=analysis_id,  # noqa: B023
                                    object_code=code, field=field, code=code, **values))  # noqa: B023
        mine = parts.get(analysis_id, [])
        if not mine:
            found("analysis_sample_min_parts", "parts")
        for part, kind, part_matrix, _jars in mine:
            if kind not in PART_KINDS:
                found("analysis_sample_part_kind", "parts", part=part, kind=kind)
            elif part_matrix != matrix:
                found("analysis_sample_one_matrix", "parts", part=part, matrix=part_matrix, expected=matrix)
        if not package:
            found("analysis_sample_package_required", "package")
        else:
            try:
                chosen = analysis_package.get(package)
            except ValidationError:
                chosen = None
            if chosen is None or not chosen.fits(matrix):
                allowed = ", ".join(p.code for p in analysis_package.for_matrix(matrix)) or "-"
                found("analysis_sample_package_matrix", "package", package=package, matrix=matrix, allowed=allowed)
        if analysis_id not in own_jars:
            for part, kind, _m, jar_count in mine:
                if kind in PART_KINDS and jar_count == 0:
                    found("analysis_sample_part_no_jar", "parts", part=part)
    return out
