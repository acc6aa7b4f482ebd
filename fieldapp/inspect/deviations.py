"""Every deviation (afwijking) of a project listed, each checked for what BRL SIKB 2000 asks of it.

A deviation from the protocol must say which part (onderdeel), what (aard),
why (motivatie) and what follows from it (gevolgen en risico's), and who
decided. Rows of the ``deviation`` register lacking one of these fail the
line; the positions accepted far from the plan or below the required class,
with the sampler's reason, are listed with them.
"""

from __future__ import annotations

import sqlite3

from fieldapp.domain import deviation
from fieldapp.domain.common import dutch_day
from fieldapp.inspect.requirements import Note, Outcome, Requirement
from fieldapp.inspect.rule_lines import has_table

_REQUIRED = (("part", "onderdeel", "part"), ("nature", "aard", "nature"), ("reason", "motivatie", "reason"),
             ("consequences", "gevolgen", "consequences"), ("staff_id", "wie besliste", "who decided"),
             ("decided_at", "wanneer", "when"))


def _register(conn: sqlite3.Connection, project_id: str) -> tuple[list[Note], list[Note]]:
    failures, listed = [], []
    for d in deviation.for_project(conn, project_id):
        what = f"{d.object_code or d.object_kind} ({d.rule_id})"
        lacking = [(nl, en) for column, nl, en in _REQUIRED if not str(getattr(d, column) or "").strip()]
        if lacking:
            failures.append(Note(f"afwijking {what}: zonder {', '.join(nl for nl, _ in lacking)}",
                                 f"deviation {what}: without {', '.join(en for _, en in lacking)}"))
        who = d.staff_name or "?"
        when = dutch_day(d.decided_at)  # decided_at is UTC (utc_now): 00:30 in Utrecht is the Dutch day
        listed.append(Note(f"afwijking {what}: {d.nature} Motivatie: {d.reason} Gevolgen: {d.consequences} "
                           f"(besloten door {who}, {when})",
                           f"deviation {what}: {d.nature} Reason: {d.reason} Consequences: {d.consequences} "
                           f"(decided by {who}, {when})"))
    return failures, listed


def check(conn: sqlite3.Connection, project_id: str, requirement: Requirement) -> Outcome:
    failures: list[Note] = []
    listed: list[Note] = []
    if has_table(conn, "deviation"):
        failures, listed = _register(conn, project_id)
    columns = {r[1] for r in conn.execute("PRAGMA table_info(borehole)")}
    if "position_deviation" in columns:
        for code, text in conn.execute(
                "SELECT code, position_deviation FROM borehole WHERE project_id = ? AND position_deviation IS NOT "
                "NULL AND position_deviation <> '' ORDER BY code", (project_id,)):
            listed.append(Note(f"{code}: positie-afwijking: {text}", f"{code}: position deviation: {text}"))
    total = len(listed)
    summary = Note(f"{total} afwijkingen vastgelegd" + ("" if has_table(conn, "deviation")
                                                         else " (geen afwijkingenregister in deze database)"),
                   f"{total} deviations recorded" + ("" if has_table(conn, "deviation")
                                                      else " (no deviation register in this database)"))
    return Outcome("fail" if failures else "pass", tuple(failures + listed), summary)
