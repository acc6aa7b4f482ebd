"""Replica identities and signed push receipts, on the hub.

A device numbers its changes under a replica id (the journal's device id).
A restored or copied device database would number new edits under an id and
sequence numbers the hub already holds, and the hub would take them for
duplicates: lost without a word. So every push names its *base*, the last
sequence number and chain hash the device believes the hub holds for that
replica, and the hub accepts it only if its own record agrees; otherwise it
answers 409 with its record, and the device (fieldapp.sync.replica) takes a
new replica id for the edits the hub does not hold. On success the hub
records the new head and returns a receipt signed with its Ed25519 key (kept
in its store, table hub_key), which the device keeps and `fieldapp verify` checks.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.serialization import Encoding, NoEncryption, PrivateFormat, PublicFormat

from fieldapp.hub.db import Conn
from fieldapp.hub.devices import Device
from fieldapp.hub.push import Refused
from fieldapp.ids import new_id
from fieldapp.store.database import utc_now
from fieldapp.sync.changes import Change
from fieldapp.sync.receipt import Receipt


@dataclass(frozen=True)
class Mark:
    """A point in a replica's numbering: its last sequence number and that entry's chain hash."""

    seq: int
    hash: str


class Diverged(Refused):
    """The device's base is not what the hub holds for the replica (409)."""

    def __init__(self, replica_id: str, held: Mark, receipt: Receipt | None) -> None:
        super().__init__(409, f"The hub holds changes of replica {replica_id} up to {held.seq}, which this "
                              "database does not match (restored or copied?): it must take a new replica id.")
        self.replica_id, self.held, self.receipt = replica_id, held, receipt

    def body(self) -> dict[str, Any]:
        return {"detail": self.message, "replica": {"replica_id": self.replica_id, "seq": self.held.seq,
                                                    "hash": self.held.hash},
                "receipt": self.receipt.to_wire() if self.receipt else None}


def _key(conn: Conn) -> Ed25519PrivateKey:
    rows = conn.execute("SELECT private_key FROM hub_key ORDER BY created_at, id LIMIT 1")
    if rows:
        return Ed25519PrivateKey.from_private_bytes(bytes.fromhex(str(rows[0][0])))
    key = Ed25519PrivateKey.generate()
    raw = key.private_bytes(Encoding.Raw, PrivateFormat.Raw, NoEncryption()).hex()
    conn.execute("INSERT INTO hub_key (id, private_key, created_at) VALUES (?, ?, ?)", (new_id(), raw, utc_now()))
    return key


def sign(conn: Conn, device: Device, replica_id: str, mark: Mark) -> Receipt:
    """A receipt for ``mark`` (inside a write transaction: the key is made on first use)."""
    key = _key(conn)
    public = key.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw).hex()
    return Receipt(replica_id, mark.seq, mark.hash, device.id, utc_now(), public).signed(key)


def held(conn: Conn, device: Device, replica_id: str) -> Mark:
    """What the hub holds of ``replica_id``: Mark(0, '') if nothing. Refused
    (403) if the replica is another device's."""
    rows = conn.execute("SELECT device, seq, hash FROM hub_replica WHERE replica_id = ?", (replica_id,))
    if rows:
        if rows[0][0] != device.id:
            raise Refused(403, f"Replica {replica_id} belongs to another device.")
        return Mark(int(rows[0][1]), str(rows[0][2]))
    # changes logged before replicas were recorded (or none): only the
    # device's enrolled id may have them, and their hash is not known
    top = conn.execute("SELECT MAX(device_seq) FROM hub_change WHERE device_id = ?", (replica_id,))[0][0]
    owner = conn.execute("SELECT id FROM hub_device WHERE device_id = ?", (replica_id,))
    if (top is not None or owner) and replica_id != device.device_id:
        raise Refused(403, f"Replica {replica_id} belongs to another device.")
    return Mark(int(top or 0), "")


def admit(conn: Conn, device: Device, changes: list[Change], base: Mark, head: Mark) -> Device:
    """Check a push against the replica's record; return the device as the
    push code should see it (its changes' replica id as its device id)."""
    replica_id = changes[0].device_id
    if any(c.device_id != replica_id for c in changes):
        raise Refused(422, "One push carries the changes of one replica.")
    seqs = [c.device_seq for c in changes]
    if seqs != list(range(base.seq + 1, base.seq + 1 + len(seqs))) or head.seq != seqs[-1]:
        raise Refused(422, "A push carries a replica's changes base+1..head in order.")
    mark = held(conn, device, replica_id)
    if mark.hash and mark == head:
        # the same push (or bundle) again, whose answer was lost: its changes count as duplicates
        return replace(device, device_id=replica_id)
    # an unknown hash (changes logged before receipts) is matched on the number alone
    if mark.seq != base.seq or (mark.hash and mark.hash != base.hash):
        raise Diverged(replica_id, mark, last_receipt(conn, device, replica_id, mark))
    return replace(device, device_id=replica_id)


def record(conn: Conn, device: Device, replica_id: str, head: Mark) -> Receipt:
    conn.execute("INSERT INTO hub_replica (replica_id, device, seq, hash, updated_at) VALUES (?, ?, ?, ?, ?) "
                 "ON CONFLICT (replica_id) DO UPDATE SET seq = excluded.seq, hash = excluded.hash, "
                 "updated_at = excluded.updated_at", (replica_id, device.id, head.seq, head.hash, utc_now()))
    return sign(conn, device, replica_id, head)


def last_receipt(conn: Conn, device: Device, replica_id: str, mark: Mark) -> Receipt | None:
    return sign(conn, device, replica_id, mark) if mark.hash else None
