"""The device's SQLite file: connecting to it, making a new one whole, and whether a file is one.

Is this file a FieldApp device database? Asked before anything writes to it.

Opening an SQLite file for writing already changes it (WAL mode rewrites the
header, migrations add tables), so a file given by mistake (another
program's database, an empty file, the hub's store, a database of a newer
FieldApp, a damaged copy) is looked at through a read-only connection first
and refused with its bytes untouched.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import tempfile
from pathlib import Path

from fieldapp.errors import SchemaTooNewError, StoreError
from fieldapp.ids import new_id
from fieldapp.store import natural
from fieldapp.store.migrations import MIGRATIONS, migrate

SQLITE_MAGIC = b"SQLite format 3\x00"
# tables only the hub's store has (fieldapp.hub.schema)
HUB_TABLES = frozenset({"hub_migration", "hub_change", "hub_device"})
DEVICE_TABLES = frozenset({"schema_migration", "meta", "journal"})
_HINT = "Give the path of a FieldApp device database (the file the program made); this file was not changed."


def damaged(path: Path | None, exc: sqlite3.Error) -> StoreError:
    """What SQLite's refusal to read or write ``path`` means for the user. Only a damaged file is said to be
    damaged: a file another program holds, a full disk or a read-only one would otherwise send the user to
    restore a backup of a sound file."""
    name = getattr(exc, "sqlite_errorname", "")  # "SQLITE_BUSY_SNAPSHOT", "SQLITE_IOERR_WRITE", ...
    which = str(path) if path is not None else "The database file"
    if name.startswith(("SQLITE_BUSY", "SQLITE_LOCKED")):
        return StoreError(f"{which} is in use: another FieldApp window or command is writing to it and did not "
                          f"finish within {BUSY_TIMEOUT_S} s.",
                          hint="Wait until it is done, or close it, then try again; nothing was changed.")
    if name.startswith("SQLITE_FULL") or (name.startswith("SQLITE_IOERR") and path is not None and _full(path)):
        # a WAL file cannot grow its shared-memory index on a full disk: SQLite says "disk I/O error" then
        return StoreError(f"The disk holding {which if path is not None else 'the database file'} is full.",
                          hint="Free some space, then try again; nothing was changed.")
    if name.startswith(("SQLITE_READONLY", "SQLITE_CANTOPEN", "SQLITE_PERM")):
        return StoreError(f"{which} cannot be written ({exc}).",
                          hint="Check that the file and its folder are writable and the medium not write-protected.")
    if name.startswith("SQLITE_IOERR"):
        return StoreError(f"{which} cannot be read or written: the disk reported an error ({exc}).",
                          hint="Check the disk or USB stick and its connection, then try again.")
    if path is None:
        return StoreError(f"the database file is damaged ({exc}).",
                          hint="Restore it from a backup; `fieldapp verify --db FILE` checks a file.")
    return StoreError(f"{path} is damaged or not a database SQLite can read ({exc}).",
                      hint="Restore it from a backup; the file was not changed.")


def _full(path: Path) -> bool:
    """Whether the disk holding ``path`` has less than a megabyte left (where a write fails for want of room)."""
    try:
        return shutil.disk_usage(path.parent).free < (1 << 20)
    except OSError:
        return False


#: how long a write waits for another writer of the same file before it gives up
BUSY_TIMEOUT_S = 10


def connect(path: Path) -> sqlite3.Connection:
    """A connection that writes: WAL, each commit on disk before it returns, foreign keys on."""
    try:
        conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
        natural.register(conn)
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_S * 1000}")
        mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
    except sqlite3.DatabaseError as exc:
        raise StoreError(
            f"Cannot open {path} as a FieldApp database: {exc}.",
            hint="Check that the file is a FieldApp database and not damaged.",
        ) from exc
    if str(mode).lower() != "wal":
        raise StoreError(f"{path}: cannot switch to WAL mode (got {mode}).")
    # FULL: a commit is on disk before FieldApp says "saved", even on power loss.
    conn.execute("PRAGMA synchronous = FULL")
    conn.execute("PRAGMA foreign_keys = ON")
    # 64 MiB of page cache: an import is one transaction, and a smaller cache
    # spills it to the WAL half-way, which costs as much again
    conn.execute("PRAGMA cache_size = -65536")
    return conn


def create(path: Path, upto: str | None) -> None:
    """Make a new database beside ``path`` and move it in complete: a crash
    half-way through creating it leaves no half-made file at ``path`` (one
    that FieldApp would then refuse as not its own)."""
    try:
        fd, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".new", dir=path.parent)
    except OSError as exc:
        raise StoreError(f"Cannot create {path}: {exc.strerror}.",
                         hint="Check that the folder is writable and the disk not full.") from exc
    os.close(fd)
    tmp = Path(name)
    try:
        conn = connect(tmp)
        try:
            migrate(conn, upto=upto)
            conn.execute("INSERT INTO meta (key, value) VALUES ('device_id', ?)", (new_id(),))
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        finally:
            conn.close()
        try:
            os.link(tmp, path)  # never over a file that appeared meanwhile
        except FileExistsError:
            pass
        except OSError:  # a file system without hard links (FAT on a USB stick)
            if not path.exists():
                os.replace(tmp, path)
    except OSError as exc:
        raise StoreError(f"Cannot create {path}: {exc.strerror}.",
                         hint="Check that the folder is writable and the disk not full.") from exc
    finally:
        for leftover in (tmp, tmp.with_name(tmp.name + "-wal"), tmp.with_name(tmp.name + "-shm")):
            leftover.unlink(missing_ok=True)


def connect_read_only(path: Path) -> sqlite3.Connection:
    """A connection that cannot write to the file (SQLite's mode=ro)."""
    try:
        return _read_only(path, "mode=ro")
    except sqlite3.OperationalError as exc:
        if "unable to open" not in str(exc):
            raise damaged(path, exc) from exc
        # read-only media: SQLite cannot make the WAL index beside the file,
        # and nothing can write to it meanwhile, so read it as it lies
        try:
            return _read_only(path, "mode=ro&immutable=1")
        except sqlite3.Error:
            raise damaged(path, exc) from exc
    except sqlite3.Error as exc:
        raise damaged(path, exc) from exc


def _read_only(path: Path, options: str) -> sqlite3.Connection:
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?{options}", uri=True, isolation_level=None,
                           check_same_thread=False)
    natural.register(conn)  # verify's integrity check reads the index on it
    try:
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_S * 1000}")
        conn.execute("SELECT COUNT(*) FROM sqlite_master").fetchone()
    except sqlite3.Error:
        conn.close()
        raise
    return conn


def kind_of(path: Path) -> str:
    """'missing', 'empty', 'not-sqlite', 'sqlite' (no FieldApp tables), 'hub' or 'device'."""
    return _inspect(path)[0]


def _inspect(path: Path) -> tuple[str, list[str]]:
    """:func:`kind_of` and, for a device database, its schema steps: one
    read-only connection for both (a store opens once, not twice)."""
    if not path.exists():
        return "missing", []
    if not path.is_file():
        raise StoreError(f"{path} is a folder, not a database file.", hint=_HINT)
    try:
        with path.open("rb") as f:
            head = f.read(len(SQLITE_MAGIC))
    except OSError as exc:
        raise StoreError(f"Cannot read {path}: {exc.strerror}.", hint="Check the file's permissions.") from exc
    if not head:
        return "empty", []
    if head != SQLITE_MAGIC:
        return "not-sqlite", []
    conn = connect_read_only(path)
    try:
        names = {str(r[0]) for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        if names & HUB_TABLES:
            return "hub", []
        if names >= DEVICE_TABLES:
            return "device", [str(r[0]) for r in conn.execute("SELECT name FROM schema_migration")]
    except sqlite3.Error as exc:
        raise damaged(path, exc) from exc
    finally:
        conn.close()
    return ("sqlite" if names else "empty"), []


def check_device_file(path: Path, *, current: bool = False) -> None:
    """Refuse ``path`` unless it is a device database this FieldApp can open.
    ``current`` (a read-only open, which cannot apply schema steps): its
    steps must be the first of ours, so that it can be checked as it is."""
    kind, done = _inspect(path)
    if kind == "missing":
        raise StoreError(f"{path} does not exist.", hint="Give the path of a FieldApp database.")
    if kind == "empty":
        raise StoreError(f"{path} is an empty database, not a FieldApp one.", hint=_HINT)
    if kind == "not-sqlite":
        raise StoreError(f"{path} is not a FieldApp database (not an SQLite file).", hint=_HINT)
    if kind == "sqlite":
        raise StoreError(f"{path} is an SQLite database of another program, not a FieldApp one.", hint=_HINT)
    if kind == "hub":
        raise StoreError(f"{path} is a FieldApp hub store, not a device database.",
                         hint="Use it with `fieldapp hub ... --store sqlite:///PATH`; this file was not changed.")
    known = [m.name for m in MIGRATIONS]
    unknown = sorted(set(done) - set(known))
    if unknown:
        raise SchemaTooNewError(
            f"{path} was written by a newer FieldApp (schema step {unknown[-1]}).",
            hint="Update FieldApp before opening it; the database has not been changed.")
    if current and sorted(done) != known[:len(done)]:
        # read-only, the schema steps cannot be applied: they must be a prefix of ours to check the file
        raise StoreError(f"{path} has schema steps in an order this FieldApp did not make.",
                         hint="Open it once in this FieldApp (it upgrades in place, keeping the audit chain).")
