"""Output files written whole: flushing to disk, one message for a failed write, and crash points.

Exports, label and COC files, receipts: every file FieldApp hands to a user
is written under a temporary name, flushed, and renamed into place, so that a
kill, a full disk or a pulled USB stick never leaves half a file under the
name the user asked for.

Crash points let the kill tests stop a real process at each named step of
such a write: with ``FIELDAPP_CRASH_AT=<point>`` in its environment the
process kills itself with SIGKILL on reaching that point (nothing is flushed,
no ``finally`` runs: the same as a pulled plug for everything but the disk
cache). Without the variable a crash point costs one dictionary look-up.
"""

from __future__ import annotations

import contextlib
import errno
import os
import signal
import tempfile
from pathlib import Path

CRASH_ENV = "FIELDAPP_CRASH_AT"


def crash_point(name: str) -> None:
    """Die here, at once, if the environment asks for it (the kill tests do)."""
    if os.environ.get(CRASH_ENV) == name:
        kill = getattr(signal, "SIGKILL", None)
        if kill is not None:
            os.kill(os.getpid(), kill)
        os._exit(137)  # where there is no SIGKILL: still no cleanup of any kind


def fsync_dir(folder: Path) -> None:
    """Make a rename in ``folder`` durable (POSIX); Windows cannot open a folder for this."""
    if os.name != "posix":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


_REASONS = {
    errno.ENOSPC: ("the disk is full", "Free some space or write to another disk."),
    errno.EDQUOT: ("the disk quota is used up", "Free some space or write to another disk."),
    errno.EROFS: ("the disk is read-only", "Choose a folder on a writable disk."),
    errno.EACCES: ("permission denied", "Choose a folder you may write to."),
    errno.EPERM: ("permission denied", "Choose a folder you may write to."),
    errno.EISDIR: ("it is a folder", "Give a file name."),
    errno.ENOENT: ("no file or folder can be made there", "Choose another folder."),
    errno.ENOTDIR: ("part of the path is not a folder", "Check the path."),
    errno.EIO: ("the disk reported an input/output error", "Check the disk, or write to another one."),
}


def write_failure(path: Path, exc: OSError) -> tuple[str, str]:
    """What went wrong writing ``path``, and what to do, as a sentence and a hint."""
    reason, hint = _REASONS.get(exc.errno or 0, (exc.strerror or str(exc), "Choose another place to write to."))
    return f"Cannot write {path}: {reason}.", hint


def write_whole(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` whole or not at all; raises OSError (see :func:`write_failure`)."""
    folder = path.parent if str(path.parent) else Path(".")
    if path.is_dir():
        raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR), str(path))
    fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=".part")
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
        fsync_dir(folder)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
