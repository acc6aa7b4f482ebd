"""Writing an export so that the target folder only ever holds one complete export.

Every export is a folder: the data file(s) and a manifest ``MANIFEST.sha256``
in ``sha256sum`` format, so that a coordinator can check a delivery with
``sha256sum -c`` without FieldApp. Everything is written into a hidden
staging folder beside the target (same file system), flushed to disk, hashed
into the manifest, and only then put in place:

1. no earlier export: the staging folder is renamed to the target, one step;
2. an earlier export: the two folders are exchanged in one step
   (``renameat2(RENAME_EXCHANGE)`` on Linux), then the old one, now under the
   hidden name, is removed;
3. where the file system cannot exchange (Windows, some network disks): the
   old folder is renamed aside to ``.NAME.old-TOKEN``, then the staging
   folder ``.NAME.partial-TOKEN`` to the target. A kill between the two
   renames leaves no target; the next export to that name (or
   :func:`settle`) rolls the swap forward if the staged folder holds its
   manifest, else back.

A kill at any point therefore leaves the target as the earlier complete
export or the new complete export, never a mix (a new file beside an old
manifest, a new map PDF beside the old PNG) and never no folder at all once
:func:`settle` has run. The crash points named in :data:`CRASH_POINTS` are
where the kill tests stop the process.
"""

from __future__ import annotations

import ctypes
import errno
import hashlib
import os
import re
import shutil
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType

from fieldapp import __version__
from fieldapp.errors import ExportError
from fieldapp.messages import count
from fieldapp.outputs import crash_point, fsync_dir, write_failure
from fieldapp.progress import Cancelled, Progress

MANIFEST = "MANIFEST.sha256"
_STALE_S = 3600.0  # a staging folder untouched this long belongs to an export that died
#: every step of an export a kill test stops at, in order
CRASH_POINTS = ("export:staged", "export:manifest", "export:renamed", "export:exchanged", "export:old-aside",
                "export:swapped")
#: file endings of export data: a target folder named like a file is a mistake
_DATA_SUFFIXES = (".csv", ".gpkg", ".geojson", ".json", ".xlsx", ".pdf", ".png", ".zip", ".xml")
NO_EXCHANGE_ENV = "FIELDAPP_NO_RENAME_EXCHANGE"  # tests use it to run the fallback swap on Linux


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


def refuse(path: Path, exc: OSError) -> ExportError:
    message, hint = write_failure(path, exc)
    return ExportError(message, hint=hint)


class Staging:
    """A staging folder for one export to the folder ``target``; use as a context manager, then :meth:`commit`."""

    def __init__(self, target: Path) -> None:
        self.target = Path(os.path.abspath(target))
        parent = self.target.parent
        name = self.target.name
        if self.target.suffix.lower() in _DATA_SUFFIXES:
            raise ExportError(
                f"--out names the folder the export is written into, not a file: {name}.",
                hint=f"Give a folder name such as {self.target.stem}; the files inside are named after it.",
            )
        if not parent.is_dir():
            raise ExportError(f"The folder {parent} does not exist.", hint="Create it or choose another --out.")
        settle(self.target)
        if self.target.exists() and not _replaceable_dir(self.target):
            raise ExportError(
                f"{self.target} exists and is not an earlier export.",
                hint="Choose a new folder name, or an empty folder.",
            )
        foreign = _not_exported(self.target) if self.target.is_dir() else []
        if foreign:
            # replacing the earlier export removes the whole folder: a coordinator's
            # notes or a lab's report saved beside it would go with it
            shown = ", ".join(foreign[:3]) + (", ..." if len(foreign) > 3 else "")
            raise ExportError(
                f"{self.target} holds {count(len(foreign), 'file')} the earlier export there did not write: "
                f"{shown}.",
                hint="Move them out of that folder, or choose another folder: an earlier export is replaced "
                     "as a whole.",
            )
        self.token = f"{os.getpid()}-{time.monotonic_ns()}"
        self.root = parent / f".{name}.partial-{self.token}"
        try:
            self.root.mkdir()
        except OSError as exc:
            raise refuse(self.target, exc) from None
        self.committed: list[Path] = []

    def path(self, suffix: str = "") -> Path:
        """Where to write the export's file ending in ``suffix`` (``.gpkg``; the folder's name is its stem)."""
        return self.root / f"{self.target.name}{suffix}"

    def commit(self) -> list[Path]:
        """Flush, hash and put everything in place; returns the final paths, manifest last."""
        try:
            return self._commit()
        except OSError as exc:
            raise refuse(self.target, exc) from None

    def _commit(self) -> list[Path]:
        files = sorted(p for p in self.root.rglob("*") if p.is_file())
        if not files:
            raise ExportError("The export produced no file.")
        crash_point("export:staged")
        lines = []
        for f in files:
            _fsync(f)
            lines.append(f"{sha256_file(f)}  {f.relative_to(self.root).as_posix()}\n")
        lines.append(f"# FieldApp {__version__}\n")  # which program wrote it; sha256sum -c skips '#' lines
        manifest = self.root / MANIFEST
        with manifest.open("w", encoding="utf-8") as out:
            out.write("".join(lines))
            out.flush()
            os.fsync(out.fileno())
        fsync_dir(self.root)
        crash_point("export:manifest")
        self._swap()
        self.committed = [self.target / f.relative_to(self.root) for f in files] + [self.target / MANIFEST]
        return self.committed

    def _swap(self) -> None:
        parent = self.target.parent
        if not self.target.exists():
            os.rename(self.root, self.target)
            fsync_dir(parent)
            crash_point("export:renamed")
            return
        if _exchange(self.root, self.target):
            fsync_dir(parent)
            crash_point("export:exchanged")
            shutil.rmtree(self.root, ignore_errors=True)  # the earlier export, now under the hidden name
            return
        old = parent / f".{self.target.name}.old-{self.token}"
        os.rename(self.target, old)
        fsync_dir(parent)
        crash_point("export:old-aside")
        os.rename(self.root, self.target)
        fsync_dir(parent)
        crash_point("export:swapped")
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


def _exchange(a: Path, b: Path) -> bool:
    """Swap two folders in one step; False where the system or file system cannot."""
    if sys.platform != "linux" or os.environ.get(NO_EXCHANGE_ENV):
        return False
    renameat2 = getattr(ctypes.CDLL(None, use_errno=True), "renameat2", None)
    if renameat2 is None:
        return False
    at_fdcwd, rename_exchange = -100, 2
    if renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), rename_exchange) == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.EINVAL, errno.ENOSYS, errno.EOPNOTSUPP):
        return False
    raise OSError(code, os.strerror(code), str(b))


def _replaceable_dir(path: Path) -> bool:
    return path.is_dir() and (not any(path.iterdir()) or (path / MANIFEST).is_file())


def _not_exported(path: Path) -> list[str]:
    """What lies in the export folder ``path`` beside the files its manifest lists (an empty
    folder of its own is no loss and not named), sorted; empty for a folder without a manifest."""
    try:
        lines = (path / MANIFEST).read_text(encoding="utf-8", errors="replace").splitlines()
    except FileNotFoundError:
        return []
    listed = {line.split("  ", 1)[1] for line in lines if "  " in line and not line.startswith("#")}
    listed.add(MANIFEST)
    return sorted(name for p in path.rglob("*")
                  if not (p.is_dir() and not p.is_symlink())
                  and (name := p.relative_to(path).as_posix()) not in listed)


_OLD = re.compile(r"\.(?P<name>.+)\.old-(?P<token>\d+-\d+)$")


def settle(target: Path) -> None:
    """Finish or undo a swap a kill interrupted, and clear staging folders of dead exports.

    Runs before every export to ``target``. An ``.old-TOKEN`` folder exists
    only between the two renames of the fallback swap: with no target, the
    staged ``.partial-TOKEN`` goes in place if its manifest was written
    (roll forward), else the old folder goes back (roll back).
    """
    parent, name = target.parent, target.name
    for old in sorted(parent.glob(f".{name}.old-*")):
        m = _OLD.fullmatch(old.name)
        if m is None or m["name"] != name:
            continue
        staged = parent / f".{name}.partial-{m['token']}"
        try:
            if not target.exists():
                os.rename(staged if (staged / MANIFEST).is_file() else old, target)
                fsync_dir(parent)
            shutil.rmtree(old, ignore_errors=True)
        except OSError:
            continue  # left for the next export; the target is never touched here
    _remove_stale(parent, name)


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
