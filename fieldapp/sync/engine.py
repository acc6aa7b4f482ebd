"""One sync of a device with the hub: push everything unsent, then pull.

Push comes first so that the pull meets no unsent change of this device
(except one written while the sync runs), and so that the hub's bounded
stamps of this device's changes are known before anything is merged here.
A change is marked sent only after the hub's answer; a lost answer means
the next push sends it again and the hub counts it as a duplicate.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from fieldapp.errors import SyncAuthError, SyncError
from fieldapp.store.database import Store, utc_now
from fieldapp.sync import replica as replica_id
from fieldapp.sync.changes import Change
from fieldapp.sync.client import HubClient
from fieldapp.sync.local import CURSOR, Replica
from fieldapp.sync.protocol import MAX_BODY_BYTES, PULL_BATCH, PUSH_BATCH

Progress = Callable[[str, int], None]


@dataclass
class SyncReport:
    pushed: int = 0
    duplicates: int = 0
    pulled: int = 0
    skipped: int = 0
    conflicts: int = 0
    pending: int = 0
    clock_flagged: bool = False
    clock_offset_ms: int = 0
    new_replica: bool = False  # restored or copied: new edits were given a new replica id

    def summary(self) -> str:
        text = (f"pushed {self.pushed} changes ({self.duplicates} already on the hub), pulled {self.pulled}, "
                f"{self.conflicts} conflicting values kept for review, {self.pending} pending")
        if self.new_replica:
            text += "; this database was restored or copied: its new edits got a new replica id and were kept"
        if self.clock_flagged:
            text += (f"; WARNING: this device's clock is {self.clock_offset_ms / 3_600_000:+.1f} h off the "
                     "hub's: set the clock (its edits count as made when the hub received them)")
        return text


def signing_key(replica: Replica) -> Ed25519PrivateKey:
    """The device's Ed25519 key for signing offline bundles (made once)."""
    stored = replica.get("signing_key")
    if stored:
        return Ed25519PrivateKey.from_private_bytes(bytes.fromhex(stored))
    key = Ed25519PrivateKey.generate()
    from cryptography.hazmat.primitives.serialization import NoEncryption, PrivateFormat

    raw = key.private_bytes(Encoding.Raw, PrivateFormat.Raw, NoEncryption())
    replica.put_committed(signing_key=raw.hex())
    return key


def public_key_hex(key: Ed25519PrivateKey) -> str:
    return key.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw).hex()


def enroll(store: Store, client: HubClient, code: str) -> str:
    """Exchange an enrolment code for a token kept in the device database; returns the role."""
    replica = Replica(store)
    key = signing_key(replica)
    answer = client.enroll(code, store.device_id, public_key_hex(key))
    replica.put_committed(token=str(answer["token"]), hub_url=client.url, role=str(answer["role"]))
    client.token = str(answer["token"])
    return str(answer["role"])


def _within(changes: list[Change], budget: int) -> list[Change]:
    """The oldest changes whose request stays well under the hub's body limit
    (a borehole with its raw NMEA is several kB; 2,000 of them would not fit)."""
    size = 0
    for n, change in enumerate(changes):
        size += len(change.fields) * 2 + 400  # JSON escaping and the other fields, generously
        if size > budget and n:
            return changes[:n]
    return changes


def _pull_all(store: Store, client: HubClient, replica: Replica, report: SyncReport, pull_batch: int,
              progress: Progress | None, on_apply: Callable[[Change], None] | None) -> dict[str, Any] | None:
    """Pull until the hub has nothing more; return its record of this replica (fieldapp.sync.replica)."""
    while True:
        cursor = replica.cursor
        answer = client.pull(cursor, pull_batch, replica=replica_id.current(store))
        changes = [Change.from_wire(c) for c in answer["changes"]]
        if changes or int(answer["cursor"]) != cursor:
            result = replica.apply_pulled(changes, int(answer["cursor"]), on_apply)
            report.pulled += result.applied
            report.skipped += result.skipped
            report.conflicts += result.conflicts
            if progress:
                progress("pull", report.pulled)
        if not answer["more"]:
            held: dict[str, Any] | None = answer.get("replica")
            return held


def sync(store: Store, client: HubClient, *, push_batch: int = PUSH_BATCH, pull_batch: int = PULL_BATCH,
         progress: Progress | None = None, on_apply: Callable[[Change], None] | None = None) -> SyncReport:
    """Push, then pull until the hub has nothing more for this device."""
    replica = Replica(store)
    if not client.token:
        client.token = replica.get("token")
    if not client.token:
        raise SyncAuthError("This device is not enrolled with a hub.", hint="Run sync once with --enroll CODE.")
    report = SyncReport()
    settles = 0
    while True:
        batch = _within(replica.unsent(push_batch), MAX_BODY_BYTES // 2)
        if not batch:
            break
        answer = replica_id.push(store, client, batch)
        if answer is None:  # restored or copied: the file forked; push what is unsent now
            settles += 1
            report.new_replica = True
            if settles > replica_id.MAX_SETTLES:
                raise SyncError("The hub keeps refusing this database's changes as diverged.",
                                hint="Nothing was lost on this device; ask the coordinator to check the hub.")
            continue
        replica.mark_pushed(int(answer["upto"]), [(int(s), int(e)) for s, e in answer["bounded"]])
        report.pushed += int(answer["accepted"])
        report.duplicates += int(answer["duplicates"])
        report.clock_flagged = report.clock_flagged or bool(answer["clock_flagged"])
        report.clock_offset_ms = int(answer["clock_offset_ms"])
        if progress:
            progress("push", report.pushed + report.duplicates)
    start = replica.cursor
    held = _pull_all(store, client, replica, report, pull_batch, progress, on_apply)
    if held is not None and replica_id.settle(store, int(held["seq"]), str(held["hash"]), held.get("receipt")):
        # restored or copied: the hub holds changes under this file's replica id
        # that it lacks, and the pull left them out as its own; with its new id,
        # pull again from where this sync began (what is already here is skipped)
        report.new_replica = True
        replica.put_committed(**{CURSOR: str(start)})
        _pull_all(store, client, replica, report, pull_batch, progress, on_apply)
    report.pending = replica.pending()
    flag = f"{report.clock_offset_ms}" if report.clock_flagged else ""
    replica.put_committed(last_sync_at=utc_now(), clock_flag=flag)
    return report
