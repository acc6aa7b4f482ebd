"""Each project's borehole count, kept by the file itself (schema step 0023_borehole_tally).

The borehole list's title ("50.000 boringen, 49.812 ingemeten") and its
scroll bar need the project's count the moment the window opens. Counted
from the ``borehole_natural`` index that is a scan of 50,000 entries (6 ms,
and a worker contending for the interpreter while the window is built);
kept, it is one row. SQLite's triggers keep it with every insert, delete
and move of a borehole and every position measured or cleared, whoever
writes it: a form, an import, a sync pull. It is derived, never
journalled nor synced; ``fieldapp verify`` counts the boreholes again and
names a project whose kept count differs (the triggers are part of the
schema verify compares, so only a hand edit of the file can make it so).
"""

from __future__ import annotations

import sqlite3

# A tally row is made by the first borehole of a project (an upsert), not by the project: a sync pull may
# write a project's boreholes before the project row, and a project without boreholes counts 0 anyway.
BOREHOLE_TALLY = """
CREATE TABLE borehole_tally (
    project_id TEXT PRIMARY KEY,
    boreholes INTEGER NOT NULL,
    measured INTEGER NOT NULL
) WITHOUT ROWID;
INSERT INTO borehole_tally (project_id, boreholes, measured)
    SELECT project_id, COUNT(*), COUNT(lat) FROM borehole GROUP BY project_id;
CREATE TRIGGER borehole_tally_insert AFTER INSERT ON borehole BEGIN
    INSERT INTO borehole_tally (project_id, boreholes, measured) VALUES (NEW.project_id, 1, NEW.lat IS NOT NULL)
    ON CONFLICT (project_id) DO UPDATE SET boreholes = boreholes + 1, measured = measured + excluded.measured;
END;
CREATE TRIGGER borehole_tally_delete AFTER DELETE ON borehole BEGIN
    UPDATE borehole_tally SET boreholes = boreholes - 1, measured = measured - (OLD.lat IS NOT NULL)
    WHERE project_id = OLD.project_id;
END;
CREATE TRIGGER borehole_tally_update AFTER UPDATE OF project_id, lat ON borehole
WHEN OLD.project_id IS NOT NEW.project_id OR (OLD.lat IS NULL) <> (NEW.lat IS NULL) BEGIN
    UPDATE borehole_tally SET boreholes = boreholes - 1, measured = measured - (OLD.lat IS NOT NULL)
    WHERE project_id = OLD.project_id;
    INSERT INTO borehole_tally (project_id, boreholes, measured) VALUES (NEW.project_id, 1, NEW.lat IS NOT NULL)
    ON CONFLICT (project_id) DO UPDATE SET boreholes = boreholes + 1, measured = measured + excluded.measured;
END
"""


def apply(conn: sqlite3.Connection) -> None:
    """Schema step 0023: the table, its first counts and the triggers that keep them, in the step's
    transaction (statement by statement: executescript would commit it; a trigger's body holds ";")."""
    statement = ""
    for line in BOREHOLE_TALLY.splitlines(keepends=True):
        statement += line
        if sqlite3.complete_statement(statement):
            conn.execute(statement)
            statement = ""
    if statement.strip():
        conn.execute(statement)


def counts(conn: sqlite3.Connection, project_id: str) -> tuple[int, int]:
    """(boreholes, measured ones) of the project: one row, whatever its size."""
    row = conn.execute("SELECT boreholes, measured FROM borehole_tally WHERE project_id = ?",
                       (project_id,)).fetchone()
    return (0, 0) if row is None else (int(row[0]), int(row[1]))


def differences(conn: sqlite3.Connection) -> list[tuple[str, tuple[object, object], tuple[int, int]]]:
    """(project id, kept, counted) of each project whose kept counts differ from its boreholes."""
    counted = {str(p): (int(n), int(m)) for p, n, m in conn.execute(
        "SELECT project_id, COUNT(*), COUNT(lat) FROM borehole GROUP BY project_id")}
    # kept as stored: a text or a blob written by hand differs from any count (int() would stop at it)
    kept: dict[str, tuple[object, object]] = {str(p): (n, m) for p, n, m in conn.execute(
        "SELECT project_id, boreholes, measured FROM borehole_tally")}
    return [(p, kept.get(p, (0, 0)), counted.get(p, (0, 0))) for p in sorted(counted.keys() | kept.keys())
            if kept.get(p, (0, 0)) != counted.get(p, (0, 0))]


def check(conn: sqlite3.Connection) -> str | None:
    """What :func:`differences` finds, said in one line for ``fieldapp verify``; None when the counts hold."""
    found = differences(conn)
    if not found:
        return None
    project_id, kept, counted = found[0]
    return (f"the kept borehole count of project {project_id} says {kept[0]} ({kept[1]} measured) where it "
            f"has {counted[0]} ({counted[1]} measured): borehole_tally was changed outside FieldApp")
