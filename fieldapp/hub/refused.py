"""The one way the hub refuses a request: an HTTP status and a message naming what is wrong."""

from __future__ import annotations


class Refused(Exception):
    """The request is refused as a whole; ``status`` is the HTTP status to answer."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
