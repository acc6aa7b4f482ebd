"""PostgreSQL: 8 devices push at once through two hub processes' worth of
servers while other devices pull; no pull ever skips a change."""

from __future__ import annotations

import threading
from pathlib import Path

from helpers import data, device, enrolled, hub_data
from hubserver import serve, wipe

from fieldapp import demo
from fieldapp.hub.service import HubService
from fieldapp.store.verify import verify
from fieldapp.sync.client import HubClient
from fieldapp.sync.engine import sync

PUSHERS = 8
PULLERS = 3


def test_concurrent_pushes_never_make_a_pull_skip(pg_service: HubService, pg_url: str, tmp_path: Path) -> None:
    wipe(pg_service)
    second = HubService.open(pg_url)  # another hub process's view of the same database
    with serve(pg_service) as url_a, serve(second) as url_b:
        pushers = [device(tmp_path, f"push{i}") for i in range(PUSHERS)]
        clients = [enrolled(pg_service, url_a if i % 2 else url_b, s) for i, s in enumerate(pushers)]
        for i, s in enumerate(pushers):
            demo.create(s, boreholes=3, seed=i, project_code=f"P{i}")
        readers = [device(tmp_path, f"pull{i}") for i in range(PULLERS)]
        reader_clients = [enrolled(pg_service, url_a if i % 2 else url_b, s) for i, s in enumerate(readers)]
        streams: list[list[tuple[str, int]]] = [[] for _ in range(PULLERS)]
        done = threading.Event()
        errors: list[BaseException] = []

        def push(i: int) -> None:
            try:
                sync(pushers[i].store, clients[i], push_batch=7, pull_batch=50)
            except BaseException as exc:
                errors.append(exc)

        def pull(i: int, client: HubClient) -> None:
            cursor = 0
            try:
                while True:
                    finished = done.is_set()  # read before the pull: the last round sees every commit
                    answer = client.pull(cursor, 40)
                    streams[i].extend((c["device_id"], c["device_seq"]) for c in answer["changes"])
                    cursor = answer["cursor"]
                    if finished and not answer["more"]:
                        return
            except BaseException as exc:
                errors.append(exc)

        raw = [HubClient(url_a if i % 2 else url_b, token=c.token) for i, c in enumerate(reader_clients)]
        threads = [threading.Thread(target=pull, args=(i, raw[i])) for i in range(PULLERS)]
        threads += [threading.Thread(target=push, args=(i,)) for i in range(PUSHERS)]
        for t in threads:
            t.start()
        for t in threads[PULLERS:]:
            t.join()
        done.set()
        for t in threads[:PULLERS]:
            t.join()
        assert not errors, errors
        logged = sorted(pg_service.change_ids())
        own = [s.store.conn.execute("SELECT COUNT(*) FROM journal_entry WHERE device_id = ?", (s.store.device_id,)
                                    ).fetchone()[0] for s in pushers]
        assert len(logged) == sum(own)
        for stream in streams:
            assert len(stream) == len(set(stream))  # nothing twice
            assert sorted(stream) == logged  # and nothing skipped
        for s, c in zip(readers, reader_clients, strict=True):
            sync(s.store, c)
            assert data(s) == hub_data(pg_service)
            verify(s.store)
        for x in (*pushers, *clients, *readers, *reader_clients, *raw):
            x.close()
    second.close()
