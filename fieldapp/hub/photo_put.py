"""``PUT /v1/blobs/{sha256}?offset=N&size=TOTAL``: a photo's bytes, served on ASGI before FastAPI.

The body is written and hashed as it arrives (fieldapp.hub.photos), so a
request cut off keeps what came and the hub reads nothing back at the end.
That happens in a writing thread, a megabyte at a time and one hand-off
after the other: hashing a photo costs about as much as receiving it, and
the event loop reads the next megabyte meanwhile.
This route does nothing FastAPI would add to that (no body model, no
response model), and going round it leaves one worker-thread hop to check
the device and open the file and one to put the finished file on disk: on a
busy hub each hop is a scheduler wake-up, and the upload of a phone's photo
is a few of them long. Answers as the other routes: 401/403/426 for the
device, 409 with the hub's ``offset``, 413, 422 (damaged: sent again), 503.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, MutableMapping
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any
from urllib.parse import parse_qs

import orjson
from fastapi import HTTPException
from starlette.concurrency import run_in_threadpool

from fieldapp.errors import HubStoreError, SyncAuthError
from fieldapp.hub.devices import Device
from fieldapp.hub.headers import bearer, schema_version
from fieldapp.hub.photos import Held, OffsetMismatch, Receiving
from fieldapp.hub.refused import Refused
from fieldapp.hub.service import HubService

Scope = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[MutableMapping[str, Any]]]
Send = Callable[[MutableMapping[str, Any]], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

PREFIX = "/v1/blobs/"
HAND_OFF = 1 << 20  # bytes received before they go to the writing thread


def may_send(dev: Device) -> None:
    if dev.role not in ("sampler", "coordinator"):
        raise Refused(403, "A lab device does not send photos.")


def _query(raw: bytes) -> tuple[int, int]:
    """``offset`` (0 or more) and ``size`` (1 or more) of the query string; 422 otherwise."""
    query = parse_qs(raw.decode("latin-1"))
    try:
        offset, size = int(query["offset"][0]), int(query["size"][0])
    except (KeyError, ValueError):
        raise Refused(422, "A photo chunk needs ?offset=N&size=TOTAL as whole numbers.") from None
    if offset < 0 or size < 1:
        raise Refused(422, f"offset must be 0 or more and size 1 or more, not {offset} and {size}.")
    return offset, size


class PhotoPut:
    """The photo upload route in front of ``app`` (everything else goes on to it)."""

    def __init__(self, app: ASGIApp, service: HubService) -> None:
        self.app, self.service = app, service
        self._writer = ThreadPoolExecutor(thread_name_prefix="photo-write")

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "PUT" or not scope["path"].startswith(PREFIX):
            await self.app(scope, receive, send)
            return
        try:
            body = await self._put(scope, receive)
            status = 200
        except OffsetMismatch as exc:
            status, body = 409, {"detail": exc.message, "offset": exc.offset}
        except Refused as exc:
            status, body = exc.status, {"detail": exc.message}
        except HTTPException as exc:
            status, body = exc.status_code, {"detail": exc.detail}
        except SyncAuthError as exc:
            status, body = 401, {"detail": str(exc)}
        except HubStoreError as exc:
            status, body = 503, {"detail": str(exc)}
        content = orjson.dumps(body)
        await send({"type": "http.response.start", "status": status,
                    "headers": [(b"content-type", b"application/json"),
                                (b"content-length", str(len(content)).encode())]})
        await send({"type": "http.response.body", "body": content})

    def _begin(self, token: str, sha256: str, offset: int, size: int) -> Receiving | None:
        may_send(self.service.authenticate(token))
        return self.service.photo_files().begin(sha256, offset, size)

    async def _put(self, scope: Scope, receive: Receive) -> dict[str, Any]:
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope["headers"]}
        schema_version(headers.get("x-fieldapp-schema"))
        token = bearer(headers.get("authorization"))
        offset, size = _query(scope["query_string"])
        receiving = await run_in_threadpool(self._begin, token, scope["path"][len(PREFIX):], offset, size)
        if receiving is None:  # the hub has it whole (another device sent the same content)
            return {"offset": size, "complete": True}
        blocks: list[bytes] = []
        waiting = 0
        job: Future[None] | None = None
        try:
            more = True
            while more:
                message = await receive()
                if message["type"] != "http.request":
                    break  # the device went away: what came is kept
                body = message.get("body", b"")
                more = bool(message.get("more_body", False))
                if body:
                    blocks.append(body)
                    waiting += len(body)
                if waiting >= HAND_OFF and more:
                    # written and hashed in a thread while the next blocks arrive,
                    # one hand-off at a time: in order, and little held in memory
                    if job is not None:
                        await asyncio.wrap_future(job)
                    job, blocks, waiting = self._writer.submit(receiving.write_all, blocks), [], 0
        except BaseException:
            await run_in_threadpool(self._keep, receiving, job, blocks)
            raise
        held = await run_in_threadpool(self._keep, receiving, job, blocks)
        return {"offset": held.offset, "complete": held.complete}

    def _keep(self, receiving: Receiving, job: Future[None] | None, blocks: list[bytes]) -> Held:
        """The blocks that arrived written after those under way (none after a
        block refused), then what arrived kept: fieldapp.hub.photos.HubBlobs.finish."""
        files = self.service.photo_files()
        try:
            if job is not None:
                job.result()
            receiving.write_all(blocks)
        except BaseException:
            files.finish(receiving)
            raise
        return files.finish(receiving)
