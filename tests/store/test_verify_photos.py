"""A photo file is evidence: `fieldapp verify` hashes every file the photo rows name and names one that
is altered or gone, and the CSV export refuses to copy a file that no longer hashes to its name (it
used to copy it under the original hash's name and bless the new bytes in MANIFEST.sha256). Real
demo databases and their photo folders, changed behind FieldApp's back."""

from __future__ import annotations

import shutil
import tracemalloc
from pathlib import Path

import pytest
from tests_store_helpers import copy_database, demo_database, run_verify

from fieldapp.error_text import said as in_language
from fieldapp.errors import ExportError, StoreError
from fieldapp.export import export
from fieldapp.session import Session
from fieldapp.settings import Settings
from fieldapp.store import Store
from fieldapp.store.blobs import BlobStore, sha256_file
from fieldapp.store.verify import verify
from ui.main import main as fieldapp

PROJECT = "2026-0142"


@pytest.fixture(scope="module")
def pristine(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return demo_database(tmp_path_factory.mktemp("demo") / "pristine.sqlite", 2, PROJECT)


@pytest.fixture
def db(pristine: Path, tmp_path: Path) -> Path:
    return copy_database(pristine, tmp_path / "site.sqlite")


def borehole_photo(db: Path) -> tuple[str, Path]:
    """The file name and stored file of the photo of borehole B01."""
    with Store.open(db, actor="test", read_only=True) as store:
        (name, sha), = store.conn.execute(
            "SELECT p.file_name, p.sha256 FROM photo p JOIN borehole b ON b.id = p.object_id "
            "WHERE b.code = 'B01'").fetchall()
    return str(name), BlobStore.beside(db).path(str(sha))


def alter(path: Path) -> None:
    """One byte changed in the middle, as the hunt's repro does with dd."""
    with path.open("r+b") as f:
        f.seek(100)
        byte = f.read(1)
        f.seek(100)
        f.write(bytes([byte[0] ^ 0xFF]))


def test_the_untouched_record_with_its_photos_verifies(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, said = run_verify(db, capsys)
    assert code == 0, said
    with Store.open(db, actor="verify", read_only=True) as store:
        assert verify(store).photos == 3


def test_an_altered_photo_file_is_named(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    name, stored = borehole_photo(db)
    alter(stored)
    code, said = run_verify(db, capsys)
    assert code == 1, said
    english = (f"Borehole B01: the photo {name} ({stored.name}) no longer matches its SHA-256 "
               "(the file was altered outside FieldApp)")
    assert said.strip() == f"fieldapp: error: {english}"
    assert in_language(english, "nl") == (f"Boring B01: de foto {name} ({stored.name}) klopt niet meer met "
                                          "zijn SHA-256 (het bestand is buiten FieldApp om gewijzigd)")
    # inspect's first line is verify's
    code = fieldapp(["inspect", "--db", str(db), "--project", PROJECT])
    assert code == 1


def test_a_removed_photo_file_is_named_as_missing(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    name, stored = borehole_photo(db)
    stored.unlink()
    code, said = run_verify(db, capsys)
    assert code == 1, said
    english = (f"Borehole B01: the photo {name} ({stored.name}) is missing from {db.with_name('site.photos')} "
               "(removed outside FieldApp)")
    assert said.strip() == f"fieldapp: error: {english}"
    assert in_language(english, "nl").startswith(f"Boring B01: de foto {name} ({stored.name}) ontbreekt in ")


def test_a_database_copied_without_its_photo_folder_is_incomplete(
        pristine: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    alone = tmp_path / "alone.sqlite"
    shutil.copy(pristine, alone)
    code, said = run_verify(alone, capsys)
    assert code == 1 and "is missing from" in said and "(removed outside FieldApp)" in said, said


def test_verify_counts_the_photo_files_in_its_progress(db: Path) -> None:
    told: list[tuple[int, int]] = []
    with Store.open(db, actor="verify", read_only=True) as store:
        verify(store, progress=lambda done, total: told.append((done, total)))
    assert told[-1][0] == told[-1][1] and all(total == told[0][1] for _done, total in told)
    with Store.open(db, actor="verify", read_only=True) as store:
        rows = verify(store).rows
    entries = told[0][1] - rows
    assert entries > 0 and told[0][1] >= rows + 3  # the photo rows a second time, as files


def test_the_export_refuses_an_altered_photo_and_writes_nothing(db: Path, tmp_path: Path) -> None:
    name, stored = borehole_photo(db)
    alter(stored)
    out = tmp_path / "out"
    with Session.open(db, settings=Settings(user="J. de Vries")) as session, \
            pytest.raises(ExportError) as refused:
        export(session, PROJECT, "csv", out)
    english = (f"Borehole B01: the photo {name} ({stored.name}) no longer matches its SHA-256 (the file was "
               "altered outside FieldApp); nothing was exported.")
    assert refused.value.message == english
    assert in_language(english, "nl") == (f"Boring B01: de foto {name} ({stored.name}) klopt niet meer met zijn "
                                          "SHA-256 (het bestand is buiten FieldApp om gewijzigd); er is niets "
                                          "geëxporteerd.")
    assert in_language(refused.value.hint, "nl", hint=True) != refused.value.hint
    assert not out.exists()
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".out")]  # no staging left behind


def test_the_copy_hashes_on_the_way_in_constant_memory(tmp_path: Path) -> None:
    folder = BlobStore(tmp_path / "site.photos")
    big = tmp_path / "big.jpg"
    with big.open("wb") as f:
        for i in range(24):  # 24 MB, a large phone photo twice over
            f.write(bytes([i]) * (1 << 20))
    sha, _size = folder.add_file(big)
    tracemalloc.start()
    try:
        folder.copy_to(sha, tmp_path / "copy.jpg")
        assert folder.verify(sha)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 4 * (1 << 20), peak
    assert sha256_file(tmp_path / "copy.jpg")[0] == sha
    alter(folder.path(sha))
    with pytest.raises(StoreError, match="no longer matches its SHA-256"):
        folder.copy_to(sha, tmp_path / "again.jpg")
    assert not (tmp_path / "again.jpg").exists()
