"""Each project's borehole count is kept by the file (fieldapp/store/tally.py): whatever writes boreholes,
the kept count is the count, a file of an earlier FieldApp gets it on opening, and verify names a count
changed by hand."""

from __future__ import annotations

import random
import shutil
import sqlite3
from pathlib import Path

import pytest

from fieldapp import demo
from fieldapp.codelists import CodeLists
from fieldapp.domain import borehole, project
from fieldapp.errors import IntegrityError
from fieldapp.session import Session
from fieldapp.settings import Settings
from fieldapp.store import Store, tally
from fieldapp.store.verify import verify


def counted(conn: sqlite3.Connection) -> dict[str, tuple[int, int]]:
    return {str(p): (int(n), int(m)) for p, n, m in conn.execute(
        "SELECT project_id, COUNT(*), COUNT(lat) FROM borehole GROUP BY project_id")}


def kept(conn: sqlite3.Connection, projects: list[str]) -> dict[str, tuple[int, int]]:
    return {p: tally.counts(conn, p) for p in projects if tally.counts(conn, p) != (0, 0)}


def test_the_kept_count_follows_every_insert_move_measurement_and_delete(session: Session) -> None:
    rng = random.Random(18)
    projects = [project.create(session, code=f"P{i}", name=f"Project {i}").id for i in range(3)]
    holes: list[str] = []
    for step in range(300):
        op = rng.choice(("add", "add", "add", "measure", "clear", "move", "delete"))
        with session.store.action(f"step {step}") as tx:
            if op == "add" or not holes:
                hole = borehole.create(session, rng.choice(projects), code=f"B{step}")
                holes.append(hole.id)
            elif op == "measure":
                tx.update("borehole", rng.choice(holes), {"lat": 52.0 + rng.random(), "lon": 5.0})
            elif op == "clear":
                tx.update("borehole", rng.choice(holes), {"lat": None, "lon": None})
            elif op == "move":
                tx.update("borehole", rng.choice(holes), {"project_id": rng.choice(projects)})
            else:
                gone = holes.pop(rng.randrange(len(holes)))
                tx.delete("borehole", gone)
        assert kept(session.store.conn, projects) == counted(session.store.conn), f"after step {step} ({op})"
    assert sum(n for n, _m in counted(session.store.conn).values()) == len(holes)
    verify(session.store)


def test_a_rolled_back_action_leaves_the_count_as_it_was(session: Session) -> None:
    p = project.create(session, code="P1", name="One")
    borehole.create(session, p.id, code="B1")
    with pytest.raises(RuntimeError), session.store.action("fails half way") as tx:
        tx.insert_many("borehole", [{"project_id": p.id, "code": "B2", "kind": "boring"}])
        raise RuntimeError("the form's save failed after the insert")
    assert tally.counts(session.store.conn, p.id) == (1, 0)


def test_the_bulk_import_of_the_demo_is_counted(tmp_path: Path) -> None:
    with Session.open(tmp_path / "demo.sqlite", settings=Settings(user="J. de Vries")) as session:
        demo.create(session, boreholes=40, seed=5)
        conn = session.store.conn
        projects = [str(r[0]) for r in conn.execute("SELECT id FROM project")]
        assert kept(conn, projects) == counted(conn) and sum(n for n, _m in counted(conn).values()) >= 40


def test_a_file_of_an_earlier_fieldapp_gets_its_counts_on_opening(tmp_path: Path, lists: CodeLists) -> None:
    db = tmp_path / "old.sqlite"
    with Session(Store.open(db, actor="A. Bakker", upto="0022_filter_depth_reference"),
                 Settings(user="A. Bakker"), lists) as session:
        p = project.create(session, code="P1", name="One")
        for i in range(1, 8):
            borehole.create(session, p.id, code=f"B{i}")
        assert session.store.conn.execute(
            "SELECT 1 FROM sqlite_master WHERE name = 'borehole_tally'").fetchone() is None
    with Store.open(db, actor="A. Bakker") as store:
        assert tally.counts(store.conn, p.id) == (7, 0)
        verify(store)


def test_verify_names_a_count_changed_by_hand(session: Session, tmp_path: Path) -> None:
    p = project.create(session, code="P1", name="One")
    borehole.create(session, p.id, code="B1")
    session.close()
    copy = tmp_path / "copy.sqlite"
    shutil.copy(session.store.path, copy)
    conn = sqlite3.connect(copy)
    conn.execute("UPDATE borehole_tally SET boreholes = 5")
    conn.commit()
    conn.close()
    with Store.open(copy, actor="A. Bakker") as store, pytest.raises(IntegrityError) as caught:
        verify(store)
    assert f"project {p.id} says 5 (0 measured) where it has 1 (0 measured)" in str(caught.value)
