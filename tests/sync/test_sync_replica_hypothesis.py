"""Sync with backups, restores and copies of device databases among the
operations converges with no edit lost (issue 17, done-when).

Hypothesis drives laptops against one real hub on 127.0.0.1 (SQLite store):
an edit (a new borehole, or a new remark on one the laptop holds) on laptop
i, a sync of laptop i, a backup of laptop i's file, a restore of an earlier
backup over it (in place, as `cp` does), and a copy of laptop i's file to a
new laptop. The only edits allowed to vanish are those a restore overwrote
before they were ever synced (the user threw them away). At the end, after
every laptop syncs twice, every other edit is on the hub and every laptop
holds exactly the hub's data, and every laptop's file verifies.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from tempfile import mkdtemp

import pytest
from helpers import data, hub_data
from hubserver import serve, wipe
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import Bundle, RuleBasedStateMachine, initialize, rule, run_state_machine_as_test

from fieldapp.domain import borehole, project
from fieldapp.hub import devices
from fieldapp.hub.service import HubService
from fieldapp.session import Session
from fieldapp.settings import Settings
from fieldapp.store.verify import verify
from fieldapp.sync.client import HubClient
from fieldapp.sync.engine import enroll, sync

MAX_LAPTOPS = 4


@dataclass(frozen=True)
class Edit:
    kind: str  # 'insert' (a borehole id) or 'remark' (a remark text)
    value: str


@dataclass
class Laptop:
    path: Path
    unsynced: set[Edit] = field(default_factory=set)  # own edits in the file the hub has not seen


@dataclass
class Backup:
    laptop: int
    path: Path
    unsynced: set[Edit]


class Hub:
    service: HubService
    url: str


@pytest.fixture(scope="module")
def hub_on_loopback(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Hub]:
    hub = Hub()
    hub.service = HubService.open(f"sqlite:///{tmp_path_factory.mktemp('hub') / 'hub.sqlite'}")
    with serve(hub.service) as url:
        hub.url = url
        yield hub
    hub.service.close()


class Replicas(RuleBasedStateMachine):
    hub: Hub
    backups = Bundle("backups")

    def __init__(self) -> None:
        super().__init__()
        self.dir = Path(mkdtemp(prefix="replicas-"))
        self.laptops: list[Laptop] = []
        self.kept: set[Edit] = set()  # edits that must survive
        self.count = 0

    def _open(self, i: int) -> Session:
        return Session.open(self.laptops[i].path, settings=Settings(user=f"laptop{i}"))

    @initialize()
    def two_enrolled_laptops(self) -> None:
        wipe(self.hub.service)
        for i in range(2):
            self.laptops.append(Laptop(self.dir / f"laptop{i}.sqlite"))
            code = devices.create_enrolment(self.hub.service.db, role="coordinator", name=f"laptop{i}")
            with self._open(i) as session, HubClient(self.hub.url) as client:
                enroll(session.store, client, code)
                if i == 0:
                    self.project = project.create(session, code="P1", name="replicas").id
                sync(session.store, client)
        with self._open(1) as session, HubClient(self.hub.url) as client:
            sync(session.store, client)  # laptop 1 holds the project too

    def _laptop(self, n: int) -> int:
        return n % len(self.laptops)

    @rule(n=st.integers(0, 9), remark=st.booleans())
    def edit(self, n: int, remark: bool) -> None:
        i = self._laptop(n)
        self.count += 1
        with self._open(i) as session:
            holes = session.store.query("SELECT id FROM borehole ORDER BY id")
            if remark and holes:
                text = f"remark {self.count}"
                with session.store.action("remark") as tx:
                    tx.update("borehole", holes[self.count % len(holes)]["id"], {"remarks": text})
                self.laptops[i].unsynced.add(Edit("remark", text))
            else:
                hole = borehole.create(session, self.project, code=f"H{self.count}")
                self.laptops[i].unsynced.add(Edit("insert", hole.id))

    @rule(n=st.integers(0, 9))
    def sync_laptop(self, n: int) -> None:
        i = self._laptop(n)
        with self._open(i) as session, HubClient(self.hub.url) as client:
            sync(session.store, client)
        self.kept |= self.laptops[i].unsynced
        self.laptops[i].unsynced = set()

    @rule(target=backups, n=st.integers(0, 9))
    def back_up(self, n: int) -> Backup:
        i = self._laptop(n)
        self.count += 1
        copy = self.dir / f"backup{self.count}.sqlite"
        shutil.copy(self.laptops[i].path, copy)  # the file is closed between operations, as after a day's work
        return Backup(i, copy, set(self.laptops[i].unsynced))

    @rule(backup=backups)
    def restore(self, backup: Backup) -> None:
        laptop = self.laptops[backup.laptop]
        shutil.copy(backup.path, laptop.path)  # in place: the same file gets the old bytes
        # edits made since that backup and never synced were thrown away by the user
        laptop.unsynced = set(backup.unsynced)

    @rule(n=st.integers(0, 9))
    def copy_to_new_laptop(self, n: int) -> None:
        if len(self.laptops) >= MAX_LAPTOPS:
            return
        i = self._laptop(n)
        path = self.dir / f"laptop{len(self.laptops)}.sqlite"
        shutil.copy(self.laptops[i].path, path)
        self.laptops.append(Laptop(path, set(self.laptops[i].unsynced)))

    def teardown(self) -> None:
        try:
            if not self.laptops:
                return
            for _ in range(2):
                for i in range(len(self.laptops)):
                    self.sync_laptop(i)
            on_hub = hub_data(self.hub.service)
            remarks = {json.loads(r[0]).get("remarks") for r in self._hub_fields()}
            for edit in self.kept:
                if edit.kind == "insert":
                    assert ("borehole", edit.value) in on_hub, f"borehole {edit.value} never reached the hub"
                else:
                    assert edit.value in remarks, f"{edit.value!r} never reached the hub"
            for i in range(len(self.laptops)):
                with self._open(i) as session:
                    assert data(session) == on_hub, f"laptop {i} differs from the hub"
                    verify(session.store)
        finally:
            shutil.rmtree(self.dir, ignore_errors=True)

    def _hub_fields(self) -> list[tuple[str]]:
        with self.hub.service.db.read() as conn:
            return [(str(r[0]),) for r in conn.execute(
                "SELECT fields FROM hub_change WHERE tbl = 'borehole' AND op = 'update'")]


def test_sync_with_restores_and_copies_converges_losing_nothing(hub_on_loopback: Hub) -> None:
    Replicas.hub = hub_on_loopback
    run_state_machine_as_test(Replicas, settings=settings(
        max_examples=15, stateful_step_count=16, deadline=None, derandomize=True, database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much]))
