"""`fieldapp verify`'s pass over the photo files: each file a ``photo`` row names against its SHA-256.

The journal proves which bytes a photo row means (its hash); the file beside the database is the
evidence itself, and only hashing it again shows it is still those bytes. Each file is read in
blocks (:func:`fieldapp.store.blobs.sha256_file`), once however many rows name it.

A file that is not here is missing when it was here once: this device attached it (its row's first
journal entry is this device's) or the hub holds it by this device's sync (``photo_on_hub``: sent or
fetched). A pulled row whose file no sync has fetched yet is not a finding: the hub or its device
still has it, and the next sync fetches it.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from fieldapp.store.blobs import BlobStore, is_sha256
from fieldapp.store.verify_base import Counter, fail

# the code of what a photo shows, by its kind (a layer: its borehole's code and depths, as the export says)
_CODES = {"borehole": "SELECT code FROM borehole WHERE id = ?",
          "sample": "SELECT code FROM sample WHERE id = ?",
          "layer": "SELECT b.code || ' ' || (l.upper_cm / 100.0) || '-' || (l.lower_cm / 100.0) || ' m' "
                   "FROM layer l JOIN borehole b ON b.id = l.borehole_id WHERE l.id = ?"}
_CHECKED_LIMIT = 10_000  # the hashes found intact, kept so a file named twice is read once; bounded


def subject(kind: str, code: str) -> str:
    """What a photo shows, for a message: "Borehole B01", "Layer B01 0.5-1.0 m", "Site"."""
    return f"{kind.capitalize()} {code}".strip()


def rows(conn: sqlite3.Connection) -> int:
    """How many photo rows the pass goes through (for the progress total)."""
    return int(conn.execute("SELECT MAX(rowid) FROM photo").fetchone()[0] or 0)


def check(conn: sqlite3.Connection, db_path: Path, device_id: str, count: Counter) -> int:
    """Hash every file the photo rows name; raise the first one missing or altered. How many files were read."""
    folder = BlobStore.beside(db_path)
    intact: set[str] = set()
    files = 0
    for photo_id, sha, name, kind, object_id in conn.execute(
            "SELECT id, sha256, file_name, object_kind, object_id FROM photo ORDER BY id"):
        count.add(1)  # a file takes far longer to read than the progress takes to tell
        if sha in intact:
            continue
        if not (isinstance(sha, str) and is_sha256(sha)) or not folder.has(sha):
            if _was_here(conn, str(photo_id), sha, device_id):
                raise fail(f"{_shown(conn, kind, object_id)}: the photo {name} ({sha}) is missing from "
                           f"{folder.root} (removed outside FieldApp)", "photo", str(photo_id))
            continue
        try:
            same = folder.verify(sha)
        except OSError as exc:
            raise fail(f"{_shown(conn, kind, object_id)}: the photo {name} ({sha}) cannot be read from "
                       f"{folder.root} ({exc.strerror or exc})", "photo", str(photo_id)) from exc
        if not same:
            raise fail(f"{_shown(conn, kind, object_id)}: the photo {name} ({sha}) no longer matches its SHA-256 "
                       "(the file was altered outside FieldApp)", "photo", str(photo_id))
        files += 1
        if len(intact) >= _CHECKED_LIMIT:
            intact.clear()
        intact.add(sha)
    return files


def _was_here(conn: sqlite3.Connection, photo_id: str, sha: object, device_id: str) -> bool:
    if conn.execute("SELECT 1 FROM photo_on_hub WHERE sha256 = ?", (sha,)).fetchone() is not None:
        return True
    first = conn.execute("SELECT d.device_id FROM journal j JOIN journal_device d ON d.id = j.device "
                         "WHERE j.tbl = 'photo' AND j.row_id = ? ORDER BY j.seq LIMIT 1", (photo_id,)).fetchone()
    return first is None or str(first[0]) == device_id


def _shown(conn: sqlite3.Connection, kind: object, object_id: object) -> str:
    sql = _CODES.get(str(kind))
    found = None if sql is None or object_id is None else conn.execute(sql, (object_id,)).fetchone()
    return subject(str(kind), "" if found is None else str(found[0]))
