"""Issue 18: hub step 0006_lean_indexes keeps only the hub_change indexes a
query uses. A hub made before it is upgraded in place, on both stores, and
still serves a lab exactly its shipments, a sampler a project granted later,
and the feed a container packed later."""

from __future__ import annotations

from pathlib import Path

from helpers import device, enrolled

from fieldapp.hub import devices
from fieldapp.hub.schema import migrate
from fieldapp.hub.service import HubService
from fieldapp.sync.engine import sync

OLD_INDEXES = {"hub_change_project", "hub_change_lab", "hub_change_row"}
NEW_INDEXES = {"hub_change_lab", "hub_change_container"}


def _indexes(service: HubService) -> set[str]:
    with service.db.read() as conn:
        if service.db.dialect == "sqlite":
            rows = conn.execute("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'hub_change' "
                                "AND sql IS NOT NULL")
        else:
            rows = conn.execute("SELECT indexname FROM pg_indexes WHERE tablename = 'hub_change'")
    # less the primary key's and the UNIQUE constraint's own
    return {str(r[0]) for r in rows} - {"hub_change_pkey", "hub_change_device_id_device_seq_key"}


def _as_before_the_step(service: HubService) -> None:
    """Put back the indexes of hub steps 0001 and 0002, as a hub made before 0006 has them."""
    with service.db.write() as conn:
        for name in NEW_INDEXES:
            conn.execute(f"DROP INDEX IF EXISTS {name}")
        conn.execute("CREATE INDEX hub_change_project ON hub_change (project_id, pos)")
        conn.execute("CREATE INDEX hub_change_lab ON hub_change (lab, pos)")
        conn.execute("CREATE INDEX hub_change_row ON hub_change (tbl, row_id)")
        conn.execute("DELETE FROM hub_migration WHERE name = '0006_lean_indexes'")


def test_an_upgraded_hub_serves_labs_grants_and_the_feed_as_before(hub: tuple[HubService, str],
                                                                   tmp_path: Path) -> None:
    service, url = hub
    assert _indexes(service) == NEW_INDEXES
    coord = device(tmp_path, "coord")
    coord_client = enrolled(service, url, coord, "coordinator")
    with coord.store.action("two projects") as tx:
        p1 = tx.insert("project", {"code": "P1", "name": "one"})
        p2 = tx.insert("project", {"code": "P2", "name": "two"})
        smp = tx.insert("sample", {"project_id": p1, "code": "M1", "kind": "field_sample", "matrix": "BS"})
        jar = tx.insert("container", {"sample_id": smp, "barcode": "FA-1", "container_type": "Pot"})
        c1 = tx.insert("shipment", {"project_id": p1, "code": "C1", "lab": "Eurofins"})
        tx.insert("shipment", {"project_id": p2, "code": "C2", "lab": "SYNLAB"})
        hole = tx.insert("borehole", {"project_id": p2, "code": "B1", "kind": "boring"})
    sync(coord.store, coord_client)
    _as_before_the_step(service)
    assert _indexes(service) == OLD_INDEXES
    assert migrate(service.db) == ["0006_lean_indexes"]
    assert _indexes(service) == NEW_INDEXES
    # a lab sees its shipment, and the jar once it is packed in it (the feed finds its changes)
    lab = device(tmp_path, "lab")
    lab_client = enrolled(service, url, lab, "lab", lab="Eurofins")
    sync(lab.store, lab_client)
    assert lab.store.get("shipment", c1) is not None and lab.store.get("container", jar) is None
    with coord.store.action("pack") as tx:
        tx.insert("shipment_item", {"shipment_id": c1, "container_id": jar})
    sync(coord.store, coord_client)
    sync(lab.store, lab_client)
    assert lab.store.get("container", jar) is not None
    assert [r["code"] for r in lab.store.query("SELECT code FROM shipment")] == ["C1"]
    # a sampler granted P2 after its changes were logged gets them
    sampler = device(tmp_path, "sampler")
    sampler_client = enrolled(service, url, sampler, "sampler")
    sync(sampler.store, sampler_client)
    assert sampler.store.get("borehole", hole) is None
    devices.grant(service.db, "sampler-sampler", "P2")
    sync(sampler.store, sampler_client)
    assert sampler.store.get("borehole", hole) is not None
    for x in (coord, coord_client, lab, lab_client, sampler, sampler_client):
        x.close()
