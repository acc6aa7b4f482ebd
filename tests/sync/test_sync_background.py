"""Background sync: the status the GUI shows, and sync whenever the hub answers."""

from __future__ import annotations

import queue
from pathlib import Path

from helpers import device, enrolled

from fieldapp.domain import project
from fieldapp.hub.service import HubService
from fieldapp.sync.background import BackgroundSync, SyncStatus, status
from fieldapp.sync.local import Replica


def test_background_sync_reports_status_and_empties_the_queue(hub: tuple[HubService, str], tmp_path: Path) -> None:
    service, url = hub
    a = device(tmp_path, "a")
    assert status(a.store).state == "not enrolled"
    client = enrolled(service, url, a)
    Replica(a.store).put_committed(hub_url=url)
    project.create(a, code="P1", name="one")
    assert status(a.store).pending == 1
    seen: queue.Queue[SyncStatus] = queue.Queue()
    worker = BackgroundSync(a.store.path, interval_s=3600, on_status=seen.put)
    worker.start()
    states = []
    while not states or states[-1].state != "idle":
        states.append(seen.get(timeout=60))
    assert states[0].state == "syncing" and states[-1].pending == 0 and states[-1].last_sync_at
    project.create(a, code="P2", name="two")
    worker.sync_now()
    while (s := seen.get(timeout=60)).state != "idle":
        pass
    assert s.pending == 0 and len(service.change_ids()) == 2
    worker.stop()
    client.close()
    a.close()


def test_unreachable_hub_is_offline_not_an_error(tmp_path: Path) -> None:
    a = device(tmp_path, "a")
    Replica(a.store).put_committed(hub_url="http://127.0.0.1:9", token="t")
    seen: queue.Queue[SyncStatus] = queue.Queue()
    worker = BackgroundSync(a.store.path, interval_s=3600, on_status=seen.put)
    worker.start()
    while (s := seen.get(timeout=60)).state == "syncing":
        pass
    worker.stop()
    assert s.state == "offline"
    a.close()
