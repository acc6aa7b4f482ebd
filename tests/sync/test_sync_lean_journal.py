"""A device whose journal was converted by 0013_lean_journal syncs through a
real hub: the hub's copy of its changes arrives whole on another device, both
verify, and edits to rows whose text lives in the row travel both ways."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from helpers import data, device, enrolled, hub_data

from fieldapp.domain import layer
from fieldapp.hub.service import HubService
from fieldapp.store import Store
from fieldapp.store.verify import verify
from fieldapp.sync.engine import sync
from fieldapp.sync.replica import chain_hash

# a 6-borehole demo written by main at step 0012, before the lean journal (tests/data/db/make_schema_0012.py)
BEFORE_STEP = Path(__file__).parents[1] / "data" / "db" / "schema-0012.sqlite"


@pytest.mark.parametrize("hub", ["sqlite"], indirect=True)
def test_a_converted_device_syncs_and_every_copy_verifies(hub: tuple[HubService, str], tmp_path: Path) -> None:
    service, url = hub
    path = tmp_path / "a.sqlite"
    shutil.copy(BEFORE_STEP, path)  # today's demo also writes tables of later steps (staff, wells, photos)
    with Store.open(path, actor="a", upto="0012_lab_order", read_only=True) as old:
        assert old.legacy
    a, b = device(tmp_path, "a"), device(tmp_path, "b")  # a: converted on opening
    assert not a.store.legacy
    first_layer = a.store.query("SELECT id FROM layer ORDER BY id LIMIT 1")[0]["id"]
    layer.update(a, first_layer, colour="grijs")  # a lean entry after the converted ones
    ca, cb = enrolled(service, url, a), enrolled(service, url, b)
    pushed = sync(a.store, ca)
    assert pushed.pushed == a.store.count("journal") and pushed.pending == 0
    # the hub's record of the replica names the converted chain's hash
    with service.db.read() as conn:
        [(seq, head)] = conn.execute("SELECT seq, hash FROM hub_replica WHERE replica_id = ?", (a.store.device_id,))
    assert chain_hash(a.store, a.store.device_id, int(seq)) == head and int(seq) == pushed.pushed
    got = sync(b.store, cb)
    assert got.pulled == pushed.pushed
    assert data(b) == data(a) == hub_data(service)
    # b edits a row a inserted (its text is b's row) and a takes the edit (its text was a's converted entry)
    layer.update(b, first_layer, colour="bruin")
    other = b.store.query("SELECT id FROM layer ORDER BY id DESC LIMIT 1")[0]["id"]
    layer.update(b, other, colour="zwart")
    sync(b.store, cb)
    sync(a.store, ca)
    assert data(a) == data(b) == hub_data(service)
    for s in (a, b):
        verify(s.store)
        s.close()
    ca.close()
    cb.close()
