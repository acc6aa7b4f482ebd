"""A database made by the first schema version opens in this version without loss."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest
from tests_store_helpers import journal_as_before

from fieldapp.codelists import CodeLists
from fieldapp.domain import container, shipment
from fieldapp.errors import SchemaTooNewError
from fieldapp.session import Session
from fieldapp.settings import Settings
from fieldapp.store import Store
from fieldapp.store.migrations import DOMAIN_TABLES, MIGRATIONS, applied
from fieldapp.store.verify import verify

V1 = Path(__file__).parents[1] / "data" / "db" / "schema-v1.sqlite"


def dump(path: Path) -> dict[str, list[tuple[object, ...]]]:
    conn = sqlite3.connect(path)
    tables = [r[0] for r in conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
        "AND name != 'schema_migration'")]
    data = {}
    if "journal_entry" in {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}:
        # since 0013 the journal is lean: compared in the shape it had, every hash as it was
        tables = [t for t in tables if not t.startswith("journal")]
        data["journal"] = [tuple(entry.items()) for entry in journal_as_before(conn)]
        data["meta"] = [tuple(zip(("key", "value"), r, strict=True)) for r in conn.execute(
            "SELECT key, value FROM meta WHERE key <> 'journal_lean_from' ORDER BY 1")]
        tables = [t for t in tables if t != "meta"]
    for table in tables:
        cols = [r[1] for r in conn.execute(f"PRAGMA table_info({table})")]
        data[table] = [tuple(zip(cols, row, strict=True)) for row in conn.execute(f"SELECT * FROM {table} ORDER BY 1")]
    conn.close()
    return data


def test_v1_database_upgrades_without_loss(tmp_path: Path) -> None:
    db = tmp_path / "old.sqlite"
    shutil.copy(V1, db)
    before = dump(db)
    assert sum(len(rows) for rows in before.values()) > 30
    with Store.open(db, actor="A. Bakker") as store:
        assert applied(store.conn) == [m.name for m in MIGRATIONS]
        assert "lab_reference" in store.db["container"].columns_dict
        assert store.db["shipment_item"].exists()
        verify(store)  # the audit chain of the old rows still holds
    after = dump(db)
    for table, rows in before.items():
        # every old row is still there with every old value; new columns are empty
        old = [dict(r) for r in rows]
        new = [{k: v for k, v in r if k in old[0]} for r in after[table]] if old else []
        if table == "journal":  # 0007 journals the boring processes it carries over, after the old entries
            new = new[:len(old)]
        assert new == old, f"{table} changed in the upgrade"
    assert "shipment_item" in after and after["shipment_item"] == []


def test_upgraded_database_takes_new_work(tmp_path: Path) -> None:
    db = tmp_path / "old.sqlite"
    shutil.copy(V1, db)
    with Session.open(db, settings=Settings(user="A. Bakker"), lists=CodeLists.load()) as session:
        jar = container.by_barcode(session.store, "FA-V1-0001")
        assert jar is not None
        project_id = session.store.query("SELECT id FROM project")[0]["id"]
        cooler = shipment.create(session, project_id, code="COC-1", lab="Eurofins", container_ids=[jar.id])
        assert shipment.container_ids(session.store, cooler.id) == [jar.id]
        verify(session.store)


def test_a_database_from_a_newer_fieldapp_is_left_alone(tmp_path: Path) -> None:
    db = tmp_path / "new.sqlite"
    shutil.copy(V1, db)
    conn = sqlite3.connect(db)
    conn.execute("INSERT INTO schema_migration (name) VALUES ('0099_from_the_future')")
    conn.commit()
    conn.close()
    before = dump(db)
    with pytest.raises(SchemaTooNewError, match="newer FieldApp"):
        Store.open(db, actor="x")
    assert dump(db) == before


def test_borehole_completeness_step_keeps_every_row_and_the_chain(tmp_path: Path) -> None:
    """A database written by the landed schema (up to 0006) with the landed API:
    after 0007 each borehole's technique, apparatus and diameter are one boring
    process over its whole depth, a given groundwater level is "measured", every
    old value is kept and `verify` passes."""
    from fieldapp.domain import borehole, boring_process, project

    db = tmp_path / "landed.sqlite"
    settings = Settings(user="A. Bakker")
    with Session(Store.open(db, actor="A. Bakker", upto="0006_replica_receipts"), settings,
                 CodeLists.load()) as old:
        proj = project.create(old, code="P1", name="Gasfabriek")
        b01 = borehole.create(old, proj.id, code="B01", technique="handDraaien", apparatus="Edelmanboor",
                              diameter_mm=70)
        with old.store.action("Add layer") as tx:  # the landed layer.add's write (today's adds later columns)
            tx.insert("layer", {"borehole_id": b01.id, "upper_cm": 0, "lower_cm": 180, "soil_code": "Zs1h2"})
        borehole.set_final_depth(old, b01.id, "1.8", "einddoel")
        with old.store.action("Set groundwater level") as tx:  # the landed set_groundwater's write
            tx.update("borehole", b01.id, {"groundwater_cm": 120})
        b02 = borehole.create(old, proj.id, code="B02", apparatus="Zuigerboor")  # no depth yet
        b03 = borehole.create(old, proj.id, code="B03")  # nothing to carry over
        assert applied(old.store.conn)[-1] == "0006_replica_receipts"
    before = dump(db)
    with Session.open(db, settings=settings, lists=CodeLists.load()) as new:
        assert applied(new.store.conn) == [m.name for m in MIGRATIONS]
        report = verify(new.store)
        assert report.tables == len(DOMAIN_TABLES)
        first = boring_process.of_borehole(new.store, b01.id)
        assert [(p.upper_cm, p.lower_cm, p.technique, p.apparatus, p.diameter_mm) for p in first] == [
            (0, 180, "handDraaien", "Edelmanboor", 70)]
        second = boring_process.of_borehole(new.store, b02.id)
        assert [(p.upper_cm, p.lower_cm, p.apparatus) for p in second] == [(0, None, "Zuigerboor")]
        assert boring_process.of_borehole(new.store, b03.id) == []
        assert borehole.get(new.store, b01.id).groundwater_status == "measured"
        assert borehole.get(new.store, b02.id).groundwater_status is None  # unknown stays unknown
        entries = new.store.query("SELECT actor, tbl, op, device_id FROM journal_entry WHERE actor = 'FieldApp'")
        assert sorted((e["tbl"], e["op"]) for e in entries) == [
            ("borehole", "update"), ("boring_process", "insert"), ("boring_process", "insert")]
        assert {e["device_id"] for e in entries} == {new.store.device_id}
        # the upgraded file takes new work on the chain the step extended
        boring_process.save_intervals(new, b03.id, [boring_process.Interval("0", None, "handDraaien")])
        verify(new.store)
    after = dump(db)
    for table, rows in before.items():
        old_rows = [dict(r) for r in rows]
        kept = [{k: v for k, v in r if k in old_rows[0]} for r in after[table]][:len(old_rows)] if old_rows else []
        assert kept == old_rows, f"{table} lost or changed a row in the upgrade"
