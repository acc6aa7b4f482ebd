"""The hub's photo routes: which files it lacks, a chunk of one, fetching one.

- ``POST /v1/blobs/lacking`` ``{"hashes": [...]}``: of those, the files the hub
  has not got whole, each with the bytes it holds of an unfinished upload.
- ``PUT /v1/blobs/{sha256}?offset=N&size=TOTAL``: the body is the bytes from N.
  409 with the hub's ``offset`` when N is not where its file ends; 422 when the
  finished file does not hash to its name (the device sends it again).
- ``GET /v1/blobs/{sha256}``: the file (see fieldapp.hub.photos for who may).
"""

# no `from __future__ import annotations`: FastAPI reads the dependency annotations at run time
from collections.abc import Callable
from typing import Annotated, Any

from fastapi import Depends, FastAPI, Query, Request
from fastapi.responses import FileResponse, JSONResponse
from pydantic import BaseModel, Field
from starlette.concurrency import run_in_threadpool

from fieldapp.hub.devices import Device
from fieldapp.hub.photos import OffsetMismatch, may_fetch
from fieldapp.hub.refused import Refused
from fieldapp.hub.service import HubService

MAX_ASKED = 5000


class HashesIn(BaseModel):
    hashes: list[str] = Field(max_length=MAX_ASKED)


def _may_send(dev: Device) -> None:
    if dev.role not in ("sampler", "coordinator"):
        raise Refused(403, "A lab device does not send photos.")


def add_photo_routes(app: FastAPI, service: HubService, device: Callable[..., Device]) -> None:
    Dev = Annotated[Device, Depends(device)]

    @app.exception_handler(OffsetMismatch)
    async def _offset(_r: Request, exc: OffsetMismatch) -> JSONResponse:
        return JSONResponse({"detail": exc.message, "offset": exc.offset}, status_code=409)

    @app.post("/v1/blobs/lacking")
    def lacking(body: HashesIn, dev: Dev) -> dict[str, Any]:
        _may_send(dev)
        held = service.photo_files().lacking(body.hashes)
        return {"lacking": [{"sha256": h.sha256, "offset": h.offset} for h in held]}

    @app.put("/v1/blobs/{sha256}")
    async def chunk(sha256: str, request: Request, dev: Dev, offset: Annotated[int, Query(ge=0)],
                    size: Annotated[int, Query(ge=1)]) -> dict[str, Any]:
        _may_send(dev)
        files = service.photo_files()
        receiving = await run_in_threadpool(files.begin, sha256, offset, size)
        if receiving is None:
            return {"offset": size, "complete": True}
        try:
            # written as it arrives (not buffered: see BodyLimit): a request cut off keeps what came
            async for block in request.stream():
                receiving.write(block)
        finally:
            held = await run_in_threadpool(files.finish, receiving)
        return {"offset": held.offset, "complete": held.complete}

    @app.get("/v1/blobs/{sha256}")
    def fetch(sha256: str, dev: Dev) -> FileResponse:
        path = service.photo_files().path(sha256)
        may_fetch(service.db, dev, sha256)
        return FileResponse(path, media_type="application/octet-stream")
