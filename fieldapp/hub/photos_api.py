"""The hub's photo routes: which files it lacks, a chunk of one, fetching one.

- ``POST /v1/blobs/lacking`` ``{"hashes": [...]}``: of those, the files the hub
  has not got whole, each with the bytes it holds of an unfinished upload.
  A device with nothing to push asks this in its first pull instead
  (``POST /v1/pull``, fieldapp.hub.app), one request fewer.
- ``PUT /v1/blobs/{sha256}?offset=N&size=TOTAL``: the body is the bytes from N.
  409 with the hub's ``offset`` when N is not where its file ends; 422 when the
  finished file does not hash to its name (the device sends it again). Served
  before FastAPI: fieldapp.hub.photo_put.
- ``GET /v1/blobs/{sha256}``: the file (see fieldapp.hub.photos for who may).
"""

# no `from __future__ import annotations`: FastAPI reads the dependency annotations at run time
from collections.abc import Callable
from typing import Annotated, Any

from fastapi import Depends, FastAPI
from fastapi.responses import FileResponse
from pydantic import BaseModel, Field

from fieldapp.hub.devices import Device
from fieldapp.hub.photo_put import may_send
from fieldapp.hub.photos import may_fetch
from fieldapp.hub.service import HubService

MAX_ASKED = 5000


class HashesIn(BaseModel):
    hashes: list[str] = Field(max_length=MAX_ASKED)


def lacking_files(service: HubService, dev: Device, hashes: list[str]) -> list[dict[str, Any]] | None:
    """Of ``hashes``, the files the hub has not got whole, each with the bytes
    it holds; None when the hub keeps no photos. 403 for a device that sends none."""
    may_send(dev)
    if service.blobs is None:
        return None
    return [{"sha256": h.sha256, "offset": h.offset} for h in service.blobs.lacking(hashes)]


def add_photo_routes(app: FastAPI, service: HubService, token: Callable[..., Any]) -> None:
    """``token`` is the app's dependency for the device token: each route
    checks it in its own worker thread, one hop per request."""
    Token = Annotated[str, Depends(token)]

    @app.post("/v1/blobs/lacking")
    def lacking(body: HashesIn, tok: Token) -> dict[str, Any]:
        held = lacking_files(service, service.authenticate(tok), body.hashes)
        if held is None:
            service.photo_files()  # the hub keeps no photos: 503
        return {"lacking": held}

    @app.get("/v1/blobs/{sha256}")
    def fetch(sha256: str, tok: Token) -> FileResponse:
        dev = service.authenticate(tok)
        path = service.photo_files().path(sha256)
        may_fetch(service.db, dev, sha256)
        return FileResponse(path, media_type="application/octet-stream")
