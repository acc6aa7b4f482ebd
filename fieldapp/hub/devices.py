"""Enrolment, tokens and revocation.

Tokens and enrolment codes are stored only as SHA-256 hashes. A token is 256
random bits, so a fast hash is enough (there is no dictionary to try) and
lets the hub find the device by the hash of what it was sent. A code is
one-time and expires after a day.
"""

from __future__ import annotations

import hashlib
import secrets
import time
from collections.abc import Sequence
from dataclasses import dataclass

from fieldapp.errors import SyncAuthError, SyncError
from fieldapp.hub import feed
from fieldapp.hub.db import Conn, HubDB
from fieldapp.ids import new_id
from fieldapp.store.database import utc_now
from fieldapp.sync.protocol import ROLES

CODE_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"  # Crockford: no I, L, O, U to misread
CODE_LIFETIME_MS = 24 * 3600 * 1000


def digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def normal_code(code: str) -> str:
    return code.replace("-", "").replace(" ", "").upper()


@dataclass(frozen=True)
class Device:
    id: str
    name: str
    role: str
    lab: str | None
    device_id: str | None
    public_key: str | None
    revoked: bool


_COLS = "id, name, role, lab, device_id, public_key, revoked"


def _device(row: Sequence[object]) -> Device:
    return Device(str(row[0]), str(row[1]), str(row[2]), None if row[3] is None else str(row[3]),
                  None if row[4] is None else str(row[4]), None if row[5] is None else str(row[5]),
                  bool(row[6]))


def create_enrolment(db: HubDB, *, role: str, name: str, lab: str | None = None,
                     projects: Sequence[str] = ()) -> str:
    """Register a device to be and return its one-time enrolment code."""
    if role not in ROLES:
        raise SyncError(f"Unknown role {role!r}.", hint=f"Give one of: {', '.join(ROLES)}.")
    if role == "lab" and not lab:
        raise SyncError("A lab device needs --lab: the lab whose shipments it receives.")
    if not name.strip():
        raise SyncError("The device needs a name.", hint="Give --name, e.g. the laptop's asset tag.")
    raw = "".join(secrets.choice(CODE_ALPHABET) for _ in range(12))
    code = f"{raw[:4]}-{raw[4:8]}-{raw[8:]}"
    with db.write() as conn:
        if conn.execute("SELECT 1 FROM hub_device WHERE name = ?", (name,)):
            raise SyncError(f"A device named {name!r} already exists.", hint="Pick another name or revoke it.")
        device = new_id()
        conn.execute(
            "INSERT INTO hub_device (id, name, role, lab, code_hash, code_expires, created_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            (device, name, role, lab, digest(raw), int(time.time() * 1000) + CODE_LIFETIME_MS, utc_now()))
        conn.executemany("INSERT INTO hub_grant (device, project_code) VALUES (?, ?)",
                         [(device, p) for p in dict.fromkeys(projects)])
    return code


def enroll(conn: Conn, code: str, device_id: str, public_key: str) -> tuple[Device, str]:
    """Exchange a one-time code for a token; bind the device's own id and key."""
    rows = conn.execute(f"SELECT {_COLS}, code_expires, token_hash FROM hub_device WHERE code_hash = ?",
                        (digest(normal_code(code)),))
    if not rows:
        raise SyncAuthError("The enrolment code is not known.", hint="Check the code or ask for a new one.")
    device = _device(rows[0])
    if device.revoked or rows[0][8] is not None:
        raise SyncAuthError("The enrolment code was already used or revoked.", hint="Ask for a new code.")
    if int(rows[0][7]) < time.time() * 1000:
        raise SyncAuthError("The enrolment code has expired.", hint="Ask the coordinator for a new code.")
    # a revoked laptop may be enrolled again with a new code: free its old binding
    conn.execute("UPDATE hub_device SET device_id = NULL WHERE device_id = ? AND revoked = 1", (device_id,))
    if conn.execute("SELECT 1 FROM hub_device WHERE device_id = ?", (device_id,)):
        raise SyncAuthError("This device is already enrolled under another name.",
                            hint="Revoke the old enrolment on the hub first.")
    token = secrets.token_urlsafe(32)
    conn.execute(
        "UPDATE hub_device SET device_id = ?, public_key = ?, token_hash = ?, code_hash = NULL, enrolled_at = ? "
        "WHERE id = ?", (device_id, public_key, digest(token), utc_now(), device.id))
    return Device(device.id, device.name, device.role, device.lab, device_id, public_key, False), token


def authenticate(conn: Conn, token: str) -> Device:
    rows = conn.execute(f"SELECT {_COLS} FROM hub_device WHERE token_hash = ?", (digest(token),))
    if not rows:
        raise SyncAuthError("The hub does not know this device's token.", hint="Enrol the device again.")
    device = _device(rows[0])
    if device.revoked:
        raise SyncAuthError("This device's access was revoked.", hint="Ask the coordinator to enrol it again.")
    return device


def by_device_id(conn: Conn, device_id: str) -> Device | None:
    rows = conn.execute(f"SELECT {_COLS} FROM hub_device WHERE device_id = ?", (device_id,))
    return _device(rows[0]) if rows else None


def revoke(db: HubDB, name: str) -> Device:
    with db.write() as conn:
        rows = conn.execute(f"SELECT {_COLS} FROM hub_device WHERE name = ?", (name,))
        if not rows:
            raise SyncError(f"There is no device named {name!r}.", hint="See `fieldapp hub devices`.")
        conn.execute("UPDATE hub_device SET revoked = 1, code_hash = NULL WHERE name = ?", (name,))
    return _device(rows[0])


def list_devices(db: HubDB) -> list[Device]:
    with db.read() as conn:
        return [_device(r) for r in conn.execute(f"SELECT {_COLS} FROM hub_device ORDER BY name")]


def grant(db: HubDB, name: str, project_code: str) -> Device:
    """Let a sampler device change (and pull) the project with this code."""
    code = project_code.strip()
    if not code:
        raise SyncError("Give the project's code.", hint="e.g. --project P2026-014, as the project shows it.")
    with db.write() as conn:
        device = _sampler_named(conn, name)
        if conn.execute("SELECT 1 FROM hub_grant WHERE device = ? AND project_code = ?", (device.id, code)):
            raise SyncError(f"{name} is already granted project {code}.")
        conn.execute("INSERT INTO hub_grant (device, project_code) VALUES (?, ?)", (device.id, code))
        feed.republish_project(conn, code, device.id)
    return device


def ungrant(db: HubDB, name: str, project_code: str) -> Device:
    """Take a project back from a sampler device: it no longer changes or pulls it.
    (A project the device created itself stays its own.)"""
    code = project_code.strip()
    with db.write() as conn:
        device = _sampler_named(conn, name)
        if not conn.execute("SELECT 1 FROM hub_grant WHERE device = ? AND project_code = ?", (device.id, code)):
            granted = [r[0] for r in conn.execute(
                "SELECT project_code FROM hub_grant WHERE device = ? ORDER BY project_code", (device.id,))]
            raise SyncError(f"{name} is not granted project {code!r}.",
                            hint=f"It is granted: {', '.join(granted) or 'no projects'}.")
        conn.execute("DELETE FROM hub_grant WHERE device = ? AND project_code = ?", (device.id, code))
        feed.withdraw_project(conn, code, device.id)
    return device


def grants(db: HubDB, name: str) -> list[str]:
    with db.read() as conn:
        return [r[0] for r in conn.execute(
            "SELECT g.project_code FROM hub_grant g JOIN hub_device d ON d.id = g.device WHERE d.name = ? "
            "ORDER BY g.project_code", (name,))]


def _sampler_named(conn: Conn, name: str) -> Device:
    rows = conn.execute(f"SELECT {_COLS} FROM hub_device WHERE name = ?", (name,))
    if not rows:
        raise SyncError(f"There is no device named {name!r}.", hint="See `fieldapp hub devices`.")
    device = _device(rows[0])
    if device.role != "sampler":
        what = f"the shipments addressed to {device.lab}" if device.role == "lab" else "every project"
        raise SyncError(f"{name} is a {device.role} device: projects are granted to samplers only.",
                        hint=f"A {device.role} device already reaches {what}.")
    return device
