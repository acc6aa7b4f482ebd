"""Photo files kept beside the device database, named by their SHA-256.

``site.sqlite`` keeps its photos in ``site.photos/ab/abcdef...``: the name is
the content's hash, so a file is stored once however often it is attached,
the journal's hash proves which bytes a photo row means, and a sync can ask
the hub for exactly the files it lacks. A file is written to a temporary
name, flushed to disk and then renamed: a crash never leaves a half file
under a hash name.
"""

from __future__ import annotations

import hashlib
import os
import re
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from fieldapp.errors import StoreError

CHUNK = 1 << 20
SHA256_RE = re.compile(r"^[0-9a-f]{64}$")


def is_sha256(text: str) -> bool:
    return bool(SHA256_RE.fullmatch(text))


def sha256_file(path: Path) -> tuple[str, int]:
    """The hex SHA-256 of a file and its size in bytes."""
    digest, size = hashlib.sha256(), 0
    with path.open("rb") as src:
        while block := src.read(CHUNK):
            digest.update(block)
            size += len(block)
    return digest.hexdigest(), size


def blob_dir(db_path: Path) -> Path:
    """The folder of a database's photos: next to it, named after it."""
    return db_path.with_name(db_path.stem + ".photos")


class BlobStore:
    """Content-addressed files under ``root`` (made on first write)."""

    def __init__(self, root: Path) -> None:
        self.root = root

    @classmethod
    def beside(cls, db_path: Path) -> BlobStore:
        return cls(blob_dir(db_path))

    def path(self, sha256: str) -> Path:
        if not is_sha256(sha256):
            raise StoreError(f"{sha256!r} is not a SHA-256 in hex.")
        return self.root / sha256[:2] / sha256

    def has(self, sha256: str) -> bool:
        return self.path(sha256).is_file()

    def size(self, sha256: str) -> int:
        return self.path(sha256).stat().st_size

    def add_file(self, source: Path) -> tuple[str, int]:
        """Copy ``source`` in (once); its hash and size."""
        try:
            with source.open("rb") as src:
                return self._write(iter(lambda: src.read(CHUNK), b""), None)
        except OSError as exc:
            raise StoreError(f"Cannot read the photo {source}: {exc.strerror or exc}.",
                             hint="Check that the file exists and can be read.") from exc

    def add_bytes(self, data: bytes, expected: str | None = None) -> tuple[str, int]:
        """Store ``data``; with ``expected``, refuse it (StoreError) unless it hashes to that."""
        return self._write(iter((data,)), expected)

    def add_stream(self, blocks: Iterator[bytes], expected: str) -> tuple[str, int]:
        """Store what ``blocks`` yields, refused unless it hashes to ``expected``."""
        return self._write(blocks, expected)

    def _write(self, blocks: Iterator[bytes], expected: str | None) -> tuple[str, int]:
        try:
            self.root.mkdir(parents=True, exist_ok=True)
            fd, name = tempfile.mkstemp(prefix=".in-", dir=self.root)
        except OSError as exc:
            raise StoreError(f"Cannot write to the photo folder {self.root}: {exc.strerror or exc}.",
                             hint="Check that the folder is writable and the disk not full.") from exc
        tmp = Path(name)
        digest, size = hashlib.sha256(), 0
        try:
            with os.fdopen(fd, "wb") as out:
                for block in blocks:
                    digest.update(block)
                    size += len(block)
                    out.write(block)
                out.flush()
                os.fsync(out.fileno())
            sha = digest.hexdigest()
            if expected is not None and sha != expected:
                raise StoreError(f"The photo's content does not match its SHA-256 ({sha} is not {expected}).",
                                 hint="It was damaged on the way; sync again to fetch it anew.")
            target = self.path(sha)
            target.parent.mkdir(exist_ok=True)
            if target.is_file():
                return sha, size  # content-addressed: the same bytes are there already
            os.replace(tmp, target)
            return sha, size
        except OSError as exc:
            raise StoreError(f"Cannot write to the photo folder {self.root}: {exc.strerror or exc}.",
                             hint="Check that the folder is writable and the disk not full.") from exc
        finally:
            tmp.unlink(missing_ok=True)

    def open(self, sha256: str) -> BinaryIO:
        try:
            return self.path(sha256).open("rb")
        except OSError as exc:
            raise StoreError(f"The photo {sha256[:12]} is not in {self.root}.",
                             hint="Sync to fetch it from the hub.") from exc

    def copy_to(self, sha256: str, target: Path) -> None:
        """Copy the file to ``target``, hashed on the way (a block at a time): refused with a
        StoreError, and nothing left at ``target``, unless its content still hashes to its name. A
        failure to write ``target`` is the OSError itself (the caller knows what it was writing)."""
        try:
            src = self.path(sha256).open("rb")
        except OSError as exc:
            raise StoreError(f"The photo file {sha256} cannot be read from {self.root} ({exc.strerror or exc}).",
                             hint="Sync to fetch it from the hub.") from exc
        digest = hashlib.sha256()
        try:
            with src, target.open("wb") as out:
                # read and hashed once: a file altered between a check and the copy cannot slip through
                while block := self._block(src, sha256):
                    digest.update(block)
                    out.write(block)
        except BaseException:
            target.unlink(missing_ok=True)
            raise
        if digest.hexdigest() != sha256:
            target.unlink(missing_ok=True)
            raise StoreError(f"The photo file {sha256} no longer matches its SHA-256 (it hashes to "
                             f"{digest.hexdigest()}).", hint="Run `fieldapp verify --db FILE` on the database.")

    def _block(self, src: BinaryIO, sha256: str) -> bytes:
        try:
            return src.read(CHUNK)
        except OSError as exc:
            raise StoreError(f"The photo file {sha256} cannot be read from {self.root} ({exc.strerror or exc}).",
                             hint="Sync to fetch it from the hub.") from exc

    def verify(self, sha256: str) -> bool:
        """Whether the stored file still hashes to its name."""
        return self.has(sha256) and sha256_file(self.path(sha256))[0] == sha256
