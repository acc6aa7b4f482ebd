"""Garbage from the network never crashes the hub: every malformed request to a
real hub on 127.0.0.1 (SQLite and PostgreSQL stores) is refused with a 4xx
naming what is wrong, no traceback in its log, and nothing of its store changed.

The named cases each answered 500 (or, for the lone surrogate, stored a change
no device could pull) before the fix; the hypothesis test throws mutated and
random bodies at every endpoint.
"""

from __future__ import annotations

import base64
import gzip
import hashlib
import json
import logging
from collections.abc import Iterator
from pathlib import Path
from types import SimpleNamespace
from typing import Any, cast

import httpx
import pytest
from helpers import device, enrolled
from hubserver import serve, wipe
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fieldapp.domain import project
from fieldapp.errors import BundleError
from fieldapp.hub import devices
from fieldapp.hub.schema import TABLES
from fieldapp.hub.service import HubService, import_bundle
from fieldapp.sync.bundle import write_bundle
from fieldapp.sync.engine import signing_key, sync
from fieldapp.sync.local import Replica
from fieldapp.sync.protocol import CLOCK_HEADER, SCHEMA_HEADER, SCHEMA_VERSION
from fieldapp.sync.replica import chain_hash

KEY = "ab" * 32


class Hub:
    """A hub with one enrolled coordinator that pushed one project, and a spare enrolment code."""

    def __init__(self, service: HubService, url: str, tmp: Path) -> None:
        self.service, self.url = service, url
        session = device(tmp, "fuzzer")
        client = enrolled(service, url, session)
        proj = project.create(session, code="P1", name="one")
        with session.store.action("hole") as tx:
            self.hole = tx.insert("borehole", {"project_id": proj.id, "code": "B1", "kind": "boring"})
        sync(session.store, client)
        self.change = Replica(session.store).unsent(1, after=0)[0].to_wire()
        self.change.pop("eff")
        self.token, self.device_id = client.token, session.store.device_id
        pushed = Replica(session.store).pushed_upto
        self.held = {"seq": pushed, "hash": chain_hash(session.store, self.device_id, pushed)}  # the hub's record
        self.seq = 1000
        self.code = devices.create_enrolment(service.db, role="sampler", name="spare")
        client.close()
        session.close()

    def headers(self, **more: str) -> dict[str, bytes]:
        sent = {SCHEMA_HEADER: str(SCHEMA_VERSION), "Authorization": f"Bearer {self.token}",
                "Content-Type": "application/json", **more}
        return {k: v.encode("latin-1") for k, v in sent.items()}  # as sent: "²" is one byte

    def edit(self, **over: Any) -> dict[str, Any]:
        """A well-formed update of the borehole, with ``over`` put in."""
        self.seq += 1
        return {**self.change, "device_seq": self.seq, "tbl": "borehole", "row_id": self.hole, "op": "update",
                "fields": json.dumps({"remarks": "fine"}), **over}

    def send(self, method: str, path: str, body: bytes | None = None, **headers: str) -> httpx.Response:
        return httpx.request(method, f"{self.url}{path}", content=body, headers=self.headers(**headers), timeout=60)

    def stored(self) -> dict[str, list[str]]:
        with self.service.db.read() as conn:
            return {t: sorted(map(repr, conn.execute(f"SELECT * FROM {t}"))) for t in (*TABLES, "hub_device")}


class Traces(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.seen: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.seen.append(record.getMessage() + (" (traceback)" if record.exc_info else ""))


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def fuzz_hub(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
             ) -> Iterator[tuple[Hub, Traces]]:
    """One hub per store for the module: a refused request changes nothing, so each test starts from it."""
    tmp = tmp_path_factory.mktemp("fuzz")
    if request.param == "sqlite":
        service = HubService.open(f"sqlite:///{tmp / 'hub.sqlite'}")
    else:
        service = request.getfixturevalue("pg_service")
        wipe(service)
    traces = Traces()
    logger = logging.getLogger("uvicorn.error")
    logger.addHandler(traces)
    try:
        with serve(service) as url:
            yield Hub(service, url, tmp), traces
    finally:
        logger.removeHandler(traces)
        if request.param == "sqlite":
            service.close()


def body(value: object) -> bytes:
    return json.dumps(value).encode()


def surrogate(text: str) -> str:
    """``text`` JSON-encoded with its X replaced by a lone UTF-16 surrogate escape."""
    return json.dumps(text).replace("X", "\\ud800")


# (name, request maker, expected status, a word the answer must name)
CASES: list[tuple[str, Any, int, str]] = [
    ("a device_seq beyond 64 bits", lambda h: h.send("POST", "/v1/push", body({"changes": [h.edit(
        device_seq=2**63)]})), 422, "device_seq"),
    ("a seen beyond 64 bits", lambda h: h.send("POST", "/v1/push", body({"changes": [h.edit(seen=2**70)]})),
     422, "seen"),
    ("fields nested 100,000 deep", lambda h: h.send("POST", "/v1/push", body({"changes": [h.edit(
        fields='{"remarks":' + "[" * 100_000 + "]" * 100_000 + "}")]})), 422, "nested too deeply"),
    ("a lone surrogate in a value", lambda h: h.send("POST", "/v1/push", body({"changes": [h.edit(
        fields='{"remarks":' + surrogate("aXb") + "}")]})), 422, "surrogate"),
    ("a 400-digit latitude", lambda h: h.send("POST", "/v1/push", body({"changes": [h.edit(
        fields='{"lat":' + "9" * 400 + "}")]})), 422, "lat must be a finite number"),
    ("a NUL in the actor", lambda h: h.send("POST", "/v1/push", body({"changes": [h.edit(actor="a\x00b")]})),
     422, "actor holds a NUL"),
    ("a NUL in the row id", lambda h: h.send("POST", "/v1/push", body({"changes": [h.edit(row_id="r\x00")]})),
     422, "row_id holds a NUL"),
    ("a NUL in the head's hash", lambda h: h.send("POST", "/v1/push", body({
        "changes": [h.edit(device_seq=h.held["seq"] + 1)], "base": h.held,
        "head": {"seq": h.held["seq"] + 1, "hash": "\x00"}})), 422, "head.hash"),
    ("a push body that is no UTF-8", lambda h: h.send("POST", "/v1/push", b'{"changes":["\xff\xfe"]}'), 422,
     "malformed"),
    ("a schema header '²'", lambda h: h.send("GET", "/v1/pull", **{SCHEMA_HEADER: "²"}), 426, "schema"),
    ("a schema header of 5000 digits", lambda h: h.send("GET", "/v1/pull", **{SCHEMA_HEADER: "9" * 5000}), 426,
     "schema"),
    ("a pull cursor NaN", lambda h: h.send("POST", "/v1/pull", b'{"cursor": NaN}'), 422, "cursor"),
    ("a pull cursor 1e400", lambda h: h.send("POST", "/v1/pull", b'{"cursor": 1e400}'), 422, "cursor"),
    ("a replica id with a NUL", lambda h: h.send("GET", "/v1/pull?replica=%00"), 422, "replica"),
    ("a replica id with a NUL, posted", lambda h: h.send("POST", "/v1/pull", body({"replica": "\x00"})), 422,
     "replica"),
    ("a conflict id with a NUL", lambda h: h.send("POST", "/v1/conflicts/%00", body({"resolution": "ok"})), 422,
     "conflict_id"),
    ("a resolution with a lone surrogate", lambda h: h.send(
        "POST", "/v1/conflicts/x", ('{"resolution":' + surrogate("X") + "}").encode()), 422, "resolution"),
    ("an enrolment code with a lone surrogate", lambda h: h.send("POST", "/v1/enroll", (
        '{"code":' + surrogate("XABCD") + ',"device_id":"d","public_key":"' + KEY + '"}').encode()), 422, "code"),
    ("an enrolled device id with a NUL", lambda h: h.send("POST", "/v1/enroll", body(
        {"code": h.code, "device_id": "d\x00", "public_key": KEY})), 422, "device_id"),
    ("a public key that is no hex", lambda h: h.send("POST", "/v1/enroll", body(
        {"code": h.code, "device_id": "d2", "public_key": "\x00" * 64})), 422, "hexadecimal"),
]


@pytest.mark.parametrize(("name", "request_", "status", "word"), CASES, ids=[c[0] for c in CASES])
def test_malformed_request_is_refused_by_name_and_stores_nothing(
        fuzz_hub: tuple[Hub, Traces], name: str, request_: Any, status: int, word: str) -> None:
    hub, traces = fuzz_hub
    before = hub.stored()
    answer = request_(hub)
    assert answer.status_code == status, (name, answer.status_code, answer.text[:300])
    detail = answer.json()["detail"]
    assert isinstance(detail, str) and word in detail, (name, detail)
    assert hub.stored() == before
    assert traces.seen == []


@pytest.mark.parametrize("clock", ["9" * 40, "²", "-5", "12.5"])
def test_an_absurd_device_clock_is_ignored_not_a_server_error(fuzz_hub: tuple[Hub, Traces], clock: str) -> None:
    hub, traces = fuzz_hub
    answer = hub.send("POST", "/v1/push", body({"changes": [hub.edit()]}), **{CLOCK_HEADER: clock})
    assert answer.status_code == 200, answer.text[:300]
    assert answer.json()["accepted"] == 1 and answer.json()["clock_offset_ms"] == 0
    assert traces.seen == []


# --- anything at all -----------------------------------------------------------------------------------

_ANY_TEXT = st.text(st.characters(exclude_categories=()), max_size=20)  # surrogates and NUL included
_JUNK = st.recursive(
    st.none() | st.booleans() | st.integers(min_value=-2**70, max_value=2**70) | st.floats() | _ANY_TEXT,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(_ANY_TEXT, inner, max_size=3), max_leaves=8)
_ENDPOINTS = [("POST", "/v1/push"), ("POST", "/v1/pull"), ("POST", "/v1/enroll"), ("POST", "/v1/blobs/lacking"),
              ("POST", "/v1/conflicts/x")]
_CHANGE_KEYS = ("device_id", "device_seq", "hlc", "action_id", "action", "actor", "at", "tbl", "row_id", "op",
                "fields", "seen")


_NAMES = ("cursor", "limit", "replica", "hashes", "code", "device_id", "public_key", "resolution", "changes",
          "base", "head")
# what to send: (method, path, kind, name, junk); kind "change" puts the junk in one field of a good change,
# "field" sends {name: junk}, "whole" the junk alone, "bytes" bytes that need not be JSON
_GARBAGE = st.tuples(st.sampled_from(_ENDPOINTS), st.sampled_from(["change", "field", "whole", "bytes"]),
                     st.sampled_from(_NAMES), st.sampled_from(_CHANGE_KEYS), _JUNK, st.binary(max_size=60))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(drawn=_GARBAGE)
def test_any_garbage_is_a_4xx_and_stores_nothing(fuzz_hub: tuple[Hub, Traces], drawn: tuple[Any, ...]) -> None:
    hub, traces = fuzz_hub
    (method, path), kind, name, key, junk, raw = drawn
    if kind == "change":
        path, content = "/v1/push", body({"changes": [{**hub.edit(), key: junk}]})
    else:
        content = {"field": lambda: body({name: junk}), "whole": lambda: body(junk), "bytes": lambda: raw}[kind]()
    before = hub.stored()
    answer = hub.send(method, path, content)
    assert answer.status_code < 500, (method, path, content[:200], answer.text[:300])
    if answer.status_code >= 400:
        detail = answer.json()["detail"]
        assert isinstance(detail, str) and detail, detail
        assert hub.stored() == before
    assert traces.seen == []


@pytest.mark.parametrize(("key", "junk"), [("device_seq", "5"), ("device_seq", 2**70), ("hlc", None),
                                           ("fields", {"a": 1}), ("actor", "a\x00b")])
def test_a_signed_bundle_of_garbage_is_refused_whole(hub: tuple[HubService, str], tmp_path: Path, key: str,
                                                     junk: object) -> None:
    """A bundle its own (enrolled) device signed, whose changes have the wrong types: refused with a
    BundleError and nothing imported (a TypeError or OverflowError out of `hub import` before)."""
    service, url = hub
    session = device(tmp_path, "offline")
    enrolled(service, url, session).close()
    project.create(session, code="P1", name="one")
    out = tmp_path / "b.fieldapp-bundle"
    write_bundle(session.store, out)
    document = json.loads(out.read_bytes())
    inner = json.loads(gzip.decompress(base64.b64decode(document["payload"])))
    inner["changes"][0][key] = junk
    payload = gzip.compress(json.dumps(inner).encode())
    document.update(payload=base64.b64encode(payload).decode(), sha256=hashlib.sha256(payload).hexdigest(),
                    signature=signing_key(Replica(session.store)).sign(payload).hex())
    before = Hub.stored(cast(Hub, SimpleNamespace(service=service)))
    with pytest.raises(BundleError, match=r"(?i)nothing was imported"):
        import_bundle(service, json.dumps(document).encode())
    assert Hub.stored(cast(Hub, SimpleNamespace(service=service))) == before
    session.close()
