"""Writing an export so that the target name only ever holds a complete result.

Everything is written into a hidden staging folder beside the target (same
file system, so the final move is a rename), flushed to disk, hashed into a
manifest, and only then moved into place. A crash, a kill or a cancel at any
point before that leaves the target as it was: absent, or the previous
complete export. The manifest is in ``sha256sum`` format so that a
coordinator can check a delivery with ``sha256sum -c`` without FieldApp.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType

from fieldapp import __version__
from fieldapp.errors import ExportError

MANIFEST = "MANIFEST.sha256"
_STALE_S = 3600.0  # a staging folder untouched this long belongs to an export that died

Progress = Callable[[int, int], None]
Cancelled = Callable[[], bool]


@dataclass
class Job:
    """Progress reporting and cancelling for one export (the GUI passes both; the CLI neither)."""

    progress: Progress | None = None
    cancelled: Cancelled | None = None
    _last: float = field(default=0.0, repr=False)

    def step(self, done: int, total: int) -> None:
        if self.cancelled is not None and self.cancelled():
            raise ExportError("The export was cancelled; nothing was written.")
        if self.progress is not None:
            self.progress(done, total)


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _fsync(path: Path) -> None:
    with path.open("rb") as f:
        os.fsync(f.fileno())


class Staging:
    """A staging area for one export; use as a context manager and call :meth:`commit`.

    ``directory=True``: the target is a folder that receives every file and
    the manifest. Otherwise the target is one file; other files of the export
    (the PNG beside a map PDF) and the manifest ``<target>.sha256`` are placed
    beside it.
    """

    def __init__(self, target: Path, *, directory: bool) -> None:
        self.target = target.resolve()
        self.directory = directory
        parent = self.target.parent
        if not parent.is_dir():
            raise ExportError(f"The folder {parent} does not exist.", hint="Create it or choose another --out.")
        if directory and self.target.exists() and not _replaceable_dir(self.target):
            raise ExportError(
                f"{self.target} exists and is not an earlier export.",
                hint="Choose a new folder name, or an empty folder.",
            )
        if not directory and self.target.is_dir():
            raise ExportError(f"{self.target} is a folder.", hint="Give a file name for this format.")
        _remove_stale(parent, self.target.name)
        self.root = parent / f".{self.target.name}.partial-{os.getpid()}-{time.monotonic_ns()}"
        self.root.mkdir()
        self.committed: list[Path] = []

    def path(self, name: str | None = None) -> Path:
        """Where to write the file ``name`` (default: the target's own name) while staging."""
        return self.root / (name or self.target.name)

    def commit(self) -> list[Path]:
        """Flush, hash and move everything into place; returns the final paths, manifest last."""
        files = sorted(p for p in self.root.rglob("*") if p.is_file())
        if not files:
            raise ExportError("The export produced no file.")
        lines = []
        for f in files:
            _fsync(f)
            lines.append(f"{sha256_file(f)}  {f.relative_to(self.root).as_posix()}\n")
        lines.append(f"# FieldApp {__version__}\n")  # which program wrote it; sha256sum -c skips '#' lines
        manifest_name = MANIFEST if self.directory else f"{self.target.name}.sha256"
        manifest = self.root / manifest_name
        manifest.write_text("".join(lines), encoding="utf-8")
        _fsync(manifest)
        if self.directory:
            self._swap_dir()
            self.committed = [self.target / f.relative_to(self.root) for f in files] + [self.target / manifest_name]
        else:
            parent = self.target.parent
            # data files first, the manifest last: a manifest present means the set is complete
            for f in [*files, manifest]:
                os.replace(f, parent / f.name)
                self.committed.append(parent / f.name)
            shutil.rmtree(self.root, ignore_errors=True)
        return self.committed

    def _swap_dir(self) -> None:
        old = None
        if self.target.exists():
            old = self.target.with_name(f".{self.target.name}.old-{os.getpid()}-{time.monotonic_ns()}")
            os.replace(self.target, old)
        os.replace(self.root, self.target)
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)

    def abort(self) -> None:
        shutil.rmtree(self.root, ignore_errors=True)

    def __enter__(self) -> Staging:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        if not self.committed:
            self.abort()


def _replaceable_dir(path: Path) -> bool:
    return path.is_dir() and (not any(path.iterdir()) or (path / MANIFEST).is_file())


def _remove_stale(parent: Path, name: str) -> None:
    # A killed export leaves its hidden staging folder; clear old ones so they
    # do not pile up, but never one that a running export may still be using.
    now = time.time()
    for p in parent.glob(f".{name}.partial-*"):
        try:
            if now - p.stat().st_mtime > _STALE_S:
                shutil.rmtree(p, ignore_errors=True)
        except OSError:
            continue
