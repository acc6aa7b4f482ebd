"""One sync of a device with the hub: push what is unsent, pull what is new.

Push and pull take turns, one bounded batch each: a device with a long
backlog, or a writer busy while it syncs, still gets the others' work. A
push batch goes first, so that the hub's bounded stamps of the oldest
unsent changes are known before anything is merged here. Changes written
after the sync started wait for the next sync.
A change is marked sent only after the hub's answer; a lost answer means
the next push sends it again and the hub counts it as a duplicate.
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from fieldapp.errors import SyncAuthError, SyncError
from fieldapp.messages import Count
from fieldapp.rules import Lang, message_book
from fieldapp.store.database import Store, utc_now
from fieldapp.sync import replica as replica_id
from fieldapp.sync.ahead import Ahead, ahead
from fieldapp.sync.changes import Change
from fieldapp.sync.client import HubClient
from fieldapp.sync.local import CURSOR, Replica
from fieldapp.sync.outbox import Outbox
from fieldapp.sync.photos import ASK_BATCH, CHUNK_BYTES, PhotoReport
from fieldapp.sync.photos import confirm as confirm_photos
from fieldapp.sync.photos import download as download_photos
from fieldapp.sync.photos import to_ask as photos_to_ask
from fieldapp.sync.photos import upload as upload_photos
from fieldapp.sync.protocol import PULL_BATCH, PUSH_BATCH

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
    photos: PhotoReport = field(default_factory=PhotoReport)
    invalid: int = 0  # pulled changes no device can store: skipped, noted in sync_conflict
    new_replica: bool = False  # restored or copied: new edits were given a new replica id

    def summary(self, lang: Lang = "en") -> str:
        """One line of what the sync did, in ``lang`` (English unless asked: the window's status keeps it);
        the words are rows ``cli_sync_summary*`` of resources/messages/cli_sync.json."""
        book = message_book()
        clauses = [book["cli_sync_summary"].text(lang, pushed=Count(self.pushed, "change"),
                                                 duplicates=self.duplicates, pulled=self.pulled,
                                                 conflicts=Count(self.conflicts, "conflicting_value"),
                                                 pending=self.pending)]
        if self.invalid:
            clauses.append(book["cli_sync_summary_invalid"].text(lang, invalid=self.invalid))
        if self.photos.sent or self.photos.fetched:
            clauses.append(book["cli_sync_summary_photos"].text(lang, sent=self.photos.sent,
                                                                fetched=self.photos.fetched))
        if self.photos.waiting:
            clauses.append(book["cli_sync_summary_photos_waiting"].text(lang, waiting=self.photos.waiting))
        if self.photos.damaged:
            clauses.append(book["cli_sync_summary_photos_damaged"].text(lang, damaged=self.photos.damaged))
        if self.photos.hub_keeps_none:
            clauses.append(book["cli_sync_summary_hub_keeps_no_photos"].text(lang))
        if self.photos.absent:
            clauses.append(book["cli_sync_summary_photos_absent"].text(lang, absent=self.photos.absent))
        if self.new_replica:
            clauses.append(book["cli_sync_summary_new_replica"].text(lang))
        if self.clock_flagged:
            hours = f"{self.clock_offset_ms / 3_600_000:+.1f}"
            clauses.append(book["cli_sync_summary_clock"].text(
                lang, hours=hours.replace(".", ",") if lang == "nl" else hours))  # Dutch: a decimal comma
        return "; ".join(clauses)


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


def sync(store: Store, client: HubClient, *, push_batch: int = PUSH_BATCH, pull_batch: int = PULL_BATCH,
         progress: Progress | None = None, on_apply: Callable[[Change], None] | None = None,
         photo_chunk: int = CHUNK_BYTES) -> SyncReport:
    """Send the photo files the hub lacks; push, then pull until the hub has
    nothing more for this device; fetch the photo files pulled rows name."""
    replica = Replica(store)
    if not client.token:
        client.token = replica.get("token")
    if not client.token:
        raise SyncAuthError("This device is not enrolled with a hub.", hint="Run sync once with --enroll CODE.")
    report = SyncReport()
    # what is journalled now is pushed in this sync; what is written while it
    # runs waits for the next one, so that a busy writer cannot keep it going
    # (and a photo added while the files go waits with its row for its file)
    ceiling = replica.last_own_seq()
    start = replica.cursor
    settles = 0
    held: dict[str, Any] | None = None
    pushing = pulling = True
    # the photo files first: a row that names a file reaches other devices
    # only after the hub holds the file, or the sync failed before the push
    wanted = photos_to_ask(store, report.photos)
    answered: list[dict[str, Any]] | None = None
    if wanted and ceiling <= replica.pushed_upto:
        # no rows to push, so nothing waits for the hub's stamps before a pull:
        # the first pull asks which files the hub lacks, one request fewer
        first = client.pull(start, pull_batch, replica=replica_id.current(store), ask=wanted[:ASK_BATCH])
        pulling, held = _apply_pulled(replica, report, start, first, progress, on_apply)
        if "lacking" in first:  # left out by a hub from before the question: asked apart
            answered = first["lacking"]
            report.photos.hub_keeps_none = answered is None
            wanted = [] if answered is None else wanted
    upload_photos(store, client, report.photos, chunk_bytes=photo_chunk, progress=progress, confirm_now=False,
                  wanted=wanted, answered=answered)
    # one worker thread for the sync: the push on the wire, or (nothing left to push) the pull asked ahead
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="fieldapp-sync") as worker, ahead(worker) as fetcher:
        outbox = Outbox(store, client, push_batch, ceiling, worker)
        while pushing or pulling:
            # one bounded batch each way in turn: pulling never waits for a long push
            if pushing:
                pushed = _push_batch(replica, outbox, report, progress)
                if pushed is None:  # restored or copied: the file forked; push what is unsent now
                    settles += 1
                    report.new_replica = True
                    if settles > replica_id.MAX_SETTLES:
                        raise SyncError("The hub keeps refusing this database's changes as diverged.",
                                        hint="Nothing was lost on this device; ask the coordinator to check the "
                                             "hub.")
                    outbox.ceiling = replica.last_own_seq()  # the unsent changes were renumbered under the new id
                    continue
                pushing = pushed
                # what the hub made of it (a duplicate code it renamed) comes back in this sync
                pulling = pulling or pushing
            if pulling:
                # with nothing left to push, the next batch is fetched while this one is applied
                pulling, held = _pull_batch(store, replica, client, report, pull_batch, progress, on_apply,
                                            None if pushing else fetcher)
    if held is not None and replica_id.settle(store, int(held["seq"]), str(held["hash"]), held.get("receipt")):
        # restored or copied: the hub holds changes under this file's replica id
        # that it lacks, and the pull left them out as its own; with its new id,
        # pull again from where this sync began (what is already here is skipped)
        report.new_replica = True
        replica.put_committed(**{CURSOR: str(start)})
        while _pull_batch(store, replica, client, report, pull_batch, progress, on_apply)[0]:
            pass
    download_photos(store, client, report.photos, progress=progress)
    report.pending = replica.pending()
    flag = f"{report.clock_offset_ms}" if report.clock_flagged else ""
    with store.action("Sync state"):  # one commit: what the hub holds and when it was asked
        confirm_photos(store, report.photos)
        replica.put_committed(last_sync_at=utc_now(), clock_flag=flag)
    return report


def _push_batch(replica: Replica, outbox: Outbox, report: SyncReport, progress: Progress | None) -> bool | None:
    """Push the oldest unsent changes up to the outbox's ceiling; False when there were none, None when the
    hub found this file restored or copied (it has a new replica id now: read the unsent changes again)."""
    sent = outbox.push()
    if sent is None:
        return False
    answer = sent[1]
    if answer is None:
        return None
    replica.mark_pushed(int(answer["upto"]), [(int(s), int(e)) for s, e in answer["bounded"]])
    report.pushed += int(answer["accepted"])
    report.duplicates += int(answer["duplicates"])
    report.clock_flagged = report.clock_flagged or bool(answer["clock_flagged"])
    report.clock_offset_ms = int(answer["clock_offset_ms"])
    if progress:
        progress("push", report.pushed + report.duplicates)
    return True


def _pull_batch(store: Store, replica: Replica, client: HubClient, report: SyncReport, limit: int,
                progress: Progress | None, on_apply: Callable[[Change], None] | None,
                fetcher: Ahead | None = None) -> tuple[bool, dict[str, Any] | None]:
    """Pull and apply one batch. Returns whether the hub has more for this device, and its record of
    this replica (read after the changes: fieldapp.sync.replica). With ``fetcher``, the next batch
    is asked for before this one is applied (fieldapp.sync.ahead)."""
    cursor, replica_now = replica.cursor, replica_id.current(store)
    answer = fetcher.take((cursor, replica_now)) if fetcher is not None else None
    if answer is None:
        answer = client.pull(cursor, limit, replica=replica_now)
    if fetcher is not None and answer["more"]:
        following = int(answer["cursor"])
        fetcher.ask((following, replica_now), lambda: client.pull(following, limit, replica=replica_now))
    return _apply_pulled(replica, report, cursor, answer, progress, on_apply)


def _apply_pulled(replica: Replica, report: SyncReport, cursor: int, answer: dict[str, Any],
                  progress: Progress | None, on_apply: Callable[[Change], None] | None
                  ) -> tuple[bool, dict[str, Any] | None]:
    """Apply a pulled batch asked from ``cursor``; as :func:`_pull_batch`."""
    changes = [Change.from_wire(c) for c in answer["changes"]]
    if changes or int(answer["cursor"]) != cursor:
        result = replica.apply_pulled(changes, int(answer["cursor"]), on_apply)
        report.pulled += result.applied
        report.skipped += result.skipped
        report.conflicts += result.conflicts
        report.invalid += result.invalid
        if progress:
            progress("pull", report.pulled)
    held: dict[str, Any] | None = answer.get("replica")
    return bool(answer["more"]), held
