"""The compact journal (schema step 0020_compact_journal, issue 18: a device file <= 20 KB per
borehole): an entry stores its table, row id and operation as numbers (a UUID as its two 64-bit halves),
and reads them back as the texts they were; a file of the step before converts in one step with
every entry and chain hash as it was, still verifies, and still catches tampering."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from fieldapp import demo
from fieldapp.codelists import CodeLists
from fieldapp.domain import layer, project
from fieldapp.errors import IntegrityError
from fieldapp.session import Session
from fieldapp.settings import Settings
from fieldapp.store import Store, compact_journal, journal
from fieldapp.store.migrations import applied
from fieldapp.store.verify import verify
from fieldapp.sync.local import Replica

# a 6-borehole demo written by main at step 0012 (tests/data/db/make_schema_0012.py)
BEFORE = Path(__file__).parents[1] / "data" / "db" / "schema-0012.sqlite"
ENTRY = "SELECT * FROM journal_entry ORDER BY seq"


def entries(conn: sqlite3.Connection) -> list[tuple[object, ...]]:
    return conn.execute(ENTRY).fetchall()


def verify_fails(path: Path) -> str:
    with Store.open(path, actor="verify", read_only=True) as store, pytest.raises(IntegrityError) as info:
        verify(store)
    return str(info.value)


def test_a_file_of_the_step_before_converts_keeping_every_entry_and_hash(tmp_path: Path, lists: CodeLists) -> None:
    db = tmp_path / "old.sqlite"
    shutil.copy(BEFORE, db)
    with Store.open(db, actor="A. Bakker", upto="0018_natural_order") as old:
        assert applied(old.conn)[-1] == "0018_natural_order"
        before, head = entries(old.conn), journal.head(old.conn)
        stored = old.conn.execute("SELECT typeof(row_id), typeof(tbl), typeof(op) FROM journal LIMIT 1").fetchone()
        assert stored == ("text", "text", "text")
    assert len(before) > 100
    with Session.open(db, settings=Settings(user="A. Bakker"), lists=lists) as s:
        conn = s.store.conn
        assert "0020_compact_journal" in applied(conn)
        assert entries(conn) == before and journal.head(conn) == head
        # what is stored: a UUID's two halves, the table's and the operation's numbers
        kinds = conn.execute("SELECT DISTINCT typeof(row_hi), typeof(row_lo), typeof(tbl_code), typeof(op_code) "
                             "FROM journal").fetchall()
        assert kinds == [("integer", "integer", "integer", "integer")]
        assert "journal_0018" not in {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
        verify(s.store)
        # new work goes on the same chain, and sync reads it by its texts
        layer_id = s.store.query("SELECT id FROM layer WHERE colour <> 'zwart' ORDER BY id LIMIT 1")[0]["id"]
        layer.update(s, layer_id, colour="zwart")
        assert journal.history(conn, "layer", layer_id)[-1] == ("update", '{"colour":"zwart"}')
        unsent = Replica(s.store).unsent(100_000)
        assert (unsent[-1].tbl, unsent[-1].row_id, unsent[-1].op) == ("layer", layer_id, "update")
        verify(s.store)
        victim = conn.execute("SELECT seq, row_lo FROM journal WHERE tbl = 'sample' ORDER BY seq LIMIT 1").fetchone()
    # one bit of a stored row id changed: the entry names another row, and the chain says so
    copy = tmp_path / "copy.sqlite"
    shutil.copy(db, copy)
    with sqlite3.connect(copy) as raw:
        raw.execute("UPDATE journal SET row_lo = ? WHERE seq = ?", (victim[1] ^ 1, victim[0]))
    assert f"journal entry {victim[0]} " in verify_fails(copy) and "altered" in verify_fails(copy)
    with sqlite3.connect(db) as raw:
        raw.execute("UPDATE borehole SET remarks = 'later' WHERE id = (SELECT MIN(id) FROM borehole)")
    assert "changed outside FieldApp" in verify_fails(db)


def test_an_id_that_is_not_a_canonical_uuid_is_kept_as_its_text(session: Session) -> None:
    """Ids made elsewhere (another program's import, an upper-case UUID) are stored as written."""
    odd = ("P-7", "01900000-0000-7000-8000-00000000BEEF", "01900000-0000-7000-8000-00000000beef")
    with session.store.action("Import projects") as tx:
        for n, row_id in enumerate(odd):
            tx.insert("project", {"id": row_id, "code": f"P{n}", "name": "x"})
    conn = session.store.conn
    stored = {r[0]: (r[1], r[2]) for r in conn.execute(
        "SELECT row_id, typeof(row_hi), typeof(tbl_code) FROM journal WHERE tbl = 'project'")}
    assert stored == {"P-7": ("text", "integer"), odd[1]: ("text", "integer"), odd[2]: ("integer", "integer")}
    assert [r[0] for r in conn.execute("SELECT row_id FROM journal_entry WHERE tbl = 'project' ORDER BY seq")] \
        == list(odd)
    project.edit(session, "P-7", {"report_number": "R-1"})
    assert [op for op, _ in journal.history(conn, "project", "P-7")] == ["insert", "update"]
    assert [c.row_id for c in Replica(session.store).unsent(10)] == [*odd, "P-7"]
    verify(session.store)


def test_a_table_added_after_the_step_is_stored_by_its_name(session: Session) -> None:
    conn = session.store.conn
    conn.execute("CREATE TABLE later_thing (id TEXT PRIMARY KEY, name TEXT)")
    with session.store.action("Add a later thing") as tx:
        row_id = tx.insert("later_thing", {"name": "x"})
    assert conn.execute("SELECT tbl_code, tbl, row_id FROM journal WHERE row_id = ?", (row_id,)).fetchone() \
        == ("later_thing", "later_thing", row_id)


def test_a_demo_entry_stores_no_repeated_text(tmp_path: Path, lists: CodeLists) -> None:
    with Session.open(tmp_path / "demo.sqlite", settings=Settings(user="J. de Vries"), lists=lists) as s:
        demo.create(s, boreholes=20, seed=7, parallel=False)
        conn = s.store.conn
        texts = conn.execute("SELECT COUNT(*) FROM journal WHERE row_lo IS NULL OR typeof(row_hi) <> 'integer' "
                             "OR typeof(tbl_code) <> 'integer'").fetchone()[0]
        assert texts == 0
        verify(s.store)


def test_the_pages_the_step_frees_go_back_to_the_disk_unless_the_file_is_in_use(tmp_path: Path) -> None:
    db = tmp_path / "freed.sqlite"
    conn = sqlite3.connect(db, isolation_level=None)
    conn.execute("CREATE TABLE old (x BLOB)")
    conn.executemany("INSERT INTO old VALUES (?)", [(bytes(4000),) for _ in range(600)])
    conn.execute("DROP TABLE old")  # as the step drops the old journal
    full = db.stat().st_size
    reader = sqlite3.connect(db, isolation_level=None)
    reader.execute("BEGIN")
    reader.execute("SELECT COUNT(*) FROM sqlite_master").fetchone()  # another connection reads the file
    compact_journal.reclaim(conn)  # cannot: left as it is, and no error
    assert conn.execute("PRAGMA freelist_count").fetchone()[0] > 500 and db.stat().st_size == full
    reader.execute("COMMIT")
    reader.close()
    compact_journal.reclaim(conn)
    assert conn.execute("PRAGMA freelist_count").fetchone()[0] == 0 and db.stat().st_size < full / 4
    conn.close()


@pytest.mark.parametrize(("tbl_code", "op_code"), [
    (1.0, 0),  # reads back as the table '1.0', not as table 1
    (99, 0), (0, 0), (b"project", 0), ("sample", 0),  # beyond the list, another type, another table
    (1, 1), (1, 7),  # another operation, one beyond the list (written past the CHECK)
])
def test_a_changed_table_or_operation_number_breaks_the_chain(session: Session, tbl_code: object,
                                                              op_code: object) -> None:
    """verify spells the stored numbers itself (it is faster than reading the generated texts), and
    exactly as the generated columns do: a number that reads back as another table or operation is caught."""
    with session.store.action("Add two projects") as tx:  # the first one's entry is left as it is
        tx.insert("project", {"code": "P1", "name": "x"})
        tx.insert("project", {"code": "P2", "name": "y"})
    verify(session.store)
    seq = session.store.conn.execute("SELECT MAX(seq) FROM journal").fetchone()[0]
    with sqlite3.connect(session.store.path) as raw:
        raw.execute("PRAGMA ignore_check_constraints = ON")
        raw.execute("UPDATE journal SET tbl_code = ?, op_code = ? WHERE seq = ?", (tbl_code, op_code, seq))
    message = verify_fails(session.store.path)
    assert f"journal entry {seq} " in message and "altered outside FieldApp" in message
