"""What the analysis-sample composer shows, a page at a time (issue 18): a project of 50,000 boreholes
has some 150,000 field samples and thousands of analysis samples, and the composer reads only the
rows it shows.

The field samples come in the borehole list's order (natural order of the borehole code, from the
``borehole_natural`` index), then by depth and code, read borehole by borehole from the one after
the last row shown; the filters (matrix, boreholes, depth) are in the SQL. The analysis samples come
in natural order of their code from the ``sample_analysis_natural`` index (schema step
0019_analysis_natural).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from fieldapp.domain.analysis_sample import KIND, PART_KINDS, AnalysisSample, Member
from fieldapp.domain.common import from_row
from fieldapp.store.natural import FUNCTION, natural_sort_key

if TYPE_CHECKING:
    from fieldapp.store import Store

#: boreholes read at the first step of a page; doubled while a filter leaves the page short
FIRST_STEP = 64
LAST_STEP = 4096
_KINDS = ", ".join(f"'{k}'" for k in PART_KINDS)
_HOLE_KEY = f"{FUNCTION}(code)"


@dataclass(frozen=True)
class Candidate(Member):
    """A field sample the composer offers, with the analysis samples it is already part of."""

    in_analysis: tuple[str, ...] = ()


@dataclass(frozen=True)
class Head(AnalysisSample):
    """An analysis sample as the composer lists it, with how many parts it has."""

    parts: int = 0


@dataclass(frozen=True)
class PartFilter:
    """Which field samples are shown: ``boreholes`` are codes in any case (none: all)."""

    matrix: str | None = None
    boreholes: tuple[str, ...] = ()
    top_cm: int | None = None  # shown when its lower end is below this depth
    bottom_cm: int | None = None  # shown when its upper end is above this depth


_SELECT = (
    "SELECT s.id, s.code, s.kind, s.matrix, p.borehole_id, b.code, p.upper_cm, p.lower_cm, "
    "(SELECT COUNT(*) FROM container c WHERE c.sample_id = s.id AND c.voided_at IS NULL) AS jars, "
    "(SELECT json_group_array(h.code) FROM analysis_sample_part a JOIN sample h ON h.id = a.analysis_sample_id "
    " WHERE a.field_sample_id = s.id) AS heads "
    # from the ids given (json_each) outwards: CROSS JOIN keeps SQLite from starting at the sample table
    "FROM json_each(?) AS given CROSS JOIN {join} CROSS JOIN borehole b ON b.id = p.borehole_id "
    f"WHERE s.kind IN ({_KINDS}) "
    # a sample is listed once, at its top part (as analysis_sample.field_samples does)
    "AND p.id = (SELECT id FROM sample_part WHERE sample_id = s.id ORDER BY upper_cm LIMIT 1) "
)
_BY_BOREHOLE = "sample_part p ON p.borehole_id = given.value CROSS JOIN sample s ON s.id = p.sample_id"
_BY_SAMPLE = "sample s ON s.id = given.value CROSS JOIN sample_part p ON p.sample_id = s.id"


def candidates(store: Store, project_id: str, where: PartFilter, after_borehole: str | None,
               limit: int) -> list[Candidate]:
    """At least ``limit`` field samples (fewer at the end) of whole boreholes, from the borehole after
    ``after_borehole`` (a code; None: the first) on, in the composer's order."""
    out: list[Candidate] = []
    step = FIRST_STEP
    after = after_borehole
    seen = 0
    while len(out) < limit:
        holes = _boreholes(store, project_id, where, after, step)
        if not holes:
            break
        out += _of_boreholes(store, project_id, where, holes)
        after, seen = holes[-1][1], seen + len(holes)
        if len(holes) < step:
            break
        # as many boreholes as the rows still wanted need at the rate seen so far (a filter thins it)
        step = max(FIRST_STEP, min(LAST_STEP, (limit - len(out)) * seen // max(len(out), 1) + 1))
    return out


def _boreholes(store: Store, project_id: str, where: PartFilter, after: str | None,
               limit: int) -> list[tuple[str, str]]:
    sql = "SELECT id, code FROM borehole INDEXED BY borehole_natural WHERE project_id = ?"
    args: list[Any] = [project_id]
    if after is not None:
        sql += f" AND {_HOLE_KEY} > ?"
        args.append(natural_sort_key(after))
    if where.boreholes:
        sql += f" AND lower(code) IN ({', '.join('?' * len(where.boreholes))})"
        args += [code.lower() for code in where.boreholes]
    sql += f" ORDER BY {_HOLE_KEY} LIMIT ?"
    return [(r[0], r[1]) for r in store.conn.execute(sql, (*args, limit))]


def _of_boreholes(store: Store, project_id: str, where: PartFilter,
                  holes: list[tuple[str, str]]) -> list[Candidate]:
    sql = _SELECT.format(join=_BY_BOREHOLE) + "AND s.project_id = ?"
    args: list[Any] = [json.dumps([h[0] for h in holes]), project_id]
    if where.matrix:
        sql += " AND s.matrix = ?"
        args.append(where.matrix)
    if where.top_cm is not None:
        sql += " AND p.lower_cm > ?"
        args.append(where.top_cm)
    if where.bottom_cm is not None:
        sql += " AND p.upper_cm < ?"
        args.append(where.bottom_cm)
    order = {hole_id: n for n, (hole_id, _code) in enumerate(holes)}
    rows = sorted(store.conn.execute(sql, args), key=lambda r: (order[r[4]], r[6], r[1]))
    return [_candidate(r) for r in rows]


def _candidate(r: Any) -> Candidate:
    heads = tuple(sorted(json.loads(r[9]), key=natural_sort_key)) if r[9] else ()
    return Candidate("", r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7], int(r[8]), heads)


def candidates_by_id(store: Store, sample_ids: list[str]) -> dict[str, Candidate]:
    """The field samples with these ids (the ticked parts, wherever they are in the list)."""
    if not sample_ids:
        return {}
    rows = store.conn.execute(_SELECT.format(join=_BY_SAMPLE), (json.dumps(sample_ids),))
    return {r[0]: _candidate(r) for r in rows}


def jar_codes(store: Store, sample_ids: list[str]) -> dict[str, list[str]]:
    """The live jars' barcodes of these samples, by sample id."""
    out: dict[str, list[str]] = {}
    for sample_id, barcode in store.conn.execute(
            "SELECT sample_id, barcode FROM container WHERE sample_id IN (SELECT value FROM json_each(?)) "
            "AND voided_at IS NULL ORDER BY barcode", (json.dumps(sample_ids),)):
        out.setdefault(sample_id, []).append(barcode)
    return out


_KEY = f"{FUNCTION}(code)"


def heads(store: Store, project_id: str, after: str | None, limit: int) -> list[Head]:
    """``limit`` analysis samples in natural order of their code, after the code ``after``."""
    sql = (f"SELECT s.*, (SELECT COUNT(*) FROM analysis_sample_part a WHERE a.analysis_sample_id = s.id) "
           f"AS parts FROM sample s INDEXED BY sample_analysis_natural WHERE s.project_id = ? AND s.kind = '{KIND}'")
    args: list[Any] = [project_id]
    if after is not None:
        sql += f" AND {_KEY} > ?"
        args.append(natural_sort_key(after))
    rows = store.conn.execute(f"{sql} ORDER BY {_KEY} LIMIT ?", (*args, limit))
    names = [d[0] for d in rows.description]
    return [from_row(Head, dict(zip(names, r, strict=True))) for r in rows]
