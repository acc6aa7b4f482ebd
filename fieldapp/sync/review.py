"""The coordinator's review of conflicts, and the device-side sync steps the GUI runs.

Every function here takes plain data (a database path, a hub URL, a code),
opens its own connection to the device file and closes it again, so the GUI
can run it on a worker thread while its own connection stays with the window.
A conflict is shown with the value the replica now holds beside the value
that lost; "take the other value" is an ordinary edit by the coordinator
(journalled and synced like any other), after which the hub marks the
conflict resolved.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from fieldapp.errors import FieldAppError, HubUnreachableError, SyncAuthError, SyncError, ValidationError
from fieldapp.ids import hlc_unpack
from fieldapp.rules import Lang
from fieldapp.store.database import Store
from fieldapp.sync import validate, wire
from fieldapp.sync.local import Replica
from fieldapp.sync.status import SyncStatus, status

if TYPE_CHECKING:
    # httpx and cryptography take ~100 ms to import; the window shows its status bar without them
    from fieldapp.sync.client import HubClient

KEPT = "kept the value the hub chose"
TOOK_OTHER = "took the other value"


@dataclass(frozen=True)
class Conflict:
    id: str
    table: str
    row_id: str
    row_label: str  # the record's code where it has one (B01), else its id
    field: str
    kind: str  # 'edit' (same field edited twice), or an edit that met a delete
    kept: Any  # what the replica holds now; None when the row is gone
    row_exists: bool
    losing: Any
    loser_device: str
    winner_device: str
    loser_at: str  # ISO time of the losing edit (from its HLC stamp)
    winner_at: str

    @property
    def can_take_other(self) -> bool:
        """Only an edit that lost to another edit can be put back; a deleted row stays deleted."""
        return self.kind == "edit" and self.row_exists


@dataclass(frozen=True)
class SyncOutcome:
    """What one sync on a worker came to: the figures to show, and the report's counts when it ran."""

    status: SyncStatus
    pulled: int = 0
    pushed: int = 0


def hlc_time(stamp: int) -> str:
    """The wall time an HLC stamp was taken, in UTC to the second."""
    phys, _logical = hlc_unpack(int(stamp))
    return datetime.fromtimestamp(phys / 1000, UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


def _decode(value: str | None) -> Any:
    if value is None:
        return None
    try:
        return json.loads(value)
    except ValueError:
        return value  # an old hub kept it unencoded: show it as it is


def _client(store: Store, url: str = "") -> HubClient:
    from fieldapp.sync.client import HubClient

    replica = Replica(store)
    url = url or replica.get("hub_url")
    token = replica.get("token")
    if not url or not token:
        raise SyncAuthError("This device is not enrolled with a hub.", hint="Enrol it with the hub first.")
    return HubClient(url, token=token, timeout=60.0)


def enrolled_hub(db_path: str | Path) -> str:
    """The hub URL of an enrolled device, or '' (a cheap read for the GUI's timer)."""
    with Store.open(db_path, actor="sync") as store:
        replica = Replica(store)
        return replica.get("hub_url") if replica.get("token") else ""


def enrol(db_path: str | Path, hub_url: str, code: str) -> str:
    """Exchange a one-time code for a token kept in the device database; returns the role."""
    url = hub_url.strip().rstrip("/")
    if not url.startswith(("http://", "https://")):
        raise SyncError(f"{url or 'An empty address'} is not a hub address.",
                        hint="Give the address as http://host:port, as the hub's administrator wrote it.")
    from fieldapp.sync.client import HubClient
    from fieldapp.sync.engine import enroll

    with Store.open(db_path, actor="sync") as store, HubClient(url, timeout=60.0) as client:
        role = enroll(store, client, code.strip())
        Replica(store).put_committed(hub_url=url)
    return role


def run_sync(db_path: str | Path, hub_url: str = "",
             progress: Callable[[str, int], None] | None = None, lang: Lang = "en") -> SyncOutcome:
    """One push-then-pull; an unreachable hub is 'offline' (nothing lost), other refusals 'error'.
    The outcome's message (what was done, or why not) is in ``lang``, the language the window shows."""
    from fieldapp import error_text
    from fieldapp.sync.engine import sync

    with Store.open(db_path, actor="sync") as store:
        try:
            client = _client(store, hub_url)
        except SyncAuthError:
            return SyncOutcome(status(store))
        try:
            report = sync(store, client, progress=progress)
        except HubUnreachableError as exc:
            return SyncOutcome(status(store, "offline", error_text.said(exc.message, lang)))
        except FieldAppError as exc:
            return SyncOutcome(status(store, "error", error_text.message(exc, lang)))
        finally:
            client.close()
        return SyncOutcome(status(store, "idle", report.summary(lang)), report.pulled, report.pushed)


def open_conflicts(db_path: str | Path) -> list[Conflict]:
    """The hub's open conflicts, each beside the value this replica holds now."""
    with Store.open(db_path, actor="sync") as store, _client(store) as client:
        try:
            raw = wire.conflicts(client.conflicts(), validate.columns())
        except wire.Malformed as exc:
            client.unusable("a conflict list", exc)
        out = []
        for c in raw:
            try:  # the losing value is written back as it is when the coordinator takes it: it must fit
                validate.check_values(c["tbl"], c["row_id"], {c["field"]: _decode(c["value"])})
            except ValidationError as exc:
                client.unusable("a conflict list", wire.Malformed(f"conflict {c['id']}: {exc.message}"))
            row = store.get(str(c["tbl"]), str(c["row_id"]))
            out.append(Conflict(
                id=str(c["id"]), table=str(c["tbl"]), row_id=str(c["row_id"]),
                row_label=str((row or {}).get("code") or c["row_id"]), field=str(c["field"]),
                kind=str(c["kind"]), kept=None if row is None else row.get(str(c["field"])),
                row_exists=row is not None, losing=_decode(c["value"]),
                loser_device=str(c["loser_device"]), winner_device=str(c["winner_device"]),
                loser_at=hlc_time(c["loser_hlc"]), winner_at=hlc_time(c["winner_hlc"])))
        return out


def resolve(db_path: str | Path, conflict: Conflict, *, take_other: bool, actor: str = "sync") -> SyncOutcome:
    """Keep the chosen value, or write the losing one back; mark the conflict resolved; sync.

    ``actor`` is the coordinator: the edit is theirs in the audit trail, not the sync's."""
    with Store.open(db_path, actor=actor) as store:
        if take_other:
            if not conflict.can_take_other:
                raise SyncError(f"The {conflict.table} row {conflict.row_id} was deleted; its value cannot be "
                                "put back.", hint="Keep the hub's value, or create the record again.")
            with store.action(f"Conflict: take the other value of {conflict.field}") as tx:
                tx.update(conflict.table, conflict.row_id, {conflict.field: conflict.losing})
        with _client(store) as client:
            client.resolve(conflict.id, TOOK_OTHER if take_other else KEPT)
    # the edit goes to the hub at once, so every device converges on the chosen value
    return run_sync(db_path)
