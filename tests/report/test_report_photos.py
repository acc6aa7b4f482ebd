"""Photos in the field report (issue 15 item 5): a section, mapped to its requirement, naming per
photo what it shows, when it was taken and the start of its SHA-256, with a thumbnail where the file
is on this device and a plain note where it is not."""

from __future__ import annotations

import shutil
from pathlib import Path

from pypdf import PdfReader

from fieldapp import demo
from fieldapp.domain import photo, project
from fieldapp.report import write_report
from fieldapp.report.photos import PREFIX
from fieldapp.session import Session
from fieldapp.settings import Settings

PROJECT = "2026-0142"


def _text(path: Path) -> str:
    return " ".join(" ".join((page.extract_text() or "").split()) for page in PdfReader(path).pages)


def _images(path: Path) -> int:
    return sum(len(page.images) for page in PdfReader(path).pages)


def test_the_report_lists_each_photo_with_what_it_shows_time_and_hash(tmp_path: Path) -> None:
    db = tmp_path / "field.sqlite"
    with Session.open(db, settings=Settings(user="J. de Vries")) as session:
        demo.create(session, boreholes=3, seed=1, project_code=PROJECT)
        photos = photo.of_project(session.store, project.by_code(session.store, PROJECT).id)
        codes = {r["id"]: r["code"] for r in session.store.query("SELECT id, code FROM borehole")}
        missing = photos[-1].sha256
        folder = photo.blobs(session.store)
    assert len(photos) == 3
    out = tmp_path / "all.pdf"
    write_report(db, PROJECT, out)
    text = _text(out)
    assert "7. Foto's Beantwoordt: BRL SIKB 2000, veldwerkrapportage: overzicht van de verzamelde gegevens" in text
    for p in photos:
        assert p.sha256[:PREFIX] in text
        assert (p.taken_at or "")[:16].replace("T", " ") in text
        if p.object_kind == "borehole":
            assert f"boring {codes[p.object_id]}" in text
    assert _images(out) == 3  # a thumbnail per photo
    # a photo whose file this device has not fetched yet is still listed, by its hash
    shutil.move(folder.path(missing), tmp_path / "elsewhere.jpg")
    out2 = tmp_path / "one-missing.pdf"
    write_report(db, PROJECT, out2)
    text = _text(out2)
    assert missing[:PREFIX] in text and "niet op dit apparaat" in text
    assert _images(out2) == 2


def test_a_project_without_photos_says_so(tmp_path: Path) -> None:
    db = tmp_path / "field.sqlite"
    with Session.open(db, settings=Settings(user="J. de Vries")) as session:
        demo.create(session, boreholes=3, seed=1, project_code=PROJECT)
        session.store.conn.execute("DELETE FROM photo")  # a file from before photos were taken
        session.store.conn.commit()
    out = tmp_path / "r.pdf"
    write_report(db, PROJECT, out)
    assert "7. Foto's" in _text(out) and "Er zijn geen foto's vastgelegd." in _text(out)
