"""The natural order in SQL (schema step 0018_natural_order): the index key sorts as
natural_key does, a database of the step before gets the index, and the pages, counts and
rows of fieldapp/domain/borehole_page.py come from that index."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fieldapp.domain import borehole, borehole_page, project
from fieldapp.domain.borehole import natural_key
from fieldapp.session import Session
from fieldapp.store import Store
from fieldapp.store.natural import natural_sort_key

CODE = st.text(alphabet="Bb0123456789-aZ_ é", max_size=12)


@settings(suppress_health_check=[HealthCheck.too_slow], deadline=None)  # a busy 2-core machine
@given(st.lists(CODE, max_size=30))
def test_the_sql_key_sorts_as_natural_key(codes: list[str]) -> None:
    assert sorted(codes, key=natural_sort_key) == sorted(codes, key=natural_key)


# Any printable text, not only what human_code lets a user type now: an imported or older file may hold
# "Ø3", "B1²" (which natural_key could not read: int("²")) or "B٣" (the index key orders an Arabic-Indic 3
# after 5 by its character, natural_key by its value). Control characters are left out: no code holds them,
# and the index key's separators (below "\x05") would order "a\x01" before "a".
PRINTABLE = st.text(st.characters(blacklist_categories=("Cs", "Cc")), max_size=12)


@settings(suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(st.lists(PRINTABLE | CODE, max_size=30))
def test_the_window_and_the_domain_order_any_printable_codes_alike(codes: list[str]) -> None:
    assert sorted(codes, key=natural_sort_key) == sorted(codes, key=natural_key)


def test_awkward_codes_have_one_order() -> None:
    codes = ["B10", "Ø3", "10", "B1", "", "A10", "B01", "a2", "A1", "1A", "b1", "B1²", "B٣", "B5", "010"]
    want = ["", "A1", "a2", "A10", "B01", "B1", "b1", "B1²", "B5", "B٣", "B10", "Ø3", "1A", "010", "10"]
    assert sorted(codes, key=natural_sort_key) == want
    assert sorted(codes, key=natural_key) == want


@settings(deadline=None)
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
    conn.execute("DROP INDEX borehole_next_code")
    conn.execute("DROP INDEX sample_next_code")
    conn.execute("DELETE FROM schema_migration WHERE name = '0018_natural_order'")
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
        assert [c.code for c in borehole_page.code_page(store, p.id, 0, 9)] == ["B1", "B2", "B10", "B20", "B100"]
        assert [c.code for c in borehole_page.code_page(store, p.id, 3, 9)] == ["B20", "B100"]
        assert borehole_page.code_page(store, p.id, 0, 1, after="B20") == [(b100.id, "B100")]


def test_the_next_code_is_found_from_the_index_as_before(session: Session) -> None:
    from fieldapp.domain import sample

    p = project.create(session, code="P", name="x")
    assert borehole.next_code(session.store, p.id) == "B01"
    for code in ("B01", "B9", "B10", "B10a", "b11", "Bx12", "B007"):
        borehole.create(session, p.id, code=code)
    # B10a, b11 and Bx12 are not of the form B + number: the highest that is, is B10
    assert borehole.next_code(session.store, p.id) == "B11"
    q = project.create(session, code="Q", name="y")
    for code in ("B5-1", "B5-2", "b7"):  # none of the form B + number (the demo's samples: M01-1 ...)
        borehole.create(session, q.id, code=code)
    assert borehole.next_code(session.store, q.id) == "B01"
    for table in ("borehole", "sample"):  # only the codes that end in their number are looked at
        plan = " ".join(str(r) for r in session.store.conn.execute(
            f"EXPLAIN QUERY PLAN SELECT code FROM {table} INDEXED BY {table}_next_code WHERE project_id = ? "
            "AND code NOT GLOB '*[0-9][^0-9]*' "
            "AND fieldapp_natural(code) >= ? AND fieldapp_natural(code) < ? ORDER BY fieldapp_natural(code) DESC",
            (p.id, "a", "b")))
        assert "TEMP B-TREE" not in plan, plan  # INDEXED BY: SQLite refuses the query if the index cannot serve
    assert sample.next_code(session.store, p.id) == "M01"
