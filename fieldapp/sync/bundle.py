"""Offline bundles: the unsent changes of a device in one signed file.

Layout: one JSON object with the gzip'd, base64'd payload (the device id,
schema version and changes), the payload's SHA-256, and an Ed25519
signature of the payload by the device's key, whose public half the hub
recorded at enrolment. The hub checks the checksum (a damaged copy) and the
signature (an altered or forged one) before applying anything, so a bad
bundle is rejected whole. Import goes through the same push code, so it is
idempotent: a bundle imported twice, or after the device synced online,
applies each change once.
"""

from __future__ import annotations

import base64
import binascii
import gzip
import hashlib
import json
import os
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from fieldapp.errors import BundleError
from fieldapp.progress import Cancelled, Progress
from fieldapp.store.database import Store, utc_now
from fieldapp.sync import wire
from fieldapp.sync.changes import Change
from fieldapp.sync.engine import public_key_hex, signing_key
from fieldapp.sync.local import Replica
from fieldapp.sync.protocol import SCHEMA_VERSION
from fieldapp.sync.replica import chain_hash

FORMAT = "fieldapp-bundle"
VERSION = 1


@dataclass(frozen=True)
class Bundle:
    device_id: str
    schema: int
    changes: list[Change]
    sha256: str
    # what the hub should hold of the replica before and after (fieldapp.sync.replica)
    base: tuple[int, str] | None = None
    head: tuple[int, str] | None = None


def write_bundle(store: Store, path: Path, progress: Progress | None = None,
                 cancelled: Cancelled | None = None) -> int:
    """Write every unsent change to ``path`` atomically; return how many.

    ``progress(done, total)`` hears of each batch read; once ``cancelled()``
    is true the bundle is abandoned before anything reaches ``path``.
    """
    replica = Replica(store)
    if not replica.get("token"):
        raise BundleError("This device is not enrolled, so the hub could not check its signature.",
                          hint="Enrol it once with `fieldapp sync --hub URL --enroll CODE` where there is network.")
    key = signing_key(replica)
    total = replica.pending()
    changes: list[Change] = []
    while batch := replica.unsent(5000, after=changes[-1].device_seq if changes else None):
        if cancelled is not None and cancelled():
            raise BundleError("The bundle was cancelled; nothing was written.")
        changes.extend(batch)
        if progress is not None:
            progress(len(changes), max(total, len(changes)))
    if cancelled is not None and cancelled():
        raise BundleError("The bundle was cancelled; nothing was written.")
    body: dict[str, object] = {"device_id": store.device_id, "schema": SCHEMA_VERSION, "created_at": utc_now(),
                               "changes": [c.to_wire() for c in changes]}
    if changes:
        pushed, last = replica.pushed_upto, changes[-1].device_seq
        body["base"] = [pushed, chain_hash(store, store.device_id, pushed) or ""]
        body["head"] = [last, chain_hash(store, store.device_id, last) or ""]
    payload = gzip.compress(json.dumps(body, separators=(",", ":")).encode(), mtime=0)
    document = {
        "format": FORMAT, "version": VERSION, "device_id": store.device_id,
        "public_key": public_key_hex(key), "payload": base64.b64encode(payload).decode(),
        "sha256": hashlib.sha256(payload).hexdigest(), "signature": key.sign(payload).hex(),
    }
    if not path.parent.is_dir():
        raise BundleError(f"The folder {path.parent} does not exist.")
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".bundle-", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump(document, fh)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return len(changes)


def read_bundle(raw: bytes, public_key_of: Callable[[str], str | None]) -> Bundle:
    """Check and decode a bundle; ``public_key_of(device_id)`` gives the
    enrolled key (hex) or None. Raises :class:`BundleError` on any damage."""
    damaged = "The bundle is truncated or damaged"
    try:
        document = json.loads(raw)
        if not isinstance(document, dict) or document.get("format") != FORMAT:
            raise BundleError(f"{damaged}: it is not a FieldApp bundle.")
        if document.get("version") != VERSION:
            raise BundleError(f"Bundle format version {document.get('version')} is not known.",
                              hint="Update FieldApp on the hub.")
        payload = base64.b64decode(document["payload"], validate=True)
        device_id, checksum, signature = document["device_id"], document["sha256"], document["signature"]
    except (ValueError, KeyError, TypeError, binascii.Error) as exc:
        raise BundleError(f"{damaged} ({type(exc).__name__}); nothing was imported.",
                          hint="Copy the file again from the device.") from exc
    if hashlib.sha256(payload).hexdigest() != checksum:
        raise BundleError(f"{damaged}: its checksum does not match; nothing was imported.",
                          hint="Copy the file again from the device.")
    key_hex = public_key_of(str(device_id))
    if not key_hex:
        raise BundleError(f"The bundle comes from device {device_id}, which is not enrolled on this hub.")
    try:
        Ed25519PublicKey.from_public_bytes(bytes.fromhex(key_hex)).verify(bytes.fromhex(str(signature)), payload)
    except (InvalidSignature, ValueError) as exc:
        raise BundleError("The bundle's signature is not valid: it was altered or not made by its device; "
                          "nothing was imported.") from exc
    try:
        body = json.loads(gzip.decompress(payload))
        if type(body) is not dict:
            raise TypeError("not an object")
        # each change's shape as a pull's (fieldapp.sync.wire): a device's signature vouches for
        # where the bundle came from, not that its numbers fit the hub's database
        changes = [Change.from_wire(c) for c in wire.changes(body["changes"])]
        schema = wire.whole(body.get("schema", 0), "schema")
    except (ValueError, KeyError, TypeError, OSError, RecursionError) as exc:
        raise BundleError(f"{damaged}: its contents cannot be read; nothing was imported.") from exc
    if body.get("device_id") != device_id:
        raise BundleError("The bundle's contents name another device than its envelope; nothing was imported.")
    marks: list[tuple[int, str] | None] = []
    for name in ("base", "head"):
        mark = body.get(name)
        if isinstance(mark, list) and len(mark) == 2 and type(mark[0]) is int and 0 <= mark[0] < 2**63 and (
                isinstance(mark[1], str) and len(mark[1]) <= 64 and "\x00" not in mark[1]):
            marks.append((mark[0], mark[1]))
        else:
            marks.append(None)
    return Bundle(str(device_id), schema, changes, checksum, marks[0], marks[1])
