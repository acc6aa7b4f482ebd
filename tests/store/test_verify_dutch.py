"""Every finding of `fieldapp verify` is said in Dutch to a Dutch user: each kind is produced for real on a
copy of a small demo database (changed through sqlite3, as a tamperer's tool would, like
tests/store/test_verify_tamper.py does), and the English verify raises is said through the messages table
(resources/messages/errors.json, fieldapp/error_text.py) without an English sentence left in it. A few run
the real `fieldapp verify` with a Dutch locale."""

from __future__ import annotations

import os
import re
import sqlite3
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat
from tests_store_helpers import copy_database, demo_database

from fieldapp import error_text
from fieldapp.errors import IntegrityError
from fieldapp.store import Store, journal, natural
from fieldapp.store.blobs import BlobStore
from fieldapp.store.verify import verify
from fieldapp.sync.receipt import Receipt

PROJECT = "2026-0142"
FIELDAPP = Path(sys.executable).parent / "fieldapp"
DUTCH = {"LANG": "nl_NL.UTF-8", "LC_ALL": "", "LC_MESSAGES": ""}

# English words of verify's findings that no Dutch sentence has (a table or view name such as
# sync_state or audit_log holds none as a word of its own)
ENGLISH = re.compile(r"\b(the|was|were|is not|it|its|outside|entry|entries|removed|inserted|deleted|changed|"
                     r"altered|written|rewritten|redefined|does|not|but|which|has|lacks|from|holds|no longer|"
                     r"audit|chain|broken|claims|device|receipted|receipt|differs|missing|keeps|one of them|"
                     r"number|numbered|order|sync|brought|up to|change)\b")


@pytest.fixture(scope="module")
def pristine(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return demo_database(tmp_path_factory.mktemp("demo") / "pristine.sqlite", 2, PROJECT)


@pytest.fixture
def db(pristine: Path, tmp_path: Path) -> Path:
    return copy_database(pristine, tmp_path / "copy.sqlite")


def raw(db: Path) -> sqlite3.Connection:
    """A connection outside FieldApp (with the natural-order function the borehole indexes need)."""
    conn = sqlite3.connect(db)
    natural.register(conn)
    return conn


def tamper(db: Path, *sql: str, params: tuple[object, ...] = ()) -> None:
    conn = raw(db)
    for statement in sql:
        conn.execute(statement, params)
    conn.commit()
    conn.close()


def one(db: Path, sql: str, params: tuple[object, ...] = ()) -> tuple[Any, ...]:
    conn = raw(db)
    row = conn.execute(sql, params).fetchone()
    conn.close()
    assert row is not None, sql
    return tuple(row)


def finding(db: Path) -> IntegrityError:
    with Store.open(db, actor="verify", read_only=True) as store, pytest.raises(IntegrityError) as raised:
        verify(store)
    return raised.value


# --- the cases: each changes the copy and gives the Dutch the finding must be said as ------------------------

Case = Callable[[Path], str]  # changes the database; the Dutch expected (a regular expression of it, whole)


def damaged(db: Path) -> str:
    data = bytearray(db.read_bytes())
    at = len(data) // 2
    data[at:at + 3000] = b"\x5a" * 3000
    db.write_bytes(bytes(data))
    return r"het databasebestand is beschadigd: .+"  # what follows is SQLite's own report


def schema_trigger_added(db: Path) -> str:
    tamper(db, "CREATE TRIGGER quiet AFTER UPDATE ON layer BEGIN SELECT 1; END")
    return re.escape("het schema heeft een trigger quiet die FieldApp niet aanmaakt (buiten FieldApp om toegevoegd)")


def schema_table_added(db: Path) -> str:
    tamper(db, "CREATE TABLE notes_on_the_side (x)")
    return re.escape("het schema heeft een tabel notes_on_the_side die FieldApp niet aanmaakt "
                     "(buiten FieldApp om toegevoegd)")


def schema_view_removed(db: Path) -> str:
    tamper(db, "DROP VIEW audit_log")
    return re.escape("het schema mist de view audit_log (buiten FieldApp om verwijderd)")


def schema_view_redefined(db: Path) -> str:
    conn = raw(db)
    conn.executescript("DROP VIEW audit_log; CREATE VIEW audit_log AS SELECT seq, at, actor, action, action_id, "
                       "tbl, row_id, op, fields, lower(hex(hash)) AS hash FROM journal_entry "
                       "WHERE actor <> 'J. de Vries'")
    conn.close()
    return re.escape("de view audit_log is buiten FieldApp om anders gedefinieerd")


def chain_gap(db: Path) -> str:
    tamper(db, "DELETE FROM journal WHERE seq = 5")
    return re.escape("auditketen verbroken bij journaalregel 6: die volgt niet op regel 5 "
                     "(er is buiten FieldApp om een regel verwijderd of ingevoegd)")


def chain_entry_altered(db: Path) -> str:
    seq, tbl, row_id = one(db, "SELECT seq, tbl, row_id FROM journal j WHERE hash IS NOT NULL AND seq > 1 AND "
                               "(SELECT hash FROM journal WHERE seq = j.seq - 1) IS NOT NULL ORDER BY seq LIMIT 1")
    tamper(db, "UPDATE journal SET hlc = hlc + 1 WHERE seq = ?", params=(seq,))
    return re.escape(f"auditketen verbroken bij journaalregel {seq} ({tbl}-rij {row_id}): "
                     "de regel is buiten FieldApp om gewijzigd")


def chain_stretch_altered(db: Path) -> str:
    """An entry inside an import (which keeps every 64th hash) altered: named by its stretch."""
    seq, = one(db, "SELECT MIN(seq) FROM journal WHERE hash IS NULL")
    assert seq is not None, "the demo is written as imports"
    tamper(db, "UPDATE journal SET row_hi = 'x' || row_id, row_lo = NULL WHERE seq = ?", params=(int(seq) + 3,))
    return (r"auditketen verbroken in journaalregels \d+ tot en met \d+ \(\S+-rij .+\): "
            r"een ervan is buiten FieldApp om gewijzigd")


def chain_last_unhashed(db: Path) -> str:
    last, = one(db, "SELECT MAX(seq) FROM journal")
    tamper(db, "UPDATE journal SET hash = NULL WHERE seq = ?", params=(last,))
    # the entries since the last kept hash, all of which the missing hash leaves unchecked
    first, tbl, row_id = one(db, "SELECT seq, tbl, row_id FROM journal WHERE seq = "
                                 "(SELECT COALESCE(MAX(seq), 0) + 1 FROM journal WHERE hash IS NOT NULL)")
    return re.escape(f"auditketen verbroken bij journaalregel {first} ({tbl}-rij {row_id}): "
                     "de laatste regel heeft geen hash (buiten FieldApp om gewijzigd)")


def row_changed(db: Path) -> str:
    row_id, = one(db, "SELECT id FROM layer ORDER BY id LIMIT 1")
    tamper(db, "UPDATE layer SET soil_code = 'V' WHERE id = ?", params=(row_id,))
    return re.escape(f"layer-rij {row_id} is buiten FieldApp om gewijzigd (hij klopt niet met zijn laatste "
                     "journaalregel)")


def row_misstored(db: Path) -> str:
    project_id, = one(db, "SELECT id FROM project")
    tamper(db, "UPDATE project SET contractor_kvk = X'30123456'")
    return re.escape(f"project-rij {project_id} is buiten FieldApp om gewijzigd (contractor_kvk is opgeslagen als "
                     "binaire gegevens, wat FieldApp daar nooit schrijft)")


def row_inserted(db: Path) -> str:
    conn = raw(db)
    conn.row_factory = sqlite3.Row
    row = dict(conn.execute("SELECT * FROM borehole ORDER BY id LIMIT 1").fetchone())
    conn.close()
    row.update(id="01900000-0000-7000-8000-00000000f00d", code=f"{row['code']}-FORGED")
    tamper(db, f"INSERT INTO borehole ({', '.join(row)}) VALUES ({', '.join('?' * len(row))})",
           params=tuple(row.values()))
    return re.escape("borehole-rij 01900000-0000-7000-8000-00000000f00d is buiten FieldApp om toegevoegd "
                     "(geen journaalregel legt hem vast)")


def row_deleted(db: Path) -> str:
    row_id, = one(db, "SELECT id FROM layer ORDER BY id LIMIT 1")
    tamper(db, "DELETE FROM layer WHERE id = ?", params=(row_id,))
    return re.escape(f"layer-rij {row_id} is buiten FieldApp om verwijderd (het journaal legt hem vast, "
                     "de tabel bevat hem niet)")


def device_id_missing(db: Path) -> str:
    tamper(db, "DELETE FROM meta WHERE key = 'device_id'")
    return re.escape("de apparaat-id ontbreekt in de database (buiten FieldApp om verwijderd)")


def own_numbering(db: Path) -> str:
    """The last own change renumbered and the chain recomputed over it, as a careful forger would."""
    last, = one(db, "SELECT MAX(seq) FROM journal")
    conn = raw(db)
    conn.execute("UPDATE journal SET device_seq = device_seq + 1000 WHERE seq = ?", (last,))
    journal.rechain(conn, int(last))
    conn.commit()
    conn.close()
    return re.escape("de eigen wijzigingen van dit apparaat zijn niet 1..n genummerd in de volgorde van het "
                     "journaal (er zijn buiten FieldApp om regels verwijderd, verplaatst of hernummerd)")


def journal_cut_before_pull(db: Path) -> str:
    last, = one(db, "SELECT MAX(seq) FROM journal")
    tamper(db, "INSERT INTO sync_pull_mark (local_seq, hub_pos) VALUES (1000000, 1)")
    return re.escape(f"het journaal eindigt bij regel {last}, maar een synchronisatie had al tot en met regel "
                     "1000000 opgehaald (er zijn buiten FieldApp om regels verwijderd)")


def stray_device(db: Path) -> str:
    """A sample and a journal entry made to look like a pulled change, chained correctly."""
    conn = raw(db)
    conn.row_factory = sqlite3.Row
    sample = dict(conn.execute("SELECT * FROM sample ORDER BY id LIMIT 1").fetchone())
    conn.row_factory = None
    fake = {**sample, "id": "01900000-0000-7000-8000-00000000beef", "code": "FAKE-1"}
    text, row_digest = journal.row_digest(fake)
    conn.execute(f"INSERT INTO sample ({', '.join(fake)}) VALUES ({', '.join('?' * len(fake))})",
                 tuple(fake.values()))
    last_hlc = conn.execute("SELECT hlc FROM journal ORDER BY seq DESC LIMIT 1").fetchone()[0]
    forger, stamp = "01900000-0000-7000-8000-0000000000aa", ("act", "Sample", "Someone", "2026-06-01T10:00:00.000Z")
    params = journal.Appender(conn, forger, stamp).remote_params(forger, 1, last_hlc + 1, stamp, "sample",
                                                                 fake["id"], "insert", text, row_digest)
    conn.execute(journal.INSERT_SQL, params)
    conn.commit()
    seq = conn.execute("SELECT MAX(seq) FROM journal").fetchone()[0]
    conn.close()
    return re.escape(f"journaalregel {seq} zegt van apparaat {forger} te komen, maar geen synchronisatie heeft "
                     "hem gebracht (buiten FieldApp om geschreven)")


def pushed_beyond_journal(db: Path) -> str:
    own, = one(db, "SELECT COUNT(*) FROM journal j JOIN journal_device d ON d.id = j.device "
                   "WHERE d.device_id = (SELECT value FROM meta WHERE key = 'device_id')")
    tamper(db, "INSERT OR REPLACE INTO sync_state (key, value) VALUES ('pushed_upto', '1000000000')")
    return re.escape(f"sync_state zegt dat de hub de wijzigingen van dit apparaat tot en met 1000000000 heeft, "
                     f"maar het journaal heeft er {own} (buiten FieldApp om gewijzigd: latere wijzigingen zouden "
                     "nooit worden verstuurd)")


def sync_count_not_a_number(db: Path) -> str:
    tamper(db, "INSERT OR REPLACE INTO sync_state (key, value) VALUES ('pushed_upto', 'abc')")
    return re.escape("sync_state pushed_upto is 'abc', geen getal (buiten FieldApp om gewijzigd)")


def lean_from_not_a_number(db: Path) -> str:
    tamper(db, "UPDATE meta SET value = 'abc' WHERE key = 'journal_lean_from'")
    return re.escape("meta journal_lean_from is 'abc', geen getal (buiten FieldApp om gewijzigd)")


ISSUED = "2026-06-01T10:00:00Z"


def signed_receipt(db: Path, device_seq: int, hash_hex: str) -> None:
    """A receipt the hub really signed (its key, its signature), kept as a sync keeps it."""
    device_id, = one(db, "SELECT value FROM meta WHERE key = 'device_id'")
    key = Ed25519PrivateKey.generate()
    hub_key = key.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw).hex()
    r = Receipt(str(device_id), device_seq, hash_hex, "tablet-7", ISSUED, hub_key).signed(key)
    tamper(db, "INSERT INTO sync_receipt (replica_id, device_seq, hash, device, issued_at, hub_key, signature) "
               "VALUES (?, ?, ?, ?, ?, ?, ?)",
           params=(r.replica_id, r.device_seq, r.hash, r.device, r.issued_at, r.hub_key, r.signature))


def receipt_not_signed(db: Path) -> str:
    tamper(db, "INSERT INTO sync_receipt VALUES ('replica', 7, 'h', 'd', 'i', '00', '00')")
    return re.escape("het ontvangstbewijs van de hub voor wijziging 7 van replica is niet door de hub ondertekend "
                     "(buiten FieldApp om gewijzigd)")


def receipted_change_gone(db: Path) -> str:
    signed_receipt(db, 999_999, "00" * 32)
    return re.escape(f"de hub bevestigde de wijzigingen van dit apparaat tot en met 999999 ({ISSUED}), maar het "
                     "journaal bevat die wijziging niet meer (er zijn buiten FieldApp om regels verwijderd)")


def receipted_change_differs(db: Path) -> str:
    signed_receipt(db, 1, "00" * 32)
    return re.escape(f"de journaalregel van wijziging 1 verschilt van de regel die de hub op {ISSUED} bevestigde "
                     "(de keten is buiten FieldApp om herschreven)")


def tally_changed(db: Path) -> str:
    tamper(db, "UPDATE borehole_tally SET boreholes = boreholes + 5")
    return (r"het bijgehouden aantal boringen van project \S+ zegt \d+ \(\d+ ingemeten\) waar het er \d+ heeft "
            r"\(\d+ ingemeten\): borehole_tally is buiten FieldApp om gewijzigd")


def borehole_photo(db: Path) -> tuple[str, Path]:
    name, sha = one(db, "SELECT p.file_name, p.sha256 FROM photo p JOIN borehole b ON b.id = p.object_id "
                        "WHERE b.code = 'B01'")
    return str(name), BlobStore.beside(db).path(str(sha))


def photo_altered(db: Path) -> str:
    name, stored = borehole_photo(db)
    with stored.open("r+b") as f:
        f.seek(100)
        byte = f.read(1)
        f.seek(100)
        f.write(bytes([byte[0] ^ 0xFF]))
    return re.escape(f"Boring B01: de foto {name} ({stored.name}) klopt niet meer met zijn SHA-256 "
                     "(het bestand is buiten FieldApp om gewijzigd)")


def photo_missing(db: Path) -> str:
    name, stored = borehole_photo(db)
    stored.unlink()
    return re.escape(f"Boring B01: de foto {name} ({stored.name}) ontbreekt in {stored.parent.parent} "
                     "(buiten FieldApp om verwijderd)")


@dataclass(frozen=True)
class Legacy:
    """The same chain findings on a database of an earlier FieldApp, whose journal is checked as it stands."""

    sql: str
    dutch: str


CASES: dict[str, Case] = {f.__name__: f for f in (
    damaged, schema_trigger_added, schema_table_added, schema_view_removed, schema_view_redefined, chain_gap,
    chain_entry_altered, chain_stretch_altered, chain_last_unhashed, row_changed, row_misstored, row_inserted,
    row_deleted, device_id_missing, own_numbering, journal_cut_before_pull, stray_device, pushed_beyond_journal,
    sync_count_not_a_number, lean_from_not_a_number, receipt_not_signed, receipted_change_gone,
    receipted_change_differs, tally_changed, photo_altered, photo_missing)}


def assert_dutch(exc: IntegrityError, expected: str) -> str:
    dutch = error_text.message(exc, "nl")
    assert re.fullmatch(expected, dutch), (exc.message, dutch)
    assert error_text.message(exc, "en") == str(exc)  # the English stays the core's own
    # no English sentence left in the Dutch (SQLite's own report of a damaged file is quoted as it wrote it)
    said = dutch.split(": ", 1)[0] if dutch.startswith("het databasebestand is beschadigd") else dutch
    assert not ENGLISH.search(said), (exc.message, dutch)
    return dutch


@pytest.mark.parametrize("case", CASES)
def test_each_finding_is_said_in_dutch(db: Path, case: str) -> None:
    expected = CASES[case](db)
    assert_dutch(finding(db), expected)


def test_an_unreadable_photo_file_is_said_in_dutch(db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """As root every file can be read: the refusal the disk gives is raised where the file is hashed."""
    folder = BlobStore.beside(db).root

    def refuse(self: BlobStore, sha256: str) -> bool:
        raise PermissionError(13, "Permission denied", str(self.path(sha256)))

    monkeypatch.setattr(BlobStore, "verify", refuse)
    # the first photo read is the site's
    assert_dutch(finding(db), r"Terrein: de foto \S+ \([0-9a-f]{64}\) kan niet worden gelezen uit "
                              + re.escape(f"{folder} (Geen toestemming)"))


@pytest.mark.parametrize("case", [
    Legacy("UPDATE journal SET actor = 'Mr. Nobody' WHERE seq = 2",
           r"auditketen verbroken bij journaalregel 2 \(project-rij \S+\): de regel is buiten FieldApp om gewijzigd"),
    Legacy("DELETE FROM journal WHERE seq = 1",
           re.escape("auditketen verbroken bij journaalregel 2: die volgt niet op regel 1 "
                     "(er is buiten FieldApp om een regel verwijderd of ingevoegd)")),
], ids=["altered", "gap"])
def test_the_chain_of_an_earlier_fieldapp_is_said_in_dutch(tmp_path: Path, case: Legacy) -> None:
    path = tmp_path / "older.sqlite"
    with Store.open(path, actor="J. de Vries", upto="0003_sync") as store:
        for code in ("P-OLD", "P-OLDER"):
            with store.action("New project") as tx:
                tx.insert("project", {"code": code, "name": "before receipts"})
    tamper(path, case.sql)
    assert_dutch(finding(path), case.dutch)


def fieldapp_nl(config: Path, db: Path) -> str:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("FIELDAPP_CRASH", "FIELDAPP_DEBUG"))}
    env.update(DUTCH, FIELDAPP_CONFIG_DIR=str(config))
    run = subprocess.run([str(FIELDAPP), "verify", "--db", str(db)], capture_output=True, text=True, env=env,
                         timeout=120)
    assert run.returncode == 1, (run.stdout, run.stderr)
    assert "Traceback" not in run.stderr
    lines = run.stderr.splitlines()
    assert len(lines) == 1, run.stderr
    return lines[0]


@pytest.mark.parametrize("case", ["chain_gap", "row_deleted", "device_id_missing", "receipted_change_differs"])
def test_the_command_line_says_the_finding_in_dutch(db: Path, tmp_path: Path, case: str) -> None:
    expected = CASES[case](db)
    said = fieldapp_nl(tmp_path / "config", db)
    assert re.fullmatch(f"fieldapp: fout: {expected}", said), said
    assert not ENGLISH.search(said.removeprefix("fieldapp: fout: ")), said
