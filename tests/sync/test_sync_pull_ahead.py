"""Issue 18, item 4: a pull asks for the next batch while it applies this one
(fieldapp.sync.ahead), on both hub stores.

The next batch is on its way while the device applies the one before; when
that request is dropped, or its answer lost after the hub served it, the
sync stops with the batches before it kept, and the next sync brings the
rest: every change once, the data the author has, and `verify` passes.
"""

from __future__ import annotations

import threading
from pathlib import Path

import httpx
import pytest
from faults import FaultyTransport
from helpers import data, device, enrolled

from fieldapp import demo
from fieldapp.errors import HubUnreachableError
from fieldapp.hub.service import HubService
from fieldapp.session import Session
from fieldapp.store.verify import verify
from fieldapp.sync.engine import sync

BATCH = 40


class _Watched(httpx.HTTPTransport):
    """Real HTTP; notes each pull request as it goes out."""

    def __init__(self) -> None:
        super().__init__()
        self.pulls = 0
        self.second_pull = threading.Event()

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        if request.url.path == "/v1/pull":
            self.pulls += 1
            if self.pulls >= 2:
                self.second_pull.set()
        return super().handle_request(request)


def _entries(session: Session, author: Session) -> list[tuple[object, ...]]:
    """The entries of ``author``'s changes that ``session`` holds."""
    return session.store.conn.execute("SELECT device_id, device_seq FROM journal_entry WHERE device_id = ? "
                                      "ORDER BY seq", (author.store.device_id,)).fetchall()


def test_the_next_batch_is_asked_for_while_this_one_is_applied(hub: tuple[HubService, str],
                                                             tmp_path: Path) -> None:
    service, url = hub
    a, b = device(tmp_path, "a"), device(tmp_path, "b")
    ca = enrolled(service, url, a)
    wire = _Watched()
    cb = enrolled(service, url, b, transport=wire)
    demo.create(a, boreholes=6, seed=3)
    pushed = sync(a.store, ca).pushed
    assert pushed > 3 * BATCH
    seen_while_applying: list[bool] = []

    def applying(_change: object) -> None:
        if not seen_while_applying:  # the first change of the first batch: the second is asked for meanwhile
            seen_while_applying.append(wire.second_pull.wait(timeout=60))

    got = sync(b.store, cb, pull_batch=BATCH, on_apply=applying)
    assert seen_while_applying == [True]
    assert got.pulled == pushed
    assert data(b) == data(a)
    verify(b.store)
    for x in (a, b, ca, cb):
        x.close()


@pytest.mark.parametrize("fault", ["drop", "lost"])
def test_a_pull_cut_off_at_a_batch_asked_ahead_resumes_without_loss_or_duplicates(
        hub: tuple[HubService, str], tmp_path: Path, fault: str) -> None:
    service, url = hub
    a, b = device(tmp_path, "a"), device(tmp_path, "b")
    ca = enrolled(service, url, a)
    wire = FaultyTransport()
    cb = enrolled(service, url, b, transport=wire)
    demo.create(a, boreholes=6, seed=4)
    pushed = sync(a.store, ca).pushed
    # requests of b's sync: its push (nothing to send, no request), then pulls 0, 1, 2, ...: the
    # fourth pull was asked for while the third batch was applied
    wire.plan(fault, 3)
    with pytest.raises(HubUnreachableError):
        sync(b.store, cb, pull_batch=BATCH)
    kept = _entries(b, a)
    assert 0 < len(kept) < pushed  # the batches before the cut are kept
    again = sync(b.store, cb, pull_batch=BATCH)
    assert again.pulled == pushed - len(kept)
    entries = _entries(b, a)
    assert len(entries) == len(set(entries)) == pushed  # every change once
    assert data(b) == data(a)
    verify(b.store)
    for x in (a, b, ca, cb):
        x.close()
