"""Photos of a site, a borehole, a layer or a sample (issue 15, Kwalibo evidence).

The picture is kept beside the database under its SHA-256
(:mod:`fieldapp.store.blobs`); the ``photo`` row, journalled and synced like
any record, names that hash, so the audit chain covers which bytes were
attached. Time: the camera's own EXIF time when the file has one, else the
GNSS fix's time, else when it was added. Position: the session's last fix
when there is one (the GUI passes it in; the core has no receiver).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from fieldapp.domain.common import fetch, from_row, optional_text
from fieldapp.errors import NotFoundError, ValidationError
from fieldapp.store.blobs import BlobStore
from fieldapp.store.database import utc_now

if TYPE_CHECKING:
    from fieldapp.positions.model import Fix
    from fieldapp.session import Session
    from fieldapp.store import Store

KINDS = ("site", "borehole", "layer", "sample")
MAX_BYTES = 64 * 1024 * 1024  # a camera's RAW file is not a field photo; a phone's JPEG is 3-12 MB
_EXIF_IFD, _DATETIME_ORIGINAL, _OFFSET_ORIGINAL, _DATETIME = 0x8769, 0x9003, 0x9011, 0x0132


@dataclass(frozen=True)
class Photo:
    id: str
    project_id: str
    object_kind: str
    object_id: str | None
    sha256: str
    file_name: str
    size_bytes: int
    taken_at: str | None = None
    time_source: str | None = None
    lat: float | None = None
    lon: float | None = None
    position_source: str | None = None
    caption: str | None = None
    added_at: str = ""


def blobs(store: Store) -> BlobStore:
    """The photo folder of this database."""
    return BlobStore.beside(Path(store.path))


def exif_time(path: Path) -> str | None:
    """The time the camera says it took the picture (ISO 8601, with its offset
    when the camera recorded one), or None when the file says nothing."""
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(path) as image:
            exif = image.getexif()
    except (OSError, UnidentifiedImageError, ValueError):
        return None
    sub = exif.get_ifd(_EXIF_IFD)
    raw = sub.get(_DATETIME_ORIGINAL) or exif.get(_DATETIME)
    if not isinstance(raw, str):
        return None
    try:
        taken = datetime.strptime(raw.strip("\x00 "), "%Y:%m:%d %H:%M:%S")
    except ValueError:
        return None
    offset = sub.get(_OFFSET_ORIGINAL)
    text = taken.isoformat()
    return text + offset.strip("\x00 ") if isinstance(offset, str) and len(offset.strip("\x00 ")) == 6 else text


def _check_image(path: Path) -> int:
    """The file's size; ValidationError unless it is a picture FieldApp can show."""
    from PIL import Image, UnidentifiedImageError

    try:
        size = path.stat().st_size
    except OSError as exc:
        raise ValidationError("file", f"Cannot read {path}: {exc.strerror or exc}.",
                              hint="Choose a photo file that exists.") from exc
    if size > MAX_BYTES:
        raise ValidationError("file", f"{path.name} is {size / 1e6:.0f} MB; a photo may be at most "
                                      f"{MAX_BYTES // 1_000_000} MB.", hint="Export it as JPEG first.")
    try:
        with Image.open(path) as image:
            image.verify()
    except (OSError, UnidentifiedImageError, ValueError, SyntaxError) as exc:
        raise ValidationError("file", f"{path.name} is not a photo (JPEG, PNG, ...).",
                              hint="Choose a picture file.") from exc
    return size


def _project_of(store: Store, kind: str, object_id: str | None, project_id: str) -> None:
    """NotFoundError / ValidationError unless the object exists in the project."""
    if kind not in KINDS:
        raise ValidationError("object_kind", f"'{kind}' is not something a photo can show.",
                              hint=f"Give one of: {', '.join(KINDS)}.")
    if store.get("project", project_id) is None:
        raise NotFoundError(f"Project {project_id} does not exist.")
    if kind == "site":
        return
    if not object_id:
        raise ValidationError("object_id", f"A photo of a {kind} needs the {kind}.")
    sql = {"borehole": "SELECT project_id FROM borehole WHERE id = ?",
           "sample": "SELECT project_id FROM sample WHERE id = ?",
           "layer": "SELECT b.project_id FROM layer l JOIN borehole b ON b.id = l.borehole_id WHERE l.id = ?"}[kind]
    found = store.query(sql, (object_id,))
    if not found:
        raise NotFoundError(f"The {kind} {object_id} does not exist.")
    if found[0]["project_id"] != project_id:
        raise ValidationError("object_id", f"The {kind} {object_id} belongs to another project.")


def add(session: Session, project_id: str, source: Path, *, object_kind: str = "site",
        object_id: str | None = None, caption: str | None = None, fix: Fix | None = None) -> Photo:
    """Attach the picture at ``source``: copied into the photo folder (once per
    content), recorded as one action."""
    store = session.store
    _project_of(store, object_kind, object_id if object_kind != "site" else None, project_id)
    _check_image(source)
    sha, size = blobs(store).add_file(source)
    taken, time_source = exif_time(source), "exif"
    if taken is None and fix is not None:
        taken, time_source = fix.time.isoformat().replace("+00:00", "Z"), "gnss"
    if taken is None:
        taken, time_source = utc_now(), "added"
    row = {"project_id": project_id, "object_kind": object_kind,
           "object_id": object_id if object_kind != "site" else None, "sha256": sha,
           "file_name": source.name[:200], "size_bytes": size, "taken_at": taken, "time_source": time_source,
           "lat": fix.lat if fix is not None else None, "lon": fix.lon if fix is not None else None,
           "position_source": str(fix.fix_type) if fix is not None else None,
           "caption": optional_text(caption), "added_at": utc_now()}
    with store.action(f"Add photo {source.name[:60]}") as tx:
        photo_id = tx.insert("photo", row)
    return get(store, photo_id)


def set_caption(session: Session, photo_id: str, caption: str | None) -> Photo:
    get(session.store, photo_id)
    with session.store.action("Change photo caption") as tx:
        tx.update("photo", photo_id, {"caption": optional_text(caption)})
    return get(session.store, photo_id)


def delete(session: Session, photo_id: str) -> None:
    """Detach a photo; its file stays (another row, or the journal's history, may name it)."""
    get(session.store, photo_id)
    with session.store.action("Delete photo") as tx:
        tx.delete("photo", photo_id)


def get(store: Store, photo_id: str) -> Photo:
    return fetch(store, Photo, "photo", photo_id)


def of_project(store: Store, project_id: str) -> list[Photo]:
    return [from_row(Photo, r) for r in store.query(
        "SELECT * FROM photo WHERE project_id = ? ORDER BY taken_at, id", (project_id,))]


def of_site(store: Store, project_id: str) -> list[Photo]:
    """The photos of the project's site (not of its boreholes), oldest first: a few, however many
    boreholes and photos the project has."""
    return [from_row(Photo, r) for r in store.query(
        "SELECT * FROM photo WHERE project_id = ? AND object_kind = 'site' ORDER BY taken_at, id", (project_id,))]


def of_borehole(store: Store, borehole_id: str) -> list[Photo]:
    """The borehole's photos and those of its layers and samples, oldest first."""
    return [from_row(Photo, r) for r in store.query(
        "SELECT * FROM photo WHERE (object_kind = 'borehole' AND object_id = :b) "
        "OR (object_kind = 'layer' AND object_id IN (SELECT id FROM layer WHERE borehole_id = :b)) "
        "OR (object_kind = 'sample' AND object_id IN (SELECT sample_id FROM sample_part WHERE borehole_id = :b)) "
        "ORDER BY taken_at, id", {"b": borehole_id})]


def missing_files(store: Store) -> list[str]:
    """Hashes named by photo rows whose file is not in the photo folder (to fetch from the hub)."""
    folder = blobs(store)
    return [r["sha256"] for r in store.query("SELECT DISTINCT sha256 FROM photo ORDER BY sha256")
            if not folder.has(r["sha256"])]
