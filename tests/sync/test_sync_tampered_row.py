"""A sync of a device whose file holds a row typed into it by hand (a REAL of 1.05e20, which has no
canonical form to hash) stops with the row named before it sends or merges anything: the tampered value
stays for `fieldapp verify` to report, and a sync after the file is put right takes the change as usual."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from helpers import device, enrolled

from fieldapp.domain import borehole, project
from fieldapp.errors import IntegrityError
from fieldapp.hub.service import HubService
from fieldapp.store import natural
from fieldapp.sync.engine import sync


def _set_x(path: Path, hole: str, value: float) -> None:
    conn = sqlite3.connect(path)
    natural.register(conn)
    with conn:
        conn.execute("UPDATE borehole SET x_rd = ? WHERE id = ?", (value, hole))
    conn.close()


def test_a_pull_onto_a_tampered_row_names_it_and_writes_nothing(hub: tuple[HubService, str],
                                                                 tmp_path: Path) -> None:
    service, url = hub
    a, b = device(tmp_path, "a"), device(tmp_path, "b")
    ca, cb = enrolled(service, url, a), enrolled(service, url, b)
    proj = project.create(a, code="P1", name="one")
    hole = borehole.create(a, proj.id, code="B01")
    sync(a.store, ca)
    sync(b.store, cb)
    journal_before = b.store.count("journal")
    b.close()
    _set_x(tmp_path / "b.sqlite", hole.id, 1.05e20)
    b = device(tmp_path, "b")
    with a.store.action("edit") as tx:
        tx.update("borehole", hole.id, {"remarks": "from a"})
    sync(a.store, ca)
    with pytest.raises(IntegrityError) as info:
        sync(b.store, cb)
    assert (info.value.table, info.value.row_id) == ("borehole", hole.id)
    assert "outside FieldApp" in str(info.value) and "fieldapp verify" in str(info.value)
    row = b.store.get("borehole", hole.id)
    assert row is not None and row["x_rd"] == 1.05e20 and row["remarks"] is None
    assert b.store.count("journal") == journal_before
    b.close()
    _set_x(tmp_path / "b.sqlite", hole.id, None)  # put right (the row had no position)
    b = device(tmp_path, "b")
    sync(b.store, cb)
    row = b.store.get("borehole", hole.id)
    assert row is not None and row["remarks"] == "from a"
    for x in (a, b, ca, cb):
        x.close()
