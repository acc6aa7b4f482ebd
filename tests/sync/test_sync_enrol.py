"""Issue 17, finding 10: enrolment attempts are rate-limited per client
address and per code (429 with Retry-After), over real HTTP."""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest
from helpers import device

from fieldapp.errors import SyncAuthError, SyncError
from fieldapp.hub import devices
from fieldapp.hub.limits import ENROL_PER_ADDRESS, ENROL_PER_CODE
from fieldapp.hub.service import HubService
from fieldapp.sync.client import HubClient
from fieldapp.sync.engine import enroll
from fieldapp.sync.protocol import SCHEMA_HEADER, SCHEMA_VERSION

KEY = "ab" * 32


def attempt(url: str, code: str, device_id: str = "dev-1") -> httpx.Response:
    return httpx.post(f"{url}/v1/enroll", json={"code": code, "device_id": device_id, "public_key": KEY},
                      headers={SCHEMA_HEADER: str(SCHEMA_VERSION)}, timeout=60)


def test_one_code_tried_too_often_is_429(hub: tuple[HubService, str]) -> None:
    _service, url = hub
    for _ in range(ENROL_PER_CODE.attempts):
        assert attempt(url, "AAAA-BBBB-CCCC").status_code == 401
    refused = attempt(url, "aaaa bbbb cccc")  # the same code as typed differently
    assert refused.status_code == 429
    assert 0 < int(refused.headers["Retry-After"]) <= ENROL_PER_CODE.window_s
    assert "Too many failed enrolment attempts with this code" in refused.json()["detail"]
    assert attempt(url, "AAAA-BBBB-DDDD").status_code == 401  # another code is judged on its own


def test_guessing_from_one_address_is_429_even_for_a_good_code(hub: tuple[HubService, str],
                                                               tmp_path: Path) -> None:
    service, url = hub
    for n in range(ENROL_PER_ADDRESS.attempts):
        assert attempt(url, f"GUES-S{n:03d}-XXXX").status_code == 401
    good = devices.create_enrolment(service.db, role="coordinator", name="late")
    refused = attempt(url, good)
    assert refused.status_code == 429 and int(refused.headers["Retry-After"]) > 0
    assert "from 127.0.0.1" in refused.json()["detail"]
    session = device(tmp_path, "late")
    with HubClient(url) as client, pytest.raises(SyncError, match="Too many failed enrolment attempts") as caught:
        enroll(session.store, client, good)
    assert not isinstance(caught.value, SyncAuthError)  # not "the code is wrong": wait and try again
    with service.db.read() as conn:  # nothing was enrolled
        assert conn.execute("SELECT device_id FROM hub_device WHERE name = 'late'")[0][0] is None
    session.close()
