"""Offline bundles: signed, checksummed, rejected whole when damaged, imported once."""

from __future__ import annotations

import base64
import gzip
import hashlib
import json
from pathlib import Path

import pytest
from helpers import data, device, enrolled, hub_data

from fieldapp import demo
from fieldapp.errors import BundleError
from fieldapp.hub import devices
from fieldapp.hub.service import HubService, import_bundle
from fieldapp.store.verify import verify
from fieldapp.sync.bundle import write_bundle
from fieldapp.sync.engine import signing_key, sync
from fieldapp.sync.local import Replica


def _written(service: HubService) -> int:
    with service.db.read() as conn:
        return int(conn.execute("SELECT COUNT(*) FROM hub_change")[0][0])


def test_bundle_imports_once_and_then_syncs_nothing_twice(hub: tuple[HubService, str], tmp_path: Path) -> None:
    service, url = hub
    a, b = device(tmp_path, "a"), device(tmp_path, "b")
    ca, cb = enrolled(service, url, a), enrolled(service, url, b)
    demo.create(a, boreholes=3, seed=2)
    out = tmp_path / "a.bundle"
    count = write_bundle(a.store, out)
    assert count == a.store.count("journal")
    first = import_bundle(service, out.read_bytes())
    assert (first.accepted, first.duplicates) == (count, 0)
    again = import_bundle(service, out.read_bytes())
    assert (again.accepted, again.duplicates) == (0, count)
    report = sync(a.store, ca)  # the device comes online later: nothing is applied twice
    assert (report.pushed, report.duplicates) == (0, count)
    sync(b.store, cb)
    assert data(a) == data(b) == hub_data(service)
    verify(b.store)
    for x in (a, b, ca, cb):
        x.close()


@pytest.mark.parametrize("damage", ["truncated", "payload", "checksum-too", "other-key", "empty"])
def test_damaged_bundle_is_rejected_whole(hub: tuple[HubService, str], tmp_path: Path, damage: str) -> None:
    service, url = hub
    a, other = device(tmp_path, "a"), device(tmp_path, "other")
    ca, co = enrolled(service, url, a), enrolled(service, url, other)
    demo.create(a, boreholes=2, seed=5)
    path = tmp_path / "a.bundle"
    write_bundle(a.store, path)
    raw = path.read_bytes()
    doc = json.loads(raw)
    if damage == "truncated":
        raw = raw[: len(raw) * 2 // 3]
    elif damage == "empty":
        raw = b""
    else:
        body = json.loads(gzip.decompress(base64.b64decode(doc["payload"])))
        body["changes"][3]["fields"] = json.dumps({"remarks": "altered"})
        payload = gzip.compress(json.dumps(body).encode())
        doc["payload"] = base64.b64encode(payload).decode()
        if damage in ("checksum-too", "other-key"):
            doc["sha256"] = hashlib.sha256(payload).hexdigest()
        if damage == "other-key":  # signed by another enrolled device's key
            doc["signature"] = signing_key(Replica(other.store)).sign(payload).hex()
        raw = json.dumps(doc).encode()
    with pytest.raises(BundleError, match=r"truncated|damaged|checksum|signature"):
        import_bundle(service, raw)
    assert _written(service) == 0
    for x in (a, other, ca, co):
        x.close()


def test_bundle_of_a_revoked_device_is_refused(hub: tuple[HubService, str], tmp_path: Path) -> None:
    service, url = hub
    a = device(tmp_path, "a")
    ca = enrolled(service, url, a)
    demo.create(a, boreholes=1, seed=1)
    path = tmp_path / "a.bundle"
    write_bundle(a.store, path)
    devices.revoke(service.db, "a-coordinator")
    with pytest.raises(BundleError, match="revoked"):
        import_bundle(service, path.read_bytes())
    assert _written(service) == 0
    a.close()
    ca.close()


def test_unenrolled_device_cannot_write_a_bundle(tmp_path: Path) -> None:
    a = device(tmp_path, "a")
    with pytest.raises(BundleError, match="not enrolled"):
        write_bundle(a.store, tmp_path / "x.bundle")
    assert not (tmp_path / "x.bundle").exists()
    a.close()


def test_a_big_bundle_tells_how_far_its_import_is(hub: tuple[HubService, str], tmp_path: Path) -> None:
    service, url = hub
    a = device(tmp_path, "a")
    enrolled(service, url, a).close()  # its signing key known to the hub; the bundle goes without the network
    demo.create(a, boreholes=250, seed=2)  # some 10,000 changes: more than one report's worth
    out = tmp_path / "a.bundle"
    count = write_bundle(a.store, out)
    told: list[tuple[int, int]] = []
    result = import_bundle(service, out.read_bytes(), lambda done, total: told.append((done, total)))
    assert result.accepted == count > 5000
    assert told[0] == (0, count) and told[-1] == (count, count) and len(told) >= 3
    assert [d for d, _t in told] == sorted(d for d, _t in told) and {t for _d, t in told} == {count}
    if service.db.dialect == "postgresql":
        # the planner's statistics are refreshed as after a push of as many: it counted what the bundle added
        with service.db.read() as conn:
            rows = int(conn.execute("SELECT COUNT(*) FROM hub_row")[0][0])
            counted = conn.execute("SELECT reltuples FROM pg_class WHERE relname = 'hub_row'")[0][0]
        assert counted == rows > 5000
