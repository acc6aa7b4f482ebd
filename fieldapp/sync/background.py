"""Sync in the background, and the figures the GUI's status bar shows.

The GUI (ui/) turns :class:`BackgroundSync`'s callbacks into Qt signals; this
module knows nothing of Qt. The worker opens its own connection to the
device file, so the GUI's writes and the sync's writes are separate SQLite
transactions on separate connections, as WAL mode allows.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

from fieldapp.errors import FieldAppError, HubUnreachableError
from fieldapp.store.database import Store
from fieldapp.sync.client import HubClient
from fieldapp.sync.engine import SyncReport, sync
from fieldapp.sync.local import Replica
from fieldapp.sync.status import SyncStatus, status


class BackgroundSync:
    """Sync ``db_path`` with its hub every ``interval_s`` and on :meth:`sync_now`."""

    def __init__(self, db_path: Path, *, interval_s: float = 60.0,
                 on_status: Callable[[SyncStatus], None] | None = None,
                 on_progress: Callable[[str, int], None] | None = None,
                 client: Callable[[str, str], HubClient] | None = None) -> None:
        self.db_path = db_path
        self.interval_s = interval_s
        self.on_status = on_status or (lambda _s: None)
        self.on_progress = on_progress
        self.make_client = client or (lambda url, token: HubClient(url, token=token))
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self.last_report: SyncReport | None = None

    def start(self) -> None:
        if self._thread is None:
            self._thread = threading.Thread(target=self._run, name="fieldapp-sync", daemon=True)
            self._thread.start()

    def sync_now(self) -> None:
        self._wake.set()

    def stop(self, timeout: float = 30.0) -> None:
        self._stop.set()
        self._wake.set()
        if self._thread is not None:
            self._thread.join(timeout)
            self._thread = None

    def _run(self) -> None:
        with Store.open(self.db_path, actor="sync") as store:
            while not self._stop.is_set():
                self.on_status(self._once(store))
                self._wake.wait(self.interval_s)
                self._wake.clear()

    def _once(self, store: Store) -> SyncStatus:
        replica = Replica(store)
        url, token = replica.get("hub_url"), replica.get("token")
        if not url or not token:
            return status(store)
        self.on_status(status(store, "syncing"))
        client = self.make_client(url, token)
        try:
            self.last_report = sync(store, client, progress=self.on_progress)
        except HubUnreachableError as exc:
            return status(store, "offline", exc.message)
        except FieldAppError as exc:
            return status(store, "error", str(exc))
        finally:
            client.close()
        return status(store, "idle", self.last_report.summary())
