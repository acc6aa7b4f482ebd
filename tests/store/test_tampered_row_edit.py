"""Editing, removing or merging onto a row whose value was typed into the file by hand, one FieldApp never
writes (a REAL of 1.05e20: a whole number beyond 64 bits has no canonical form to hash), is refused with a
message naming the row and the column, in Dutch and English, and nothing is written. Before, the action
stopped with a TypeError out of the hashing, which the window showed as a fault in FieldApp."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from tests_store_helpers import refused

from fieldapp import demo, error_text
from fieldapp.domain import borehole
from fieldapp.errors import IntegrityError
from fieldapp.session import Session
from fieldapp.settings import Settings
from fieldapp.store import natural


@pytest.fixture
def tampered(tmp_path: Path) -> tuple[Path, str]:
    path = tmp_path / "field.sqlite"
    with Session.open(path, settings=Settings(user="J. de Vries")) as session:
        demo.create(session, boreholes=2, seed=3, project_code="2026-0142")
        hole = session.store.query("SELECT id FROM borehole ORDER BY code LIMIT 1")[0]["id"]
    conn = sqlite3.connect(path)
    natural.register(conn)  # the borehole indexes need it to change those rows
    with conn:
        conn.execute("UPDATE borehole SET x_rd = 1.05e20 WHERE id = ?", (hole,))
    conn.close()
    return path, hole


def test_an_edit_of_the_tampered_borehole_is_refused_naming_it(tampered: tuple[Path, str]) -> None:
    path, hole = tampered
    with Session.open(path, settings=Settings(user="J. de Vries")) as session:
        error = refused(session, IntegrityError, ("borehole", hole, "x_rd", "outside FieldApp", "nothing was saved"),
                        lambda: borehole.set_final_depth(session, hole, "3.00"))
        assert isinstance(error, IntegrityError) and (error.table, error.row_id) == ("borehole", hole)
        dutch = error_text.message(error, "nl")
        assert "buiten FieldApp om gewijzigd" in dutch and "x_rd" in dutch and hole in dutch
        assert "Voer fieldapp verify uit" in dutch and "outside" not in dutch
        assert "Run fieldapp verify" in error_text.message(error, "en")


def test_removing_the_tampered_borehole_is_refused(tampered: tuple[Path, str]) -> None:
    path, hole = tampered
    with Session.open(path, settings=Settings(user="J. de Vries")) as session:
        with session.store.action("Remove borehole") as tx:
            for table in ("sample_part", "layer"):
                for row in tx.query(f"SELECT id FROM {table} WHERE borehole_id = ?", (hole,)):
                    tx.delete(table, row["id"])
        refused(session, IntegrityError, ("borehole", hole, "x_rd"), lambda: borehole.delete(session, hole))
        assert session.store.get("borehole", hole) is not None


def test_other_boreholes_are_edited_as_before(tampered: tuple[Path, str]) -> None:
    path, hole = tampered
    with Session.open(path, settings=Settings(user="J. de Vries")) as session:
        other = session.store.query("SELECT id FROM borehole WHERE id != ?", (hole,))[0]["id"]
        assert borehole.set_final_depth(session, other, "3.00").final_depth_cm == 300
