"""The hub's photo files: content-addressed in a folder, received in chunks.

An upload goes to ``partial/<sha256>`` chunk by chunk, each at the offset
the hub says it holds, so an upload cut off (the device stopped, the network
gone, the hub restarted) resumes where the hub's file ends instead of from
the start. When the last byte is in, the file is hashed: the right hash moves
it into place, a wrong one is deleted and refused, and the device sends it
again. A finished file is never asked for again: the device first asks which
of its hashes the hub lacks.

Who may fetch a photo: a coordinator any; a sampler one that a photo row of
a project it may read names (``hub_blob_ref``, filled by each push); a lab
none.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from fieldapp.hub.db import Conn, HubDB
from fieldapp.hub.devices import Device
from fieldapp.hub.refused import Refused
from fieldapp.store.blobs import BlobStore, is_sha256, sha256_file

MAX_BLOB_BYTES = 64 * 1024 * 1024  # as fieldapp.domain.photo.MAX_BYTES


@dataclass(frozen=True)
class Held:
    sha256: str
    offset: int  # bytes the hub holds of an unfinished upload
    complete: bool


class HubBlobs:
    """The photo folder of one hub (``root``); one lock serialises the appends of this process."""

    def __init__(self, root: Path) -> None:
        self.files = BlobStore(root)
        self.partial = root / "partial"
        self._lock = threading.Lock()

    def _partial(self, sha256: str) -> Path:
        return self.partial / sha256

    def held(self, sha256: str) -> Held:
        if self.files.has(sha256):
            return Held(sha256, self.files.size(sha256), True)
        part = self._partial(sha256)
        return Held(sha256, part.stat().st_size if part.is_file() else 0, False)

    def lacking(self, hashes: Iterable[str]) -> list[Held]:
        """Of ``hashes``, those the hub has not got whole, with how much of each it holds."""
        out = []
        for sha in dict.fromkeys(hashes):
            _check_hash(sha)
            held = self.held(sha)
            if not held.complete:
                out.append(held)
        return out

    def append(self, sha256: str, offset: int, total: int, data: bytes) -> Held:
        """Add ``data`` at ``offset`` of an upload of ``total`` bytes.

        Refused (409, with the hub's offset) when the offset is not where the
        hub's file ends; refused (422) and the partial file dropped when the
        finished file does not hash to ``sha256``."""
        _check_hash(sha256)
        if not 0 < total <= MAX_BLOB_BYTES:
            raise Refused(413, f"A photo may be 1 byte to {MAX_BLOB_BYTES // 1_000_000} MB, not {total} bytes.")
        with self._lock:
            held = self.held(sha256)
            if held.complete:
                return held
            if offset != held.offset:
                raise OffsetMismatch(held.offset)
            if offset + len(data) > total:
                raise Refused(422, f"The chunk runs past the photo's size ({offset} + {len(data)} > {total}).")
            self.partial.mkdir(parents=True, exist_ok=True)
            part = self._partial(sha256)
            with part.open("ab") as out:
                out.write(data)
                out.flush()
                os.fsync(out.fileno())
            size = offset + len(data)
            if size < total:
                return Held(sha256, size, False)
            found, _ = sha256_file(part)
            if found != sha256:
                part.unlink(missing_ok=True)
                raise Refused(422, f"The photo arrived damaged: its content hashes to {found}, not {sha256}. "
                                   "The hub dropped it; send it again from the start.")
            target = self.files.path(sha256)
            target.parent.mkdir(parents=True, exist_ok=True)
            os.replace(part, target)
            return Held(sha256, total, True)

    def path(self, sha256: str) -> Path:
        _check_hash(sha256)
        if not self.files.has(sha256):
            raise Refused(404, f"The hub has no photo {sha256[:12]} (yet): its device has not sent it.")
        return self.files.path(sha256)


class OffsetMismatch(Refused):
    def __init__(self, offset: int) -> None:
        super().__init__(409, f"The hub holds {offset} bytes of this photo; continue from there.")
        self.offset = offset


def _check_hash(sha256: str) -> None:
    if not is_sha256(sha256):
        raise Refused(422, f"{sha256[:80]!r} is not a SHA-256 in lower-case hex.")


def may_fetch(db: HubDB, device: Device, sha256: str) -> None:
    """Refused (403) unless the device may see a photo with this content."""
    if device.role == "coordinator":
        return
    if device.role == "sampler":
        with db.read() as conn:
            found = conn.execute(
                "SELECT 1 FROM hub_blob_ref WHERE sha256 = ? AND project_id IN (SELECT project_id FROM hub_project "
                "WHERE created_by = ? OR code IN (SELECT project_code FROM hub_grant WHERE device = ?)) LIMIT 1",
                (sha256, device.id, device.id))
        if found:
            return
    raise Refused(403, "This device may not fetch that photo: no project it works on has it.")


def record_refs(conn: Conn, refs: Sequence[tuple[str, str]]) -> None:
    """Remember which project's photo rows name which content (inside a push)."""
    if refs:
        conn.executemany("INSERT INTO hub_blob_ref (sha256, project_id) VALUES (?, ?) "
                         "ON CONFLICT (sha256, project_id) DO NOTHING", sorted(set(refs)))


SCHEMA = """
CREATE TABLE hub_blob_ref (
    sha256 TEXT NOT NULL,
    project_id TEXT NOT NULL,
    PRIMARY KEY (sha256, project_id)
)
"""
