"""Issue 17, finding 1: access is judged per object a change touches, not
from the shipment alone; a lab reaches only the shipments addressed to it."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from helpers import device, enrolled, forged
from test_sync_security import written

from fieldapp.errors import SyncAuthError, SyncError
from fieldapp.hub import devices
from fieldapp.hub.service import HubService
from fieldapp.session import Session
from fieldapp.sync.changes import Change
from fieldapp.sync.client import HubClient
from fieldapp.sync.engine import sync


@dataclass
class World:
    service: HubService
    url: str
    coord: Session
    p1: str  # project ids
    p2: str
    jar: str  # container FA-1 of P1, packed in shipment C1 for Eurofins
    c1: str
    s2: str  # shipment of P2 addressed to Eurofins
    sampler: Session
    sampler_client: HubClient
    eurofins: Session
    eurofins_client: HubClient
    synlab: Session
    synlab_client: HubClient


@pytest.fixture
def world(hub: tuple[HubService, str], tmp_path: Path) -> Iterator[World]:
    service, url = hub
    coord = device(tmp_path, "coord")
    coord_client = enrolled(service, url, coord, "coordinator")
    with coord.store.action("two projects") as tx:
        p1 = tx.insert("project", {"code": "P1", "name": "one"})
        p2 = tx.insert("project", {"code": "P2", "name": "two"})
        smp = tx.insert("sample", {"project_id": p1, "code": "M1", "kind": "field_sample", "matrix": "BS"})
        jar = tx.insert("container", {"sample_id": smp, "barcode": "FA-1", "container_type": "Pot"})
        c1 = tx.insert("shipment", {"project_id": p1, "code": "C1", "lab": "Eurofins"})
        tx.insert("shipment_item", {"shipment_id": c1, "container_id": jar})
        s2 = tx.insert("shipment", {"project_id": p2, "code": "C2", "lab": "Eurofins"})
        tx.insert("shipment", {"project_id": p1, "code": "C3", "lab": "SYNLAB"})
    sync(coord.store, coord_client)
    sampler = device(tmp_path, "sampler")
    sampler_client = enrolled(service, url, sampler, "sampler", projects=("P2",))
    eurofins = device(tmp_path, "eurofins")
    eurofins_client = enrolled(service, url, eurofins, "lab", lab="Eurofins")
    synlab = device(tmp_path, "synlab")
    synlab_client = enrolled(service, url, synlab, "lab", lab="SYNLAB")
    for session, client in ((sampler, sampler_client), (eurofins, eurofins_client), (synlab, synlab_client)):
        sync(session.store, client)
    yield World(service, url, coord, p1, p2, jar, c1, s2, sampler, sampler_client, eurofins, eurofins_client,
                synlab, synlab_client)
    for x in (coord, coord_client, sampler, sampler_client, eurofins, eurofins_client, synlab, synlab_client):
        x.close()


def refused(client: HubClient, change: Change, *names: str) -> str:
    with pytest.raises(SyncAuthError, match="403") as caught:
        client.push([change])
    for name in names:
        assert name in str(caught.value), caught.value
    return str(caught.value)


def test_sampler_cannot_pack_or_log_another_projects_container(world: World) -> None:
    w = world
    before = written(w.service)
    # a P2 shipment item that links P1's container: the container is named
    refused(w.sampler_client, forged(w.sampler, "shipment_item", {"shipment_id": w.s2, "container_id": w.jar}),
            "FA-1", "P1")
    refused(w.sampler_client, forged(w.sampler, "custody_event", {
        "shipment_id": w.s2, "container_id": w.jar, "kind": "received", "actor": "x", "at_laptop": "t"}), "FA-1")
    refused(w.sampler_client, forged(w.sampler, "container", {"lab_reference": "stolen"}, op="update",
                                     row_id=w.jar), "FA-1")
    assert written(w.service) == before
    # its own project still syncs
    with w.sampler.store.action("own shipment note") as tx:
        tx.update("shipment", w.s2, {"remarks": "packed on site"})
    assert sync(w.sampler.store, w.sampler_client).pushed == 1


def test_lab_writes_only_on_shipments_addressed_to_it(world: World) -> None:
    w = world
    synlab_shipment = next(r["id"] for r in w.synlab.store.query("SELECT id FROM shipment"))
    before = written(w.service)
    # another lab logs custody of FA-1 through a shipment of its own
    refused(w.synlab_client, forged(w.synlab, "custody_event", {
        "shipment_id": synlab_shipment, "container_id": w.jar, "kind": "received", "actor": "x",
        "at_laptop": "t"}), "FA-1", "SYNLAB")
    refused(w.synlab_client, forged(w.synlab, "custody_event", {
        "shipment_id": w.c1, "kind": "received", "actor": "x", "at_laptop": "t"}), "C1")
    refused(w.synlab_client, forged(w.synlab, "shipment", {"received_by": "x"}, op="update", row_id=w.c1), "C1")
    refused(w.synlab_client, forged(w.synlab, "container", {"lab_reference": "S-1"}, op="update", row_id=w.jar),
            "FA-1")
    assert written(w.service) == before
    # the lab a shipment is addressed to sees it and records its receipt
    assert w.synlab.store.get("container", w.jar) is None and w.synlab.store.get("shipment", w.c1) is None
    assert w.eurofins.store.get("container", w.jar) is not None
    with w.eurofins.store.action("intake") as tx:
        tx.update("container", w.jar, {"lab_reference": "EF-77"})
        tx.insert("custody_event", {"shipment_id": w.c1, "container_id": w.jar, "kind": "received",
                                    "actor": "lab", "at_laptop": "t"})
    assert sync(w.eurofins.store, w.eurofins_client).pushed == 2


def test_grant_and_ungrant(world: World) -> None:
    w = world
    assert w.sampler.store.get("project", w.p1) is None
    devices.grant(w.service.db, "sampler-sampler", "P1")
    sync(w.sampler.store, w.sampler_client)
    assert w.sampler.store.get("container", w.jar) is not None  # granted: pulled
    with w.sampler.store.action("note") as tx:
        tx.update("container", w.jar, {"remarks": "lid cracked"})
    assert sync(w.sampler.store, w.sampler_client).pushed == 1
    devices.ungrant(w.service.db, "sampler-sampler", "P1")
    with w.sampler.store.action("note") as tx:
        tx.update("container", w.jar, {"remarks": "lid taped"})
    with pytest.raises(SyncAuthError, match=r"FA-1.*not granted"):
        sync(w.sampler.store, w.sampler_client)
    with pytest.raises(SyncError, match="not granted project 'P9'"):
        devices.ungrant(w.service.db, "sampler-sampler", "P9")
    with pytest.raises(SyncError, match="lab device"):
        devices.grant(w.service.db, "eurofins-lab", "P1")
    with pytest.raises(SyncError, match="no device named"):
        devices.grant(w.service.db, "nobody", "P1")
