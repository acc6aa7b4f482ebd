"""The hub's operations, independent of HTTP: the FastAPI app, the bundle
import and the tests all call these."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from fieldapp.hub import access, devices, feed, receipts
from fieldapp.hub.db import Conn, HubDB, SqliteHubDB, open_hub_db
from fieldapp.hub.devices import Device
from fieldapp.hub.photos import HubBlobs
from fieldapp.hub.push import PushResult, Refused, domain_columns, push
from fieldapp.hub.receipts import Mark
from fieldapp.hub.schema import migrate
from fieldapp.progress import Progress
from fieldapp.store.database import utc_now
from fieldapp.sync.changes import WIRE_FIELDS, Change
from fieldapp.sync.collect import fewer_collections
from fieldapp.sync.merge import RowState
from fieldapp.sync.protocol import CLOCK_TOLERANCE_MS
from fieldapp.sync.receipt import Receipt

_PULL_COLS = ", ".join(WIRE_FIELDS)


@dataclass(frozen=True)
class PullResult:
    changes: list[dict[str, Any]]
    cursor: int
    more: bool


class HubService:
    def __init__(self, db: HubDB, blob_dir: Path | None = None) -> None:
        self.db = db
        # photo files (fieldapp.hub.photos): a SQLite hub keeps them beside its
        # file unless told otherwise; a PostgreSQL hub only where it is told
        if blob_dir is None and isinstance(db, SqliteHubDB):
            blob_dir = db.path.with_suffix(".blobs")
        self.blobs = HubBlobs(blob_dir) if blob_dir is not None else None
        self.columns = domain_columns()
        # how far ahead of the hub's clock a change may be stamped (see push)
        self.clock_tolerance_ms = CLOCK_TOLERANCE_MS
        self._grown = self._analyzed = 0
        migrate(db)

    @classmethod
    def open(cls, url: str, blob_dir: Path | None = None) -> HubService:
        return cls(open_hub_db(url), blob_dir)

    def photo_files(self) -> HubBlobs:
        if self.blobs is None:
            raise Refused(503, "This hub keeps no photos: start it with --blobs FOLDER.")
        return self.blobs

    def close(self) -> None:
        self.db.close()

    # devices ------------------------------------------------------------------
    def enroll(self, code: str, device_id: str, public_key: str) -> tuple[Device, str]:
        with self.db.write() as conn:
            return devices.enroll(conn, code, device_id, public_key)

    def authenticate(self, token: str) -> Device:
        with self.db.read() as conn:
            return devices.authenticate(conn, token)

    # changes -------------------------------------------------------------------
    def push(self, device: Device, changes: Sequence[Change], device_clock_ms: int | None = None) -> PushResult:
        with fewer_collections(), self.db.write() as conn:
            result = push(conn, device, changes, self.columns, device_clock_ms, self.clock_tolerance_ms)
        self._after_growth(result.accepted)
        return result

    def push_receipted(self, device: Device, changes: Sequence[Change], base: Mark, head: Mark,
                       device_clock_ms: int | None = None) -> tuple[PushResult, Receipt]:
        """A push that names its base (see fieldapp.hub.receipts): refused with
        409 if the replica diverged from what the hub holds, else applied and
        answered with a signed receipt for ``head``."""
        with fewer_collections(), self.db.write() as conn:
            as_replica = receipts.admit(conn, device, list(changes), base, head)
            result = push(conn, as_replica, changes, self.columns, device_clock_ms, self.clock_tolerance_ms)
            receipt = receipts.record(conn, device, as_replica.device_id or "", head)
        self._after_growth(result.accepted)
        return result, receipt

    def replica(self, device: Device, replica_id: str) -> tuple[Mark, Receipt | None]:
        """What the hub holds of one of the device's replicas, with its receipt."""
        with self.db.read() as conn:
            mark = receipts.held(conn, device, replica_id)
            return mark, receipts.last_receipt(conn, device, replica_id, mark)

    def _after_growth(self, added: int) -> None:
        # A hub that grows fast (a first sync of a big project) outruns
        # PostgreSQL's autovacuum, and with stale statistics the planner scans
        # hub_row instead of using its key: refresh them when the log has
        # doubled since the last time (an ANALYZE samples the tables, but a
        # first push of 100,000 changes paid a fifth of its database time for
        # one at every fifth of growth; a plan does not turn on a factor of 2).
        self._grown += added
        if self._grown > max(5_000, self._analyzed):
            # the columns the hub looks rows up by, not the row states and change
            # texts, whose sampling was most of what an ANALYZE cost
            self.db.analyze(("hub_row (tbl, row_id)", "hub_change (pos, device_id, device_seq, project_id, lab, tbl, "
                             "row_id)", "hub_feed", "hub_unique (tbl, key)"))
            self._analyzed += self._grown
            self._grown = 0

    def pull(self, device: Device, cursor: int, limit: int) -> PullResult:
        """Changes after ``cursor`` in log order that the device may read.

        The head is read in the same snapshot as the changes: every position
        up to it is committed (writers number under one lock), so moving the
        cursor to it when nothing more matches never skips a change.
        """
        where, params = "pos > ? AND pos <= ? AND device_id <> ?", [cursor, 0, device.device_id or ""]
        if device.role == "sampler":
            where += (" AND (project_id IN (SELECT project_id FROM hub_project WHERE created_by = ? OR code IN "
                      "(SELECT project_code FROM hub_grant WHERE device = ?))"
                      f" OR tbl IN ({', '.join(repr(t) for t in sorted(access.REGISTER_TABLES))}))")
            params += [device.id, device.id]
        elif device.role == "lab":
            where += " AND lab = ?"
            params.append(device.lab or "")
        sql = f"SELECT pos, {_PULL_COLS} FROM hub_change WHERE {where}"
        audience = device.lab if device.role == "lab" else feed.grant_audience(device.id)
        if device.role != "coordinator":
            # and what was logged before it became theirs: the containers packed
            # for a lab, the projects granted to a sampler (see fieldapp.hub.feed)
            cols = ", ".join(f"c.{name}" for name in WIRE_FIELDS)
            sql += (f" UNION ALL SELECT f.pos, {cols} FROM hub_feed f JOIN hub_change c ON "
                    "c.device_id = f.device_id AND c.device_seq = f.device_seq "
                    "WHERE f.pos > ? AND f.pos <= ? AND f.device_id <> ? AND f.lab = ?")
            params += [*params[:3], audience or ""]
        with self.db.read() as conn:
            head = feed.head(conn)
            params[1] = head
            if device.role != "coordinator":
                params[len(params) - 3] = head
            rows = conn.execute(f"{sql} ORDER BY pos LIMIT ?", (*params, limit))
            served = conn.execute("SELECT pulled_upto FROM hub_device WHERE id = ?", (device.id,))
        changes = [dict(zip(WIRE_FIELDS, r[1:], strict=True)) for r in rows]
        if len(rows) == limit:
            result = PullResult(changes, int(rows[-1][0]), True)
        else:
            result = PullResult(changes, max(head, cursor), False)
        upto = min(result.cursor, head)
        if served and int(served[0][0]) < upto:
            # how far this device has been served: the most it can have seen when
            # it makes a change (see fieldapp.hub.push)
            with self.db.update() as conn:
                conn.execute("UPDATE hub_device SET pulled_upto = ? WHERE id = ? AND pulled_upto < ?",
                             (upto, device.id, upto))
        return result

    # review ----------------------------------------------------------------------
    def conflicts(self, device: Device, *, open_only: bool = True) -> list[dict[str, Any]]:
        if device.role != "coordinator":
            raise Refused(403, "Only a coordinator reviews conflicts.")
        return self.list_conflicts(open_only=open_only)

    def resolve(self, device: Device, conflict_id: str, resolution: str) -> None:
        """Mark a conflict reviewed. Taking the losing value back is an ordinary
        edit made by the coordinator, which syncs like any other."""
        if device.role != "coordinator":
            raise Refused(403, "Only a coordinator resolves conflicts.")
        if not self.mark_resolved(conflict_id, device.name, resolution):
            raise Refused(404, f"There is no conflict {conflict_id}.")

    def list_conflicts(self, *, open_only: bool = True) -> list[dict[str, Any]]:
        cols = ("id", "pos", "tbl", "row_id", "field", "kind", "value", "loser_device", "loser_seq", "loser_hlc",
                "winner_device", "winner_seq", "winner_hlc", "resolved_by", "resolved_at", "resolution")
        where = "WHERE resolved_at IS NULL" if open_only else ""
        with self.db.read() as conn:
            rows = conn.execute(f"SELECT {', '.join(cols)} FROM hub_conflict {where} ORDER BY pos, id")
        return [dict(zip(cols, r, strict=True)) for r in rows]

    def mark_resolved(self, conflict_id: str, by: str, resolution: str) -> bool:
        with self.db.write() as conn:
            if not conn.execute("SELECT 1 FROM hub_conflict WHERE id = ?", (conflict_id,)):
                return False
            conn.execute("UPDATE hub_conflict SET resolved_by = ?, resolved_at = ?, resolution = ? WHERE id = ?",
                         (by, utc_now(), resolution, conflict_id))
        return True

    # state (for review and tests) ----------------------------------------------------
    def rows(self) -> dict[tuple[str, str], dict[str, Any]]:
        """The merged data the hub holds: every live row, by (table, id)."""
        with self.db.read() as conn:
            found = conn.execute("SELECT tbl, row_id, state FROM hub_row")
        out = {}
        for tbl, row_id, state in found:
            row = RowState.from_json(json.loads(state)).row(row_id)
            if row is not None:
                out[(tbl, row_id)] = row
        return out

    def change_ids(self) -> list[tuple[str, int]]:
        with self.db.read() as conn:
            return [(r[0], int(r[1])) for r in conn.execute("SELECT device_id, device_seq FROM hub_change")]


def import_bundle(service: HubService, raw: bytes,
                  progress: Progress | None = None) -> PushResult:
    """Check a bundle whole, then apply it like a push from its device; ``progress(merged, changes)``
    hears how far the apply is."""
    from fieldapp.errors import BundleError
    from fieldapp.sync.bundle import read_bundle
    from fieldapp.sync.protocol import OLDEST_ACCEPTED, SCHEMA_VERSION

    with service.db.read() as conn:
        enrolled = devices_by_id(conn)
    bundle = read_bundle(raw, lambda device_id: enrolled[device_id].public_key if device_id in enrolled else None)
    device = enrolled[bundle.device_id]
    if device.revoked:
        raise BundleError(f"Device {device.name} was revoked; its bundle is not imported.")
    if not OLDEST_ACCEPTED <= bundle.schema <= SCHEMA_VERSION:
        raise BundleError(f"The bundle has schema version {bundle.schema}; this hub takes "
                          f"{OLDEST_ACCEPTED}..{SCHEMA_VERSION}.", hint="Update FieldApp on the older side.")
    try:
        with service.db.write() as conn:
            if bundle.base and bundle.head and bundle.changes:  # see fieldapp.hub.receipts
                base, head = Mark(*bundle.base), Mark(*bundle.head)
                as_replica = receipts.admit(conn, device, bundle.changes, base, head)
                result = push(conn, as_replica, bundle.changes, service.columns,
                              tolerance_ms=service.clock_tolerance_ms, progress=progress)
                receipts.record(conn, device, bundle.device_id, head)
            else:
                result = push(conn, device, bundle.changes, service.columns,
                              tolerance_ms=service.clock_tolerance_ms, progress=progress)
            conn.execute("INSERT INTO hub_bundle (sha256, device, changes, imported_at) VALUES (?, ?, ?, ?) "
                         "ON CONFLICT (sha256) DO NOTHING", (bundle.sha256, device.id, len(bundle.changes),
                                                             utc_now()))
    except receipts.Diverged as exc:
        raise BundleError("The bundle does not follow what the hub holds of that device (its database was "
                          "restored or copied); nothing was imported.",
                          hint="Sync the device online once: its edits then get a new replica id.") from exc
    except Refused as exc:
        raise BundleError(f"The hub refused the bundle ({exc.status}): {exc.message} Nothing was imported.") from exc
    # as after a push: a bundle of a big project can be the most a hub ever grows by at once
    service._after_growth(result.accepted)
    return result


def devices_by_id(conn: Conn) -> dict[str, Device]:
    """Enrolled devices by their ids, and by the ids of their later replicas."""
    found = {d.device_id: d for d in (devices.by_device_id(conn, r[0]) for r in
                                      conn.execute("SELECT device_id FROM hub_device WHERE device_id IS NOT NULL"))
             if d is not None and d.device_id}
    by_row = {d.id: d for d in found.values()}
    for replica_id, device in conn.execute("SELECT replica_id, device FROM hub_replica"):
        if device in by_row:
            found.setdefault(str(replica_id), by_row[device])
    return found
