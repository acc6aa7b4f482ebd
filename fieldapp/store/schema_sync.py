"""The device's sync tables (schema steps of fieldapp.store.migrations): how far this replica has
talked to the hub and how it relates to the hub's record, none of it part of the field record.
"""

# Sync state of the device (fieldapp.sync). None of these tables is part of
# the field record, so they are not journalled: they say how far this replica
# has talked to the hub, not what was found in the field.
# - sync_state: hub URL, token, the highest own device_seq the hub confirmed,
#   the pull cursor, the signing key, the last sync time, the clock flag;
# - sync_pull_mark: after each pulled batch, the local journal seq it ended at
#   and the hub cursor; a change made later had "seen" that cursor, which lets
#   the hub tell a concurrent edit (a conflict) from a later one (a plain edit);
# - sync_effective: the hub's bounded stamp of a change whose HLC ran ahead of
#   the hub clock (rare: only devices with a wrong clock have rows here);
# - sync_conflict: values that lost a merge on this device, for review;
# - journal_row: the history of one row, read when a remote change is merged.
SYNC = """
CREATE TABLE sync_state (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE sync_pull_mark (local_seq INTEGER PRIMARY KEY, hub_pos INTEGER NOT NULL);
CREATE TABLE sync_effective (
    device_id TEXT NOT NULL,
    device_seq INTEGER NOT NULL,
    eff INTEGER NOT NULL,
    PRIMARY KEY (device_id, device_seq)
);
CREATE TABLE sync_conflict (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    tbl TEXT NOT NULL,
    row_id TEXT NOT NULL,
    field TEXT NOT NULL,
    kind TEXT NOT NULL,
    value TEXT,
    loser_device TEXT NOT NULL,
    loser_seq INTEGER NOT NULL,
    loser_hlc INTEGER NOT NULL,
    winner_device TEXT NOT NULL,
    winner_seq INTEGER NOT NULL,
    winner_hlc INTEGER NOT NULL,
    at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP
);
CREATE INDEX journal_row ON journal (tbl, row_id, seq)
"""


# Replica identity and hub receipts (fieldapp.sync.replica). Not journalled
# either: they say how this copy of the record relates to the hub's.
# - sync_replica: the identities (journal device ids) this file has numbered
#   its own changes under, the current one last; a restored or copied file
#   gets a new one so its new edits are never taken for the old ones;
# - sync_receipt: the hub's signed word that it holds a replica's changes up
#   to device_seq, whose entry here has chain hash ``hash``; `verify` fails a
#   chain that no longer holds a receipted entry.
REPLICA_RECEIPTS = """
CREATE TABLE sync_replica (
    replica_id TEXT PRIMARY KEY,
    since TEXT NOT NULL,
    reason TEXT NOT NULL
);
CREATE TABLE sync_receipt (
    replica_id TEXT NOT NULL,
    device_seq INTEGER NOT NULL,
    hash TEXT NOT NULL,
    device TEXT NOT NULL,
    issued_at TEXT NOT NULL,
    hub_key TEXT NOT NULL,
    signature TEXT NOT NULL,
    PRIMARY KEY (replica_id, device_seq)
)
"""
