"""Faults on the wire between a device and the hub, over real HTTP."""

from __future__ import annotations

import httpx


class FaultyTransport(httpx.BaseTransport):
    """Real HTTP to the hub, with one planned fault on the n-th request:

    - ``drop``: the request never reaches the hub;
    - ``lost``: the hub handles and commits it, the answer is lost;
    - ``dup``: the request is delivered twice, the device sees the second answer.
    """

    def __init__(self) -> None:
        self.inner = httpx.HTTPTransport()
        self.fault = ""
        self.at = 0
        self.count = 0

    def plan(self, fault: str, at: int) -> None:
        self.fault, self.at, self.count = fault, at, 0

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        n, self.count = self.count, self.count + 1
        fault = self.fault if n == self.at else ""
        if fault == "drop":
            raise httpx.ConnectError("request dropped (injected)", request=request)
        response = self.inner.handle_request(request)
        response.read()
        response.close()
        if fault == "lost":
            raise httpx.ReadError("answer lost after the hub committed (injected)", request=request)
        if fault == "dup":
            again = httpx.Request(request.method, request.url, headers=request.headers, content=request.read())
            response = self.inner.handle_request(again)
            response.read()
            response.close()
        return response

    def close(self) -> None:
        self.inner.close()
