"""The one way the hub refuses a request: an HTTP status and a message naming what is wrong."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

# Patterns of the texts a request carries (pydantic's ``pattern``): no NUL, which
# PostgreSQL's text cannot hold (a 500 before) and no FieldApp text has; a key in hex.
NO_NUL = r"^[^\x00]*$"
HEX64 = r"^[0-9a-fA-F]{64}$"
_PATTERN_SAID = {NO_NUL: "must not hold a NUL character", HEX64: "must be 64 hexadecimal digits"}
_NAMED = 3  # places named in one answer


class Refused(Exception):
    """The request is refused as a whole; ``status`` is the HTTP status to answer."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


def malformed(errors: Sequence[Mapping[str, Any]]) -> str:
    """One line naming where a request FastAPI or pydantic could not read is wrong
    (the first few places), without echoing what was sent: a hostile value may
    be megabytes, NaN, or bytes that are no UTF-8, which no JSON answer carries."""
    said = []
    for error in errors[:_NAMED]:
        where = ".".join(str(part) for part in error.get("loc", ()))[:80] or "body"
        ctx = error.get("ctx") or {}
        what = _PATTERN_SAID.get(str(ctx.get("pattern")), error.get("msg", "is not valid"))
        said.append(f"{where}: {what}")
    more = f" (and {len(errors) - _NAMED} more)" if len(errors) > _NAMED else ""
    return f"The request is malformed: {'; '.join(said)}{more}. Nothing was stored."
