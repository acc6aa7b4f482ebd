"""`fieldapp verify` catches any row changed, inserted or deleted behind
FieldApp's back, names it, and passes an untouched database."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

import pytest
from tests_store_helpers import copy_database, demo_database, run_verify

from fieldapp.store import journal, natural
from fieldapp.store.migrations import DOMAIN_TABLES

# a column per table that a forger would plausibly touch
FORGED = {
    "project": ("client", "'Someone else'"),
    "borehole": ("final_depth_cm", "final_depth_cm + 50"),
    "layer": ("soil_code", "'V'"),
    "sample": ("sampled_at", "'2026-09-01T08:00:00'"),
    "sample_part": ("upper_cm", "upper_cm + 10"),
    "container": ("barcode", "barcode || 'X'"),
    "shipment": ("seal_number", "'S999999'"),
    "custody_event": ("actor", "'Mr. Nobody'"),
    "boring_process": ("upper_cm", "upper_cm + 10"),
    "analysis_sample_part": ("field_sample_id", "'another-field-sample'"),
    "well": ("filter_bottom_cm", "filter_bottom_cm + 100"),
    "sampling_round": ("stop_rule", "'ec_o2_stable'"),
    "purge_reading": ("ec_us_cm", "ec_us_cm * 0.5"),
    "staff": ("valid_until", "'2099-12-31'"),
    "field_day": ("weather", "'zonnig'"),
    "field_day_staff": ("staff_id", "'someone-else'"),
    "deviation": ("reason", "'Geen'"),
    "pfas_checklist": ("fieldworker", "'Mr. Nobody'"),
    "asbestos_judgement": ("reason", "'forged'"),
    "inspection_pit": ("length_m", "99"),
    "inspection_fraction": ("sieved_kg", "0.1"),
    "photo": ("caption", "'another picture'"),
}


@pytest.fixture(scope="module")
def pristine(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return demo_database(tmp_path_factory.mktemp("demo") / "pristine.sqlite", 4)


@pytest.fixture
def db(pristine: Path, tmp_path: Path) -> Path:
    return copy_database(pristine, tmp_path / "copy.sqlite")


def raw(db: Path) -> sqlite3.Connection:
    """A connection outside FieldApp, as a tamperer's tool: with the natural-order function a borehole or
    sample index needs to change those rows (fieldapp/store/natural.py); without it SQLite refuses."""
    conn = sqlite3.connect(db)
    natural.register(conn)
    return conn


def tamper(db: Path, sql: str, params: tuple[object, ...] = ()) -> None:
    conn = raw(db)
    conn.execute(sql, params)
    conn.commit()
    conn.close()


def some_row(db: Path, table: str) -> dict[str, object]:
    conn = raw(db)
    conn.row_factory = sqlite3.Row
    row = conn.execute(f"SELECT * FROM {table} ORDER BY id LIMIT 1 OFFSET 1").fetchone()
    if row is None:
        row = conn.execute(f"SELECT * FROM {table} ORDER BY id LIMIT 1").fetchone()
    conn.close()
    assert row is not None, f"the demo has no {table} rows"
    return dict(row)


def test_untouched_database_verifies(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, text = run_verify(db, capsys)
    assert code == 0, text
    assert text.startswith("verified:") and text.count("\n") == 1


@pytest.mark.parametrize("table", DOMAIN_TABLES)
def test_changed_row_is_named(db: Path, table: str, capsys: pytest.CaptureFixture[str]) -> None:
    row = some_row(db, table)
    if table == "shipment_item":
        # a jar swapped for another one that never travelled in this cooler
        tamper(db, "UPDATE shipment_item SET container_id = 'swapped-jar' WHERE id = ?", (row["id"],))
    else:
        column, expr = FORGED[table]
        tamper(db, f"UPDATE {table} SET {column} = {expr} WHERE id = ?", (row["id"],))
    code, text = run_verify(db, capsys)
    assert code != 0
    assert f"{table} row {row['id']} was changed outside FieldApp" in text


@pytest.mark.parametrize("table", DOMAIN_TABLES)
def test_inserted_row_is_named(db: Path, table: str, capsys: pytest.CaptureFixture[str]) -> None:
    row = some_row(db, table)
    row["id"] = "01900000-0000-7000-8000-00000000f00d"
    for unique in ("code", "barcode"):
        if unique in row:
            row[unique] = f"{row[unique]}-FORGED"
    if table == "shipment_item":
        row["shipment_id"] = some_row(db, "shipment")["id"]
        row["container_id"] = "forged-container"
    if table == "analysis_sample_part":
        row["field_sample_id"] = "forged-field-sample"
    if table == "well":
        row["tube_number"] = 2  # a second tube in the same borehole
    cols = ", ".join(row)
    tamper(db, f"INSERT INTO {table} ({cols}) VALUES ({', '.join('?' * len(row))})", tuple(row.values()))
    code, text = run_verify(db, capsys)
    assert code != 0
    assert f"{table} row {row['id']} was inserted outside FieldApp" in text


@pytest.mark.parametrize("table", DOMAIN_TABLES)
def test_deleted_row_is_named(db: Path, table: str, capsys: pytest.CaptureFixture[str]) -> None:
    row = some_row(db, table)
    tamper(db, f"DELETE FROM {table} WHERE id = ?", (row["id"],))
    code, text = run_verify(db, capsys)
    assert code != 0
    assert f"{table} row {row['id']} was deleted outside FieldApp" in text


def test_edited_journal_entry_breaks_the_chain(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    conn = sqlite3.connect(db)  # an entry whose hash and its predecessor's are kept (not inside an import)
    seq = conn.execute("SELECT MIN(seq) FROM journal j WHERE hash IS NOT NULL AND seq > 1 AND "
                       "(SELECT hash FROM journal WHERE seq = j.seq - 1) IS NOT NULL").fetchone()[0]
    conn.close()
    tamper(db, "UPDATE journal SET hlc = hlc + 1 WHERE seq = ?", (seq,))
    code, text = run_verify(db, capsys)
    assert code != 0 and f"journal entry {seq} " in text and "altered" in text


def test_an_edited_actor_breaks_the_chain_at_the_actions_first_entry(
        db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The lean journal keeps who did an action once, for all its entries: editing it breaks them all."""
    tamper(db, "UPDATE journal_action SET actor = 'Mr. Nobody' WHERE id = (SELECT action FROM journal WHERE seq = 7)")
    conn = sqlite3.connect(db)
    first = conn.execute("SELECT MIN(seq) FROM journal WHERE action = (SELECT action FROM journal WHERE seq = 7)"
                         ).fetchone()[0]
    conn.close()
    code, text = run_verify(db, capsys)
    assert code != 0 and f"journal entry {first} " in text and "altered" in text


def test_an_edited_entry_inside_an_import_is_named_within_its_stretch(
        db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """An import keeps every 64th chain hash: an edit between two is caught at the next kept one,
    naming the stretch it lies in."""
    conn = sqlite3.connect(db)
    seq = conn.execute("SELECT MIN(seq) FROM journal WHERE hash IS NULL").fetchone()[0]
    conn.close()
    assert seq is not None, "the demo is written as imports"
    # the stored row id (since 0020_compact_journal a UUID's two halves; the text form reads back as written)
    tamper(db, "UPDATE journal SET row_hi = 'x' || row_id, row_lo = NULL WHERE seq = ?", (seq + 3,))
    code, text = run_verify(db, capsys)
    assert code != 0 and (f"journal entries {seq + 3} to " in text or f"journal entries {seq} to " in text)
    assert "altered" in text


def test_removed_journal_entry_breaks_the_chain(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    tamper(db, "DELETE FROM journal WHERE seq = 5")
    code, text = run_verify(db, capsys)
    assert code != 0 and "journal entry 6" in text


def test_a_forger_who_also_writes_a_journal_entry_is_caught(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Changing a row and appending a matching-looking entry without the chain hash fails."""
    row = some_row(db, "layer")
    tamper(db, "UPDATE layer SET soil_code = 'V' WHERE id = ?", (row["id"],))
    tamper(db, "INSERT INTO journal (device, device_seq, hlc, action, tbl_code, row_hi, row_lo, op_code, fields, "
           "row_hash, hash) SELECT device, device_seq + 1000, hlc, action, ?, ?, ?, 1, '{\"soil_code\":\"V\"}', "
           "x'00', x'ff' FROM journal ORDER BY seq DESC LIMIT 1",
           (journal.table_code("layer"), *journal.row_key(row["id"])))
    code, text = run_verify(db, capsys)
    assert code != 0 and "altered" in text


def test_verify_of_a_missing_file_is_a_clear_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, text = run_verify(tmp_path / "nope.sqlite", capsys)
    assert code == 1 and "does not exist" in text
    assert not (tmp_path / "nope.sqlite").exists()


# --- issue 17, finding 4: what fooled verify before ----------------------------------------------------------


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def rechain(conn: sqlite3.Connection, start: int = 1) -> None:
    """What a careful forger does after editing the journal: recompute every hash from ``start`` on."""
    journal.rechain(conn, start)
    conn.commit()


def test_verify_writes_nothing_not_even_a_missing_device_id(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    tamper(db, "DELETE FROM meta WHERE key = 'device_id'")
    before = digest(db)
    code, text = run_verify(db, capsys)
    assert code != 0 and "device id is missing" in text
    assert digest(db) == before
    conn = raw(db)
    assert conn.execute("SELECT COUNT(*) FROM meta WHERE key = 'device_id'").fetchone()[0] == 0
    conn.close()


def test_pushed_beyond_the_journal_is_caught(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    tamper(db, "INSERT OR REPLACE INTO sync_state (key, value) VALUES ('pushed_upto', '1000000000')")
    code, text = run_verify(db, capsys)
    assert code != 0 and "sync_state" in text and "never be sent" in text


@pytest.mark.parametrize(("sql", "words"), [
    ("CREATE TRIGGER quiet AFTER UPDATE ON layer BEGIN SELECT 1; END", "trigger quiet"),
    ("CREATE TRIGGER hide BEFORE INSERT ON journal BEGIN SELECT RAISE(IGNORE); END", "trigger hide"),
    ("CREATE VIEW extra AS SELECT * FROM borehole", "view extra"),
    ("DROP VIEW audit_log", "view audit_log"),
    ("CREATE INDEX sneaky ON borehole (remarks)", "index sneaky"),
])
def test_foreign_schema_objects_are_caught(db: Path, sql: str, words: str,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    tamper(db, sql)
    code, text = run_verify(db, capsys)
    assert code != 0 and words in text


def test_a_redefined_audit_log_view_is_caught(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    conn = raw(db)
    conn.executescript("DROP VIEW audit_log; CREATE VIEW audit_log AS SELECT seq, at, actor, action, action_id, "
                       "tbl, row_id, op, fields, lower(hex(hash)) AS hash FROM journal_entry "
                       "WHERE actor <> 'J. de Vries'")
    conn.close()
    code, text = run_verify(db, capsys)
    assert code != 0 and "view audit_log was redefined" in text


def test_overwritten_bytes_are_caught_by_the_file_check(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    raw = bytearray(db.read_bytes())
    at = len(raw) // 2
    raw[at:at + 3000] = b"\x5a" * 3000
    db.write_bytes(bytes(raw))
    code, text = run_verify(db, capsys)
    assert code != 0 and "damaged" in text and "Traceback" not in text
    assert len(text.strip().splitlines()) == 1


def test_a_fake_sample_with_a_well_chained_entry_is_caught(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A row and a journal entry made to look like a pulled change, chained correctly."""
    sample = some_row(db, "sample")
    fake = {**sample, "id": "01900000-0000-7000-8000-00000000beef", "code": "FAKE-1"}
    text_, row_digest = journal.row_digest(fake)
    conn = raw(db)
    conn.execute(f"INSERT INTO sample ({', '.join(fake)}) VALUES ({', '.join('?' * len(fake))})",
                 tuple(fake.values()))
    last_hlc = conn.execute("SELECT hlc FROM journal ORDER BY seq DESC LIMIT 1").fetchone()[0]
    forger, stamp = "01900000-0000-7000-8000-0000000000aa", ("act", "Sample", "Someone", "2026-06-01T10:00:00.000Z")
    params = journal.Appender(conn, forger, stamp).remote_params(forger, 1, last_hlc + 1, stamp, "sample",
                                                                 fake["id"], "insert", text_, row_digest)
    conn.execute(journal.INSERT_SQL, params)
    conn.commit()
    conn.close()
    code, text = run_verify(db, capsys)
    assert code != 0 and "no sync brought it" in text


def test_a_gap_in_the_own_numbering_is_caught(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """An entry taken out of the middle and the chain recomputed over the gap."""
    conn = raw(db)
    seq, tbl, row_id = conn.execute("SELECT seq, tbl, row_id FROM journal WHERE op = 'update' "
                                    "ORDER BY seq LIMIT 1").fetchone()
    conn.execute("DELETE FROM journal WHERE seq = ?", (seq,))
    # the commit order closed up too, as careful forgery would
    for later in [r[0] for r in conn.execute("SELECT seq FROM journal WHERE seq > ? ORDER BY seq", (seq,))]:
        conn.execute("UPDATE journal SET seq = ? WHERE seq = ?", (later - 1, later))
    rechain(conn, seq)
    conn.close()
    code, text = run_verify(db, capsys)
    assert code != 0 and ("numbered 1..n" in text or f"{tbl} row {row_id}" in text)


def test_a_database_of_an_earlier_fieldapp_is_checked_as_it_stands(tmp_path: Path,
                                                                    capsys: pytest.CaptureFixture[str]) -> None:
    from fieldapp.store import Store

    path = tmp_path / "older.sqlite"
    with Store.open(path, actor="J. de Vries", upto="0003_sync") as store, store.action("New project") as tx:
        tx.insert("project", {"code": "P-OLD", "name": "before receipts"})
    before = digest(path)
    code, text = run_verify(path, capsys)
    assert code == 0 and "audit chain of 1 entry intact" in text, text
    assert digest(path) == before, "verify upgraded (wrote to) the older database"
    tamper(path, "CREATE TRIGGER later AFTER INSERT ON project BEGIN SELECT 1; END")
    code, text = run_verify(path, capsys)
    assert code != 0 and "trigger later" in text
