"""The SQLite hub keeps one connection per worker thread (an idle pull opened three): a failed
transaction leaves nothing half-done on it, and the hub still answers after close()."""

from __future__ import annotations

import gc
import threading
from pathlib import Path

import pytest

from fieldapp.hub.db import SqliteHubDB
from fieldapp.hub.service import HubService


def test_a_failed_write_rolls_back_and_the_thread_goes_on_with_a_fresh_connection(tmp_path: Path) -> None:
    service = HubService.open(f"sqlite:///{tmp_path / 'hub.sqlite'}")
    db = service.db
    assert isinstance(db, SqliteHubDB)
    with db.read():
        pass
    kept = db._thread_conn()
    with db.read():
        pass
    assert db._thread_conn() is kept  # reused, not opened again
    with pytest.raises(RuntimeError), db.write() as conn:
        conn.execute("INSERT INTO hub_blob_ref (sha256, project_id) VALUES ('a', 'p')")
        raise RuntimeError("the request failed half-way")
    assert db._thread_conn() is not kept  # the failed one is not reused
    with db.read() as conn:
        assert conn.execute("SELECT COUNT(*) FROM hub_blob_ref") == [(0,)]
    # another thread has its own connection, and sees what this one committed
    with db.write() as conn:
        conn.execute("INSERT INTO hub_blob_ref (sha256, project_id) VALUES ('b', 'p')")
    seen: list[object] = []

    def other() -> None:
        with db.read() as c:
            seen.append(c.execute("SELECT sha256 FROM hub_blob_ref"))
        seen.append(db._thread_conn())

    t = threading.Thread(target=other)
    t.start()
    t.join()
    assert seen[0] == [("b",)] and seen[1] is not db._thread_conn()
    seen.clear()
    gc.collect()
    assert len(db._open) == 1  # the ended thread's connection went with it (the pool's idle workers end)
    service.close()
    with db.read() as conn:  # closed: the next request opens a new connection
        assert conn.execute("SELECT COUNT(*) FROM hub_blob_ref") == [(1,)]
    service.close()
