"""What a device's sync status bar shows: pending changes, last sync, state.

Kept apart from the client so that reading it imports no HTTP or crypto
library (httpx and cryptography take ~100 ms to import, and the window shows
its status bar at start and after every save).
"""

from __future__ import annotations

from dataclasses import dataclass

from fieldapp.store.database import Store
from fieldapp.sync.local import Replica


@dataclass(frozen=True)
class SyncStatus:
    state: str  # 'not enrolled', 'idle', 'syncing', 'offline', 'error'
    pending: int
    last_sync_at: str
    message: str = ""
    clock_warning: bool = False


def status(store: Store, state: str = "idle", message: str = "") -> SyncStatus:
    """Cheap to call often: the pending count is an index range, not a scan."""
    replica = Replica(store)
    if not replica.get("token"):
        state = "not enrolled"
    return SyncStatus(state, replica.pending(), replica.get("last_sync_at"), message,
                      bool(replica.get("clock_flag")))
