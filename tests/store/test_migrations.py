"""A database made by the first schema version opens in this version without loss."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from fieldapp.codelists import CodeLists
from fieldapp.domain import container, shipment
from fieldapp.errors import SchemaTooNewError
from fieldapp.session import Session
from fieldapp.settings import Settings
from fieldapp.store import Store
from fieldapp.store.migrations import MIGRATIONS, applied
from fieldapp.store.verify import verify

V1 = Path(__file__).parents[1] / "data" / "db" / "schema-v1.sqlite"


def dump(path: Path) -> dict[str, list[tuple[object, ...]]]:
    conn = sqlite3.connect(path)
    tables = [r[0] for r in conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
        "AND name != 'schema_migration'")]
    data = {}
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
