"""The lean journal (schema step 0013_lean_journal, issue 18 item 5): a file of
an earlier FieldApp converts in one step keeping every entry and every chain
hash (hub receipts name them), still verifies, and still catches tampering;
an insert's text lives in its row until the row changes."""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat
from tests_store_helpers import journal_as_before

from fieldapp import demo
from fieldapp.codelists import CodeLists
from fieldapp.domain import layer, project
from fieldapp.errors import IntegrityError
from fieldapp.session import Session
from fieldapp.settings import Settings
from fieldapp.store import Store, journal
from fieldapp.store.migrations import applied
from fieldapp.store.verify import verify
from fieldapp.sync.local import Replica
from fieldapp.sync.receipt import Receipt
from fieldapp.sync.replica import chain_hash

LANDED = Path(__file__).parents[1] / "data" / "db" / "schema-0006.sqlite"
# a 6-borehole demo written by main at step 0012, before the lean journal (tests/data/db/make_schema_0012.py)
BEFORE_STEP = Path(__file__).parents[1] / "data" / "db" / "schema-0012.sqlite"


def legacy_entries(path: Path) -> list[dict[str, object]]:
    conn = sqlite3.connect(path)
    conn.row_factory = sqlite3.Row
    rows = [dict(r) for r in conn.execute("SELECT * FROM journal ORDER BY seq")]
    conn.close()
    return rows


def verify_file(path: Path) -> None:
    with Store.open(path, actor="verify", read_only=True) as store:
        verify(store)


def verify_fails(path: Path) -> str:
    with Store.open(path, actor="verify", read_only=True) as store, pytest.raises(IntegrityError) as info:
        verify(store)
    return str(info.value)


def tamper(path: Path, sql: str, params: tuple[object, ...] = ()) -> None:
    conn = sqlite3.connect(path)
    conn.execute(sql, params)
    conn.commit()
    conn.close()


def test_the_landed_journal_converts_keeping_every_entry_and_hash(tmp_path: Path, lists: CodeLists) -> None:
    db = tmp_path / "landed.sqlite"
    shutil.copy(LANDED, db)  # written by main before issue 12 (tests/data/db/make_schema_0006.py)
    before = legacy_entries(db)
    assert len(before) > 100
    # a receipt the hub signed before the conversion, for the replica's last change
    last = before[-1]
    key = Ed25519PrivateKey.generate()
    public = key.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw).hex()
    receipt = Receipt(str(last["device_id"]), int(str(last["device_seq"])), str(last["hash"]), "hub-device-1",
                      "2026-05-01T10:00:00.000Z", public).signed(key)
    tamper(db, "INSERT INTO sync_receipt (replica_id, device_seq, hash, device, issued_at, hub_key, signature) "
               "VALUES (?, ?, ?, ?, ?, ?, ?)", tuple(receipt.to_wire().values()))
    with Session.open(db, settings=Settings(user="A. Bakker"), lists=lists) as s:
        assert "0013_lean_journal" in applied(s.store.conn)
        converted = journal_as_before(s.store.conn)
        # later steps (0009) journal rows they write after the old entries; the old ones are as they were
        assert [{k: e[k] for k in before[0]} for e in converted[:len(before)]] == before
        # what the hub and its receipts know of this replica: the same hash as before
        own = [e for e in before if e["device_id"] == s.store.device_id]
        assert chain_hash(s.store, s.store.device_id, int(str(own[-1]["device_seq"]))) == own[-1]["hash"]
        assert verify(s.store).receipts == 1  # the receipt still matches the converted chain
        # new work goes on the chain in the lean form
        layer_id = s.store.query("SELECT id FROM layer ORDER BY id LIMIT 1")[0]["id"]
        layer.update(s, layer_id, colour="grijs")
        verify(s.store)
    # a converted entry edited, and a row changed, are still caught
    copy = tmp_path / "copy.sqlite"
    shutil.copy(db, copy)
    tamper(copy, "UPDATE journal SET fields = replace(fields, '\"lower_cm\":', '\"lower_cm\":1') WHERE seq = "
                 "(SELECT MIN(seq) FROM journal WHERE tbl = 'layer')")
    assert "altered outside FieldApp" in verify_fails(copy)
    tamper(db, "UPDATE layer SET soil_code = 'V' WHERE id = (SELECT MIN(id) FROM layer)")
    assert "changed outside FieldApp" in verify_fails(db)


def test_a_file_built_before_the_step_converts_in_one_step_and_verifies(tmp_path: Path, lists: CodeLists) -> None:
    db = tmp_path / "old.sqlite"
    settings = Settings(user="A. Bakker")
    shutil.copy(BEFORE_STEP, db)  # today's demo also writes tables of later steps (staff, wells, photos)
    with Session(Store.open(db, actor="A. Bakker", upto="0012_lab_order"), settings, lists) as old:
        assert old.store.legacy and applied(old.store.conn)[-1] == "0012_lab_order"
        proj = project.by_code(old.store, "2026-0142")
        assert proj is not None
        project.edit(old, proj.id, {"report_number": "R-OLD"})
        with old.store.action("Remove a layer") as tx:
            tx.delete("layer", old.store.query("SELECT id FROM layer ORDER BY id LIMIT 1")[0]["id"])
    verify_file(db)  # checked as it stands, in the format it was written in
    before = legacy_entries(db)
    with Store.open(db, actor="A. Bakker") as store:
        assert not store.legacy
        assert store.conn.execute("SELECT COUNT(*) FROM journal").fetchone()[0] == len(before)
        assert [{k: e[k] for k in before[0]} for e in journal_as_before(store.conn)] == before
        kinds = {r[0] for r in store.conn.execute("SELECT name FROM sqlite_master")}
        assert {"journal_device", "journal_action", "journal_entry"} <= kinds and "journal_0012" not in kinds
    verify_file(db)
    copy = tmp_path / "copy.sqlite"
    shutil.copy(db, copy)
    tamper(copy, "UPDATE journal SET row_hash = x'00' WHERE seq = 10")
    assert "journal entry 10 " in verify_fails(copy)
    tamper(db, "UPDATE borehole SET remarks = 'later' WHERE id = (SELECT MIN(id) FROM borehole)")
    assert "borehole row" in verify_fails(db) and "changed outside FieldApp" in verify_fails(db)


def test_an_insert_leaves_its_text_to_the_row_until_the_row_changes(session: Session) -> None:
    proj = project.create(session, code="P1", name="x")
    conn = session.store.conn
    assert conn.execute("SELECT fields FROM journal WHERE row_id = ?", (proj.id,)).fetchone()[0] is None
    unsent = Replica(session.store).unsent(10)
    inserted = json.loads(unsent[0].fields)
    assert inserted["code"] == "P1" and inserted["id"] == proj.id  # sync sends the row as inserted
    project.edit(session, proj.id, {"report_number": "R-1"})
    texts = [r[0] for r in conn.execute("SELECT fields FROM journal WHERE row_id = ? ORDER BY seq", (proj.id,))]
    assert json.loads(texts[0]) == inserted and json.loads(texts[1]) == {"report_number": "R-1"}
    assert [c.fields for c in Replica(session.store).unsent(10)] == texts
    verify(session.store)


def test_sync_refuses_to_send_a_row_changed_behind_fieldapps_back(session: Session) -> None:
    proj = project.create(session, code="P1", name="x")
    session.store.conn.execute("UPDATE project SET name = 'forged' WHERE id = ?", (proj.id,))
    with pytest.raises(IntegrityError, match="changed outside FieldApp"):
        Replica(session.store).unsent(10)


def test_a_journal_entry_is_lean(tmp_path: Path, lists: CodeLists) -> None:
    """What an import's entry costs on disk: no repeated device id or action, no
    insert text, binary hashes, and one chain hash kept per 64 entries."""
    with Session.open(tmp_path / "demo.sqlite", settings=Settings(user="J. de Vries"), lists=lists) as s:
        demo.create(s, boreholes=20, seed=7, parallel=False)
        conn = s.store.conn
        # the import's tables (fieldapp/domain/importer.py and the coolers): the demo's single writes
        # (staff, field days, wells' rounds, photos ...) keep each hash, as an interactive change does
        imported = ("borehole", "boring_process", "layer", "sample", "sample_part", "container", "custody_event",
                    "analysis_sample_part", "shipment_item")
        entries, kept, texts, widest = conn.execute(
            "SELECT COUNT(*), COUNT(hash), COUNT(fields), MAX(length(row_hash)) FROM journal "
            f"WHERE tbl IN ({', '.join('?' * len(imported))})", imported).fetchone()
        assert entries > 500 and widest == 32 and texts < entries / 20 and kept < entries / 10
        total = conn.execute("SELECT COUNT(*) FROM journal").fetchone()[0]
        assert conn.execute("SELECT COUNT(*) FROM journal_device").fetchone()[0] == 1
        assert conn.execute("SELECT COUNT(*) FROM journal_action").fetchone()[0] < total / 20
        assert conn.execute("SELECT hash FROM journal ORDER BY seq DESC LIMIT 1").fetchone()[0] is not None
        verify(s.store)
        # any entry's hash, kept or not, is what a receipt names
        seq = conn.execute("SELECT MAX(seq) FROM journal WHERE hash IS NULL").fetchone()[0]
        following = conn.execute("SELECT hash FROM journal WHERE seq > ? AND hash IS NOT NULL ORDER BY seq",
                                 (seq,)).fetchone()[0]
        journal.rechain(conn, 1)  # recomputing changes nothing
        assert conn.execute("SELECT hash FROM journal WHERE seq > ? AND hash IS NOT NULL ORDER BY seq",
                            (seq,)).fetchone()[0] == following
        assert len(journal.hash_at(conn, seq)) == 32
