"""The hub's tables, as ordered named migrations valid on SQLite and PostgreSQL."""

from __future__ import annotations

from collections.abc import Callable

from fieldapp.errors import HubStoreError
from fieldapp.hub import photos, unique
from fieldapp.hub.db import Conn, HubDB

# hub_change is the log every pull reads, in `pos` order. hub_row holds the
# merged state of each row (the same merge as on a device), and its scope:
# the project it belongs to and the lab of the shipment it travels in.
INITIAL = """
CREATE TABLE hub_device (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    role TEXT NOT NULL,
    lab TEXT,
    device_id TEXT UNIQUE,
    code_hash TEXT UNIQUE,
    code_expires BIGINT,
    token_hash TEXT UNIQUE,
    public_key TEXT,
    revoked INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL,
    enrolled_at TEXT,
    clock_skew_ms BIGINT
);
CREATE TABLE hub_grant (
    device TEXT NOT NULL REFERENCES hub_device(id),
    project_code TEXT NOT NULL,
    PRIMARY KEY (device, project_code)
);
CREATE TABLE hub_change (
    pos BIGINT PRIMARY KEY,
    device_id TEXT NOT NULL,
    device_seq BIGINT NOT NULL,
    hlc BIGINT NOT NULL,
    eff BIGINT NOT NULL,
    seen BIGINT NOT NULL,
    action_id TEXT NOT NULL,
    action TEXT NOT NULL,
    actor TEXT NOT NULL,
    at TEXT NOT NULL,
    tbl TEXT NOT NULL,
    row_id TEXT NOT NULL,
    op TEXT NOT NULL,
    fields TEXT NOT NULL,
    project_id TEXT,
    lab TEXT,
    received_at TEXT NOT NULL,
    UNIQUE (device_id, device_seq)
);
CREATE INDEX hub_change_project ON hub_change (project_id, pos);
CREATE INDEX hub_change_lab ON hub_change (lab, pos);
CREATE TABLE hub_row (
    tbl TEXT NOT NULL,
    row_id TEXT NOT NULL,
    project_id TEXT,
    lab TEXT,
    state TEXT NOT NULL,
    PRIMARY KEY (tbl, row_id)
);
CREATE TABLE hub_project (
    project_id TEXT PRIMARY KEY,
    code TEXT,
    created_by TEXT
);
CREATE TABLE hub_conflict (
    id TEXT PRIMARY KEY,
    pos BIGINT NOT NULL,
    tbl TEXT NOT NULL,
    row_id TEXT NOT NULL,
    field TEXT NOT NULL,
    kind TEXT NOT NULL,
    value TEXT,
    loser_device TEXT NOT NULL,
    loser_seq BIGINT NOT NULL,
    loser_hlc BIGINT NOT NULL,
    winner_device TEXT NOT NULL,
    winner_seq BIGINT NOT NULL,
    winner_hlc BIGINT NOT NULL,
    resolved_by TEXT,
    resolved_at TEXT,
    resolution TEXT
);
CREATE TABLE hub_bundle (
    sha256 TEXT PRIMARY KEY,
    device TEXT NOT NULL,
    changes BIGINT NOT NULL,
    imported_at TEXT NOT NULL
)
"""

# See fieldapp.hub.feed: containers packed for a lab are logged again for it.
FEED = """
CREATE TABLE hub_feed (
    pos BIGINT PRIMARY KEY,
    device_id TEXT NOT NULL,
    device_seq BIGINT NOT NULL,
    lab TEXT NOT NULL
);
CREATE INDEX hub_feed_lab ON hub_feed (lab, pos);
CREATE INDEX hub_change_row ON hub_change (tbl, row_id)
"""

# Issue 17: what each device was served (the hub's own measure of what it
# has seen, see fieldapp.hub.push), and the index of unique codes (see
# fieldapp.hub.unique), filled from the rows already held.
HARDENING = """
ALTER TABLE hub_device ADD COLUMN pulled_upto BIGINT NOT NULL DEFAULT 0;
CREATE TABLE hub_unique (
    tbl TEXT NOT NULL,
    key TEXT NOT NULL,
    row_id TEXT NOT NULL,
    PRIMARY KEY (tbl, key)
)
"""


def _hardening(conn: Conn) -> None:
    _run(conn, HARDENING)
    unique.backfill(conn)


# See fieldapp.hub.receipts: each replica's head as the hub holds it, and the
# hub's Ed25519 key that signs push receipts.
RECEIPTS = """
CREATE TABLE hub_replica (
    replica_id TEXT PRIMARY KEY,
    device TEXT NOT NULL,
    seq BIGINT NOT NULL,
    hash TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE TABLE hub_key (
    id TEXT PRIMARY KEY,
    private_key TEXT NOT NULL,
    created_at TEXT NOT NULL
)
"""

# Issue 18: every index of hub_change is paid for by every change pushed (three
# of the five cost twice the table itself), so it keeps only those a query
# needs: pulls read by position (its key) and a lab's by (lab, pos), which only
# changes with a lab need; the feed finds a container's changes by its row id
# (fieldapp.hub.feed). A project's changes, looked up only when it is granted
# to a device, are found by a scan: granting is rare, pushing is not.
LEAN_INDEXES = """
DROP INDEX IF EXISTS hub_change_project;
DROP INDEX IF EXISTS hub_change_row;
DROP INDEX IF EXISTS hub_change_lab;
CREATE INDEX hub_change_lab ON hub_change (lab, pos) WHERE lab IS NOT NULL;
CREATE INDEX hub_change_container ON hub_change (row_id) WHERE tbl = 'container'
"""

MIGRATIONS: tuple[tuple[str, str | Callable[[Conn], None]], ...] = (
    ("0001_hub", INITIAL), ("0002_feed", FEED), ("0003_hardening", _hardening), ("0004_receipts", RECEIPTS),
    ("0005_photos", photos.SCHEMA), ("0006_lean_indexes", LEAN_INDEXES))

TABLES = ("hub_blob_ref", "hub_key", "hub_replica", "hub_unique", "hub_feed", "hub_bundle", "hub_conflict",
          "hub_project", "hub_row", "hub_change", "hub_grant", "hub_device")


def migrate(db: HubDB) -> list[str]:
    """Apply pending hub migrations (several hub processes may start at once:
    the write lock makes one of them do it)."""
    done_now: list[str] = []
    with db.write() as conn:
        conn.execute("CREATE TABLE IF NOT EXISTS hub_migration (name TEXT PRIMARY KEY, applied_at TEXT)")
        done = {r[0] for r in conn.execute("SELECT name FROM hub_migration")}
        known = {name for name, _ in MIGRATIONS}
        if done - known:
            raise HubStoreError(f"The hub database was made by a newer FieldApp ({sorted(done - known)[-1]}).",
                                hint="Update FieldApp on the hub.")
        for name, sql in MIGRATIONS:
            if name in done:
                continue
            if callable(sql):
                sql(conn)
            else:
                _run(conn, sql)
            conn.execute("INSERT INTO hub_migration (name, applied_at) VALUES (?, CURRENT_TIMESTAMP)", (name,))
            done_now.append(name)
    return done_now


def _run(conn: Conn, sql: str) -> None:
    for statement in sql.split(";\n"):
        if statement.strip():
            conn.execute(statement)
