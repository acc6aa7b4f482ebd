"""Photos in the exports: a photo table with each photo's hash and file, and in
the CSV folder the files themselves, named by hash and listed in the manifest."""

from __future__ import annotations

import csv
import hashlib
import shutil
from pathlib import Path

from fieldapp import demo
from fieldapp.domain import photo
from fieldapp.export import export
from fieldapp.session import Session
from fieldapp.settings import Settings


def test_csv_export_has_the_photo_table_and_files(tmp_path: Path) -> None:
    with Session.open(tmp_path / "field.sqlite", settings=Settings(user="J. de Vries")) as session:
        demo.create(session, boreholes=3, seed=1)
        shown = {p.sha256: p for p in photo.of_project(session.store, session.store.query(
            "SELECT id FROM project")[0]["id"])}
        # one photo whose file this device has not fetched yet: named, not copied
        missing = sorted(shown)[0]
        shutil.move(photo.blobs(session.store).path(missing), tmp_path / "elsewhere")
        export(session, "2026-0142", "csv", tmp_path / "out")
    out = tmp_path / "out"
    with (out / "photo.csv").open(newline="", encoding="utf-8-sig") as f:
        rows = list(csv.DictReader(f))
    assert {r["sha256"] for r in rows} == set(shown) and len(rows) == 3
    assert {r["object_code"] for r in rows} == {"", "B01", "B02"}
    manifest = (out / "MANIFEST.sha256").read_text()
    for r in rows:
        if r["sha256"] == missing:
            assert r["file"] == ""
            continue
        copied = out / r["file"]
        assert copied.name == f"{r['sha256']}.jpg"
        assert hashlib.sha256(copied.read_bytes()).hexdigest() == r["sha256"]
        assert f"{r['sha256']}  {r['file']}" in manifest
    assert len(list((out / "photos").iterdir())) == 2
