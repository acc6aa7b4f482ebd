"""What a borehole log shows beside the layers, read from tables other work adds.

The boring process per depth interval (which apparatus from where to where)
and the analysis samples (mengmonsters) a field sample goes into are tables
of their own. A database may not have them yet (an older schema, or a build
without that work), so each is read only when its table exists, by the
columns it has; without it the log draws what the record holds: the
borehole's one apparatus over the whole hole, and no membership.
"""

from __future__ import annotations

import sqlite3
from collections import defaultdict
from dataclasses import dataclass, field

from fieldapp.export.data import Row, natural_key


@dataclass
class LogExtras:
    """Per borehole: its boring processes top down; per field sample: the analysis samples it is part of."""

    processes: dict[str, list[Row]] = field(default_factory=dict)
    analysis_of_sample: dict[str, list[str]] = field(default_factory=dict)


def columns(conn: sqlite3.Connection, table: str) -> set[str]:
    return {str(r[1]) for r in conn.execute(f"PRAGMA table_info({table})")}


def _first(have: set[str], *names: str) -> str | None:
    return next((n for n in names if n in have), None)


def boring_processes(conn: sqlite3.Connection, borehole_ids: set[str]) -> dict[str, list[Row]]:
    """``boring_process`` rows (upper_cm, lower_cm, apparatus, technique, diameter_mm) per borehole, top down,
    if the table exists. An empty ``lower_cm`` runs down to the final depth."""
    have = columns(conn, "boring_process")
    upper, lower = _first(have, "upper_cm", "from_cm", "top_cm"), _first(have, "lower_cm", "to_cm", "bottom_cm")
    if not have or "borehole_id" not in have or upper is None or lower is None:
        return {}
    wanted = {"apparatus": _first(have, "apparatus", "sampling_apparatus"), "technique": _first(have, "technique"),
              "diameter_mm": _first(have, "diameter_mm")}
    picked = ", ".join(f"{col} AS {name}" for name, col in wanted.items() if col)
    sql = (f"SELECT borehole_id, {upper} AS upper_cm, {lower} AS lower_cm{', ' + picked if picked else ''} "
           f"FROM boring_process ORDER BY borehole_id, {upper}")
    cursor = conn.execute(sql)
    names = [d[0] for d in cursor.description]
    out: dict[str, list[Row]] = defaultdict(list)
    for values in cursor:
        row = dict(zip(names, values, strict=True))
        if row["borehole_id"] in borehole_ids:
            out[row["borehole_id"]].append(row)
    return dict(out)


def analysis_membership(conn: sqlite3.Connection, sample_ids: set[str]) -> dict[str, list[str]]:
    """The codes of the analysis samples each field sample is part of, if the record holds them.

    SIKB0101: an analysis sample (MonsterType 10) names its parts, field samples, by role 10
    (HeeftDeelmonster). Here: a link table with ``analysis_sample_id`` and ``field_sample_id`` (or
    ``sample_id``); the analysis sample's code is in ``analysis_sample`` when that table exists, else in
    ``sample``.
    """
    tables = [str(r[0]) for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
    link, part = None, None
    for table in tables:
        have = columns(conn, table)
        if "analysis_sample_id" in have:
            part = _first(have, "field_sample_id", "sample_id")
            if part is not None:
                link = table
                break
    if link is None or part is None:
        return {}
    owner = "analysis_sample" if "code" in columns(conn, "analysis_sample") else "sample"
    out: dict[str, list[str]] = defaultdict(list)
    for sample_id, code in conn.execute(
            f"SELECT l.{part}, a.code FROM {link} l JOIN {owner} a ON a.id = l.analysis_sample_id"):
        if sample_id in sample_ids:
            out[sample_id].append(str(code))
    return {k: sorted(set(v), key=natural_key) for k, v in out.items()}


def load_extras(conn: sqlite3.Connection, borehole_ids: set[str], sample_ids: set[str]) -> LogExtras:
    return LogExtras(boring_processes(conn, borehole_ids), analysis_membership(conn, sample_ids))
