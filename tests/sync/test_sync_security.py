"""The hub refuses what it must, with the right status, and writes nothing."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from helpers import device, enrolled

from fieldapp.domain import project
from fieldapp.errors import SyncVersionError
from fieldapp.hub import devices
from fieldapp.hub.service import HubService
from fieldapp.session import Session
from fieldapp.sync.client import HubClient
from fieldapp.sync.engine import sync
from fieldapp.sync.local import Replica
from fieldapp.sync.protocol import MAX_BODY_BYTES, SCHEMA_HEADER, SCHEMA_VERSION

HEADERS = {SCHEMA_HEADER: str(SCHEMA_VERSION)}


def written(service: HubService) -> tuple[int, int, int]:
    with service.db.read() as conn:
        return tuple(int(conn.execute(f"SELECT COUNT(*) FROM {t}")[0][0])  # type: ignore[return-value]
                     for t in ("hub_change", "hub_row", "hub_conflict"))


@pytest.fixture
def setup(hub: tuple[HubService, str], tmp_path: Path) -> Iterator[tuple[HubService, str, Session, HubClient]]:
    service, url = hub
    session = device(tmp_path, "sampler1")
    client = enrolled(service, url, session, "sampler")
    project.create(session, code="P1", name="one")
    sync(session.store, client)
    yield service, url, session, client
    client.close()
    session.close()


def change(session: Session, **over: object) -> dict[str, object]:
    base = Replica(session.store).unsent(1, after=0)[0].to_wire()
    base.pop("eff")
    base.update({"device_seq": 10_000, **over})
    return base


def post(url: str, token: str | None, body: object, **kw: object) -> httpx.Response:
    headers = dict(HEADERS)
    if token:
        headers["Authorization"] = f"Bearer {token}"
    return httpx.post(f"{url}/v1/push", json=body, headers=headers, timeout=60, **kw)  # type: ignore[arg-type]


def test_no_token_and_unknown_token_are_401(setup: tuple[HubService, str, Session, HubClient]) -> None:
    service, url, session, _client = setup
    before = written(service)
    assert post(url, None, {"changes": [change(session)]}).status_code == 401
    assert post(url, "not-a-token", {"changes": [change(session)]}).status_code == 401
    assert httpx.get(f"{url}/v1/pull", headers=HEADERS).status_code == 401
    assert written(service) == before


def test_revoked_token_is_401(setup: tuple[HubService, str, Session, HubClient]) -> None:
    service, url, session, client = setup
    before = written(service)
    devices.revoke(service.db, "sampler1-sampler")
    response = post(url, client.token, {"changes": [change(session)]})
    assert response.status_code == 401 and "revoked" in response.text
    assert written(service) == before


def test_change_claiming_another_device_is_403(setup: tuple[HubService, str, Session, HubClient]) -> None:
    service, url, session, client = setup
    before = written(service)
    good = change(session, device_seq=20_000)
    forged = change(session, device_id="01900000-0000-7000-8000-000000000000")
    assert post(url, client.token, {"changes": [good, forged]}).status_code == 403
    assert written(service) == before  # the good change of the same request was not written either


def test_wrong_role_is_403(setup: tuple[HubService, str, Session, HubClient], tmp_path: Path) -> None:
    service, url, session, _client = setup
    lab = device(tmp_path, "lab")
    lab_client = enrolled(service, url, lab, "lab", lab="Eurofins")
    other = device(tmp_path, "other")
    other_client = enrolled(service, url, other, "sampler")
    before = written(service)
    with lab.store.action("lab writes a project") as tx:
        tx.insert("project", {"code": "LAB", "name": "not for a lab"})
    with pytest.raises(Exception, match="403"):
        sync(lab.store, lab_client)
    assert httpx.get(f"{url}/v1/conflicts", headers={**HEADERS, "Authorization": f"Bearer {lab_client.token}"}
                     ).status_code == 403
    # a sampler may not edit a project it was not given
    pid = session.store.query("SELECT id FROM project")[0]["id"]
    sync(other.store, other_client)
    assert other.store.get("project", pid) is None  # nor does it read it
    bad = {**change(session), "device_id": other.store.device_id, "device_seq": 1, "op": "update",
           "fields": json.dumps({"name": "taken over"})}
    assert post(url, other_client.token, {"changes": [bad]}).status_code == 403
    assert written(service) == before
    for x in (lab, other, lab_client, other_client):
        x.close()


def test_oversized_and_malformed_bodies(setup: tuple[HubService, str, Session, HubClient]) -> None:
    service, url, session, client = setup
    before = written(service)
    big = {"changes": [change(session, fields=json.dumps({"remarks": "x" * 900_000}))] * 20}
    assert post(url, client.token, big).status_code == 413
    chunks = (b"x" * 1_048_576 for _ in range(MAX_BODY_BYTES // 1_048_576 + 2))
    headers = {**HEADERS, "Authorization": f"Bearer {client.token}", "Content-Type": "application/json"}
    assert httpx.post(f"{url}/v1/push", content=chunks, headers=headers, timeout=60).status_code == 413
    assert httpx.post(f"{url}/v1/push", content=b"{not json", headers=headers, timeout=60).status_code == 422
    for bad in ({"changes": "no"}, {"changes": [{"device_id": 1}]}, [1, 2],
                {"changes": [change(session, op="upsert")]},
                {"changes": [change(session, fields="not json")]},
                {"changes": [change(session, tbl="sqlite_master")]},
                {"changes": [change(session, fields=json.dumps({"no_such_column": 1}))]},
                {"changes": [change(session, fields=json.dumps({"id": "another-row"}))]}):
        assert post(url, client.token, bad).status_code == 422, bad
    with session.store.action("custody") as tx:
        pid = session.store.query("SELECT id FROM project")[0]["id"]
        sid = tx.insert("shipment", {"project_id": pid, "code": "C1", "lab": "L"})
        eid = tx.insert("custody_event", {"shipment_id": sid, "kind": "sealed", "actor": "a", "at_laptop": "t"})
    sync(session.store, client)
    before = written(service)
    edit = change(session, tbl="custody_event", row_id=eid, op="update", fields=json.dumps({"kind": "received"}))
    assert post(url, client.token, {"changes": [edit]}).status_code == 403  # custody is append-only
    assert written(service) == before


def test_old_schema_gets_426_and_keeps_its_changes(setup: tuple[HubService, str, Session, HubClient]) -> None:
    _service, url, session, client = setup
    project.create(session, code="P2", name="two")
    pending = Replica(session.store).pending()
    old = HubClient(url, token=client.token, schema_version=SCHEMA_VERSION - 2)
    with pytest.raises(SyncVersionError, match="Update FieldApp"):
        sync(session.store, old)
    old.close()
    assert Replica(session.store).pending() == pending > 0
    previous = HubClient(url, token=client.token, schema_version=SCHEMA_VERSION - 1)
    assert sync(session.store, previous).pushed == pending  # the previous version is still accepted
    previous.close()
