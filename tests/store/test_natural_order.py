"""The natural order in SQL (schema step 0013_natural_order): the index key sorts as
natural_key does, a database of the step before gets the index, and the pages, counts and
rows of fieldapp/domain/borehole_page.py come from that index."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from fieldapp.domain import borehole, borehole_page, project
from fieldapp.domain.borehole import natural_key
from fieldapp.session import Session
from fieldapp.store import Store
from fieldapp.store.natural import natural_sort_key

CODE = st.text(alphabet="Bb0123456789-aZ_ é", max_size=12)


@given(st.lists(CODE, max_size=30))
def test_the_sql_key_sorts_as_natural_key(codes: list[str]) -> None:
    by_sql = sorted(codes, key=natural_sort_key)
    assert [natural_key(c) for c in by_sql] == sorted(natural_key(c) for c in codes)


@given(CODE, CODE)
def test_two_codes_share_a_key_only_when_they_are_the_same(a: str, b: str) -> None:
    assert (natural_sort_key(a) == natural_sort_key(b)) == (a == b)


def test_an_older_database_gets_the_index_and_the_pages_come_from_it(tmp_path: Path) -> None:
    db = tmp_path / "old.sqlite"
    with Session.open(db) as s:  # made by this version, then taken back to the step before
        p = project.create(s, code="P", name="x")
        for n in (10, 2, 1, 100, 20):
            borehole.create(s, p.id, code=f"B{n}")
    conn = sqlite3.connect(db)
    conn.execute("DROP INDEX borehole_natural")
    conn.execute("DELETE FROM schema_migration WHERE name = '0013_natural_order'")
    conn.commit()
    conn.close()
    with Store.open(db, actor="t") as store:
        plan = " ".join(str(r) for r in store.conn.execute(
            f"EXPLAIN QUERY PLAN SELECT * FROM borehole WHERE project_id = ? ORDER BY {borehole_page.KEY}",
            (p.id,)))
        assert "borehole_natural" in plan and "TEMP B-TREE" not in plan  # no sort: the index's order
        assert [b.code for b in borehole_page.page(store, p.id, None, 0, 10)] == ["B1", "B2", "B10", "B20", "B100"]
        assert [b.code for b in borehole_page.page(store, p.id, None, 0, 2, after="B2")] == ["B10", "B20"]
        assert [b.code for b in borehole_page.page(store, p.id, None, 3, 5)] == ["B20", "B100"]
        match = borehole_page.Match("1")
        assert borehole_page.count(store, p.id, match) == 3
        b100 = next(b for b in borehole.of_project(store, p.id) if b.code == "B100")
        assert borehole_page.row_of(store, p.id, None, b100.id) == 4
        assert borehole_page.row_of(store, p.id, match, b100.id) == 2
        assert borehole_page.row_of(store, p.id, borehole_page.Match("2"), b100.id) is None
        assert [c.code for c in borehole_page.codes(store, p.id)] == ["B1", "B2", "B10", "B20", "B100"]
