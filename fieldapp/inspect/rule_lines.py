"""Requirements judged by the rules tables of `fieldapp check` (staffing, holding times, ...).

A requirement names the tables in ``resources/rules/`` that hold its rules
(``"rule_tables": ["staffing"]``); the line fails on every error finding of
those rules that no recorded deviation covers, and lists the covered ones as
deviations. A table this installation does not have yet leaves the line
"not assessed", saying which table is missing, rather than passing it.
"""

from __future__ import annotations

import json
import sqlite3

from fieldapp.inspect.requirements import Note, Outcome, Requirement
from fieldapp.rules import DEFAULT_DIR, Finding


def rule_ids(tables: list[str]) -> tuple[set[str], list[str]]:
    """The rule ids of the named tables, and the tables that are not installed."""
    ids: set[str] = set()
    missing = []
    for name in tables:
        path = DEFAULT_DIR / f"{name}.json"
        try:
            rows = json.loads(path.read_text(encoding="utf-8"))["rules"]
        except FileNotFoundError:
            missing.append(name)
            continue
        except (OSError, ValueError, KeyError, TypeError):
            missing.append(name)  # a damaged table: `fieldapp check` names it
            continue
        ids.update(str(r["id"]) for r in rows if isinstance(r, dict) and "id" in r)
    return ids, missing


def judge(findings: list[Finding], requirement: Requirement) -> Outcome:
    tables = [str(t) for t in requirement.params.get("rule_tables", [])]
    ids, missing = rule_ids(tables)
    if not ids:
        names = ", ".join(f"resources/rules/{t}.json" for t in missing)
        return Outcome("not_assessed", (), Note(
            f"niet beoordeeld: deze installatie heeft de regels nog niet ({names})",
            f"not assessed: this installation does not have the rules yet ({names})"))
    mine = [f for f in findings if f.rule_id in ids]
    broken = [f for f in mine if f.severity == "error" and not f.deviation_id]
    covered = [f for f in mine if f.deviation_id]
    notes = [Note(f"{f.object_code}: {f.message_nl}", f"{f.object_code}: {f.message_en}") for f in broken]
    notes += [Note(f"{f.object_code}: afwijking vastgelegd: {f.message_nl}",
                   f"{f.object_code}: deviation recorded: {f.message_en}") for f in covered]
    warnings = sum(f.severity == "warning" and not f.deviation_id for f in mine)
    summary = Note(f"{len(ids)} regels getoetst; {len(broken)} overtreden, {len(covered)} met vastgelegde afwijking, "
                   f"{warnings} waarschuwingen",
                   f"{len(ids)} rules checked; {len(broken)} broken, {len(covered)} with a recorded deviation, "
                   f"{warnings} warnings")
    if missing:
        summary = Note(summary.nl + f" (tabel ontbreekt: {', '.join(missing)})",
                       summary.en + f" (table missing: {', '.join(missing)})")
    return Outcome("fail" if broken else "pass", tuple(notes), summary)


def has_table(conn: sqlite3.Connection, name: str) -> bool:
    return conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (name,)).fetchone() \
        is not None
