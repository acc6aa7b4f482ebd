"""A project's boreholes a page at a time, in natural order, searched in SQL (issue 18).

Every query here is answered from one index (``borehole_natural``, schema
step 0018_natural_order): the order (B2 before B10), the row a borehole is at
and the search over what the list shows (code, status, depth, position
class); the project's count is kept beside it (:mod:`fieldapp.store.tally`).
Only the boreholes of the page asked for are read from the table, so a
project of 50,000 boreholes costs what the screen shows.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass, fields
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from fieldapp.domain.borehole import Borehole
from fieldapp.domain.depth import format_m
from fieldapp.store import files, tally
from fieldapp.store.natural import FUNCTION, natural_sort_key

if TYPE_CHECKING:
    from fieldapp.store import Store

KEY = f"{FUNCTION}(code)"  # as the index has it, word for word, or SQLite does not use the index
# a page's columns in the dataclass's order: a row becomes a Borehole without a dict per row
_COLUMNS = ", ".join(f.name for f in fields(Borehole))
_DEPTH_CHARS = frozenset("0123456789.,")


class BoreholeCode(NamedTuple):
    """A borehole as a choice in a list of codes."""

    id: str
    code: str


@dataclass(frozen=True)
class Match:
    """A search over the shown cells, turned into what the stored columns must hold.

    ``text`` is searched in the code; the other fields say which depths (in cm),
    statuses and position classes the caller shows with words that contain the
    text (the words are the UI's; :func:`depths_shown_with` for the depths).
    """

    text: str
    depths: tuple[int, ...] = ()
    measured: bool = False
    planned: bool = False
    classes: tuple[str, ...] = ()
    no_depth: bool = False
    no_class: bool = False

    def where(self) -> tuple[str, list[Any]]:
        like = "%" + self.text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        # the depth as format_m shows it: metres, two decimals (negative depths are not allowed)
        terms = ["code LIKE ? ESCAPE '\\'"]
        args: list[Any] = [like]
        if self.depths:  # one list looked up per row, not a depth text built per row
            terms.append("final_depth_cm IN (SELECT value FROM json_each(?))")
            args.append(json.dumps(self.depths))
        if self.measured:
            terms.append("lat IS NOT NULL")
        if self.planned:
            terms.append("lat IS NULL")
        if self.classes:
            terms.append(f"position_class IN ({', '.join('?' * len(self.classes))})")
            args += self.classes
        if self.no_depth:
            terms.append("final_depth_cm IS NULL")
        if self.no_class:
            terms.append("position_class IS NULL")
        return "(" + " OR ".join(terms) + ")", args


def _where(project_id: str, match: Match | None) -> tuple[str, list[Any]]:
    if match is None:
        return "project_id = ?", [project_id]
    sql, args = match.where()
    return f"project_id = ? AND {sql}", [project_id, *args]


def count(store: Store, project_id: str, match: Match | None = None) -> int:
    if match is None:
        return tally.counts(store.conn, project_id)[0]
    where, args = _where(project_id, match)
    return int(store.conn.execute(f"SELECT COUNT(*) FROM borehole INDEXED BY borehole_natural WHERE {where}",
                                  args).fetchone()[0])


def page(store: Store, project_id: str, match: Match | None, offset: int, limit: int,
         after: str | None = None) -> list[Borehole]:
    """``limit`` boreholes from row ``offset`` on; ``after`` (the code of the row before ``offset``) seeks
    there in the index instead of stepping over ``offset`` rows."""
    return _page(store.conn, project_id, match, offset, limit, after)


def _page(conn: sqlite3.Connection, project_id: str, match: Match | None, offset: int, limit: int,
          after: str | None) -> list[Borehole]:
    where, args = _where(project_id, match)
    if after is not None:
        where += f" AND {KEY} > ?"
        args.append(natural_sort_key(after))
        offset = 0
    rows = conn.execute(f"SELECT {_COLUMNS} FROM borehole INDEXED BY borehole_natural WHERE {where} "
                        f"ORDER BY {KEY} LIMIT ? OFFSET ?", (*args, limit, offset))
    return [Borehole(*r) for r in rows]


def row_of(store: Store, project_id: str, match: Match | None, borehole_id: str) -> int | None:
    """The row ``borehole_id`` is at in the (searched) list, or None when it is not in it."""
    found = locate(store, project_id, match, borehole_id)
    return None if found is None else found[0]


def locate(store: Store, project_id: str, match: Match | None, borehole_id: str) -> tuple[int, str] | None:
    """(row, code) of ``borehole_id`` in the (searched) list, or None when it is not in it: the code is
    where :func:`page_around` reads the page of that row from."""
    where, args = _where(project_id, match)
    found = store.conn.execute(f"SELECT code FROM borehole WHERE id = ? AND {where}",
                               (borehole_id, *args)).fetchone()
    if found is None:
        return None
    before = store.conn.execute(f"SELECT COUNT(*) FROM borehole INDEXED BY borehole_natural WHERE {where} "
                                f"AND {KEY} < ?", (*args, natural_sort_key(found[0]))).fetchone()[0]
    return int(before), str(found[0])


def count_and_locate(store: Store, project_id: str, match: Match | None,
                     borehole_id: str) -> tuple[int, tuple[int, str] | None]:
    """:func:`count` and :func:`locate` in one pass over the index: a new search and the row the
    selected borehole is at in it."""
    where, args = _where(project_id, match)
    found = store.conn.execute(f"SELECT code FROM borehole WHERE id = ? AND {where}",
                               (borehole_id, *args)).fetchone()
    if found is None:
        return count(store, project_id, match), None
    n, before = store.conn.execute(  # the key as the index holds it: read from there, not computed per row
        f"SELECT COUNT(*), COUNT(CASE WHEN {KEY} < ? THEN 1 END) FROM borehole INDEXED BY borehole_natural "
        f"WHERE {where}", (natural_sort_key(found[0]), *args)).fetchone()
    return int(n), (int(before), str(found[0]))


def page_around(store: Store, project_id: str, match: Match | None, code: str, before: int,
                limit: int) -> list[Borehole]:
    """``before`` boreholes before the one with ``code`` and ``limit - before`` from it on, in list order:
    the page of a row far down the list read from a borehole known to be on it, both ways in the index,
    instead of :func:`page` stepping over every row before the page."""
    return [Borehole(*r) for r in _around(store, _COLUMNS, project_id, match, code, before, limit)]


def code_page_around(store: Store, project_id: str, code: str, before: int, limit: int) -> list[BoreholeCode]:
    """:func:`page_around` as (id, code) only."""
    return [BoreholeCode(*r) for r in _around(store, "id, code", project_id, None, code, before, limit)]


def _around(store: Store, columns: str, project_id: str, match: Match | None, code: str, before: int,
            limit: int) -> list[Any]:
    where, args = _where(project_id, match)
    key = natural_sort_key(code)
    sql = f"SELECT {columns} FROM borehole INDEXED BY borehole_natural WHERE {where} AND {KEY} "
    head = store.conn.execute(f"{sql} < ? ORDER BY {KEY} DESC LIMIT ?", (*args, key, before)).fetchall()
    tail = store.conn.execute(f"{sql} >= ? ORDER BY {KEY} LIMIT ?", (*args, key, limit - before)).fetchall()
    return head[::-1] + tail


class Summary(NamedTuple):
    """A project's boreholes at a glance: what the list's title and its search need, read together."""

    boreholes: int
    measured: int
    deepest_cm: int | None
    classes: tuple[str, ...]  # the position classes its boreholes have (a handful)


def summary(store: Store, project_id: str) -> Summary:
    """The counts, the deepest final depth and the position classes in one pass over the index (a
    project of 50,000 boreholes: one read of its entries): what a search needs to know beside its text."""
    return _summary(store.conn, project_id)


def read_summary(path: str, project_id: str) -> Summary:
    """:func:`summary` on a read-only connection of its own: for a worker thread, given plain data."""
    conn = files.connect_read_only(Path(path))
    try:
        return _summary(conn, project_id)
    finally:
        conn.close()


def _summary(conn: sqlite3.Connection, project_id: str) -> Summary:
    n, measured, deepest, classes = conn.execute(
        "SELECT COUNT(*), COUNT(lat), MAX(final_depth_cm), json_group_array(DISTINCT position_class) "
        "FROM borehole INDEXED BY borehole_natural WHERE project_id = ?", (project_id,)).fetchone()
    return Summary(int(n), int(measured), None if deepest is None else int(deepest),
                   tuple(c for c in json.loads(classes) if c is not None))


def counts(store: Store, project_id: str) -> tuple[int, int]:
    """(boreholes, measured ones) of the project, what the list's title shows: kept by the file
    (:mod:`fieldapp.store.tally`), one row however big the project."""
    return tally.counts(store.conn, project_id)


def stamp(store: Store) -> tuple[int, int]:
    """What changes whenever the file may have: a commit by another connection (``PRAGMA data_version``)
    or a row written through this one (``total_changes``, rolled back or not). Two equal stamps: what a
    search knows of the project (:func:`summary`, a scan of its index) still holds."""
    conn = store.conn
    return int(conn.execute("PRAGMA data_version").fetchone()[0]), conn.total_changes


def depths_shown_with(text: str, deepest_cm: int | None) -> tuple[int, ...]:
    """The depths (cm, down to ``deepest_cm``) whose shown text (format_m: 2.50, in Dutch 2,50) contains
    ``text``."""
    if deepest_cm is None or not text or not set(text) <= _DEPTH_CHARS:
        return ()
    text = text.replace(",", ".")
    return tuple(cm for cm in range(deepest_cm + 1) if text in format_m(cm))


def code_page(store: Store, project_id: str, offset: int, limit: int,
              after: str | None = None) -> list[BoreholeCode]:
    """:func:`page` as (id, code) only, from the index alone: a list of choices."""
    where, args = "project_id = ?", [project_id]
    if after is not None:
        where += f" AND {KEY} > ?"
        args.append(natural_sort_key(after))
        offset = 0
    return [BoreholeCode(i, c) for i, c in store.conn.execute(
        f"SELECT id, code FROM borehole INDEXED BY borehole_natural WHERE {where} ORDER BY {KEY} LIMIT ? OFFSET ?",
        (*args, limit, offset))]
