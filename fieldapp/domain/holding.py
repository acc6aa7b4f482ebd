"""Holding time: by when a container must be at the lab to be analysed.

Counted from the container's sampling time with the shortest holding time of
what it will be analysed for: the parameters of the packages of the analysis
samples its field sample is a part of, or, for a sample in no analysis sample
with a package, its own analyses. The times come from one table by parameter
and matrix (:mod:`fieldapp.domain.holding_table`), under the shipment's lab's
terms (:mod:`fieldapp.intake.rules`); the lab's intake uses the same.

A sampler packing a cooler sees each container's deadline; packing one past it
is refused unless the projectleider records a deviation (afwijking), and
``fieldapp check`` lists every container packed or received late.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from fieldapp.domain import analysis_package, holding_table
from fieldapp.domain.common import loads_list
from fieldapp.domain.holding_table import Term
from fieldapp.errors import CodeListError
from fieldapp.intake.rules import LabRules, lab_rules
from fieldapp.rules import Finding, RuleBook, RuleError

if TYPE_CHECKING:
    from fieldapp.domain.shipment import Shipment
    from fieldapp.store import Store

RULE = "holding_time_exceeded"
UNKNOWN_RULE = "holding_time_unknown_analysis"

_CONTAINERS = (
    "SELECT c.id, c.barcode, s.project_id, s.code AS sample_code, s.matrix, s.sampled_at, s.analyses, "
    "s.analysis_package, (SELECT group_concat(a.analysis_package, ' ') FROM analysis_sample_part p "
    "JOIN sample a ON a.id = p.analysis_sample_id WHERE p.field_sample_id = s.id "
    "AND a.analysis_package IS NOT NULL) AS packages "
    "FROM container c JOIN sample s ON s.id = c.sample_id "
)


@dataclass(frozen=True, slots=True)
class Packed:
    """A container with its holding-time deadline (None: sampling time unknown, or no holding time)."""

    container_id: str
    barcode: str
    sample_code: str
    sampled_at: str | None
    hours: int | None
    analysis: str  # the parameter or analysis the time comes from
    deadline: datetime | None
    matrix: str = ""
    term: Term | None = None

    def left(self, now: datetime) -> timedelta | None:
        return None if self.deadline is None else self.deadline - now

    def late_at(self, moment: datetime) -> bool:
        return self.deadline is not None and moment > self.deadline


def parse_time(stamp: str | None) -> datetime | None:
    """An ISO timestamp as an aware time (a stamp without zone is the laptop's local time)."""
    if not stamp:
        return None
    try:
        moment = datetime.fromisoformat(stamp)
    except ValueError:
        return None
    return moment if moment.tzinfo is not None else moment.astimezone()


def term_of(rules: LabRules, row: Any) -> Term:
    """The holding time of one container row of :data:`_CONTAINERS`."""
    packages = str(row["packages"] or "").split() + ([row["analysis_package"]] if row["analysis_package"] else [])
    if packages:
        codes = [p.code for code in dict.fromkeys(packages) for p in _parameters(code)]
        return rules.term(row["matrix"], codes)
    return rules.term(row["matrix"], (), [str(a) for a in loads_list(row["analyses"])])


def _parameters(code: str) -> tuple[analysis_package.Parameter, ...]:
    try:
        return analysis_package.get(code).parameters
    except CodeListError:  # an unknown package code is a finding of analysis_sample, not a crash here
        return ()


def of_containers(conn: sqlite3.Connection, container_ids: Iterable[str], rules: LabRules) -> list[Packed]:
    """Each container's deadline under ``rules``, in the order asked."""
    ids = list(dict.fromkeys(container_ids))
    found: dict[str, Packed] = {}
    # the jars of one sample (and of samples analysed alike) share their term, those of one sampling
    # time and term their deadline: each looked up once (a cooler is packed with hundreds at a time)
    terms: dict[tuple[Any, ...], Term] = {}
    deadlines: dict[tuple[str | None, int | None], datetime | None] = {}
    for start in range(0, len(ids), 500):
        chunk = ids[start:start + 500]
        for cid, barcode, _project, code, matrix, sampled_at, analyses, own, packages in conn.execute(
                _CONTAINERS + f"WHERE c.id IN ({', '.join('?' * len(chunk))})", chunk):
            key = (matrix, packages, own, analyses)
            term = terms.get(key)
            if term is None:
                term = terms[key] = term_of(rules, {"matrix": matrix, "packages": packages, "analysis_package": own,
                                                    "analyses": analyses})
            when = (sampled_at, term.hours)
            if when in deadlines:
                due = deadlines[when]
            else:
                taken = parse_time(sampled_at)
                due = deadlines[when] = (None if taken is None or term.hours is None
                                         else taken + timedelta(hours=term.hours))
            found[cid] = Packed(cid, barcode, code, sampled_at, term.hours, term.what, due, matrix, term)
    return [found[i] for i in ids if i in found]


def _dicts(cur: sqlite3.Cursor) -> list[dict[str, Any]]:
    names = [d[0] for d in cur.description]
    return [dict(zip(names, r, strict=True)) for r in cur.fetchall()]


def packed(store: Store, ship: Shipment) -> list[Packed]:
    """The containers of a shipment, each with its deadline under the shipment's lab's terms."""
    ids = [r["container_id"] for r in store.query(
        "SELECT i.container_id FROM shipment_item i JOIN container c ON c.id = i.container_id "
        "JOIN sample s ON s.id = c.sample_id WHERE i.shipment_id = ? ORDER BY s.code, c.barcode", (ship.id,))]
    return of_containers(store.conn, ids, lab_rules(ship.lab))


def _local(moment: datetime) -> str:
    return moment.astimezone().strftime("%Y-%m-%d %H:%M")


def values(item: Packed) -> dict[str, Any]:
    """The fields of the holding-time rule's message for one container."""
    sampled = parse_time(item.sampled_at)
    return {"barcode": item.barcode, "sample": item.sample_code, "parameter": item.analysis, "hours": item.hours,
            "sampled": _local(sampled) if sampled else "?",
            "deadline": _local(item.deadline) if item.deadline else "?"}


def check_packing(book: RuleBook, items: Sequence[Packed], at: datetime) -> None:
    """Raise the holding-time rule for the first container past its deadline at ``at``.

    Called once per container inside an ``Overrides.guard()`` so that a recorded
    deviation lets exactly the late ones through."""
    for item in items:
        if item.late_at(at):
            raise RuleError("container", book[RULE], **values(item))


_MOMENTS = (
    "SELECT e.id, e.container_id, e.at_laptop FROM custody_event e JOIN container c ON c.id = e.container_id "
    "WHERE c.sample_id IN ({}) AND e.kind IN ('packed', 'received')"
)
# corrections are few; custody_event.corrects has no index, so they are read once rather than per event
_CORRECTED = "SELECT corrects FROM custody_event WHERE corrects IS NOT NULL"
# CROSS JOIN: from the few containers asked for, not from every item the project shipped
_LABS = (
    "SELECT i.container_id, sh.lab FROM container c CROSS JOIN shipment_item i ON i.container_id = c.id "
    "CROSS JOIN shipment sh ON sh.id = i.shipment_id WHERE c.sample_id IN ({}) AND sh.project_id = ? ORDER BY sh.id"
)
# per sample of the project: what its term depends on, and its sampling time and its jars' latest packed or
# received moment as SQLite reads them (julianday: a stamp without zone as UTC, milliseconds, NULL for what it
# cannot read, where Python may read it)
_SAMPLES = (
    "SELECT s.id, s.matrix, s.analyses, s.analysis_package, (SELECT group_concat(a.analysis_package, ' ') "
    "FROM analysis_sample_part p JOIN sample a ON a.id = p.analysis_sample_id WHERE p.field_sample_id = s.id "
    "AND a.analysis_package IS NOT NULL), julianday(s.sampled_at), "
    "(SELECT max(ifnull(julianday(e.at_laptop), 1e9)) FROM container c JOIN custody_event e "
    "ON e.container_id = c.id WHERE c.sample_id = s.id AND c.voided_at IS NULL "
    "AND e.kind IN ('packed', 'received')) "
    "FROM sample s WHERE s.project_id = ?"
)
#: days by which SQLite's reading of two stamps may differ from Python's: a stamp without zone is local time to
#: Python (UTC offsets run from -12 to +14 h), and SQLite keeps milliseconds
_MARGIN_DAYS = 2.0


def findings(conn: sqlite3.Connection, project_id: str, book: RuleBook) -> list[Finding]:
    """Every container packed or received after its holding time ended, and every analysis the
    table does not know (for `fieldapp check`)."""
    return judged(conn, project_id, book, _suspects(conn, project_id))


def _suspects(conn: sqlite3.Connection, project_id: str) -> list[str]:
    """The samples of which a container may be late or has an analysis the table does not know.

    A sample is left out only when, under the shortest term any of the project's labs gives its
    analyses, its jars' latest moment lies more than :data:`_MARGIN_DAYS` inside the term as SQLite
    reads the stamps: then no reading of Python's makes a jar late. :func:`judged` decides the rest."""
    labs = [lab_rules(lab) for (lab,) in conn.execute("SELECT DISTINCT lab FROM shipment WHERE project_id = ?",
                                                      (project_id,))]
    terms = list({r.title: r for r in (lab_rules(""), *labs)}.values())  # an unshipped jar: the default terms
    bounds: dict[tuple[Any, ...], tuple[float | None, bool]] = {}
    out = []
    for sid, matrix, analyses, own, packages, taken, latest in conn.execute(_SAMPLES, (project_id,)):
        key = (matrix, packages, own, analyses)
        known = bounds.get(key)
        if known is None:
            row = {"matrix": matrix, "packages": packages, "analysis_package": own, "analyses": analyses}
            each = [term_of(rules, row) for rules in terms]
            hours = [t.hours for t in each if t.hours is not None]
            known = bounds[key] = (min(hours) / 24 - _MARGIN_DAYS if hours else None,
                                   any(t.unknown for t in each) and not packages and not own)
        bound, unknown = known
        if unknown or (latest is not None and bound is not None and (taken is None or latest - taken > bound)):
            out.append(sid)
    return out


def judged(conn: sqlite3.Connection, project_id: str, book: RuleBook, sample_ids: Sequence[str]) -> list[Finding]:
    """The holding-time findings of the containers of ``sample_ids``, by barcode, with the times read
    as :func:`parse_time` reads them."""
    if not sample_ids:
        return []
    corrected = {r[0] for r in conn.execute(_CORRECTED)}
    moments: dict[str, datetime] = {}
    labs: dict[str, str] = {}
    rows: list[dict[str, Any]] = []
    for start in range(0, len(sample_ids), 500):
        chunk = list(sample_ids[start:start + 500])
        marks = ", ".join("?" * len(chunk))
        for event_id, cid, at in conn.execute(_MOMENTS.format(marks), chunk):
            moment = parse_time(at)  # stamps come with 'Z' or an offset: compared as times, not as text
            if event_id not in corrected and moment is not None and (cid not in moments or moment > moments[cid]):
                moments[cid] = moment
        labs.update(conn.execute(_LABS.format(marks), (*chunk, project_id)).fetchall())  # the last shipment's lab
        rows += _dicts(conn.execute(_CONTAINERS + f"WHERE s.id IN ({marks}) AND c.voided_at IS NULL", chunk))
    rows.sort(key=lambda r: r["barcode"])
    out: list[Finding] = []
    cache: dict[tuple[Any, ...], Term] = {}
    for row in rows:
        rules = lab_rules(labs.get(row["id"], ""))
        key = (rules.title, row["matrix"], row["packages"], row["analysis_package"], row["analyses"])
        if key not in cache:
            cache[key] = term_of(rules, row)
        term = cache[key]
        taken = parse_time(row["sampled_at"])
        due = None if taken is None or term.hours is None else taken + timedelta(hours=term.hours)
        item = Packed(row["id"], row["barcode"], row["sample_code"], row["sampled_at"], term.hours, term.what, due,
                      row["matrix"], term)
        moment = moments.get(row["id"])
        if moment is not None and item.late_at(moment):
            out.append(book.finding(RULE, object_kind="container", object_id=row["id"], object_code=row["barcode"],
                                    **values(item)))
        # a package parameter without a row for the matrix is a package/matrix mismatch, which the analysis
        # sample's own check reports; only a free-text analysis the table does not know is told here
        if term.unknown and not row["packages"] and not row["analysis_package"]:
            out.append(book.finding(UNKNOWN_RULE, object_kind="container", object_id=row["id"],
                                    object_code=row["barcode"], analysis=term.unknown[0], barcode=row["barcode"],
                                    hours=holding_table.load().default_hours))
    return out
