"""`fieldapp verify` names a value of the wrong storage class or one FieldApp cannot have written as a
changed record (exit 1), never stopping with "a fault in FieldApp" (exit 70). Each case tampers with a
real demo database through sqlite3, as a tamperer's tool would, and runs the real command."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest
from tests_store_helpers import run_verify

from fieldapp import demo
from fieldapp.session import Session
from fieldapp.settings import Settings
from fieldapp.store import natural


@pytest.fixture(scope="module")
def pristine(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("demo") / "pristine.sqlite"
    with Session.open(path, settings=Settings(user="J. de Vries")) as session:
        demo.create(session, boreholes=2, seed=3, project_code="2026-0142")
    return path


@pytest.fixture
def db(pristine: Path, tmp_path: Path) -> Path:
    path = tmp_path / "copy.sqlite"
    shutil.copy(pristine, path)
    photos = pristine.with_name("pristine.photos")
    if photos.is_dir():  # the photos are part of the record: a copy without them is incomplete
        shutil.copytree(photos, path.with_name("copy.photos"))
    return path


def tamper(db: Path, sql: str) -> None:
    conn = sqlite3.connect(db)
    natural.register(conn)  # the borehole indexes need it to change those rows
    conn.execute(sql)
    conn.commit()
    conn.close()


def test_the_untouched_copy_verifies(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, said = run_verify(db, capsys)
    assert code == 0, said


def test_a_text_replaced_by_a_blob_of_its_hex_spelling_is_a_changed_value(
        db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The row hash spells bytes as their hex text: X'30123456' hashes as the text '30123456' did."""
    conn = sqlite3.connect(db)
    (project_id, kvk), = conn.execute("SELECT id, contractor_kvk FROM project").fetchall()
    conn.close()
    assert kvk == "30123456"
    tamper(db, "UPDATE project SET contractor_kvk = X'30123456'")
    code, said = run_verify(db, capsys)
    assert code == 1, said
    assert (f"project row {project_id} was changed outside FieldApp (its contractor_kvk is stored as binary "
            "data, which FieldApp never writes there)") in said
    assert "fault in FieldApp" not in said


@pytest.mark.parametrize(("table", "column", "value"), [
    ("layer", "soil_code", "X'5a7331'"),          # a text column holding bytes
    ("borehole", "final_depth_cm", "'deep'"),     # an INTEGER column holding text
    ("borehole", "x_rd", "X'01'"),                # a REAL column holding bytes
])
def test_a_value_of_a_storage_class_fieldapp_never_writes_there_is_named(
        db: Path, capsys: pytest.CaptureFixture[str], table: str, column: str, value: str) -> None:
    tamper(db, f"UPDATE {table} SET {column} = {value} WHERE rowid = (SELECT MIN(rowid) FROM {table})")
    code, said = run_verify(db, capsys)
    assert code == 1, said
    assert f"{table} row " in said and f"(its {column} is stored as " in said, said


@pytest.mark.parametrize("value", ["1.05e20", "-2.05e30", "9e999", "-9e999", "'99999999999999999999999'"])
def test_a_number_fieldapp_cannot_have_written_is_a_changed_row_not_a_fault(
        db: Path, capsys: pytest.CaptureFixture[str], value: str) -> None:
    """1.05e20 prints as "1.05e+20", whose ".0" sends it to the exact normalisation, which makes it an
    integer beyond orjson's 64 bits; 9e999 is SQLite's infinity; the long digits become a REAL."""
    tamper(db, f"UPDATE borehole SET x_rd = {value} WHERE code = 'B01'")
    code, said = run_verify(db, capsys)
    assert code == 1, said
    assert "borehole row " in said and "was changed outside FieldApp" in said, said
    assert "fault in FieldApp" not in said


@pytest.mark.parametrize("value", ["'abc'", "'1.5'", "'-5'", "X'31'", "'" + "9" * 5000 + "'"])
def test_a_journal_format_mark_that_is_not_a_number_is_named(
        db: Path, capsys: pytest.CaptureFixture[str], value: str) -> None:
    tamper(db, f"UPDATE meta SET value = {value} WHERE key = 'journal_lean_from'")
    code, said = run_verify(db, capsys)
    assert code == 1, said
    assert "meta journal_lean_from is " in said and "not a number (changed outside FieldApp)" in said, said


@pytest.mark.parametrize("sql", [
    "INSERT OR REPLACE INTO sync_state (key, value) VALUES ('pushed_upto', '²')",
    "INSERT OR REPLACE INTO sync_state (key, value) VALUES ('pushed_upto', '" + "9" * 5000 + "')",
])
def test_a_sync_count_int_cannot_read_is_named(db: Path, capsys: pytest.CaptureFixture[str], sql: str) -> None:
    """'²' passes str.isdigit and thousands of digits pass it too; int() refuses both."""
    tamper(db, sql)
    code, said = run_verify(db, capsys)
    assert code == 1, said
    assert "sync_state pushed_upto is " in said and "not a number (changed outside FieldApp)" in said, said


def test_a_hub_receipt_with_a_word_for_its_change_is_named(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    tamper(db, "INSERT INTO sync_receipt VALUES ('replica', 'abc', 'h', 'd', 'i', 'k', 's')")
    code, said = run_verify(db, capsys)
    assert code == 1, said
    assert "the hub receipt for change 'abc' of replica is not signed by the hub (changed outside FieldApp)" in said


@pytest.mark.parametrize("sql", [
    "UPDATE borehole_tally SET boreholes = 'abc'",
    "UPDATE borehole_tally SET measured = X'01'",
])
def test_a_kept_borehole_count_that_is_not_a_number_is_named(
        db: Path, capsys: pytest.CaptureFixture[str], sql: str) -> None:
    tamper(db, sql)
    code, said = run_verify(db, capsys)
    assert code == 1, said
    assert "borehole_tally was changed outside FieldApp" in said, said


def test_the_findings_are_said_in_dutch(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Every finding of these comes from the messages table in both languages (fieldapp/error_text.py)."""
    from fieldapp.error_text import said as in_language

    found: list[str] = []
    for sql in ("UPDATE project SET contractor_kvk = X'30123456'",
                "UPDATE borehole SET x_rd = 1.05e20 WHERE code = 'B01'",
                "UPDATE meta SET value = 'abc' WHERE key = 'journal_lean_from'",
                "INSERT INTO sync_receipt VALUES ('replica', 'abc', 'h', 'd', 'i', 'k', 's')",
                "UPDATE borehole_tally SET boreholes = 'abc'"):
        copy = db.with_name(f"case{len(found)}.sqlite")
        shutil.copy(db, copy)
        tamper(copy, sql)
        code, said = run_verify(copy, capsys)
        assert code == 1, said
        found.append(said.strip().removeprefix("fieldapp: error: "))
    dutch = [in_language(text, "nl") for text in found]
    assert dutch[0].endswith("(contractor_kvk is opgeslagen als binaire gegevens, wat FieldApp daar nooit "
                             "schrijft)"), dutch[0]
    assert dutch[1].endswith("is buiten FieldApp om gewijzigd (hij klopt niet met zijn laatste journaalregel)")
    assert dutch[2] == "meta journal_lean_from is 'abc', geen getal (buiten FieldApp om gewijzigd)"
    assert dutch[3].startswith("het ontvangstbewijs van de hub voor wijziging 'abc' van replica ")
    assert "borehole_tally is buiten FieldApp om gewijzigd" in dutch[4], dutch[4]
