"""The hub's HTTP API (FastAPI): enrol, push, pull, conflicts.

Every request but enrolment carries a device token; every request carries
the schema version. Answers: 401 unknown or revoked token, 403 role or
identity refused, 413 body too large, 422 malformed body or invalid change,
426 FieldApp too old, 429 too many enrolment attempts (with Retry-After).
A refused request writes nothing.
"""

# no `from __future__ import annotations`: FastAPI reads the dependency annotations at run time
import math
import time
from collections.abc import Awaitable, Callable, MutableMapping
from dataclasses import replace
from typing import Annotated, Any, Literal

import orjson
from fastapi import Depends, FastAPI, Header, HTTPException, Path, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel, Field, ValidationError

from fieldapp.errors import HubStoreError, SyncAuthError
from fieldapp.hub.devices import Device, digest, normal_code
from fieldapp.hub.headers import bearer, device_clock, schema_version
from fieldapp.hub.limits import ENROL_PER_ADDRESS, ENROL_PER_CODE, RateLimiter
from fieldapp.hub.photo_put import PhotoPut
from fieldapp.hub.photos_api import MAX_ASKED, add_photo_routes, lacking_files
from fieldapp.hub.push import Refused
from fieldapp.hub.receipts import Diverged, Mark
from fieldapp.hub.refused import HEX64, NO_NUL, malformed
from fieldapp.hub.service import HubService
from fieldapp.sync.changes import Change
from fieldapp.sync.collect import fewer_collections
from fieldapp.sync.protocol import (
    MAX_BODY_BYTES,
    MAX_PUSH_CHANGES,
    PULL_BATCH,
)

Scope = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[MutableMapping[str, Any]]]
Send = Callable[[MutableMapping[str, Any]], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

_ID = Field(min_length=1, max_length=64)
# a text the hub stores but no push check reads (fieldapp.hub.push checks a change's texts)
_KEY = Field(min_length=1, max_length=64, pattern=NO_NUL)


class ChangeIn(BaseModel):
    device_id: str = _ID
    device_seq: int = Field(ge=1, lt=2**63)  # the databases' 64-bit integers (a 500 before)
    hlc: int = Field(ge=0, lt=2**63)
    action_id: str = _ID
    action: str = Field(max_length=500)
    actor: str = Field(max_length=200)
    at: str = Field(max_length=40)
    tbl: str = _ID
    row_id: str = _ID
    op: Literal["insert", "update", "delete"]
    fields: str = Field(max_length=1_000_000)
    seen: int = Field(default=0, ge=0, lt=2**63)


class MarkIn(BaseModel):
    seq: int = Field(ge=0, lt=2**63)
    hash: str = Field(max_length=64, pattern=NO_NUL)


class PushIn(BaseModel):
    changes: list[ChangeIn] = Field(max_length=MAX_PUSH_CHANGES)
    # the replica's last change the device believes the hub holds, and the
    # last one in this push (fieldapp.hub.receipts); absent from older devices
    base: MarkIn | None = None
    head: MarkIn | None = None


class PullIn(BaseModel):
    """A pull sent as ``POST /v1/pull``: the query's fields, and the photo
    files the device would send (its first pull when it has nothing to push)."""

    cursor: int = Field(default=0, ge=0, lt=2**63)
    limit: int = Field(default=PULL_BATCH, ge=1, le=PULL_BATCH)
    replica: str | None = Field(default=None, max_length=64, pattern=NO_NUL)
    hashes: list[str] = Field(default_factory=list, max_length=MAX_ASKED)


class EnrollIn(BaseModel):
    code: str = Field(min_length=4, max_length=40)
    device_id: str = _KEY
    public_key: str = Field(pattern=HEX64)  # an Ed25519 key in hex (bundles are checked against it)


class ResolveIn(BaseModel):
    resolution: str = Field(min_length=1, max_length=2000, pattern=NO_NUL)


class BodyLimit:
    """Refuse a body over the limit with 413 before any of it is parsed,
    whether it announces its length or is sent in chunks."""

    def __init__(self, app: ASGIApp, limit: int) -> None:
        self.app, self.limit = app, limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        length = dict(scope["headers"]).get(b"content-length")
        if length is not None and (not length.isdigit() or int(length) > self.limit):
            await _too_large(send)
            return
        # read the whole body here, within the limit, and hand it on in one
        # piece: the app never sees (or half-parses) an oversized request
        # (gathered in a bytearray: adding each piece to a bytes object copied
        # all of it again, quadratic in the pieces of a push of several MB)
        gathered, more = bytearray(), True
        while more:
            message = await receive()
            if message["type"] != "http.request":
                return  # the client went away
            gathered += message.get("body", b"")
            more = bool(message.get("more_body", False))
            if len(gathered) > self.limit:
                await _too_large(send)
                return
        body, sent = bytes(gathered), False

        async def replay() -> MutableMapping[str, Any]:
            nonlocal sent
            if sent:
                return await receive()
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}

        await self.app(scope, replay, send)


async def _too_large(send: Send) -> None:
    body = b'{"detail":"The request body is too large."}'
    await send({"type": "http.response.start", "status": 413,
                "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]})
    await send({"type": "http.response.body", "body": body})


def create_app(service: HubService) -> FastAPI:
    app = FastAPI(title="FieldApp hub", docs_url=None, redoc_url=None, openapi_url=None)

    @app.exception_handler(SyncAuthError)
    async def _auth(_r: Request, exc: SyncAuthError) -> JSONResponse:
        return JSONResponse({"detail": str(exc)}, status_code=401)

    @app.exception_handler(Refused)
    async def _refused(_r: Request, exc: Refused) -> JSONResponse:
        return JSONResponse({"detail": exc.message}, status_code=exc.status)

    @app.exception_handler(Diverged)
    async def _diverged(_r: Request, exc: Diverged) -> JSONResponse:
        return JSONResponse(exc.body(), status_code=409)

    @app.exception_handler(RequestValidationError)
    async def _malformed(_r: Request, exc: RequestValidationError) -> JSONResponse:
        # FastAPI's own answer echoes what was sent, and cannot when that is NaN, a
        # lone surrogate or bytes that are no UTF-8: it failed with a 500
        return JSONResponse({"detail": malformed(exc.errors())}, status_code=422)

    @app.exception_handler(HubStoreError)
    async def _store(_r: Request, exc: HubStoreError) -> JSONResponse:
        return JSONResponse({"detail": str(exc)}, status_code=503)

    # pure checks as async dependencies: FastAPI runs a plain one in a worker
    # thread, and each hop there is a scheduler wake-up on a busy hub
    async def schema(x_fieldapp_schema: Annotated[str | None, Header()] = None) -> int:
        return schema_version(x_fieldapp_schema)

    async def token(_v: Annotated[int, Depends(schema)],
                    authorization: Annotated[str | None, Header()] = None) -> str:
        return bearer(authorization)

    Token = Annotated[str, Depends(token)]

    def device(tok: Token) -> Device:
        return service.authenticate(tok)

    Dev = Annotated[Device, Depends(device)]

    per_address, per_code = RateLimiter(ENROL_PER_ADDRESS), RateLimiter(ENROL_PER_CODE)

    def throttle(address: str, code: str) -> None:
        """429 with Retry-After when a client or a code failed too often (see fieldapp.hub.limits)."""
        for limiter, key, what in ((per_address, address, f"from {address}"), (per_code, code, "with this code")):
            wait = limiter.wait_s(key)
            if wait:
                raise HTTPException(429, f"Too many failed enrolment attempts {what}: try again in "
                                         f"{math.ceil(wait)} s.", headers={"Retry-After": str(math.ceil(wait))})

    @app.post("/v1/enroll")
    def enroll(body: EnrollIn, request: Request, _v: Annotated[int, Depends(schema)]) -> dict[str, Any]:
        address, code = request.client.host if request.client else "?", digest(normal_code(body.code))
        throttle(address, code)
        try:
            dev, token = service.enroll(body.code, body.device_id, body.public_key)
        except SyncAuthError:
            per_address.failed(address)
            per_code.failed(code)
            raise
        return {"token": token, "role": dev.role, "name": dev.name, "lab": dev.lab}

    async def push_body(request: Request) -> PushIn:
        # read by pydantic straight from the bytes: FastAPI's own route goes
        # through the json module first, a third of a push's parsing time
        body = await request.body()
        try:
            with fewer_collections():  # thousands of models, all alive until the push is logged
                return PushIn.model_validate_json(body)
        except ValidationError as exc:
            raise RequestValidationError(exc.errors(include_url=False)) from exc

    @app.post("/v1/push")
    def push(body: Annotated[PushIn, Depends(push_body)], dev: Dev,
             x_fieldapp_clock: Annotated[str | None, Header()] = None) -> dict[str, Any]:
        clock = device_clock(x_fieldapp_clock)
        with fewer_collections():
            # the model's fields, checked by it, without model_dump's copy
            changes = [Change.from_wire(c.__dict__) for c in body.changes]
        receipt: dict[str, Any] | None = None
        if body.base is not None and body.head is not None and changes:
            result, signed = service.push_receipted(dev, changes, Mark(body.base.seq, body.base.hash),
                                                    Mark(body.head.seq, body.head.hash), clock)
            receipt = signed.to_wire()
        else:
            result = service.push(dev, changes, clock)
        return {"accepted": result.accepted, "duplicates": result.duplicates, "conflicts": result.conflicts,
                "upto": result.upto, "bounded": result.bounded, "clock_offset_ms": result.clock_offset_ms,
                "clock_flagged": result.clock_flagged, "receipt": receipt}

    def pulled(dev: Device, cursor: int, limit: int, replica: str | None,
               more: dict[str, Any] | None = None) -> Response:
        # leave out only the asking replica's own changes: those of an earlier
        # replica of this device (before a restore or a copy) are what it may lack
        result = service.pull(replace(dev, device_id=replica) if replica else dev, cursor, limit)
        held: dict[str, Any] | None = None
        if replica:
            # what the hub holds of that replica, read after the changes: the
            # device compares it with its journal (fieldapp.sync.replica)
            mark, receipt = service.replica(dev, replica)
            held = {"seq": mark.seq, "hash": mark.hash, "receipt": receipt.to_wire() if receipt else None}
        # encoded here with orjson: FastAPI's own encoder walks each of a batch's thousands of changes
        return Response(orjson.dumps({"changes": result.changes, "cursor": result.cursor, "more": result.more,
                                      "server_ms": int(time.time() * 1000), "replica": held, **(more or {})}),
                        media_type="application/json")

    @app.get("/v1/pull")
    def pull(tok: Token, cursor: int = 0, limit: int = PULL_BATCH,
             replica: Annotated[str | None, Query(max_length=64, pattern=NO_NUL)] = None) -> Response:
        dev = service.authenticate(tok)  # an idle sync is this one request: one worker hop
        # a cursor beyond SQLite's and PostgreSQL's 64-bit integers is refused here, not by the database (500)
        if not 0 <= cursor < 2**63 or not 1 <= limit <= PULL_BATCH:
            raise HTTPException(422, f"cursor must be 0 to 2**63-1 and limit 1..{PULL_BATCH}.")
        return pulled(dev, cursor, limit, replica)

    @app.post("/v1/pull")
    def pull_asking(body: PullIn, tok: Token) -> Response:
        """A pull that also answers which of ``hashes`` the hub lacks (as
        ``/v1/blobs/lacking``; ``lacking`` is null when it keeps no photos):
        a device with photo files to send and no rows to push syncs in one request fewer."""
        dev = service.authenticate(tok)
        # refused whole (403) before anything is read for a device that sends no photos
        asked = {"lacking": lacking_files(service, dev, body.hashes)} if body.hashes else None
        return pulled(dev, body.cursor, body.limit, body.replica, asked)

    add_photo_routes(app, service, token)

    @app.get("/v1/conflicts")
    def conflicts(dev: Dev, all: bool = False) -> list[dict[str, Any]]:
        return service.conflicts(dev, open_only=not all)

    @app.post("/v1/conflicts/{conflict_id}")
    def resolve(conflict_id: Annotated[str, Path(max_length=64, pattern=NO_NUL)], body: ResolveIn,
                dev: Dev) -> dict[str, str]:
        service.resolve(dev, conflict_id, body.resolution)
        return {"resolved": conflict_id}

    return app


def hub_app(service: HubService, limit: int = MAX_BODY_BYTES) -> ASGIApp:
    """The app as uvicorn serves it: the API behind the body limit, a photo's
    bytes beside it (bounded by fieldapp.hub.photos, written as they arrive)."""
    return PhotoPut(BodyLimit(create_app(service), limit), service)
