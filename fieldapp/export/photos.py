"""Photos in an export: a table naming each photo's hash and file, and the
files themselves in ``photos/`` beside the data (named by hash, so the
manifest's SHA-256 of each is its name)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from fieldapp.domain.photo import blobs
from fieldapp.errors import ExportError, StoreError
from fieldapp.store.verify_photos import subject

if TYPE_CHECKING:
    from fieldapp.export.data import Row
    from fieldapp.session import Session
    from fieldapp.store import Store

FOLDER = "photos"
# what a photo shows, as the export names it: the object's table and the column with its code
_CODES = {"borehole": "SELECT id, code FROM borehole WHERE project_id = ?",
          "sample": "SELECT id, code FROM sample WHERE project_id = ?",
          "layer": "SELECT l.id, b.code || ' ' || (l.upper_cm / 100.0) || '-' || (l.lower_cm / 100.0) || ' m' AS code "
                   "FROM layer l JOIN borehole b ON b.id = l.borehole_id WHERE b.project_id = ?"}


def export_name(row: Row) -> str:
    """The photo's file in the export: its hash with the original extension."""
    suffix = Path(str(row.get("file_name") or "")).suffix.lower()
    return f"{FOLDER}/{row['sha256']}{suffix if len(suffix) <= 6 else ''}"


def rows(store: Store, project_id: str) -> list[Row]:
    """The project's photos with the code of what each shows and its file in the export
    (empty when the file is not on this device yet)."""
    out = store.query("SELECT * FROM photo WHERE project_id = ? ORDER BY taken_at, id", (project_id,))
    if not out:
        return out
    codes: dict[str, str] = {}
    for sql in _CODES.values():  # the codes of what the photos show only, not of every layer of the project
        codes.update((r["id"], str(r["code"])) for r in store.query(
            f"SELECT id, code FROM ({sql}) WHERE id IN (SELECT object_id FROM photo WHERE project_id = ?)",
            (project_id, project_id)))
    folder = blobs(store)
    for row in out:
        row["_object_code"] = codes.get(row["object_id"] or "", "")
        row["_file"] = export_name(row) if folder.has(row["sha256"]) else None
    return out


def copy_files(session: Session, photos: list[Row], root: Path) -> int:
    """Copy each photo's file that is on this device into ``root/photos``; how many."""
    folder, done = blobs(session.store), 0
    for row in photos:
        if row.get("_file") and not (root / row["_file"]).exists():
            (root / FOLDER).mkdir(exist_ok=True)
            try:
                folder.copy_to(row["sha256"], root / row["_file"])
            except StoreError as exc:
                # the export carries the evidence under its hash: a file that is not those bytes any more
                # (or cannot be read) would go out under a name it no longer has; the staging is discarded
                shown = f"{subject(str(row['object_kind']), str(row.get('_object_code') or ''))}: the photo " \
                        f"{row['file_name']} ({row['sha256']})"
                if exc.__cause__ is None:  # not a failure to read: the bytes are not those of the hash
                    raise ExportError(f"{shown} no longer matches its SHA-256 (the file was altered outside "
                                      "FieldApp); nothing was exported.",
                                      hint="Run `fieldapp verify --db FILE`, and restore the photo from the hub "
                                           "or a backup.") from None
                raise ExportError(f"{shown} cannot be read from {folder.root}; nothing was exported.",
                                  hint="Run `fieldapp verify --db FILE`, and restore the photo from the hub "
                                       "or a backup.") from exc
            done += 1
    return done
