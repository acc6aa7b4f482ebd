"""Devices for the sync tests: real stores written through the domain code."""

from __future__ import annotations

import itertools
import json
from pathlib import Path
from typing import Any

from fieldapp.codelists import CodeLists
from fieldapp.hub import devices
from fieldapp.hub.service import HubService
from fieldapp.ids import new_id
from fieldapp.session import Session
from fieldapp.settings import Settings
from fieldapp.store.migrations import DOMAIN_TABLES
from fieldapp.sync.changes import Change
from fieldapp.sync.client import HubClient
from fieldapp.sync.engine import enroll
from fieldapp.sync.local import Replica


def device(tmp: Path, name: str, lists: CodeLists | None = None) -> Session:
    return Session.open(tmp / f"{name}.sqlite", settings=Settings(user=name), lists=lists or CodeLists.load())


def enrolled(service: HubService, url: str, session: Session, role: str = "coordinator", *,
             lab: str | None = None, projects: tuple[str, ...] = (), **client_args: Any) -> HubClient:
    code = devices.create_enrolment(service.db, role=role, name=f"{session.actor}-{role}", lab=lab,
                                    projects=projects)
    client = HubClient(url, **client_args)
    enroll(session.store, client, code)
    return client


def data(session: Session) -> dict[tuple[str, str], dict[str, Any]]:
    """Every domain row of a device, None fields left out (as the hub keeps them)."""
    out = {}
    for table in DOMAIN_TABLES:
        for row in session.store.query(f"SELECT * FROM {table}"):
            out[(table, str(row["id"]))] = {k: v for k, v in row.items() if v is not None}
    return out


def hub_data(service: HubService) -> dict[tuple[str, str], dict[str, Any]]:
    return {k: {f: v for f, v in row.items() if v is not None} for k, row in service.rows().items()}


_FORGED = itertools.count()


def forged(session: Session, tbl: str, fields: dict[str, object], *, op: str = "insert",
           row_id: str | None = None) -> Change:
    """A well-formed change of this device that its own database could never have made."""
    seq = 10_000 + Replica(session.store).pushed_upto + next(_FORGED)
    return Change(device_id=session.store.device_id, device_seq=seq, hlc=session.store.clock.now(), action_id=new_id(),
                  action="forged", actor="attacker", at="2026-09-01T10:00:00Z", tbl=tbl,
                  row_id=row_id or new_id(), op=op, fields=json.dumps(fields))
