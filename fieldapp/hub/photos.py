"""The hub's photo files: content-addressed in a folder, received in chunks.

An upload goes to ``partial/<sha256>`` as its bytes arrive, each request at
the offset the hub says it holds, so an upload cut off (the device stopped,
the network gone, the hub restarted), even in the middle of a request,
resumes where the hub's file ends instead of from the start. When the last
byte is in, the running hash is checked: the right one moves the file into
place, a wrong one deletes it and refuses it, and the device sends it again.
A finished file is never asked for again: the device first asks which of
its hashes the hub lacks.

Who may fetch a photo: a coordinator any; a sampler one that a photo row of
a project it may read names (``hub_blob_ref``, filled by each push); a lab
none.
"""

from __future__ import annotations

import hashlib
import os
import threading
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

from fieldapp.hub.db import Conn, HubDB
from fieldapp.hub.devices import Device
from fieldapp.hub.refused import Refused
from fieldapp.outputs import fsync_dir
from fieldapp.store.blobs import BlobStore, is_sha256

MAX_BLOB_BYTES = 64 * 1024 * 1024  # as fieldapp.domain.photo.MAX_BYTES
_KEPT_HASHERS = 64


@dataclass(frozen=True)
class Held:
    sha256: str
    offset: int  # bytes the hub holds of an unfinished upload
    complete: bool


@dataclass
class Receiving:
    """One upload under way: its bytes go to the partial file as they arrive."""

    sha256: str
    offset: int
    total: int
    out: BinaryIO
    hasher: Any

    def write(self, data: bytes) -> None:
        if self.offset + len(data) > self.total:
            raise Refused(422, f"The upload runs past the photo's size ({self.offset} + {len(data)} > {self.total}).")
        self.out.write(data)
        self.hasher.update(data)
        self.offset += len(data)

    def write_all(self, blocks: Iterable[bytes]) -> None:
        for data in blocks:
            self.write(data)


class HubBlobs:
    """The photo folder of one hub (``root``); one lock serialises the appends of this process."""

    def __init__(self, root: Path) -> None:
        self.files = BlobStore(root)
        self.partial = root / "partial"
        self._lock = threading.Lock()
        self._receiving: set[str] = set()
        # the running hash of each unfinished upload, so the hub reads nothing back when it ends
        self._hashers: dict[str, tuple[int, Any]] = {}

    def _partial(self, sha256: str) -> Path:
        return self.partial / sha256

    def held(self, sha256: str) -> Held:
        if self.files.has(sha256):
            return Held(sha256, self.files.size(sha256), True)
        try:
            return Held(sha256, self._partial(sha256).stat().st_size, False)
        except FileNotFoundError:
            # no upload begun, or one just ended: finish() moves the partial file in place outside the
            # lock, so it can go between the two looks (a 500 to the device asking, before)
            if self.files.has(sha256):
                return Held(sha256, self.files.size(sha256), True)
            return Held(sha256, 0, False)

    def lacking(self, hashes: Iterable[str]) -> list[Held]:
        """Of ``hashes``, those the hub has not got whole, with how much of each it holds."""
        out = []
        for sha in dict.fromkeys(hashes):
            _check_hash(sha)
            held = self.held(sha)
            if not held.complete:
                out.append(held)
        return out

    def begin(self, sha256: str, offset: int, total: int) -> Receiving | None:
        """Start taking bytes of an upload of ``total`` bytes at ``offset``;
        None when the hub has the file whole already.

        Refused (409, with the hub's offset) when the offset is not where the
        hub's file ends or another upload of it is under way."""
        _check_hash(sha256)
        if not 0 < total <= MAX_BLOB_BYTES:
            raise Refused(413, f"A photo may be 1 byte to {MAX_BLOB_BYTES // 1_000_000} MB, not {total} bytes.")
        with self._lock:
            held = self.held(sha256)
            if held.complete:
                return None
            if offset != held.offset or sha256 in self._receiving:
                raise OffsetMismatch(held.offset)
            kept = self._hashers.pop(sha256, None)
            if kept is not None and kept[0] == offset:
                hasher = kept[1]
            else:  # after a restart: the hash of what arrived before, read back
                hasher = hashlib.sha256()
                if offset:
                    with self._partial(sha256).open("rb") as src:
                        while block := src.read(1 << 20):
                            hasher.update(block)
            self.partial.mkdir(parents=True, exist_ok=True)
            receiving = Receiving(sha256, offset, total, self._partial(sha256).open("ab"), hasher)
            self._receiving.add(sha256)
            return receiving

    def finish(self, receiving: Receiving) -> Held:
        """Keep what arrived (on disk before the answer); when it is all there,
        check its hash: the right one puts it in place, a wrong one drops it (422)."""
        sha256 = receiving.sha256
        try:
            out = receiving.out
            out.flush()
            os.fsync(out.fileno())
            out.close()
        finally:
            with self._lock:
                self._receiving.discard(sha256)
        if receiving.offset < receiving.total:
            with self._lock:
                self._hashers[sha256] = (receiving.offset, receiving.hasher)
                while len(self._hashers) > _KEPT_HASHERS:
                    self._hashers.pop(next(iter(self._hashers)))
            return Held(sha256, receiving.offset, False)
        part = self._partial(sha256)
        found = receiving.hasher.hexdigest()
        if found != sha256:
            part.unlink(missing_ok=True)
            raise Refused(422, f"The photo arrived damaged: its content hashes to {found}, not {sha256}. "
                               "The hub dropped it; send it again from the start.")
        target = self.files.path(sha256)
        target.parent.mkdir(parents=True, exist_ok=True)
        os.replace(part, target)
        # the move must outlast a power cut before the answer says "complete": a device told so never sends it again
        fsync_dir(target.parent)
        fsync_dir(part.parent)
        return Held(sha256, receiving.total, True)

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
