"""Photo files between a device and the hub: sent once, resumed when cut off.

Before the rows are pushed, the device asks the hub which of its photo
files it lacks (only those not yet confirmed: ``photo_on_hub``) and sends
each in chunks from the offset the hub holds, so a sync cut off half-way
sends only the rest next time (a device with no rows to push asks in its
first pull: fieldapp.sync.engine). The hub hashes a finished file; a damaged one
is refused and sent again from the start, once. A file the hub is receiving
from another device's sync just now (the same content: the same photo on two
devices) is left to that sync and asked about again at the next: it does not
stop this sync's rows. After the pull, the files
that pulled photo rows name are fetched and kept only when they hash to
their name. A file the hub does not have yet (its device has not sent it)
is fetched at a later sync.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, BinaryIO

import httpx

from fieldapp.domain.photo import blobs
from fieldapp.errors import HubUnreachableError, StoreError
from fieldapp.store.database import Store
from fieldapp.sync import wire
from fieldapp.sync.client import HubClient, answer_json

CHUNK_BYTES = 16 * 1024 * 1024  # a phone's photo in one request; the hub keeps what arrives of it
ASK_BATCH = 1000
SEND_BLOCK = 1 << 20  # read and handed to the socket a block at a time


@dataclass
class PhotoReport:
    sent: int = 0  # files the hub now has whole from this device
    bytes_sent: int = 0
    fetched: int = 0
    bytes_fetched: int = 0
    waiting: int = 0  # named by a row, not yet on the hub
    damaged: int = 0  # fetched, but not what its hash says: not kept
    absent: int = 0  # named by an own row, but the file is not on this device
    busy: int = 0  # being received from another sync just now: asked about again at the next
    hub_keeps_none: bool = False  # the hub was started without a photo folder
    # the files the hub now holds whole, written to photo_on_hub by confirm():
    # the sync does it in its last commit (one fsync fewer); lost with a failed
    # sync, they are only asked about again, never sent again
    confirmed: list[str] = field(default_factory=list)


def confirm(store: Store, report: PhotoReport) -> None:
    """Note the files the hub confirmed it holds: they are not asked about again."""
    if report.confirmed:
        with store.action("Photos on the hub"):
            store.conn.executemany("INSERT OR IGNORE INTO photo_on_hub (sha256) VALUES (?)",
                                   [(h,) for h in report.confirmed])
        report.confirmed.clear()


def _unconfirmed(store: Store) -> list[str]:
    return [r[0] for r in store.conn.execute(
        "SELECT DISTINCT sha256 FROM photo WHERE sha256 NOT IN (SELECT sha256 FROM photo_on_hub) ORDER BY sha256")]


def to_ask(store: Store, report: PhotoReport) -> list[str]:
    """This device's files the hub may lack: not confirmed, and here (those
    missing from the photo folder are counted in ``report.absent``)."""
    folder = blobs(store)
    unconfirmed = _unconfirmed(store)
    wanted = [h for h in unconfirmed if folder.has(h)]
    report.absent += len(unconfirmed) - len(wanted)
    return wanted


def upload(store: Store, client: HubClient, report: PhotoReport, *, chunk_bytes: int = CHUNK_BYTES,
           progress: Callable[[str, int], None] | None = None, confirm_now: bool = True,
           wanted: list[str] | None = None, answered: Sequence[Mapping[str, Any]] | None = None) -> None:
    """Send the photo files the hub lacks (``confirm_now=False``: the caller calls :func:`confirm`).

    ``wanted`` is :func:`to_ask`'s list when the caller has it, and ``answered``
    the hub's ``lacking`` of its first ASK_BATCH, asked in the sync's first pull."""
    try:
        _upload(store, client, report, chunk_bytes, progress, to_ask(store, report) if wanted is None else wanted,
                answered)
    finally:
        if confirm_now:
            confirm(store, report)


def _upload(store: Store, client: HubClient, report: PhotoReport, chunk_bytes: int,
            progress: Callable[[str, int], None] | None, wanted: list[str],
            answered: Sequence[Mapping[str, Any]] | None) -> None:
    for start in range(0, len(wanted), ASK_BATCH):
        asked = wanted[start:start + ASK_BATCH]
        if start == 0 and answered is not None:
            held = answered
        else:
            answer = client.send("POST", "/v1/blobs/lacking", json={"hashes": asked})
            if answer.status_code == 503:  # a hub that keeps no photos: the rows still sync
                report.hub_keeps_none = True
                return
            if answer.status_code != 200:
                client.refused(answer)
            held = _answer(client, answer, "lacking")
        try:
            lacking = {str(h["sha256"]): int(h["offset"]) for h in wire.lacking(held)}
        except wire.Malformed as exc:
            client.unusable("an answer", exc)
        report.confirmed += [h for h in asked if h not in lacking]
        for sha, offset in lacking.items():
            if not _send(store, client, sha, offset, report, chunk_bytes):
                report.busy += 1  # not confirmed: the next sync asks the hub again
                continue
            report.confirmed.append(sha)
            report.sent += 1
            if progress:
                progress("photos", report.sent)


def _send(store: Store, client: HubClient, sha: str, offset: int, report: PhotoReport, chunk_bytes: int) -> bool:
    """Send the file from ``offset``; False when another sync is sending the same file to the hub just now."""
    folder = blobs(store)
    size = folder.size(sha)
    redone = False
    with folder.open(sha) as src:
        while offset < size:
            length = min(chunk_bytes, size - offset)
            # streamed from the file in large blocks with its length announced:
            # no copy of the whole photo in memory, no chunked encoding
            answer = client.send("PUT", f"/v1/blobs/{sha}", params={"offset": offset, "size": size},
                                 content=_read(src, offset, length),
                                 headers={"Content-Type": "application/octet-stream",
                                          "Content-Length": str(length)})
            report.bytes_sent += length
            if answer.status_code == 200:
                # the hub holds more than before and never more than the file: else a hub that answered
                # the same offset again would have this device send the same bytes without end
                offset = _offset(client, _answer(client, answer, "offset"), offset + 1, size)
            elif answer.status_code == 409 and "offset" in answer_json(answer):
                held = _offset(client, answer_json(answer)["offset"], 0, size)
                if held == offset:  # another upload of the same file is under way
                    return False
                offset = held  # the hub holds another amount: go on from there
            elif answer.status_code == 422 and not redone and offset + length >= size:
                # damaged on the way: the hub dropped it; once more from the start
                redone, offset = True, 0
            else:
                client.refused(answer)
    return True


def _answer(client: HubClient, answer: httpx.Response, key: str) -> Any:
    """``key`` of a hub's answer; an answer that is no JSON object holding it stops the sync, saying so."""
    found = answer_json(answer)
    if key not in found:
        client.unusable("an answer", wire.Malformed(f"it names no {key}"))
    return found[key]


def _offset(client: HubClient, value: object, low: int, high: int) -> int:
    try:
        return wire.whole(value, "offset", low, high + 1)
    except wire.Malformed as exc:
        client.unusable("an answer", exc)


def _read(src: BinaryIO, offset: int, length: int) -> Iterator[bytes]:
    src.seek(offset)
    while length > 0:
        block = src.read(min(SEND_BLOCK, length))
        if not block:
            raise StoreError("A photo file became shorter while it was being sent.",
                             hint="Do not edit files in the photo folder; run `fieldapp verify`.")
        length -= len(block)
        yield block


def download(store: Store, client: HubClient, report: PhotoReport,
             progress: Callable[[str, int], None] | None = None) -> None:
    """Fetch the files pulled photo rows name, each kept only if it hashes to its name
    (and confirmed by the sync's last commit: a file here is not fetched again anyway)."""
    folder = blobs(store)
    # a file here is either this device's own or was fetched (and confirmed): look only at the others
    for sha in [h for h in _unconfirmed(store) if not folder.has(h)]:
        answer = client.send("GET", f"/v1/blobs/{sha}", stream=True)
        received = [0]
        try:
            if answer.status_code in (404, 503):
                report.waiting += 1
                report.hub_keeps_none = report.hub_keeps_none or answer.status_code == 503
                continue
            if answer.status_code != 200:
                answer.read()
                client.refused(answer)
            folder.add_stream(_blocks(answer, received), sha)
        except StoreError:
            report.damaged += 1  # not kept; fetched again at the next sync
            continue
        except httpx.TransportError as exc:
            raise HubUnreachableError(f"The hub at {client.url} broke off sending a photo ({exc}).",
                                      hint="Nothing was lost; sync again to fetch it.") from exc
        finally:
            report.bytes_fetched += received[0]
            answer.close()
        report.confirmed.append(sha)
        report.fetched += 1
        if progress:
            progress("photos fetched", report.fetched)


def _blocks(answer: httpx.Response, received: list[int]) -> Iterator[bytes]:
    for block in answer.iter_bytes(1 << 20):
        received[0] += len(block)
        yield block
