"""Replica identity: a restored or copied database never loses its new edits.

A device numbers its own changes (device_id, device_seq), the device id
being this file's *replica id* (meta ``device_id``). A database restored
from a backup, or copied to a second laptop, would number its next edits
under pairs the hub already holds from the original, and the hub would
count them as duplicates: they would exist on that laptop only.

So every push names its base, the last sequence number and chain hash the
device believes the hub holds of the replica, and the hub refuses it (409,
with its record) if its record differs; and every pull answer carries the
hub's record, read after the pulled changes, which the device compares with
its journal after pulling (so a restored file with nothing to push is found
too, and a copy that pushed while this one pulled). When they differ
the file is a fork: it takes a new replica id, and its own changes the hub
does not hold (those after the last one it confirmed) are renumbered under
the new id and their chain recomputed from the first of them, so they are
pushed as new changes, and the original's changes come in by the pull (the
hub leaves out of a pull only the asking replica's own changes). Nothing
renumbered was ever receipted, so every hub receipt still matches.

Receipts: each accepted push (sent by fieldapp.sync.outbox) is answered with
the hub's signed receipt of the new head, kept in ``sync_receipt`` for
`fieldapp verify`.
"""

from __future__ import annotations

from typing import Any

from fieldapp.errors import IntegrityError, SyncError
from fieldapp.ids import new_id
from fieldapp.store import journal
from fieldapp.store.database import Store, utc_now
from fieldapp.sync import wire
from fieldapp.sync.local import PUSHED, Replica
from fieldapp.sync.receipt import Receipt

# a push refused as diverged is settled and sent again; more than this in
# one sync means the hub and the device disagree in a way settling cannot mend
MAX_SETTLES = 3


def current(store: Store) -> str:
    """The replica id as the file holds it now (another connection may have forked it)."""
    row = store.conn.execute("SELECT value FROM meta WHERE key = 'device_id'").fetchone()
    if row is not None and row[0]:
        store.device_id = str(row[0])
    return store.device_id


def chain_hash(store: Store, replica_id: str, device_seq: int) -> str | None:
    """The local chain hash of entry (replica_id, device_seq); '' for seq 0, None if absent."""
    if device_seq == 0:
        return ""
    row = store.conn.execute(f"SELECT hash, seq FROM journal WHERE {journal.OF_DEVICE} AND device_seq = ?",
                             (replica_id, device_seq)).fetchone()
    if row is None:
        return None
    # hex, as the hub and its receipts name it
    digest = row[0] if row[0] is not None else journal.hash_at(store.conn, int(row[1]))
    return digest.hex() if isinstance(digest, bytes) else str(digest)


def keep_receipt(store: Store, data: dict[str, Any] | None) -> None:
    """Keep a receipt the hub sent (verify checks it); ignore a missing one.

    One that is malformed, not signed by the key it names, or names a change
    this file does not hold with that hash is refused (SyncError) before it is
    kept: kept, it would make every later `fieldapp verify` fail."""
    if not data:
        return
    receipt = _receipt(store, data)
    if store.conn.execute("SELECT 1 FROM sync_receipt WHERE replica_id = ? AND device_seq = ?",
                          (receipt.replica_id, receipt.device_seq)).fetchone():
        return  # the hub signs its record in every pull answer; one receipt per head is enough
    with store.action("Sync: receipt"):
        store.conn.execute(
            "INSERT OR REPLACE INTO sync_receipt (replica_id, device_seq, hash, device, issued_at, hub_key, "
            "signature) VALUES (?, ?, ?, ?, ?, ?, ?)",
            (receipt.replica_id, receipt.device_seq, receipt.hash, receipt.device, receipt.issued_at,
             receipt.hub_key, receipt.signature))


def _receipt(store: Store, data: dict[str, Any]) -> Receipt:
    why = ""
    try:
        receipt = Receipt.from_wire(data)
        wire.whole(data["device_seq"], "its change number")
        if not receipt.valid():
            why = "it is not signed by the key it names"
        elif chain_hash(store, receipt.replica_id, receipt.device_seq) != receipt.hash:
            why = (f"it receipts change {receipt.device_seq} of replica {receipt.replica_id[:40]}, and this file "
                   "holds no such change with that hash")
    except (KeyError, TypeError, ValueError) as exc:
        why = f"it is malformed ({type(exc).__name__}: {str(exc)[:80]})"
    if why:
        raise SyncError(f"The hub sent a receipt FieldApp cannot keep: {why}.",
                        hint="Nothing of it was kept on this device; check the hub's address, and sync again later.")
    return receipt


def settle(store: Store, held_seq: int, held_hash: str, receipt: dict[str, Any] | None = None) -> bool:
    """Act on what the hub holds of the current replica (its last sequence
    number and chain hash). Returns True if the file took a new replica id."""
    replica = Replica(store)
    replica_id, pushed = current(store), replica.pushed_upto
    local = chain_hash(store, replica_id, held_seq)
    if local is not None and (not held_hash or local == held_hash):
        # one lineage: the hub may hold more than the device knew (an answer
        # lost on the way) or less (the hub restored): push from where it stands
        if held_seq != pushed:
            replica.put_committed(**{PUSHED: str(held_seq)})
        if receipt and local:
            keep_receipt(store, receipt)
        return False
    if local and held_hash and held_seq <= pushed:
        # the hub holds this very change from this file, with another hash: the
        # chain up to it was rewritten here since (a restore or a copy keeps
        # what was sent before it); do not build on it
        raise IntegrityError(
            f"This database's change {held_seq} no longer matches the one the hub received from it: its audit "
            "chain was rewritten outside FieldApp. Nothing was sent.",
            hint="Run `fieldapp verify` on it and tell the coordinator; the hub keeps what was sent.")
    fork(store, min(pushed, held_seq), "restored or copied: the hub holds other changes under its id")
    return True


def fork(store: Store, agreed: int, reason: str) -> str:
    """Give this file a new replica id; renumber its own changes after
    ``agreed`` (the last one the hub holds from this lineage) under it."""
    new = new_id()
    with store.action("Sync: new replica id"):
        conn = store.conn
        old = current(store)
        orphans = conn.execute(f"SELECT seq, device_seq FROM journal WHERE {journal.OF_DEVICE} AND device_seq > ? "
                               "ORDER BY device_seq", (old, agreed)).fetchall()
        if orphans:
            receipted = conn.execute(
                "SELECT COUNT(*) FROM sync_receipt r JOIN journal_device d ON d.device_id = r.replica_id "
                "JOIN journal j ON j.device = d.id AND j.device_seq = r.device_seq WHERE j.seq >= ?",
                (orphans[0][0],)).fetchone()[0]
            if receipted:
                raise SyncError("This database and the hub disagree about changes the hub receipted; "
                                "nothing was changed.", hint="Run `fieldapp verify` and ask the coordinator.")
        new_ref = journal.device_ref(conn, new)
        for n, (seq, device_seq) in enumerate(orphans, 1):
            conn.execute("UPDATE journal SET device = ?, device_seq = ? WHERE seq = ?", (new_ref, n, seq))
            for side in ("loser", "winner"):
                conn.execute(f"UPDATE sync_conflict SET {side}_device = ?, {side}_seq = ? "
                             f"WHERE {side}_device = ? AND {side}_seq = ?", (new, n, old, device_seq))
        conn.execute("DELETE FROM sync_effective WHERE device_id = ? AND device_seq > ?", (old, agreed))
        if orphans:
            rechain(store, int(orphans[0][0]))
        conn.execute("INSERT OR IGNORE INTO sync_replica (replica_id, since, reason) VALUES (?, ?, 'first')",
                     (old, utc_now()))
        conn.execute("INSERT INTO sync_replica (replica_id, since, reason) VALUES (?, ?, ?)",
                     (new, utc_now(), reason))
        conn.execute("UPDATE meta SET value = ? WHERE key = 'device_id'", (new,))
        Replica(store).put(PUSHED, "0")
    store.device_id = new
    return new


def rechain(store: Store, start: int) -> None:
    """Recompute the chain hash of every journal entry from local seq ``start`` on."""
    journal.rechain(store.conn, start)
