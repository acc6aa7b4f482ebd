"""When SQLite refuses a write, the user is told why: a file another FieldApp holds, a full disk. Before, every
such refusal said "the database file is damaged ... Restore it from a backup", which sends a sampler to
replace a sound file (and the day's work in it) with an older copy. Each case runs the real `fieldapp`
program against a real file: one held by another writer, one on a real full disk (a tmpfs, root only)."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from disks import tmpfs

FIELDAPP = Path(sys.executable).parent / "fieldapp"
PROJECT = "2026-0142"


def _fieldapp(tmp: Path, *argv: str, lang: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("FIELDAPP_CRASH", "FIELDAPP_DEBUG"))}
    env.update(LANG="nl_NL.UTF-8" if lang == "nl" else "C.UTF-8", LC_ALL="", LC_MESSAGES="",
               FIELDAPP_CONFIG_DIR=str(tmp / "config"))
    return subprocess.run([str(FIELDAPP), *argv], capture_output=True, text=True, env=env, timeout=300)


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("held")
    db = folder / "field.sqlite"
    assert _fieldapp(folder, "demo-data", "--db", str(db), "--boreholes", "2", lang="en").returncode == 0
    return db


def _shipments(db: Path) -> int:
    conn = sqlite3.connect(db)
    try:
        return int(conn.execute("SELECT count(*) FROM shipment").fetchone()[0])
    finally:
        conn.close()


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_a_file_another_writer_holds_is_said_to_be_in_use_not_damaged(demo_db: Path, tmp_path: Path,
                                                                      lang: str) -> None:
    db = tmp_path / "field.sqlite"
    shutil.copy(demo_db, db)
    shutil.copytree(demo_db.with_name("field.photos"), tmp_path / "field.photos")  # verify hashes each file
    before = _shipments(db)
    other = sqlite3.connect(db, isolation_level=None)  # another FieldApp in the middle of a long import
    other.execute("BEGIN IMMEDIATE")
    try:
        run = _fieldapp(tmp_path, "shipment", "create", "--db", str(db), "--project", PROJECT,
                        "--lab", "SYNLAB Rotterdam", lang=lang)
    finally:
        other.rollback()
        other.close()
    assert run.returncode == 1, (run.stdout, run.stderr)
    assert len(run.stderr.splitlines()) == 1 and "Traceback" not in run.stderr
    if lang == "nl":
        assert "is in gebruik: een ander FieldApp-venster of -commando schrijft erin en was na 10 s nog niet " \
               "klaar. Wacht tot het klaar is, of sluit het, en probeer het dan opnieuw; er is niets gewijzigd." \
               in run.stderr, run.stderr
        assert "beschadigd" not in run.stderr and "reservekopie" not in run.stderr
    else:
        assert "is in use: another FieldApp window or command is writing to it" in run.stderr, run.stderr
        assert "damaged" not in run.stderr and "backup" not in run.stderr
    # nothing half-written, and the same command succeeds once the other writer is done
    assert _shipments(db) == before
    assert _fieldapp(tmp_path, "verify", "--db", str(db), lang="en").returncode == 0
    again = _fieldapp(tmp_path, "shipment", "create", "--db", str(db), "--project", PROJECT,
                      "--lab", "SYNLAB Rotterdam", lang=lang)
    assert again.returncode == 0, again.stderr
    assert _shipments(db) == before + 1


def test_a_database_on_a_full_disk_is_said_to_be_full_not_damaged(demo_db: Path, tmp_path: Path) -> None:
    photos = demo_db.with_name("field.photos")  # verify hashes each file: they go along
    size = demo_db.stat().st_size + sum(f.stat().st_size + 4096 for f in photos.rglob("*"))
    with tmpfs(tmp_path / "stick", size=f"{size // 1024 + 48}k") as stick:
        db = stick / "field.sqlite"
        shutil.copy(demo_db, db)
        shutil.copytree(photos, stick / "field.photos")
        before = _shipments(db)
        filler = stick / "filler"
        with filler.open("wb", buffering=0) as f:  # the rest of the stick taken by other files
            try:
                while True:
                    f.write(b"\0" * 4096)
            except OSError:
                pass
        run = _fieldapp(tmp_path, "shipment", "create", "--db", str(db), "--project", PROJECT,
                        "--lab", "SYNLAB Rotterdam", lang="nl")
        assert run.returncode == 1, (run.stdout, run.stderr)
        assert "Traceback" not in run.stderr and "beschadigd" not in run.stderr, run.stderr
        assert " is vol." in run.stderr and "Maak ruimte vrij" in run.stderr, run.stderr
        filler.unlink()
        assert _shipments(db) == before
        assert _fieldapp(tmp_path, "verify", "--db", str(db), lang="en").returncode == 0
