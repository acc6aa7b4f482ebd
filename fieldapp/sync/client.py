"""The device's HTTP client of the hub (httpx)."""

from __future__ import annotations

import time
from collections.abc import Sequence
from typing import Any, NoReturn

import httpx
import orjson

from fieldapp.errors import (
    HubUnreachableError,
    ReplicaDivergedError,
    SyncAuthError,
    SyncError,
    SyncVersionError,
)
from fieldapp.sync import wire
from fieldapp.sync.changes import WIRE_FIELDS, Change
from fieldapp.sync.protocol import CLOCK_HEADER, SCHEMA_HEADER, SCHEMA_VERSION

_PUSHED_FIELDS = tuple(name for name in WIRE_FIELDS if name != "eff")


class HubClient:
    """One hub at ``url``. ``transport`` lets tests put faults on the wire."""

    def __init__(self, url: str, *, token: str = "", transport: httpx.BaseTransport | None = None,
                 timeout: float = 120.0, schema_version: int = SCHEMA_VERSION) -> None:
        self.url = url.rstrip("/")
        self.token = token
        self.schema_version = schema_version
        self.http = httpx.Client(base_url=self.url, transport=transport, timeout=timeout)

    def close(self) -> None:
        self.http.close()

    def __enter__(self) -> HubClient:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def send(self, method: str, path: str, *, json: Any = None, stream: bool = False,
             **kwargs: Any) -> httpx.Response:
        """One request with the device's headers, whatever the answer (photos read theirs themselves)."""
        headers = {SCHEMA_HEADER: str(self.schema_version), CLOCK_HEADER: str(time.time_ns() // 1_000_000),
                   **kwargs.pop("headers", {})}
        if json is not None:
            # orjson, not httpx's json module: a push batch is thousands of changes
            kwargs["content"] = orjson.dumps(json)
            headers["Content-Type"] = "application/json"
        if self.token:
            headers["Authorization"] = f"Bearer {self.token}"
        try:
            if stream:
                return self.http.send(self.http.build_request(method, path, headers=headers, **kwargs), stream=True)
            return self.http.request(method, path, headers=headers, **kwargs)
        except httpx.TransportError as exc:
            raise HubUnreachableError(f"The hub at {self.url} did not answer ({type(exc).__name__}: {exc}).",
                                      hint="Nothing was lost; sync again when the network is back.") from exc

    def _call(self, method: str, path: str, *, json: Any = None, **kwargs: Any) -> Any:
        return self._read(self.send(method, path, json=json, **kwargs))

    def _read(self, answer: httpx.Response) -> Any:
        if answer.status_code < 400:
            try:
                return orjson.loads(answer.content)
            except orjson.JSONDecodeError:
                pass
            try:
                return answer.json()  # what only the json module reads
            except (ValueError, RecursionError):
                # an empty answer, a proxy's HTML page, one cut off
                kind = answer.headers.get("content-type") or "no content type"
                self.unusable("an answer", wire.Malformed(f"it is not JSON ({kind}, {len(answer.content)} bytes)"))
        self.refused(answer)

    def unusable(self, what: str, exc: wire.Malformed) -> NoReturn:
        """Raise the error of an answer that is not what a FieldApp hub sends (see fieldapp.sync.wire)."""
        raise SyncError(f"The hub at {self.url} sent {what} FieldApp cannot use: {exc}.",
                        hint="Nothing of it was kept on this device; check the hub's address, and sync again "
                             "later.") from exc

    def refused(self, answer: httpx.Response) -> NoReturn:
        """Raise the error a refusal of the hub means."""
        held = answer_json(answer)
        detail = str(held["detail"])[:1000] if "detail" in held else answer.text[:200]
        if answer.status_code == 409:
            replica, receipt = held.get("replica") or {}, held.get("receipt")
            try:
                seq = wire.whole(replica.get("seq", 0) if type(replica) is dict else None, "replica.seq")
            except wire.Malformed as exc:
                self.unusable("a refusal", exc)
            raise ReplicaDivergedError(detail, seq=seq, hash=str(replica.get("hash", "")),
                                       receipt=receipt if type(receipt) is dict else None)
        if answer.status_code == 426:
            raise SyncVersionError(detail, hint="Install the current FieldApp; unsent changes stay on this device.")
        if answer.status_code == 429:
            raise SyncError(f"The hub refused: {detail}", hint="Check the code with whoever issued it, then wait.")
        if answer.status_code in (401, 403):
            raise SyncAuthError(f"The hub refused this device ({answer.status_code}): {detail}")
        raise SyncError(f"The hub answered {answer.status_code}: {detail}",
                        hint="Nothing was marked as sent; sync again later.")

    def enroll(self, code: str, device_id: str, public_key: str) -> dict[str, Any]:
        result = self._call("POST", "/v1/enroll", json={
            "code": code, "device_id": device_id, "public_key": public_key})
        try:
            return wire.enrolled(result)
        except wire.Malformed as exc:
            self.unusable("an enrolment answer", exc)

    def push(self, changes: Sequence[Change], *, base: tuple[int, str] | None = None,
             head: tuple[int, str] | None = None) -> dict[str, Any]:
        # every wire field but the hub's own stamp, one dict per change, as fast as a push needs
        body: dict[str, Any] = {"changes": [{name: getattr(c, name) for name in _PUSHED_FIELDS} for c in changes]}
        if base is not None and head is not None:  # see fieldapp.sync.replica
            body["base"] = {"seq": base[0], "hash": base[1]}
            body["head"] = {"seq": head[0], "hash": head[1]}
        result = self._call("POST", "/v1/push", json=body)
        try:
            return wire.push(result, [c.device_seq for c in changes])
        except wire.Malformed as exc:
            self.unusable("a push answer", exc)

    def pull(self, cursor: int, limit: int, *, replica: str = "", ask: Sequence[str] = ()) -> dict[str, Any]:
        """The next changes; with ``ask`` (photo files), the answer's ``lacking``
        says which of them the hub lacks (as fieldapp.sync.photos asks it), or
        is None when the hub keeps no photos. A hub from before this question
        leaves ``lacking`` out: the device asks apart."""
        params: dict[str, Any] = {"cursor": cursor, "limit": limit}
        if replica:
            params["replica"] = replica
        result: Any = None
        if ask:
            answer = self.send("POST", "/v1/pull", json={**params, "hashes": list(ask)})
            if answer.status_code != 405:
                result = self._read(answer)
        if result is None:
            result = self._call("GET", "/v1/pull", params=params)
        try:
            return wire.pull(result, cursor)
        except wire.Malformed as exc:
            self.unusable("a pull answer", exc)

    def conflicts(self, *, all: bool = False) -> list[dict[str, Any]]:
        result: list[dict[str, Any]] = self._call("GET", "/v1/conflicts", params={"all": all})
        return result

    def resolve(self, conflict_id: str, resolution: str) -> None:
        self._call("POST", f"/v1/conflicts/{conflict_id}", json={"resolution": resolution})


def answer_json(answer: httpx.Response) -> dict[str, Any]:
    """The answer's JSON object; {} for anything else (no JSON, a list, an HTML page)."""
    try:
        body = answer.json()
    except (ValueError, RecursionError):
        return {}
    return body if isinstance(body, dict) else {}
