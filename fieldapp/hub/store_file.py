"""Is this file a hub store? Asked before the hub writes anything to it.

The hub's SQLite store is made by the hub on a path where no file is; an
existing file must be a hub store of this FieldApp. A device database, another
program's SQLite file, an empty or non-SQLite file, or the store of a newer
hub is refused with its bytes untouched (opening it for writing would already
switch it to WAL mode and add the hub's tables).
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from fieldapp.errors import HubStoreError, StoreError
from fieldapp.store import files

_HINT = "Give a new path (the hub makes its store there) or the hub's own store; this file was not changed."


def check_hub_file(path: Path) -> None:
    from fieldapp.hub.schema import MIGRATIONS

    try:
        kind = files.kind_of(path)
    except StoreError as exc:
        raise HubStoreError(f"Cannot use {path} as the hub store: {exc}", hint=_HINT) from exc
    if kind == "missing":
        return
    if kind == "device":
        raise HubStoreError(f"{path} is a FieldApp device database, not a hub store.", hint=_HINT)
    if kind != "hub":
        what = {"empty": "an empty database", "not-sqlite": "not an SQLite file"}.get(
            kind, "an SQLite database of another program")
        raise HubStoreError(f"{path} is {what}, not a FieldApp hub store.", hint=_HINT)
    conn = files.connect_read_only(path)
    try:
        done = {str(r[0]) for r in conn.execute("SELECT name FROM hub_migration")}
    except sqlite3.Error as exc:
        raise HubStoreError(f"{path} is damaged or not a hub store SQLite can read ({exc}).", hint=_HINT) from exc
    finally:
        conn.close()
    newer = sorted(done - {name for name, _ in MIGRATIONS})
    if newer:
        raise HubStoreError(f"The hub store {path} was made by a newer FieldApp ({newer[-1]}).",
                            hint="Update FieldApp on the hub; the store was not changed.")
