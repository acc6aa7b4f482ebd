"""What every request but enrolment must carry: the schema version and a device token.

Plain functions, shared by the FastAPI routes and the photo upload that is
served straight on ASGI (fieldapp.hub.photo_put). Both checks are pure and
run where the request is read; only looking the token up touches the database.
"""

from __future__ import annotations

from fastapi import HTTPException

from fieldapp.sync.protocol import OLDEST_ACCEPTED, SCHEMA_VERSION


def whole_number(header: str | None, digits: int) -> int | None:
    """A header's whole number: ASCII digits only (``str.isdigit`` also takes
    "²", which ``int`` refuses), at most ``digits`` of them; None for anything else."""
    if header and len(header) <= digits and header.isascii() and header.isdigit():
        return int(header)
    return None


def schema_version(header: str | None) -> int:
    """The device's schema version; 426 when the hub and the device cannot talk."""
    version = whole_number(header, 9) or 0
    if version < OLDEST_ACCEPTED:
        raise HTTPException(426, f"Update FieldApp: this hub needs schema version {OLDEST_ACCEPTED} or "
                                 f"newer, the device sent {version}. Your changes are kept on the device.")
    if version > SCHEMA_VERSION:
        raise HTTPException(426, f"The hub runs an older FieldApp (schema {SCHEMA_VERSION}) than this device "
                                 f"({version}): update the hub. Your changes are kept on the device.")
    return version


def bearer(authorization: str | None) -> str:
    """The device token of an ``Authorization: Bearer`` header; 401 without one."""
    if not authorization or not authorization.startswith("Bearer "):
        raise HTTPException(401, "No device token: enrol the device first.")
    return authorization[len("Bearer "):]


def device_clock(header: str | None) -> int | None:
    """The device's wall clock in ms (``X-FieldApp-Clock``), None when absent or
    not a time: 15 digits reach past the year 30000, and the offset the hub keeps
    from it stays within a 64-bit integer whatever a client sends."""
    return whole_number(header, 15)
