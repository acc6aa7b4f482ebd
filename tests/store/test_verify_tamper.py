"""`fieldapp verify` catches any row changed, inserted or deleted behind
FieldApp's back, names it, and passes an untouched database."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from fieldapp import demo
from fieldapp.session import Session
from fieldapp.settings import Settings
from fieldapp.store.migrations import DOMAIN_TABLES
from ui.main import main as fieldapp

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
}


@pytest.fixture(scope="module")
def pristine(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("demo") / "pristine.sqlite"
    with Session.open(path, settings=Settings(user="J. de Vries")) as session:
        demo.create(session, boreholes=4, seed=3)
    return path


@pytest.fixture
def db(pristine: Path, tmp_path: Path) -> Path:
    path = tmp_path / "copy.sqlite"
    shutil.copy(pristine, path)
    return path


def run_verify(db: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    code = fieldapp(["verify", "--db", str(db)])
    out = capsys.readouterr()
    return code, out.out + out.err


def tamper(db: Path, sql: str, params: tuple[object, ...] = ()) -> None:
    conn = sqlite3.connect(db)
    conn.execute(sql, params)
    conn.commit()
    conn.close()


def some_row(db: Path, table: str) -> dict[str, object]:
    conn = sqlite3.connect(db)
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
    tamper(db, "UPDATE journal SET actor = 'Mr. Nobody' WHERE seq = 7")
    code, text = run_verify(db, capsys)
    assert code != 0 and "journal entry 7" in text and "altered" in text


def test_removed_journal_entry_breaks_the_chain(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    tamper(db, "DELETE FROM journal WHERE seq = 5")
    code, text = run_verify(db, capsys)
    assert code != 0 and "journal entry 6" in text


def test_a_forger_who_also_writes_a_journal_entry_is_caught(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Changing a row and appending a matching-looking entry without the chain hash fails."""
    row = some_row(db, "layer")
    tamper(db, "UPDATE layer SET soil_code = 'V' WHERE id = ?", (row["id"],))
    tamper(db, "INSERT INTO journal (device_id, device_seq, hlc, action_id, action, actor, at, tbl, row_id, op, "
           "fields, row_hash, prev_hash, hash) SELECT device_id, device_seq + 1000, hlc, action_id, action, actor, "
           "at, 'layer', ?, 'update', '{\"soil_code\":\"V\"}', 'x', hash, 'forged' FROM journal "
           "ORDER BY seq DESC LIMIT 1", (row["id"],))
    code, text = run_verify(db, capsys)
    assert code != 0 and "altered" in text


def test_verify_of_a_missing_file_is_a_clear_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, text = run_verify(tmp_path / "nope.sqlite", capsys)
    assert code == 1 and "does not exist" in text
    assert not (tmp_path / "nope.sqlite").exists()
