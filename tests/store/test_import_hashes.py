"""An import whose rows were hashed where they were made (the demo's generator process) journals
each row as the writer would have, and verify holds those hashes to the rows like any other."""

from __future__ import annotations

import pytest

from fieldapp.domain import project
from fieldapp.domain.importer import BoreholeRecord, LayerRecord, hash_rows, prepare_import, write_import
from fieldapp.errors import IntegrityError, StoreError
from fieldapp.session import Session
from fieldapp.store import journal
from fieldapp.store.verify import verify


def records() -> list[BoreholeRecord]:
    return [BoreholeRecord(code=f"B{n}", final_depth=1.0, layers=[
        LayerRecord(upper=0, lower=0.5, soil="Zs1h2", colour="bruin"),
        LayerRecord(upper=0.5, lower=1.0, soil="Kz1", colour="grijs")]) for n in range(1, 4)]


def test_rows_hashed_beforehand_are_journalled_as_the_writer_hashes_them(session: Session) -> None:
    proj = project.create(session, code="P1", name="hashed elsewhere")
    prepared = prepare_import(session, proj.id, records())
    hash_rows(prepared)
    assert set(prepared.hashes) >= {"borehole", "layer"}
    write_import(session, prepared)
    stored = {r["row_id"]: r["row_hash"] for r in session.store.query(
        "SELECT row_id, row_hash FROM journal WHERE tbl IN ('borehole', 'layer') AND op = 'insert'")}
    rows = session.store.query("SELECT * FROM borehole") + session.store.query("SELECT * FROM layer")
    assert len(rows) == 9 and {r["id"]: journal.row_hash(r) for r in rows} == stored
    verify(session.store)


def test_a_hash_that_is_not_the_rows_is_what_verify_names(session: Session) -> None:
    proj = project.create(session, code="P1", name="hashed wrongly")
    prepared = prepare_import(session, proj.id, records())
    hash_rows(prepared)
    prepared.hashes["layer"][2] = bytes(32)
    write_import(session, prepared)
    with pytest.raises(IntegrityError) as caught:
        verify(session.store)
    assert caught.value.table == "layer" and caught.value.row_id == prepared.rows["layer"][2]["id"]


def test_hashes_that_do_not_match_the_rows_are_refused_and_nothing_is_written(session: Session) -> None:
    proj = project.create(session, code="P1", name="hashes short")
    prepared = prepare_import(session, proj.id, records())
    hash_rows(prepared)
    prepared.hashes["layer"].pop()
    with pytest.raises(StoreError, match="layer"):
        write_import(session, prepared)
    assert session.store.count("borehole") == 0 and session.store.count("layer") == 0
