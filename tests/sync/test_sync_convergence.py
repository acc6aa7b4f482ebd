"""Convergence: 3 devices edit offline and sync in random order through a real
hub, with faults on the wire and devices killed mid-pull. After a final full
sync every replica and the hub hold the same data, each change id is applied
exactly once, no deleted row comes back, no overwritten value is lost
silently, and every custody event is everywhere."""

from __future__ import annotations

import json
import shutil
import tempfile
from pathlib import Path
from typing import Any

import pytest
from faults import FaultyTransport
from helpers import hub_data
from hubserver import wipe
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, rule, run_state_machine_as_test

from fieldapp.errors import HubUnreachableError
from fieldapp.hub import devices
from fieldapp.hub.service import HubService
from fieldapp.hub.unique import HUB_AUTHOR
from fieldapp.store import Store, journal
from fieldapp.store.migrations import DOMAIN_TABLES
from fieldapp.store.verify import verify
from fieldapp.sync.client import HubClient
from fieldapp.sync.engine import enroll, sync

N = 3
FIELDS = ("remarks", "technique", "sampler")
VALUES = ("x", "y", "z")
FAULTS = ("none", "drop", "lost", "dup", "kill")


class Killed(Exception):
    """The device process died (injected); its open transaction is lost."""


def _rows(store: Store) -> dict[tuple[str, str], dict[str, Any]]:
    out = {}
    for table in DOMAIN_TABLES:
        for row in store.query(f"SELECT * FROM {table}"):
            out[(table, str(row["id"]))] = {k: v for k, v in row.items() if v is not None}
    return out


def machine(service: HubService, url: str) -> type[RuleBasedStateMachine]:
    class Sync(RuleBasedStateMachine):
        def __init__(self) -> None:
            super().__init__()
            wipe(service)
            self.tmp = Path(tempfile.mkdtemp(prefix="fieldapp-conv-"))
            self.paths = [self.tmp / f"d{i}.sqlite" for i in range(N)]
            self.stores = [Store.open(p, actor=f"d{i}") for i, p in enumerate(self.paths)]
            self.wires = [FaultyTransport() for _ in range(N)]
            self.clients = [HubClient(url, transport=w) for w in self.wires]
            for i, store in enumerate(self.stores):
                code = devices.create_enrolment(service.db, role="coordinator", name=f"d{i}")
                enroll(store, self.clients[i], code)
            self.deleted: set[str] = set()
            self.knowingly: set[tuple[str, str, str]] = set()  # (row, field, value) overwritten by one who saw it
            self.made = 0

        @initialize()
        def project(self) -> None:
            with self.stores[0].action("setup") as tx:
                self.project_id = tx.insert("project", {"code": "P", "name": "convergence"})
                self.shipment_id = tx.insert("shipment", {"project_id": self.project_id, "code": "C1", "lab": "L"})
                for n in range(3):  # rows every device holds, so that edits meet
                    tx.insert("borehole", {"project_id": self.project_id, "code": f"S{n}", "kind": "boring"})
            for i in (0, 1, 2):
                sync(self.stores[i], self.clients[i])

        def _live(self, i: int) -> list[str]:
            return [r["id"] for r in self.stores[i].query("SELECT id FROM borehole ORDER BY id")]

        def _note_known(self, i: int, row_id: str, fields: tuple[str, ...]) -> None:
            # what this device overwrites now, it overwrites having seen it
            for _op, text in journal.history(self.stores[i].conn, "borehole", row_id):
                for name, value in json.loads(text).items():
                    if name in fields:
                        self.knowingly.add((row_id, name, value))

        @rule(i=st.integers(0, N - 1))
        def create(self, i: int) -> None:
            self.made += 1
            with self.stores[i].action("create") as tx:
                tx.insert("borehole", {"project_id": self.project_id, "code": f"B{i}-{self.made}", "kind": "boring"})

        @rule(i=st.integers(0, N - 1))
        def create_shared_code(self, i: int) -> None:
            # devices offline give one code to different rows: the hub renames the later one
            if not self.stores[i].query("SELECT 1 FROM borehole WHERE code = 'DUP'"):
                with self.stores[i].action("create DUP") as tx:
                    tx.insert("borehole", {"project_id": self.project_id, "code": "DUP", "kind": "boring"})

        @rule(i=st.integers(0, N - 1), pick=st.integers(0, 3), name=st.sampled_from(FIELDS),
              value=st.sampled_from(VALUES))
        def edit(self, i: int, pick: int, name: str, value: str) -> None:
            live = self._live(i)
            if live:
                row_id = live[pick % len(live)]
                self._note_known(i, row_id, (name,))
                with self.stores[i].action("edit") as tx:
                    tx.update("borehole", row_id, {name: value})

        @rule(i=st.integers(0, N - 1), pick=st.integers(0, 3))
        def delete(self, i: int, pick: int) -> None:
            live = self._live(i)
            if live:
                row_id = live[pick % len(live)]
                self._note_known(i, row_id, FIELDS)
                with self.stores[i].action("delete") as tx:
                    # as the GUI does: the layers it holds go with the borehole; a layer another
                    # device adds meanwhile stays, an orphan everyone keeps (and nobody loses)
                    for layer in tx.query("SELECT id FROM layer WHERE borehole_id = ?", (row_id,)):
                        tx.delete("layer", layer["id"])
                        self.deleted.add(layer["id"])
                    tx.delete("borehole", row_id)
                self.deleted.add(row_id)

        @rule(i=st.integers(0, N - 1), pick=st.integers(0, 3))
        def add_layer(self, i: int, pick: int) -> None:
            live = self._live(i)
            if live:
                row_id = live[pick % len(live)]
                self.made += 1
                with self.stores[i].action("layer") as tx:
                    tx.insert("layer", {"borehole_id": row_id, "upper_cm": self.made, "lower_cm": self.made + 1,
                                        "soil_code": "Zs1"})

        @rule(i=st.integers(0, N - 1), kind=st.sampled_from(("received", "rejected", "sealed")))
        def custody(self, i: int, kind: str) -> None:
            with self.stores[i].action("custody") as tx:
                tx.insert("custody_event", {"shipment_id": self.shipment_id, "kind": kind, "actor": f"d{i}",
                                            "at_laptop": "2026-09-14T10:00:00Z"})

        @rule(i=st.integers(0, N - 1), fault=st.sampled_from(FAULTS), at=st.integers(0, 3))
        def sync_with_fault(self, i: int, fault: str, at: int) -> None:
            store, calls = self.stores[i], [0]

            def die(_change: object) -> None:
                calls[0] += 1
                if calls[0] > at:
                    raise Killed

            self.wires[i].plan(fault if fault in ("drop", "lost", "dup") else "", at)
            try:
                sync(store, self.clients[i], push_batch=3, pull_batch=4, on_apply=die if fault == "kill" else None)
            except (HubUnreachableError, Killed):
                # the process restarts: reopen the database as a new process would
                store.close()
                self.stores[i] = Store.open(self.paths[i], actor=f"d{i}")
            self.wires[i].plan("", 0)

        @invariant()
        def chains_hold(self) -> None:
            for store in self.stores:
                verify(store)

        def teardown(self) -> None:
            try:
                self.final_check()
            finally:
                for store in self.stores:
                    store.close()
                for client in self.clients:
                    client.close()
                shutil.rmtree(self.tmp, ignore_errors=True)

        def final_check(self) -> None:
            for _ in range(2):
                for i in range(N):
                    sync(self.stores[i], self.clients[i])
            hub = hub_data(service)
            replicas = [_rows(s) for s in self.stores]
            for data in replicas:
                assert data == hub
            logged = service.change_ids()
            assert len(logged) == len(set(logged))
            for store in self.stores:
                verify(store)
                ids = store.conn.execute("SELECT device_id, device_seq FROM journal_entry").fetchall()
                assert sorted(ids) == sorted(logged)  # every change exactly once, everywhere
            for row_id in self.deleted:
                assert ("borehole", row_id) not in hub and ("layer", row_id) not in hub
            events = {r["id"] for s in self.stores for r in s.query("SELECT id FROM custody_event")}
            assert {k[1] for k in hub if k[0] == "custody_event"} == events
            self.check_no_silent_loss(hub)

        def check_no_silent_loss(self, hub: dict[tuple[str, str], dict[str, Any]]) -> None:
            with service.db.read() as conn:
                changes = conn.execute("SELECT row_id, fields, device_id FROM hub_change "
                                       "WHERE tbl = 'borehole' AND op = 'update'")
                conflicts = {(r[0], r[1], json.loads(r[2])) for r in conn.execute(
                    "SELECT row_id, field, value FROM hub_conflict")}
            for row_id, text, author in changes:
                final = hub.get(("borehole", row_id))
                if final is None and author == HUB_AUTHOR:
                    # the hub's own rename of a duplicate code, on a row a sampler deleted
                    # afterwards: nobody typed that value, and the row is gone by decision
                    continue
                for name, value in json.loads(text).items():
                    if final is not None and final.get(name) == value:
                        continue
                    key = (row_id, name, value)
                    assert key in self.knowingly or key in conflicts, f"{key} was overwritten silently"

    return Sync


@pytest.mark.slow
def test_replicas_converge_under_faults(hub: tuple[HubService, str]) -> None:
    service, url = hub
    run_state_machine_as_test(machine(service, url), settings=settings(
        max_examples=15, stateful_step_count=30, deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture]))
