"""An import whose rows were hashed where they were made (the demo's generator process) journals
each row as the writer would have, and verify holds those hashes to the rows like any other."""

from __future__ import annotations

import sqlite3
from contextlib import nullcontext
from pathlib import Path

import pytest

from fieldapp.domain import project
from fieldapp.domain.importer import (
    BoreholeRecord,
    LayerRecord,
    hash_rows,
    pack_rows,
    prepare_import,
    write_import,
)
from fieldapp.errors import DuplicateCodeError, IntegrityError, StoreError
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


def test_custody_events_with_their_own_time_are_hashed_where_made_and_others_as_written(session: Session) -> None:
    from fieldapp.domain.importer import ContainerRecord, SampleRecord

    proj = project.create(session, code="P1", name="custody hashed elsewhere")

    def jarred(sampled_at: str | None) -> list[BoreholeRecord]:
        return [BoreholeRecord(code=f"B{sampled_at is None}", final_depth=1.0, layers=[
            LayerRecord(upper=0, lower=1.0, soil="Zs1h2", colour="bruin")], samples=[
            SampleRecord(code=f"M{sampled_at is None}", matrix="BS", upper=0, lower=0.5, sampled_at=sampled_at,
                         containers=[ContainerRecord("Pot", material="G", volume_ml=250)])])]

    timed = prepare_import(session, proj.id, jarred("2026-12-01T09:00:00+00:00"))
    hash_rows(timed)
    assert len(timed.hashes["custody_event"]) == 1  # the generator hashed it: the writer need not
    untimed = prepare_import(session, proj.id, jarred(None))
    hash_rows(untimed)
    assert "custody_event" not in untimed.hashes  # stamped by the writer, so hashed there
    write_import(session, timed)
    write_import(session, untimed)
    events = session.store.query("SELECT * FROM custody_event")
    assert len(events) == 2 and all(e["at_laptop"] for e in events)
    stored = {r["row_id"]: r["row_hash"] for r in session.store.query(
        "SELECT row_id, row_hash FROM journal WHERE tbl = 'custody_event'")}
    assert stored == {e["id"]: journal.row_hash(e) for e in events}
    verify(session.store)


def test_check_constraints_hold_again_after_a_batch_journalled_its_inserts(session: Session) -> None:
    # the journal's own inserts leave out its op_code check (they write 0); nothing else may
    proj = project.create(session, code="P1", name="checks")
    write_import(session, prepare_import(session, proj.id, records()))
    assert {r["op"] for r in session.store.query("SELECT DISTINCT op FROM journal")} == {"insert"}
    conn = session.store.conn
    assert conn.execute("PRAGMA ignore_check_constraints").fetchone()[0] == 0
    hole = session.store.query("SELECT id FROM borehole LIMIT 1")[0]["id"]
    with pytest.raises(sqlite3.IntegrityError, match="CHECK"):
        conn.execute("INSERT INTO layer (id, borehole_id, upper_cm, lower_cm, soil_code) VALUES ('x', ?, 50, 10, "
                     "'Zs1')", (hole,))
    with pytest.raises(sqlite3.IntegrityError, match="CHECK"):
        conn.execute("INSERT INTO journal (device, device_seq, hlc, action, tbl_code, row_hi, op_code, row_hash) "
                     "VALUES (1, 999999, 1, 1, 1, 'x', 7, x'00')")


def test_rows_packed_as_tuples_are_written_and_journalled_as_the_rows_themselves(tmp_path: Path) -> None:
    # the demo's generator sends its hashed rows as tuples in column order (pack_rows): the
    # writer must store the same rows, in the same order, with the same journal entries
    stored = []
    for name, packed in (("dicts", False), ("tuples", True)):
        with Session.open(tmp_path / f"{name}.sqlite") as s:
            proj = project.create(s, code="P1", name="packed")
            prepared = prepare_import(s, proj.id, records())
            hash_rows(prepared)
            if packed:
                pack_rows(prepared)
                assert set(prepared.packed) >= {"borehole", "layer"} and not prepared.rows["layer"]
                assert all(type(values) is tuple for values in prepared.packed["layer"][1])
            write_import(s, prepared)
            verify(s.store)
            rows = [{k: v for k, v in r.items() if k not in ("id", "borehole_id")}
                    for r in s.store.query("SELECT * FROM layer ORDER BY rowid")]
            entries = s.store.query("SELECT tbl, op, fields, hash IS NULL AS unkept FROM journal ORDER BY seq")
            hashes_match = all(journal.row_hash(r) == h for r, h in zip(
                s.store.query("SELECT * FROM layer ORDER BY rowid"), prepared.hashes["layer"], strict=True))
            stored.append((rows, entries, hashes_match))
    assert stored[0] == stored[1] and stored[1][2]


def test_packed_rows_whose_hashes_do_not_match_are_refused_and_nothing_is_written(session: Session) -> None:
    proj = project.create(session, code="P1", name="packed, hashes short")
    prepared = prepare_import(session, proj.id, records())
    hash_rows(prepared)
    pack_rows(prepared)
    prepared.hashes["layer"].pop()
    with pytest.raises(StoreError, match="layer"):
        write_import(session, prepared)
    assert session.store.count("borehole") == 0 and session.store.count("layer") == 0


def test_tables_journalled_together_get_the_entries_they_get_one_by_one(tmp_path: Path) -> None:
    # an import's chunk journals its tables in one write at the end of the block: the same
    # entries, in the same order, as when each insert_many journals its own at once
    found = []
    for name, together in (("apart", False), ("together", True)):
        with Session.open(tmp_path / f"{name}.sqlite") as s:
            proj = project.create(s, code="P1", name=name)
            with s.store.batch("two tables") as tx, tx.journalled_together() if together else nullcontext():
                tx.insert_many("borehole", [{"id": f"b{n}", "project_id": proj.id, "code": f"B{n}", "kind": "boring"}
                                            for n in range(70)])
                tx.insert_many("layer", [{"id": f"l{n}", "borehole_id": f"b{n}", "upper_cm": 0, "lower_cm": 50,
                                          "soil_code": "Zs1"} for n in range(70)])
            verify(s.store)
            found.append(s.store.query("SELECT tbl, row_id, op, device_seq, hash IS NULL AS unkept FROM journal_entry "
                                       "WHERE tbl != 'project' ORDER BY seq"))
    assert found[0] == found[1] and len(found[1]) == 140


def test_a_refused_row_inside_a_block_journalled_together_leaves_nothing_and_checks_on(session: Session) -> None:
    proj = project.create(session, code="P1", name="one code twice")
    twice = records() + records()[:1]
    with pytest.raises(DuplicateCodeError):
        write_import(session, prepare_import(session, proj.id, twice))
    assert session.store.count("borehole") == 0 and session.store.count("journal") == 1  # the project's
    assert session.store.conn.execute("PRAGMA ignore_check_constraints").fetchone()[0] == 0
